import Crypto
import Foundation

/// The identifiers a data subject can be found by (issue 12, item 3), and how a value of each is normalised
/// so that the spellings of one identifier meet: "Jean.Dupont@Mail.FR " and "jean.dupont@mail.fr", "+33 6 12 34
/// 56 78" and "06.12.34.56.78", "AB-123-CD" and "ab 123 cd", "DUPONT Jean" and "Jean Dupont".
public enum SubjectIdentifier: String, Codable, Sendable, CaseIterable {
    case email, phone, nir, plate
    /// A name (every name column of the row, words in any order) together with a birth date.
    case nameBirth

    /// The personal-data category whose columns hold this identifier (`nameBirth` also needs a `birthDate` column).
    public var category: DataCategory {
        switch self {
        case .email: return .email
        case .phone: return .phone
        case .nir: return .nir
        case .plate: return .licensePlate
        case .nameBirth: return .identity
        }
    }

    /// The normalised form of one value, or nil when it cannot be this identifier.
    public func normalise(_ value: String) -> String? {
        switch self {
        case .email: return SubjectNormaliser.email(value)
        case .phone: return SubjectNormaliser.phone(value)
        case .nir: return SubjectNormaliser.nir(value)
        case .plate: return SubjectNormaliser.plate(value)
        case .nameBirth: return nil
        }
    }
}

/// Normalisation rules, shared by the index (at load) and the search (the DPO's query).
public enum SubjectNormaliser {
    static let maxLength = 320

    /// Trimmed and lowercased; must hold one "@" with text on both sides.
    public static func email(_ value: String) -> String? {
        guard value.utf8.count <= maxLength else { return nil }
        let t = asciiLower(value.trimmingCharacters(in: .whitespacesAndNewlines))
        guard let at = t.firstIndex(of: "@"), at != t.startIndex, t.index(after: at) != t.endIndex,
              !t.contains(" ") else { return nil }
        return t
    }

    /// Digits only, the French international prefixes (+33, 0033, 33 followed by nine digits) turned into the
    /// national 0; other international numbers keep their digits with a leading "+". At least 6 digits.
    public static func phone(_ value: String) -> String? {
        guard value.utf8.count <= 64 else { return nil }
        var digits: [UInt8] = []
        var plus = false
        for b in value.utf8 {
            if b >= 48 && b <= 57 { digits.append(b) } else if b == 43 && digits.isEmpty { plus = true }
            else if b == 32 || b == 46 || b == 45 || b == 47 || b == 40 || b == 41 || b == 9 || b == 0xC2 || b == 0xA0 { continue }
            else { return nil }
        }
        var s = String(decoding: digits, as: UTF8.self)
        if s.hasPrefix("0033") { s = "0" + s.dropFirst(4) } else if plus && s.hasPrefix("33") { s = "0" + s.dropFirst(2) }
        else if !plus && s.count == 11 && s.hasPrefix("33") { s = "0" + s.dropFirst(2) }
        else if plus { s = "+" + s }
        // "(0)" after the country code: +33 (0)6 12… → 006… → 06…
        if s.hasPrefix("00") && s.count == 11 { s = String(s.dropFirst()) }
        return s.count >= 6 ? s : nil
    }

    /// Digits (and 2A/2B for Corsica) without spaces or dots; the two-digit key is dropped so that a NIR written
    /// with or without it matches.
    public static func nir(_ value: String) -> String? {
        guard value.utf8.count <= 64 else { return nil }
        var out: [UInt8] = []
        for b in value.utf8 {
            switch b {
            case 48...57: out.append(b)
            case 65, 66: out.append(b)
            case 97, 98: out.append(b - 32)
            case 32, 46, 45, 9: continue
            default: return nil
            }
        }
        guard out.count == 13 || out.count == 15 else { return nil }
        return String(decoding: out.prefix(13), as: UTF8.self)
    }

    /// Upper-case letters and digits, separators dropped: "ab-123-cd" → "AB123CD".
    public static func plate(_ value: String) -> String? {
        guard value.utf8.count <= 32 else { return nil }
        var out: [UInt8] = []
        for b in value.utf8 {
            switch b {
            case 48...57, 65...90: out.append(b)
            case 97...122: out.append(b - 32)
            case 32, 45, 46, 9: continue
            default: return nil
            }
        }
        return out.count >= 4 ? String(decoding: out, as: UTF8.self) : nil
    }

