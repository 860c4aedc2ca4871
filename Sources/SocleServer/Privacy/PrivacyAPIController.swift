import Foundation
import Hummingbird
import SocleActions
import SocleCore

/// `/api/v1/datasets/{slug}/privacy`: the detector's suggestions and the reviews, per column, and the
/// reviewers' decisions. Only members of the owning organisation see it (404 otherwise); deciding
/// needs a steward, the DPO or an admin.
struct PrivacyAPIController {
    let state: ServerState
    var access: ReadPolicy { state.policy }

    func addRoutes(to group: RouterGroup<SocleRequestContext>) {
        group.get("datasets/{slug}/privacy", use: show)
        group.put("datasets/{slug}/privacy/{column}", use: classify)
        group.post("datasets/{slug}/privacy/confirm-all", use: confirmAll)
    }

    struct ConfirmAllInput: Decodable {
        var except: [String]?
    }

    /// Confirms the suggestion of every column still to review, except those named; nothing changes on refusal.
    @Sendable func confirmAll(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let d = try await memberDataset(try context.parameters.require("slug"), principal)
        let input = try await JSONOutput.decode(ConfirmAllInput.self, from: request)
        _ = try await state.privacy.confirmSuggestions(d, except: input.except ?? [], by: principal)
        return try JSONOutput.response(try await json(d, context.language))
    }

    /// One lineage step: its machine code and its sentence.
    struct LineageStepJSON: Encodable {
        var code: String
        var label: String
    }

    struct ColumnStatusJSON: Encodable {
        var name: String
        var label: String
        var type: ColumnType
        var suggested: PrivacySuggestion?
        var review: ColumnReview?
        var effective: PrivacyLevel
        var category: DataCategory?
        var needsReview: Bool
        var clearedByAnonymisation: Bool

        init(_ s: ColumnPrivacyStatus, language: Language) {
            name = s.name
            label = s.label
            type = s.type
            suggested = s.suggestion.map { PrivacySuggestion($0, language: language) }
            review = s.review
            effective = s.effective
            category = s.effectiveCategory
            needsReview = s.needsReview
            clearedByAnonymisation = s.clearedByAnonymisation
        }
    }

    struct PrivacyJSON: Encodable {
        var dataset: String
        var revision: Int
        var columns: [ColumnStatusJSON]
        var publishable: Bool
        var blockers: [String]
        var lineage: DatasetLineage?
        /// The lineage's steps in words, beside the recorded plan.
        var lineageSteps: [LineageStepJSON]?
    }

    struct ClassifyInput: Decodable {
        var verdict: String?
        var category: String?
    }

    /// The member's view: 404 for anyone who may not read the private dataset.
    func memberDataset(_ slug: String, _ principal: Principal) async throws -> Dataset {
        try await state.policy.member(slug, by: principal)
    }

    @Sendable func show(_ request: Request, context: SocleRequestContext) async throws -> Response {
        // Nobody signed in: 401 whatever the slug (it says nothing about which datasets exist).
        let principal = try context.requirePrincipal()
        let d = try await memberDataset(try context.parameters.require("slug"), principal)
        return try JSONOutput.response(try await json(d, context.language))
    }

    func json(_ d: Dataset, _ language: Language) async throws -> PrivacyJSON {
        guard let (rev, columns) = try await state.privacy.statuses(d) else {
            throw SocleError(.notFound, code: "store.no_data", args: ["slug": d.slug])
        }
        let blockers = try await state.privacy.publicationBlockers(d)
        let lineage = try await state.privacy.lineage(d)
        var steps: [LineageStepJSON]?
        if let lineage {
            steps = try await state.privacy.lineageSentences(lineage, language: language).map { LineageStepJSON(code: $0.code, label: $0.text) }
        }
        return PrivacyJSON(dataset: d.slug, revision: rev.number, columns: columns.map { ColumnStatusJSON($0, language: language) },
                           publishable: blockers.isEmpty, blockers: blockers.map { $0.message(language) },
                           lineage: lineage, lineageSteps: steps)
    }

    @Sendable func classify(_ request: Request, context: SocleRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let d = try await memberDataset(try context.parameters.require("slug"), principal)
        let input = try await JSONOutput.decode(ClassifyInput.self, from: request)
        let (level, category) = try Self.parse(verdict: input.verdict, category: input.category)
        _ = try await state.privacy.classify(d, column: try context.parameters.require("column"), as: level, category: category,
                                             by: principal)
        return try JSONOutput.response(try await json(d, context.language))
    }

    static func parse(verdict: String?, category: String?) throws -> (PrivacyLevel, DataCategory?) {
        guard let v = verdict?.trimmingCharacters(in: .whitespaces), !v.isEmpty else {
            throw SocleError(.invalidInput, code: "server.field_required", args: ["field": "verdict"])
        }
        guard let level = PrivacyLevel(rawValue: v.lowercased()) else {
            throw SocleError(.invalidInput, code: "privacy.bad_level", args: ["value": String(v.prefix(40))])
        }
        var cat: DataCategory?
        if let c = category?.trimmingCharacters(in: .whitespaces), !c.isEmpty {
            guard let parsed = DataCategory(rawValue: c) else {
                throw SocleError(.invalidInput, code: "privacy.bad_category",
                                 args: ["value": String(c.prefix(40)), "known": DataCategory.allCases.map(\.rawValue).joined(separator: ", ")])
            }
            cat = parsed
        }
        return (level, cat)
    }
}
