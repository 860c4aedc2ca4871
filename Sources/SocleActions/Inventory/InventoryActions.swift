import Foundation
import SocleCore
import SocleIngest
import SocleStore

/// The "état des lieux": what each organisation and service knows of its sources, and what is missing.
public struct InventoryActions: Sendable {
    let store: any SocleStore
    public init(store: any SocleStore) { self.store = store }

    /// Counts for one organisation or one service.
    public struct Coverage: Codable, Sendable, Equatable {
        public var organisation: String
        /// Service slug, or nil for the organisation's total.
        public var service: String?
        public var serviceName: String?
        public var known: Int
        public var withOwner: Int
        public var withClassification: Int
        public var withActivity: Int
        public var loaded: Int
        public var published: Int
        /// Sources missing something, with what they miss (notice codes: inventory.missing.*).
        public var missing: [Missing]
    }

    public struct Missing: Codable, Sendable, Equatable {
        public var dataset: String
        public var title: String
        public var lacks: [String]
    }

    /// Coverage of every organisation the principal may see the inventory of, with one line per service.
    public func dashboard(for principal: Principal) async throws -> [Coverage] {
        var out: [Coverage] = []
        let datasets = try await store.datasets()
        for org in try await store.organisations()
        where Permissions.can(principal, .readInventory, organisationId: org.id) {
            let services = try await store.services(organisationId: org.id)
            var rows: [(Dataset, DatasetMetadata)] = []
            for d in datasets where d.organisationId == org.id {
                rows.append((d, try await store.metadata(datasetId: d.id)))
            }
            out.append(coverage(org.slug, nil, nil, rows))
            for s in services {
                out.append(coverage(org.slug, s.slug, s.name, rows.filter { $0.1.ownerServiceId == s.id }))
            }
        }
        return out
    }

    func coverage(_ org: String, _ service: String?, _ name: String?, _ rows: [(Dataset, DatasetMetadata)]) -> Coverage {
        var c = Coverage(organisation: org, service: service, serviceName: name, known: rows.count, withOwner: 0,
                         withClassification: 0, withActivity: 0, loaded: 0, published: 0, missing: [])
        for (d, m) in rows {
            var lacks: [String] = []
            if m.ownerServiceId != nil || !(m.steward ?? "").isEmpty { c.withOwner += 1 } else { lacks.append("owner") }
            if m.classification != nil { c.withClassification += 1 } else { lacks.append("classification") }
            if !(m.processingActivity ?? "").isEmpty { c.withActivity += 1 } else if m.classification == .personal || m.classification == .sensitive {
                lacks.append("activity")
            }
            if d.currentRevision != nil { c.loaded += 1 } else { lacks.append("data") }
            if m.status == .published { c.published += 1 }
            if !lacks.isEmpty { c.missing.append(Missing(dataset: d.slug, title: d.title, lacks: lacks)) }
        }
        return c
    }

