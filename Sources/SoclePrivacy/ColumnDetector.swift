import Foundation
import SocleCore

/// The pure per-column personal-data detector: header dictionary, value validators and patterns,
/// context from the neighbouring columns and cardinality, combined into one `ColumnVerdict`.
public enum ColumnDetector {
    /// Registers the module's string catalog (idempotent).
    public static func registerCatalog() { Catalog.shared.register(bundle: Bundle.module) }

    /// Every catalog key the detector may emit in its evidence.
    public static let signalKeys: [String] = [
        "privacy.signal.header", "privacy.signal.values", "privacy.signal.nir_key_failed",
        "privacy.signal.legal_person", "privacy.signal.sole_trader", "privacy.signal.functional_contact",
        "privacy.signal.place_address", "privacy.signal.street_names", "privacy.signal.low_cardinality",
        "privacy.signal.not_names", "privacy.signal.person_context", "privacy.signal.sensitive_terms",
        "privacy.signal.sensitive_without_person", "privacy.signal.aggregate", "privacy.signal.empty_column",
        "privacy.signal.long_cells", "privacy.signal.few_values", "privacy.signal.birth_context",
        "privacy.signal.first_names", "privacy.signal.no_signal", "privacy.signal.mixed_values",
        "privacy.signal.place_attribute", "privacy.signal.fleet_vehicle",
    ]

    private struct Candidate {
        var level: PrivacyLevel
        var category: DataCategory
        var confidence: Double
        var matched: Int = 0
        var examples: [String] = []
    }

