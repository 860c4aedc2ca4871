import SocleCore

/// Splits a query expression into tokens. Bounded: refuses input over `QueryLimits.maxLength` characters.
public struct QueryLexer: Sendable {
    private let chars: [Character]

    public init(_ text: String) { chars = Array(text) }

    /// All tokens, ending with `.end`.
    public func tokens() throws -> [QueryToken] {
        guard chars.count <= QueryLimits.maxLength else {
            throw SocleError(code: "query.too_long", args: [
                "length": String(chars.count), "max": String(QueryLimits.maxLength), "position": String(QueryLimits.maxLength + 1)])
        }
        var out: [QueryToken] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let pos = i + 1
            if c.isWhitespace { i += 1; continue }
            switch c {
            case "(": out.append(QueryToken(kind: .leftParen, position: pos)); i += 1
            case ")": out.append(QueryToken(kind: .rightParen, position: pos)); i += 1
            case ",": out.append(QueryToken(kind: .comma, position: pos)); i += 1
            case "*": out.append(QueryToken(kind: .star, position: pos)); i += 1
            case "-", "=": out.append(QueryToken(kind: .symbol(String(c)), position: pos)); i += 1
            case "<", ">", "!":
                let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
                var sym = String(c)
                if next == "=" || (c == "<" && next == ">") { sym.append(next!); i += 2 } else { i += 1 }
                guard sym != "!" else {
                    throw SocleError(code: "query.unexpected_character", args: ["character": "!", "position": String(pos)])
                }
                out.append(QueryToken(kind: .symbol(sym), position: pos))
            case "\"", "'":
                let (value, next) = try readString(from: i)
                out.append(QueryToken(kind: .string(value), position: pos)); i = next
            case "`":
                var j = i + 1
                var name = ""
                while j < chars.count, chars[j] != "`" { name.append(chars[j]); j += 1 }
                guard j < chars.count, !name.isEmpty else {
                    throw SocleError(code: "query.unterminated_identifier", args: ["position": String(pos)])
                }
                out.append(QueryToken(kind: .identifier(name, quoted: true), position: pos)); i = j + 1
            default:
                if c.isNumber && c.isASCII || (c == "." && i + 1 < chars.count && chars[i + 1].isASCII && chars[i + 1].isNumber) {
                    let (text, next) = readNumber(from: i)
                    out.append(QueryToken(kind: .number(text), position: pos)); i = next
                } else if c.isLetter || c == "_" {
                    var j = i
                    var word = ""
                    while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { word.append(chars[j]); j += 1 }
                    let lower = word.lowercased()
                    if (lower == "date" || lower == "geom"), j < chars.count, chars[j] == "'" {
                        let (value, next) = try readString(from: j)
                        out.append(QueryToken(kind: .typed(prefix: lower, value: value), position: pos)); i = next
                    } else {
                        out.append(QueryToken(kind: .identifier(word, quoted: false), position: pos)); i = j
                    }
                } else {
                    throw SocleError(code: "query.unexpected_character",
                                     args: ["character": String(c), "position": String(pos)])
                }
            }
        }
        out.append(QueryToken(kind: .end, position: chars.count + 1))
        return out
    }

    /// Reads a quoted string starting at the quote; backslash escapes `\n`, `\t`, `\\`, `\'`, `\"`.
    private func readString(from start: Int) throws -> (String, Int) {
        let quote = chars[start]
        var j = start + 1
        var value = ""
        while j < chars.count {
            let c = chars[j]
            if c == quote { return (value, j + 1) }
            if c == "\\", j + 1 < chars.count {
                let e = chars[j + 1]
                switch e {
                case "n": value.append("\n")
                case "t": value.append("\t")
                default: value.append(e)
                }
                j += 2
                continue
            }
            value.append(c)
            j += 1
        }
        throw SocleError(code: "query.unterminated_string", args: ["position": String(start + 1)])
    }

    private func readNumber(from start: Int) -> (String, Int) {
        var j = start
        var text = ""
        func digits() { while j < chars.count, chars[j].isASCII, chars[j].isNumber { text.append(chars[j]); j += 1 } }
        digits()
        if j < chars.count, chars[j] == "." { text.append("."); j += 1; digits() }
        if j + 1 < chars.count, chars[j] == "e" || chars[j] == "E",
           chars[j + 1].isASCII && chars[j + 1].isNumber || ((chars[j + 1] == "-" || chars[j + 1] == "+") && j + 2 < chars.count && chars[j + 2].isASCII && chars[j + 2].isNumber) {
            text.append("e"); j += 1
            if chars[j] == "-" || chars[j] == "+" { text.append(chars[j]); j += 1 }
            digits()
        }
        return (text, j)
    }
}
