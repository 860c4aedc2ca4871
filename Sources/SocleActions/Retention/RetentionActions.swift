import Foundation
import SocleCore
import SocleStore

/// Retention enforced (GDPR.md §5): the rules the register's activities carry are mapped, through the
/// activities' links and the rules' date columns, onto datasets; a run removes (or anonymises, or transfers
/// to archives) the rows whose start date is older than the rule's duration — from the current revision, as a
/// new revision, and from every older revision in place — one transaction per rule and dataset, with the
/// proof (rule, revisions, row count, SHA-256 of what went) in the audit log. A dry run changes nothing.
public struct RetentionActions: Sendable {
    static let runKind = "retention-run"
    static let documentKind = "retention"
    /// How many row numbers per table a result lists.
    static let sampleSize = 5

    let store: any SocleStore
    let register: RegisterActions
    /// Where rows transferred to archives ("versement") or set aside for sorting ("tri") are written.
    public let archiveDirectory: URL

    public init(store: any SocleStore, register: RegisterActions, archiveDirectory: URL) {
        self.store = store
        self.register = register
        self.archiveDirectory = archiveDirectory
    }

    // MARK: rules

    /// Every retention rule of the non-archived activities the principal reads (or of one organisation), with
    /// where it applies.
    public func scopes(_ principal: Principal, organisation: String? = nil, _ permission: Permission = .readRegister) async throws -> [RetentionScope] {
        var out: [RetentionScope] = []
        for org in try await register.organisations(principal, permission) where organisation == nil || org.slug == organisation {
            for a in try await register.activities(principal, organisation: org.slug) {
                for (i, rule) in a.body.retention.enumerated() {
                    out.append(try await scope(a, rule: rule, index: i + 1))
                }
            }
        }
        return out
    }

    func scope(_ a: ActivityEntry, rule: RetentionRule, index: Int) async throws -> RetentionScope {
        var bySlug: [String: (title: String, personal: [String])] = [:]
        for d in try await register.linkedDatasets(a) {
            let columns = d.columns.filter { rule.category == nil || $0.category == rule.category }.map(\.name)
            if !columns.isEmpty { bySlug[d.slug] = (d.title, columns) }
        }
        for dc in rule.dateColumns where bySlug[dc.dataset] == nil {
            guard let d = try await store.dataset(slug: dc.dataset), d.organisationId == a.organisation.id else { continue }
            bySlug[dc.dataset] = (d.title, [])
        }
        var targets: [RetentionScope.Target] = []
        for slug in bySlug.keys.sorted() {
            let (title, linked) = bySlug[slug]!
            let dateColumn = rule.dateColumns.first { $0.dataset == slug }?.column
            var problem: String?
            if let dateColumn {
                let current = try await currentRevision(slug)
                if current?.columns.first(where: { $0.name == dateColumn }).map({ $0.type == .date || $0.type == .datetime }) != true {
                    problem = "retention.problem.date_column_gone"
                }
            } else {
                problem = "retention.problem.no_date_column"
            }
            let personal = linked.filter { $0 != dateColumn }
            if problem == nil, rule.fate == .anonymise, personal.isEmpty { problem = "retention.problem.nothing_to_anonymise" }
            targets.append(.init(dataset: slug, title: title, dateColumn: dateColumn, personalColumns: personal, problem: problem))
        }
        return RetentionScope(activityId: a.id, activity: a.body.name, organisation: a.organisation.slug, rule: index, retention: rule,
                              targets: targets, problem: targets.isEmpty ? "retention.problem.no_dataset" : nil)
    }

    func currentRevision(_ slug: String) async throws -> Revision? {
        guard let d = try await store.dataset(slug: slug), let n = d.currentRevision else { return nil }
        return try await store.revision(datasetId: d.id, number: n)
    }

    // MARK: runs

