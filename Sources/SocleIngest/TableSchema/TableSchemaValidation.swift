import Foundation
import SocleCore

/// Streaming validation of one table against a Table Schema: give it the header labels (again whenever
/// they grow, as JSON readers may), then every batch of rows, then `finish()`. Memory is bounded by the
/// distinct values of `unique` fields and primary keys, plus `maxErrors` rendered issues.
public final class TableSchemaValidation {
    private let schema: TableSchemaDocument
    private let rules: [FieldRule]
    private let maxErrors: Int
    private let language: Language

    /// Column index of each field, once its label is seen.
    private var fieldColumn: [Int?]
    private var labelsSeen = 0
    private var extraLabels: [(label: String, position: Int)] = []
    private var duplicateLabels: [(field: Int, position: Int)] = []
    private var blankLabels: [Int] = []
    /// (rule index, column) of the fields present, in schema order; rebuilt when labels change.
    private var active: [(rule: Int, column: Int)] = []

    private let pkRules: [Int]
    private var pkSeen: [[CellValue]: Int] = [:]
    private var uniqueSeen: [Int: [CellValue: Int]] = [:]
    /// Fields whose uniqueness the primary key already checks (single-field key).
    private let uniqueByKey: Int?

    private var rowIssues: [ValidationIssue] = []
    private var rowErrorCount = 0
    private var rows = 0

    /// Throws a `SocleError` when the schema declares something the validator cannot apply.
    public init(schema: TableSchemaDocument, maxErrors: Int = 1000) throws {
        IngestError.registerCatalog()
        self.schema = schema
        self.maxErrors = max(0, maxErrors)
        self.language = .current
        var rules: [FieldRule] = []
        for field in schema.fields { rules.append(try FieldRule(field, schema: schema)) }
        self.rules = rules
        fieldColumn = Array(repeating: nil, count: rules.count)
        pkRules = schema.primaryKey.compactMap { name in schema.fields.firstIndex { $0.name == name } }
        uniqueByKey = pkRules.count == 1 ? pkRules[0] : nil
        for (k, f) in schema.fields.enumerated() where f.constraints.unique && k != uniqueByKey { uniqueSeen[k] = [:] }
    }

