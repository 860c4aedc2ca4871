import Foundation
import SocleCore

/// What a request may hold: plain text (no control character, no markup), real days, addresses, phone
/// numbers, NIR and plates as people write them.
extension RequestActions {
    func date(_ raw: String, _ field: String) throws -> String {
        guard let day = RequestCalendar.parse(raw) else {
            throw SocleError(.invalidInput, code: "register.bad_date", args: ["field": field, "value": String(raw.prefix(40))])
        }
        return day
    }

    /// Plain text: trimmed, limited, no control character and no markup (a public form must not carry HTML,
    /// even though every page escapes it).
    func text(_ s: String, _ field: String, max: Int, required: Bool = false) throws -> String {
        let clean = try register.text(s, field, max: max, required: required)
        if Self.hasMarkup(clean) { throw SocleError(.invalidInput, code: "request.markup", args: ["field": field]) }
        return clean
    }

    func optionalText(_ s: String?, _ field: String, max: Int) throws -> String? {
        guard let s else { return nil }
        let clean = try text(s, field, max: max)
        return clean.isEmpty ? nil : clean
    }

    /// `<` followed by a letter, `/`, `!` or `?` starts a tag, a comment or a declaration; `&…;` an entity.
    public static func hasMarkup(_ s: String) -> Bool {
        let chars = Array(s.unicodeScalars)
        for (i, c) in chars.enumerated() {
            if c == "<", i + 1 < chars.count {
                let n = chars[i + 1]
                if n.properties.isAlphabetic || n == "/" || n == "!" || n == "?" { return true }
            }
            if c == "&", let semi = chars[(i + 1)...].prefix(12).firstIndex(of: ";"), semi > i + 1,
               chars[(i + 1)..<semi].allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "#" }) {
                return true
            }
        }
        return false
    }

    /// An e-mail address as people type them (one `@`, a dot in the domain, no space); nil when blank.
    func email(_ s: String?, _ field: String, required: Bool = false) throws -> String? {
        guard let clean = try optionalText(s, field, max: 254) else {
            if required { throw SocleError(.invalidInput, code: "server.field_required", args: ["field": field]) }
            return nil
        }
        let parts = clean.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !clean.contains(where: { $0.isWhitespace || $0 == "," || $0 == ";" }) else {
            throw SocleError(.invalidInput, code: "request.bad_email", args: ["field": field, "value": String(clean.prefix(60))])
        }
        return clean
    }

    func validated(_ i: SubjectIdentifiers, today: String) throws -> SubjectIdentifiers {
        var out = SubjectIdentifiers()
        out.email = try email(i.email, "identifiers.email")
        if let phone = try optionalText(i.phone, "identifiers.phone", max: 30) {
            let digits = phone.filter(\.isNumber)
            guard phone.allSatisfy({ $0.isNumber || " +.-()".contains($0) }), (6...15).contains(digits.count) else {
                throw SocleError(.invalidInput, code: "request.bad_phone", args: ["field": "identifiers.phone", "value": String(phone.prefix(30))])
            }
            out.phone = phone
        }
        if let nir = try optionalText(i.nir, "identifiers.nir", max: 30) {
            let compact = nir.uppercased().filter { !$0.isWhitespace && $0 != "." && $0 != "-" }
            guard compact.count == 13 || compact.count == 15,
                  compact.allSatisfy({ $0.isNumber || $0 == "A" || $0 == "B" }) else {
                throw SocleError(.invalidInput, code: "request.bad_nir", args: ["field": "identifiers.nir"])
            }
            out.nir = compact
        }
        out.name = try optionalText(i.name, "identifiers.name", max: Self.maxName)
        if let raw = try optionalText(i.birthDate, "identifiers.birthDate", max: 40) {
            let day = try date(raw, "identifiers.birthDate")
            if day > today { throw SocleError(.invalidInput, code: "request.date_future", args: ["field": "identifiers.birthDate", "value": day]) }
            out.birthDate = day
        }
        if let plate = try optionalText(i.plate, "identifiers.plate", max: 20) {
            guard plate.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == " " }) else {
                throw SocleError(.invalidInput, code: "request.bad_plate", args: ["field": "identifiers.plate", "value": String(plate.prefix(20))])
            }
            out.plate = plate.uppercased()
        }
        return out
    }
}
