/// Undoes the commonest encoding accident of French files: UTF-8 bytes read as Windows-1252 and saved again
/// ("PrÃ©nom" for "Prénom"), so that headers and values still match the dictionaries.
enum Mojibake {
    /// Windows-1252 bytes 0x80–0x9F and the characters they stand for (the rest of 0xA0–0xFF is Latin-1).
    private static let highControls: [Character: UInt8] = [
        "€": 0x80, "‚": 0x82, "ƒ": 0x83, "„": 0x84, "…": 0x85, "†": 0x86, "‡": 0x87, "ˆ": 0x88, "‰": 0x89,
        "Š": 0x8A, "‹": 0x8B, "Œ": 0x8C, "Ž": 0x8E, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "•": 0x95,
        "–": 0x96, "—": 0x97, "˜": 0x98, "™": 0x99, "š": 0x9A, "›": 0x9B, "œ": 0x9C, "ž": 0x9E, "Ÿ": 0x9F,
    ]

    /// True when the text shows the marks of the accident: "Ã" or "Â" (UTF-8 lead byte 0xC3/0xC2 read as
    /// Windows-1252) followed by a character that cannot start a French word.
    static func isSuspect(_ text: String) -> Bool {
        var previous: UInt8 = 0
        var beforePrevious: UInt8 = 0
        for b in text.utf8 {
            // "Ã" is C3 83 and "Â" is C3 82 in UTF-8; the next character is a continuation read as a symbol.
            if beforePrevious == 0xC3 && (previous == 0x83 || previous == 0x82) && b >= 0x80 { return true }
            beforePrevious = previous
            previous = b
        }
        return false
    }

    /// The repaired text, or nil when the text is not a clean Windows-1252 reading of UTF-8.
    static func repair(_ text: String, limit: Int = 4_096) -> String? {
        guard text.utf8.count <= limit, isSuspect(text) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for ch in text {
            if let scalar = ch.unicodeScalars.first, ch.unicodeScalars.count == 1, scalar.value <= 0xFF {
                bytes.append(UInt8(scalar.value))
            } else if let b = highControls[ch] {
                bytes.append(b)
            } else {
                return nil
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
