import Foundation
import SocleCore

/// How a column is coarsened before publication: a date to its month or year, a birth date to a 10-year
/// age band, a postal address to "postcode commune", a point to the centre of a square grid cell.
///
/// Encoded as the same short text the CLI accepts (`month`, `year`, `age-band`, `commune`, `grid:200`),
/// so that lineage JSON stays readable.
public enum Generalisation: Sendable, Hashable, Codable, CustomStringConvertible {
    case month
    case year
    /// Age in 10-year bands at the reference date ("0-9" … "70-79", then "80+").
    case ageBand
    /// "14500 Vire" (postcode and commune, title case), or the postcode alone when no commune follows it.
    case commune
    /// Centre of the cell of a square grid whose side is `metres` (10 to 100,000).
    case grid(metres: Int)

    /// Allowed cell sizes: below 10 m the "cell" is the exact position; above 100 km it is a region.
    public static let gridRange = 10...100_000

    public var description: String {
        switch self {
        case .month: return "month"
        case .year: return "year"
        case .ageBand: return "age-band"
        case .commune: return "commune"
        case .grid(let m): return "grid:\(m)"
        }
    }

    /// Parses the CLI/lineage form: `month`, `year`, `age-band`, `commune`, `grid:N` (case-insensitive).
    public init(parsing text: String) throws {
        let t = String(text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased().prefix(40))
        switch t {
        case "month", "mois": self = .month
        case "year", "annee", "année": self = .year
        case "age-band", "ageband", "age_band", "tranche-age", "tranche-d-age": self = .ageBand
        case "commune": self = .commune
        default:
            guard t.hasPrefix("grid:") || t.hasPrefix("carreau:") else {
                throw SocleError(.invalidInput, code: "anonymisation.generalisation_unknown",
                                 args: ["value": String(text.prefix(40))])
            }
            let digits = t.split(separator: ":", maxSplits: 1).last.map(String.init) ?? ""
            guard let m = Int(digits), Self.gridRange.contains(m) else {
                throw SocleError(.invalidInput, code: "anonymisation.grid_size",
                                 args: ["value": String(digits.prefix(20)), "min": String(Self.gridRange.lowerBound),
                                        "max": String(Self.gridRange.upperBound)])
            }
            self = .grid(metres: m)
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(parsing: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "unknown generalisation \(text)"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    /// The type of the column once generalised: categories become codes, a point stays a point.
    public var outputType: ColumnType {
        if case .grid = self { return .geopoint }
        return .code
    }

    /// Column types whose values this generalisation can read (text is accepted: mixed files fall back to it).
    var acceptedTypes: Set<ColumnType> {
        switch self {
        case .month, .year, .ageBand: return [.date, .datetime, .text, .code]
        case .commune: return [.text, .code]
        case .grid: return [.geopoint, .text, .code]
        }
    }

}
