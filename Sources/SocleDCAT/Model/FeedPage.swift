/// Which slice of the catalog a document shows, for Hydra paging (pages are numbered from 1).
public struct FeedPage: Sendable, Equatable {
    public var page: Int
    public var pageSize: Int
    public var totalItems: Int

    public init(page: Int, pageSize: Int, totalItems: Int) {
        self.page = page
        self.pageSize = pageSize
        self.totalItems = totalItems
    }

    /// The page number actually used: at least 1.
    public var current: Int { max(1, page) }

    /// The number of the last page: at least 1, even for an empty catalog.
    public var lastPage: Int {
        let size = max(1, pageSize)
        let total = max(0, totalItems)
        // Written without `total + size - 1` so that huge counts cannot overflow.
        return max(1, total / size + (total % size == 0 ? 0 : 1))
    }

    /// Zero-based offset of the first item of this page (clamped so it never overflows).
    public var offset: Int {
        let (product, overflow) = (current - 1).multipliedReportingOverflow(by: max(1, pageSize))
        return overflow ? Int.max : product
    }
}
