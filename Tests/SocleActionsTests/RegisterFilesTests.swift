import Foundation
import SocleActions
import SocleCore
import SocleExport
import SocleIngest
import SocleTestSupport
import Testing
import ZIPFoundation

/// The register's files (issue 12, item 1): proofs stored in the database and linked, the spreadsheet in the
/// CNIL's model, the import of a Madis CSV export — on both backends.
@Suite("Register files")
struct RegisterFilesTests {
    typealias World = RegisterActionsTests.World

    static let pdf = Array("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0] + Array("IEND".utf8) + [0xAE, 0x42, 0x60, 0x82]

    @Test("file kinds are read from the content; broken and unknown files are refused in French")
    func fileKinds() throws {
        #expect(try ProofFileKind.detect(Self.pdf) == .pdf)
        #expect(try ProofFileKind.detect(Self.png) == .png)
        #expect(try ProofFileKind.detect([0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 0xFF, 0xD9]) == .jpeg)
        #expect(try ProofFileKind.detect(Array("\u{FEFF}Délibération n° 2024-12\n".utf8)) == .txt)
        var odt: [UInt8] = []
        var zip = ZipStreamWriter()
        zip.addEntry(name: "mimetype", content: Array("application/vnd.oasis.opendocument.text".utf8), into: &odt)
        zip.addEntry(name: "content.xml", content: Array("<office:document-content/>".utf8), into: &odt)
        zip.finish(into: &odt)
        #expect(try ProofFileKind.detect(odt) == .odt)
        var docx: [UInt8] = []
        zip = ZipStreamWriter()
        zip.addEntry(name: "[Content_Types].xml", content: Array("<Types/>".utf8), into: &docx)
        zip.addEntry(name: "word/document.xml", content: Array("<w:document/>".utf8), into: &docx)
        zip.finish(into: &docx)
        #expect(try ProofFileKind.detect(docx) == .docx)

        func refusal(_ bytes: [UInt8]) -> SocleError? {
            do { _ = try ProofFileKind.detect(bytes); return nil } catch { return error as? SocleError }
        }
        let cut = refusal(Array(Self.pdf.prefix(30)))
        #expect(cut?.code == "register.proof.broken_file")
        #expect(cut?.message(.french).contains("PDF dont la fin manque") == true, "\(cut?.message(.french) ?? "")")
        #expect(refusal(Array(docx.prefix(docx.count - 30)))?.code == "register.proof.broken_file", "a ZIP without its directory")
        #expect(refusal(Array(Self.png.prefix(10)))?.code == "register.proof.broken_file")
        #expect(refusal([0x4D, 0x5A, 0x90, 0x00, 0x03])?.code == "register.proof.unknown_type", "an executable")
        #expect(refusal([])?.code == "register.proof.empty_file")
        #expect(refusal([0x4D, 0x5A, 0x90, 0x00])?.message(.french).contains("Le type est lu dans le contenu") == true)
    }

    @Test("a proof is stored with its hash and links, downloaded by members only (or anyone when public), archived and deleted with audit",
          arguments: Backend.all)
    func proofs(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        let a = try await w.register.createActivity(ProcessingActivity(name: "Cantine", purpose: ""), organisation: "ville", by: w.dpo)
        let p = try await w.register.createProcessor(Processor(name: "Prestataire cantine"), organisation: "ville", by: w.dpo)
        let other = try await w.register.createActivity(ProcessingActivity(name: "Ailleurs", purpose: ""), organisation: "bourg", by: w.dpo)

        // A renamed file keeps its real kind: the name's extension follows the content.
        let e = try await w.register.addProof(ProofInput(type: .contract, title: "Contrat de restauration", date: "2024-09-01",
                                                         activities: [a.id], processors: [p.id]),
                                              fileName: "C:\\Docs\\contrat.docx", content: Self.pdf, organisation: "ville", by: w.dpo)
        #expect(e.body.fileKind == .pdf && e.body.mediaType == "application/pdf")
        #expect(e.body.fileName == "contrat.pdf")
        #expect(e.body.sha256 == "56c2ac043c28d3543275a6f50b593a6beb0b6888ed8159ac02e3e7f4a32ccb26", "sha256sum of the same bytes")
        #expect(e.body.uploadedBy == "Claire Délégué")
        #expect(e.body.size == Self.pdf.count)
        let (_, bytes) = try await w.register.proofFile(e.id, w.agent)
        #expect(bytes == Self.pdf, "an agent of the organisation downloads it")
        #expect(try await w.register.proofs(w.agent, linkedTo: p.id).map(\.id) == [e.id])
        #expect(try await w.register.proofs(w.agent, linkedTo: other.id).isEmpty)
        // The processor's contract is on file.
        let processors = try await w.register.processors(w.dpo, organisation: "ville")
        let withContract = try await w.register.proofs(w.dpo)
        #expect(w.register.processorsWithoutContract(processors, proofs: withContract).isEmpty)

        // Outsiders and anonymous readers see nothing of a non-public proof; a public one is anyone's until archived.
        for who in [w.outsider, Principal.anonymous] {
            await #expect(throws: SocleError.self) { _ = try await w.register.proofFile(e.id, who) }
        }
        _ = try await w.register.updateProof(e.id, ProofInput(type: .contract, title: "Contrat de restauration", isPublic: true,
                                                              activities: [a.id], processors: [p.id]), by: w.dpo)
        #expect(try await w.register.proofFile(e.id, .anonymous).1 == Self.pdf)
        _ = try await w.register.updateProof(e.id, archived: true, by: w.dpo)
        await #expect(throws: SocleError.self) { _ = try await w.register.proofFile(e.id, .anonymous) }
        #expect(try await w.register.proofs(w.dpo).isEmpty)
        #expect(try await w.register.proofs(w.dpo, includeArchived: true).count == 1)

        // Refusals change nothing: an agent, a link into another organisation, an impossible date, a broken or too big file.
        let before = try await w.register.proofs(w.dpo, includeArchived: true).count
        let agentTry = await RegisterActionsTests.refusal {
            _ = try await w.register.addProof(ProofInput(title: "Charte"), fileName: "charte.pdf", content: Self.pdf, organisation: "ville", by: w.agent)
        }
        #expect(agentTry?.kind == .forbidden)
        let foreign = await RegisterActionsTests.refusal {
            _ = try await w.register.addProof(ProofInput(title: "Charte", activities: [other.id]), fileName: "charte.pdf", content: Self.pdf,
                                              organisation: "ville", by: w.dpo)
        }
        #expect(foreign?.code == "register.unknown_activity")
        let badDate = await RegisterActionsTests.refusal {
            _ = try await w.register.addProof(ProofInput(title: "Délibération", date: "2024-02-30"), fileName: "d.pdf", content: Self.pdf,
                                              organisation: "ville", by: w.dpo)
        }
        #expect(badDate?.code == "register.bad_date")
        let broken = await RegisterActionsTests.refusal {
            _ = try await w.register.addProof(ProofInput(title: "Scan"), fileName: "scan.pdf", content: Array(Self.pdf.prefix(40)),
                                              organisation: "ville", by: w.dpo)
        }
        #expect(broken?.code == "register.proof.broken_file")
        let big = await RegisterActionsTests.refusal {
            _ = try await w.register.addProof(ProofInput(title: "Énorme"), fileName: "e.txt",
                                              content: [UInt8](repeating: 0x41, count: RegisterActions.maxProofBytes + 5 * 1_048_576), organisation: "ville", by: w.dpo)
        }
        #expect(big?.code == "register.proof.too_large")
        #expect(big?.message(.french) == "Le fichier pèse 25 Mio : une preuve ne peut pas dépasser 20 Mio.")
        #expect(try await w.register.proofs(w.dpo, includeArchived: true).count == before)

        // Deleting removes the record and the bytes; the audit log keeps the title and the hash.
        try await w.register.deleteProof(e.id, by: w.dpo)
        await #expect(throws: SocleError.self) { _ = try await w.register.proofFile(e.id, w.dpo) }
        let audit = try await w.platform.directory.auditEntries(by: w.dpo, actor: nil, action: nil, objectType: "register.proof")
        #expect(audit.map(\.action) == ["register.proof.create", "register.proof.update", "register.proof.archive", "register.proof.delete"])
        #expect(audit.allSatisfy { $0.objectId == String(e.id) })
        #expect(RegisterActionsTests.details(audit.last!)["sha256"] == e.body.sha256)
        #expect(try await w.platform.directory.auditChainIntact(by: w.dpo))
        #expect(w.register.processorsWithoutContract(processors, proofs: []) == [p.id])
    }

    @Test("the spreadsheet has a « Registre » sheet listing the activities, then one fiche per activity with the CNIL model's sections",
          arguments: Backend.all)
    func spreadsheet(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        var a = RegisterActionsTests.complete("Inscriptions sportives", categories: [.identity, .health])
        a.transfers = [Transfer(country: "Suisse", safeguard: .adequacy)]
        let first = try await w.register.createActivity(a, organisation: "ville", by: w.dpo)
        _ = try await w.register.createActivity(ProcessingActivity(name: "Brouillon: listes/électorales", purpose: ""), organisation: "ville", by: w.dpo)
        _ = try await w.register.addProof(ProofInput(type: .deliberation, title: "Délibération du conseil", activities: [first.id]),
                                          fileName: "d.pdf", content: Self.pdf, organisation: "ville", by: w.dpo)
        let list = try await w.register.activities(w.dpo, organisation: "ville")
        let bytes = try await w.register.spreadsheet(list, principal: w.dpo, language: .french)
        let file = try Paths.tempFile("registre.xlsx", bytes)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        #expect(try ProofFileKind.detect(bytes) == .xlsx)

        // The parts, read back with a ZIP reader Socle did not write.
        let archive = try Archive(url: file, accessMode: .read)
        func part(_ name: String) throws -> String {
            let entry = try #require(archive[name], "\(name)")
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            return String(decoding: data, as: UTF8.self)
        }
        let book = try part("xl/workbook.xml")
        #expect(book.contains("<sheet name=\"Registre\" sheetId=\"1\""))
        #expect(book.contains("<sheet name=\"\(first.id) Inscriptions sportives\" sheetId=\"2\""))
        // The sheet name of a fiche is cleaned the way Excel wants it (no « : » nor « / »).
        #expect(book.contains("<sheet name=\"\(first.id + 1) Brouillon listesélectorales\" sheetId=\"3\""))
        let register = try part("xl/worksheets/sheet1.xml")
        #expect(register.contains("<c r=\"A1\" s=\"1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">Registre des activités de traitement</t>"))
        for text in ["Ville de Test", "N° / réf.", "Activité de traitement", "Dernière mise à jour de la fiche", "Inscriptions sportives",
                     "Brouillon: listes/électorales", "\(first.id + 1) Brouillon listesélectorales"] {
            #expect(register.contains(">\(text)</t>"), "\(text)")
        }
        #expect(register.contains("<c r=\"A8\"><v>\(first.id)</v></c>"), "the first activity on row 8, its number as a number")
        let fiche = try part("xl/worksheets/sheet2.xml")
        for section in ["Description du traitement", "Acteurs", "Finalité(s) du traitement effectué", "Mesures de sécurité",
                        "Catégories de données personnelles concernées", "Données sensibles", "Catégories de personnes concernées",
                        "Destinataires", "Transferts des données hors UE", "Durées de conservation", "Documents associés (preuves)",
                        "Le maire — mairie@ville.test", "Suisse", "Délibération du conseil (Délibération)"] {
            #expect(fiche.contains(">\(section)</t>"), "\(section)")
        }
        #expect(fiche.contains("<cols><col min=\"1\" max=\"1\" width=\"42.0\" customWidth=\"1\"/>"))
        #expect(try part("xl/worksheets/sheet3.xml").contains(">Aucune donnée sensible</t>"))
    }

    @Test("a Madis export comes in as drafts, mapped field by field; inactive ones archived; a dry run creates nothing",
          arguments: Backend.all)
    func madisImport(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        let file = Paths.fixture("register/madis-export.csv")
        let dry = try await w.register.importMadis(file: file, displayName: "madis-export.csv", organisation: "ville", dryRun: true, by: w.dpo)
        #expect(dry.dryRun && dry.activities.count == 3 && dry.activities.allSatisfy { $0.id == nil })
        #expect(try await w.register.activities(w.dpo, includeArchived: true).isEmpty)

        let report = try await w.register.importMadis(file: file, displayName: "madis-export.csv", organisation: "ville", by: w.dpo)
        #expect(report.activities.map(\.line) == [2, 3, 4])
        let all = try await w.register.activities(w.dpo, includeArchived: true)
        #expect(all.count == 3 && all.allSatisfy { $0.body.status == .draft })
        let civil = try #require(all.first { $0.body.name == "Gestion de l'état civil" })
        let c = civil.body
        #expect(c.purpose.hasPrefix("Tenue des registres"))
        #expect(c.controller?.name == "Service population")
        #expect(c.legalBases == [.legalObligation])
        #expect(c.categories == [.civilStatus, .postalAddress, .phone, .birthDate])
        #expect(c.people == [.residents])
        #expect(c.estimatedPeople == 12000)
        #expect(c.collection == [.paperForm])
        #expect(c.security == [.accessControl, .backup, .softwareProtection])
        #expect(c.retention == [RetentionRule(category: nil, duration: "P75Y", startEvent: "à compter de la clôture du registre", fate: .transfer)])
        #expect(c.recipients.contains(Recipient(kind: .processor, name: "Éditeur du logiciel d'état civil")))
        #expect(c.software == "Logiciel État civil ; fichier papier")
        #expect(c.dpia?.criteria == [.largeScale])
        let canteen = try #require(all.first { $0.body.name == "Restauration scolaire" })
        #expect(canteen.body.categories == [.civilStatus, .health, .bankDetails])
        #expect(canteen.body.people == [.residents, .other])
        #expect(canteen.body.dpia?.criteria == [.vulnerablePeople, .matching])
        #expect(canteen.body.missing.contains("retention"), "no retention in Madis: listed as missing")
        let video = try #require(all.first { $0.body.name == "Vidéoprotection de la place du marché" })
        #expect(video.archived, "« Inactif » in Madis")
        #expect(video.body.legalBases.isEmpty && video.body.missing.contains("legalBases"), "« À déterminer »")
        #expect(video.body.retention.first?.duration == "P30D")
        #expect(video.body.security == [.other] && video.body.otherSecurity == "Enregistreur dans un local fermé à clé")
        let audit = try await w.platform.directory.auditEntries(by: w.dpo, actor: nil, action: "register.activity.import", objectType: nil)
        #expect(audit.count == 3)
    }

    @Test("a Madis export in Windows-1252 reads the same; wrong columns or values refuse the whole file with what was expected and found",
          arguments: Backend.all)
    func madisRefusals(_ backend: Backend) async throws {
        let w = try await World.make(backend)
        defer { Task { await w.close() } }
        let original = try String(contentsOf: Paths.fixture("register/madis-export.csv"), encoding: .utf8)
        let latin = try #require(original.replacingOccurrences(of: "\u{FEFF}", with: "").replacingOccurrences(of: "’", with: "'")
            .data(using: .windowsCP1252))
        let legacy = try Paths.tempFile("export.csv", [UInt8](latin))
        let report = try await w.register.importMadis(file: legacy, displayName: "export.csv", organisation: "ville", dryRun: true, by: w.dpo)
        #expect(report.activities.map(\.name) == ["Gestion de l'état civil", "Restauration scolaire", "Vidéoprotection de la place du marché"])

        let renamed = try Paths.tempFile("bad.csv", Array(original.replacingOccurrences(of: ";Finalités;", with: ";Objectif;").utf8))
        let e = await RegisterActionsTests.refusal {
            _ = try await w.register.importMadis(file: renamed, displayName: "bad.csv", organisation: "ville", by: w.dpo)
        }
        #expect(e?.code == "register.import.columns")
        let message = e?.message(.french) ?? ""
        #expect(message.contains("Colonnes obligatoires manquantes : Finalités."), "\(message)")
        #expect(message.contains("Colonnes inconnues : Objectif."), "\(message)")
        #expect(message.contains("Colonnes attendues : Nom ; Collectivité - Nom"), "\(message)")
        #expect(message.contains("Colonnes trouvées : Nom ; Collectivité - Nom"), "\(message)")

        let badValue = try Paths.tempFile("bad.csv", Array(original.replacingOccurrences(of: "L'obligation légale", with: "Parce que").utf8))
        let v = await RegisterActionsTests.refusal {
            _ = try await w.register.importMadis(file: badValue, displayName: "bad.csv", organisation: "ville", by: w.dpo)
        }
        #expect(v?.code == "register.bad_value")
        #expect(v?.location?.line == 2 && v?.location?.column == "Base légale")
        #expect(v?.message(.french).contains("L'intérêt légitime") == true)

        let badCategory = try Paths.tempFile("bad.csv", Array(original.replacingOccurrences(of: "Santé", with: "Goûts musicaux").utf8))
        let c = await RegisterActionsTests.refusal {
            _ = try await w.register.importMadis(file: badCategory, displayName: "bad.csv", organisation: "ville", by: w.dpo)
        }
        #expect(c?.code == "register.bad_value" && c?.location?.line == 3)
        // All or nothing: the good first row was not kept.
        #expect(try await w.register.activities(w.dpo, includeArchived: true).isEmpty)
        // Only the DPO (or an admin) imports.
        let agent = await RegisterActionsTests.refusal {
            _ = try await w.register.importMadis(file: Paths.fixture("register/madis-export.csv"), displayName: "x.csv", organisation: "ville", by: w.agent)
        }
        #expect(agent?.kind == .forbidden)
    }
}
