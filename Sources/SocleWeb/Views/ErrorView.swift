import SocleCore

extension ErrorPage: PageView {
    func content(_ ctx: ViewContext) -> PageContent {
        let known = [400, 401, 403, 404, 409, 413, 500, 503]
        let code = known.contains(status) ? String(status) : (status >= 500 ? "500" : "400")
        var d: [String: Any] = [
            "heading": ctx.s("error.\(code).title"),
            "message": ctx.s("error.\(code).message"),
            "login": (status == 401 || status == 403) && ctx.chrome.viewer == nil,
        ]
        d["detail"] = detail
        return PageContent(template: "error", title: ctx.s("error.\(code).title"), data: d)
    }
}
