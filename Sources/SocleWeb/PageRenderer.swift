import Foundation
import Mustache
import SocleCore

/// Renders page models into complete HTML documents, and serves the portal's static files.
public struct PageRenderer: Sendable {
    /// Why a page could not be rendered (a programming error, never user input).
    public struct RenderError: Error, CustomStringConvertible {
        public var description: String
    }

    private let library: MustacheLibrary

    /// Loads the templates shipped in the module's bundle and registers its string catalog.
    public init() throws {
        Catalog.shared.register(bundle: Bundle.module)
        var library = MustacheLibrary()
        guard let dir = Bundle.module.resourceURL?.appendingPathComponent("templates") else {
            throw RenderError(description: "SocleWeb: templates folder missing from the bundle")
        }
        let files = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
        for file in files where file.pathExtension == "mustache" {
            let text = try String(contentsOf: file, encoding: .utf8)
            do {
                try library.register(text, named: file.deletingPathExtension().lastPathComponent)
            } catch {
                throw RenderError(description: "SocleWeb: template \(file.lastPathComponent): \(error)")
            }
        }
        self.library = library
    }

    /// The full HTML document of a page (UTF-8, `<!DOCTYPE html>`), in `chrome.language`.
    public func render(_ page: some PageModel, chrome: Chrome) throws -> String {
        guard let view = page as? any PageView else {
            throw RenderError(description: "SocleWeb: no view for \(type(of: page))")
        }
        let ctx = ViewContext(chrome: chrome)
        let content = view.content(ctx)
        var data = content.data
        data["t"] = Labels(language: chrome.language)
        data["csrf"] = chrome.csrfToken
        data["L"] = LayoutView.data(ctx, title: content.title, refresh: content.refresh, script: content.script)
        guard let html = library.render(data, withTemplate: content.template) else {
            throw RenderError(description: "SocleWeb: template \(content.template) not found")
        }
        return html
    }

    /// A file of `Resources/static` for `/static/{name}`, with its content type; nil when unknown.
    public static func staticFile(_ name: String) -> (bytes: [UInt8], contentType: String)? {
        // Only plain names: no path traversal, no hidden files.
        guard !name.isEmpty, !name.hasPrefix("."), !name.contains("/"), !name.contains("\\"),
              let url = Bundle.module.resourceURL?.appendingPathComponent("static").appendingPathComponent(name),
              let data = try? Data(contentsOf: url)
        else { return nil }
        let type: String
        switch url.pathExtension {
        case "css": type = "text/css; charset=utf-8"
        case "js": type = "text/javascript; charset=utf-8"
        case "svg": type = "image/svg+xml"
        case "png": type = "image/png"
        case "ico": type = "image/x-icon"
        default: type = "application/octet-stream"
        }
        return ([UInt8](data), type)
    }
}

/// What a page's view builder produces: the template to use, the `<title>` and the template data.
struct PageContent {
    var template: String
    var title: String
    var data: [String: Any]
    /// Adds `<meta http-equiv="refresh" content="2">` (inside `<noscript>` when `script` is set).
    var refresh: Bool = false
    /// Loads `/static/socle.js` (progressive enhancement only).
    var script: Bool = false
}

/// A page model the renderer knows how to turn into template data.
protocol PageView {
    func content(_ ctx: ViewContext) -> PageContent
}
