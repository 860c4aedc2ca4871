import Foundation
import SocleCore

/// What a page's view builder needs: the chrome, localised strings and French/English formatting.
struct ViewContext {
    let chrome: Chrome
    var language: Language { chrome.language }

    /// The catalog string `web.<key>`, with `{name}` arguments.
    func s(_ key: String, _ args: [String: String] = [:]) -> String {
        Catalog.shared.string("web." + key, language: language, args: args)
    }

    /// A grouped integer: "12 345" (narrow no-break space) in French, "12,345" in English.
    func number<I: BinaryInteger>(_ value: I) -> String {
        let digits = String(value.magnitude)
        let separator = language == .french ? "\u{202F}" : ","
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += separator }
            out.append(c)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// A whole percentage of a share, "42 %" in French, "42%" in English.
    func percent(_ share: Double) -> String {
        let p = Int((max(0, min(1, share)) * 100).rounded(.down))
        return language == .french ? "\(p)\u{202F}%" : "\(p)%"
    }

    /// A byte size in the largest fitting unit ("1 Gio" / "1 GiB").
    func bytes(_ value: Int64) -> String {
        let units = language == .french ? ["o", "Kio", "Mio", "Gio", "Tio"] : ["B", "KiB", "MiB", "GiB", "TiB"]
        var v = Double(value)
        var u = 0
        while v >= 1024 && u < units.count - 1 { v /= 1024; u += 1 }
        let text = v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v)
        return (language == .french ? text.replacingOccurrences(of: ".", with: ",") : text) + "\u{00A0}" + units[u]
    }

    /// Date and time in Paris: "29/11/2025 04:41" in French, "2025-11-29 04:41" in English.
    func date(_ d: Date, time: Bool = true) -> String {
        let c = Self.calendar.dateComponents([.year, .month, .day, .hour, .minute], from: d)
        func two(_ n: Int?) -> String { String(format: "%02d", n ?? 0) }
        let day = language == .french
            ? "\(two(c.day))/\(two(c.month))/\(c.year ?? 0)"
            : "\(c.year ?? 0)-\(two(c.month))-\(two(c.day))"
        return time ? day + " " + two(c.hour) + ":" + two(c.minute) : day
    }

    /// ISO 8601 for `<time datetime>`.
    func isoDate(_ d: Date) -> String {
        ISO8601DateFormatter.string(from: d, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withInternetDateTime])
    }

    /// A date cell: `{text, iso}`.
    func dateValue(_ d: Date?) -> [String: Any]? {
        guard let d else { return nil }
        return ["text": date(d), "iso": isoDate(d)]
    }

    static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Europe/Paris") ?? TimeZone(identifier: "UTC")!
        return c
    }()

    // MARK: enum labels

    func status(_ s: DatasetStatus) -> String { self.s("status." + s.rawValue) }
    func licence(_ l: Licence) -> String { self.s("licence." + l.rawValue) }
    func classification(_ c: Classification?) -> String { self.s("classification." + (c?.rawValue ?? "none")) }
    func access(_ a: AccessLevel) -> String { self.s("access." + a.rawValue) }
    func origin(_ o: DataOrigin) -> String { self.s("origin." + o.rawValue) }
    func role(_ r: Role) -> String { self.s("role." + r.rawValue) }
    func kind(_ k: OrganisationKind) -> String { self.s("kind." + k.rawValue) }
    func theme(_ code: String) -> String {
        Catalog.shared.template("web.theme." + code, language: language) ?? code
    }
    func frequency(_ code: String) -> String {
        Catalog.shared.template("web.frequency." + code, language: language) ?? code
    }
    func columnType(_ t: ColumnType) -> String { self.s("type." + t.rawValue) }
    func jobStatus(_ s: JobStatus) -> String { self.s("job.status." + s.rawValue) }

    /// Options of a `<select>`: `{value, label, selected}`.
    func options(_ pairs: [(String, String)], selected: String?) -> [[String: Any]] {
        pairs.map { ["value": $0.0, "label": $0.1, "selected": $0.0 == selected] }
    }
}
