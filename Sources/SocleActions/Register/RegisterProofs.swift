import Crypto
import Foundation
import SocleCore
import SocleStore

// Proofs of the register (issue 12, item 1): documents stored as files in the database and linked to activities,
// processors (their contracts) and measures. The types are Madis's document types (`ProofTypeDictionary`), plus
// the DPIA report.

public enum ProofType: String, RegisterValue {
    case policyManagement, policyProtection, subjectRequest, measure, certification, itCharter, deliberation, contract
    case training, report, dpia, other
    public static let listKey = "proofType"
}

/// The kinds of file a proof may be, recognised by their content (never by the name the user gave).
public enum ProofFileKind: String, Codable, Sendable, CaseIterable {
    case pdf, odt, ods, docx, xlsx, png, jpeg, txt

    public var mediaType: String {
        switch self {
        case .pdf: return "application/pdf"
        case .odt: return "application/vnd.oasis.opendocument.text"
        case .ods: return "application/vnd.oasis.opendocument.spreadsheet"
        case .docx: return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .xlsx: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .png: return "image/png"
        case .jpeg: return "image/jpeg"
        case .txt: return "text/plain; charset=utf-8"
        }
    }

    public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }

    /// What the bytes are, from their signature and structure; a located French error when they are none of the
    /// accepted kinds, or a damaged one (a PDF without its end, a ZIP without its directory, a cut image).
    public static func detect(_ b: [UInt8]) throws -> ProofFileKind {
        func starts(_ sig: [UInt8]) -> Bool { b.count >= sig.count && Array(b.prefix(sig.count)) == sig }
        func contains(_ needle: String, in window: ArraySlice<UInt8>) -> Bool {
            let n = Array(needle.utf8)
            guard window.count >= n.count else { return false }
            var i = window.startIndex
            while i <= window.endIndex - n.count {
                if window[i] == n[0] && Array(window[i..<(i + n.count)]) == n { return true }
                i += 1
            }
            return false
        }
        func broken(_ kind: String) -> SocleError { SocleError(.invalidInput, code: "register.proof.broken_file", args: ["kind": kind]) }
        if b.isEmpty { throw SocleError(.invalidInput, code: "register.proof.empty_file") }
        if starts(Array("%PDF-".utf8)) {
            guard contains("%%EOF", in: b.suffix(2048)) else { throw broken("PDF") }
            return .pdf
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            guard contains("IEND", in: b.suffix(16)) else { throw broken("PNG") }
            return .png
        }
        if starts([0xFF, 0xD8, 0xFF]) {
            // The end-of-image marker, possibly followed by padding.
            guard b.suffix(64).indices.contains(where: { i in i + 1 < b.count && b[i] == 0xFF && b[i + 1] == 0xD9 }) else {
                throw broken("JPEG")
            }
            return .jpeg
        }
        if starts([0x50, 0x4B, 0x03, 0x04]) {
            // The end of central directory record sits in the last 64 KiB + 22 bytes.
            let tail = b.suffix(65_557)
            guard contains("PK\u{05}\u{06}", in: tail) else { throw broken("ZIP") }
            let head = b.prefix(200)
            if contains("mimetypeapplication/vnd.oasis.opendocument.text", in: head) { return .odt }
            if contains("mimetypeapplication/vnd.oasis.opendocument.spreadsheet", in: head) { return .ods }
            if contains("word/document.xml", in: b[...]) { return .docx }
            if contains("xl/workbook.xml", in: b[...]) { return .xlsx }
            throw SocleError(.invalidInput, code: "register.proof.unknown_type")
        }
        // Text: valid UTF-8 (BOM allowed), no control character other than tab and line breaks.
        if let text = String(validating: b, as: UTF8.self),
           !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !"\t\n\r\u{0C}".unicodeScalars.contains($0) }) {
            return .txt
        }
        throw SocleError(.invalidInput, code: "register.proof.unknown_type")
    }
}

/// A proof: what the document is, which records it supports, and the file's description (the bytes are beside
/// the record, in `register_files`).
public struct RegisterProof: Codable, Sendable, Equatable, RegisterBody {
    public static let registerKind = "proof"
    public var type: ProofType
    public var title: String
    /// The document's date, `YYYY-MM-DD` (a deliberation's, a contract's signature…).
    public var date: String?
    public var comment: String?
    /// Anyone may download it (a deliberation, a published policy); otherwise members of the organisation only.
    public var isPublic: Bool
    public var activities: [Int64]
    public var processors: [Int64]
    public var measures: [Int64]
    public var fileName: String
    public var fileKind: ProofFileKind
    public var size: Int
    public var sha256: String
    public var uploadedBy: String

