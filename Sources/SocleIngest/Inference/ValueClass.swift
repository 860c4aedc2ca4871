/// What one trimmed, non-empty cell could be: one bit per syntactic fact the inference counts.
///
/// Computed once per cell in pass 1 with the same parsers the converter uses in pass 2, so
/// that a column's type and its conversion can never disagree.
struct ValueClass: OptionSet, Sendable {
    let rawValue: UInt32

    static let nullToken = ValueClass(rawValue: 1 << 0)
    /// An Int64, leading zeros allowed.
    static let integer = ValueClass(rawValue: 1 << 1)
    /// An Int64 without a leading zero: what an integer column may hold.
    static let plainInteger = ValueClass(rawValue: 1 << 2)
    static let numComma = ValueClass(rawValue: 1 << 3)
    static let numDot = ValueClass(rawValue: 1 << 4)
    static let plainNumComma = ValueClass(rawValue: 1 << 5)
    static let plainNumDot = ValueClass(rawValue: 1 << 6)
    /// The number contains a `,` / a `.` (used to pick the decimal separator on ties).
    static let commaChar = ValueClass(rawValue: 1 << 7)
    static let dotChar = ValueClass(rawValue: 1 << 8)
    /// Only digits, more than one, the first being 0 (`01`, `01001`, `0612345678`).
    static let leadingZero = ValueClass(rawValue: 1 << 9)
    static let digitsOnly = ValueClass(rawValue: 1 << 10)
    /// Corsican INSEE-style code: `2A`/`2B` then up to 3 digits (`2A`, `2B1`, `2A08`, `2A004`).
    static let corsica = ValueClass(rawValue: 1 << 11)
    /// Digits only and longer than 15: beyond what a Double keeps exactly.
    static let longDigits = ValueClass(rawValue: 1 << 12)
    static let boolean = ValueClass(rawValue: 1 << 13)
    static let zeroOne = ValueClass(rawValue: 1 << 14)
    static let checkbox = ValueClass(rawValue: 1 << 15)
    /// Date only, year first (order not ambiguous).
    static let dateISO = ValueClass(rawValue: 1 << 16)
    /// Date only, day/month first, valid when read day-first / month-first.
    static let dateDF = ValueClass(rawValue: 1 << 17)
    static let dateMF = ValueClass(rawValue: 1 << 18)
    static let dtISO = ValueClass(rawValue: 1 << 19)
    static let dtDF = ValueClass(rawValue: 1 << 20)
    static let dtMF = ValueClass(rawValue: 1 << 21)
    static let geopoint = ValueClass(rawValue: 1 << 22)
    static let geometry = ValueClass(rawValue: 1 << 23)
    /// A `%` or currency suffix was dropped to read the number.
    static let suffix = ValueClass(rawValue: 1 << 24)
    /// Uppercase letters and digits only, at most 20 bytes: what a code may look like.
    static let idToken = ValueClass(rawValue: 1 << 25)
    /// A datetime carrying a UTC offset.
    static let offset = ValueClass(rawValue: 1 << 26)
    /// The dropped suffix was a currency (`€`, `euros`…) / a `%`.
    static let currency = ValueClass(rawValue: 1 << 27)
    static let percent = ValueClass(rawValue: 1 << 28)

    static let bitCount = 29

