import SocleCore
import Testing
@testable import SocleExport

@Suite struct ExportFormatTests {
    @Test func readsFormatParameters() throws {
        #expect(try ExportFormat(parameter: "CSV") == .csv)
        #expect(try ExportFormat(parameter: ".xlsx") == .xlsx)
        #expect(try ExportFormat(parameter: "jsonl") == .ndjson)
        #expect(try ExportFormat(parameter: "geojson") == .geojson)
    }

    @Test func unknownFormatIsAnActionableError() {
        do {
            _ = try ExportFormat(parameter: "parquet")
            Issue.record("parquet accepted")
        } catch let error as SocleError {
            #expect(error.code == "export.unknown_format")
            #expect(error.message(.french) == "Format d'export inconnu : « parquet ». Formats disponibles : csv, json, ndjson, geojson, xlsx.")
            #expect(error.message(.english).hasPrefix("Unknown export format"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func mediaTypesAndExtensions() {
        #expect(ExportFormat.xlsx.mediaType == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        #expect(ExportFormat.geojson.mediaType == "application/geo+json")
        #expect(ExportFormat.csv.mediaType == "text/csv; charset=utf-8")
        #expect(ExportFormat.allCases.map(\.fileExtension) == ["csv", "json", "ndjson", "geojson", "xlsx"])
    }

    @Test func everyNoticeHasAFrenchAndEnglishText() {
        ExportStrings.register()
        for key in ["export.xlsx.row_limit", "export.xlsx.size_limit", "export.xlsx.cell_truncated",
                    "export.xlsx.column_limit", "export.unknown_format"] {
            #expect(Catalog.shared.template(key, language: .french) != nil, "\(key)")
            #expect(Catalog.shared.template(key, language: .english) != nil, "\(key)")
        }
        let notice = Notice("export.xlsx.row_limit", ["rows": "1048575"])
        #expect(notice.message(.french).contains("1048575 lignes"))
    }

    @Test func exporterGivesTheWriterOfEachFormat() {
        for format in ExportFormat.allCases {
            let writer = Exporter.writer(format, columns: SampleTable.columns)
            #expect(writer.format == format)
            #expect(!writer.truncated)
            #expect(writer.notices.isEmpty)
        }
    }

    @Test func labelsFallBackToNames() {
        #expect(ExportColumn(name: "a", label: "", type: .text).label == "a")
        #expect(ExportColumn(name: "a", type: .text).label == "a")
        let schema = ColumnSchema(name: "code", label: "Code commune", type: .code)
        #expect(ExportColumn(schema) == ExportColumn(name: "code", label: "Code commune", type: .code))
    }
}
