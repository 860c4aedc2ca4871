import Foundation
import SocleCore

extension PrivacyActions {
    /// The current revision's columns, for a person who may review them (steward, DPO, admin).
    func reviewable(_ dataset: Dataset, by principal: Principal) async throws -> (Revision, [ColumnPrivacyStatus]) {
        guard Permissions.can(principal, .publishDataset, organisationId: dataset.organisationId, datasetSlug: dataset.slug) else {
            if case .anonymous = principal { throw SocleError(.unauthorized, code: "auth.required") }
            throw SocleError(.forbidden, code: "auth.forbidden")
        }
        guard let (rev, columns) = try await statuses(dataset) else {
            throw SocleError(.notFound, code: "store.no_data", args: ["slug": dataset.slug])
        }
        return (rev, columns)
    }

    /// A column name or header as compared with what a person typed (case, accents, surrounding spaces).
    static let folded: @Sendable (String) -> String = {
        $0.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).trimmingCharacters(in: .whitespaces)
    }

    /// Confirms the detector's suggestion for every column still to review, except the named ones (by
    /// name or header). Checked first, so that a refusal changes nothing; each column's decision is
    /// audited as `privacy.classify`, like one confirmed by hand. Returns the columns confirmed.
    public func confirmSuggestions(_ dataset: Dataset, except: [String], by principal: Principal) async throws -> [ColumnPrivacyStatus] {
        let (_, columns) = try await reviewable(dataset, by: principal)
        let folded = Self.folded
        let wanted = except.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let unknown = wanted.filter { e in !columns.contains { $0.name == e || folded($0.label) == folded(e) } }
        guard unknown.isEmpty else {
            throw SocleError(.invalidInput, code: "privacy.confirm_all.unknown_except",
                             args: ["columns": unknown.map { String($0.prefix(100)) }.joined(separator: ", "),
                                    "known": columns.map(\.name).joined(separator: ", ")])
        }
        let excluded = Set(columns.filter { c in wanted.contains { $0 == c.name || folded($0) == folded(c.label) } }.map(\.name))
        let todo = columns.filter { $0.needsReview && !excluded.contains($0.name) }
        // A personal suggestion without a category cannot be confirmed as is: say which, change nothing.
        let incomplete = todo.filter { c in
            guard let s = c.suggestion else { return false }
            return s.verdict != .public && (s.category == nil || (s.verdict == .personal && s.category!.isSensitive))
        }
        guard incomplete.isEmpty else {
            throw SocleError(.invalidInput, code: "privacy.confirm_all.no_category",
                             args: ["columns": incomplete.map(\.name).joined(separator: ", ")])
        }
        var out: [ColumnPrivacyStatus] = []
        for c in todo {
            let level = c.suggestion?.verdict ?? .public
            out.append(try await classify(dataset, column: c.name, as: level, category: level == .public ? nil : c.suggestion?.category,
                                          by: principal))
        }
        return out
    }
}

extension PrivacyActions {
    /// What an anonymisation would give, without producing anything (see `AnonymiseAction.preview`).
    public func previewAnonymise(_ request: AnonymiseRequest, by principal: Principal, language: Language) async throws -> AnonymisePreview {
        try await AnonymiseAction(store: store, keyDirectory: try requireKeyDirectory()).preview(request, by: principal, language: language)
    }

    /// Runs a derived dataset's recorded plan again (see `AnonymiseAction.rerun`).
    public func rerunAnonymisation(_ derived: String, by principal: Principal, language: Language) async throws -> AnonymiseOutcome {
        try await AnonymiseAction(store: store, keyDirectory: try requireKeyDirectory()).rerun(derived: derived, by: principal, language: language)
    }

    func requireKeyDirectory() throws -> URL {
        guard let keyDirectory else { throw SocleError(.internalError, code: "job.crashed", args: ["detail": "no key directory"]) }
        return keyDirectory
    }

    /// The lineage's steps in words, with the source's headers.
    public func lineageSentences(_ lineage: DatasetLineage, language: Language) async throws -> [(code: String, text: String)] {
        var labels: [String: String] = [:]
        if let source = try await store.dataset(slug: lineage.sourceDataset),
           let rev = try await store.revision(datasetId: source.id, number: lineage.sourceRevision) {
            for c in rev.columns { labels[c.name] = c.label }
        }
        return lineage.plan.parsedSteps.map { (code: $0.code, text: $0.sentence(language, labels: labels)) }
    }

    /// Display names of the people who act (`user:3` → « Marie Dupont »), for pages that must not show codes.
    public func actorNames() async throws -> [String: String] {
        var names: [String: String] = [:]
        for u in try await store.users() { names["user:\(u.id)"] = u.name.isEmpty ? u.email : u.name }
        return names
    }
}

extension PrivacyActions {
    /// Whether a derived dataset's source was reviewed or reloaded after its anonymisation ran.
    public func sourceChanged(since lineage: DatasetLineage) async throws -> Bool {
        try await LineageBlockers.sourceChanged(since: lineage, store: store)
    }
}
