import Foundation
import Hummingbird
import SocleCore
import SocleStore

/// Streams a revision as CSV (RFC 4180, UTF-8, comma, header of column names), page by page, so that
/// a million-row download never sits in memory.
enum CSVWriter {
    static let pageSize = 5_000

    static func body(store: any SocleStore, revision: Revision) -> ResponseBody {
        ResponseBody { writer in
            var header = ByteBuffer()
            header.writeString(revision.columns.map { field($0.name) }.joined(separator: ",") + "\r\n")
            try await writer.write(header)
            var offset = 0
            while true {
                let page = try await store.readRows(revision, limit: pageSize, offset: offset)
                if page.rows.isEmpty { break }
                var buffer = ByteBuffer()
                for row in page.rows {
                    buffer.writeString(row.map { $0.text.map(field) ?? "" }.joined(separator: ",") + "\r\n")
                }
                try await writer.write(buffer)
                offset += page.rows.count
                if page.rows.count < pageSize { break }
            }
            try await writer.finish(nil)
        }
    }

    /// Quotes a field when it holds a comma, a quote or a line break (quotes doubled).
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func response(store: any SocleStore, revision: Revision, slug: String) -> Response {
        Response(status: .ok, headers: [
            .contentType: "text/csv; charset=utf-8",
            .contentDisposition: "attachment; filename=\"\(slug)-r\(revision.number).csv\"",
        ], body: body(store: store, revision: revision))
    }
}
