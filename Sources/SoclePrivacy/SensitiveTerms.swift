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
    /// Terms too short or too common to count without a sensitive header.
    private static let weak: Set<String> = ["fo", "sud", "traitement", "ald", "pai"]

    /// The category hinted by a value, if any; weak terms only count when `strict` is false.
    static func category(of words: [String], strict: Bool) -> DataCategory? {
        for (phrase, cat) in compiled where TextFolding.contains(words, phrase: phrase) {
            if strict && phrase.count == 1 && weak.contains(phrase[0]) { continue }
            return cat
        }
        return nil
    }
}