    static let anyDate: ValueClass = [.dateISO, .dateDF, .dateMF]
    static let anyDateTime: ValueClass = [.dtISO, .dtDF, .dtMF]

    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// Classifies a trimmed, non-empty cell. Dispatches on the first byte so that most types
    /// are rejected without a scan.
    static func of(_ v: Bytes) -> ValueClass {
        let n = v.count
        let c = v[0]
        if ByteText.isDigit(c) {
            var i = 1
            while i < n, ByteText.isDigit(v[i]) { i += 1 }
            if i == n { return digitString(v) }
            return mixed(v, firstNonDigit: i)
        }
        switch c {
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "("), UInt8(ascii: "."),
             UInt8(ascii: ","), 0xE2:
            if NullTokens.matches(v) { return .nullToken }
            return numeric(v, tryInteger: true, tryPoint: c != UInt8(ascii: "(") && c != 0xE2)
        case UInt8(ascii: "{"):
            return GeoJSONGeometry.bbox(utf8: v) != nil ? .geometry : []
        case UInt8(ascii: "["):
            return GeoPointParser.parse(v) != nil ? .geopoint : []
        case UInt8(ascii: "#"):
            return NullTokens.matches(v) ? .nullToken : []
        default:
            if NullTokens.matches(v) { return .nullToken }
            var r: ValueClass = []
            if BooleanParser.parse(v) != nil { r.insert(.boolean) }
            if BooleanParser.isCheckbox(v) { r.insert(.checkbox) }
            if c &- 0x41 < 26, isIdToken(v) {
                r.insert(.idToken)
                if isCorsica(v) { r.insert(.corsica) }
            }
            return r
        }
    }

    @inline(__always)
    private static func digitString(_ v: Bytes) -> ValueClass {
        let n = v.count
        var r: ValueClass = [.digitsOnly]
        if n <= 20 { r.insert(.idToken) }
        let lz = v[0] == UInt8(ascii: "0") && n > 1
        if lz { r.insert(.leadingZero) }
        if n > 15 { r.insert(.longDigits) }
        if n == 1 && v[0] <= UInt8(ascii: "1") { r.insert(.zeroOne) }
        if n <= 18 || IntegerParser.parse(v) != nil {
            r.insert(.integer)
            if !lz { r.insert(.plainInteger) }
        }
        if n <= 300 {
            r.formUnion([.numComma, .numDot])
            if !lz { r.formUnion([.plainNumComma, .plainNumDot]) }
        }
        return r
    }

    private static func mixed(_ v: Bytes, firstNonDigit i: Int) -> ValueClass {
        var r: ValueClass = []
        if isIdToken(v) {
            r.insert(.idToken)
            if isCorsica(v) { r.insert(.corsica) }
            return r
        }
        let sep = v[i]
        if (sep == UInt8(ascii: "-") || sep == UInt8(ascii: "/") || sep == UInt8(ascii: ".")) && (i <= 2 || i == 4),
           let s = DateParser.scan(v) {
            if let t = s.time {
                if s.yearFirst {
                    if s.isValid(dayFirst: true) { r.insert(.dtISO) }
                } else {
                    if s.isValid(dayFirst: true) { r.insert(.dtDF) }
                    if s.isValid(dayFirst: false) { r.insert(.dtMF) }
                }
                if t.offsetMinutes != nil { r.insert(.offset) }
            } else if s.yearFirst {
                if s.isValid(dayFirst: true) { r.insert(.dateISO) }
            } else {
                if s.isValid(dayFirst: true) { r.insert(.dateDF) }
                if s.isValid(dayFirst: false) { r.insert(.dateMF) }
            }
            if !r.isEmpty { return r }
        }
        return r.union(numeric(v, tryInteger: ByteText.spaceLength(v, at: i) > 0, tryPoint: true))
    }

    /// Integer, number (under both decimal separators) and geopoint tests.
    private static func numeric(_ v: Bytes, tryInteger: Bool, tryPoint: Bool) -> ValueClass {
        var r: ValueClass = []
        if tryInteger, IntegerParser.parse(v) != nil { r.formUnion([.integer, .plainInteger]) }
        var comma = false
        var dot = false
        var dotBeforeComma = false
        var dotAfterComma = false
        for b in v {
            if b == UInt8(ascii: ",") { comma = true } else if b == UInt8(ascii: ".") {
                dot = true
                if comma { dotAfterComma = true } else { dotBeforeComma = true }
            }
        }
        // `48.85,2.35`: a dot on both sides of a comma is no number under either separator.
        if !(dotBeforeComma && dotAfterComma) {
            if let s = NumberParser.scan(v, decimal: UInt8(ascii: ",")) {
                r.formUnion([.numComma, .plainNumComma])
                if s.suffix {
                    r.insert(.suffix)
                    if s.currency { r.insert(.currency) }
                    if s.percent { r.insert(.percent) }
                }
            }
            if comma || dot {
                if NumberParser.scan(v, decimal: UInt8(ascii: ".")) != nil { r.formUnion([.numDot, .plainNumDot]) }
            } else if r.contains(.numComma) {
                r.formUnion([.numDot, .plainNumDot])
            }
        }
        if comma { r.insert(.commaChar) }
        if dot { r.insert(.dotChar) }
        if tryPoint && comma, GeoPointParser.parse(v) != nil { r.insert(.geopoint) }
        return r
    }

    @inline(__always)
    static func isIdToken(_ v: Bytes) -> Bool {
        guard v.count <= 20 else { return false }
        for b in v where !ByteText.isUpperAlnum(b) { return false }
        return true
    }

    /// `2A`/`2B` followed by 0–3 digits (département, arrondissement, canton, commune codes).
    @inline(__always)
    static func isCorsica(_ v: Bytes) -> Bool {
        let n = v.count
        guard n >= 2, n <= 5, v[0] == UInt8(ascii: "2"), v[1] == UInt8(ascii: "A") || v[1] == UInt8(ascii: "B")
        else { return false }
        for k in 2 ..< n where !ByteText.isDigit(v[k]) { return false }
        return true
    }
}
