import Foundation
import SocleCore

/// The dataset page's « Schéma suggéré » panel (members): which bundled schema the current revision's
/// columns follow, how well, and — when asked — the result of validating the stored rows against it.
public struct SchemaPanel: Sendable {
    public struct Rename: Sendable {
        public var column: String
        public var field: String
        /// `fold`, `alias` or `close` (see `SchemaMatcher`).
        public var how: String
        public init(column: String, field: String, how: String) {
            self.column = column
            self.field = field
            self.how = how
        }
    }

    /// One validation error, located.
    public struct Issue: Sendable {
        public var row: Int?
        public var field: String?
        public var constraint: String
        public var message: String
        public init(row: Int?, field: String?, constraint: String, message: String) {
            self.row = row
            self.field = field
            self.constraint = constraint
            self.message = message
        }
    }

    /// The outcome of « Valider contre ce schéma ».
    public struct Validation: Sendable {
        public var valid: Bool
        public var errorCount: Int
        public var rowCount: Int
        public var issues: [Issue]
        public init(valid: Bool, errorCount: Int, rowCount: Int, issues: [Issue]) {
            self.valid = valid
            self.errorCount = errorCount
            self.rowCount = rowCount
            self.issues = issues
        }
    }

    public var name: String
    public var title: String
    public var version: String?
    public var found: Int
    public var fields: Int
    public var renamed: [Rename]
    public var missingRequired: [String]
    public var missingOptional: [String]
    public var extra: [String]
    /// Fields claimed by several columns: applying the names is refused.
    public var ambiguous: [String]
    public var canApply: Bool
    public var validation: Validation?

    public init(name: String, title: String, version: String?, found: Int, fields: Int, renamed: [Rename],
                missingRequired: [String], missingOptional: [String], extra: [String], ambiguous: [String],
                canApply: Bool, validation: Validation? = nil) {
        self.name = name
        self.title = title
        self.version = version
        self.found = found
        self.fields = fields
        self.renamed = renamed
        self.missingRequired = missingRequired
        self.missingOptional = missingOptional
        self.extra = extra
        self.ambiguous = ambiguous
        self.canApply = canApply
        self.validation = validation
    }

    func data(slug: String, _ ctx: ViewContext) -> [String: Any] {
        let list: ([String]) -> String = { $0.isEmpty ? ctx.s("schema.none") : $0.joined(separator: ", ") }
        var d: [String: Any] = [
            "heading": ctx.s("schema.heading"),
            "summary": ctx.s("schema.summary", ["title": title, "name": name, "version": version ?? "—",
                                                "found": String(found), "fields": String(fields)]),
            "renamedLabel": ctx.s("schema.renamed"),
            "renamed": renamed.map { ["text": ctx.s("schema.rename." + $0.how, ["column": $0.column, "field": $0.field])] },
            "hasRenamed": !renamed.isEmpty,
            "missingRequired": ctx.s("schema.missing_required", ["list": list(missingRequired)]),
            "missingOptional": ctx.s("schema.missing_optional", ["list": list(missingOptional)]),
            "extra": ctx.s("schema.extra", ["list": list(extra)]),
            "validateHref": PortalPaths.dataset(slug) + "?valider-schema=1#schema-heading",
            "validateLabel": ctx.s("schema.validate"),
            "applyAction": canApply && ambiguous.isEmpty && !renamed.isEmpty ? PortalPaths.dataset(slug) + "/apply-schema" : false,
            "applyLabel": ctx.s("schema.apply"),
            "applyHint": ctx.s("schema.apply_hint"),
            "ambiguous": ambiguous.isEmpty ? false : ctx.s("schema.ambiguous", ["list": ambiguous.joined(separator: ", ")]),
        ]
        if let v = validation {
            d["validation"] = [
                "valid": v.valid,
                "result": v.valid ? ctx.s("schema.valid", ["rows": ctx.number(v.rowCount)])
                    : ctx.s("schema.invalid", ["count": ctx.number(v.errorCount), "rows": ctx.number(v.rowCount)]),
                "caption": ctx.s("schema.errors_caption"),
                "rowLabel": ctx.s("schema.col_row"), "fieldLabel": ctx.s("schema.col_field"),
                "constraintLabel": ctx.s("schema.col_constraint"), "messageLabel": ctx.s("schema.col_message"),
                "issues": v.issues.map { i in
                    ["row": i.row.map { ctx.number($0) } ?? "—", "field": i.field ?? "—", "constraint": i.constraint, "message": i.message]
                },
                "hasIssues": !v.issues.isEmpty,
            ] as [String: Any]
        } else {
            d["validation"] = false
        }
        return d
    }
}
