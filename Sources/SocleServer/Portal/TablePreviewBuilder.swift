import Foundation
import Hummingbird
import SocleCore
import SocleStore
import SocleWeb

/// The table preview of a dataset page: a page of rows, sorted by one column when asked (the store
/// sorts, nulls last, ties in load order), whatever the size of the revision.
struct TablePreviewBuilder {
    let store: any SocleStore
    static let pageSize = 20

    func build(_ rev: Revision, query: Parameters) async throws -> TablePreview {
        let pageNumber = max(1, Int(query.get("page") ?? "") ?? 1)
        let offset = (pageNumber - 1) * Self.pageSize
        let columns = rev.columns
        let sortIndex = query.get("sort").flatMap { s in columns.firstIndex { $0.name == s } }
        let descending = query.get("order") == "desc"
        let applied = sortIndex.map { columns[$0].name }
        let rows = try await store.readRows(rev, limit: Self.pageSize, offset: offset,
                                            sort: applied.map { RowSort(column: $0, descending: descending) }).rows
        return TablePreview(
            columns: columns.map { PreviewColumn(name: $0.name, label: $0.label, type: $0.type) },
            rows: rows.map { $0.map(\.text) }, sort: applied, descending: applied != nil && descending,
            paging: Paging(page: pageNumber, pageSize: Self.pageSize, total: Int(rev.rowCount),
                           hasMore: Int64(offset + Self.pageSize) < rev.rowCount))
    }
}
