import SocleCore
@testable import SocleQuery

/// A communes-like schema used by every test.
let communes: [ColumnSchema] = [
    ColumnSchema(name: "nom", label: "Nom", type: .text),
    ColumnSchema(name: "prenom", label: "Prénom", type: .text),
    ColumnSchema(name: "code_insee", label: "Code INSEE", type: .code),
    ColumnSchema(name: "population", label: "Population", type: .integer),
    ColumnSchema(name: "surface", label: "Surface", type: .number),
    ColumnSchema(name: "ouvert", label: "Ouvert", type: .boolean),
    ColumnSchema(name: "date_creation", label: "Date", type: .date),
    ColumnSchema(name: "maj", label: "Mise à jour", type: .datetime),
    ColumnSchema(name: "geo", label: "Position", type: .geopoint),
]

let compiler = QueryCompiler(table: "rev_1", schema: communes)

/// The error a request throws, or nil.
func failure(_ request: RecordsRequest, _ dialect: SQLDialect = .sqlite) -> SocleError? {
    do {
        _ = try compiler.compile(request, dialect: dialect)
        return nil
    } catch let e as SocleError {
        return e
    } catch {
        return SocleError(.internalError, code: "unexpected")
    }
}

/// The SQL after `WHERE` and before ` ORDER BY` of the page query, with its binds minus limit/offset.
func whereClause(_ filter: String, _ dialect: SQLDialect) throws -> (String, [SQLBind]) {
    let q = try compiler.compile(RecordsRequest(filter: filter), dialect: dialect).query
    let sql = q.sql
    guard let w = sql.range(of: " WHERE "), let o = sql.range(of: " ORDER BY ") else { return ("", []) }
    return (String(sql[w.upperBound..<o.lowerBound]), Array(q.binds.dropLast(2)))
}
