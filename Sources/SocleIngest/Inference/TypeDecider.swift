import SocleCore

/// Decides a column's type, format and evidence from its whole-file profile.
///
/// Order of preference: code, boolean, integer, number, date, datetime, geopoint, geometry, text.
/// A type is chosen only when every non-null value fits it; null tokens (`NullTokens`) count as
/// nulls in typed columns and the evidence says so.
enum TypeDecider {
    struct Outcome {
        var column: ColumnSchema
        var warnings: [Notice]
    }

    static func decide(_ p: ColumnProfile, name: String, label: String, override: ColumnType?,
                       file: String) throws -> Outcome {
        let tokens = p.count(.nullToken)
        let typed = p.nonEmpty - tokens
        var notes: [Notice] = []
        var warnings: [Notice] = []
        var format = ColumnFormat()
        let shown = label.isEmpty ? name : label

        // Decimal separator: the one every value fits; on a tie, the one actually written.
        let plainSep = separator(comma: p.count(.plainNumComma), dot: p.count(.plainNumDot), p: p, typed: typed)
        // Day/month order: day-first unless the values say otherwise (French convention).
        let df = p.count(.dateDF) + p.count(.dtDF)
        let mf = p.count(.dateMF) + p.count(.dtMF)
        let dayFirst: Bool? = (df == 0 && mf == 0) ? nil : df >= mf
        let dates = p.count(.dateISO) + (dayFirst == false ? p.count(.dateMF) : p.count(.dateDF))
        let times = p.count(.dtISO) + (dayFirst == false ? p.count(.dtMF) : p.count(.dtDF))
        let isCode = typed > 0 && p.count(.idToken) == typed && p.count(.digitsOnly) * 2 >= typed
            && (p.count(.leadingZero) > 0 || p.count(.corsica) > 0 || p.count(.longDigits) > 0
                || (p.hints.code != .none && p.count(.digitsOnly) > 0))
        var checkbox = false

        var type: ColumnType
        if let forced = override {
            type = forced
            notes.append(Notice("inference.note.schema_type"))
        } else if p.nonEmpty == 0 {
            type = .text
            notes.append(Notice("inference.note.no_value"))
        } else if typed == 0 {
            type = .text
        } else if isCode {
            type = .code
        } else if p.count(.boolean) == typed {
            type = .boolean
        } else if p.count(.checkbox) == typed {
            type = .boolean
            checkbox = true
        } else if p.count(.plainInteger) == typed {
            type = .integer
        } else if plainSep.count == typed {
            type = .number
        } else if dates == typed {
            type = .date
        } else if dates + times == typed {
            type = .datetime
        } else if p.count(.geopoint) == typed {
            type = .geopoint
        } else if p.count(.geometry) == typed {
            type = .geometry
        } else {
            type = .text
        }
        if type == .boolean && override != nil && p.count(.checkbox) == typed { checkbox = true }
        if let d = FormatDecider.decide(p, type: type, typed: typed, dates: dates, decimal: plainSep.sep, checkbox: checkbox),
           override == nil || d.type == type {
            type = d.type
            format.semantic = d.format.rawValue
            format.unit = d.unit
            if d.dropsDecimalZero { format.dropsDecimalZero = true }
            notes.append(contentsOf: d.notes)
        }

        switch type {
        case .number:
            let sep = override == nil ? plainSep.sep
                : separator(comma: p.count(.numComma), dot: p.count(.numDot), p: p, typed: typed).sep
            format.decimalSeparator = sep
            notes.append(Notice("inference.note.decimal_separator", ["separator": sep]))
            if p.count(.suffix) > 0 { notes.append(Notice("inference.note.suffix_dropped")) }
        case .date, .datetime:
            format.dayFirst = dayFirst
            notes.append(contentsOf: orderNotes(p, dayFirst: dayFirst))
            if type == .datetime {
                if dates > 0 { notes.append(Notice("inference.note.midnight", ["count": String(dates)])) }
                let offsets = p.count(.offset)
                if offsets > 0 { notes.append(Notice("inference.note.utc_offsets")) }
                if offsets > 0 && offsets < times { notes.append(Notice("inference.note.local_time")) }
            }
        case .integer:
            if p.count(.zeroOne) == typed { notes.append(Notice("inference.note.zero_one")) }
        case .boolean:
            if checkbox {
                // The converter reads empty cells of a checkbox column as false, not null.
                format.emptyIsFalse = true
                notes.append(Notice("inference.note.checkbox"))
            }
        case .code:
            codeNotes(p, shown: shown, notes: &notes, warnings: &warnings)
        case .text:
            if dayFirst != nil, let a = p.dayFirstOnly, let b = p.monthFirstOnly {
                notes.append(Notice("inference.note.mixed_order", ["first": a.value, "firstLine": String(a.line),
                                                                    "second": b.value, "secondLine": String(b.line)]))
            }
        default:
            break
        }
        if type != .text && tokens > 0 {
            // A list of values: quoted « » in both languages, as elsewhere in the catalogs.
            let list = p.nullSpellings.map { "« \($0) »" }.joined(separator: ", ")
            notes.append(Notice("inference.note.null_tokens", ["count": String(tokens), "values": list]))
        }

        var matches: [String: Int] = [:]
        func put(_ t: ColumnType, _ n: Int) { if n > 0 || t == type { matches[t.rawValue] = n } }
        put(.integer, override == .integer ? p.count(.integer) : p.count(.plainInteger))
        put(.number, override == .number ? max(p.count(.numComma), p.count(.numDot)) : plainSep.count)
        put(.boolean, p.count(.boolean) + (checkbox ? p.count(.checkbox) : 0))
        put(.date, dates)
        put(.datetime, dates + times)
        put(.code, isCode || type == .code ? p.count(.idToken) + p.count(format: FormatDetector.floatZero) : 0)
        put(.geopoint, p.count(.geopoint))
        put(.geometry, p.count(.geometry))
        put(.text, p.nonEmpty)

        var counter: [String] = []
        // Counter-examples explain a fall-back only when most values did fit another type.
        if type == .text && override == nil, let best = bestCandidate(matches),
           (matches[ColumnProfile.candidates[best].rawValue] ?? 0) * 2 >= p.nonEmpty {
            counter = p.examples[best].map { "\"\($0.value)\" (line \($0.line))" }
        }
        let evidence = TypeEvidence(
            values: type == .text ? p.nonEmpty : typed,
            nulls: p.empty + (type == .text ? 0 : tokens),
            matches: matches, counterExamples: counter, samples: p.samples, notes: notes)
        let column = ColumnSchema(name: name, label: label, type: type, format: format, evidence: evidence)
        if let forced = override { try checkOverride(p, column: column, forced: forced, file: file, shown: shown) }
        return Outcome(column: column, warnings: warnings)
    }