    /// Maps new labels to fields (exact, case-sensitive names; order does not matter).
    public func updateLabels(_ labels: [String]) {
        guard labels.count > labelsSeen else { return }
        for position in labelsSeen..<labels.count {
            let label = labels[position]
            if let f = schema.fields.firstIndex(where: { $0.name == label }) {
                if fieldColumn[f] == nil { fieldColumn[f] = position } else { duplicateLabels.append((f, position)) }
            } else if label.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                blankLabels.append(position)
            } else {
                extraLabels.append((label, position))
            }
        }
        labelsSeen = labels.count
        active = fieldColumn.enumerated().compactMap { k, c in c.map { (k, $0) } }
    }

    /// Checks every row of a batch.
    public func check(_ batch: RawBatch) {
        let cols = batch.columnCount
        let pkActive = !pkRules.isEmpty && pkRules.allSatisfy { fieldColumn[$0] != nil }
        var pkParts: [CellValue] = []
        batch.bytes.withUnsafeBufferPointer { bytes in
            batch.ends.withUnsafeBufferPointer { ends in
                for r in 0..<batch.rowCount {
                    rows += 1
                    let line = r < batch.lines.count ? batch.lines[r] : nil
                    pkParts.removeAll(keepingCapacity: true)
                    var pkComplete = pkActive
                    for a in active {
                        let rule = rules[a.rule]
                        var cell = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
                        if a.column < cols {
                            let k = r * cols + a.column
                            let lo = k == 0 ? 0 : ends[k - 1]
                            cell = UnsafeBufferPointer(rebasing: bytes[lo..<ends[k]])
                        }
                        let inKey = pkActive && pkRules.contains(a.rule)
                        let isUnique = uniqueSeen[a.rule] != nil
                        switch rule.check(cell, keep: inKey || isUnique) {
                        case .missing:
                            if inKey { pkComplete = false }
                            if rule.required {
                                cellIssue(line: line, rule: rule, cell: cell,
                                          Violation(constraint: "required", key: "tableschema.cell.required", args: [:]))
                            }
                        case .invalid(let violation):
                            if inKey { pkComplete = false }
                            cellIssue(line: line, rule: rule, cell: cell, violation)
                        case .valid(let value):
                            if inKey { pkParts.append(value) }
                            if isUnique {
                                if let first = uniqueSeen[a.rule]?.updateValue(rows, forKey: value) {
                                    uniqueSeen[a.rule]?[value] = first
                                    cellIssue(line: line, rule: rule, cell: cell,
                                              Violation(constraint: "unique", key: "tableschema.cell.unique",
                                                        args: ["first": String(first)]))
                                }
                            }
                        }
                    }
                    if pkComplete, pkParts.count == pkRules.count {
                        // Parts come in schema order; the key is compared as a whole.
                        if let first = pkSeen.updateValue(rows, forKey: pkParts) {
                            pkSeen[pkParts] = first
                            keyIssue(line: line, first: first, bytes: bytes, ends: ends, row: r, cols: cols)
                        }
                    }
                }
            }
        }
    }

    /// Records that the source could not be read to the end.
    public func sourceError(_ error: SocleError) {
        record(ValidationIssue(row: error.location?.row, field: error.location?.column, constraint: "source-error",
                               value: nil, message: error.message(language)))
    }

    /// The report: header errors first, then row errors, at most `maxErrors` listed.
    public func finish() -> ValidationReport {
        let (headerErrors, warnings) = headerIssues()
        let all = headerErrors + rowIssues
        let total = headerErrors.count + rowErrorCount
        return ValidationReport(valid: total == 0, errors: Array(all.prefix(maxErrors)), warnings: warnings,
                                errorCount: total, rowCount: rows)
    }

    // MARK: - Issues

    private func record(_ issue: @autoclosure () -> ValidationIssue) {
        rowErrorCount += 1
        if rowIssues.count < maxErrors { rowIssues.append(issue()) }
    }

    private func at(line: Int?, field: String?) -> String {
        var args = ["row": String(rows), "line": line.map(String.init) ?? "?"]
        if let field { args["field"] = field }
        return IssueText.string(field == nil ? "tableschema.at_row" : "tableschema.at_cell", args, language)
    }

    private func cellIssue(line: Int?, rule: FieldRule, cell: UnsafeBufferPointer<UInt8>, _ v: Violation) {
        rowErrorCount += 1
        guard rowIssues.count < maxErrors else { return }
        let raw = v.value ?? String(decoding: cell, as: UTF8.self)
        var args = v.args
        args["value"] = IssueText.display(raw)
        args["field"] = rule.field.name
        if v.constraint == "type" { args["expected"] = IssueText.expected(rule.field, language) }
        let message = at(line: line, field: rule.field.name) + IssueText.string(v.key, args, language)
        rowIssues.append(ValidationIssue(row: rows, field: rule.field.name, constraint: v.constraint,
                                         value: cell.isEmpty ? nil : raw, message: message))
    }

    private func keyIssue(line: Int?, first: Int, bytes: UnsafeBufferPointer<UInt8>, ends: UnsafeBufferPointer<Int>,
                          row r: Int, cols: Int) {
        rowErrorCount += 1
        guard rowIssues.count < maxErrors else { return }
        let parts = pkRules.map { f -> String in
            guard let c = fieldColumn[f], c < cols else { return "" }
            let k = r * cols + c
            let lo = k == 0 ? 0 : ends[k - 1]
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[lo..<ends[k]]), as: UTF8.self)
        }
        let value = parts.joined(separator: ", ")
        let names = pkRules.map { schema.fields[$0].name }
        let message = at(line: line, field: nil) + IssueText.string("tableschema.row.primaryKey",
            ["fields": names.joined(separator: ", "), "value": IssueText.display(value), "first": String(first)], language)
        rowIssues.append(ValidationIssue(row: rows, field: names.joined(separator: ","), constraint: "primaryKey",
                                         value: value, message: message))
    }

    private func headerIssues() -> (errors: [ValidationIssue], warnings: [ValidationIssue]) {
        var errors: [ValidationIssue] = []
        var warnings: [ValidationIssue] = []
        let missing = schema.fields.indices.filter { fieldColumn[$0] == nil }
        let missingNames = missing.map { schema.fields[$0].name }
        let extraNames = extraLabels.map(\.label)
        let schemaName = schema.sourceName
        for f in missing {
            let field = schema.fields[f]
            var args = ["field": field.name, "schema": schemaName]
            var key = field.constraints.required ? "tableschema.header.missing_required" : "tableschema.header.missing_optional"
            if let similar = LabelSimilarity.closest(to: field.name, in: extraNames) {
                args["similar"] = similar
                key += "_similar"
            }
            let issue = ValidationIssue(row: nil, field: field.name, constraint: "missing-label", value: nil,
                                        message: IssueText.string(key, args, language))
            if field.constraints.required { errors.append(issue) } else { warnings.append(issue) }
        }
        for (label, position) in extraLabels {
            var args = ["label": IssueText.display(label), "position": String(position + 1), "schema": schemaName]
            var key = "tableschema.header.extra"
            if let similar = LabelSimilarity.closest(to: label, in: missingNames) {
                args["similar"] = similar
                key += "_similar"
            } else if !missingNames.isEmpty, missingNames.count <= 6 {
                args["missing"] = missingNames.map { "« \($0) »" }.joined(separator: ", ")
                key += "_missing"
            }
            errors.append(ValidationIssue(row: nil, field: label, constraint: "extra-label", value: label,
                                          message: IssueText.string(key, args, language)))
        }
        for (f, position) in duplicateLabels {
            let name = schema.fields[f].name
            errors.append(ValidationIssue(row: nil, field: name, constraint: "duplicate-label", value: name,
                message: IssueText.string("tableschema.header.duplicate",
                    ["label": name, "position": String(position + 1),
                     "first": String((fieldColumn[f] ?? 0) + 1)], language)))
        }
        for position in blankLabels {
            errors.append(ValidationIssue(row: nil, field: nil, constraint: "blank-label", value: nil,
                message: IssueText.string("tableschema.header.blank", ["position": String(position + 1)], language)))
        }
        return (errors, warnings)
    }
}
