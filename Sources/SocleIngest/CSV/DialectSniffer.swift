/// Guesses a CSV's delimiter and the title lines above its header from a decoded sample of its
/// first records. Quote-aware: a delimiter inside quoted text does not count.
public enum DialectSniffer {
    /// Candidates in order of preference on ties (`;` first: the French Excel default).
    public static let candidates: [UInt8] = [0x3B, 0x2C, 0x09, 0x7C]
    /// How much of the file the sniffer looks at.
    public static let sampleBytes = 256 << 10
    public static let sampleRecords = 200

    /// The shape of one record under a candidate delimiter.
    public struct RecordShape: Sendable, Equatable {
        public var fields: Int
        /// Fields holding something other than spaces and tabs.
        public var nonEmpty: Int
        /// A quote in the middle of an unquoted field, or text after a closing quote: the sign
        /// of a wrong delimiter (or of broken quoting).
        public var strayQuote: Bool
        public var isBlank: Bool { nonEmpty == 0 }
    }

    /// The delimiter a user named: one ASCII character, or "tab", "\t", "semicolon", "comma", "pipe".
    public static func delimiter(named name: String) -> UInt8? {
        switch name.lowercased() {
        case "\t", "\\t", "tab", "tabulation", "tsv": return 0x09
        case "semicolon", "point-virgule", "pointvirgule": return 0x3B
        case "comma", "virgule": return 0x2C
        case "pipe": return 0x7C
        case "space", "espace": return 0x20
        default: break
        }
        let utf8 = Array(name.utf8)
        guard utf8.count == 1, let b = utf8.first, b < 0x80, b != 0x22, b != 0x0A, b != 0x0D else { return nil }
        return b
    }

    /// Excel's optional first line `sep=;`: the delimiter it names and the line's length with its end.
    public static func excelSeparatorLine(_ text: UnsafeBufferPointer<UInt8>) -> (delimiter: UInt8, length: Int)? {
        guard text.count >= 5, let p = text.baseAddress,
              p[0] | 0x20 == 0x73, p[1] | 0x20 == 0x65, p[2] | 0x20 == 0x70, p[3] == 0x3D else { return nil }
        let d = p[4]
        guard d < 0x80, d != 0x22, d != 0x0A, d != 0x0D else { return nil }
        if text.count == 5 { return (d, 5) }
        switch p[5] {
        case 0x0A: return (d, 6)
        case 0x0D: return (d, text.count > 6 && p[6] == 0x0A ? 7 : 6)
        default: return nil
        }
    }

    /// Splits the sample into record shapes (blank records included). When `complete` is false
    /// the sample was cut, and its last, possibly partial record is dropped.
    public static func shapes(of sample: UnsafeBufferPointer<UInt8>, delimiter d: UInt8, complete: Bool,
                              maxRecords: Int = sampleRecords) -> [RecordShape] {
        guard let p = sample.baseAddress else { return [] }
        let n = sample.count
        let quote: UInt8 = 0x22, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        var result: [RecordShape] = []
        var i = 0
        while i < n && result.count < maxRecords {
            var shape = RecordShape(fields: 0, nonEmpty: 0, strayQuote: false)
            var terminated = false
            while true {
                var content = false
                if i < n && p[i] == quote {
                    i += 1
                    while i < n {
                        let c = p[i]
                        if c == quote {
                            if i + 1 < n && p[i + 1] == quote { content = true; i += 2; continue }
                            i += 1
                            break
                        }
                        if c != 0x20 && c != 0x09 { content = true }
                        i += 1
                    }
                    if i < n && p[i] != d && p[i] != lf && p[i] != cr { shape.strayQuote = true }
                }
                while i < n {
                    let c = p[i]
                    if c == d || c == lf || c == cr { break }
                    if c == quote { shape.strayQuote = true }
                    if c != 0x20 && c != 0x09 { content = true }
                    i += 1
                }
                shape.fields += 1
                if content { shape.nonEmpty += 1 }
                if i >= n { break }
                let c = p[i]
                i += 1
                if c == d { continue }
                if c == cr && i < n && p[i] == lf { i += 1 }
                terminated = true
                break
            }
            if terminated || complete { result.append(shape) }
        }
        return result
    }

    public static func shapes(of sample: [UInt8], delimiter: UInt8, complete: Bool) -> [RecordShape] {
        sample.withUnsafeBufferPointer { shapes(of: $0, delimiter: delimiter, complete: complete) }
    }

    /// The most frequent field count (ties go to the larger count) and how many records have it.
    static func mode(_ shapes: [RecordShape]) -> (fields: Int, count: Int) {
        var counts: [Int: Int] = [:]
        for s in shapes { counts[s.fields, default: 0] += 1 }
        let best = counts.max { a, b in a.value != b.value ? a.value < b.value : a.key < b.key }
        return (best?.key ?? 0, best?.value ?? 0)
    }

    /// The candidate giving the most records with one consistent field count above 1 and no
    /// stray quotes; nil when no candidate splits the records (a one-column file).
    public static func sniffDelimiter(_ sample: UnsafeBufferPointer<UInt8>, complete: Bool) -> UInt8? {
        var best: (delimiter: UInt8, score: Double)? = nil
        for d in candidates {
            let records = shapes(of: sample, delimiter: d, complete: complete).filter { !$0.isBlank }
            guard !records.isEmpty else { continue }
            // Records with stray quotes are split wrongly (or broken): they never set the count.
            let clean = records.filter { !$0.strayQuote }
            let m = mode(clean)
            guard m.fields > 1 else { continue }
            let consistent = clean.filter { $0.fields == m.fields }.count
            let score = Double(consistent) / Double(records.count)
            guard score > 0 else { continue }
            if score > (best?.score ?? 0) + 1e-9 { best = (d, score) }
        }
        return best?.delimiter
    }

    public static func sniffDelimiter(_ sample: [UInt8], complete: Bool) -> UInt8? {
        sample.withUnsafeBufferPointer { sniffDelimiter($0, complete: complete) }
    }

    /// How many non-blank records above the header are titles: at most one non-empty field (also
    /// `Titre;;;;` as Excel writes it), or at most half the usual field count when that count is
    /// well established. The header itself is never skipped.
    public static func titleLineCount(_ sample: UnsafeBufferPointer<UInt8>, delimiter: UInt8, complete: Bool) -> Int {
        let records = shapes(of: sample, delimiter: delimiter, complete: complete).filter { !$0.isBlank }
        let m = mode(records)
        guard m.fields > 1 else { return 0 }
        var k = 0
        while k + 1 < records.count && k < 10 {
            let r = records[k]
            let title = r.nonEmpty <= 1 || (m.count >= 3 && r.fields * 2 <= m.fields)
            if !title { break }
            k += 1
        }
        // Only skip when what follows looks like a header (several labels).
        return k < records.count && records[k].nonEmpty >= 2 ? k : 0
    }

    public static func titleLineCount(_ sample: [UInt8], delimiter: UInt8, complete: Bool) -> Int {
        sample.withUnsafeBufferPointer { titleLineCount($0, delimiter: delimiter, complete: complete) }
    }
}
