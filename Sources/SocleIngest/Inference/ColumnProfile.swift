import SocleCore

/// Everything pass 1 remembers about one column: counts per `ValueClass` bit, nulls, samples,
/// counter-examples per candidate type, code widths and coordinate ranges.
struct ColumnProfile {
    /// A value kept for the report, with where it was found.
    struct Example: Sendable, Equatable {
        var value: String
        var line: Int
        var row: Int
    }

    /// The non-text types a column may be decided as, indexing `examples`.
    static let candidates: [ColumnType] = [.integer, .number, .boolean, .date, .datetime, .code, .geopoint, .geometry]

    var hints: ColumnHints
    var nonEmpty = 0
    var empty = 0
    /// Counts per `ValueClass` bit, then (from `widthBase`) digits-only values per width 0…31.
    var counts = [Int](repeating: 0, count: ColumnProfile.widthBase + 32)
    var samples: [String] = []
    /// For each candidate type, the first values that did not match it.
    var examples = [[Example]](repeating: [], count: ColumnProfile.candidates.count)
    private var needExamples: UInt32 = (1 << UInt32(ColumnProfile.candidates.count)) - 1
    /// The first distinct spellings of null markers, as written (up to `maxSpellings`).
    var nullSpellings: [String] = []
    /// The dataset's own null markers (folded keys), on top of `NullTokens.all`.
    var extraNulls: Set<FoldKey.Key> = []
    /// Values per `FormatDetector` bit.
    var formatCounts = [Int](repeating: 0, count: FormatDetector.bitCount)
    /// A first digits-only value of each width (capped at 31).
    var lengthExamples: [Int: String] = [:]
    /// Up to 3 distinct digits-only values per width (≤ 19 digits), for fixed-width code columns, and of 5 digits
    /// in every column (a constant `86400` is a quantity, not a postcode).
    var distinctByWidth = [[UInt64]](repeating: [], count: 20)
    /// Up to 3 distinct place names (folded-key hashes): one name repeated (`Orange`, the operator) is no
    /// commune column unless the column's name says so.
    var distinctPlaces: [UInt64] = []
    var dayFirstOnly: Example?
    var monthFirstOnly: Example?
    var firstLeadingZero: Example?
    /// Min/max read with a `,` and with a `.` decimal separator, for latitude/longitude candidates.
    var rangeComma = (min: Double.infinity, max: -Double.infinity)
    var rangeDot = (min: Double.infinity, max: -Double.infinity)

    static let maxExamples = 5
    static let maxSpellings = 10
    static let widthBase = ValueClass.bitCount

    /// Digits-only values of `width` digits (31 = 31 or more).
    func values(ofWidth width: Int) -> Int { counts[Self.widthBase + min(width, 31)] }

    init(hints: ColumnHints, nullsBefore: Int = 0, extraNulls: Set<FoldKey.Key> = []) {
        self.hints = hints
        self.empty = nullsBefore
        self.extraNulls = extraNulls
    }

    func count(format bit: UInt64) -> Int { formatCounts[bit.trailingZeroBitCount] }

    func count(_ c: ValueClass) -> Int { counts[c.rawValue.trailingZeroBitCount] }

    /// Bits (indexing `candidates`) of the types a value does not fit.
    @inline(__always)
    static func failures(_ c: ValueClass) -> UInt32 {
        var f: UInt32 = 0
        if !c.contains(.integer) { f |= 1 }
        if c.isDisjoint(with: [.numComma, .numDot]) { f |= 2 }
        if c.isDisjoint(with: [.boolean, .checkbox]) { f |= 4 }
        if c.isDisjoint(with: ValueClass.anyDate) { f |= 8 }
        if c.isDisjoint(with: ValueClass.anyDate.union(ValueClass.anyDateTime)) { f |= 16 }
        if !c.contains(.idToken) { f |= 32 }
        if !c.contains(.geopoint) { f |= 64 }
        if !c.contains(.geometry) { f |= 128 }
        return f
    }

