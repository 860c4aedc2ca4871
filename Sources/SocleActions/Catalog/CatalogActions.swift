import Foundation
import SocleCore
import SocleStore

/// Declaring sources, editing their metadata, publishing and unpublishing — with their rules and audit.
public struct CatalogActions: Sendable {
    let store: any SocleStore
    public init(store: any SocleStore) { self.store = store }

    var audit: AuditRecorder { AuditRecorder(store: store) }

    /// Declares a source (possibly before any data is loaded). The slug is derived from the title when nil.
    public func declare(slug: String?, title: String, organisation: Organisation, metadata: DatasetMetadata,
                        by principal: Principal) async throws -> Dataset {
        try require(principal, .editDataset, organisation.id, slug)
        let clean = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !clean.isEmpty else { throw SocleError(.invalidInput, code: "catalog.title_required") }
        guard clean.count <= 300 else { throw SocleError(.invalidInput, code: "catalog.title_too_long") }
        try validate(metadata)
        let finalSlug: String
        if let slug { finalSlug = slug } else { finalSlug = try await uniqueSlug(from: clean) }
        var m = metadata
        m.status = .declared
        let d = try await store.declareDataset(slug: finalSlug, title: clean, organisationId: organisation.id, metadata: m)
        try await audit.record(principal, "dataset.declare", "dataset", d.slug, ["organisation": organisation.slug, "title": clean])
        return d
    }

    public func update(_ dataset: Dataset, title: String, metadata: DatasetMetadata, by principal: Principal) async throws {
        try require(principal, .editDataset, dataset.organisationId, dataset.slug)
        let clean = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !clean.isEmpty else { throw SocleError(.invalidInput, code: "catalog.title_required") }
        try validate(metadata)
        try await store.updateDataset(datasetId: dataset.id, title: clean, metadata: metadata)
        try await audit.record(principal, "dataset.update", "dataset", dataset.slug, ["title": clean])
    }

    /// Why a dataset cannot be published now (empty when it can). Each reason is a catalog notice.
    public func publicationBlockers(_ dataset: Dataset) async throws -> [Notice] {
        let m = try await store.metadata(datasetId: dataset.id)
        var out: [Notice] = []
        if dataset.currentRevision == nil { out.append(Notice("publish.blocked.no_data")) }
        if m.licence == .none { out.append(Notice("publish.blocked.no_licence")) }
        if m.accessLevel != .public { out.append(Notice("publish.blocked.not_public", ["access": m.accessLevel.rawValue])) }
        switch m.classification {
        case nil: out.append(Notice("publish.blocked.unclassified"))
        case .personal?, .sensitive?:
            out.append(Notice("publish.blocked.personal", ["classification": m.classification!.rawValue]))
        case .internal?: out.append(Notice("publish.blocked.internal"))
        case .public?: break
        }
        if m.description.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            out.append(Notice("publish.blocked.no_description"))
        }
        // The personal-data gate: every column reviewed and public, or cleared by a recorded anonymisation.
        out += try await PrivacyActions(store: store).publicationBlockers(dataset)
        return out
    }

    /// Publishes the current revision; `conflict` with the blocking reasons otherwise.
    public func publish(_ dataset: Dataset, by principal: Principal) async throws {
        try require(principal, .publishDataset, dataset.organisationId, dataset.slug)
        let blockers = try await publicationBlockers(dataset)
        guard blockers.isEmpty, let rev = dataset.currentRevision else { throw PublicationRefusal(reasons: blockers) }
        // The publication and its audit entry commit together.
        try await store.setPublished(datasetId: dataset.id, revision: rev, audit: AuditEvent(
            actor: principal.auditName, action: "dataset.publish", objectType: "dataset", objectId: dataset.slug,
            details: ["revision": String(rev)]))
        FaultPoint.hit(FaultPoint.afterPublishCommit)
    }

    public func unpublish(_ dataset: Dataset, by principal: Principal) async throws {
        try require(principal, .publishDataset, dataset.organisationId, dataset.slug)
        try await store.setPublished(datasetId: dataset.id, revision: nil, audit: AuditEvent(
            actor: principal.auditName, action: "dataset.unpublish", objectType: "dataset", objectId: dataset.slug))
    }

    /// Whether `principal` may see this dataset at all (published public data is open to everyone).
    public func canRead(_ dataset: Dataset, by principal: Principal) async throws -> Bool {
        let m = try await store.metadata(datasetId: dataset.id)
        if Permissions.canReadPublicly(m) { return true }
        return Permissions.can(principal, .readPrivateDataset, organisationId: dataset.organisationId, datasetSlug: dataset.slug)
    }

    func validate(_ m: DatasetMetadata) throws {
        for t in m.themes where !DatasetMetadata.euThemes.contains(t) {
            throw SocleError(.invalidInput, code: "catalog.bad_theme", args: ["value": t])
        }
        if let f = m.frequency, !DatasetMetadata.euFrequencies.contains(f) {
            throw SocleError(.invalidInput, code: "catalog.bad_frequency", args: ["value": f])
        }
        for code in m.spatial where !(code.count == 5 && code.allSatisfy { $0.isNumber || $0 == "A" || $0 == "B" }) {
            throw SocleError(.invalidInput, code: "catalog.bad_insee", args: ["value": code])
        }
        if let c = m.contactPoint, !c.isEmpty, !c.contains("@") {
            throw SocleError(.invalidInput, code: "catalog.bad_contact", args: ["value": c])
        }
    }

    /// "Budget primitif 2024 — Vire" → "budget-primitif-2024-vire" (made unique with -2, -3…).
    func uniqueSlug(from title: String) async throws -> String {
        let folded = title.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR")).lowercased()
        var base = ""
        for ch in folded.unicodeScalars {
            if ("a"..."z").contains(ch) || ("0"..."9").contains(ch) { base.unicodeScalars.append(ch) }
            else if !base.hasSuffix("-") { base += "-" }
        }
        base = String(base.trimmingCharacters(in: CharacterSet(charactersIn: "-")).prefix(56))
        if base.count < 2 { base = "jeu-de-donnees" }
        var candidate = base
        var n = 2
        while try await store.dataset(slug: candidate) != nil {
            candidate = "\(base)-\(n)"
            n += 1
        }
        return candidate
    }

    func require(_ principal: Principal, _ p: Permission, _ org: Int64, _ slug: String?) throws {
        guard Permissions.can(principal, p, organisationId: org, datasetSlug: slug) else {
            if case .anonymous = principal { throw SocleError(.unauthorized, code: "auth.required") }
            throw SocleError(.forbidden, code: "auth.forbidden")
        }
    }
}

/// A publication refused, with every reason and what would unblock it.
public struct PublicationRefusal: Error, Sendable {
    public var reasons: [Notice]
}