    /// Lowercased, accent-free words ("Jean-Pierre DUPONT" → ["dupont", "jean", "pierre"]), sorted so that the
    /// order of first and last names does not matter.
    public static func nameWords(_ value: String) -> [String] {
        guard value.utf8.count <= maxLength else { return [] }
        var ascii = true
        for b in value.utf8 where b >= 0x80 { ascii = false; break }
        let folded = ascii ? asciiLower(value)
            : value.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        var words: [String] = []
        var current = ""
        for ch in folded {
            if ch.isLetter { current.append(ch) } else if !current.isEmpty { words.append(current); current = "" }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// A birth date as ISO `YYYY-MM-DD` from ISO, `DD/MM/YYYY` or `DD-MM-YYYY` (and an ISO datetime's date);
    /// nil when it is not a real date.
    public static func birthDate(_ value: String) -> String? {
        let t = value.trimmingCharacters(in: .whitespaces)
        let b = Array(t.utf8)
        func num(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= b.count else { return nil }
            var n = 0
            for i in r { guard b[i] >= 48 && b[i] <= 57 else { return nil }; n = n * 10 + Int(b[i] - 48) }
            return n
        }
        var y: Int?, m: Int?, d: Int?
        if b.count >= 10, b[4] == 45, b[7] == 45 { (y, m, d) = (num(0..<4), num(5..<7), num(8..<10)) }
        else if b.count == 10, b[2] == 47 || b[2] == 45 || b[2] == 46, b[5] == b[2] { (d, m, y) = (num(0..<2), num(3..<5), num(6..<10)) }
        guard let y, let m, let d, (1850...2200).contains(y), (1...12).contains(m) else { return nil }
        let days = [31, (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        guard (1...days).contains(d) else { return nil }
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    static func asciiLower(_ s: String) -> String {
        var bytes = Array(s.utf8)
        for i in bytes.indices where bytes[i] >= 65 && bytes[i] <= 90 { bytes[i] += 32 }
        return bytes.contains(where: { $0 >= 0x80 }) ? s.lowercased() : String(decoding: bytes, as: UTF8.self)
    }
}

/// Keyed hashes of normalised identifiers: what the subject index stores instead of the identifiers. SipHash-2-4
/// (a keyed pseudo-random function with a 128-bit secret key kept outside the database) — someone who copies the
/// database cannot test a guessed e-mail against the index without the key; 64 bits, and every hit is checked
/// against the row's real value before it is shown, so a collision never reports a wrong person.
public struct SubjectHasher: Sendable {
    let k0: UInt64
    let k1: UInt64

    /// `key`: at least 16 bytes (the first 16 are used).
    public init(key: [UInt8]) {
        precondition(key.count >= 16, "a subject-index key has 16 bytes")
        func word(_ i: Int) -> UInt64 { (0..<8).reduce(UInt64(0)) { $0 | UInt64(key[i + $1]) << (8 * UInt64($1)) } }
        k0 = word(0)
        k1 = word(8)
    }

    /// A short fingerprint of the key (a hash of it, not the key), part of every index plan's signature: a new
    /// key makes every index stale.
    public var fingerprint: String {
        var bytes = [UInt8]()
        for w in [k0, k1] { for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: w >> (8 * UInt64(i)))) } }
        return SHA256.hash(data: bytes).prefix(6).map { String(format: "%02x", $0) }.joined()
    }

    /// The key of a normalised identifier; the kind is part of the hashed input, so an e-mail and a plate that
    /// happen to be spelt alike never meet.
    public func key(_ kind: SubjectIdentifier, _ normalised: String) -> Int64 {
        var bytes = Array(kind.rawValue.utf8)
        bytes.append(0)
        bytes.append(contentsOf: normalised.utf8)
        return Int64(bitPattern: sipHash24(bytes))
    }

    /// The key of a name (its words, sorted) with a birth date (ISO).
    public func nameBirthKey(words: [String], birthDate: String) -> Int64? {
        guard !words.isEmpty else { return nil }
        return key(.nameBirth, words.sorted().joined(separator: " ") + "|" + birthDate)
    }

    /// SipHash-2-4 (Aumasson & Bernstein, 2012) over `message`.
    public func sipHash24(_ message: [UInt8]) -> UInt64 {
        var v0: UInt64 = 0x736f6d6570736575 ^ k0
        var v1: UInt64 = 0x646f72616e646f6d ^ k1
        var v2: UInt64 = 0x6c7967656e657261 ^ k0
        var v3: UInt64 = 0x7465646279746573 ^ k1
        @inline(__always) func round() {
            v0 &+= v1; v1 = (v1 << 13) | (v1 >> 51); v1 ^= v0; v0 = (v0 << 32) | (v0 >> 32)
            v2 &+= v3; v3 = (v3 << 16) | (v3 >> 48); v3 ^= v2
            v0 &+= v3; v3 = (v3 << 21) | (v3 >> 43); v3 ^= v0
            v2 &+= v1; v1 = (v1 << 17) | (v1 >> 47); v1 ^= v2; v2 = (v2 << 32) | (v2 >> 32)
        }
        let n = message.count
        let whole = n - n % 8
        var i = 0
        while i < whole {
            var m: UInt64 = 0
            for j in 0..<8 { m |= UInt64(message[i + j]) << (8 * UInt64(j)) }
            v3 ^= m
            round(); round()
            v0 ^= m
            i += 8
        }
        var last = UInt64(n & 0xff) << 56
        for j in 0..<(n - whole) { last |= UInt64(message[whole + j]) << (8 * UInt64(j)) }
        v3 ^= last
        round(); round()
        v0 ^= last
        v2 ^= 0xff
        round(); round(); round(); round()
        return v0 ^ v1 ^ v2 ^ v3
    }
}
