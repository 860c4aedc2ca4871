import Crypto
import Foundation
import SocleCore
import SoclePrivacy
import SocleStore

/// How the DPO names the person looked for: one or more identifiers (a name only with a birth date).
public struct SubjectQuery: Codable, Sendable, Equatable {
    public var email: String?
    public var phone: String?
    public var nir: String?
    public var name: String?
    /// ISO (`1980-02-29`) or French (`29/02/1980`).
    public var birthDate: String?
    public var plate: String?

    public init(email: String? = nil, phone: String? = nil, nir: String? = nil, name: String? = nil,
                birthDate: String? = nil, plate: String? = nil) {
        self.email = email
        self.phone = phone
        self.nir = nir
        self.name = name
        self.birthDate = birthDate
        self.plate = plate
    }

    static func given(_ s: String?) -> String? {
        guard let t = s?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
        return t
    }

    public var isEmpty: Bool {
        [email, phone, nir, name, birthDate, plate].allSatisfy { Self.given($0) == nil }
    }

    /// The keys to look up; every identifier given must be valid (a located error names the field otherwise).
    func keys(_ hasher: SubjectHasher) throws -> [Int64] {
        guard !isEmpty else { throw SocleError(.invalidInput, code: "subject.no_identifier") }
        func invalid(_ field: String) -> SocleError {
            SocleError(.invalidInput, code: "subject.invalid.\(field)", location: SourceLocation(column: field))
        }
        var keys: [Int64] = []
        for (field, kind, value) in [("email", SubjectIdentifier.email, email), ("phone", .phone, phone),
                                     ("nir", .nir, nir), ("plate", .plate, plate)] {
            guard let v = Self.given(value) else { continue }
            guard let n = kind.normalise(v) else { throw invalid(field) }
            keys.append(hasher.key(kind, n))
        }
        switch (Self.given(name), Self.given(birthDate)) {
        case (nil, nil): break
        case (_?, nil): throw SocleError(.invalidInput, code: "subject.name_needs_birth_date", location: SourceLocation(column: "birthDate"))
        case (nil, _?): throw SocleError(.invalidInput, code: "subject.birth_date_needs_name", location: SourceLocation(column: "name"))
        case let (n?, b?):
            guard let birth = SubjectNormaliser.birthDate(b) else { throw invalid("birthDate") }
            let words = Array(Set(SubjectNormaliser.nameWords(n))).sorted()
            guard !words.isEmpty, words.count <= 6 else { throw invalid("name") }
            // Every non-empty subset of the words: a row's columns may hold "Dupont" and "Jean" apart.
            for mask in 1..<(1 << words.count) {
                let subset = words.indices.filter { mask & (1 << $0) != 0 }.map { words[$0] }
                if let k = hasher.nameBirthKey(words: subset, birthDate: birth) { keys.append(k) }
            }
        }
        return keys
    }

    /// The kinds of identifiers given, in words ("e-mail, téléphone"), for a request's history.
    var kinds: String {
        [("email", email), ("phone", phone), ("nir", nir), ("name", name), ("plate", plate)]
            .compactMap { field, v in Self.given(v).map { _ in Catalog.shared.string("subject.kind.\(field)", language: .french) } }
            .joined(separator: ", ")
    }

    /// The identifiers given, for messages and the audit log, masked.
    var masked: String {
        [("email", email), ("phone", phone), ("nir", nir), ("name", name), ("birthDate", birthDate), ("plate", plate)]
            .compactMap { field, v in Self.given(v).map { "\(field)=\(Masking.mask($0))" } }.joined(separator: " ")
    }
}

/// One place where the person was found: a row of a revision, and the column holding the identifier.
public struct SubjectMatch: Codable, Sendable, Hashable {
    public var dataset: String
    public var revision: Int
    public var row: Int64
    public var column: String
}

/// The answer to a subject search.
public struct SubjectSearchResult: Codable, Sendable {
    public var matches: [SubjectMatch]
    /// Datasets and revisions searched (every revision of every dataset of the DPO's organisations).
    public var datasetsSearched: Int
    public var revisionsSearched: Int
    /// Revisions whose index had to be (re)built first: a new classification, or data loaded before the index.
    public var revisionsIndexed: Int
    public var seconds: Double
}

