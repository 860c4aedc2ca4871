import Foundation
import Hummingbird
import SocleCore
import SocleStore
import SocleWeb

/// The table preview of a dataset page: a page of rows, sorted by one column when asked.
///
/// The store reads rows in load order only (sorted reads arrive with the query engine), so a sort is
/// done here, in memory, for revisions up to `sortableRows` rows; larger ones are shown in load order.
struct TablePreviewBuilder {
    let store: any SocleStore
    static let pageSize = 20
    static let sortableRows: Int64 = 20_000

    func build(_ rev: Revision, query: Parameters) async throws -> TablePreview {
        let pageNumber = max(1, Int(query.get("page") ?? "") ?? 1)
        let offset = (pageNumber - 1) * Self.pageSize
        let columns = rev.columns
        let sortIndex = query.get("sort").flatMap { s in columns.firstIndex { $0.name == s } }
        let descending = query.get("order") == "desc"
        var rows: [[CellValue]]
        var applied: String?
        if let i = sortIndex, rev.rowCount <= Self.sortableRows {
            let all = try await store.readRows(rev, limit: Int(rev.rowCount), offset: 0).rows
            let sorted = all.sorted { a, b in Self.less(a[i], b[i], descending: descending) }
            rows = Array(sorted.dropFirst(offset).prefix(Self.pageSize))
            applied = columns[i].name
        } else {
            rows = try await store.readRows(rev, limit: Self.pageSize, offset: offset).rows
        }
        return TablePreview(
            columns: columns.map { PreviewColumn(name: $0.name, label: $0.label, type: $0.type) },
            rows: rows.map { $0.map(\.text) }, sort: applied, descending: applied != nil && descending,
            paging: Paging(page: pageNumber, pageSize: Self.pageSize, total: Int(rev.rowCount),
                           hasMore: Int64(offset + Self.pageSize) < rev.rowCount))
    }

    /// Numbers as numbers, text in French order, nulls always last.
    static func less(_ a: CellValue, _ b: CellValue, descending: Bool) -> Bool {
        switch (a, b) {
        case (.null, .null): return false
        case (.null, _): return false
        case (_, .null): return true
        default: break
        }
        let ordered: Bool
        if let x = number(a), let y = number(b) {
            if x == y { return false }
            ordered = x < y
        } else {
            let r = (a.text ?? "").localizedStandardCompare(b.text ?? "")
            if r == .orderedSame { return false }
            ordered = r == .orderedAscending
        }
        return descending ? !ordered : ordered
    }

    static func number(_ v: CellValue) -> Double? {
        switch v {
        case .integer(let i): return Double(i)
        case .number(let d): return d
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }
}
