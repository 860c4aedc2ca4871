/// Value-level hints of special categories (art. 9) and offences, matched on folded whole words.
enum SensitiveTerms {
    private static let table: [(String, DataCategory)] = [
        ("allergie", .health), ("allergique", .health), ("allergies", .health), ("pai", .health),
        ("asthme", .health), ("diabete", .health), ("diabetique", .health), ("epilepsie", .health),
        ("handicap", .health), ("handicape", .health), ("autisme", .health), ("maladie", .health),
        ("traitement", .health), ("insuline", .health), ("arachide", .health), ("gluten", .health),
        ("intolerance", .health), ("cancer", .health), ("hospitalisation", .health), ("ald", .health),
        ("sans porc", .religiousBelief), ("halal", .religiousBelief), ("casher", .religiousBelief),
        ("kasher", .religiousBelief), ("cacher", .religiousBelief), ("musulman", .religiousBelief),
        ("catholique", .religiousBelief), ("juif", .religiousBelief), ("protestant", .religiousBelief),
        ("cgt", .tradeUnion), ("cfdt", .tradeUnion), ("fo", .tradeUnion), ("sud", .tradeUnion), ("unsa", .tradeUnion),
        ("syndique", .tradeUnion), ("homosexuel", .sexLife), ("heterosexuel", .sexLife), ("bisexuel", .sexLife),
        ("condamne", .offences), ("condamnation", .offences), ("casier", .offences), ("infraction", .offences),
        ("delit", .offences), ("garde a vue", .offences), ("sursis", .offences), ("incarceration", .offences),
    ]
    private static let compiled = table.map { (TextFolding.words($0.0), $0.1) }
    /// Table positions of the phrases by their first word, so a value costs one lookup per word.
    private static let byFirstWord: [String: [Int]] = {
        var index: [String: [Int]] = [:]
        for (i, entry) in compiled.enumerated() { if let w = entry.0.first { index[w, default: []].append(i) } }
        return index
    }()
    /// Terms too short or too common to count without a sensitive header.
    private static let weak: Set<String> = ["fo", "sud", "traitement", "ald", "pai"]

    /// The category hinted by a value, if any; weak terms only count when `strict` is false.
    static func category(of words: [String], strict: Bool) -> DataCategory? {
        // The earliest phrase of the table wins, wherever it occurs in the value.
        var best = Int.max
        for (start, word) in words.enumerated() {
            guard let candidates = byFirstWord[word] else { continue }
            for i in candidates where i < best {
                let phrase = compiled[i].0
                if strict && phrase.count == 1 && weak.contains(phrase[0]) { continue }
                guard start + phrase.count <= words.count else { continue }
                if phrase.count == 1 || words[start..<(start + phrase.count)].elementsEqual(phrase) { best = i }
            }
        }
        return best == Int.max ? nil : compiled[best].1
    }
}
