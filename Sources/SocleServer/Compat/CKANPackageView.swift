import Foundation
import SocleActions
import SocleCore

/// How Socle's catalog looks through CKAN's eyes: a dataset is a package with one DataStore resource
/// (its id is the dataset's slug, so `datastore_search` and the SQL endpoint name it the same way),
/// an organisation is a CKAN organization, an EU theme is a group, a licence is a CKAN licence id.
enum CKANPackageView {
    /// CKAN's DataStore type of a Socle column type (PostgreSQL names, as CKAN shows them).
    static func fieldType(_ t: ColumnType) -> String {
        switch t {
        case .integer: return "int"
        case .number: return "numeric"
        case .boolean: return "bool"
        case .date: return "date"
        case .datetime: return "timestamp"
        case .code, .text, .geopoint: return "text"
        case .geometry: return "json"
        }
    }

    /// CKAN licence ids (`odc-odbl` is CKAN's own id for the ODbL).
    static func licenceId(_ l: Licence) -> String {
        switch l {
        case .etalab2: return "etalab-2.0"
        case .odbl: return "odc-odbl"
        case .none: return "notspecified"
        }
    }

    static func licenceTitle(_ l: Licence) -> String {
        switch l {
        case .etalab2: return "Licence Ouverte / Open Licence version 2.0"
        case .odbl: return "Open Data Commons Open Database License (ODbL)"
        case .none: return "License not specified"
        }
    }

    static func licence(_ l: Licence) -> CompatJSON {
        .object([
            ("id", .string(licenceId(l))), ("title", .string(licenceTitle(l))), ("url", .string(l.url ?? "")),
            ("status", .string("active")), ("maintainer", .string(l == .etalab2 ? "Etalab" : l == .odbl ? "Open Data Commons" : "")),
            ("family", .string("")), ("od_conformance", .string(l == .none ? "not reviewed" : "approved")),
            ("osd_conformance", .string("not reviewed")), ("domain_content", .bool(false)), ("domain_data", .bool(l != .none)),
            ("domain_software", .bool(false)), ("is_generic", .bool(l == .none)), ("is_okd_compliant", .bool(l != .none)),
            ("is_osi_compliant", .bool(false)),
        ])
    }

    /// CKAN's timestamps: ISO 8601 without a zone, in UTC.
    static func timestamp(_ d: Date) -> String {
        let s = CompatURL.date(d)
        return s.hasSuffix("Z") ? String(s.dropLast()) : s
    }

    static func organization(_ o: Organisation, packageCount: Int?, created: Date? = nil) -> CompatJSON {
        var pairs: [(String, CompatJSON)] = [
            ("id", .string(o.slug)), ("name", .string(o.slug)), ("title", .string(o.name)), ("display_name", .string(o.name)),
            ("description", .string("")), ("image_url", .string("")), ("created", created.map { .string(timestamp($0)) } ?? .null),
            ("type", .string("organization")), ("is_organization", .bool(true)), ("state", .string("active")),
            ("approval_status", .string("approved")),
        ]
        if let packageCount { pairs.append(("package_count", .int(Int64(packageCount)))) }
        return .object(pairs)
    }

    /// A group per EU theme, named by its lower-case code (`tran`), titled in the reader's language.
    static func group(_ theme: String, language: Language, packageCount: Int?) -> CompatJSON {
        let title = Catalog.shared.template("web.theme.\(theme)", language: language) ?? theme
        var pairs: [(String, CompatJSON)] = [
            ("id", .string(theme.lowercased())), ("name", .string(theme.lowercased())), ("title", .string(title)),
            ("display_name", .string(title)), ("description", .string("")), ("image_display_url", .string("")),
            ("type", .string("group")), ("is_organization", .bool(false)), ("state", .string("active")),
        ]
        if let packageCount { pairs.append(("package_count", .int(Int64(packageCount)))) }
        return .object(pairs)
    }

    /// The dataset's one DataStore resource; its URL is the CSV dump.
    static func resource(_ g: ReadGrant, base: String) -> CompatJSON {
        let slug = g.dataset.slug
        return .object([
            ("id", .string(slug)), ("package_id", .string(slug)), ("name", .string(g.dataset.title)),
            ("description", .string(g.metadata.description)), ("format", .string("CSV")), ("mimetype", .string("text/csv")),
            ("url", .string("\(base)/datastore/dump/\(slug)")), ("url_type", .string("datastore")),
            ("datastore_active", .bool(true)), ("state", .string("active")), ("position", .int(0)),
            ("created", .string(timestamp(g.revision.createdAt))), ("last_modified", .string(timestamp(g.revision.createdAt))),
            ("size", .null), ("hash", .string(g.revision.source.sha256)), ("resource_type", .null),
        ])
    }

    static func tags(_ g: ReadGrant) -> CompatJSON {
        .array(g.metadata.keywords.map { k in
            .object([("id", .string(k)), ("name", .string(k)), ("display_name", .string(k)), ("state", .string("active")),
                     ("vocabulary_id", .null)])
        })
    }

    /// `package_show`'s answer for one readable dataset.
    static func package(_ g: ReadGrant, base: String, language: Language) -> CompatJSON {
        let m = g.metadata
        var extras: [(String, String)] = []
        if let f = m.frequency { extras.append(("frequency", f)) }
        if !m.spatial.isEmpty { extras.append(("spatial", m.spatial.joined(separator: ","))) }
        if let s = m.conformsTo { extras.append(("conforms_to", s)) }
        if let t = m.temporalStart { extras.append(("temporal_start", t)) }
        if let t = m.temporalEnd { extras.append(("temporal_end", t)) }
        return .object([
            ("id", .string(g.dataset.slug)), ("name", .string(g.dataset.slug)), ("title", .string(g.dataset.title)),
            ("type", .string("dataset")), ("state", .string("active")), ("private", .bool(m.accessLevel != .public)),
            ("notes", .string(m.description)), ("url", .string("\(base)/datasets/\(g.dataset.slug)")), ("version", .null),
            ("author", .null), ("author_email", .null), ("maintainer", .null), ("maintainer_email", .text(m.contactPoint)),
            ("license_id", .string(licenceId(m.licence))), ("license_title", .string(licenceTitle(m.licence))),
            ("license_url", .text(m.licence.url)), ("isopen", .bool(m.licence != .none)),
            ("metadata_created", .string(timestamp(g.dataset.createdAt))),
            ("metadata_modified", .string(timestamp(g.revision.createdAt))),
            ("owner_org", .string(g.organisation.slug)), ("organization", organization(g.organisation, packageCount: nil)),
            ("num_tags", .int(Int64(m.keywords.count))), ("tags", tags(g)),
            ("groups", .array(m.themes.map { group($0, language: language, packageCount: nil) })),
            ("extras", .array(extras.map { .object([("key", .string($0.0)), ("value", .string($0.1))]) })),
            ("num_resources", .int(1)), ("resources", .array([resource(g, base: base)])),
        ])
    }
}
