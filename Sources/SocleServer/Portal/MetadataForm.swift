import Foundation
import SocleCore
import SocleWeb

/// The metadata edit form (`MetadataField` names) as a `DatasetInput`, and refusals put back next to
/// the field they concern.
enum MetadataForm {
    /// A full form: every field is present, an empty one clears its value.
    static func input(_ form: FormFields) -> DatasetInput {
        var values: [DatasetInput.Key: DatasetInput.Value] = [:]
        func text(_ field: MetadataField, _ key: DatasetInput.Key) {
            values[key] = form[field.rawValue].map { .text($0) } ?? .null
        }
        text(.description, .description)
        text(.keywords, .keywords)
        text(.spatial, .spatial)
        text(.steward, .steward)
        text(.contactPoint, .contactPoint)
        text(.licence, .licence)
        text(.frequency, .frequency)
        text(.temporalStart, .temporalStart)
        text(.temporalEnd, .temporalEnd)
        text(.conformsTo, .conformsTo)
        text(.origin, .origin)
        text(.sourceSystem, .sourceSystem)
        text(.accessLevel, .accessLevel)
        text(.classification, .classification)
        text(.volume, .volume)
        text(.processingActivity, .processingActivity)
        values[.themes] = .list(form.all(MetadataField.themes.rawValue).filter { !$0.isEmpty })
        if let s = form[MetadataField.ownerService.rawValue], let id = Int64(s) {
            values[.ownerServiceId] = .integer(id)
        } else {
            values[.ownerServiceId] = .null
        }
        return DatasetInput(title: form[MetadataField.title.rawValue], organisation: form[MetadataField.organisation.rawValue],
                            slug: form[MetadataField.slug.rawValue], values: values)
    }

    /// Which field a refusal concerns (nil: shown at the top of the page).
    static func field(for e: SocleError) -> MetadataField? {
        switch e.code {
        case "catalog.title_required", "catalog.title_too_long": return .title
        case "catalog.bad_theme": return .themes
        case "catalog.bad_frequency": return .frequency
        case "catalog.bad_insee": return .spatial
        case "catalog.bad_contact": return .contactPoint
        case "server.unknown_service": return .ownerService
        case "slug.invalid", "store.conflict.dataset": return .slug
        case "store.not_found.organisation": return .organisation
        case "server.field_required":
            return e.args["field"].flatMap { MetadataField(rawValue: $0) }
        case "server.bad_choice", "server.bad_field_type":
            let snake = e.args["field"] ?? ""
            return MetadataField.allCases.first { DatasetInput.fieldName(DatasetInput.Key(rawValue: $0.rawValue) ?? .title) == snake }
        default: return nil
        }
    }
}
