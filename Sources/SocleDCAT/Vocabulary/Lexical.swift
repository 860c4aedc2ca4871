import Foundation
import SocleCore

/// Lexical forms of the typed literals the feed writes (xsd:dateTime, xsd:date, codes, tags), checked so
/// that no ill-typed literal reaches a harvester.
enum Lexical {
    /// `2024-03-01T08:30:00Z` (UTC, whole seconds), or nil outside years 1–9999 or for NaN/infinite dates.
    static func dateTime(_ date: Date?) -> String? {
        guard let date else { return nil }
        let t = date.timeIntervalSince1970
        // Years 0001-01-01 … 9999-12-31T23:59:59 UTC; also rejects NaN and infinities.
        guard t.isFinite, t >= -62_135_596_800, t < 253_402_300_800 else { return nil }
        let seconds = Int64(t.rounded(.down))
        let (days, secs) = floorDivMod(seconds, 86_400)
        let (y, m, d) = civil(fromDays: days)
        let hh = secs / 3600, mm = (secs % 3600) / 60, ss = secs % 60
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(hh, 2)):\(pad(mm, 2)):\(pad(ss, 2))Z"
    }

    /// A `YYYY-MM-DD`, `YYYY-MM` or `YYYY` string as (lexical form, xsd datatype local name), or nil when it is
    /// not a real calendar date (2023-02-29 is refused).
    static func date(_ raw: String?) -> (lexical: String, datatype: String)? {
        guard let raw else { return nil }
        let text = raw.trimmed
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count),
              parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }),
              parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
              let year = Int(parts[0]), year >= 1
        else { return nil }
        if parts.count == 1 { return (text, "gYear") }
        guard let month = Int(parts[1]), (1...12).contains(month) else { return nil }
        if parts.count == 2 { return (text, "gYearMonth") }
        guard let day = Int(parts[2]), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        return (text, "date")
    }

    /// A BCP 47 tag of the simple form the feed uses (`fr`, `fr-FR`), lower-cased primary subtag, or nil.
    static func languageTag(_ raw: String) -> String? {
        let parts = raw.trimmed.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count),
              first.utf8.allSatisfy({ isLetter($0) }),
              parts.dropFirst().allSatisfy({ (1...8).contains($0.count) && $0.utf8.allSatisfy { isLetter($0) || isDigit($0) } })
        else { return nil }
        return ([first.lowercased()] + parts.dropFirst().map(String.init)).joined(separator: "-")
    }

    /// An INSEE commune code (`14762`, `2A004`, `97105`), upper-cased, or nil.
    static func communeCode(_ raw: String) -> String? {
        let code = raw.trimmed.uppercased()
        let b = Array(code.utf8)
        guard b.count == 5, b[2...].allSatisfy(isDigit) else { return nil }
        let corsica = b[0] == UInt8(ascii: "2") && (b[1] == UInt8(ascii: "A") || b[1] == UInt8(ascii: "B"))
        return (corsica || (isDigit(b[0]) && isDigit(b[1]))) ? code : nil
    }

    /// A SHA-256 in lowercase hex (64 digits), or nil.
    static func sha256(_ raw: String?) -> String? {
        guard let raw else { return nil }
        let hex = raw.trimmed.lowercased()
        guard hex.utf8.count == 64, hex.utf8.allSatisfy({ isDigit($0) || ($0 >= 0x61 && $0 <= 0x66) }) else { return nil }
        return hex
    }

    /// An IANA media type `type/subtype` in lowercase without parameters, or nil.
    static func mediaType(_ raw: String) -> String? {
        let essence = raw.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
        let lower = essence.trimmed.asciiLowercased
        let parts = lower.split(separator: "/", omittingEmptySubsequences: false)
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789!#$&^_.+-".utf8)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { allowed.contains($0) } })
        else { return nil }
        return lower
    }

    /// An e-mail address safe to put after `mailto:` (one `@`, something on both sides, no spaces), or nil.
    static func email(_ raw: String?) -> String? {
        guard let raw else { return nil }
        let text = raw.trimmed
        let halves = text.split(separator: "@", omittingEmptySubsequences: false)
        guard halves.count == 2, !halves[0].isEmpty, halves[1].contains("."), halves[1].first != ".",
              !text.unicodeScalars.contains(where: { $0.value <= 0x20 || "<>\"\\,;:()[]".unicodeScalars.contains($0) })
        else { return nil }
        return text
    }

    // MARK: - Helpers

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    private static func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func pad<T: BinaryInteger>(_ v: T, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    private static func floorDivMod(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let q = a / b, r = a % b
        return r < 0 ? (q - 1, r + b) : (q, r)
    }

    /// Proleptic Gregorian (year, month, day) from days since 1970-01-01 (Hinnant's civil-from-days).
    private static func civil(fromDays z: Int64) -> (Int64, Int64, Int64) {
        let c = CivilCalendar.date(fromDays: z)
        return (c.year, c.month, c.day)
    }
}
