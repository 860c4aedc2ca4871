import Foundation
import SocleCore

/// What a new password must be (issue 10, finding 10): at least 10 characters, at most 72 bytes (bcrypt
/// ignores what follows, so a longer password is refused rather than silently cut), not a common password
/// nor one of them with digits or symbols around it, not built from the account's own name or e-mail, and
/// hard enough to guess by an estimate of its entropy.
public enum PasswordPolicy {
    public static let minimumCharacters = 10
    public static let maximumBytes = 72
    /// The estimate below must reach this many bits.
    public static let minimumBits = 40.0

    /// Throws `auth.password_*` with the reason, in the reader's language.
    public static func check(_ password: String, email: String? = nil, name: String? = nil) throws {
        guard password.count >= minimumCharacters else {
            throw SocleError(.invalidInput, code: "auth.password_too_short", args: ["min": String(minimumCharacters)])
        }
        guard password.utf8.count <= maximumBytes else {
            throw SocleError(.invalidInput, code: "auth.password_too_long", args: ["max": String(maximumBytes)])
        }
        let core = normalised(password)
        if core.count < 4 || common.contains(core) || common.contains(normalised(String(password.reversed()))) {
            throw SocleError(.invalidInput, code: "auth.password_common")
        }
        var personal: [String] = []
        if let email { personal += email.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init) }
        if let name { personal += name.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init) }
        var rest = password.lowercased()
        for part in personal where part.count >= 3 { rest = rest.replacingOccurrences(of: part, with: "") }
        if rest != password.lowercased(), rest.filter(\.isLetter).count < 4 {
            throw SocleError(.invalidInput, code: "auth.password_personal")
        }
        guard estimatedBits(password) >= minimumBits else {
            throw SocleError(.invalidInput, code: "auth.password_weak")
        }
    }

    /// The password without the digits, symbols and spaces around its letters, in lower case, with the
    /// usual substitutions undone (`p@ssw0rd` → `password`): what is compared with the common list.
    static func normalised(_ password: String) -> String {
        let substitutions: [Character: Character] = ["@": "a", "4": "a", "0": "o", "1": "i", "!": "i", "3": "e", "$": "s", "5": "s", "7": "t"]
        let lowered = password.lowercased().folding(options: .diacriticInsensitive, locale: nil).filter { !$0.isWhitespace }
        // Digits and symbols around the word go first (`Motdepasse123`, `P@ssw0rd2024!`), then the
        // substitutions inside it are undone.
        var chars = Array(lowered)
        while let last = chars.last, !last.isLetter, chars.count > 1 { chars.removeLast() }
        while let first = chars.first, !first.isLetter, first != "@", chars.count > 1 { chars.removeFirst() }
        let core = String(chars.map { substitutions[$0] ?? $0 })
        return core.contains(where: \.isLetter) ? core : lowered
    }

    /// A conservative estimate: each character counts log2 of the size of the classes the password uses,
    /// repeated characters and runs along the alphabet, the digits or an AZERTY/QWERTY row count little.
    static func estimatedBits(_ password: String) -> Double {
        let chars = Array(password)
        var pool = 0
        if chars.contains(where: { $0.isLowercase }) { pool += 26 }
        if chars.contains(where: { $0.isUppercase }) { pool += 26 }
        if chars.contains(where: { $0.isNumber }) { pool += 10 }
        if chars.contains(where: { !$0.isLetter && !$0.isNumber }) { pool += 33 }
        let perChar = log2(Double(max(pool, 2)))
        let rows = ["abcdefghijklmnopqrstuvwxyz", "01234567890", "azertyuiop", "qsdfghjklm", "wxcvbn", "qwertyuiop", "asdfghjkl", "zxcvbnm"]
        var bits = 0.0
        var seen: [Character: Int] = [:]
        for (i, c) in chars.enumerated() {
            let lower = Character(c.lowercased())
            var weight = 1.0
            if let n = seen[lower] { weight = n >= 2 ? 0.1 : 0.5 }
            if i > 0 {
                let pair = String([Character(chars[i - 1].lowercased()), lower])
                if rows.contains(where: { $0.contains(pair) || String($0.reversed()).contains(pair) }) { weight = min(weight, 0.25) }
            }
            seen[lower, default: 0] += 1
            bits += perChar * weight
        }
        return bits
    }

    /// Common passwords and the words they are built on, normalised as above: French and English lists
    /// of the most used passwords published after leaks (facts, written out here).
    static let common: Set<String> = [
        "password", "passwort", "motdepasse", "mot de passe", "azerty", "azertyuiop", "qwerty", "qwertyuiop", "abc", "abcdef",
        "abcdefgh", "abcdefghij", "soleil", "bonjour", "bonsoir", "doudou", "loulou", "chouchou", "marseille", "paris", "lyon",
        "toulouse", "nantes", "bordeaux", "lille", "nice", "france", "iloveyou", "jetaime", "jtaime", "amour", "monamour",
        "coucou", "princesse", "nicolas", "julien", "camille", "thomas", "alexandre", "caroline", "chocolat", "football",
        "olympique", "marseille", "psg", "doudoune", "vacances", "bienvenue", "welcome", "admin", "administrateur",
        "administrator", "root", "toor", "user", "utilisateur", "test", "testtest", "demo", "socle", "mairie", "commune",
        "ccas", "secret", "secrets", "changeme", "changemoi", "letmein", "dragon", "monkey", "master", "shadow", "sunshine",
        "superman", "batman", "pokemon", "starwars", "naruto", "hello", "hellohello", "trustno", "freedom", "whatever",
        "qazwsx", "zaq", "asdfgh", "asdfghjkl", "zxcvbnm", "wxcvbn", "qsdfgh", "qsdfghjklm", "aaaaaa", "azertyui",
        "motdepas", "mdp", "pass", "passe", "passw", "passwd", "pwd", "baseball", "basketball", "michel", "sebastien",
        "stephane", "isabelle", "nathalie", "sandrine", "celine", "sophie", "marine", "manon", "lucas", "enzo", "hugo",
        "louis", "emma", "jade", "louise", "chat", "chien", "maison", "famille", "bisous", "mamour", "cheval", "papa",
        "maman", "jesus", "dieu", "liberte", "egalite", "fraternite", "republique", "hiver", "printemps", "automne", "ete",
    ]
}
