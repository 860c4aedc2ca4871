import Foundation
import SocleCore

/// What a declared schema imposes on a load: Socle column types and parsing details, by field name.
extension TableSchemaDocument {
    /// The Socle column type each field imposes on a load (by field name, which is the column label).
    /// Strings whose pattern describes a code (digits, capitals, separators: SIRET, INSEE, RNA…) become
    /// `.code`, so leading zeros survive; other strings and the types Socle has no column type for
    /// (year, time, duration, object, array, any, a geopoint not written as an array…) become `.text`.
    public var typeOverrides: [String: ColumnType] {
        var out: [String: ColumnType] = [:]
        for f in fields {
            switch f.type {
            case .integer: out[f.name] = .integer
            case .number: out[f.name] = .number
            case .boolean: out[f.name] = .boolean
            case .date: out[f.name] = .date
            case .datetime: out[f.name] = .datetime
            // Socle reads `[lon,lat]` arrays and `lat,lon` pairs; Table Schema's default is `lon, lat`, which
            // Socle would read the other way round, so that form (and the object form) stays text.
            case .geopoint: out[f.name] = f.format == "array" ? .geopoint : .text
            case .geojson: out[f.name] = .geometry
            case .string:
                out[f.name] = f.constraints.pattern.map(TableSchemaDocument.isCodePattern) == true ? .code : .text
            default: out[f.name] = .text
            }
        }
        return out
    }

    /// Parsing details the schema fixes for the converter: day-first dates (`%d/%m/%Y`) and decimal commas.
    public var formatOverrides: [String: ColumnFormat] {
        var out: [String: ColumnFormat] = [:]
        for f in fields {
            var format = ColumnFormat()
            switch f.type {
            case .date, .datetime:
                let raw = f.format.hasPrefix("fmt:") ? String(f.format.dropFirst(4)) : f.format
                if raw == "default" { format.dayFirst = false } else if let p = try? StrptimeFormat(raw) { format.dayFirst = p.dayFirst }
            case .number:
                format.decimalSeparator = f.decimalChar
            default:
                continue
            }
            if format != ColumnFormat() { out[f.name] = format }
        }
        return out
    }

    /// True for patterns describing identifiers made of digits, capital letters and separators
    /// (`^\d{14}$`, `^([013-9]\d|2[AB1-9])\d{3}$`, `^W\d{9}$`), false for free text or word lists.
    static func isCodePattern(_ pattern: String) -> Bool {
        let b = Array(pattern.utf8)
        var i = 0
        var sawDigit = false
        func isUpper(_ c: UInt8) -> Bool { c >= 0x41 && c <= 0x5A }
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        func isLower(_ c: UInt8) -> Bool { c >= 0x61 && c <= 0x7A }
        let separators = Set("-_/.:#".utf8)
        while i < b.count {
            let c = b[i]
            switch c {
            case UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "|"),
                 UInt8(ascii: "?"), UInt8(ascii: "+"), UInt8(ascii: "*"):
                if c == UInt8(ascii: "("), i + 2 < b.count, b[i + 1] == UInt8(ascii: "?"), b[i + 2] == UInt8(ascii: ":") { i += 2 }
                i += 1
            case UInt8(ascii: "{"):
                while i < b.count, b[i] != UInt8(ascii: "}") {
                    guard isDigit(b[i]) || b[i] == UInt8(ascii: ",") || b[i] == UInt8(ascii: "{") else { return false }
                    i += 1
                }
                i += 1
            case UInt8(ascii: "\\"):
                guard i + 1 < b.count else { return false }
                let e = b[i + 1]
                if e == UInt8(ascii: "d") { sawDigit = true } else if !separators.contains(e) { return false }
                i += 2
            case UInt8(ascii: "["):
                i += 1
                guard i < b.count, b[i] != UInt8(ascii: "^") else { return false }
                while i < b.count, b[i] != UInt8(ascii: "]") {
                    let x = b[i]
                    if x == UInt8(ascii: "\\") {
                        guard i + 1 < b.count else { return false }
                        if b[i + 1] == UInt8(ascii: "d") { sawDigit = true } else if !separators.contains(b[i + 1]) { return false }
                        i += 2
                        continue
                    }
                    if isDigit(x) { sawDigit = true } else if !(isUpper(x) || isLower(x) || separators.contains(x)) { return false }
                    i += 1
                }
                i += 1
            default:
                if isDigit(c) { sawDigit = true } else if !(isUpper(c) || separators.contains(c)) || c == UInt8(ascii: ".") {
                    return false
                }
                i += 1
            }
        }
        return sawDigit
    }
}