    /// The decimal separator every value fits (with the count of values it reads).
    private static func separator(comma: Int, dot: Int, p: ColumnProfile, typed: Int) -> (sep: String, count: Int) {
        if comma == typed && dot == typed {
            let commas = p.count(.commaChar)
            let dots = p.count(.dotChar)
            if dots > 0 && commas == 0 { return (".", dot) }
            if commas == 0 && dots == 0 { return (".", dot) }
            return (",", comma)
        }
        return comma >= dot ? (",", comma) : (".", dot)
    }

    private static func orderNotes(_ p: ColumnProfile, dayFirst: Bool?) -> [Notice] {
        switch dayFirst {
        case nil:
            return []
        case true?:
            if let a = p.dayFirstOnly {
                return [Notice("inference.note.day_first", ["value": a.value, "line": String(a.line)])]
            }
            return [Notice("inference.note.day_first_ambiguous")]
        case false?:
            if let b = p.monthFirstOnly {
                return [Notice("inference.note.month_first", ["value": b.value, "line": String(b.line)])]
            }
            return []
        }
    }

    private static func codeNotes(_ p: ColumnProfile, shown: String, notes: inout [Notice], warnings: inout [Notice]) {
        if let z = p.firstLeadingZero {
            notes.append(Notice("inference.note.leading_zeros_kept", ["value": z.value, "line": String(z.line)]))
        }
        if p.count(.corsica) > 0 { notes.append(Notice("inference.note.corsica")) }
        if p.count(.longDigits) > 0 { notes.append(Notice("inference.note.long_digits")) }
        if p.hints.code != .none { notes.append(Notice("inference.note.code_header")) }
        // A fixed-width code column without any leading zero, with several distinct values
        // shorter than its most common width, has most likely been through a spreadsheet that
        // read the codes as numbers (01001 → 1001). Legitimately mixed widths have leading zeros
        // (départements 01–95 and 971), longer odd values, or a single short one (collectivité 94).
        let widths = (1 ... 31).filter { p.values(ofWidth: $0) > 0 }
        guard p.hints.code == .fixedWidth, p.count(.leadingZero) == 0, widths.count >= 2,
              let modal = widths.max(by: { p.values(ofWidth: $0) < p.values(ofWidth: $1) }),
              let shortest = widths.first, shortest < modal,
              p.distinctByWidth.prefix(modal).reduce(0, { $0 + $1.count }) >= 3 else { return }
        let list = widths.map(String.init).joined(separator: ", ")
        let example = p.lengthExamples[shortest] ?? ""
        notes.append(Notice("inference.note.zeros_stripped", ["widths": list, "modal": String(modal)]))
        warnings.append(Notice("inference.warning.zeros_stripped",
                               ["column": shown, "widths": list, "modal": String(modal), "example": example]))
    }

    /// The candidate with the most matches (ties: the earlier in preference order).
    private static func bestCandidate(_ matches: [String: Int]) -> Int? {
        var best: Int?
        var bestCount = 0
        for (i, t) in ColumnProfile.candidates.enumerated() {
            let n = matches[t.rawValue] ?? 0
            if n > bestCount { best = i; bestCount = n }
        }
        return best
    }

    /// Throws a located error on the first value that does not fit an imposed type.
    private static func checkOverride(_ p: ColumnProfile, column: ColumnSchema, forced: ColumnType,
                                      file: String, shown: String) throws {
        guard let idx = ColumnProfile.candidates.firstIndex(of: forced) else { return }
        let plan = ValueConverter(column: column)
        for ex in p.examples[idx] where !plan.accepts(ex.value) {
            throw ValueConverter.mismatch(forced, value: ex.value, file: file, line: ex.line, column: shown, row: ex.row)
        }
    }
}
