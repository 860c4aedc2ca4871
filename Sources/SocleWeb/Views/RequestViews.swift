import Foundation
import SocleCore

/// The identifier fields of the public form and of the DPO's request page, in order.
let requestIdentifierFields = ["id_email", "id_phone", "id_nir", "id_name", "id_birthDate", "id_plate"]

extension ViewContext {
    func identifierFields(_ values: [String: String], _ errors: [String: String], idPrefix: String) -> [[String: Any]] {
        requestIdentifierFields.map { name in
            field(name, label: s("requests.form." + name), value: values[name], errors: errors,
                  hint: name == "id_birthDate" ? s("requests.form.birth_hint") : nil, type: name == "id_birthDate" ? "date" : "text",
                  idPrefix: idPrefix)
        }
    }

    func errorSummary(_ errors: [String: String], labels: (String) -> String, idPrefix: String) -> [[String: Any]] {
        errors.sorted { $0.key < $1.key }.map { key, message in
            ["href": "#\(idPrefix)-\(key)", "label": labels(key), "message": message]
        }
    }
}

extension PublicRequestFormPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let title = ctx.s("requests.public.title")
        let e = errors
        func label(_ name: String) -> String { ctx.s("requests.form." + name) }
        let who: [[String: Any]] = [
            ctx.select("organisation", label: label("organisation"), options: organisations.map { ($0.value, $0.label) },
                       selected: values["organisation"], errors: e, emptyLabel: ctx.s("requests.form.choose"), idPrefix: "req"),
            ctx.select("right", label: label("right"), options: rights.map { ($0.value, $0.label) }, selected: values["right"], errors: e,
                       emptyLabel: ctx.s("requests.form.choose"), idPrefix: "req"),
            ctx.field("requester", label: label("requester"), value: values["requester"], errors: e, required: true, idPrefix: "req"),
            ctx.field("contact", label: label("contact"), value: values["contact"], errors: e, hint: ctx.s("requests.form.contact_hint"),
                      required: true, type: "email", idPrefix: "req"),
        ]
        let message = [ctx.textarea("message", label: label("message"), value: values["message"] ?? "", errors: e,
                                    hint: ctx.s("requests.form.message_hint"), idPrefix: "req")]
        let d: [String: Any] = [
            "heading": title,
            "action": PortalPaths.newPrivacyRequest,
            "groups": [
                ["legend": ctx.s("requests.form.group_request"), "fields": who] as [String: Any],
                ["legend": ctx.s("requests.form.group_identifiers"), "hint": ctx.s("requests.form.identifiers_hint"),
                 "fields": ctx.identifierFields(values, e, idPrefix: "req")] as [String: Any],
                ["legend": ctx.s("requests.form.group_message"), "fields": message] as [String: Any],
            ],
            "hasErrors": !errors.isEmpty,
            "errorSummary": ctx.errorSummary(errors, labels: label, idPrefix: "req"),
            "publicRegisterHref": PortalPaths.publicRegister,
            "trackHref": PortalPaths.trackPrivacyRequest,
        ]
        return PageContent(template: "privacy-request-form", title: title, data: d)
    }
}

extension PublicRequestSentPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let title = ctx.s("requests.sent.title")
        return PageContent(template: "privacy-request-sent", title: title, data: [
            "heading": title, "trackingHref": trackingHref, "trackingURL": trackingURL, "organisation": organisation, "right": right, "due": due,
        ])
    }
}

extension PublicRequestTrackPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let title = ctx.s("requests.track.title")
        var d: [String: Any] = [
            "heading": title, "found": organisation != nil, "action": PortalPaths.trackPrivacyRequest,
            "organisation": ctx.opt(organisation), "right": right, "state": state, "stateKey": stateKey,
            "received": received, "due": due, "extended": extended, "refusal": ctx.opt(refusal), "cnil": cnilMention,
            "newHref": PortalPaths.newPrivacyRequest,
        ]
        d["answer"] = ctx.opt(answer.map { ["text": $0.text, "date": $0.date, "channel": $0.channel] as [String: Any] })
        return PageContent(template: "privacy-request-track", title: title, data: d)
    }
}

extension RequestListPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let title = ctx.s("requests.list.title")
        let d: [String: Any] = [
            "heading": title,
            "items": items.map { i -> [String: Any] in
                ["href": PortalPaths.request(i.id), "id": String(i.id), "organisation": i.organisation, "right": i.right,
                 "requester": i.requester, "state": i.state, "stateKey": i.stateKey, "received": i.received, "due": i.due,
                 "overdue": i.reminder == "overdue", "dueSoon": i.reminder == "dueSoon", "extended": i.extended, "closed": i.closed,
                 "left": i.closed ? "" : (i.daysLeft < 0 ? ctx.s("requests.late_by", ["n": String(-i.daysLeft)])
                                                          : ctx.s("requests.days_left", ["n": String(i.daysLeft)]))]
            },
            "empty": items.isEmpty,
            "organisations": ctx.options([("", ctx.s("register.all_organisations"))] + organisations.map { ($0.value, $0.label) },
                                         selected: organisation ?? ""),
            "action": PortalPaths.requests,
            "newHref": PortalPaths.newRequest,
            "publicFormHref": PortalPaths.newPrivacyRequest,
            "reminders": dueSoon + overdue > 0,
            "reminderText": ctx.s("requests.list.reminders", ["overdue": String(overdue), "soon": String(dueSoon)]),
            "backHref": PortalPaths.register,
        ]
        return PageContent(template: "requests", title: title, data: d)
    }
}

