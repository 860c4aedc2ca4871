import Foundation
import SocleActions
import SocleCore

/// The human report printed at the end of `socle ingest`.
enum IngestSummary {
    static func print(_ r: IngestReport) {
        CLIStrings.register()
        Output.line(Output.t("ingest.done", [
            "dataset": r.dataset, "revision": String(r.revision), "rows": Format.integer(r.rows),
            "seconds": String(format: "%.2f", r.seconds)]))
        Output.line(Output.t("ingest.source", [
            "format": r.format, "encoding": r.encoding ?? "-", "delimiter": Format.delimiter(r.delimiter),
            "size": Format.bytes(r.size)]))
        let width = max(8, r.columns.map { $0.name.count }.max() ?? 8)
        for c in r.columns {
            let name = c.name.padding(toLength: width, withPad: " ", startingAt: 0)
            let type = c.type.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
            var line = "  \(name)  \(type)  \(Output.t("ingest.evidence", ["values": String(c.evidence.values), "nulls": String(c.evidence.nulls)]))"
            if c.label != c.name { line += "  « \(c.label.replacingOccurrences(of: "\n", with: "⏎")) »" }
            if let f = c.format.semanticDescription() { line += "  [\(f)]" }
            Output.line(line)
            for note in c.evidence.notes { Output.line("      \(note)") }
        }
        for w in r.warnings { Output.line(Output.t("ingest.warning", ["text": w])) }
    }
}

/// Number and size formatting, French style.
enum Format {
    static func integer(_ n: Int64) -> String {
        let s = String(n)
        var out = ""
        for (i, ch) in s.reversed().enumerated() {
            if i > 0 && i % 3 == 0 && ch != "-" { out.append("\u{202F}") }
            out.append(ch)
        }
        return String(out.reversed())
    }

    static func bytes(_ n: Int64) -> String {
        let d = Double(n)
        let kib = 1024.0
        if d >= kib * kib * kib { return String(format: "%.1f Gio", d / (kib * kib * kib)) }
        if d >= kib * kib { return String(format: "%.1f Mio", d / (kib * kib)) }
        if d >= kib { return String(format: "%.1f Kio", d / kib) }
        return "\(n) o"
    }

    static func delimiter(_ d: String?) -> String {
        switch d {
        case nil: return "-"
        case "\t": return "tab"
        case let x?: return "« \(x) »"
        }
    }
}