    /// Detects whether one column holds personal or sensitive data.
    public static func detect(_ sample: ColumnSample) -> ColumnVerdict {
        let hits = HeaderDictionary.hits(for: sample.label, name: sample.name)
        let sensitiveHeader = hits.contains { $0.category.isSensitive }
        let scan = ValueScan(values: sample.values, strict: !sensitiveHeader)
        let context = personContext(sample.neighbourLabels)
        var signals: [Notice] = []
        var candidates: [Candidate] = []
        /// Header categories the values explained away (functional contacts, places).
        var cleared = Set<DataCategory>()
        let n = scan.nonNull
        let distinct = sample.distinctCount ?? scan.distinct
        let lowCardinality = max(n, sample.totalCount ?? 0) >= 20 && distinct <= 5

        for h in hits {
            signals.append(Notice("privacy.signal.header", ["phrase": h.phrase, "category": h.category.rawValue]))
        }
        if !context.isEmpty {
            signals.append(Notice("privacy.signal.person_context", ["columns": context.prefix(3).joined(separator: ", ")]))
        }
        if scan.longCells > 0 { signals.append(Notice("privacy.signal.long_cells", ["count": String(scan.longCells)])) }
        if n == 0 { signals.append(Notice("privacy.signal.empty_column")) }

        func valueCandidate(_ s: ValueScan.Signal, _ cat: DataCategory, threshold: Double, base: Double) {
            let r = scan.ratio(s)
            guard r >= threshold else { return }
            let level: PrivacyLevel = cat.isSensitive ? .sensitive : .personal
            let boost = hits.contains { $0.category == cat } ? 0.1 : 0
            signals.append(Notice("privacy.signal.values", ["signal": "\(s)", "count": String(scan.count(s)), "total": String(n)]))
            if r < 0.8 { signals.append(Notice("privacy.signal.mixed_values", ["signal": "\(s)"])) }
            // A column where only some values match is a suspicion for a person to review, not a certainty.
            let confidence = r < 0.8 ? min(0.55, base + 0.3 * r + boost) : base + 0.3 * r + boost
            candidates.append(Candidate(level: level, category: cat, confidence: confidence,
                                        matched: scan.count(s), examples: scan.examples(s) ?? []))
        }

        // Checksummed identifiers: a fifth of the values suffices.
        valueCandidate(.nir, .nir, threshold: 0.2, base: 0.6)
        valueCandidate(.iban, .bankDetails, threshold: 0.2, base: 0.6)
        if scan.ratio(.plate) >= 0.5 && fleetContext(sample, people: !context.isEmpty) {
            // The authority's own vehicles: a legal person's plates.
            signals.append(Notice("privacy.signal.fleet_vehicle", ["count": String(scan.count(.plate))]))
            cleared.insert(.licensePlate)
        } else {
            valueCandidate(.plate, .licensePlate, threshold: 0.5, base: 0.55)
        }
        valueCandidate(.ip, .ipAddress, threshold: 0.5, base: 0.55)
        if scan.count(.nirDecoy) > 0 {
            signals.append(Notice("privacy.signal.nir_key_failed", ["count": String(scan.count(.nirDecoy))]))
        }
        if scan.ratio(.email) >= 0.5 {
            if scan.ratio(.personalEmail) >= 0.3 || !context.isEmpty { valueCandidate(.email, .email, threshold: 0.5, base: 0.6) }
            else { signals.append(Notice("privacy.signal.functional_contact", ["signal": "email"])); cleared.insert(.email) }
        }
        if scan.ratio(.phone) >= 0.5 {
            let directHeader = hits.contains { $0.category == .phone && $0.strength == .direct }
            if scan.ratio(.mobile) >= 0.3 || !context.isEmpty || directHeader { valueCandidate(.phone, .phone, threshold: 0.5, base: 0.55) }
            else { signals.append(Notice("privacy.signal.functional_contact", ["signal": "phone"])); cleared.insert(.phone) }
        }
        if scan.ratio(.address) >= 0.5 {
            let directHeader = hits.contains { $0.category == .postalAddress && $0.strength == .direct }
            if !context.isEmpty || directHeader { valueCandidate(.address, .postalAddress, threshold: 0.5, base: 0.5) }
            else { signals.append(Notice("privacy.signal.place_address")); cleared.insert(.postalAddress) }
        }
        let legal = scan.count(.siret) + scan.count(.siren)
        if n > 0, Double(legal) / Double(n) >= 0.5 {
            signals.append(Notice("privacy.signal.legal_person", ["count": String(legal)]))
            if soleTrader(sample) {
                signals.append(Notice("privacy.signal.sole_trader"))
                candidates.append(Candidate(level: .personal, category: .identity, confidence: 0.6, matched: legal,
                                            examples: (scan.examples(.siret) ?? []) + (scan.examples(.siren) ?? [])))
            }
        }

        // Special categories from values: only about people (context) or under a sensitive header.
        if let (cat, count) = scan.sensitive.max(by: { $0.value < $1.value }), count > 0 {
            signals.append(Notice("privacy.signal.sensitive_terms", ["category": cat.rawValue, "count": String(count)]))
            if !context.isEmpty || sensitiveHeader {
                candidates.append(Candidate(level: .sensitive, category: cat, confidence: 0.6 + (sensitiveHeader ? 0.2 : 0),
                                            matched: count, examples: scan.sensitiveSamples[cat] ?? []))
            } else {
                signals.append(Notice("privacy.signal.sensitive_without_person"))
            }
        }

        // Names.
        let streetShare = scan.ratio(.street) + scan.ratio(.address)
        let firstShare = scan.ratio(.firstName)
        let nameShare = scan.ratio(.nameShaped)
        let wordsShare = scan.ratio(.wordsOnly)
        let firstNameNeighbour = sample.neighbourLabels.contains { HeaderDictionary.isFirstNameHeader($0) }
        let nameExamples = scan.examples(.firstName) ?? scan.examples(.nameShaped) ?? []
        if let h = hits.first(where: { $0.category == .identity }) {
            if streetShare >= 0.3 {
                signals.append(Notice("privacy.signal.street_names", ["count": String(scan.count(.street) + scan.count(.address))]))
            } else if lowCardinality && firstShare < 0.3 {
                signals.append(Notice("privacy.signal.low_cardinality", ["distinct": String(distinct)]))
            } else if h.strength == .direct {
                let support = firstShare >= 0.3 || nameShare >= 0.7 ? 0.15 : 0
                if firstShare >= 0.3 { signals.append(Notice("privacy.signal.first_names", ["count": String(scan.count(.firstName))])) }
                candidates.append(Candidate(level: .personal, category: .identity, confidence: 0.75 + support,
                                            matched: max(scan.count(.firstName), scan.count(.nameShaped)), examples: nameExamples))
            } else if firstShare >= 0.3 {
                signals.append(Notice("privacy.signal.first_names", ["count": String(scan.count(.firstName))]))
                candidates.append(Candidate(level: .personal, category: .identity, confidence: 0.55 + 0.3 * firstShare,
                                            matched: scan.count(.firstName), examples: scan.examples(.firstName) ?? []))
            } else if !context.isEmpty && (nameShare >= 0.6 || (firstNameNeighbour && wordsShare >= 0.8))
                        && distinct >= min(n, 6) {
                candidates.append(Candidate(level: .personal, category: .identity, confidence: 0.7,
                                            matched: scan.count(.nameShaped), examples: scan.examples(.nameShaped) ?? []))
            } else if n > 0 {
                signals.append(Notice("privacy.signal.not_names"))
            }
        } else if firstShare >= 0.5, nameShare >= 0.5 || wordsShare >= 0.8, !lowCardinality, streetShare < 0.3 {
            signals.append(Notice("privacy.signal.first_names", ["count": String(scan.count(.firstName))]))
            candidates.append(Candidate(level: .personal, category: .identity, confidence: 0.5,
                                        matched: scan.count(.firstName), examples: scan.examples(.firstName) ?? []))
        }

        // Birth dates from values and context.
        if !hits.contains(where: { $0.category == .birthDate }), !context.isEmpty, scan.ratio(.date) >= 0.5,
           n > 0, Double(scan.birthYears) / Double(max(1, scan.count(.date))) >= 0.9, birthLike(sample),
           birthSpread(scan) {
            signals.append(Notice("privacy.signal.birth_context"))
            candidates.append(Candidate(level: .personal, category: .birthDate, confidence: 0.5,
                                        matched: scan.count(.date), examples: scan.examples(.date) ?? []))
        }

        // Coordinates in a table about people locate them.
        if sample.type.isGeographic, !context.isEmpty, n > 0 {
            candidates.append(Candidate(level: .personal, category: .location, confidence: 0.55))
        }

        // Other header categories.
        let numericColumn = sample.type == .integer || sample.type == .number || (n > 0 && scan.numeric == n)
        for h in hits where h.category != .identity && !cleared.contains(h.category)
            && !candidates.contains(where: { $0.category == h.category }) {
            let level: PrivacyLevel = h.category.isSensitive ? .sensitive : .personal
            switch h.strength {
            case .direct:
                candidates.append(Candidate(level: level, category: h.category, confidence: n == 0 ? 0.45 : 0.75))
            case .contextual where !context.isEmpty:
                candidates.append(Candidate(level: level, category: h.category, confidence: n == 0 ? 0.35 : 0.6))
            case .contextual where h.category.isSensitive && !numericColumn && n > 0:
                // "Accès handicapé : oui" beside an address and coordinates describes a place.
                if placeContext(sample) {
                    signals.append(Notice("privacy.signal.place_attribute", ["phrase": h.phrase]))
                } else {
                    candidates.append(Candidate(level: level, category: h.category, confidence: 0.4))
                }
            case .contextual where numericColumn:
                signals.append(Notice("privacy.signal.aggregate"))
            default:
                break
            }
        }

        guard var best = candidates.max(by: { ($0.level, $0.confidence) < ($1.level, $1.confidence) }) else {
            if signals.isEmpty { signals.append(Notice("privacy.signal.no_signal")) }
            let confidence = n == 0 || scan.longCells > 0 ? 0.3 : (signals.count > 1 ? 0.7 : 0.8)
            return ColumnVerdict(verdict: .public, category: nil, confidence: confidence,
                                 evidence: ColumnEvidence(signals: signals, examined: n))
        }
        if n > 0 && n < 3 {
            signals.append(Notice("privacy.signal.few_values", ["count": String(n)]))
            best.confidence = min(best.confidence, 0.5)
        }
        if scan.longCells > 0 { best.confidence = min(best.confidence, 0.5) }
        return ColumnVerdict(verdict: best.level, category: best.category, confidence: best.confidence,
                             evidence: ColumnEvidence(signals: signals, examined: n, matched: best.matched,
                                                      examples: best.examples.prefix(3).map(Masking.mask)))
    }

