import ArgumentParser
import Foundation
import SocleActions
import SocleCore

/// `socle org …`: organisations sharing the instance.
struct OrgCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org", abstract: "Organisations (commune, CCAS, EPCI…) / Organisations.",
        subcommands: [Create.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Crée une organisation / Create an organisation.")
        @Argument(help: "Identifier (slug), e.g. vire-normandie.") var slug: String
        @Option(help: "Name.") var name: String
        @Option(name: .customLong("type"), help: "commune, ccas, cias, epci, syndicat, departement, region or partner.")
        var kind: OrganisationKind
        @Option(help: "SIREN (9 digits).") var siren: String?
        @Option(help: "Number of inhabitants.") var population: Int?
        @Option(help: "Number of agents.") var agents: Int?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let profile = OrganisationProfile(kind: kind, siren: siren, population: population, agents: agents)
            let org = try await store.withPlatform { p in
                try await p.accounts.createOrganisation(slug: slug, name: name, profile: profile, by: .system("cli"))
            }
            if store.json {
                Output.json(["slug": org.slug, "name": org.name, "openDataObligation": profile.openDataObligation.map { "\($0)" } ?? "unknown"])
            } else {
                Output.line(Output.t("org.created", ["slug": org.slug, "name": org.name]))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Liste les organisations / List organisations.")
        @OptionGroup var store: StoreOptions
        func run() async throws {
            let orgs = try await store.withPlatform { p in
                try await p.directory.organisations().asyncMapAll { ($0, try await p.directory.profile($0)) }
            }
            if store.json {
                return Output.json(orgs.map { OrgLine(slug: $0.0.slug, name: $0.0.name, profile: $0.1) })
            }
            CLIStrings.register()
            Table.print(header: Output.t("org.header"), rows: orgs.map {
                [$0.0.slug, $0.1.kind.rawValue, $0.1.population.map { Format.integer(Int64($0)) } ?? "-",
                 $0.1.agents.map(String.init) ?? "-", $0.1.openDataObligation.map { $0 ? Output.t("yes") : Output.t("no") } ?? "?", $0.0.name]
            })
        }
        struct OrgLine: Encodable { var slug: String; var name: String; var profile: OrganisationProfile }
    }
}

extension OrganisationKind: ExpressibleByArgument {}
extension Role: ExpressibleByArgument {}