    /// Imports a first inventory from a spreadsheet (CSV, XLSX or ODS), one row per source. Recognised
    /// headers (French or English, any case/accents): titre/title, identifiant/slug, description,
    /// service, responsable/steward, origine/origin, logiciel/software, volume, frequence/frequency,
    /// classification, traitement/activity, mots-cles/keywords. Every row is declared or the whole
    /// import is refused (one transaction per row is acceptable: declared sources are independent,
    /// but a bad row is reported before anything is written).
    public func importInventory(file: URL, displayName: String, organisation: Organisation,
                                by principal: Principal) async throws -> [Dataset] {
        guard Permissions.can(principal, .editDataset, organisationId: organisation.id) else {
            throw SocleError(.forbidden, code: "auth.forbidden")
        }
        let reader = try ReaderFactory.open(file, options: ReaderOptions(displayName: displayName, onRagged: .pad))
        var rows: [(line: Int, fields: [String: String])] = []
        while let batch = try reader.nextBatch(maxRows: 1_000) {
            let keys = reader.labels.map(Self.key)
            for r in 0..<batch.rowCount {
                var f: [String: String] = [:]
                for c in 0..<min(keys.count, batch.columnCount) {
                    if let v = batch.string(row: r, column: c)?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty {
                        f[keys[c]] = v
                    }
                }
                if !f.isEmpty { rows.append((batch.lines[r], f)) }
            }
        }
        let services = try await store.services(organisationId: organisation.id)
        var plans: [(String?, String, DatasetMetadata)] = []
        for (line, f) in rows {
            guard let title = f["title"] else {
                throw SocleError(.invalidInput, code: "inventory.title_missing",
                                 location: SourceLocation(file: displayName, line: line))
            }
            var m = DatasetMetadata()
            m.description = f["description"] ?? ""
            m.steward = f["steward"]
            m.sourceSystem = f["software"]
            m.volume = f["volume"]
            m.processingActivity = f["activity"]
            m.keywords = (f["keywords"] ?? "").split(whereSeparator: { $0 == "," || $0 == ";" })
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if let s = f["service"] {
                let k = Self.key(s)
                m.ownerServiceId = services.first { Self.key($0.slug) == k || Self.key($0.name) == k }?.id
                if m.ownerServiceId == nil {
                    throw SocleError(.invalidInput, code: "inventory.unknown_service", args: ["value": s],
                                     location: SourceLocation(file: displayName, line: line, column: "service"))
                }
            }
            if let o = f["origin"] {
                guard let v = Self.origin(o) else {
                    throw SocleError(.invalidInput, code: "inventory.bad_origin", args: ["value": o],
                                     location: SourceLocation(file: displayName, line: line, column: "origine"))
                }
                m.origin = v
            }
            if let c = f["classification"] {
                guard let v = Self.classification(c) else {
                    throw SocleError(.invalidInput, code: "inventory.bad_classification", args: ["value": c],
                                     location: SourceLocation(file: displayName, line: line, column: "classification"))
                }
                m.classification = v
            }
            if let fr = f["frequency"] { m.frequency = Self.frequency(fr) }
            plans.append((f["slug"], title, m))
        }
        let catalog = CatalogActions(store: store)
        var out: [Dataset] = []
        for (slug, title, m) in plans {
            out.append(try await catalog.declare(slug: slug, title: title, organisation: organisation, metadata: m, by: principal))
        }
        return out
    }

    static func key(_ s: String) -> String {
        let folded = s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
            .lowercased().filter { $0.isLetter || $0.isNumber }
        let aliases = ["titre": "title", "nom": "title", "intitule": "title", "identifiant": "slug", "slug": "slug",
                       "description": "description", "service": "service", "responsable": "steward", "steward": "steward",
                       "referent": "steward", "origine": "origin", "origin": "origin", "logiciel": "software",
                       "software": "software", "volume": "volume", "frequence": "frequency", "frequency": "frequency",
                       "classification": "classification", "traitement": "activity", "activity": "activity",
                       "motscles": "keywords", "keywords": "keywords"]
        return aliases[folded] ?? folded
    }

    static func origin(_ s: String) -> DataOrigin? {
        switch key(s) {
        case "interne", "internal": return .internal
        case "partenaire", "partner": return .partner
        case "capteur", "sensor": return .sensor
        case "externe", "external": return .external
        default: return nil
        }
    }

    static func classification(_ s: String) -> Classification? {
        switch key(s) {
        case "public", "publique": return .public
        case "interne", "internal": return .internal
        case "personnel", "personnelle", "personal": return .personal
        case "sensible", "sensitive": return .sensitive
        default: return nil
        }
    }

    static func frequency(_ s: String) -> String? {
        switch key(s) {
        case "quotidienne", "daily": return "DAILY"
        case "hebdomadaire", "weekly": return "WEEKLY"
        case "mensuelle", "monthly": return "MONTHLY"
        case "trimestrielle", "quarterly": return "QUARTERLY"
        case "annuelle", "annual": return "ANNUAL"
        case "continue", "tempsreel": return "CONT"
        case "irreguliere", "irregular": return "IRREG"
        default: return "UNKNOWN"
        }
    }
}
