import SocleCore

/// One value typed by a person (a rectification's new value) converted the way a load stores it in a column of that
/// schema: the same parsers, the same storage (see `ValueConverter`). Geographic columns are not handled here: their
/// helper columns would need recomputing.
public enum SingleCell {
    /// The stored value; `.null` for an empty text; nil when the text does not fit the column's type.
    public static func value(_ text: String, for column: ColumnSchema) -> SocleCore.CellValue? {
        let converter = ValueConverter(column: column)
        return ByteText.with(text) { raw -> SocleCore.CellValue? in
            let v = ByteText.trim(raw)
            if v.isEmpty { return .null }
            switch converter.kind {
            case .integer: return IntegerParser.parse(v).map(SocleCore.CellValue.integer)
            case .number(let d):
                return (NumberParser.parse(v, decimalSeparator: d) ?? NumberParser.parse(v, decimalSeparator: d == 0x2C ? 0x2E : 0x2C))
                    .map(SocleCore.CellValue.number)
            case .boolean: return BooleanParser.parse(v, allowDigits: true, allowCheckbox: false).map(SocleCore.CellValue.bool)
            case .date(let df):
                guard let x = DateParser.parseDate(v, dayFirst: df) else { return nil }
                var out: [UInt8] = []
                x.appendDate(to: &out)
                return .text(String(decoding: out, as: UTF8.self))
            case .datetime(let df):
                guard let x = DateParser.parseDateTime(v, dayFirst: df, allowDateOnly: true) else { return nil }
                var out: [UInt8] = []
                x.appendDateTime(to: &out)
                return .text(String(decoding: out, as: UTF8.self))
            case .code: return .text(String(decoding: v, as: UTF8.self))
            case .text: return .text(text)
            case .geopoint, .geometry, .pair: return nil
            }
        }
    }
}
