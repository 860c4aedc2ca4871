import Foundation
import SocleCore

/// Renders the user-facing parts of validation messages from the catalog (`tableschema.json`).
enum IssueText {
    static func string(_ key: String, _ args: [String: String] = [:], _ language: Language) -> String {
        Catalog.shared.string(key, language: language, args: args)
    }

    /// A cell value as shown in a message: at most 80 characters, newlines made visible.
    static func display(_ value: String) -> String {
        var v = value.replacingOccurrences(of: "\r\n", with: "↵").replacingOccurrences(of: "\n", with: "↵")
        if v.count > 80 { v = String(v.prefix(79)) + "…" }
        return v
    }

    /// What the field's type expects, with an example ("une date au format JJ/MM/AAAA (ex. 31/01/2024)").
    static func expected(_ field: SchemaField, _ language: Language) -> String {
        var format = field.format
        if format.hasPrefix("fmt:") { format = String(format.dropFirst(4)) }
        switch field.type {
        case .date, .time, .datetime:
            if format.contains("%"), let f = try? StrptimeFormat(format) {
                return string("tableschema.expect.\(field.type.rawValue).pattern",
                              ["format": readable(format, language), "example": f.example], language)
            }
            return string("tableschema.expect.\(field.type.rawValue)" + (format == "any" ? ".any" : ""), [:], language)
        case .string:
            let known = ["email", "uri", "uuid", "binary"]
            return string("tableschema.expect.string." + (known.contains(format) ? format : "default"), [:], language)
        case .geopoint:
            return string("tableschema.expect.geopoint." + (["array", "object"].contains(format) ? format : "default"), [:], language)
        case .number:
            let example = "1234" + field.decimalChar + "56"
            let grouped = field.groupChar.isEmpty ? example : "1" + field.groupChar + "234" + field.decimalChar + "56"
            return string("tableschema.expect.number", ["decimal": field.decimalChar, "example": grouped], language)
        case .boolean:
            let values = (field.trueValues + field.falseValues).map { "« \($0) »" }.joined(separator: ", ")
            return string("tableschema.expect.boolean", ["values": values], language)
        default:
            return string("tableschema.expect.\(field.type.rawValue)", [:], language)
        }
    }

    /// `%d/%m/%Y` → `JJ/MM/AAAA` (French) or `DD/MM/YYYY` (English).
    static func readable(_ format: String, _ language: Language) -> String {
        let fr = language == .french
        let map: [Character: String] = [
            "d": fr ? "JJ" : "DD", "m": "MM", "Y": fr ? "AAAA" : "YYYY", "y": fr ? "AA" : "YY", "H": "hh", "I": "hh",
            "M": "mm", "S": "ss", "f": "ffffff", "z": "±hhmm", "Z": "UTC", "j": fr ? "jjj" : "ddd", "b": fr ? "mois" : "Mon",
            "B": fr ? "mois" : "Month", "a": fr ? "jour" : "Day", "A": fr ? "jour" : "Day", "p": "AM/PM", "%": "%",
        ]
        var out = ""
        var percent = false
        for ch in format {
            if percent {
                out += map[ch] ?? "%\(ch)"
                percent = false
            } else if ch == "%" {
                percent = true
            } else {
                out.append(ch)
            }
        }
        return out
    }
}

extension StrptimeFormat {
    /// The pattern applied to 31 January 2024, 14:05:09 (shown as an example in messages).
    var example: String {
        var out = ""
        for t in tokens {
            switch t {
            case .literal(let c): out += String(decoding: [c], as: UTF8.self)
            case .whitespace: out += " "
            case .directive(let d):
                switch Character(Unicode.Scalar(d)) {
                case "d": out += "31"
                case "m": out += "01"
                case "Y": out += "2024"
                case "y": out += "24"
                case "H": out += "14"
                case "I": out += "02"
                case "M": out += "05"
                case "S": out += "09"
                case "f": out += "000000"
                case "j": out += "031"
                case "b": out += "Jan"
                case "B": out += "January"
                case "a": out += "Wed"
                case "A": out += "Wednesday"
                case "p": out += "PM"
                case "z": out += "+0100"
                case "Z": out += "UTC"
                default: break
                }
            }
        }
        return out
    }
}