    public var mediaType: String { fileKind.mediaType }
}

public typealias ProofEntry = RegisterEntry<RegisterProof>

/// What a person says of a proof (the file aside): from a form, a JSON body or the CLI.
public struct ProofInput: Codable, Sendable, Equatable {
    public var type: ProofType
    public var title: String
    public var date: String?
    public var comment: String?
    public var isPublic: Bool
    public var activities: [Int64]
    public var processors: [Int64]
    public var measures: [Int64]

    public init(type: ProofType = .other, title: String, date: String? = nil, comment: String? = nil, isPublic: Bool = false,
                activities: [Int64] = [], processors: [Int64] = [], measures: [Int64] = []) {
        self.type = type
        self.title = title
        self.date = date
        self.comment = comment
        self.isPublic = isPublic
        self.activities = activities
        self.processors = processors
        self.measures = measures
    }

    enum CodingKeys: String, CodingKey { case type, title, date, comment, isPublic, activities, processors, measures }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func ids(_ key: CodingKeys) throws -> [Int64] { try c.decodeIfPresent([Int64].self, forKey: key) ?? [] }
        self.init(type: try c.decodeIfPresent(ProofType.self, forKey: .type) ?? .other,
                  title: try c.decodeIfPresent(String.self, forKey: .title) ?? "",
                  date: try c.decodeIfPresent(String.self, forKey: .date), comment: try c.decodeIfPresent(String.self, forKey: .comment),
                  isPublic: try c.decodeIfPresent(Bool.self, forKey: .isPublic) ?? false,
                  activities: try ids(.activities), processors: try ids(.processors), measures: try ids(.measures))
    }
}

extension RegisterActions {
    /// 20 MiB: a scanned deliberation or a signed contract fits; the database is not a file server.
    public static let maxProofBytes = 20 * 1024 * 1024

    /// The proofs of the organisations the principal reads (or of one), optionally only those linked to a record.
    public func proofs(_ principal: Principal, organisation: String? = nil, includeArchived: Bool = false,
                       linkedTo record: Int64? = nil) async throws -> [ProofEntry] {
        let all: [ProofEntry] = try await entries(principal, organisation: organisation, includeArchived: includeArchived)
        guard let record else { return all }
        return all.filter { $0.body.activities.contains(record) || $0.body.processors.contains(record) || $0.body.measures.contains(record) }
    }

    /// A proof, for the members of its organisation, or for anyone when it is public (and not archived). Unknown
    /// and unreadable look the same.
    public func proof(_ id: Int64, _ principal: Principal) async throws -> ProofEntry {
        guard let r = try await store.registerRecord(id: id), r.kind == RegisterProof.registerKind else {
            throw SocleError(.notFound, code: "register.not_found", args: ["id": String(id)])
        }
        let e: ProofEntry = try decode(r, try await policy.organisation(id: r.organisationId))
        if Permissions.can(principal, .readRegister, organisationId: r.organisationId) || (e.body.isPublic && !e.archived) { return e }
        throw SocleError(.notFound, code: "register.not_found", args: ["id": String(id)])
    }

    /// A proof and its file's bytes, under the same rule as `proof`.
    public func proofFile(_ id: Int64, _ principal: Principal) async throws -> (ProofEntry, [UInt8]) {
        let e = try await proof(id, principal)
        guard let bytes = try await store.registerFile(recordId: id) else {
            throw SocleError(.notFound, code: "register.not_found", args: ["id": String(id)])
        }
        return (e, bytes)
    }

    /// Stores a document as a proof of the organisation's register: its kind read from its content, its size
    /// limited, its SHA-256 kept; linked to the records named; audited. Nothing is kept when anything is wrong.
    public func addProof(_ input: ProofInput, fileName: String, content: [UInt8], organisation slug: String,
                         by principal: Principal) async throws -> ProofEntry {
        let org = try await organisation(slug, principal, .editRegister)
        if content.count > Self.maxProofBytes {
            throw SocleError(.tooLarge, code: "register.proof.too_large",
                             args: ["size": Self.mebibytes(content.count), "max": Self.mebibytes(Self.maxProofBytes)])
        }
        let kind = try ProofFileKind.detect(content)
        let clean = try await validated(input, in: org)
        let sha = Hex.encode(SHA256.hash(data: content))
        let body = RegisterProof(type: clean.type, title: clean.title, date: clean.date, comment: clean.comment, isPublic: clean.isPublic,
                                 activities: clean.activities, processors: clean.processors, measures: clean.measures,
                                 fileName: Self.proofFileName(fileName, kind: kind), fileKind: kind, size: content.count, sha256: sha,
                                 uploadedBy: principal.displayName)
        let event = AuditEvent(actor: principal.auditName, action: "register.proof.create", objectType: "register.proof", objectId: "",
                               details: ["organisation": org.slug, "sha256": sha, "size": String(content.count), "type": kind.rawValue])
        let r = try await store.createRegisterRecord(organisationId: org.id, kind: RegisterProof.registerKind, body: StoreSupport.encodeJSON(body),
                                                     file: content, sha256: sha, audit: event)
        return try decode(r, org)
    }

