/// The byte-level CSV state machine: cuts decoded UTF-8 text into records and fields (RFC 4180
/// quoting with `""` escapes and embedded line breaks; CRLF, LF and lone CR line ends; a stray
/// quote inside an unquoted field is kept as is) and appends field bytes straight into a `FieldSink`.
struct CSVScanner {
    enum Outcome {
        /// A whole record was appended to the sink; `pos` moved past its line end.
        case record(fields: Int)
        /// The buffer ends inside the record: roll the sink back, read more, call again.
        case needMore
        /// No more records.
        case end
    }

    enum Failure: Error {
        /// End of file inside a quoted field that opened on this line.
        case unclosedQuote(line: Int)
    }

    static let quote: UInt8 = 0x22
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D

    let delimiter: UInt8
    /// Physical 1-based line at the scanner's position.
    var line = 1
    /// Quoted fields followed by more text before the delimiter (kept, like most CSV readers do).
    var textAfterQuote = 0

    /// `delimiter` repeated in every byte of a word, for the eight-bytes-at-a-time search.
    private let delimiterWord: UInt64

    init(delimiter: UInt8) {
        self.delimiter = delimiter
        self.delimiterWord = Self.ones &* UInt64(delimiter)
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080
    private static let lfWord: UInt64 = ones &* 0x0A
    private static let crWord: UInt64 = ones &* 0x0D
    private static let quoteWord: UInt64 = ones &* 0x22

    /// Non-zero when some byte of `w` is zero; its lowest set bit marks the first such byte.
    @inline(__always)
    private static func zeroBytes(_ w: UInt64) -> UInt64 {
        (w &- ones) & ~w & highs
    }

    /// Index of the first delimiter, LF or CR in `p[from ..< end]`, or `end`.
    @inline(__always)
    private func fieldEnd(_ p: UnsafePointer<UInt8>, _ from: Int, _ end: Int) -> Int {
        var j = from
        let d = delimiter, dw = delimiterWord
        while j + 8 <= end {
            let w = UnsafeRawPointer(p + j).loadUnaligned(as: UInt64.self)
            let hits = Self.zeroBytes(w ^ dw) | Self.zeroBytes(w ^ Self.lfWord) | Self.zeroBytes(w ^ Self.crWord)
            if hits != 0 { return j + hits.trailingZeroBitCount >> 3 }
            j += 8
        }
        while j < end {
            let c = p[j]
            if c == d || c == Self.lf || c == Self.cr { break }
            j += 1
        }
        return j
    }

    /// Index of the first quote, LF or CR in `p[from ..< end]`, or `end`.
    @inline(__always)
    private func quotedEnd(_ p: UnsafePointer<UInt8>, _ from: Int, _ end: Int) -> Int {
        var j = from
        while j + 8 <= end {
            let w = UnsafeRawPointer(p + j).loadUnaligned(as: UInt64.self)
            let hits = Self.zeroBytes(w ^ Self.quoteWord) | Self.zeroBytes(w ^ Self.lfWord) | Self.zeroBytes(w ^ Self.crWord)
            if hits != 0 { return j + hits.trailingZeroBitCount >> 3 }
            j += 8
        }
        while j < end {
            let c = p[j]
            if c == Self.quote || c == Self.lf || c == Self.cr { break }
            j += 1
        }
        return j
    }

    /// Scans one record of `p[pos ..< end]`. Nothing is committed (position, line) unless a
    /// whole record is returned, so `.needMore` can simply be retried after a refill.
    @inline(__always)
    mutating func next(_ p: UnsafePointer<UInt8>, _ pos: inout Int, _ end: Int, _ eof: Bool,
                       _ sink: inout FieldSink) throws(Failure) -> Outcome {
        let quote = Self.quote, lf = Self.lf, cr = Self.cr
        var i = pos
        if i >= end { return eof ? .end : .needMore }
        let d = delimiter
        var ln = line
        var fields = 0
        var after = 0
        while true {
            if i < end && p[i] == quote {
                let openLine = ln
                i += 1
                while true {
                    var j = quotedEnd(p, i, end)
                    while j < end {
                        let c = p[j]
                        if c == quote { break }
                        if c == lf {
                            ln += 1
                        } else if c == cr {
                            if j + 1 < end {
                                if p[j + 1] != lf { ln += 1 }
                            } else if eof {
                                ln += 1
                            } else {
                                return .needMore
                            }
                        }
                        j = quotedEnd(p, j + 1, end)
                    }
                    if j > i { sink.append(p + i, j - i) }
                    if j >= end {
                        if eof { throw .unclosedQuote(line: openLine) }
                        return .needMore
                    }
                    if j + 1 < end {
                        if p[j + 1] == quote {
                            sink.append(byte: quote)
                            i = j + 2
                            continue
                        }
                    } else if !eof {
                        return .needMore
                    }
                    i = j + 1
                    break
                }
                // Text between the closing quote and the delimiter is kept as is.
                if i < end {
                    let c = p[i]
                    if c != d && c != lf && c != cr {
                        after += 1
                        let j = fieldEnd(p, i, end)
                        sink.append(p + i, j - i)
                        i = j
                    }
                }
            } else {
                let j = fieldEnd(p, i, end)
                if j > i { sink.append(p + i, j - i) }
                i = j
            }
            sink.endField()
            fields += 1
            if i >= end {
                if !eof { return .needMore }
                break
            }
            let c = p[i]
            if c == d {
                i += 1
                continue
            }
            if c == cr {
                if i + 1 < end {
                    i += p[i + 1] == lf ? 2 : 1
                } else if eof {
                    i += 1
                } else {
                    return .needMore
                }
            } else {
                i += 1
            }
            ln += 1
            break
        }
        pos = i
        line = ln
        textAfterQuote += after
        return .record(fields: fields)
    }
}
