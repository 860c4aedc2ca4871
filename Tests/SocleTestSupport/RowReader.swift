import Foundation
import SocleCore
import SocleQuery
import SocleStore

/// A page of a revision's rows in load order, `_row` left out: what the tests read back after a load.
public struct TestRowPage: Sendable {
    public var total: Int64
    public var columns: [ColumnSchema]
    public var rows: [[CellValue]]
}

extension SocleStore {
    /// Reads rows the way the product does (the query compiler, then the store), for assertions.
    public func readRows(_ revision: Revision, limit: Int, offset: Int) async throws -> TestRowPage {
        let compiled = try QueryCompiler(table: revision.tableName, schema: revision.columns)
            .compile(RecordsRequest(limit: limit, offset: offset), dialect: dialect)
        let types: [ColumnType?] = [.integer] + revision.columns.map { $0.type == .boolean ? .boolean : nil }
        let (rows, _) = try await self.rows(compiled.query, types: types)
        return TestRowPage(total: revision.rowCount, columns: revision.columns, rows: rows.map { Array($0.dropFirst()) })
    }
}
