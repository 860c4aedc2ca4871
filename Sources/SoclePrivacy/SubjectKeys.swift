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

    /// The byte-level rule of this identifier (nil for `nameBirth`, which needs two columns).
    public var rule: ((UnsafeBufferPointer<UInt8>, inout [UInt8]) -> Bool)? {
        switch self {
        case .email: return SubjectNormaliser.email
        case .phone: return SubjectNormaliser.phone
        case .nir: return SubjectNormaliser.nir
        case .plate: return SubjectNormaliser.plate
        case .nameBirth: return nil
        }
    }

    /// The byte that starts every hashed input of this kind, so that an e-mail and a plate spelt alike never meet.
    public var tag: UInt8 {
        switch self {
        case .email: return 1
        case .phone: return 2
        case .nir: return 3
        case .plate: return 4
        case .nameBirth: return 5
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

/// Normalisation rules, shared by the index (at load) and the search (the DPO's query). Each works on the value's
/// UTF-8 bytes and appends the normalised bytes to a buffer the caller reuses: the index normalises millions of
/// values per load, so no `String` is made on the way.
public enum SubjectNormaliser {
    static let maxLength = 320

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }

    /// Trimmed and lowercased (ASCII letters; other bytes kept); one "@" with text on both sides, no inner space.
    public static func email(_ v: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Bool {
        var lo = 0, hi = v.count
        while lo < hi && isSpace(v[lo]) { lo += 1 }
        while hi > lo && isSpace(v[hi - 1]) { hi -= 1 }
        guard hi - lo <= maxLength, hi > lo else { return false }
        let start = out.count
        var at = -1
        for i in lo..<hi {
            let b = v[i]
            if isSpace(b) { return false }
            if b == 64 { if at >= 0 { return false }; at = out.count - start }
            out.append(b >= 65 && b <= 90 ? b + 32 : b)
        }
        return at > 0 && at < out.count - start - 1
    }

    /// Digits only, the French international prefixes (+33, 0033, 33 followed by nine digits, and "+33 (0)") turned
    /// into the national 0; other international numbers keep their digits after a "+". At least 6 digits.
    public static func phone(_ v: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Bool {
        guard v.count <= 64 else { return false }
        let start = out.count
        var plus = false
        for b in v {
            if b >= 48 && b <= 57 { out.append(b) } else if b == 43 && out.count == start { plus = true }
            else if b == 32 || b == 46 || b == 45 || b == 47 || b == 40 || b == 41 || b == 9 || b == 0xC2 || b == 0xA0 { continue }
            else { out.removeSubrange(start...); return false }
        }
        func startsWith(_ p: [UInt8]) -> Bool {
            out.count - start >= p.count && p.indices.allSatisfy { out[start + $0] == p[$0] }
        }
        var national = false
        if startsWith([48, 48, 51, 51]) { out.removeSubrange(start..<start + 4); national = true }
        else if plus && startsWith([51, 51]) { out.removeSubrange(start..<start + 2); national = true }
        else if !plus && out.count - start == 11 && startsWith([51, 51]) { out.removeSubrange(start..<start + 2); national = true }
        if national {
            if startsWith([48]) { out.remove(at: start) }  // "+33 (0)6…"
            out.insert(48, at: start)
        } else if plus {
            out.insert(43, at: start)
        }
        guard out.count - start >= (plus && !national ? 7 : 6) else { out.removeSubrange(start...); return false }
        return true
    }

    /// Digits (and 2A/2B for Corsica) without spaces or dots; the two-digit key is dropped so that a NIR written
    /// with or without it matches.
    public static func nir(_ v: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Bool {
        guard v.count <= 64 else { return false }
        let start = out.count
        for b in v {
            switch b {
            case 48...57, 65, 66: out.append(b)
            case 97, 98: out.append(b - 32)
            case 32, 46, 45, 9: continue
            default: out.removeSubrange(start...); return false
            }
        }
        let n = out.count - start
        guard n == 13 || n == 15 else { out.removeSubrange(start...); return false }
        if n == 15 { out.removeLast(2) }
        return true
    }

    /// Upper-case letters and digits, separators dropped: "ab-123-cd" → "AB123CD".
    public static func plate(_ v: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Bool {
        guard v.count <= 32 else { return false }
        let start = out.count
        for b in v {
            switch b {
            case 48...57, 65...90: out.append(b)
            case 97...122: out.append(b - 32)
            case 32, 45, 46, 9: continue
            default: out.removeSubrange(start...); return false
            }
        }
        guard out.count - start >= 4 else { out.removeSubrange(start...); return false }
        return true
    }

    /// The same rules on a `String` (the DPO's query, tests).
    static func normalised(_ value: String, _ rule: (UnsafeBufferPointer<UInt8>, inout [UInt8]) -> Bool) -> String? {
        var out: [UInt8] = []
        var copy = value
        let ok = copy.withUTF8 { rule($0, &out) }
        return ok ? String(decoding: out, as: UTF8.self) : nil
    }
    public static func email(_ value: String) -> String? { normalised(value, email) }
    public static func phone(_ value: String) -> String? { normalised(value, phone) }
    public static func nir(_ value: String) -> String? { normalised(value, nir) }
    public static func plate(_ value: String) -> String? { normalised(value, plate) }

    /// Lowercased, accent-free words ("Jean-Pierre DUPONT" → ["jean", "pierre", "dupont"]). Latin letters with
    /// accents, œ and æ are folded here; any other script goes through Foundation.
    public static func nameWords(_ value: String) -> [String] {
        guard value.utf8.count <= maxLength else { return [] }
        var words: [String] = []
        var current: [UInt8] = []
        var other = false
        func flush() {
            if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)); current.removeAll(keepingCapacity: true) }
        }
        for scalar in value.unicodeScalars {
            let c = scalar.value
            switch c {
            case 65...90: current.append(UInt8(c + 32))
            case 97...122: current.append(UInt8(c))
            case 0xC0...0x17F:
                if let f = latinFold(c) { current.append(contentsOf: f.utf8) } else { other = true }
            default:
                if c < 0x80 { flush() } else if scalar.properties.isAlphabetic { other = true } else { flush() }
            }
            if other { break }
        }
        if other {
            let folded = value.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
            var out: [String] = []
            var w = ""
            for ch in folded {
                if ch.isLetter { w.append(ch) } else if !w.isEmpty { out.append(w); w = "" }
            }
            if !w.isEmpty { out.append(w) }
            return out
        }
        flush()
        return words
    }

    /// Latin-1 and Latin Extended-A letters without their accents, lowercased; nil for a letter outside them.
    static func latinFold(_ c: UInt32) -> String? {
        switch c {
        case 0xC0...0xC5, 0xE0...0xE5, 0x100...0x105: return "a"
        case 0xC6, 0xE6: return "ae"
        case 0xC7, 0xE7, 0x106...0x10D: return "c"
        case 0xC8...0xCB, 0xE8...0xEB, 0x112...0x11B: return "e"
        case 0xCC...0xCF, 0xEC...0xEF, 0x128...0x131: return "i"
        case 0xD1, 0xF1, 0x143...0x148: return "n"
        case 0xD2...0xD6, 0xD8, 0xF2...0xF6, 0xF8, 0x14C...0x151: return "o"
        case 0x152, 0x153: return "oe"
        case 0xD9...0xDC, 0xF9...0xFC, 0x168...0x173: return "u"
        case 0xDD, 0xFD, 0xFF, 0x176...0x178: return "y"
        case 0xDF: return "ss"
        case 0x10E...0x111: return "d"
        case 0x11C...0x123: return "g"
        case 0x124...0x127: return "h"
        case 0x134, 0x135: return "j"
        case 0x136, 0x137: return "k"
        case 0x139...0x142: return "l"
        case 0x154...0x159: return "r"
        case 0x15A...0x161: return "s"
        case 0x162...0x167: return "t"
        case 0x179...0x17E: return "z"
        default: return nil
        }
    }

    /// A birth date as ISO `YYYY-MM-DD` from ISO, `DD/MM/YYYY` or `DD-MM-YYYY` (and an ISO datetime's date);
    /// nil when it is not a real date.
    public static func birthDate(_ value: String) -> String? {
        var copy = value
        return copy.withUTF8 { raw -> String? in
            var lo = 0, hi = raw.count
            while lo < hi && isSpace(raw[lo]) { lo += 1 }
            while hi > lo && isSpace(raw[hi - 1]) { hi -= 1 }
            let b = UnsafeBufferPointer(rebasing: raw[lo..<hi])
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
            let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
            let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
            guard (1...days).contains(d) else { return nil }
            let digits: [UInt8] = [UInt8(48 + y / 1000), UInt8(48 + y / 100 % 10), UInt8(48 + y / 10 % 10), UInt8(48 + y % 10), 45,
                                   UInt8(48 + m / 10), UInt8(48 + m % 10), 45, UInt8(48 + d / 10), UInt8(48 + d % 10)]
            return String(decoding: digits, as: UTF8.self)
        }
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

    /// The key of a normalised identifier (the kind's tag, then its bytes).
    public func key(_ kind: SubjectIdentifier, _ normalised: String) -> Int64 {
        var bytes: [UInt8] = [kind.tag]
        bytes.append(contentsOf: normalised.utf8)
        return Int64(bitPattern: sipHash24(bytes))
    }

    /// The key of a raw value under `kind`'s rule, normalising into `buffer` (reused between calls); nil when the
    /// value is not this identifier.
    @inline(__always)
    public func key(_ kind: SubjectIdentifier, raw: UnsafeBufferPointer<UInt8>, buffer: inout [UInt8]) -> Int64? {
        guard let rule = kind.rule else { return nil }
        buffer.removeAll(keepingCapacity: true)
        buffer.append(kind.tag)
        guard rule(raw, &buffer) else { return nil }
        return Int64(bitPattern: sipHash24(buffer))
    }

    /// The key of a name (its words, sorted) with a birth date (ISO).
    public func nameBirthKey(words: [String], birthDate: String) -> Int64? {
        guard !words.isEmpty else { return nil }
        return key(.nameBirth, words.sorted().joined(separator: " ") + "|" + birthDate)
    }

    /// SipHash-2-4 (Aumasson & Bernstein, 2012) over `message`.
    public func sipHash24(_ message: [UInt8]) -> UInt64 {
        message.withUnsafeBufferPointer { sipHash24($0) }
    }

    public func sipHash24(_ message: UnsafeBufferPointer<UInt8>) -> UInt64 {
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
