/// Masks a value so that evidence never shows it: "Jean Dupont" → "J*** D***",
/// "06 12 34 56 78" → "06 ** ** ** 78", "jean.dupont@mail.fr" → "j***@m***.fr".
public enum Masking {
    public static func mask(_ value: String) -> String {
        let s = value.count > 64 ? String(value.prefix(64)) : value
        if s.contains("@") {
            let parts = s.split(separator: "@", maxSplits: 1)
            let local = parts.first.map { String($0.prefix(1)) + "***" } ?? "***"
            let domain = parts.count > 1 ? parts[1] : ""
            let tld = domain.split(separator: ".").last.map { "." + $0 } ?? ""
            return local + "@" + (domain.first.map { String($0) } ?? "") + "***" + tld
        }
        let alnum = s.filter { $0.isLetter || $0.isNumber }
        let digits = alnum.filter(\.isNumber)
        if !alnum.isEmpty, digits.count * 2 >= alnum.count {
            let total = alnum.count
            var seen = 0
            return String(s.map { c -> Character in
                guard c.isLetter || c.isNumber else { return c }
                seen += 1
                return (seen <= (total >= 13 ? 3 : 2) && total > 6) || seen > total - 2 ? c : "*"
            })
        }
        return s.split(separator: " ", omittingEmptySubsequences: true)
            .map { word in word.first.map { String($0) + "***" } ?? "" }
            .joined(separator: " ")
    }
}