/// What an erasure did.
public struct SubjectErasureReport: Codable, Sendable {
    public struct Dataset: Codable, Sendable {
        public var dataset: String
        public var rowsRemoved: Int
        public var revisionsTouched: [Int]
        /// The revision made without the person's rows (nil when the current revision held none).
        public var newRevision: Int?
    }
    public var request: Int64
    public var datasets: [Dataset]
    public var rowsRemoved: Int
    /// SHA-256 over the removed rows' canonical content (the proof kept in the audit log).
    public var sha256: String
    /// Whether the database files were compacted (the WAL truncated / the tables vacuumed).
    public var compacted: Bool
}

/// Data-subject rights across every dataset (issue 12, item 3): search by identifier through the keyed-hash
/// index, the access package, the erasure. Only a DPO (or an administrator) of the datasets' organisations.
public struct SubjectActions: Sendable {
    let store: any SocleStore
    let indexer: SubjectIndexer
    let register: RegisterActions
    /// Each search, package and erasure made for a request is written in the request's history.
    let requests: RequestActions

    init(store: any SocleStore, indexer: SubjectIndexer, register: RegisterActions, requests: RequestActions) {
        self.store = store
        self.indexer = indexer
        self.register = register
        self.requests = requests
    }

    /// Writes what was done in the request's history (in French: the DPO's working language).
    func record(_ request: Int64?, _ kind: String, _ key: String, _ args: [String: String], by principal: Principal) async throws {
        guard let request else { return }
        _ = try await requests.recordEvent(request, kind: kind,
                                           summary: Catalog.shared.string(key, language: .french, args: args), by: principal)
    }

    /// The identifiers a request carries, as a query (what the DPO's page starts from).
    public func query(forRequest id: Int64, by principal: Principal) async throws -> SubjectQuery {
        let i = try await requests.identifiers(id, principal)
        return SubjectQuery(email: i.email, phone: i.phone, nir: i.nir, name: i.name, birthDate: i.birthDate, plate: i.plate)
    }

    /// One revision ready to search: its columns' roles and its plan.
    struct Indexed: Sendable {
        var dataset: Dataset
        var revision: Revision
        var plan: SubjectIndexPlan
    }

    /// A match with the row it was found in.
    struct Found: Sendable {
        var match: SubjectMatch
        var indexed: Indexed
        var row: StoredRow
    }

    // MARK: search

    public func search(_ query: SubjectQuery, request: Int64? = nil, by principal: Principal) async throws -> SubjectSearchResult {
        let started = Date()
        if let request { try await checkRequest(request, principal) }
        let (found, searched) = try await find(query, principal, .readAudit)
        try await record(request, "subject.search", "subject.event.search",
                         ["count": String(found.count), "datasets": String(Set(found.map(\.match.dataset)).count),
                          "identifiers": query.kinds], by: principal)
        return SubjectSearchResult(matches: found.map(\.match), datasetsSearched: searched.datasets,
                                   revisionsSearched: searched.revisions, revisionsIndexed: searched.rebuilt,
                                   seconds: Date().timeIntervalSince(started))
    }

    /// Datasets of the organisations where the principal may do `permission`.
    func scope(_ principal: Principal, _ permission: Permission) async throws -> [Dataset] {
        guard principal != .anonymous else { throw SocleError(.unauthorized, code: "auth.required") }
        let orgs = try await store.organisations().filter { Permissions.can(principal, permission, organisationId: $0.id) }
        guard !orgs.isEmpty else { throw SocleError(.forbidden, code: "subject.forbidden") }
        let ids = Set(orgs.map(\.id))
        return try await store.datasets().filter { ids.contains($0.organisationId) }
    }

    /// How much a search covered: datasets with data, their revisions, and the revisions (re)indexed first.
    struct Coverage: Sendable {
        var datasets = 0
        var revisions = 0
        var rebuilt = 0
    }

    /// Every revision of the datasets, its index brought up to date with its current classification; the ones
    /// with a column that identifies a person are returned.
    func indexed(_ datasets: [Dataset]) async throws -> (revisions: [Indexed], coverage: Coverage) {
        let hasher = try indexer.hasher()
        let states = Dictionary(try await store.subjectIndexStates().map { ("\($0.datasetId)/\($0.revision)", $0.signature) },
                                uniquingKeysWith: { a, _ in a })
        let records = PrivacyRecords(store: store)
        var out: [Indexed] = []
        var coverage = Coverage()
        for d in datasets where d.currentRevision != nil {
            coverage.datasets += 1
            let reviews = try await records.reviews(datasetId: d.id)
            let lineage = try await records.lineage(datasetId: d.id)
            for r in try await store.revisions(datasetId: d.id) {
                coverage.revisions += 1
                let (plan, personal) = try await indexPlan(d, r, reviews: reviews, lineage: lineage, hasher: hasher)
                if states["\(d.id)/\(r.number)"] != plan.signature {
                    try await store.indexSubjects(revision: r, plan: plan)
                    coverage.rebuilt += 1
                }
                if personal { out.append(Indexed(dataset: d, revision: r, plan: plan)) }
            }
        }
        return (out, coverage)
    }