    /// Today in France, the day retention durations count back from.
    public static func today(_ now: Date = Date()) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris") ?? TimeZone(identifier: "UTC")!
        return calendar.dateComponents([.year, .month, .day], from: now)
    }

    /// Applies every rule of the organisations whose register the principal keeps (DPO, administrator), or
    /// says what it would do (`dryRun`). A real run is recorded per organisation (`runs`) and audited.
    public func run(_ principal: Principal, dryRun: Bool, organisation: String? = nil, trigger: String? = nil,
                    now: Date = Date()) async throws -> RetentionRun {
        if let organisation {
            _ = try await register.organisation(organisation, principal, .editRegister)
        } else if try await register.organisations(principal, .editRegister).isEmpty {
            // Only those who keep a register apply its rules: a DPO or an administrator.
            throw principal == .anonymous ? SocleError(.unauthorized, code: "auth.required") : SocleError(.forbidden, code: "auth.forbidden")
        }
        let scopes = try await scopes(principal, organisation: organisation, .editRegister)
        let today = Self.today(now)
        let stamp = Self.stamp(now)
        var outcomes: [RetentionOutcome] = []
        for scope in scopes {
            for target in scope.targets {
                outcomes.append(try await enforce(scope, target, today: today, stamp: stamp, dryRun: dryRun, principal: principal))
            }
            if scope.targets.isEmpty {
                outcomes.append(outcome(scope, dataset: "", dateColumn: nil, cutoff: "", done: "retention.done.not_enforced", problem: scope.problem))
            }
        }
        let run = RetentionRun(at: now, dryRun: dryRun, trigger: trigger ?? principal.displayName, outcomes: outcomes)
        if !dryRun {
            let orgs = try await register.organisations(principal, .editRegister)
            for org in orgs where scopes.contains(where: { $0.organisation == org.slug }) {
                let mine = RetentionRun(at: now, dryRun: false, trigger: run.trigger, outcomes: outcomes.filter { $0.organisation == org.slug })
                let event = AuditEvent(actor: principal.auditName, action: "retention.run", objectType: "register.\(Self.runKind)", objectId: "",
                                       details: ["organisation": org.slug, "rules": String(Set(mine.outcomes.map { "\($0.activityId)/\($0.rule)" }).count),
                                                 "rows": String(mine.rows), "trigger": run.trigger])
                _ = try await store.createRegisterRecord(organisationId: org.id, kind: Self.runKind, body: StoreSupport.encodeJSON(mine), audit: event)
            }
        }
        return run
    }

    func outcome(_ scope: RetentionScope, dataset: String, dateColumn: String?, cutoff: String, done: String, problem: String? = nil) -> RetentionOutcome {
        RetentionOutcome(activityId: scope.activityId, activity: scope.activity, organisation: scope.organisation, rule: scope.rule,
                         fate: scope.retention.fate, duration: scope.retention.duration, dataset: dataset, dateColumn: dateColumn,
                         cutoff: cutoff, rows: 0, currentRows: 0, undated: 0, tables: [], newRevision: nil, sha256: "", done: done,
                         file: nil, problem: problem)
    }

    /// One rule on one dataset: one purge, one transaction.
    func enforce(_ scope: RetentionScope, _ target: RetentionScope.Target, today: DateComponents, stamp: String, dryRun: Bool,
                 principal: Principal) async throws -> RetentionOutcome {
        let rule = scope.retention
        let cutoffDay = ISODuration.day(rule.duration, before: today).map(ISODuration.text) ?? ""
        var out = outcome(scope, dataset: target.dataset, dateColumn: target.dateColumn, cutoff: cutoffDay, done: "retention.done.not_enforced",
                          problem: target.problem)
        guard target.problem == nil, let column = target.dateColumn, !cutoffDay.isEmpty,
              let dataset = try await store.dataset(slug: target.dataset), let current = dataset.currentRevision else { return out }
        // Rows whose date is missing or unreadable are kept, and said.
        let undated = try await store.purgeRows(RowPurgeRequest(datasetId: dataset.id, dryRun: true, sampleSize: 0) { rev in
            rev.number == current ? .undated(column: column) : nil
        })
        out.undated = undated.matched
        let expired = RowMatch.dateBefore(column: column, day: cutoffDay)
        let match: RowMatch = rule.fate == .anonymise
            ? .all([expired, .any(target.personalColumns.map { .notNull(column: $0) })]) : expired
        // Sorting ("tri") keeps the rows: they are listed in a file for a person to decide — once: the daily schedule
        // does not list the same rows again while they wait (same proof hash as an earlier `retention.sort`).
        if rule.fate == .sort && !dryRun {
            let pending = try await store.purgeRows(RowPurgeRequest(datasetId: dataset.id, dryRun: true, sampleSize: Self.sampleSize) { _ in match })
            if pending.matched > 0, try await alreadyListed(target.dataset, sha256: pending.sha256) {
                out.rows = pending.matched
                out.currentRows = pending.tables.first { $0.revision == current }?.matched ?? 0
                out.tables = pending.tables
                out.sha256 = pending.sha256
                out.done = "retention.done.sort_already"
                return out
            }
        }
        let writes = !dryRun && rule.fate != .sort
        var request = RowPurgeRequest(datasetId: dataset.id, action: rule.fate == .anonymise ? .blank(columns: target.personalColumns) : .delete,
                                      dryRun: !writes, sampleSize: Self.sampleSize) { _ in match }
        let rewrittenAt = Date(timeIntervalSince1970: Double(Int(Date().timeIntervalSince1970))).formatted(.iso8601)
        request.notice = Notice(rule.fate == .anonymise ? "retention.revision_anonymised" : "retention.revision_purged",
                                ["activity": scope.activity, "date": ISODuration.text(today), Revision.rewrittenArg: rewrittenAt])
        let archive: RetentionArchiveFile? = !dryRun && (rule.fate == .transfer || rule.fate == .sort)
            ? try RetentionArchiveFile(directory: archiveDirectory,
                                       name: "\(stamp)-\(target.dataset)-activite\(scope.activityId)-regle\(scope.rule)-\(rule.fate == .sort ? "a-trier" : "versement").csv")
            : nil
        if let archive { request.visit = { row in try archive.write(row) } }
        let scan = try await PrivacyRecords(store: store).scan(datasetId: dataset.id, revision: current)
        let details: @Sendable (RowPurgeResult) -> [String: String] = { result in
            var d = ["organisation": scope.organisation, "activity": String(scope.activityId), "activity_name": scope.activity,
                     "rule": String(scope.rule), "fate": rule.fate.rawValue, "duration": rule.duration, "start_event": rule.startEvent,
                     "date_column": column, "cutoff": cutoffDay, "rows": String(result.matched),
                     "revisions": result.revisions.map(String.init).joined(separator: ","), "sha256": result.sha256]
            if let n = result.newRevision { d["new_revision"] = String(n) }
            if let archive { d["file"] = archive.name }
            return d
        }
        let actor = principal.auditName
        request.documents = { result in
            var docs = [DocumentDraft(kind: Self.documentKind, key: "\(rewrittenAt)-a\(scope.activityId)-r\(scope.rule)",
                                      body: StoreSupport.encodeJSON(details(result)))]
            // The new revision keeps the scan its rows were classified by: without it, unreviewed columns would read as public.
            if let n = result.newRevision, var scan {
                scan.revision = n
                docs.append(DocumentDraft(kind: PrivacyRecords.scanKind, key: String(n), body: StoreSupport.encodeJSON(scan)))
            }
            return docs
        }
        request.audit = { result in
            [AuditEvent(actor: actor, action: "retention.\(rule.fate.rawValue)", objectType: "dataset", objectId: target.dataset, details: details(result))]
        }
        let result: RowPurgeResult
        do {
            result = try await store.purgeRows(request)
            try archive?.close()
        } catch {
            archive?.discard()
            throw error
        }
        if let archive, result.matched == 0 { archive.discard() }
        if rule.fate == .sort, !dryRun, result.matched > 0 {
            _ = try await store.appendAudit(AuditEvent(actor: actor, action: "retention.sort", objectType: "dataset", objectId: target.dataset,
                                                       details: details(result)))
        }
        out.rows = result.matched
        out.currentRows = result.tables.first { $0.revision == current }?.matched ?? 0
        out.tables = result.tables
        out.newRevision = result.newRevision
        out.sha256 = result.matched > 0 ? result.sha256 : ""
        out.file = result.matched > 0 ? archive?.name : nil
        out.done = dryRun ? "retention.done.dry_run" : result.matched == 0 ? "retention.done.nothing" : "retention.done.\(rule.fate.rawValue)"
        return out
    }

    /// Whether these rows (by their proof hash) were already listed for sorting from this dataset.
    func alreadyListed(_ dataset: String, sha256: String) async throws -> Bool {
        try await store.auditEntries(afterSeq: 0, limit: 1_000_000, actor: nil, action: "retention.sort", objectType: "dataset")
            .contains { $0.objectId == dataset && $0.details.contains(sha256) }
    }

    static func stamp(_ now: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: now)
        return String(format: "%04d%02d%02d-%02d%02d%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// The recorded runs of the organisations whose register the principal reads, newest first.
    public func runs(_ principal: Principal, organisation: String? = nil, limit: Int = 20) async throws -> [RetentionRunEntry] {
        let orgs = try await register.organisations(principal, .readRegister).filter { organisation == nil || $0.slug == organisation }
        let byId = Dictionary(uniqueKeysWithValues: orgs.map { ($0.id, $0) })
        guard !byId.isEmpty else { return [] }
        let records = try await store.registerRecords(kind: Self.runKind, organisationIds: Array(byId.keys))
        return try records.reversed().prefix(limit).compactMap { r in
            guard let o = byId[r.organisationId] else { return nil }
            return RetentionRunEntry(id: r.id, organisation: o, run: try StoreSupport.decodeJSON(RetentionRun.self, r.body))
        }
    }

    /// When the last real run happened, whoever ran it (the server's schedule counts from it).
    public func lastRun() async throws -> Date? {
        try await store.registerRecords(kind: Self.runKind, organisationIds: nil).map(\.createdAt).max()
    }
}

