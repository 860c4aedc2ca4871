import Foundation
import SocleCore
import SoclePrivacy
import SocleStore

/// Builds the subject index's plans (issue 12, item 3): which columns of a revision identify a person — those
/// whose applicable category is an e-mail, a phone, a NIR, a licence plate, or a name with a birth date, unless a
/// person reviewed them public — and the keyed hashes of their normalised values. The key is a file beside the
/// other secrets (`subject-index.key`), never in the database.
public struct SubjectIndexer: Sendable {
    public let directory: URL
    public init(directory: URL) { self.directory = directory }

    var file: URL { directory.appendingPathComponent("subject-index.key") }

    /// The hasher under the instance's key (generated on first use).
    public func hasher() throws -> SubjectHasher {
        if let data = try? Data(contentsOf: file), data.count >= 16 { return SubjectHasher(key: Array(data)) }
        var g = SystemRandomNumberGenerator()
        let key = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &g) }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            guard FileManager.default.createFile(atPath: file.path, contents: Data(key), attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteUnknown)
            }
        } catch {
            throw SocleError(.unavailable, code: "subject.key_unwritable", args: ["path": directory.path])
        }
        return SubjectHasher(key: key)
    }

}

/// What identifies a person in one revision: the roles of its columns.
struct SubjectColumns: Sendable, Equatable {
    /// (column position in the revision, identifier kind) for e-mails, phones, NIRs and plates.
    var singles: [(column: Int, kind: SubjectIdentifier)]
    /// Positions of name columns and birth-date columns (a name counts only with a birth date).
    var names: [Int]
    var births: [Int]

    static func == (a: SubjectColumns, b: SubjectColumns) -> Bool {
        a.singles.map(\.column) == b.singles.map(\.column) && a.singles.map(\.kind) == b.singles.map(\.kind)
            && a.names == b.names && a.births == b.births
    }

    var isEmpty: Bool { singles.isEmpty && (names.isEmpty || births.isEmpty) }

    /// The columns of a revision whose applicable classification identifies a person.
    init(_ statuses: [ColumnPrivacyStatus]) {
        singles = []
        names = []
        births = []
        for (i, s) in statuses.enumerated() where s.effective != .public {
            switch s.effectiveCategory {
            case .email?: singles.append((i, .email))
            case .phone?: singles.append((i, .phone))
            case .nir?: singles.append((i, .nir))
            case .licensePlate?: singles.append((i, .plate))
            case .identity?, .civilStatus?: names.append(i)
            case .birthDate?: births.append(i)
            default: break
            }
        }
    }

    /// The store's plan: the columns to read (by name) and the keys of one row.
    func plan(columns: [ColumnSchema], hasher: SubjectHasher) -> SubjectIndexPlan {
        let withName = births.isEmpty ? [] : names
        let read = singles.map(\.column) + withName + (withName.isEmpty ? [] : births)
        let names = withName.map { read.firstIndex(of: $0)! }
        let births = withName.isEmpty ? [] : self.births.map { read.firstIndex(of: $0)! }
        let singles = self.singles.enumerated().map { (value: $0.offset, column: Int32($0.element.column), kind: $0.element.kind) }
        let nameColumns = withName.map(Int32.init)
        let signature = "v3|" + hasher.fingerprint + "|"
            + self.singles.map { "\($0.kind.rawValue):\(columns[$0.column].name)" }.joined(separator: ",")
            + "|" + withName.map { columns[$0].name }.joined(separator: ",")
            + "|" + (withName.isEmpty ? [] : self.births).map { columns[$0].name }.joined(separator: ",")
        // A name column alone (with the birth date) is a key of its own only when there are three or more name
        // columns (a maiden name, a usual name…): with two, the pair is what identifies.
        let alone = names.count >= 3
        return SubjectIndexPlan(columns: read.map { columns[$0].name }, signature: signature) { values, out, scratch in
            for s in singles {
                guard var v = values[s.value],
                      let k = v.withUTF8({ hasher.key(s.kind, raw: $0, buffer: &scratch) }) else { continue }
                out.append(SubjectKey(key: k, column: s.column))
            }
            guard !names.isEmpty else { return }
            for b in births {
                guard let raw = values[b], let birth = SubjectNormaliser.birthDate(raw) else { continue }
                var all: [String] = []
                for (n, position) in names.enumerated() {
                    guard let v = values[position] else { continue }
                    let words = SubjectNormaliser.nameWords(v)
                    all += words
                    if alone, let k = hasher.nameBirthKey(words: words, birthDate: birth) {
                        out.append(SubjectKey(key: k, column: nameColumns[n]))
                    }
                }
                if let k = hasher.nameBirthKey(words: all, birthDate: birth) {
                    out.append(SubjectKey(key: k, column: nameColumns[0]))
                }
            }
        }
    }
}
