import ArgumentParser
import Foundation

/// The `socle` executable: the composition root of the product.
@main
struct Socle: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "socle",
        abstract: "Socle — le socle de données du territoire / the shared data foundation of a territory.",
        subcommands: [IngestCommand.self, DatasetsCommand.self, RevisionsCommand.self, ShowCommand.self,
                      ValidateCommand.self, OrgCommand.self, UserCommand.self, TokenCommand.self,
                      AuditCommand.self, InventoryCommand.self, ScanCommand.self, PrivacyCommand.self,
                      ClassifyCommand.self, PublishCommand.self, AnonymiseCommand.self, PrivacyKeyCommand.self, QueryCommand.self, ServeCommand.self,
                      RegisterCommand.self, SubjectCommand.self, BreachCommand.self, RetentionCommand.self, BackupCommand.self,
                      RestoreCommand.self, RequestCommand.self, SchemasCommand.self, DatasetCommand.self])

    /// Everything Socle writes (database, uploads, secrets, exports, backups) is private to its owner:
    /// files 0600, directories 0700 (issue 10, finding 12). Then the usual argument parsing.
    static func main() async {
        umask(0o077)
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