/// `socle user create EMAIL --org SLUG --role R --password-stdin`.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Comptes et rôles / Accounts and roles.",
        subcommands: [Create.self, List.self, ResetPassword.self, Disable.self, Enable.self])


    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Liste les comptes / List accounts.")
        @OptionGroup var store: StoreOptions

        struct Row: Encodable { var email: String; var name: String; var disabled: Bool; var roles: [String: String] }

        func run() async throws {
            let rows = try await store.withPlatform { p in
                let orgs = Dictionary(uniqueKeysWithValues: try await p.directory.organisations().map { ($0.id, $0.slug) })
                return try await p.directory.allUsers(by: .system("cli")).map { u in
                    Row(email: u.email, name: u.name, disabled: u.disabled,
                        roles: Dictionary(u.memberships.map { (orgs[$0.organisationId] ?? "?", $0.role.rawValue) }, uniquingKeysWith: { a, _ in a }))
                }
            }
            if store.json { return Output.json(rows) }
            for r in rows {
                let roles = r.roles.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ", ")
                Output.line("\(r.email)\t\(r.name)\t\(roles)" + (r.disabled ? "\t" + Output.t("user.disabled_mark") : ""))
            }
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reset-password",
            abstract: "Nouveau mot de passe (généré et affiché une fois, ou lu sur l'entrée standard) / New password (generated and shown once, or read from standard input).")
        @Argument(help: "E-mail address.") var email: String
        @Flag(help: "Read the new password from standard input instead of generating one.") var passwordStdin = false
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let given = passwordStdin ? (readLine(strippingNewline: true) ?? "") : nil
            let password = try await store.withPlatform { p in
                try await p.accounts.resetPassword(try await p.directory.user(email: email), to: given, by: .system("cli"))
            }
            if store.json { return Output.json(["email": email, "password": given == nil ? password : nil]) }
            if given == nil {
                Output.line(Output.t("user.password_generated", ["email": email, "password": password]))
            } else {
                Output.line(Output.t("user.password_set", ["email": email]))
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "disable",
            abstract: "Désactive un compte (sessions fermées, jetons refusés) / Disable an account (sessions closed, tokens refused).")
        @Argument(help: "E-mail address.") var email: String
        @OptionGroup var store: StoreOptions
        func run() async throws {
            try await store.withPlatform { p in try await p.accounts.setDisabled(try await p.directory.user(email: email), true, by: .system("cli")) }
            if store.json { return Output.json(["email": email, "disabled": "true"]) }
            Output.line(Output.t("user.disabled", ["email": email]))
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "enable", abstract: "Réactive un compte / Enable an account again.")
        @Argument(help: "E-mail address.") var email: String
        @OptionGroup var store: StoreOptions
        func run() async throws {
            try await store.withPlatform { p in try await p.accounts.setDisabled(try await p.directory.user(email: email), false, by: .system("cli")) }
            if store.json { return Output.json(["email": email, "disabled": "false"]) }
            Output.line(Output.t("user.enabled", ["email": email]))
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create",
            abstract: "Crée un compte ou ajoute un rôle / Create an account or add a role.")
        @Argument(help: "E-mail address.") var email: String
        @Option(help: "Organisation (slug).") var org: String
        @Option(help: "admin, dpo, steward or agent.") var role: Role
        @Option(help: "Display name (default: the e-mail).") var name: String?
        @Flag(help: "Read the password from standard input (at least 10 characters).") var passwordStdin = false
        @OptionGroup var store: StoreOptions

        func run() async throws {
            guard passwordStdin else {
                throw ValidationError("--password-stdin is required: pass the password on standard input")
            }
            let password = (readLine(strippingNewline: true) ?? "")
            let user = try await store.withPlatform { p in
                let o = try await p.directory.organisation(slug: org)
                return try await p.accounts.createUser(email: email, name: name ?? email, password: password,
                                                                     organisation: o, role: role, by: .system("cli"))
            }
            if store.json { return Output.json(["email": user.email, "id": String(user.id)]) }
            Output.line(Output.t("user.created", ["email": user.email, "role": role.rawValue, "org": org]))
        }
    }
}

