import Foundation
import Hummingbird
import SocleActions
import SocleCore
import SocleWeb

/// The table preview of a dataset page: a page of rows, sorted by one column when asked (nulls last,
/// ties in load order), whatever the size of the revision. It reads through the read policy like
/// every other output: only the columns the reader may see.
struct TablePreviewBuilder {
    let reads: QueryService
    static let pageSize = 20

    func build(_ grant: ReadGrant, query: Parameters) async throws -> TablePreview {
        let pageNumber = min(max(1, Int(query.get("page") ?? "") ?? 1), 1_000_000)
        let offset = (pageNumber - 1) * Self.pageSize
        let columns = grant.columns
        let sortIndex = query.get("sort").flatMap { s in columns.firstIndex { $0.name == s } }
        let descending = query.get("order") == "desc"
        let applied = sortIndex.map { columns[$0].name }
        let page = try await reads.records(grant, RecordsRequest(
            orderBy: applied.map { "`\($0)`" + (descending ? " desc" : "") }, limit: Self.pageSize, offset: offset),
            includeTotal: false)
        let rev = grant.revision
        return TablePreview(
            columns: columns.map { c in
                var p = PreviewColumn(name: c.name, label: c.label, type: c.type)
                p.format = c.format
                return p
            },
            rows: page.rows.map { $0.dropFirst().map(\.text) }, sort: applied, descending: applied != nil && descending,
            paging: Paging(page: pageNumber, pageSize: Self.pageSize, total: Int(rev.rowCount),
                           hasMore: Int64(offset + Self.pageSize) < rev.rowCount))
    }
}
