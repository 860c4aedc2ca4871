import Foundation
import Hummingbird
import SocleActions
import SocleCore
import SocleWeb

/// Reads the identifiers of a person from a form (the DPO's page) — never from a URL, which logs would keep.
private func subjectQuery(_ f: FormFields) -> SubjectQuery {
    SubjectQuery(email: f["email"], phone: f["phone"], nir: f["nir"], name: f["name"], birthDate: f["birthDate"], plate: f["plate"])
}

/// `/register/subjects`: the DPO finds a person in every dataset, downloads the access package, erases.
struct SubjectPagesController {
    let state: ServerState
    let pages: Pages
    var subjects: SubjectActions { state.subjects }

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("register/subjects", use: form)
        group.post("register/subjects", use: search)
        group.post("register/subjects/package", use: package)
        group.post("register/subjects/erase", use: erase)
        group.post("register/subjects/rectify", use: rectify)
    }

    static let fieldNames = ["email", "phone", "nir", "name", "birthDate", "plate", "request", "dataset", "column", "value"]

    func values(_ f: FormFields) -> [String: String] {
        var v: [String: String] = [:]
        for n in Self.fieldNames { if let x = f[n] { v[n] = String(x.prefix(320)) } }
        return v
    }

    /// The error of a refused search, by field (a located one), else for the whole form.
    static func errors(_ e: SocleError, _ lang: Language) -> [String: String] {
        if let field = e.location?.column, fieldNames.contains(field) { return [field: e.message(lang)] }
        if e.code == "subject.unknown_request" { return ["request": e.message(lang)] }
        if e.code.hasPrefix("subject.rectify.") { return ["_form": e.message(lang)] }
        return ["_form": e.message(lang)]
    }

    @Sendable func form(_ request: Request, context: SignedInContext) async throws -> Response {
        // Only someone who may search may see the form (the same refusal as a search).
        _ = try await subjects.reindex(by: context.principal)
        var v: [String: String] = [:]
        // From a request's page: its identifiers fill the form (they stay out of the URL; only the number is in it).
        if let r = request.uri.queryParameters.get("request"), let id = Int64(r) {
            let q = try await subjects.query(forRequest: id, by: context.principal)
            v = ["email": q.email, "phone": q.phone, "nir": q.nir, "name": q.name, "birthDate": q.birthDate, "plate": q.plate]
                .compactMapValues { $0 }
            v["request"] = r
        }
        return try pages.render(SubjectSearchPage(values: v), request, context.base)
    }

    /// `recorded`: whether the search goes into the request's history (not when it only redraws a refused form).
    func resultsPage(_ query: SubjectQuery, values: [String: String], _ context: SignedInContext,
                     erased: SubjectSearchPage.Erased? = nil, recorded: Bool = true) async throws -> SubjectSearchPage {
        let lang = context.language
        let request = recorded ? values["request"].flatMap { Int64($0) } : nil
        let result = try await subjects.search(query, request: request, by: context.principal)
        let datasets = try await state.queries.datasets()
        let titles = Dictionary(datasets.map { ($0.slug, ($0.title, $0.currentRevision)) }, uniquingKeysWith: { a, _ in a })
        let matches = result.matches.map { m in
            SubjectSearchPage.Match(dataset: m.dataset, datasetTitle: titles[m.dataset]?.0 ?? m.dataset, revision: m.revision, row: m.row,
                                    column: m.column, current: titles[m.dataset]?.1 == m.revision)
        }
        let summary = Catalog.shared.string("web.subjects.summary", language: lang, args: [
            "count": String(matches.count), "found": String(Set(matches.map(\.dataset)).count),
            "revisions": String(result.revisionsSearched), "datasets": String(result.datasetsSearched)])
        let canErase = !(try await state.register.organisations(context.principal, .editRegister)).isEmpty
        var page = SubjectSearchPage(values: values, searched: true, matches: matches, summary: summary, canErase: canErase, erased: erased)
        if canErase {
            let columns = try await subjects.rectifiableColumns(Set(matches.map(\.dataset)), by: context.principal)
            page.rectifiable = columns.keys.sorted().map { slug in
                SubjectSearchPage.Rectifiable(dataset: slug, title: titles[slug]?.0 ?? slug, columns: columns[slug] ?? [])
            }
        }
        return page
    }

    @Sendable func search(_ request: Request, context: SignedInContext) async throws -> Response {
        let f = context.base.form ?? FormFields()
        let v = values(f)
        do {
            return try pages.render(try await resultsPage(subjectQuery(f), values: v, context), request, context.base)
        } catch let e as SocleError where e.kind == .invalidInput || e.code == "subject.unknown_request" {
            return try pages.render(SubjectSearchPage(values: v, errors: Self.errors(e, context.language)), request, context.base,
                                    status: .badRequest)
        }
    }

    @Sendable func package(_ request: Request, context: SignedInContext) async throws -> Response {
        let f = context.base.form ?? FormFields()
        let number = f["request"].flatMap { Int64($0) }
        do {
            let p = try await subjects.package(subjectQuery(f), request: number, by: context.principal, language: context.language)
            return Response(status: .ok, headers: [.contentType: "application/zip", .contentDisposition: "attachment; filename=\"\(p.fileName)\"",
                                                   .cacheControl: "no-store"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: p.bytes)))
        } catch let e as SocleError where e.kind == .invalidInput || e.kind == .notFound {
            return try pages.render(SubjectSearchPage(values: values(f), errors: Self.errors(e, context.language)), request, context.base,
                                    status: .badRequest)
        }
    }

    @Sendable func erase(_ request: Request, context: SignedInContext) async throws -> Response {
        let f = context.base.form ?? FormFields()
        let v = values(f)
        let lang = context.language
        func refuse(_ message: String, field: String) throws -> Response {
            try pages.render(SubjectSearchPage(values: v, errors: [field: message]), request, context.base, status: .badRequest)
        }
        guard f["confirm"] == "1" else { return try refuse(Catalog.shared.string("web.subjects.erase_needs_confirm", language: lang), field: "_form") }
        guard let number = f["request"].flatMap({ Int64($0) }) else {
            return try refuse(Catalog.shared.string("web.subjects.request_invalid", language: lang), field: "request")
        }
        do {
            let report = try await subjects.erase(subjectQuery(f), request: number, by: context.principal)
            let erased = SubjectSearchPage.Erased(
                summary: Catalog.shared.string("web.subjects.erased", language: lang, args: [
                    "rows": String(report.rowsRemoved), "datasets": String(report.datasets.count), "request": String(number)]),
                lines: report.datasets.map { d in
                    Catalog.shared.string("web.subjects.erased_line", language: lang, args: [
                        "dataset": d.dataset, "rows": String(d.rowsRemoved),
                        "revisions": d.revisionsTouched.map(String.init).joined(separator: ", "), "new": d.newRevision.map(String.init) ?? "—"])
                } + (report.compacted ? [] : [Catalog.shared.string("web.subjects.not_compacted", language: lang)]),
                proof: report.sha256)
            return try pages.render(try await resultsPage(subjectQuery(f), values: v, context, erased: erased), request, context.base)
        } catch let e as SocleError where e.kind == .invalidInput || e.kind == .notFound {
            return try pages.render(SubjectSearchPage(values: v, errors: Self.errors(e, lang)), request, context.base, status: .badRequest)
        }
    }
}