/// `socle token create EMAIL …` / `socle token revoke ID` / `socle token list`.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Jetons d'API / API tokens.", subcommands: [Create.self, Revoke.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Crée un jeton (affiché une seule fois) / Create a token (shown once).")
        @Argument(help: "E-mail of the token's owner.") var email: String
        @Option(help: "Organisation (default: the owner's only organisation).") var org: String?
        @Flag(help: "Allow writes (default: read only).") var write = false
        @Option(help: "Lifetime: 30d, 12h, 90m (default: no expiry).") var expires: String?
        @Option(help: "Limit to these datasets (comma-separated slugs).") var datasets: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let lifetime = try expires.map(Self.duration)
            let (secret, token) = try await store.withPlatform { p in
                let user = try await p.directory.user(email: email)
                let orgId: Int64
                if let org {
                    orgId = try await p.directory.organisation(slug: org).id
                } else if user.memberships.count == 1 {
                    orgId = user.memberships[0].organisationId
                } else {
                    throw SocleError(.invalidInput, code: "token.org_required")
                }
                guard let o = try await p.directory.organisations().first(where: { $0.id == orgId }) else {
                    throw SocleError.notFound("organisation", String(orgId))
                }
                let list = datasets.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
                return try await p.accounts.createToken(for: user, organisation: o, canWrite: write, datasets: list,
                                                                      expiresIn: lifetime, by: .system("cli"))
            }
            if store.json { return Output.json(["token": secret, "id": String(token.id)]) }
            Output.line(Output.t("token.created", ["id": String(token.id)]))
            Output.line(secret)
        }

        /// "30d" → seconds.
        static func duration(_ text: String) throws -> TimeInterval {
            guard let unit = text.last, let n = Double(text.dropLast()), n > 0 else {
                throw ValidationError("--expires: use a number followed by d, h or m (e.g. 30d)")
            }
            switch unit {
            case "d": return n * 86_400
            case "h": return n * 3_600
            case "m": return n * 60
            default: throw ValidationError("--expires: use a number followed by d, h or m (e.g. 30d)")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Révoque un jeton / Revoke a token.")
        @Argument(help: "Token id (see `socle token list`).") var id: Int64
        @OptionGroup var store: StoreOptions
        func run() async throws {
            try await store.withPlatform { p in try await p.accounts.revokeToken(id: id, by: .system("cli")) }
            if store.json { return Output.json(["revoked": String(id)]) }
            Output.line(Output.t("token.revoked", ["id": String(id)]))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Liste les jetons / List tokens.")
        @OptionGroup var store: StoreOptions
        func run() async throws {
            let tokens = try await store.withPlatform { p in try await p.directory.tokens(visibleTo: .system("cli")).map(\.token) }
            if store.json { return Output.json(tokens) }
            CLIStrings.register()
            Table.print(header: Output.t("token.header"), rows: tokens.map {
                [String($0.id), $0.prefix + "…", String($0.userId), $0.canWrite ? "write" : "read",
                 $0.expiresAt?.formatted(.iso8601) ?? "-", $0.revokedAt == nil ? "" : Output.t("token.revoked_flag")]
            })
        }
    }
}

/// `socle audit verify` / `socle audit list`.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Journal d'audit chaîné / Hash-chained audit log.", subcommands: [Verify.self, List.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "verify",
            abstract: "Vérifie la chaîne : 0 si intacte, 1 en nommant la première entrée modifiée ou supprimée / Verify the chain.")
        @OptionGroup var store: StoreOptions
        func run() async throws {
            let (count, broken) = try await store.withPlatform { p in try await p.audit.verify() }
            if store.json {
                Output.json(VerifyResult(intact: broken == nil, entries: count, firstBrokenEntry: broken?.seq, reason: broken?.reason))
            } else if let b = broken {
                Output.error(Output.t("cli.error_prefix") + Output.t("audit.broken.\(b.reason)", ["seq": String(b.seq)]))
            } else {
                Output.line(Output.t("audit.intact", ["count": String(count)]))
            }
            if broken != nil { throw ExitCode(1) }
        }
        struct VerifyResult: Encodable { var intact: Bool; var entries: Int64; var firstBrokenEntry: Int64?; var reason: String? }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Affiche le journal / Show the log.")
        @Option(help: "Only this actor (user:12, token:3, system:cli…).") var actor: String?
        @Option(help: "Only this action (dataset.load, user.create…).") var action: String?
        @Option(help: "Entries after this number.") var after: Int64 = 0
        @Option(help: "How many.") var limit: Int = 50
        @OptionGroup var store: StoreOptions
        func run() async throws {
            let entries = try await store.withPlatform { p in
                try await p.directory.auditEntries(by: .system("cli"), actor: actor, action: action, objectType: nil, after: after, limit: limit)
            }
            if store.json { return Output.json(entries) }
            CLIStrings.register()
            Table.print(header: Output.t("audit.header"), rows: entries.map {
                [String($0.seq), $0.at.formatted(.iso8601), $0.actor, $0.action, "\($0.objectType):\($0.objectId)", String($0.hash.prefix(12))]
            })
        }
    }
}

extension Array {
    func asyncMapAll<U>(_ transform: (Element) async throws -> U) async rethrows -> [U] {
        var out: [U] = []
        for e in self { out.append(try await transform(e)) }
        return out
    }
}