    /// A revision's index plan under its current classification, and whether a column of it identifies a person.
    func indexPlan(_ d: Dataset, _ r: Revision, reviews: [String: ColumnReview], lineage: DatasetLineage?,
                   hasher: SubjectHasher) async throws -> (SubjectIndexPlan, Bool) {
        let scan = try await PrivacyRecords(store: store).scan(datasetId: d.id, revision: r.number)
        let cleared = lineage.map { $0.clearsPersonalData && $0.revision == r.number } ?? false
        let roles = SubjectColumns(PrivacyRecords.statuses(r.columns, scan: scan, reviews: reviews, cleared: cleared))
        return (roles.plan(columns: r.columns, hasher: hasher), !roles.isEmpty)
    }

    /// The person under a keyed hash: rows of the anonymised derivatives whose plan pseudonymised a column, where
    /// that column holds the pseudonym of a found row's value (the HMAC the anonymisation wrote, same key). Every
    /// revision of the derivative is searched, whatever its classification: a pseudonym is still the person.
    func pseudonymised(_ found: [Found], in datasets: [Dataset]) async throws -> [Found] {
        guard !found.isEmpty else { return [] }
        let bySource = Dictionary(grouping: found, by: \.match.dataset)
        let records = PrivacyRecords(store: store)
        var secret: [UInt8]?
        var out: [Found] = []
        for d in datasets where d.currentRevision != nil {
            guard let lineage = try await records.lineage(datasetId: d.id), let sources = bySource[lineage.sourceDataset] else { continue }
            let columns = lineage.plan.steps.compactMap { step -> String? in
                step.hasPrefix("pseudonymise ") ? String(step.dropFirst("pseudonymise ".count)) : nil
            }
            guard !columns.isEmpty else { continue }
            if secret == nil { secret = try PseudonymisationKey(directory: indexer.directory).load() }
            let reviews = try await records.reviews(datasetId: d.id)
            let hasher = try indexer.hasher()
            for r in try await store.revisions(datasetId: d.id) {
                var plan: SubjectIndexPlan?
                for column in columns {
                    // The values the source rows hold in that column, as the anonymisation read them.
                    var pseudonyms = Set<String>()
                    for f in sources {
                        guard let i = f.indexed.revision.columns.firstIndex(where: { $0.name == column }), i < f.row.cells.count,
                              let text = Self.text(f.row.cells[i])?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { continue }
                        pseudonyms.insert(Pseudonymiser.pseudonym(text, secret: secret ?? []))
                    }
                    let rows = try await store.storedRows(of: r, column: column, values: pseudonyms.sorted())
                    guard !rows.isEmpty else { continue }
                    if plan == nil { plan = try await indexPlan(d, r, reviews: reviews, lineage: lineage, hasher: hasher).0 }
                    let ix = Indexed(dataset: d, revision: r, plan: plan!)
                    for row in rows {
                        out.append(Found(match: SubjectMatch(dataset: d.slug, revision: r.number, row: row.row, column: column),
                                         indexed: ix, row: row))
                    }
                }
            }
        }
        return out
    }

    /// The verified matches: every index hit is checked against the row's real values.
    func find(_ query: SubjectQuery, _ principal: Principal, _ permission: Permission) async throws
        -> (found: [Found], coverage: Coverage) {
        let hasher = try indexer.hasher()
        let keys = try query.keys(hasher)
        let datasets = try await scope(principal, permission)
        let (revisions, coverage) = try await indexed(datasets)
        let wanted = Set(keys)
        let byRevision = Dictionary(revisions.map { ("\($0.dataset.id)/\($0.revision.number)", $0) }, uniquingKeysWith: { a, _ in a })
        var hits: [String: [SubjectHit]] = [:]
        for h in try await store.lookupSubjects(keys: keys) { hits["\(h.datasetId)/\(h.revision)", default: []].append(h) }
        var found: [Found] = []
        for (ref, list) in hits.sorted(by: { $0.key < $1.key }) {
            guard let ix = byRevision[ref] else { continue }
            let positions = ix.plan.columns.map { name in ix.revision.columns.firstIndex { $0.name == name } }
            let rows = try await store.storedRows(of: ix.revision, ids: Array(Set(list.map(\.row))).sorted())
            var buffer: [SubjectKey] = []
            var scratch: [UInt8] = []
            for row in rows {
                let values = positions.map { p in p.flatMap { Self.text(row.cells[$0]) } }
                buffer.removeAll(keepingCapacity: true)
                ix.plan.keys(values, &buffer, &scratch)
                let columns = Set(buffer.filter { wanted.contains($0.key) }.map { Int($0.column) })
                // The index gives the row; the row's own values, hashed again, give the column (and rule out a false hit).
                for c in columns.sorted() {
                    found.append(Found(match: SubjectMatch(dataset: ix.dataset.slug, revision: ix.revision.number, row: row.row,
                                                           column: ix.revision.columns[c].name),
                                       indexed: ix, row: row))
                }
            }
        }
        found += try await pseudonymised(found, in: datasets)
        found.sort { ($0.match.dataset, $0.match.revision, $0.match.row, $0.match.column)
            < ($1.match.dataset, $1.match.revision, $1.match.row, $1.match.column) }
        return (found, coverage)
    }

