import Foundation
import SocleCore

/// A failed check on one cell: the constraint's name, the catalog key of the explanation and its arguments.
struct Violation {
    var constraint: String
    var key: String
    var args: [String: String]
    /// The offending part when it is not the whole cell (an item of a JSON array).
    var value: String?
}

/// One schema field compiled for validation: its caster, its constraint values already cast to the
/// field's type, its pattern matcher. Building it reports schema mistakes (bad pattern, enum value of
/// the wrong type) as located errors.
final class FieldRule {
    enum Outcome {
        case missing
        case valid(CellValue)
        case invalid(Violation)
    }

    let field: SchemaField
    let caster: CellCaster
    let required: Bool
    let pattern: PatternMatcher?
    /// Allowed values: lexical ones compared on bytes, typed ones through `CellValue`.
    private let enumBytes: [[UInt8]]?
    private let enumValues: Set<CellValue>?
    private let enumText: String
    private let bounds: [(constraint: String, limit: CellValue, text: String)]
    private let minLength: Int?
    private let maxLength: Int?
    private let itemEnum: Set<String>?
    private let missing: [[UInt8]]
    /// True when the checks themselves need the cell's value (enum on typed fields, bounds).
    private let needsValue: Bool

    init(_ field: SchemaField, schema: TableSchemaDocument) throws(SocleError) {
        self.field = field
        let file = schema.sourceName
        do {
            caster = try CellCaster(field)
        } catch {
            throw IngestError.make("tableschema.bad_format", file: file, column: field.name,
                                   args: ["field": field.name, "format": error.format, "type": field.type.rawValue])
        }
        let c = field.constraints
        required = c.required
        if let p = c.pattern {
            do {
                pattern = try PatternMatcher(p)
            } catch {
                throw IngestError.make("tableschema.bad_pattern", file: file, column: field.name,
                                       args: ["field": field.name, "pattern": p])
            }
        } else {
            pattern = nil
        }
        let caster = self.caster
        func cast(_ literal: ConstraintValue, _ constraint: String) throws(SocleError) -> CellValue {
            if let v = FieldRule.castLiteral(literal, caster: caster, type: field.type) { return v }
            throw IngestError.make("tableschema.bad_constraint_value", file: file, column: field.name,
                                   args: ["field": field.name, "constraint": constraint,
                                          "value": literal.description, "type": field.type.rawValue])
        }
        let lexical = field.type == .string || field.type == .any
        if let values = c.enumValues {
            enumText = values.map { "« \($0.description) »" }.joined(separator: ", ")
            if lexical {
                enumBytes = values.map { Array($0.description.utf8) }
                enumValues = nil
            } else {
                var set: Set<CellValue> = []
                for v in values { set.insert(try cast(v, "enum")) }
                enumValues = set
                enumBytes = nil
            }
        } else {
            enumText = ""
            enumBytes = nil
            enumValues = nil
        }
        var bounds: [(String, CellValue, String)] = []
        for (name, literal) in [("minimum", c.minimum), ("maximum", c.maximum),
                                ("exclusiveMinimum", c.exclusiveMinimum), ("exclusiveMaximum", c.exclusiveMaximum)] {
            if let literal { bounds.append((name, try cast(literal, name), literal.description)) }
        }
        self.bounds = bounds
        minLength = c.minLength
        maxLength = c.maxLength
        itemEnum = field.arrayItemEnum.map { Set($0.map(\.description)) }
        missing = (field.missingValues ?? schema.missingValues).filter { !$0.isEmpty }.map { Array($0.utf8) }
        needsValue = enumValues != nil || !bounds.isEmpty
    }

    /// Casts a constraint literal: JSON numbers and booleans directly, strings with the field's rules.
    static func castLiteral(_ literal: ConstraintValue, caster: CellCaster, type: FieldType) -> CellValue? {
        switch literal {
        case .boolean(let b):
            return type == .boolean ? .boolean(b) : nil
        case .number(let s):
            var bytes = Array(s.utf8)
            let plain = NumberLexer(decimal: ".", group: "", bare: true)
            return bytes.withUnsafeMutableBufferPointer { m -> CellValue? in
                let b = UnsafeBufferPointer(m)
                switch type {
                case .integer:
                    // A JSON number bound such as 0.5 on an integer field still orders integers correctly.
                    return plain.integer(b) ?? plain.number(b)
                case .number: return plain.number(b)
                case .year: return caster.cast(b, keep: true)
                default:
                    // Numeric bounds on string lengths or dates are schema mistakes.
                    return type == .string || type == .any ? .text(Array(b)) : nil
                }
            }
        case .string(let s):
            var bytes = Array(s.utf8)
            return bytes.withUnsafeMutableBufferPointer { caster.cast(UnsafeBufferPointer($0), keep: true) }
        }
    }