extension SubjectPagesController {
    @Sendable func rectify(_ request: Request, context: SignedInContext) async throws -> Response {
        let f = context.base.form ?? FormFields()
        let v = values(f)
        let lang = context.language
        func refuse(_ message: String, field: String) async throws -> Response {
            // The results are drawn again without writing a search into the request's history: a refusal changes nothing.
            var page = (try? await resultsPage(subjectQuery(f), values: v, context, recorded: false)) ?? SubjectSearchPage(values: v)
            page.errors = [field: message]
            return try pages.render(page, request, context.base, status: .badRequest)
        }
        guard f["confirm"] == "1" else {
            return try await refuse(Catalog.shared.string("web.subjects.rectify_needs_confirm", language: lang), field: "_form")
        }
        guard let number = f["request"].flatMap({ Int64($0) }) else {
            return try await refuse(Catalog.shared.string("web.subjects.request_invalid", language: lang), field: "request")
        }
        do {
            let report = try await subjects.rectify(subjectQuery(f), request: number, dataset: f["dataset"] ?? "",
                                                    changes: [f["column"] ?? "": f["value"] ?? ""], by: context.principal)
            let done = SubjectSearchPage.Erased(
                summary: Catalog.shared.string("web.subjects.rectified", language: lang, args: [
                    "rows": String(report.rowsCorrected), "dataset": report.dataset, "columns": report.columns.joined(separator: ", "),
                    "request": String(number), "revisions": report.revisionsTouched.map(String.init).joined(separator: ", "),
                    "new": report.newRevision.map(String.init) ?? "—"]),
                lines: report.compacted ? [] : [Catalog.shared.string("web.subjects.not_compacted", language: lang)],
                proof: report.sha256)
            // The form keeps the identifiers; the correction's own fields start empty again.
            var kept = v
            kept["column"] = nil
            kept["value"] = nil
            return try pages.render(try await resultsPage(subjectQuery(f), values: kept, context, erased: done), request, context.base)
        } catch let e as SocleError where e.kind == .invalidInput || e.kind == .notFound {
            return try await refuse(e.message(lang), field: Self.errors(e, lang).keys.first ?? "_form")
        }
    }
}