    static func text(_ cell: CellValue) -> String? {
        switch cell {
        case .null: return nil
        case .text(let s): return s
        case .integer(let i): return String(i)
        case .bool(let b): return b ? "1" : "0"
        case .number(let d): return String(d)
        }
    }

    /// Rebuilds every stale index of the principal's datasets; returns how many revisions were indexed.
    public func reindex(by principal: Principal) async throws -> Int {
        try await indexed(try await scope(principal, .readAudit)).coverage.rebuilt
    }

    // MARK: erasure

    /// Removes the person's rows from every dataset of the principal's organisations and from all their revisions:
    /// a new revision without them where the current one held some, the older ones rewritten in place, the index
    /// entries gone, every step in one transaction with its audit entry; then the files compacted.
    public func erase(_ query: SubjectQuery, request: Int64, by principal: Principal) async throws -> SubjectErasureReport {
        try await checkRequest(request, principal)
        let (found, _) = try await find(query, principal, .editRegister)
        var byDataset: [Int64: [Found]] = [:]
        for f in found { byDataset[f.indexed.dataset.id, default: []].append(f) }
        var targets: [RowErasure.Target] = []
        var report: [SubjectErasureReport.Dataset] = []
        var digest = SHA256()
        for (_, list) in byDataset.sorted(by: { $0.value[0].match.dataset < $1.value[0].match.dataset }) {
            let dataset = list[0].indexed.dataset
            var rows: [Int: Set<Int64>] = [:]
            var seen = Set<String>()
            for f in list {
                rows[f.match.revision, default: []].insert(f.row.row)
                guard seen.insert("\(f.match.revision)/\(f.row.row)").inserted else { continue }
                digest.update(data: Data(Self.canonical(f).utf8))
            }
            let fresh = try await replacement(of: dataset, list, rows: rows, named: "subject.erasure_revision", request: request)
            // Every value of the removed rows that metadata might quote (short ones — "1", "oui" — are too common to blank).
            var scrub = Set<String>()
            for f in list { for c in f.row.cells { if let t = Self.text(c), t.count >= 4 { scrub.insert(StoreSupport.encodeJSON(t)) } } }
            targets.append(RowErasure.Target(datasetId: dataset.id, datasetSlug: dataset.slug, rows: rows.mapValues { $0.sorted() },
                                             newRevision: fresh, scrub: scrub.sorted(), expectedCurrent: dataset.currentRevision))
            report.append(.init(dataset: dataset.slug, rowsRemoved: 0, revisionsTouched: rows.keys.sorted(), newRevision: nil))
        }
        let hash = Hex.encode(digest.finalize())
        let removedRows = Set(found.map { "\($0.indexed.dataset.id)/\($0.match.revision)/\($0.row.row)" }).count
        let event = AuditEvent(actor: principal.auditName, action: "subject.erase", objectType: "request", objectId: String(request),
                               details: ["datasets": report.map(\.dataset).joined(separator: ","), "rows": String(removedRows),
                                         "sha256": hash, "identifiers": query.masked])
        // The request answered: what was done in its history, and the identifiers it carried masked — they served
        // their purpose, and keeping them would keep the person in the files (same transaction, same zeroing).
        var answered = try await requests.get(request, principal).body
        let erased = Set(found.flatMap { $0.row.cells.compactMap { Self.text($0) } }.filter { $0.count >= 4 })
        answered.forget(erased, query: query)
        answered.events.append(RequestEvent(at: Date(), kind: "subject.erase", summary: Catalog.shared.string(
            "subject.event.erase", language: .french, args: ["rows": String(removedRows), "datasets": String(report.count), "sha256": hash]),
                                            actor: principal.displayName))
        let rewritten = [request: StoreSupport.encodeJSON(answered)]
        let result = targets.isEmpty ? RowErasureResult(newRevisions: [], tables: [], rowsRemoved: 0)
            : try await store.eraseRows(RowErasure(targets: targets, audit: [event], records: rewritten))
        if targets.isEmpty {
            _ = try await store.appendAudit(event)
            try await record(request, "subject.erase", "subject.event.erase",
                             ["rows": "0", "datasets": "0", "sha256": hash], by: principal)
        }
        for i in report.indices {
            let d = byDataset.values.first { $0[0].match.dataset == report[i].dataset }
            report[i].rowsRemoved = Set((d ?? []).map { "\($0.match.revision)/\($0.row.row)" }).count
            report[i].newRevision = result.newRevisions.first { $0.datasetId == d?.first?.indexed.dataset.id }?.number
        }
        FaultPoint.hit(FaultPoint.afterEraseCommit)
        var compacted = true
        do { try await store.compactErased(tables: result.tables) } catch { compacted = false }
        return SubjectErasureReport(request: request, datasets: report, rowsRemoved: removedRows, sha256: hash, compacted: compacted)
    }