    /// Profiles column `column` of `batch`; `rowsBefore` = data rows in earlier batches.
    mutating func add(_ batch: RawBatch, column: Int, rowsBefore: Int) {
        let cc = batch.columnCount
        let rows = batch.rowCount
        let wantRange = hints.latitude || hints.longitude || hints.lambertX || hints.lambertY
        let trackWidths = hints.code == .fixedWidth
        var counts = self.counts
        self.counts = []
        var formats = self.formatCounts
        self.formatCounts = []
        let extra = extraNulls
        defer {
            self.counts = counts
            self.formatCounts = formats
        }
        batch.bytes.withUnsafeBufferPointer { bytes in
            batch.ends.withUnsafeBufferPointer { ends in
                counts.withUnsafeMutableBufferPointer { cnt in
                    var k = column
                    for r in 0 ..< rows {
                        let start = k == 0 ? 0 : ends[k - 1]
                        let field = UnsafeBufferPointer(rebasing: bytes[start ..< ends[k]])
                        k += cc
                        if field.isEmpty { empty += 1; continue }
                        let v = ByteText.trim(field)
                        if v.isEmpty { empty += 1; continue }
                        nonEmpty += 1
                        var cls = ValueClass.of(v)
                        if !extra.isEmpty, !cls.contains(.nullToken), NullTokens.matches(v, extra: extra) { cls = .nullToken }
                        var m = cls.rawValue
                        while m != 0 {
                            cnt[m.trailingZeroBitCount] += 1
                            m &= m &- 1
                        }
                        if cls.contains(.nullToken) {
                            if nullSpellings.count < Self.maxSpellings { noteNullSpelling(v) }
                            continue
                        }
                        var fm = FormatDetector.detect(v, cls)
                        if fm & FormatDetector.placeNames != 0 && distinctPlaces.count < 3 { notePlace(v) }
                        while fm != 0 {
                            formats[fm.trailingZeroBitCount] += 1
                            fm &= fm &- 1
                        }
                        if samples.count < 3 { samples.append(ByteText.excerpt(v)) }
                        let f = Self.failures(cls) & needExamples
                        if f != 0 { record(f, v, batch.lines[r], rowsBefore + r + 1) }
                        if cls.contains(.digitsOnly) {
                            let w = Self.widthBase + min(v.count, 31)
                            if cnt[w] == 0 { lengthExamples[min(v.count, 31)] = ByteText.excerpt(v, limit: 40) }
                            cnt[w] += 1
                            if (trackWidths || v.count == 5) && v.count < 20 && distinctByWidth[v.count].count < 3 { noteDistinct(v) }
                            if cls.contains(.leadingZero) && firstLeadingZero == nil {
                                firstLeadingZero = Example(value: ByteText.excerpt(v, limit: 40), line: batch.lines[r],
                                                           row: rowsBefore + r + 1)
                            }
                        }
                        if cls.containsAny([.dateDF, .dtDF]) != cls.containsAny([.dateMF, .dtMF]) {
                            noteOrder(cls, v, batch.lines[r], rowsBefore + r + 1)
                        }
                        if wantRange { noteRange(v) }
                    }
                }
            }
        }
    }

    /// Counts rows of a batch that lacks this column (a JSON key that appears later) as nulls.
    mutating func addMissing(rows: Int) { empty += rows }

    private mutating func record(_ f: UInt32, _ v: UnsafeBufferPointer<UInt8>, _ line: Int, _ row: Int) {
        let ex = Example(value: ByteText.excerpt(v, limit: 60), line: line, row: row)
        var m = f
        while m != 0 {
            let t = m.trailingZeroBitCount
            examples[t].append(ex)
            if examples[t].count >= Self.maxExamples { needExamples &= ~(1 << UInt32(t)) }
            m &= m &- 1
        }
    }

    private mutating func noteNullSpelling(_ v: UnsafeBufferPointer<UInt8>) {
        let s = String(decoding: v, as: UTF8.self)
        if !nullSpellings.contains(s) { nullSpellings.append(s) }
    }

    private mutating func notePlace(_ v: UnsafeBufferPointer<UInt8>) {
        guard let k = FoldKey.of(v), !distinctPlaces.contains(k.hash) else { return }
        distinctPlaces.append(k.hash)
    }

    private mutating func noteDistinct(_ v: UnsafeBufferPointer<UInt8>) {
        var x: UInt64 = 0
        for b in v { x = x &* 10 &+ UInt64(b &- 0x30) }
        if !distinctByWidth[v.count].contains(x) { distinctByWidth[v.count].append(x) }
    }

    private mutating func noteOrder(_ cls: ValueClass, _ v: UnsafeBufferPointer<UInt8>, _ line: Int, _ row: Int) {
        if cls.containsAny([.dateDF, .dtDF]) {
            if dayFirstOnly == nil { dayFirstOnly = Example(value: ByteText.excerpt(v, limit: 40), line: line, row: row) }
        } else if monthFirstOnly == nil {
            monthFirstOnly = Example(value: ByteText.excerpt(v, limit: 40), line: line, row: row)
        }
    }

    private mutating func noteRange(_ v: UnsafeBufferPointer<UInt8>) {
        if let x = NumberParser.parse(v, decimalSeparator: UInt8(ascii: ",")) {
            rangeComma.min = min(rangeComma.min, x)
            rangeComma.max = max(rangeComma.max, x)
        }
        if let x = NumberParser.parse(v, decimalSeparator: UInt8(ascii: ".")) {
            rangeDot.min = min(rangeDot.min, x)
            rangeDot.max = max(rangeDot.max, x)
        }
    }
}

extension ValueClass {
    @inline(__always)
    func containsAny(_ other: ValueClass) -> Bool { !isDisjoint(with: other) }
}
