import Foundation

/// Moves a point to the centre of its cell in a square grid of N metres, written as "lat,lon".
///
/// Latitude rows are N/111,320 degrees tall. Each row's longitude step is N/(111,320·cos φ) with φ the row's
/// middle latitude (not the point's), so every point of a cell lands on the same centre.
enum GridSnapper {
    static let metresPerDegree = 111_320.0

    /// The cell centre of a "lat,lon" text, or nil when it is not a point within WGS84 ranges.
    static func snap(_ text: String, metres: Int) -> String? {
        guard let (lat, lon) = parse(text) else { return nil }
        return snap(lat: lat, lon: lon, metres: metres)
    }

    static func snap(lat: Double, lon: Double, metres: Int) -> String? {
        guard lat.isFinite, lon.isFinite, (-90...90).contains(lat), (-180...180).contains(lon), metres > 0 else { return nil }
        let latStep = Double(metres) / metresPerDegree
        // Edge rows and columns are cut by the poles and the antimeridian: their centre is the middle of what
        // remains, so that a centre snaps to itself.
        let south = max(-90, (lat / latStep).rounded(.down) * latStep)
        let centreLat = (south + min(90, south + latStep)) / 2
        let rowMiddle = ((lat / latStep).rounded(.down) + 0.5) * latStep
        let cosine = cos(min(90, max(-90, rowMiddle)) * .pi / 180)
        // Near the poles a cell would span the whole circle: one cell per row then.
        let lonStep = cosine > 1e-9 ? min(360, latStep / cosine) : 360
        let x = lon >= 180 ? lon - 360 : lon
        let west = ((x + 180) / lonStep).rounded(.down) * lonStep - 180
        let centreLon = (west + min(180, west + lonStep)) / 2
        let digits = decimals(for: latStep)
        return format(centreLat, digits) + "," + format(centreLon, digits)
    }

    /// Enough decimals to tell adjacent cells apart (a tenth of a cell), never more than 7 (≈ 1 cm).
    static func decimals(for step: Double) -> Int {
        let d = Int((-log10(step)).rounded(.up)) + 1
        return min(7, max(0, d))
    }

    /// Fixed decimals without Foundation's formatter (slow on Linux); never "-0.000".
    static func format(_ value: Double, _ digits: Int) -> String {
        let digits = min(7, max(0, digits))
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        // |value| ≤ 180 and scale ≤ 10^7: the product fits an Int64 with room to spare.
        guard value.isFinite, abs(value) <= 1_000 else { return "0" }
        let units = Int64((abs(value) * Double(scale)).rounded())
        let whole = String(units / scale)
        var text = units == 0 || value >= 0 ? whole : "-" + whole
        if digits > 0 {
            let fraction = String(units % scale)
            text += "." + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        return text
    }

    /// "lat,lon" or "lat, lon" with dot decimals (Socle's stored geopoint form).
    static func parse(_ text: String) -> (Double, Double)? {
        guard text.utf8.count <= 64 else { return nil }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2,
              let lat = Double(parts[0].trimmingCharacters(in: .whitespaces)),
              let lon = Double(parts[1].trimmingCharacters(in: .whitespaces)),
              lat.isFinite, lon.isFinite else { return nil }
        return (lat, lon)
    }
}
