import Foundation
import SocleCore

/// Template data shared by several pages: dataset cards, pagers, form fields.
extension ViewContext {
    /// Mustache looks a missing key up in the enclosing contexts: an absent optional would pick up
    /// an outer value of the same name. Absent values are therefore written as `false`.
    func opt(_ value: Any?) -> Any { value ?? false }

    /// A dataset in a listing.
    func summary(_ d: DatasetSummary, showStatus: Bool) -> [String: Any] {
        var v: [String: Any] = [
            "href": PortalPaths.dataset(d.slug),
            "title": d.title,
            "description": excerpt(d.description),
            "hasDescription": !d.description.isEmpty,
            "organisation": d.organisationName,
            "organisationHref": PortalPaths.organisation(d.organisationSlug),
            "themes": d.themes.map(theme),
            "licence": licence(d.licence),
            "status": status(d.status),
            "statusCode": d.status.rawValue,
            "showStatus": showStatus,
            "classification": classification(d.classification),
        ]
        if let rows = d.rowCount { v["rows"] = s("common.rows", ["count": number(rows)]) }
        else { v["rows"] = s("common.not_loaded") }
        v["updated"] = opt(dateValue(d.updatedAt))
        return v
    }

    /// The first ~240 characters of a description, cut at a word.
    func excerpt(_ text: String, limit: Int = 240) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + "…"
    }

    /// A pager: previous/next and a window of page numbers; `href(n)` builds page n's link.
    func pager(_ p: Paging, href: (Int) -> String) -> [String: Any] {
        let last = p.total.map { max(1, ($0 + p.pageSize - 1) / p.pageSize) } ?? (p.hasMore ? p.page + 1 : p.page)
        var pages: [[String: Any]] = []
        var previous = 0
        for n in 1...max(1, last) where n == 1 || n == last || abs(n - p.page) <= 2 {
            if n - previous > 1 { pages.append(["gap": true, "current": false]) }
            pages.append(["gap": false, "href": href(n), "number": String(n), "current": n == p.page,
                          "label": s("pager.page_n", ["n": String(n)])])
            previous = n
        }
        var v: [String: Any] = [
            "show": last > 1,
            "pages": p.total == nil ? [] : pages,
            "status": p.total == nil ? s("pager.page_n", ["n": String(p.page)])
                                     : s("pager.page_of", ["n": String(p.page), "total": String(last)]),
        ]
        v["prev"] = p.page > 1 ? href(p.page - 1) : false
        v["next"] = p.page < last ? href(p.page + 1) : false
        return v
    }

    /// A text field: id, name, value, error; `label` from `web.<labelKey>`.
    func field(_ name: String, label: String, value: String?, errors: [String: String], hint: String? = nil,
               required: Bool = false, type: String = "text", idPrefix: String = "f") -> [String: Any] {
        var v: [String: Any] = ["id": idPrefix + "-" + name, "name": name, "label": label, "value": value ?? "",
                                "required": required, "type": type, "isInput": true, "isSelect": false,
                                "isTextarea": false, "isChecks": false, "options": [Any]()]
        v["error"] = opt(errors[name])
        v["hint"] = opt(hint)
        let describedBy = [errors[name] != nil ? idPrefix + "-" + name + "-error" : nil,
                           hint != nil ? idPrefix + "-" + name + "-hint" : nil].compactMap { $0 }
        v["describedBy"] = describedBy.isEmpty ? false : describedBy.joined(separator: " ")
        return v
    }

    /// A select field with options.
    func select(_ name: String, label: String, options pairs: [(String, String)], selected: String?,
                errors: [String: String], emptyLabel: String? = nil, idPrefix: String = "f") -> [String: Any] {
        var all = pairs
        if let emptyLabel { all.insert(("", emptyLabel), at: 0) }
        var v = field(name, label: label, value: selected, errors: errors, idPrefix: idPrefix)
        v["options"] = options(all, selected: selected ?? "")
        v["isInput"] = false
        v["isSelect"] = true
        return v
    }

    /// A multi-line text field.
    func textarea(_ name: String, label: String, value: String, errors: [String: String], hint: String? = nil,
                  idPrefix: String = "f") -> [String: Any] {
        var v = field(name, label: label, value: value, errors: errors, hint: hint, idPrefix: idPrefix)
        v["isInput"] = false
        v["isTextarea"] = true
        return v
    }

    /// A group of checkboxes sharing one name (repeated in the form body), in a fieldset.
    func checkboxes(_ name: String, label: String, options pairs: [(String, String)], checked: Set<String>,
                    errors: [String: String], idPrefix: String = "f") -> [String: Any] {
        var v = field(name, label: label, value: nil, errors: errors, idPrefix: idPrefix)
        v["isInput"] = false
        v["isChecks"] = true
        v["options"] = pairs.enumerated().map { i, pair -> [String: Any] in
            ["id": idPrefix + "-" + name + "-" + String(i), "value": pair.0, "label": pair.1, "checked": checked.contains(pair.0)]
        }
        return v
    }
}