    /// The revision that replaces the current one when it holds some of `rows` (nil otherwise): its source named
    /// after the request, the current revision's privacy scan carried over, its index plan.
    func replacement(of dataset: Dataset, _ list: [Found], rows: [Int: Set<Int64>], named key: String,
                     request: Int64) async throws -> RowErasure.NewRevision? {
        guard let current = dataset.currentRevision, rows[current] != nil,
              let ix = list.first(where: { $0.match.revision == current })?.indexed else { return nil }
        let scan = try await PrivacyRecords(store: store).scan(datasetId: dataset.id, revision: current)
        var source = ix.revision.source
        source.fileName = Catalog.shared.string(key, language: .french, args: ["request": String(request)])
        return RowErasure.NewRevision(source: source, plan: ix.plan) { made in
            guard var scan else { return [] }
            scan.revision = made.number
            return [DocumentDraft(kind: PrivacyRecords.scanKind, key: String(made.number), body: StoreSupport.encodeJSON(scan))]
        }
    }

    /// Runs the compaction again (after a crash between an erasure's commit and its compaction, or a busy log).
    public func compact(by principal: Principal) async throws {
        _ = try await scope(principal, .editRegister)
        try await store.compactErased(tables: [])
    }

    /// The row as hashed for the proof: dataset, revision, row and its cells.
    static func canonical(_ f: Found) -> String {
        "\(f.match.dataset)\u{1f}\(f.match.revision)\u{1f}\(f.row.row)\u{1f}"
            + f.row.cells.map { text($0) ?? "\u{0}" }.joined(separator: "\u{1f}") + "\u{1e}"
    }

    /// An erasure answers a recorded request of one of the principal's organisations.
    func checkRequest(_ id: Int64, _ principal: Principal) async throws {
        guard let record = try await store.registerRecord(id: id), record.kind == "request",
              Permissions.can(principal, .editRegister, organisationId: record.organisationId) else {
            throw SocleError(.notFound, code: "subject.unknown_request", args: ["id": String(id)])
        }
    }
}

extension SubjectRequest {
    /// Masks what identified the person once they are erased: the identifiers, the contact when it is one of them or
    /// one of the erased values, and those values where the message quotes them.
    mutating func forget(_ erased: Set<String>, query: SubjectQuery) {
        func mask(_ s: String?) -> String? { s.map { Masking.mask($0) } }
        let given = [identifiers.email, identifiers.phone, identifiers.nir, identifiers.name, identifiers.plate,
                     query.email, query.phone, query.nir, query.name, query.plate].compactMap { SubjectQuery.given($0)?.lowercased() }
        identifiers = SubjectIdentifiers(email: mask(identifiers.email), phone: mask(identifiers.phone), nir: mask(identifiers.nir),
                                         name: mask(identifiers.name), birthDate: identifiers.birthDate.map { _ in "…" },
                                         plate: mask(identifiers.plate))
        let lowered = Set(erased.map { $0.lowercased() })
        if given.contains(contact.trimmingCharacters(in: .whitespaces).lowercased()) || lowered.contains(contact.lowercased()) {
            contact = Masking.mask(contact)
        }
        for v in erased.union(given) where v.count >= 4 {
            message = message.replacingOccurrences(of: v, with: "[effacé]", options: .caseInsensitive)
        }
    }
}
