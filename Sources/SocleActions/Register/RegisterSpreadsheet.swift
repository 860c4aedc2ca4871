import Foundation
import SocleCore
import SocleExport

/// The register as a spreadsheet laid out like the CNIL's model: a first sheet « Registre » with the
/// organisation(s), the DPO and the list of activities (one row each), then one sheet per activity (« fiche »)
/// with the model's sections in its order — description, actors, purposes, security measures, categories of
/// data, sensitive data, people concerned, recipients, transfers outside the EU, retention — and what Socle
/// adds (processors, proofs, the datasets that hold the data). Written by Socle's own `XLSXWorkbook`.
extension RegisterActions {
    public func spreadsheet(_ activities: [ActivityEntry], principal: Principal, language lang: Language) async throws -> [UInt8] {
        ActionStrings.register()
        func s(_ key: String) -> String { Catalog.shared.string("register.xlsx.\(key)", language: lang) }
        func labels<V: RegisterValue>(_ values: [V]) -> String { values.map { $0.label(lang) }.joined(separator: ", ") }
        func day(_ d: Date) -> String { String(ISO8601DateFormatter().string(from: d).prefix(10)) }
        func contact(_ c: RegisterContact?) -> String { c.map { $0.name + ($0.contact.map { " — \($0)" } ?? "") } ?? "" }
        typealias Cell = XLSXWorkbook.Cell

        var processorNames: [Int64: String] = [:]
        var proofTitles: [Int64: [String]] = [:]
        let orgSlugs = Set(activities.map(\.organisation.slug))
        for slug in orgSlugs.sorted() {
            for p in try await processors(principal, organisation: slug, includeArchived: true) { processorNames[p.id] = p.body.name }
            for p in try await proofs(principal, organisation: slug) {
                for a in p.body.activities { proofTitles[a, default: []].append("\(p.body.title) (\(p.body.type.label(lang)))") }
            }
        }

        // « Registre »: who keeps it, then the activities.
        let organisations = Dictionary(grouping: activities, by: \.organisation.slug).values.compactMap(\.first?.organisation)
            .sorted { $0.name < $1.name }
        let dpos = Array(Set(activities.compactMap { $0.body.dpo.map(contact) }.filter { !$0.isEmpty })).sorted()
        var list: [[Cell]] = [
            [Cell(s("title"), .bold)],
            [],
            [Cell(s("organisation"), .bold), Cell(organisations.map(\.name).joined(separator: ", "), .wrapped)],
            [Cell(s("dpo"), .bold), Cell(dpos.joined(separator: "\n"), .wrapped)],
            [Cell(s("generated"), .bold), Cell(day(Date()))],
            [],
            ["reference", "activity", "organisation_column", "purpose", "legal_basis", "status", "completeness", "created", "updated", "sheet"]
                .map { Cell(s("list.\($0)"), .boldWrapped) },
        ]
        var fiches: [XLSXWorkbook.Sheet] = []
        for e in activities {
            let a = e.body
            let sheetName = "\(e.id) \(a.name)"
            list.append([Cell(number: Double(e.id)), Cell(a.name, .wrapped), Cell(e.organisation.name, .wrapped), Cell(a.purpose, .wrapped),
                         Cell(labels(a.legalBases), .wrapped), Cell(a.status.label(lang)), Cell("\(a.completeness) %"),
                         Cell(day(e.createdAt)), Cell(day(e.updatedAt)), Cell(sheetName, .wrapped)])

            var rows: [[Cell]] = [[Cell(s("fiche.title") + " — " + a.name, .bold)], []]
            func section(_ key: String, _ headers: [String] = []) {
                rows.append([])
                rows.append([Cell(s("section.\(key)"), .bold)])
                if !headers.isEmpty { rows.append(headers.map { Cell(s("column.\($0)"), .boldWrapped) }) }
            }
            func pair(_ key: String, _ value: String) { rows.append([Cell(s("field.\(key)"), .wrapped), Cell(value, .wrapped)]) }
            func none(_ key: String) { rows.append([Cell(s("none.\(key)"), .wrapped)]) }

            section("description")
            pair("name", a.name)
            pair("reference", String(e.id))
            pair("organisation", e.organisation.name)
            pair("created", day(e.createdAt))
            pair("updated", day(e.updatedAt))
            pair("status", a.status.label(lang) + " (\(a.completeness) %)")
            if !a.missing.isEmpty {
                pair("missing", a.missing.map { Catalog.shared.string("register.field.\($0)", language: lang) }.joined(separator: ", "))
            }
            pair("software", a.software ?? "")

            section("actors")
            pair("controller", contact(a.controller))
            pair("dpo", contact(a.dpo))
            pair("jointController", contact(a.jointController))

            section("purposes")
            pair("purpose", a.purpose)
            for (i, sub) in a.subPurposes.enumerated() {
                rows.append([Cell(s("field.subPurpose") + " \(i + 1)", .wrapped), Cell(sub, .wrapped)])
            }
            pair("legalBases", labels(a.legalBases))
            if let li = a.legitimateInterest { pair("legitimateInterest", li) }
            pair("collection", labels(a.collection))

            section("security")
            if a.security.isEmpty { none("security") }
            for m in a.security {
                rows.append([Cell(m.label(lang), .wrapped), Cell(m == .other ? (a.otherSecurity ?? "") : "", .wrapped)])
            }

            func retentionText(_ c: DataCategory?) -> String {
                a.retention.filter { $0.category == c || $0.category == nil }.map { r in
                    "\(ISODuration.describe(r.duration, lang)) (\(r.startEvent)) → \(r.fate.label(lang))"
                }.joined(separator: " ; ")
            }
            section("categories", ["category", "description", "retention"])
            let ordinary = a.categories.filter { !$0.isSensitive }
            if ordinary.isEmpty { none("categories") }
            for c in ordinary { rows.append([Cell(c.label(lang), .wrapped), Cell(""), Cell(retentionText(c), .wrapped)]) }

            section("sensitive", ["category", "description", "retention"])
            let sensitive = a.categories.filter(\.isSensitive)
            if sensitive.isEmpty { none("sensitive") }
            for c in sensitive { rows.append([Cell(c.label(lang), .wrapped), Cell(""), Cell(retentionText(c), .wrapped)]) }

            section("people", ["people", "description"])
            if a.people.isEmpty { none("people") }
            for p in a.people { rows.append([Cell(p.label(lang), .wrapped)]) }
            if let n = a.estimatedPeople { rows.append([Cell(s("field.estimatedPeople"), .wrapped), Cell(number: Double(n))]) }

            section("recipients", ["recipient", "kind"])
            if a.recipients.isEmpty { none("recipients") }
            for r in a.recipients { rows.append([Cell(r.name, .wrapped), Cell(r.kind.label(lang), .wrapped)]) }
            for id in a.processors { rows.append([Cell(processorNames[id] ?? "n° \(id)", .wrapped), Cell(s("processor"), .wrapped)]) }

            section("transfers", ["country", "safeguard"])
            if a.transfers.isEmpty { none("transfers") }
            for t in a.transfers { rows.append([Cell(t.country, .wrapped), Cell(t.safeguard.label(lang), .wrapped)]) }

            section("retention", ["category", "duration", "start", "fate", "source"])
            if a.retention.isEmpty { none("retention") }
            for r in a.retention {
                rows.append([Cell(r.category?.label(lang) ?? s("all_categories"), .wrapped), Cell(ISODuration.describe(r.duration, lang), .wrapped),
                             Cell(r.startEvent, .wrapped), Cell(r.fate.label(lang), .wrapped), Cell(r.legalSource ?? "", .wrapped)])
            }

            section("data", ["dataset", "column"])
            if a.links.isEmpty { none("data") }
            for l in a.links { rows.append([Cell(l.dataset, .wrapped), Cell(l.column, .wrapped)]) }

            section("proofs")
            let titles = proofTitles[e.id] ?? []
            if titles.isEmpty { none("proofs") }
            for t in titles { rows.append([Cell(t, .wrapped)]) }

            fiches.append(XLSXWorkbook.Sheet(name: sheetName, widths: [42, 55, 30, 28, 30], rows: rows))
        }
        var book = XLSXWorkbook(sheets: [XLSXWorkbook.Sheet(name: s("sheet"), widths: [12, 40, 28, 50, 30, 14, 12, 14, 14, 30], rows: list)] + fiches)
        // The list names each fiche's sheet as it is written (cleaned, unique).
        let written = book.sheetNames.dropFirst()
        for (i, name) in written.enumerated() { book.sheets[0].rows[7 + i][9] = Cell(name, .wrapped) }
        return book.bytes()
    }
}