extension RegisterActions {
    /// Checks the date columns of retention rules: each names a dataset of the organisation (once), a column of
    /// its current revision, and that column holds dates or date-times. The column's name is kept (a label is
    /// accepted and replaced by the name).
    func validatedDateColumns(_ rules: [RetentionRule], in org: Organisation) async throws -> [RetentionRule] {
        var out = rules
        for (i, rule) in rules.enumerated() {
            var seen = Set<String>()
            var columns: [RetentionDateColumn] = []
            for dc in rule.dateColumns {
                let (d, rev) = try await ownDataset(dc.dataset.trimmingCharacters(in: .whitespaces), in: org)
                guard seen.insert(d.slug).inserted else {
                    throw SocleError(.invalidInput, code: "retention.duplicate_dataset", args: ["dataset": d.slug, "rule": String(i + 1)])
                }
                let wanted = dc.column.trimmingCharacters(in: .whitespaces)
                guard let c = rev.columns.first(where: { $0.name == wanted }) ?? rev.columns.first(where: { $0.label == wanted }) else {
                    throw SocleError(.invalidInput, code: "register.unknown_column",
                                     args: ["dataset": d.slug, "column": String(wanted.prefix(80)), "known": rev.columns.map(\.name).joined(separator: ", ")])
                }
                guard c.type == .date || c.type == .datetime else {
                    let dates = rev.columns.filter { $0.type == .date || $0.type == .datetime }.map(\.name)
                    throw SocleError(.invalidInput, code: "retention.not_a_date",
                                     args: ["dataset": d.slug, "column": c.name, "type": c.type.rawValue,
                                            "dates": dates.isEmpty ? "—" : dates.joined(separator: ", ")])
                }
                columns.append(RetentionDateColumn(dataset: d.slug, column: c.name))
            }
            out[i].dateColumns = columns
        }
        return out
    }
}

