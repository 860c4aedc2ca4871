import Foundation
import SocleCore

/// The secrets kept outside the database (the pseudonymisation key and its dated predecessors): copied into
/// a backup only when asked, because whoever holds them can re-identify pseudonymised data.
public enum SecretsBackup {
    /// Copies every file of `keyDirectory` into `<backup>/secrets/` (0700, files 0600); returns their names.
    public static func copy(from keyDirectory: URL, into backup: URL) throws -> [String] {
        let target = backup.appendingPathComponent(BackupManifest.secretsDirectory)
        try PrivateFiles.createDirectory(target)
        let names = PrivateFiles.regularFiles(in: keyDirectory)
        for name in names {
            try PrivateFiles.copy(keyDirectory.appendingPathComponent(name), to: target.appendingPathComponent(name))
        }
        return names
    }

    /// Checks, before anything is changed, that the backup's secrets are all there and that restoring them
    /// would not replace the target's own secrets (unless `force`).
    public static func checkRestore(_ manifest: BackupManifest, from backup: URL, into keyDirectory: URL, force: Bool) throws {
        guard manifest.secrets.included else { return }
        let source = backup.appendingPathComponent(BackupManifest.secretsDirectory)
        for name in manifest.secrets.files where !FileManager.default.fileExists(atPath: source.appendingPathComponent(name).path) {
            throw SocleError(.invalidInput, code: "restore.file_missing", args: ["path": source.appendingPathComponent(name).path])
        }
        if !force, !PrivateFiles.regularFiles(in: keyDirectory).isEmpty {
            throw SocleError(.conflict, code: "restore.secrets_not_empty", args: ["path": keyDirectory.path])
        }
    }

    /// Puts the backup's secrets in `keyDirectory`, each file replaced atomically.
    public static func restore(_ manifest: BackupManifest, from backup: URL, into keyDirectory: URL) throws {
        guard manifest.secrets.included else { return }
        let source = backup.appendingPathComponent(BackupManifest.secretsDirectory)
        try PrivateFiles.createDirectory(keyDirectory)
        for name in manifest.secrets.files {
            let tmp = keyDirectory.appendingPathComponent(".\(name).\(UUID().uuidString).restore")
            do {
                try PrivateFiles.copy(source.appendingPathComponent(name), to: tmp)
                try PrivateFiles.rename(tmp, to: keyDirectory.appendingPathComponent(name))
            } catch {
                try? FileManager.default.removeItem(at: tmp)
                throw error
            }
        }
    }
}
