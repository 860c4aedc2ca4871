import SocleCore

/// Decides a column's semantic format from its profile and its decided type, and what the
/// format changes: identifiers become codes (a float-encoded one loses its `.0`), amounts keep
/// their unit in the column's format. Rules in `docs/ingestion.md`, "Semantic formats".
enum FormatDecider {
    struct Decision {
        var format: SemanticFormat
        var type: ColumnType
        var unit: String?
        var dropsDecimalZero = false
        var notes: [Notice] = []
    }

    /// Share of the non-null values that must fit a value-checked format for the column to get it: 90 %
    /// (`needed`, in integers so that 9 of 10 is exactly enough).

    /// Formats given only when the column's name announces them: their values alone are too
    /// common (`12`, `1999`, `F`) or indistinguishable from another format (FINESS and SIREN
    /// share Luhn's key).
    static let needsName: Set<SemanticFormat> = [.finess, .codeRegion, .codeDepartement, .year, .sexe,
                                                 .jourDeLaSemaine, .moisDeLAnnee, .isoCountryAlpha2, .isoCountryAlpha3,
                                                 .isoCountryNumeric, .idRnb, .codeCspInsee, .codeFantoir, .codeImport]

    /// Place-name formats and the code format whose name hint announces them too (`commune`, `dep`…).
    static let placeNames: [SemanticFormat: SemanticFormat] = [.commune: .codeCommuneInsee,
                                                               .departement: .codeDepartement,
                                                               .region: .codeRegion, .pays: .pays, .cspInsee: .codeCspInsee,
                                                               .inseeCanton: .inseeCanton]

    static func decide(_ p: ColumnProfile, type: ColumnType, typed: Int, dates: Int, decimal: String,
                       checkbox: Bool) -> Decision? {
        guard typed > 0 else { return nil }
        if let d = valueFormat(p, type: type, typed: typed) { return d }
        return typeFormat(p, type: type, typed: typed, dates: dates, decimal: decimal, checkbox: checkbox)
    }

    /// The minimum count of values for 90 % of `typed` (rounded up).
    static func needed(_ typed: Int) -> Int { max(1, (typed * 9 + 9) / 10) }

    private static func valueFormat(_ p: ColumnProfile, type: ColumnType, typed: Int) -> Decision? {
        let need = needed(typed)
        var best: (index: Int, count: Int, named: Bool)?
        for (i, f) in FormatDetector.formats.enumerated() {
            let n = p.formatCounts[i]
            guard n >= need else { continue }
            let named = p.hints.format == f || (placeNames[f].map { p.hints.format == $0 } ?? false)
                || (p.hints.format == .pays && [.isoCountryAlpha2, .isoCountryAlpha3, .isoCountryNumeric].contains(f))
            // One or two names repeated (`Orange`, `Bretagne`) make a place column only under a name that says so.
            if placeNames[f] != nil && !named && p.distinctPlaces.count < 3 { continue }
            if needsName.contains(f) && !named && !(f == .codeDepartement && p.count(.corsica) > 0) { continue }
            // Five-digit numbers that take one or two values under a name that says nothing of a code are quantities
            // (a bike counter's `time_step` of 86400 seconds is also Civray's postcode).
            if (f == .codePostal || f == .codeCommuneInsee) && !named && p.hints.code == .none && type == .integer
                && p.distinctByWidth[5].count < 3 { continue }
            if let b = best, (b.named && !named) || (b.named == named && b.count >= n) { continue }
            best = (i, n, named)
        }
        guard let b = best else { return nil }
        var format = FormatDetector.formats[b.index]
        // An EPCI's code is its SIREN: the name tells them apart.
        if format == .siren && p.hints.format == .codeEpci { format = .codeEpci }
        var d = Decision(format: format, type: type)
        d.notes.append(Notice("inference.note.format", ["count": String(b.count), "values": String(typed)]))
        guard format.isIdentifier else { return d }
        let floats = p.count(format: FormatDetector.floatZero)
        let tokens = p.count(.idToken)
        if tokens + floats == typed, type == .integer || type == .number || type == .code || type == .text {
            if type == .integer || type == .number {
                d.notes.append(Notice("inference.note.identifier_code"))
            }
            d.type = .code
            if floats > 0 {
                d.dropsDecimalZero = true
                d.notes.append(Notice("inference.note.float_zero", ["count": String(floats)]))
            }
        }
        return d
    }

    private static func typeFormat(_ p: ColumnProfile, type: ColumnType, typed: Int, dates: Int, decimal: String,
                                   checkbox: Bool) -> Decision? {
        switch type {
        case .boolean:
            return checkbox ? nil : Decision(format: .booleen, type: type)
        case .date:
            let iso = p.count(.dateISO)
            return Decision(format: iso >= dates ? .date : .dateFr, type: type)
        case .datetime:
            return Decision(format: .datetimeIso, type: type)
        case .geopoint:
            var d = Decision(format: .latlonWgs, type: type)
            let arrays = p.count(format: FormatDetector.pointArray)
            if arrays > 0 { d.notes.append(Notice("inference.note.point_array", ["count": String(arrays)])) }
            return d
        case .geometry:
            return Decision(format: .geojson, type: type)
        case .integer, .number:
            if p.count(.currency) > 0 {
                var d = Decision(format: .montant, type: .number, unit: "EUR")
                d.notes.append(Notice("inference.note.unit", ["unit": "EUR"]))
                return d
            }
            if p.count(.percent) >= needed(typed) {
                var d = Decision(format: .pourcentage, type: .number, unit: "%")
                d.notes.append(Notice("inference.note.unit", ["unit": "%"]))
                return d
            }
            if type == .integer && p.count(.zeroOne) == typed { return Decision(format: .binary, type: type) }
            let r = decimal == "," ? p.rangeComma : p.rangeDot
            if p.hints.latitude && !p.hints.longitude && r.min >= -90 && r.max <= 90 {
                return Decision(format: .latitudeWgs, type: type)
            }
            if p.hints.longitude && !p.hints.latitude && r.min >= -180 && r.max <= 180 {
                return Decision(format: .longitudeWgs, type: type)
            }
            // Lambert 93 (EPSG:2154) metres over metropolitan France: X 100–1,300 km, Y 6,000–7,200 km.
            if p.hints.lambertX && r.min >= 100_000 && r.max <= 1_300_000 { return Decision(format: .longitudeL93, type: type) }
            if p.hints.lambertY && r.min >= 6_000_000 && r.max <= 7_200_000 { return Decision(format: .latitudeL93, type: type) }
            return nil
        default:
            return nil
        }
    }
}
