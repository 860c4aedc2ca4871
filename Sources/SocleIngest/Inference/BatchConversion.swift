import SocleCore

/// Pass-2 conversion of one raw column into a typed vector (see `ValueConverter` for storage).
extension ValueConverter {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// Where errors are reported.
    struct Context {
        var file: String
        var label: String
        var rowsBefore: Int
    }

    /// Converts column `column` of `batch` (nil: the batch does not have it yet, all null).
    /// `geo`, when given, receives this column's helper values.
    func convert(_ batch: RawBatch, column: Int?, context: Context, geo: inout GeoHelpers?) throws -> ColumnVector {
        let rows = batch.rowCount
        guard let column, column < batch.columnCount else {
            if geo != nil { for _ in 0 ..< rows { geo?.null() } }
            switch type.storage {
            case .integer: return .integers([Int64](repeating: 0, count: rows), valid: [Bool](repeating: false, count: rows))
            case .real: return .reals([Double](repeating: 0, count: rows), valid: [Bool](repeating: false, count: rows))
            case .text:
                var t = TextVector(capacity: rows)
                for _ in 0 ..< rows { t.appendNull() }
                return .texts(t)
            }
        }
        return try batch.bytes.withUnsafeBufferPointer { bytes in
            try batch.ends.withUnsafeBufferPointer { ends in
                try convert(bytes, ends, batch, column, context, &geo)
            }
        }
    }

    private func fail(_ v: Bytes, _ batch: RawBatch, _ r: Int, _ ctx: Context) -> SocleError {
        ValueConverter.mismatch(type, value: String(decoding: v, as: UTF8.self), file: ctx.file,
                                line: batch.lines[r], column: ctx.label, row: ctx.rowsBefore + r + 1)
    }

