/// A strict RFC 4180 reader for checking what the CSV writer produced.
enum CSVReader {
    struct Malformed: Error {}

    static func records(_ text: String, separator: Character = ",") throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var inQuotes = false
        var wasQuoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if inQuotes {
                if c == "\"" {
                    if chars.first == "\"" { chars.removeFirst(); field.append("\"") } else { inQuotes = false }
                } else {
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"":
                guard field.isEmpty, !wasQuoted else { throw Malformed() }
                inQuotes = true
                wasQuoted = true
            case separator:
                record.append(field); field = ""; wasQuoted = false
            case "\r\n":
                record.append(field); field = ""; wasQuoted = false
                records.append(record); record = []
            default:
                guard !wasQuoted else { throw Malformed() }
                field.append(c)
            }
        }
        guard !inQuotes, field.isEmpty, record.isEmpty else { throw Malformed() }
        return records
    }
}
