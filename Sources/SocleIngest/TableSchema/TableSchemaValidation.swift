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
    /// The fields present in the file, in schema order; rebuilt when labels change.
    private var active: [(rule: Int, column: Int, inKey: Bool, unique: Bool)] = []
    /// True when every primary key field is present.
    private var keyActive = false

    private let pkRules: [Int]
    private var pkSeen: [[CellValue]: Int] = [:]
    /// One index per `unique` field (nil for the others), by rule index.
    private var uniqueSeen: [UniqueIndex?]

    private var rowIssues: [ValidationIssue] = []
    private var rowErrorCount = 0
    private var rows = 0

    /// How `lines` of the batches are named in messages: file lines (CSV), records (JSON), sheet rows.
    private let lineWording: String

    /// Throws a `SocleError` when the schema declares something the validator cannot apply.
    /// `format` only changes the wording of locations ("ligne 4 du fichier", "enregistrement 4"…).
    public init(schema: TableSchemaDocument, maxErrors: Int = 1000, format: SourceFormat? = nil) throws {
        switch format {
        case .json?, .ndjson?, .geojson?: lineWording = ".record"
        case .xlsx?, .ods?, .xls?: lineWording = ".sheet"
        default: lineWording = ""
        }
        IngestError.registerCatalog()
        self.schema = schema
        self.maxErrors = max(0, maxErrors)
        self.language = .current
        var rules: [FieldRule] = []
        for field in schema.fields { rules.append(try FieldRule(field, schema: schema)) }
        self.rules = rules
        fieldColumn = Array(repeating: nil, count: rules.count)
        pkRules = schema.primaryKey.compactMap { name in schema.fields.firstIndex { $0.name == name } }
        // A single-field primary key already checks its field's uniqueness: report it once.
        let keyField = pkRules.count == 1 ? pkRules[0] : nil
        uniqueSeen = schema.fields.indices.map { k in
            schema.fields[k].constraints.unique && k != keyField ? UniqueIndex() : nil
        }
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
        keyActive = !pkRules.isEmpty && pkRules.allSatisfy { fieldColumn[$0] != nil }
        active = fieldColumn.enumerated().compactMap { k, c in
            c.map { (k, $0, keyActive && pkRules.contains(k), uniqueSeen[k] != nil) }
        }
    }

    /// Checks every row of a batch. Work goes field by field (a tight loop per column), then the primary
    /// key row by row; the batch's issues are put back in file order before being kept.
    public func check(_ batch: RawBatch) {
        let cols = batch.columnCount
        // A batch never has fewer field ends than rows × columns; if one did, its last rows are left out
        // rather than read out of bounds.
        let n = cols == 0 ? batch.rowCount : min(batch.rowCount, batch.ends.count / cols)
        guard n > 0 else { rows += batch.rowCount; return }
        let firstRow = rows  // rows before this batch
        let room = maxErrors - rowIssues.count
        var pending: [PendingIssue] = []
        var keyOK = keyActive ? [Bool](repeating: true, count: n) : []
        var keyValues = keyActive ? [[CellValue]](repeating: [], count: pkRules.count) : []
        batch.bytes.withUnsafeBufferPointer { bytes in
            batch.ends.withUnsafeBufferPointer { ends in
                for a in active {
                    let rule = rules[a.rule]
                    let keyPart = a.inKey ? pkRules.firstIndex(of: a.rule) : nil
                    if let keyPart { keyValues[keyPart] = [CellValue](repeating: .integer(0), count: n) }
                    var kept = 0
                    func issue(_ r: Int, _ v: Violation) {
                        rowErrorCount += 1
                        if kept < room {
                            kept += 1
                            pending.append(PendingIssue(row: r, order: a.rule, rule: a.rule, column: a.column, violation: v))
                        }
                    }
                    let inRange = a.column < cols
                    let keep = a.inKey || a.unique
                    for r in 0..<n {
                        var cell = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
                        if inRange {
                            let k = r * cols + a.column
                            cell = UnsafeBufferPointer(rebasing: bytes[(k == 0 ? 0 : ends[k - 1])..<ends[k]])
                        }
                        switch rule.check(cell, keep: keep) {
                        case .missing:
                            if keyPart != nil { keyOK[r] = false }
                            if rule.required { issue(r, FieldRule.requiredViolation) }
                        case .invalid(let violation):
                            if keyPart != nil { keyOK[r] = false }
                            issue(r, violation)
                        case .valid(let value):
                            if let keyPart { keyValues[keyPart][r] = value }
                            if a.unique, let first = uniqueSeen[a.rule]?.firstRow(of: value, recording: firstRow + r + 1) {
                                issue(r, Violation(constraint: "unique", key: "tableschema.cell.unique",
                                                   args: ["first": String(first)]))
                            }
                        }
                    }
                }
                if keyActive {
                    var kept = 0
                    var key: [CellValue] = []
                    for r in 0..<n where keyOK[r] {
                        key = keyValues.map { $0[r] }
                        if let first = pkSeen[key] {
                            rowErrorCount += 1
                            if kept < room {
                                kept += 1
                                pending.append(PendingIssue(row: r, order: Int.max, rule: nil, column: nil,
                                                            violation: nil, firstRow: first))
                            }
                        } else {
                            pkSeen[key] = firstRow + r + 1
                        }
                    }
                }
                rows += n
                guard !pending.isEmpty, room > 0 else { return }
                pending.sort { ($0.row, $0.order) < ($1.row, $1.order) }
                for p in pending.prefix(room) {
                    rowIssues.append(render(p, batch: batch, bytes: bytes, ends: ends, firstRow: firstRow))
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

    private func at(row: Int, line: Int?, field: String?) -> String {
        var args = ["row": String(row), "line": line.map(String.init) ?? "?"]
        if let field { args["field"] = field }
        return IssueText.string((field == nil ? "tableschema.at_row" : "tableschema.at_cell") + lineWording, args, language)
    }

    /// An issue found in a batch, rendered only if it makes it into the report.
    struct PendingIssue {
        var row: Int
        /// Schema position of the field; primary key issues come after the row's cell issues.
        var order: Int
        var rule: Int?
        var column: Int?
        var violation: Violation?
        var firstRow = 0
    }

    private func render(_ p: PendingIssue, batch: RawBatch, bytes: UnsafeBufferPointer<UInt8>,
                        ends: UnsafeBufferPointer<Int>, firstRow: Int) -> ValidationIssue {
        let row = firstRow + p.row + 1
        let line = p.row < batch.lines.count ? batch.lines[p.row] : nil
        func cellText(_ column: Int) -> String {
            guard column < batch.columnCount else { return "" }
            let k = p.row * batch.columnCount + column
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[(k == 0 ? 0 : ends[k - 1])..<ends[k]]), as: UTF8.self)
        }
        guard let ruleIndex = p.rule, let column = p.column, let v = p.violation else {
            let names = pkRules.map { schema.fields[$0].name }
            let value = pkRules.map { fieldColumn[$0].map(cellText) ?? "" }.joined(separator: ", ")
            let message = at(row: row, line: line, field: nil) + IssueText.string("tableschema.row.primaryKey",
                ["fields": names.joined(separator: ", "), "value": IssueText.display(value), "first": String(p.firstRow)], language)
            return ValidationIssue(row: row, field: names.joined(separator: ","), constraint: "primaryKey",
                                   value: value, message: message)
        }
        let field = rules[ruleIndex].field
        let cell = cellText(column)
        let raw = v.value ?? cell
        var args = v.args
        args["value"] = IssueText.display(raw)
        args["field"] = field.name
        if v.constraint == "type" { args["expected"] = IssueText.expected(field, language) }
        let message = at(row: row, line: line, field: field.name) + IssueText.string(v.key, args, language)
        return ValidationIssue(row: row, field: field.name, constraint: v.constraint,
                               value: cell.isEmpty ? nil : raw, message: message)
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