    private func convert(_ bytes: Bytes, _ ends: UnsafeBufferPointer<Int>, _ batch: RawBatch, _ column: Int,
                         _ ctx: Context, _ geo: inout GeoHelpers?) throws -> ColumnVector {
        let rows = batch.rowCount
        let cc = batch.columnCount
        @inline(__always) func field(_ r: Int) -> Bytes {
            let k = r * cc + column
            return Bytes(rebasing: bytes[(k == 0 ? 0 : ends[k - 1]) ..< ends[k]])
        }
        var valid = [Bool]()
        valid.reserveCapacity(rows)
        switch kind {
        case .integer:
            var out = [Int64]()
            out.reserveCapacity(rows)
            for r in 0 ..< rows {
                let v = ByteText.trim(field(r))
                if v.isEmpty || NullTokens.matches(v, extra: extraNulls) { out.append(0); valid.append(false); continue }
                guard let x = IntegerParser.parse(v) else { throw fail(v, batch, r, ctx) }
                out.append(x); valid.append(true)
            }
            return .integers(out, valid: valid)
        case .boolean(let checkbox):
            var out = [Int64]()
            out.reserveCapacity(rows)
            for r in 0 ..< rows {
                let v = ByteText.trim(field(r))
                if v.isEmpty || NullTokens.matches(v, extra: extraNulls) {
                    out.append(0); valid.append(checkbox); continue
                }
                guard let b = BooleanParser.parse(v, allowDigits: true, allowCheckbox: true) else { throw fail(v, batch, r, ctx) }
                out.append(b ? 1 : 0); valid.append(true)
            }
            return .integers(out, valid: valid)
        case .number(let d):
            var out = [Double]()
            out.reserveCapacity(rows)
            for r in 0 ..< rows {
                let v = ByteText.trim(field(r))
                if v.isEmpty || NullTokens.matches(v, extra: extraNulls) { out.append(0); valid.append(false); continue }
                guard let x = NumberParser.parse(v, decimalSeparator: d) else { throw fail(v, batch, r, ctx) }
                out.append(x); valid.append(true)
            }
            return .reals(out, valid: valid)
        case .date(let df), .datetime(let df):
            let isDate: Bool
            if case .date = kind { isDate = true } else { isDate = false }
            var t = TextVector(capacity: rows)
            t.bytes.reserveCapacity(rows * (isDate ? 10 : 24))
            for r in 0 ..< rows {
                let v = ByteText.trim(field(r))
                if v.isEmpty || NullTokens.matches(v, extra: extraNulls) { t.appendNull(); continue }
                if isDate {
                    guard let x = DateParser.parseDate(v, dayFirst: df) else { throw fail(v, batch, r, ctx) }
                    x.appendDate(to: &t.bytes)
                } else {
                    guard let x = DateParser.parseDateTime(v, dayFirst: df, allowDateOnly: true) else {
                        throw fail(v, batch, r, ctx)
                    }
                    x.appendDateTime(to: &t.bytes)
                }
                t.ends.append(t.bytes.count); t.valid.append(true)
            }
            return .texts(t)
        case .code, .text:
            let isText: Bool
            var dropZero = false
            if case .text = kind { isText = true } else { isText = false }
            if case .code(let z) = kind { dropZero = z }
            var t = TextVector(capacity: rows)
            t.bytes.reserveCapacity(bytes.count / max(1, cc) + 16)
            for r in 0 ..< rows {
                let raw = field(r)
                let v = ByteText.trim(raw)
                if v.isEmpty || (!isText && NullTokens.matches(v, extra: extraNulls)) { t.appendNull(); continue }
                if dropZero, v.count > 2, v[v.count - 2] == UInt8(ascii: "."), v[v.count - 1] == UInt8(ascii: "0") {
                    t.bytes.append(contentsOf: Bytes(rebasing: v[0 ..< v.count - 2]))
                } else {
                    t.bytes.append(contentsOf: isText ? raw : v)
                }
                t.ends.append(t.bytes.count); t.valid.append(true)
            }
            return .texts(t)
        case .geopoint:
            var t = TextVector(capacity: rows)
            t.bytes.reserveCapacity(rows * 24)
            for r in 0 ..< rows {
                let v = ByteText.trim(field(r))
                if v.isEmpty || NullTokens.matches(v, extra: extraNulls) { t.appendNull(); geo?.null(); continue }
                guard let p = GeoPointParser.appendCanonical(v, to: &t.bytes) else { throw fail(v, batch, r, ctx) }
                t.ends.append(t.bytes.count); t.valid.append(true)
                geo?.point(lat: p.lat, lon: p.lon)
            }
            return .texts(t)
        case .geometry:
            var t = TextVector(capacity: rows)
            for r in 0 ..< rows {
                let raw = field(r)
                let v = ByteText.trim(raw)
                if v.isEmpty || NullTokens.matches(v, extra: extraNulls) { t.appendNull(); geo?.null(); continue }
                guard let b = GeoJSONGeometry.bbox(utf8: v) else { throw fail(v, batch, r, ctx) }
                t.bytes.append(contentsOf: raw)
                t.ends.append(t.bytes.count); t.valid.append(true)
                geo?.box(b)
            }
            return .texts(t)
        case let .pair(lat, latDecimal, lon, lonDecimal):
            var t = TextVector(capacity: rows)
            for r in 0 ..< rows {
                let kLat = r * cc + lat
                let kLon = r * cc + lon
                guard lat < cc, lon < cc else { t.appendNull(); geo?.null(); continue }
                let a = ByteText.trim(Bytes(rebasing: bytes[(kLat == 0 ? 0 : ends[kLat - 1]) ..< ends[kLat]]))
                let b = ByteText.trim(Bytes(rebasing: bytes[(kLon == 0 ? 0 : ends[kLon - 1]) ..< ends[kLon]]))
                guard let y = NumberParser.parse(a, decimalSeparator: latDecimal),
                      let x = NumberParser.parse(b, decimalSeparator: lonDecimal),
                      GeoPointParser.isLatitude(y), GeoPointParser.isLongitude(x)
                else { t.appendNull(); geo?.null(); continue }
                GeoPointParser.appendDecimal(a, decimal: latDecimal, value: y, to: &t.bytes)
                t.bytes.append(UInt8(ascii: ","))
                GeoPointParser.appendDecimal(b, decimal: lonDecimal, value: x, to: &t.bytes)
                t.ends.append(t.bytes.count); t.valid.append(true)
                geo?.point(lat: y, lon: x)
            }
            return .texts(t)
        }
    }
}
