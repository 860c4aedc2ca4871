import SocleCore

/// The inventory's figures for a set of sources (an organisation, a service), and what each source lacks.
public struct InventoryStats: Sendable, Equatable {
    public var sources: Int
    public var withOwner: Int
    public var withClassification: Int
    /// Sources holding personal or sensitive data: the ones that need a processing activity.
    public var needingProcessingActivity: Int
    public var withProcessingActivity: Int
    public var loaded: Int
    public var published: Int

    /// Something a source lacks, in the order the dashboard lists them.
    public enum Gap: String, Sendable, CaseIterable {
        case owner, classification, processingActivity, data, licence
    }

    public init(sources: Int, withOwner: Int, withClassification: Int, needingProcessingActivity: Int,
                withProcessingActivity: Int, loaded: Int, published: Int) {
        self.sources = sources
        self.withOwner = withOwner
        self.withClassification = withClassification
        self.needingProcessingActivity = needingProcessingActivity
        self.withProcessingActivity = withProcessingActivity
        self.loaded = loaded
        self.published = published
    }

    /// Counts the figures of a set of sources.
    public init(_ sources: [InventorySource]) {
        self.sources = sources.count
        withOwner = sources.filter { !Self.gaps(of: $0).contains(.owner) }.count
        withClassification = sources.filter { $0.metadata.classification != nil }.count
        let personal = sources.filter { Self.holdsPersonalData($0.metadata) }
        needingProcessingActivity = personal.count
        withProcessingActivity = personal.filter { !($0.metadata.processingActivity ?? "").isEmpty }.count
        loaded = sources.filter(\.loaded).count
        published = sources.filter { $0.metadata.status == .published }.count
    }

    static func holdsPersonalData(_ m: DatasetMetadata) -> Bool {
        m.classification == .personal || m.classification == .sensitive
    }

    /// What a source lacks: an owner service, a classification, a processing activity (personal data
    /// only), data (declared but never loaded), a licence (public access without one).
    public static func gaps(of s: InventorySource) -> [Gap] {
        let m = s.metadata
        var out: [Gap] = []
        if m.ownerServiceId == nil && s.serviceName == nil { out.append(.owner) }
        if m.classification == nil { out.append(.classification) }
        if holdsPersonalData(m) && (m.processingActivity ?? "").isEmpty { out.append(.processingActivity) }
        if !s.loaded { out.append(.data) }
        if m.accessLevel == .public && m.licence == .none { out.append(.licence) }
        return out
    }
}
