/// Accumulates bound values while SQL text is rendered, numbering placeholders for the dialect.
struct SQLBuilder {
    let dialect: SQLDialect
    private(set) var binds: [SQLBind] = []

    init(_ dialect: SQLDialect) { self.dialect = dialect }

    /// Binds a value and returns its placeholder.
    mutating func bind(_ value: SQLBind) -> String {
        binds.append(value)
        return dialect.placeholder(binds.count)
    }

    /// Binds a small integer used as a function argument (`substr` length): cast in PostgreSQL, whose
    /// drivers may declare the parameter as bigint where `substr` wants integer.
    mutating func bindLength(_ n: Int) -> String {
        let p = bind(.integer(Int64(n)))
        return dialect == .postgres ? "CAST(\(p) AS integer)" : p
    }

    func quote(_ identifier: String) -> String { dialect.quote(identifier) }
}