    /// Detects every column of a table given as labels and sampled rows of values.
    public static func detect(table labels: [String], types: [ColumnType]? = nil, rows: [[String?]]) -> [ColumnVerdict] {
        labels.indices.map { i in
            let values = rows.map { i < $0.count ? $0[i] : nil }
            var others = labels
            others.remove(at: i)
            return detect(ColumnSample(name: labels[i], label: labels[i], type: types?[i] ?? .text,
                                       values: values, neighbourLabels: others))
        }
    }

    /// Neighbour labels that say the table is about people (names, birth, NIR, civility).
    static func personContext(_ labels: [String]) -> [String] {
        labels.filter { label in
            HeaderDictionary.hits(for: label).contains { h in
                h.strength == .direct && [.identity, .birthDate, .nir, .cafNumber, .civilStatus].contains(h.category)
            }
        }
    }

    /// Words of neighbouring headers that locate the rows: an address or coordinates.
    static let placeWords: Set<String> = [
        "latitude", "longitude", "lat", "lon", "lng", "geo", "coordonnees", "gps", "geopoint", "geometry", "geom",
        "adresse", "address", "horaires",
    ]

    /// True when the other headers locate the rows (address, coordinates, opening hours) and none names a
    /// person: the rows are places or facilities. Only asked when there is no person context.
    static func placeContext(_ sample: ColumnSample) -> Bool {
        sample.neighbourLabels.contains { !Set(TextFolding.words($0)).isDisjoint(with: placeWords) }
    }

