import Foundation

/// Small structural checks on rendered HTML (no parser: the pages are our own, regular markup).
enum HTMLChecks {
    /// Every value of an attribute in the page.
    static func attributeValues(_ html: String, _ name: String) -> [String] {
        let regex = try! Regex("\\s\(name)=\"([^\"]*)\"")
        return html.matches(of: regex).compactMap { $0.output[1].substring.map(String.init) }
    }

    /// Every opening tag of an element, as text.
    static func tags(_ html: String, _ element: String) -> [String] {
        let regex = try! Regex("<\(element)(\\s[^>]*)?>")
        return html.matches(of: regex).map { String(html[$0.range]) }
    }

    /// The value of an attribute in one tag.
    static func attribute(_ tag: String, _ name: String) -> String? {
        let regex = try! Regex("\\s\(name)=\"([^\"]*)\"")
        return tag.firstMatch(of: regex)?.output[1].substring.map(String.init)
    }

    /// The text of every POST form, from `<form` to `</form>`.
    static func postForms(_ html: String) -> [String] {
        let regex = try! Regex("<form[^>]*method=\"post\"[^>]*>[\\s\\S]*?</form>")
        return html.matches(of: regex).map { String(html[$0.range]) }
    }

    /// Controls that need a label: inputs other than hidden/submit/button, selects, textareas.
    static func labelledControls(_ html: String) -> [String] {
        let inputs = tags(html, "input").filter {
            let type = attribute($0, "type") ?? "text"
            return !["hidden", "submit", "button"].contains(type)
        }
        return inputs + tags(html, "select") + tags(html, "textarea")
    }

    /// Absolute http(s) URLs anywhere in the page.
    static func absoluteURLs(_ html: String) -> [String] {
        let regex = try! Regex("https?://[^\"'\\s<>)]+")
        return html.matches(of: regex).map { String(html[$0.range]) }
    }
}