/// `/api/v1/register/subjects/…`: the same through the API. The identifiers come in a JSON body (POST), never in
/// the URL.
struct SubjectAPIController {
    let state: ServerState

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.post("register/subjects/search", use: search)
        group.post("register/subjects/package", use: package)
        group.post("register/subjects/erase", use: erase)
        group.post("register/subjects/rectify", use: rectify)
    }

    struct Input: Decodable {
        var email: String?
        var phone: String?
        var nir: String?
        var name: String?
        var birthDate: String?
        var plate: String?
        var request: Int64?
        /// Rectification: the dataset and the new values by column (a list, so column names travel as values,
        /// untouched by the snake_case key conversion).
        var dataset: String?
        var changes: [Change]?
        struct Change: Decodable {
            var column: String
            var value: String?
        }
        var query: SubjectQuery { SubjectQuery(email: email, phone: phone, nir: nir, name: name, birthDate: birthDate, plate: plate) }
    }

    @Sendable func search(_ request: Request, context: SignedInContext) async throws -> Response {
        let input = try await JSONOutput.decode(Input.self, from: request)
        return try JSONOutput.response(try await state.subjects.search(input.query, request: input.request, by: context.principal))
    }

    @Sendable func package(_ request: Request, context: SignedInContext) async throws -> Response {
        let input = try await JSONOutput.decode(Input.self, from: request)
        let p = try await state.subjects.package(input.query, request: input.request, by: context.principal, language: context.language)
        return Response(status: .ok, headers: [.contentType: "application/zip", .contentDisposition: "attachment; filename=\"\(p.fileName)\"",
                                               .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: p.bytes)))
    }

    @Sendable func erase(_ request: Request, context: SignedInContext) async throws -> Response {
        let input = try await JSONOutput.decode(Input.self, from: request)
        guard let number = input.request else {
            throw SocleError(.invalidInput, code: "subject.request_required", location: SourceLocation(column: "request"))
        }
        return try JSONOutput.response(try await state.subjects.erase(input.query, request: number, by: context.principal))
    }

    @Sendable func rectify(_ request: Request, context: SignedInContext) async throws -> Response {
        let input = try await JSONOutput.decode(Input.self, from: request)
        guard let number = input.request else {
            throw SocleError(.invalidInput, code: "subject.request_required", location: SourceLocation(column: "request"))
        }
        guard let dataset = input.dataset, !dataset.isEmpty else {
            throw SocleError(.invalidInput, code: "subject.rectify.dataset_required", location: SourceLocation(column: "dataset"))
        }
        return try JSONOutput.response(try await state.subjects.rectify(input.query, request: number, dataset: dataset,
                                                                        changes: Dictionary((input.changes ?? []).map { ($0.column, $0.value ?? "") },
                                                                                         uniquingKeysWith: { _, last in last }),
                                                                        by: context.principal))
    }
}