    /// True when the header speaks of the authority's fleet ("véhicule de service", "flotte"), or its neighbours
    /// do in a table that is not about people (a staff list with its agents' own cars stays personal).
    static func fleetContext(_ sample: ColumnSample, people: Bool) -> Bool {
        let phrases = ["vehicule de service", "vehicules de service", "vehicule municipal", "vehicules municipaux", "flotte",
                       "parc automobile", "parc de vehicules", "service affectataire"].map { TextFolding.words($0) }
        return ([sample.label] + (people ? [] : sample.neighbourLabels)).contains { label in
            let w = TextFolding.words(label)
            return phrases.contains { TextFolding.contains(w, phrase: $0) }
        }
    }

    private static func soleTrader(_ sample: ColumnSample) -> Bool {
        let phrases = ["auto entrepreneur", "micro entrepreneur", "entrepreneur individuel", "entreprise individuelle",
                       "profession liberale", "ei"].map { TextFolding.words($0) }
        return ([sample.label] + sample.neighbourLabels).contains { label in
            let w = TextFolding.words(label)
            return phrases.contains { TextFolding.contains(w, phrase: $0) }
        }
    }

    /// Words of a date header that name an event of the file, not a birth.
    static let eventDateWords: Set<String> = [
        "creation", "maj", "modification", "debut", "fin", "inscription", "mise", "jour", "publication", "convention",
        "decision", "signature", "notification", "paiement", "demande", "entree", "sortie", "embauche", "arrivee",
        "depart", "faits", "fait", "intervention", "commande", "facture", "installation", "mandat", "effet", "depot",
        "reception", "envoi", "visite", "rdv", "rendez", "passage", "livraison", "controle", "releve", "saisie",
        "validation", "cloture", "ouverture", "echeance", "expiration", "renouvellement", "adhesion", "abonnement",
        "start", "end", "created", "updated", "modified", "due", "expiry", "deces", "mariage", "acquisition",
    ]

    private static func birthLike(_ sample: ColumnSample) -> Bool {
        Set(TextFolding.words(sample.label)).isDisjoint(with: eventDateWords)
    }

    /// Birth dates of the people of a file spread over several years and lie in the past; the dates of
    /// applications, visits or events cluster in the last year or two.
    private static func birthSpread(_ scan: ValueScan) -> Bool {
        scan.maxYear >= scan.minYear && scan.maxYear - scan.minYear >= 5 && scan.maxYear <= scan.currentYear - 1
    }
}