    /// Changes what a proof says and links (the file stays), or archives/restores it; audited.
    public func updateProof(_ id: Int64, _ input: ProofInput? = nil, archived: Bool? = nil, by principal: Principal) async throws -> ProofEntry {
        let current = try await entry(id, principal, .editRegister) as ProofEntry
        var body = current.body
        if let input {
            let clean = try await validated(input, in: current.organisation)
            body.type = clean.type
            body.title = clean.title
            body.date = clean.date
            body.comment = clean.comment
            body.isPublic = clean.isPublic
            body.activities = clean.activities
            body.processors = clean.processors
            body.measures = clean.measures
        }
        let newArchived = archived ?? current.archived
        let action = newArchived == current.archived ? "register.proof.update" : (newArchived ? "register.proof.archive" : "register.proof.restore")
        return try await update(current, body: body, archived: newArchived, action: action, by: principal)
    }

    /// Deletes a proof and its file for good; the audit entry keeps its title and SHA-256.
    public func deleteProof(_ id: Int64, by principal: Principal) async throws {
        let current = try await entry(id, principal, .editRegister) as ProofEntry
        let event = AuditEvent(actor: principal.auditName, action: "register.proof.delete", objectType: "register.proof", objectId: String(id),
                               details: ["organisation": current.organisation.slug, "title": current.body.title, "sha256": current.body.sha256])
        try await store.deleteRegisterRecord(id: id, audit: event)
    }

    /// The processors of these entries that have no contract among the proofs (GDPR.md §1: the contract's
    /// clauses are checked on the contract itself).
    public func processorsWithoutContract(_ processors: [ProcessorEntry], proofs: [ProofEntry]) -> Set<Int64> {
        let covered = Set(proofs.filter { $0.body.type == .contract && !$0.archived }.flatMap(\.body.processors))
        return Set(processors.map(\.id)).subtracting(covered)
    }

    func validated(_ p: ProofInput, in org: Organisation) async throws -> ProofInput {
        var p = p
        p.title = try text(p.title, "title", max: 200, required: true)
        p.comment = try optionalText(p.comment, "comment")
        if let d = p.date, !d.isBlank {
            guard let day = CalendarDay(d) else {
                throw SocleError(.invalidInput, code: "register.bad_date", args: ["field": "date", "value": String(d.prefix(40))])
            }
            p.date = day.text
        } else {
            p.date = nil
        }
        for (ids, kind, code) in [(p.activities, Self.activityKind, "register.unknown_activity"), (p.processors, Self.processorKind, "register.unknown_processor"),
                                  (p.measures, Self.measureKind, "register.unknown_measure")] {
            if ids.count > Self.maxItems { throw tooMany(kind) }
            for id in ids {
                guard let r = try await store.registerRecord(id: id), r.kind == kind, r.organisationId == org.id else {
                    throw SocleError(.invalidInput, code: code, args: ["id": String(id), "organisation": org.name])
                }
            }
        }
        p.activities = unique(p.activities)
        p.processors = unique(p.processors)
        p.measures = unique(p.measures)
        return p
    }

    /// The name to download the file under: the user's name, without folders or control characters, with the
    /// extension of what the file really is.
    static func proofFileName(_ raw: String, kind: ProofFileKind) -> String {
        let last = raw.replacingOccurrences(of: "\\", with: "/").split(separator: "/").last.map(String.init) ?? ""
        var name = String(last.unicodeScalars.filter { $0.properties.generalCategory != .control && !"\"<>|:*?".unicodeScalars.contains($0) }
            .map(Character.init)).trimmingCharacters(in: .whitespaces)
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = String(name[..<dot]) }
        name = String(name.prefix(150))
        if name.isEmpty || name == "." || name == ".." { name = "document" }
        return name + "." + kind.fileExtension
    }

    /// A size as the refusals word it: « 20 Mio », « 1,5 Mio ».
    public static func mebibytes(_ n: Int) -> String {
        let v = Double(n) / 1_048_576
        return v >= 10 ? String(Int(v.rounded())) + " Mio" : String(format: "%.1f", v).replacingOccurrences(of: ".", with: ",") + " Mio"
    }
}
