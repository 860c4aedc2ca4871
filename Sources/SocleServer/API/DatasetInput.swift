import Foundation
import SocleCore

/// The JSON body of `POST /api/v1/datasets` and `PUT /api/v1/datasets/{slug}`: the title, the
/// organisation (creation only), an optional slug and any DCAT-AP metadata field, flat. Keys may be
/// snake_case or camelCase. On update, only the keys present change; `null` clears a field.
struct DatasetInput: Decodable, Sendable {
    enum Key: String, CodingKey, CaseIterable {
        case title, organisation, slug, description, keywords, themes, ownerService, ownerServiceId, steward
        case contactPoint, licence, frequency, spatial, temporalStart, temporalEnd, conformsTo, origin
        case sourceSystem, accessLevel, classification, volume, processingActivity
    }

    var title: String?
    var organisation: String?
    var slug: String?
    /// Every key the body carried, with its value as text or list (nil for JSON null).
    var values: [Key: Value] = [:]

    enum Value: Sendable, Equatable {
        case null
        case text(String)
        case list([String])
        case integer(Int64)
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        for key in Key.allCases where c.contains(key) {
            if try c.decodeNil(forKey: key) {
                values[key] = .null
            } else if let s = try? c.decode(String.self, forKey: key) {
                values[key] = .text(s)
            } else if let l = try? c.decode([String].self, forKey: key) {
                values[key] = .list(l)
            } else if let i = try? c.decode(Int64.self, forKey: key) {
                values[key] = .integer(i)
            } else {
                throw SocleError(.invalidInput, code: "server.bad_field_type", args: ["field": Self.fieldName(key)])
            }
        }
        title = text(.title)
        organisation = text(.organisation)
        slug = text(.slug)
    }

    init(title: String?, organisation: String?, slug: String? = nil, values: [Key: Value] = [:]) {
        self.title = title
        self.organisation = organisation
        self.slug = slug
        self.values = values
    }

    static func fieldName(_ key: Key) -> String {
        // The documented spelling is snake_case.
        var out = ""
        for ch in key.rawValue {
            if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
        }
        return out
    }

    private func text(_ key: Key) -> String? {
        if case .text(let s)? = values[key] { return s }
        return nil
    }

    /// Applies the fields present to `m`. `services` are the organisation's (to resolve `owner_service`).
    func apply(to m: inout DatasetMetadata, services: [Service]) throws {
        for (key, value) in values {
            switch key {
            case .title, .organisation, .slug: break
            case .description: m.description = try string(key, value) ?? ""
            case .keywords: m.keywords = try list(key, value)
            case .themes: m.themes = try list(key, value).map { $0.uppercased() }
            case .spatial: m.spatial = try list(key, value)
            case .steward: m.steward = try string(key, value)
            case .contactPoint: m.contactPoint = try string(key, value)
            case .frequency: m.frequency = try string(key, value)?.uppercased()
            case .temporalStart: m.temporalStart = try string(key, value)
            case .temporalEnd: m.temporalEnd = try string(key, value)
            case .conformsTo: m.conformsTo = try string(key, value)
            case .sourceSystem: m.sourceSystem = try string(key, value)
            case .volume: m.volume = try string(key, value)
            case .processingActivity: m.processingActivity = try string(key, value)
            case .licence: m.licence = try choice(key, value, Licence.self) ?? .none
            case .origin: m.origin = try choice(key, value, DataOrigin.self) ?? .internal
            case .accessLevel: m.accessLevel = try choice(key, value, AccessLevel.self) ?? .internal
            case .classification: m.classification = try choice(key, value, Classification.self)
            case .ownerService:
                guard let slug = try string(key, value) else { m.ownerServiceId = nil; continue }
                guard let s = services.first(where: { $0.slug == slug }) else {
                    throw SocleError(.invalidInput, code: "server.unknown_service", args: ["value": slug])
                }
                m.ownerServiceId = s.id
            case .ownerServiceId:
                switch value {
                case .null: m.ownerServiceId = nil
                case .integer(let id):
                    guard services.contains(where: { $0.id == id }) else {
                        throw SocleError(.invalidInput, code: "server.unknown_service", args: ["value": String(id)])
                    }
                    m.ownerServiceId = id
                default: throw SocleError(.invalidInput, code: "server.bad_field_type", args: ["field": Self.fieldName(key)])
                }
            }
        }
    }

    private func string(_ key: Key, _ v: Value) throws -> String? {
        switch v {
        case .null: return nil
        case .text(let s):
            let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
            return t.isEmpty ? nil : t
        default: throw SocleError(.invalidInput, code: "server.bad_field_type", args: ["field": Self.fieldName(key)])
        }
    }

    /// A list, given as a JSON array or as comma-separated text.
    private func list(_ key: Key, _ v: Value) throws -> [String] {
        switch v {
        case .null: return []
        case .list(let l): return l.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        case .text(let s): return s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        case .integer: throw SocleError(.invalidInput, code: "server.bad_field_type", args: ["field": Self.fieldName(key)])
        }
    }

    private func choice<E: RawRepresentable & CaseIterable>(_ key: Key, _ v: Value, _ type: E.Type) throws -> E?
    where E.RawValue == String {
        guard let s = try string(key, v) else { return nil }
        guard let e = E(rawValue: s.lowercased()) ?? E(rawValue: s) else {
            throw SocleError(.invalidInput, code: "server.bad_choice", args: [
                "field": Self.fieldName(key), "value": s,
                "allowed": E.allCases.map(\.rawValue).joined(separator: ", "),
            ])
        }
        return e
    }
}
