import Foundation
import SocleCore

/// Builds a `TableSchemaDocument` from parsed JSON, ignoring unknown members, and recognises the JSON
/// documents people give by mistake (JSON Schema, Data Package, Data Resource, GeoJSON).
enum TableSchemaParser {
    static func document(from json: JSONValue, sourceName: String) throws -> TableSchemaDocument {
        guard case .object(let root) = json else {
            throw IngestError.make("tableschema.not_object", file: sourceName, args: ["found": json.kindName])
        }
        guard let fieldsValue = root["fields"] else { throw identify(root, sourceName: sourceName) }
        guard case .array(let items) = fieldsValue else {
            throw schemaMember("fields", expected: "array", found: fieldsValue, sourceName)
        }
        guard !items.isEmpty else { throw IngestError.make("tableschema.fields_empty", file: sourceName) }
        var fields: [SchemaField] = []
        var seen: Set<String> = []
        for (index, item) in items.enumerated() {
            let field = try parseField(item, index: index + 1, sourceName: sourceName)
            guard seen.insert(field.name).inserted else {
                throw IngestError.make("tableschema.field_duplicate", file: sourceName, column: field.name,
                                       args: ["name": field.name])
            }
            fields.append(field)
        }
        var doc = TableSchemaDocument(fields: fields, sourceName: sourceName)
        doc.name = root["name"]?.stringValue
        doc.title = root["title"]?.stringValue
        doc.version = root["version"]?.stringValue
        if let mv = root["missingValues"] {
            doc.missingValues = try required(strings(mv), schemaMember("missingValues", expected: "array", found: mv, sourceName))
        }
        if let pk = root["primaryKey"] {
            let names: [String]
            if let one = pk.stringValue { names = [one] } else if let many = strings(pk) { names = many } else {
                throw schemaMember("primaryKey", expected: "array", found: pk, sourceName)
            }
            for name in names {
                guard let k = doc.fields.firstIndex(where: { $0.name == name }) else {
                    throw IngestError.make("tableschema.primary_key_unknown", file: sourceName,
                                           args: ["name": name, "fields": doc.fieldNames.joined(separator: ", ")])
                }
                // The spec makes primary key fields required.
                doc.fields[k].constraints.required = true
            }
            doc.primaryKey = names
        }
        return doc
    }

    // MARK: - Fields

    private static func parseField(_ item: JSONValue, index: Int, sourceName: String) throws -> SchemaField {
        guard case .object(let o) = item else {
            throw IngestError.make("tableschema.field_not_object", file: sourceName,
                                   args: ["index": String(index), "found": item.kindName])
        }
        guard let name = o["name"]?.stringValue, !name.isEmpty else {
            throw IngestError.make("tableschema.field_no_name", file: sourceName, args: ["index": String(index)])
        }
        func bad(_ member: String, _ expected: String, _ found: JSONValue) -> SocleError {
            IngestError.make("tableschema.member_kind", file: sourceName, column: name,
                             args: ["field": name, "member": member, "expected": expected, "found": found.kindName])
        }
        var type = FieldType.string
        if let t = o["type"] {
            guard let s = t.stringValue else { throw bad("type", "string", t) }
            guard let ft = FieldType(rawValue: s) else {
                throw IngestError.make("tableschema.field_bad_type", file: sourceName, column: name,
                                       args: ["field": name, "type": s,
                                              "allowed": FieldType.allCases.map(\.rawValue).joined(separator: ", ")])
            }
            type = ft
        }
        var field = SchemaField(name: name, type: type)
        field.title = o["title"]?.stringValue
        if let f = o["format"] {
            guard let s = f.stringValue else { throw bad("format", "string", f) }
            field.format = s.isEmpty ? "default" : s
        }
        if let v = o["trueValues"] { field.trueValues = try required(strings(v), bad("trueValues", "array", v)) }
        if let v = o["falseValues"] { field.falseValues = try required(strings(v), bad("falseValues", "array", v)) }
        if let v = o["missingValues"] { field.missingValues = try required(strings(v), bad("missingValues", "array", v)) }
        if let v = o["decimalChar"] { field.decimalChar = try required(v.stringValue, bad("decimalChar", "string", v)) }
        if let v = o["groupChar"] { field.groupChar = try required(v.stringValue, bad("groupChar", "string", v)) }
        if let v = o["bareNumber"] { field.bareNumber = try required(v.boolValue, bad("bareNumber", "boolean", v)) }
        if let c = o["constraints"] {
            guard case .object(let co) = c else { throw bad("constraints", "object", c) }
            field.constraints = try constraints(co, member: "constraints", bad: bad)
        }
        if type == .array, case .object(let item)? = o["arrayItem"] {
            if let t = item["type"]?.stringValue { field.arrayItemType = FieldType(rawValue: t) }
            if case .object(let co)? = item["constraints"] {
                field.arrayItemEnum = try constraints(co, member: "arrayItem.constraints", bad: bad).enumValues
            }
        }
        return field
    }

