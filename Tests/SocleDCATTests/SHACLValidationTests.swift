import Foundation
import Testing
@testable import SocleDCAT

/// The feed against the official DCAT-AP shapes, through `scripts/check-dcat` (pyshacl + rdflib).
@Suite(.enabled(if: CheckScript.available, Comment(rawValue: CheckScript.skipNote)))
struct SHACLValidationTests {
    let c = FeedSamples.catalog

    /// Every page of the three-dataset catalog, in the three syntaxes: no violation of the DCAT-AP 3.0.0
    /// shapes (mandatory and range), and the three files are the same graph (rdflib, isomorphism).
    @Test(arguments: [1, 2])
    func catalogPagesConformAndAgreeAcrossSyntaxes(page n: Int) throws {
        let (page, items) = FeedSamples.page(n)
        let files = FeedFormat.allCases.map { f in
            (name: "catalog-\(n).\(f.fileExtension)", text: DCATFeed.catalog(c, datasets: items, page: page, format: f))
        }
        let result = try CheckScript.check(files, options: ["--same-graph"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("same graph: 3 inputs"), "\(result.output)")
        #expect(result.output.contains("0 violation(s)"), "\(result.output)")
    }

    @Test func datasetDocumentsConformAndAgree() throws {
        for d in FeedSamples.datasets {
            let files = FeedFormat.allCases.map { f in (name: "dataset.\(f.fileExtension)", text: DCATFeed.dataset(c, d, format: f)) }
            let result = try CheckScript.check(files, options: ["--same-graph"])
            #expect(result.status == 0, "\(d.slug): \(result.output)")
        }
    }

    /// DCAT-AP 2.1.1 (shapes, ranges, controlled vocabularies): the feed passes but for the one 2.1.1 rule
    /// that 3.0.0 dropped — a checksum must be SHA-1 — so a feed with SHA-256 checksums fails it.
    @Test func dcatAP211AcceptsTheFeedButItsSHA1OnlyChecksumRule() throws {
        let noChecksum = FeedSamples.datasets.map { d -> FeedDataset in
            var d = d
            d.distributions = d.distributions.map { var x = $0; x.sha256 = nil; return x }
            return d
        }
        let page = FeedPage(page: 1, pageSize: 50, totalItems: 3)
        let clean = try CheckScript.check([("all.ttl", DCATFeed.catalog(c, datasets: noChecksum, page: page, format: .turtle))],
                                          options: ["--profile", "2.1.1"])
        #expect(clean.status == 0, "\(clean.output)")
        let withSHA256 = try CheckScript.check([("all.ttl", DCATFeed.catalog(c, datasets: FeedSamples.datasets, page: page,
                                                                             format: .turtle))],
                                               options: ["--profile", "2.1.1"])
        #expect(withSHA256.status == 1)
        #expect(withSHA256.output.contains("checksumAlgorithm_sha1"), "\(withSHA256.output)")
    }

    /// The consolidated 3.0.0 file (with RDFS inference for its `rdfs:Resource` ranges) only objects to the
    /// `dcat:byteSize` datatype, where it contradicts the other 3.0.0 shapes and 2.1.1.
    @Test func consolidated300FileOnlyObjectsToByteSizeDatatype() throws {
        let (page, items) = FeedSamples.page(1)
        let result = try CheckScript.check([("p1.ttl", DCATFeed.catalog(c, datasets: items, page: page, format: .turtle))],
                                           options: ["--profile", "3.0.0-full"])
        let violations = result.output.split(separator: "\n").filter { $0.contains("VIOLATION") }
        #expect(violations.count == 2, "\(result.output)")
        #expect(violations.allSatisfy { $0.contains("dcat:byteSize") }, "\(result.output)")
    }

    /// The script does fail: a dataset without a title and a catalog without a publisher are violations.
    @Test func theCheckReportsViolations() throws {
        let bad = """
        @prefix dcat: <http://www.w3.org/ns/dcat#> .
        @prefix dct: <http://purl.org/dc/terms/> .
        <https://x.fr/catalog> a dcat:Catalog ; dct:title "C" ; dct:description "D" ; dcat:dataset <https://x.fr/d> .
        <https://x.fr/d> a dcat:Dataset ; dct:description "no title" .
        """
        let result = try CheckScript.check([("bad.ttl", bad)])
        #expect(result.status == 1)
        #expect(result.output.contains("2 violation(s)"), "\(result.output)")
        #expect(result.output.contains("VIOLATION  <https://x.fr/d>  dct:title"), "\(result.output)")
        #expect(result.output.contains("VIOLATION  <https://x.fr/catalog>  dct:publisher"), "\(result.output)")
    }

    @Test func theCheckRefusesMalformedSyntax() throws {
        let result = try CheckScript.check([("broken.ttl", "<https://x.fr/a> <https://x.fr/b> \"unterminated .\n")])
        #expect(result.status == 1)
        #expect(result.output.contains("NOT WELL-FORMED"), "\(result.output)")
    }

    @Test func theCheckSeesDifferentGraphs() throws {
        let (p1, i1) = FeedSamples.page(1)
        let (p2, i2) = FeedSamples.page(2)
        let result = try CheckScript.check([("a.ttl", DCATFeed.catalog(c, datasets: i1, page: p1, format: .turtle)),
                                            ("b.jsonld", DCATFeed.catalog(c, datasets: i2, page: p2, format: .jsonLD))],
                                           options: ["--same-graph"])
        #expect(result.status == 1)
        #expect(result.output.contains("DIFFERENT"), "\(result.output)")
    }
}

/// The script on the official DCAT-AP examples: the valid one passes every profile, the one made to fail fails.
@Suite(.enabled(if: CheckScript.available, Comment(rawValue: CheckScript.skipNote)))
struct OfficialExampleTests {
    static let examples = CheckScript.root.appendingPathComponent("Tests/Fixtures/dcat-ap/examples")

    @Test(arguments: ["3.0.0", "2.1.1"])
    func officialExamplesBehaveAsPublished(profile: String) {
        let good = CheckScript.run(["python3", CheckScript.script.path, "--profile", profile,
                                    OfficialExampleTests.examples.appendingPathComponent("dcat-ap-2.1.1-example1.nt").path])
        #expect(good.status == 0, "\(good.output)")
        let bad = CheckScript.run(["python3", CheckScript.script.path, "--profile", profile,
                                   OfficialExampleTests.examples.appendingPathComponent("dcat-ap-2.1.1-example2.nt").path])
        #expect(bad.status == 1, "\(bad.output)")
        #expect(bad.output.contains("Value does not have class foaf:Agent"), "\(bad.output)")
    }
}