/// A CSV file of rows leaving the database for the archives (or set aside for sorting), written as the purge
/// reads them, inside its transaction: the file is complete before the rows go.
final class RetentionArchiveFile: @unchecked Sendable {
    let name: String
    let url: URL
    private let lock = NSLock()
    private let handle: FileHandle
    private var header: [String]?

    init(directory: URL, name: String) throws {
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw SocleError(.unavailable, code: "retention.archive_unwritable", args: ["path": directory.path])
        }
        self.name = name
        url = directory.appendingPathComponent(name)
        guard fm.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let h = try? FileHandle(forWritingTo: url) else {
            throw SocleError(.unavailable, code: "retention.archive_unwritable", args: ["path": url.path])
        }
        handle = h
    }

    func write(_ row: PurgedRow) throws {
        try lock.withLock {
            var text = ""
            if header != row.columns {
                if header != nil { text += "\r\n" }
                header = row.columns
                text += (["revision", "_row"] + row.columns).map(Self.field).joined(separator: ",") + "\r\n"
            }
            let values = row.values.map { v -> String in
                switch v {
                case .null: return ""
                case .text(let s): return s
                default: return RowPurgeDigest.canonical(v)
                }
            }
            text += ([String(row.revision), String(row.row)] + values).map(Self.field).joined(separator: ",") + "\r\n"
            do { try handle.write(contentsOf: Data(text.utf8)) } catch {
                throw SocleError(.unavailable, code: "retention.archive_unwritable", args: ["path": url.path])
            }
        }
    }

    func close() throws {
        try lock.withLock {
            do {
                try handle.synchronize()
                try handle.close()
            } catch {
                throw SocleError(.unavailable, code: "retention.archive_unwritable", args: ["path": url.path])
            }
        }
    }

    func discard() {
        lock.withLock { try? handle.close() }
        try? FileManager.default.removeItem(at: url)
    }

    static func field(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
