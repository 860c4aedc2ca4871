import Foundation
import Hummingbird
import SocleActions
import SocleCore

/// `/api/v1/jobs/{id}`, `/api/v1/inventory` (and its import), `/api/v1/audit`: routes that always
/// need someone signed in, hence the `SignedInContext` (401 before the handler runs).
struct OperationsAPIController {
    let state: ServerState

    func addRoutes(to group: RouterGroup<SignedInContext>) {
        group.get("jobs/{id}", use: job)
        group.get("inventory", use: inventory)
        group.post("inventory/import", use: importInventory)
        group.get("audit", use: audit)
    }

    @Sendable func job(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let job = try await state.policy.readableJob(id, by: context.principal)
        return try JSONOutput.response(JobJSON(job, language: context.language))
    }

    @Sendable func inventory(_ request: Request, context: SignedInContext) async throws -> Response {
        let coverage = try await state.inventory.dashboard(for: context.principal)
        // Members of any organisation see at least its total line; nothing means no role anywhere.
        if coverage.isEmpty { throw SocleError(.forbidden, code: "auth.forbidden") }
        return try JSONOutput.response(InventoryJSON(coverage: coverage))
    }

    /// A spreadsheet of sources (multipart `file`, or the raw body with `?filename=`) for `?organisation=`.
    @Sendable func importInventory(_ request: Request, context: SignedInContext) async throws -> Response {
        let q = request.uri.queryParameters
        guard let slug = q.get("organisation"), !slug.isEmpty else {
            throw SocleError(.invalidInput, code: "server.field_required", args: ["field": "organisation"])
        }
        let org = try await state.policy.organisation(slug: slug)
        guard Permissions.can(context.principal, .editDataset, organisationId: org.id) else {
            throw SocleError(.forbidden, code: "auth.forbidden")
        }
        let receiver = UploadReceiver(directory: state.configuration.stagingDirectory,
                                      limit: state.configuration.uploadLimit, metrics: state.metrics)
        let staged: StagedFile
        switch try UploadReceiver.kind(of: request) {
        case .raw:
            guard let name = q.get("filename"), !name.isEmpty else {
                throw SocleError(.invalidInput, code: "server.upload_no_filename")
            }
            staged = try await receiver.receiveRaw(request, fileName: name)
        case .multipart(let boundary):
            let (_, file) = try await receiver.receiveMultipart(request, boundary: boundary) { _ in }
            guard let file else { throw SocleError(.invalidInput, code: "server.upload_no_file") }
            staged = file
        }
        defer { try? FileManager.default.removeItem(at: staged.url) }
        let declared = try await state.inventory.importInventory(file: staged.url, displayName: staged.fileName,
                                                                 organisation: org, by: context.principal)
        return try JSONOutput.response(ImportedJSON(organisation: org.slug, declared: declared.map(\.slug)), status: .created)
    }

    @Sendable func audit(_ request: Request, context: SignedInContext) async throws -> Response {
        let q = request.uri.queryParameters
        let after = Int64(try DatasetAPIController.integer(q, "after", default: 0, range: 0...Int.max))
        let limit = try DatasetAPIController.integer(q, "limit", default: 100, range: 1...1_000)
        func filter(_ name: String) -> String? { q.get(name).flatMap { $0.isEmpty ? nil : $0 } }
        let entries = try await state.directory.auditEntries(by: context.principal, actor: filter("actor"), action: filter("action"),
                                                             objectType: filter("object_type"), after: after, limit: limit)
        return try JSONOutput.response(AuditListJSON(entries: entries.map(AuditEntryJSON.init),
                                                     next: entries.count == limit ? entries.last?.seq : nil))
    }
}