    private static func constraints(_ co: JSONObject, member: String,
                                     bad: (String, String, JSONValue) -> SocleError) throws -> FieldConstraints {
        var c = FieldConstraints()
        if let v = co["required"] { c.required = try required(v.boolValue, bad(member + ".required", "boolean", v)) }
        if let v = co["unique"] { c.unique = try required(v.boolValue, bad(member + ".unique", "boolean", v)) }
        if let v = co["pattern"] { c.pattern = try required(v.stringValue, bad(member + ".pattern", "string", v)) }
        if let v = co["enum"] {
            guard case .array(let items) = v else { throw bad(member + ".enum", "array", v) }
            c.enumValues = try items.compactMap { item -> ConstraintValue? in
                if case .null = item { return nil }
                return try required(literal(item), bad(member + ".enum", "string", item))
            }
        }
        for key in ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"] {
            guard let v = co[key] else { continue }
            let lit = try required(literal(v), bad(member + "." + key, "number", v))
            switch key {
            case "minimum": c.minimum = lit
            case "maximum": c.maximum = lit
            case "exclusiveMinimum": c.exclusiveMinimum = lit
            default: c.exclusiveMaximum = lit
            }
        }
        for key in ["minLength", "maxLength"] {
            guard let v = co[key] else { continue }
            guard let d = v.numberValue, d >= 0, d == d.rounded(), d < 1e15 else { throw bad(member + "." + key, "integer", v) }
            if key == "minLength" { c.minLength = Int(d) } else { c.maxLength = Int(d) }
        }
        return c
    }

    /// Unwraps a value or throws the given error (keeps the member-reading lines short).
    private static func required<T>(_ value: T?, _ error: @autoclosure () -> SocleError) throws -> T {
        guard let value else { throw error() }
        return value
    }

    private static func literal(_ v: JSONValue) -> ConstraintValue? {
        switch v {
        case .string(let s): return .string(s)
        case .number(_, let lexical): return .number(lexical)
        case .bool(let b): return .boolean(b)
        default: return nil
        }
    }

    /// The strings of a JSON array, nil when `v` is not an array of strings.
    private static func strings(_ v: JSONValue) -> [String]? {
        guard case .array(let items) = v else { return nil }
        var out: [String] = []
        for item in items {
            guard let s = item.stringValue else { return nil }
            out.append(s)
        }
        return out
    }

    private static func schemaMember(_ member: String, expected: String, found: JSONValue, _ sourceName: String) -> SocleError {
        IngestError.make("tableschema.schema_member_kind", file: sourceName,
                         args: ["member": member, "expected": expected, "found": found.kindName])
    }

    // MARK: - Other JSON documents

    /// Says what a JSON object without `fields` is, so the user knows which file to give instead.
    static func identify(_ root: JSONObject, sourceName: String) -> SocleError {
        let title = root["title"]?.stringValue ?? root["name"]?.stringValue ?? ""
        let schemaURI = root["$schema"]?.stringValue ?? ""
        if schemaURI.contains("json-schema.org") || root["definitions"] != nil || root["$defs"] != nil
            || (root["properties"] != nil && root["type"] != nil || root["properties"]?.objectValue != nil) {
            return IngestError.make("tableschema.is_json_schema", file: sourceName,
                                    args: ["draft": jsonSchemaDraft(schemaURI), "title": title])
        }
        if case .array(let resources)? = root["resources"] {
            let list = resources.compactMap { r -> String? in
                guard case .object(let o) = r else { return nil }
                let name = o["name"]?.stringValue ?? o["path"]?.stringValue ?? "?"
                if let path = o["schema"]?.stringValue { return "\(name) → \(path)" }
                return name
            }
            return IngestError.make("tableschema.is_data_package", file: sourceName,
                                    args: ["resources": list.joined(separator: ", ")])
        }
        if root["schema"] != nil, root["path"] != nil || root["data"] != nil {
            let where_ = root["schema"]?.stringValue ?? "schema"
            return IngestError.make("tableschema.is_data_resource", file: sourceName, args: ["schema": where_])
        }
        if let t = root["type"]?.stringValue, CellCaster.geoJSONTypes.contains(t) {
            return IngestError.make("tableschema.is_geojson", file: sourceName, args: ["type": t])
        }
        let keys = root.keys.prefix(8).joined(separator: ", ")
        return IngestError.make("tableschema.no_fields", file: sourceName, args: ["keys": keys.isEmpty ? "—" : keys])
    }

    /// "draft-07", "2020-12"… from a `$schema` URI; "" when unknown.
    private static func jsonSchemaDraft(_ uri: String) -> String {
        if let r = uri.range(of: #"draft-?\d+"#, options: .regularExpression) { return String(uri[r]) }
        if let r = uri.range(of: #"\d{4}-\d{2}"#, options: .regularExpression) { return String(uri[r]) }
        return "?"
    }
}
