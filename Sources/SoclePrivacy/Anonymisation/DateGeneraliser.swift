import SocleCore

/// Dates to month ("2024-03") or year ("2024"); birth dates to 10-year age bands at a reference date.
enum DateGeneraliser {
    /// Ages from this value share one band: few people are that old, so finer bands would single them out.
    static let topBand = 80
    /// Older than this, a "birth date" is a typing error, not a person.
    static let maximumAge = 120

    /// Why a value became empty.
    enum Failure: Error, Equatable { case unreadable, future, tooOld }

    static func month(_ text: String) -> Result<String, Failure> {
        guard let d = CivilDate(parsing: text), let m = d.month else { return .failure(.unreadable) }
        return .success(pad(d.year, 4) + "-" + pad(m, 2))
    }

    static func year(_ text: String) -> Result<String, Failure> {
        guard let d = CivilDate(parsing: text) else { return .failure(.unreadable) }
        return .success(pad(d.year, 4))
    }

    static func ageBand(_ text: String, at reference: CivilDate) -> Result<String, Failure> {
        guard let birth = CivilDate(parsing: text), birth.day != nil else { return .failure(.unreadable) }
        let age = birth.age(at: reference)
        if age < 0 { return .failure(.future) }
        if age > maximumAge { return .failure(.tooOld) }
        return .success(band(age))
    }

    /// "0-9", "10-19", … "70-79", "80+".
    static func band(_ age: Int) -> String {
        if age >= topBand { return "\(topBand)+" }
        let low = (age / 10) * 10
        return "\(low)-\(low + 9)"
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
