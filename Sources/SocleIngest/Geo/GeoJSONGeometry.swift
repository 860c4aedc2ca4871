import Foundation

/// Parses GeoJSON geometry text: validation and bounding box, used by the converter.
public enum GeoJSONGeometry {
    /// A bounding box in lon/lat (or the source's x/y).
    public struct BBox: Sendable, Equatable {
        public var minX, minY, maxX, maxY: Double
        public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
            self.minX = minX; self.minY = minY; self.maxX = maxX; self.maxY = maxY
        }
        public var isPoint: Bool { minX == maxX && minY == maxY }
    }

    // PLACEHOLDER: replaced by the geo reader's owner with a fast, validating parser.
    /// The bbox of a GeoJSON geometry object given as UTF-8 text, or nil if it is not valid GeoJSON geometry.
    public static func bbox(utf8 bytes: UnsafeBufferPointer<UInt8>) -> BBox? {
        guard let obj = try? JSONSerialization.jsonObject(with: Data(buffer: bytes)) as? [String: Any],
              let coords = obj["coordinates"] else { return nil }
        var b = BBox(minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)
        func walk(_ v: Any) {
            if let a = v as? [Double], a.count >= 2 {
                b.minX = min(b.minX, a[0]); b.maxX = max(b.maxX, a[0])
                b.minY = min(b.minY, a[1]); b.maxY = max(b.maxY, a[1])
            } else if let a = v as? [Any] { a.forEach(walk) }
        }
        walk(coords)
        return b.minX.isFinite ? b : nil
    }
}