    /// Whether the cell is a missing value (empty, or one of the schema's `missingValues`).
    @inline(__always) func isMissing(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
        if v.isEmpty { return true }
        if missing.isEmpty { return false }
        for m in missing where m.count == v.count && m.elementsEqual(v) { return true }
        return false
    }

    /// Checks one cell. `keep` asks for the value even when the checks do not need it (uniqueness).
    func check(_ v: UnsafeBufferPointer<UInt8>, keep: Bool) -> Outcome {
        if isMissing(v) { return .missing }
        guard let value = caster.cast(v, keep: keep || needsValue) else {
            return .invalid(Violation(constraint: "type", key: "tableschema.cell.type", args: [:]))
        }
        if let enumBytes {
            var found = false
            for e in enumBytes where e.count == v.count && e.elementsEqual(v) { found = true; break }
            if !found { return .invalid(enumViolation()) }
        } else if let enumValues, !enumValues.contains(value) {
            return .invalid(enumViolation())
        }
        if let pattern, !pattern.matches(v) {
            return .invalid(Violation(constraint: "pattern", key: "tableschema.cell.pattern", args: ["pattern": pattern.source]))
        }
        if minLength != nil || maxLength != nil, let violation = lengthViolation(v) { return .invalid(violation) }
        for b in bounds {
            guard let order = CellValue.compare(value, b.limit) else { continue }
            let failed: Bool
            switch b.constraint {
            case "minimum": failed = order < 0
            case "maximum": failed = order > 0
            case "exclusiveMinimum": failed = order <= 0
            default: failed = order >= 0
            }
            if failed {
                return .invalid(Violation(constraint: b.constraint, key: "tableschema.cell." + b.constraint, args: ["limit": b.text]))
            }
        }
        if let itemEnum, let bad = firstItemOutside(itemEnum, v) {
            return .invalid(Violation(constraint: "enum", key: "tableschema.cell.item_enum",
                                      args: ["item": bad, "allowed": itemEnum.sorted().map { "« \($0) »" }.joined(separator: ", ")],
                                      value: nil))
        }
        return .valid(value)
    }

    static let requiredViolation = Violation(constraint: "required", key: "tableschema.cell.required", args: [:])

    private func enumViolation() -> Violation {
        Violation(constraint: "enum", key: "tableschema.cell.enum", args: ["allowed": enumText])
    }

    private func lengthViolation(_ v: UnsafeBufferPointer<UInt8>) -> Violation? {
        let length: Int
        switch field.type {
        case .array, .object:
            switch try? JSONParser.parse(v) {
            case .array(let a)?: length = a.count
            case .object(let o)?: length = o.count
            default: return nil
            }
        default:
            // Characters as Python counts them (Unicode scalars), not bytes.
            length = v.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        }
        if let lo = minLength, length < lo {
            return Violation(constraint: "minLength", key: "tableschema.cell.minLength",
                             args: ["limit": String(lo), "length": String(length)])
        }
        if let hi = maxLength, length > hi {
            return Violation(constraint: "maxLength", key: "tableschema.cell.maxLength",
                             args: ["limit": String(hi), "length": String(length)])
        }
        return nil
    }

    private func firstItemOutside(_ allowed: Set<String>, _ v: UnsafeBufferPointer<UInt8>) -> String? {
        guard case .array(let items)? = try? JSONParser.parse(v) else { return nil }
        for item in items {
            let text: String
            switch item {
            case .string(let s): text = s
            case .number(_, let lexical): text = lexical
            case .bool(let b): text = b ? "true" : "false"
            default: continue
            }
            if !allowed.contains(text) { return text }
        }
        return nil
    }
}
