import Foundation
import SocleCore
import SocleStore

/// The demo's retention: three datasets with a date that starts a retention period (the CCAS's domiciliations,
/// in two revisions; the school canteen's enrolments; the agents who left), linked to their activities, whose
/// rules name that date column — so that a dry run on `/register/retention` shows real expired rows. Dates
/// count back from the day the demo is created, so there is always something expired.
struct DemoRetention {
    let store: any SocleStore

    func create(commune: Organisation, ccas: Organisation, now: Date = Date()) async throws {
        let system = Principal.system("demo")
        let register = RegisterActions(store: store, policy: ReadPolicy(store: store), privacy: PrivacyActions(store: store))
        let catalog = CatalogActions(store: store)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("socle-demo-retention-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let year = Calendar(identifier: .gregorian).component(.year, from: now)

        func load(_ slug: String, _ content: String, _ org: Organisation, _ title: String, _ description: String) async throws {
            let url = dir.appendingPathComponent("\(slug).csv")
            try Data(content.utf8).write(to: url)
            _ = try await IngestAction(store: store).run(IngestRequest(file: url, datasetSlug: slug, organisationSlug: org.slug, title: title,
                                                                       options: ReaderOptions(displayName: "\(slug).csv")), actor: system.auditName)
            guard let d = try await store.dataset(slug: slug) else { return }
            try await catalog.update(d, title: title, metadata: DatasetMetadata(description: description, origin: .internal,
                                                                                accessLevel: .restricted, classification: .personal), by: system)
        }

        /// Applies to the named activity: links to the columns, and the date column on its rule `index`
        /// (appending `rule` first when given).
        func apply(_ name: String, in org: Organisation, dataset: String, columns: [String], dateColumn: String, index: Int,
                   rule: RetentionRule? = nil) async throws {
            guard let a = try await register.activities(system, organisation: org.slug).first(where: { $0.body.name == name }) else { return }
            let linked = try await register.setLinks(a.id, add: columns.map { (dataset, $0) }, by: system)
            var body = linked.body
            if let rule { body.retention.append(rule) }
            guard index < body.retention.count else { return }
            body.retention[index].dateColumns = [RetentionDateColumn(dataset: dataset, column: dateColumn)]
            _ = try await register.updateActivity(a.id, body, by: system)
        }

        // The CCAS's domiciliations: ended ones go 3 years after their end (two revisions: the older one too).
        let domiciliations = DemoData.domiciliations(year: year, count: 48)
        try await load("domiciliations", domiciliations.first, ccas, "Domiciliations",
                       "Personnes domiciliées au CCAS et fin de leur domiciliation (usage interne).")
        try await load("domiciliations", domiciliations.second, ccas, "Domiciliations",
                       "Personnes domiciliées au CCAS et fin de leur domiciliation (usage interne).")
        try await apply("Domiciliation des personnes sans domicile stable", in: ccas, dataset: "domiciliations",
                        columns: ["nom", "prenom", "date_de_naissance"], dateColumn: "fin_de_domiciliation", index: 0)
        // The canteen's enrolments: a year after the enrolment ends, the child's identity is blanked.
        try await load("inscriptions-cantine", DemoData.canteen(year: year), commune, "Inscriptions à la restauration scolaire",
                       "Enfants inscrits à la cantine, classe et fin d'inscription (usage interne).")
        try await apply("Restauration scolaire et périscolaire", in: commune, dataset: "inscriptions-cantine",
                        columns: ["nom_enfant", "prenom_enfant", "telephone_responsable"], dateColumn: "fin_inscription", index: 2,
                        rule: RetentionRule(category: nil, duration: "P1Y", startEvent: "Fin de l'inscription", binding: .recommended, fate: .anonymise))
        // Agents who left: after 5 years their file is listed for the archivist to sort.
        try await load("agents-partis", DemoData.leavers(year: year), commune, "Agents ayant quitté la collectivité",
                       "Agents partis et date de leur départ (usage interne, ressources humaines).")
        try await apply("Gestion du personnel et de la paie", in: commune, dataset: "agents-partis",
                        columns: ["nom", "prenom"], dateColumn: "date_depart", index: 0)
    }
}

extension DemoData {
    static func person(_ rng: inout Seeded) -> (first: String, last: String) {
        (firstNames[Int(rng.next() % UInt64(firstNames.count))], surnames[Int(rng.next() % UInt64(surnames.count))])
    }

    static func day(_ rng: inout Seeded, from: Int, to: Int) -> String {
        String(format: "%04d-%02d-%02d", from + Int(rng.next() % UInt64(max(1, to - from + 1))), 1 + Int(rng.next() % 12), 1 + Int(rng.next() % 28))
    }

    /// Domiciliations ending over the last eight years (a few still open, with no end date), and a later
    /// revision with a few more people.
    static func domiciliations(year: Int, count: Int) -> (first: String, second: String) {
        var rng = Seeded(state: 11)
        var lines: [String] = []
        for i in 0..<count + 6 {
            let (first, last) = person(&rng)
            let birth = day(&rng, from: 1950, to: 2004)
            let end = i % 9 == 4 ? "" : day(&rng, from: year - 8, to: year)
            lines.append("\(last.uppercased());\(first);\(birth);\(end)")
        }
        let header = "nom;prenom;date_de_naissance;fin_de_domiciliation\n"
        return (header + lines.prefix(count).joined(separator: "\n") + "\n", header + lines.joined(separator: "\n") + "\n")
    }

    /// Canteen enrolments of the last six school years.
    static func canteen(year: Int) -> String {
        var rng = Seeded(state: 13)
        var out = "nom_enfant;prenom_enfant;classe;telephone_responsable;fin_inscription\n"
        let classes = ["CP", "CE1", "CE2", "CM1", "CM2"]
        for _ in 0..<72 {
            let (first, last) = person(&rng)
            let end = String(format: "%04d-07-%02d", year - Int(rng.next() % 6), 3 + Int(rng.next() % 5))
            out += String(format: "%@;%@;%@;06 %02d %02d %02d %02d;%@\n", last.uppercased(), first, classes[Int(rng.next() % 5)],
                          Int(rng.next() % 100), Int(rng.next() % 100), Int(rng.next() % 100), Int(rng.next() % 100), end)
        }
        return out
    }

    /// Agents who left over the last twelve years.
    static func leavers(year: Int) -> String {
        var rng = Seeded(state: 17)
        var out = "matricule;nom;prenom;service;date_depart\n"
        let services = ["Services techniques", "Éducation", "Administration générale", "Police municipale"]
        for i in 0..<36 {
            let (first, last) = person(&rng)
            out += "A\(String(format: "%04d", 1_200 + i));\(last.uppercased());\(first);\(services[i % services.count]);\(day(&rng, from: year - 12, to: year - 1))\n"
        }
        return out
    }
}
