import Mustache
import SocleCore

/// The `t` object of the templates: `{{t.nav.home}}` reads the catalog key `web.nav.home` in the
/// page's language. A missing key renders as `⟦web.…⟧` so tests can catch it.
struct Labels: MustacheParent, MustacheCustomRenderable {
    let language: Language
    let prefix: String

    init(language: Language, prefix: String = "web.") {
        self.language = language
        self.prefix = prefix
    }

    func child(named name: String) -> Any? {
        let key = prefix + name
        if let text = Catalog.shared.template(key, language: language) { return text }
        return Labels(language: language, prefix: key + ".")
    }

    var renderText: String { "⟦" + String(prefix.dropLast()) + "⟧" }
    var isNull: Bool { false }
}