extension RequestPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let title = ctx.s("requests.page.title", ["id": String(id)])
        let e = errors
        func v(_ name: String, _ fallback: String = "") -> String { values[name] ?? fallback }
        var d: [String: Any] = [
            "heading": title, "id": String(id), "organisation": organisation, "right": right, "requester": requester, "contact": contact,
            "channel": channel, "message": message, "hasMessage": !message.isEmpty, "received": received, "due": due,
            "initialDue": initialDue, "state": state, "stateKey": stateKey, "closed": closed,
            "overdue": reminder == "overdue", "dueSoon": reminder == "dueSoon",
            "left": closed ? "" : (daysLeft < 0 ? ctx.s("requests.late_by", ["n": String(-daysLeft)]) : ctx.s("requests.days_left", ["n": String(daysLeft)])),
            "identifiers": identifiers.map { ["label": $0.label, "value": $0.value] as [String: Any] },
            "hasIdentifiers": !identifiers.isEmpty,
            "identityNeeded": identityNeeded,
            "identityCheck": ctx.opt(identityCheck),
            "extended": ctx.opt(extended),
            "refusal": ctx.opt(refusal),
            "cnil": cnilMention,
            "events": events.map { ["at": ctx.date($0.at), "iso": ctx.isoDate($0.at), "text": $0.text, "actor": $0.actor] as [String: Any] },
            "canTransition": !transitions.isEmpty,
            "transitionAction": PortalPaths.requestTransition(id),
            "transitionFields": [
                ctx.select("state", label: ctx.s("requests.form.state"), options: transitions.map { ($0.value, $0.label) }, selected: v("state"),
                           errors: e, idPrefix: "tr"),
                ctx.textarea("reason", label: ctx.s("requests.form.reason"), value: v("reason"), errors: e,
                             hint: ctx.s("requests.form.reason_hint"), idPrefix: "tr"),
                ctx.textarea("note", label: ctx.s("requests.form.note"), value: v("note"), errors: e, idPrefix: "tr"),
            ],
            "canAnswer": canAnswer,
            "answerAction": PortalPaths.requestAnswer(id),
            "answerFields": [
                ctx.textarea("text", label: ctx.s("requests.form.answer_text"), value: v("text"), errors: e, idPrefix: "an"),
                ctx.field("date", label: ctx.s("requests.form.answer_date"), value: v("date", today), errors: e, type: "date", idPrefix: "an"),
                ctx.select("channel", label: ctx.s("requests.form.answer_channel"), options: channels.map { ($0.value, $0.label) },
                           selected: v("channel", "email"), errors: e, idPrefix: "an"),
            ],
            "canExtend": canExtend,
            "extendAction": PortalPaths.requestExtend(id),
            "extendHint": ctx.s("requests.form.extend_hint", ["due": initialDue]),
            "extendFields": [
                ctx.field("notified", label: ctx.s("requests.form.notified"), value: v("notified", today), errors: e, type: "date", idPrefix: "ex"),
                ctx.textarea("reason", label: ctx.s("requests.form.extend_reason"), value: v("extendReason"), errors: e["extendReason"].map { ["reason": $0] } ?? [:], idPrefix: "ex"),
            ],
            "identityAction": PortalPaths.requestIdentity(id),
            "identityFields": [ctx.field("method", label: ctx.s("requests.form.method"), value: v("method"), errors: e,
                                         hint: ctx.s("requests.form.method_hint"), idPrefix: "id")],
            "identifiersAction": PortalPaths.requestIdentifiers(id),
            "identifierFields": ctx.identifierFields(identifierValues.merging(values) { _, typed in typed }, e, idPrefix: "idf"),
            "hasErrors": !errors.isEmpty,
            "errorSummary": ctx.errorSummary(errors, labels: { ctx.s("requests.form." + $0) }, idPrefix: "req"),
            "noteAction": PortalPaths.requestNote(id),
            "noteFields": [ctx.textarea("summary", label: ctx.s("requests.form.summary"), value: v("summary"), errors: e, idPrefix: "nt")],
            "subjectSearchHref": ctx.opt(subjectSearchHref),
            "trackingHref": ctx.opt(trackingHref),
            "backHref": PortalPaths.requests,
        ]
        d["answer"] = ctx.opt(answer.map { ["text": $0.text, "date": $0.date, "channel": $0.channel] as [String: Any] })
        return PageContent(template: "request", title: title, data: d)
    }
}
