import ArgumentParser
import Foundation
import SocleActions
import SocleCore

/// Printing helpers: JSON on stdout, human text on stdout, errors on stderr (French first).
enum Output {
    static let language = Language.current

    static func json<T: Encodable>(_ value: T) {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        if let data = try? e.encode(value) {
            FileHandle.standardOutput.write(data)
            FileHandle.standardOutput.write(Data("\n".utf8))
        }
    }

    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func t(_ key: String, _ args: [String: String] = [:]) -> String {
        CLIStrings.register()
        return Catalog.shared.string(key, language: language, args: args)
    }

    /// Runs `body`; a `SocleError` is printed to stderr in the user's language and exits non-zero.
    static func guarded<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let e as SocleError {
            CLIStrings.register()
            error(t("cli.error_prefix") + e.message(language, surface: .cli))
            throw ExitCode(e.kind == .internalError ? 70 : 1)
        } catch let e as ExitCode {
            throw e
        } catch let e as SchemaRefusal {
            throw e
        } catch let e as PublicationRefusal {
            throw e
        } catch is CancellationError {
            throw ExitCode(130)
        } catch {
            CLIStrings.register()
            self.error(t("cli.error_prefix") + String(describing: error))
            throw ExitCode(70)
        }
    }
}

/// Registers the CLI's own string catalog and those of the modules whose messages it prints.
enum CLIStrings {
    private static let done: Void = {
        Catalog.shared.register(bundle: Bundle.module)
        ActionStrings.register()
    }()
    static func register() { _ = done }
}

/// One row as a JSON object for `--json` listings, written by the rows' one writer (`JSONBytes`).
enum JSONCLI {
    static func object(_ names: [String], _ row: [CellValue]) -> String {
        var b = JSONBuffer(capacity: 256)
        b.object(names, row)
        return b.text
    }
}
