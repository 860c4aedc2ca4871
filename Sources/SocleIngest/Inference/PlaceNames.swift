import Foundation

extension FoldKey.Key {
    /// The hash with the folded length in its top byte: one 64-bit word to sort and search.
    @inline(__always)
    var packed: UInt64 { hash ^ (UInt64(truncatingIfNeeded: length) << 56) }
}

/// The first index of a sorted buffer whose key is not below `key` (its count when none): the one search
/// the lists of this file share.
@inline(__always)
func lowerBound<T, K: Comparable>(_ sorted: UnsafeBufferPointer<T>, _ key: K, by keyOf: (T) -> K) -> Int {
    var lo = 0, hi = sorted.count
    while lo < hi {
        let mid = (lo + hi) >> 1
        if keyOf(sorted[mid]) < key { lo = mid + 1 } else { hi = mid }
    }
    return lo
}

/// The names of France's communes, départements and régions, as `FoldKey` keys, from INSEE's Code
/// officiel géographique (`Resources/data/*_names.txt`, written by `scripts/data/place-names.py`;
/// sources in `Resources/data/SOURCES.md`). Loaded once, on the first text value the detection checks.
enum PlaceNames {
    /// A 2^20-bit filter (128 KiB, 4 % set) on the hashes' low bits: most values that are no name are
    /// turned away without touching `table`.
    private static let filter: [UInt64] = {
        var f = [UInt64](repeating: 0, count: 1 << 14)
        for e in table { f[Int(e.hash >> 6) & 0x3FFF] |= 1 << (e.hash & 63) }
        return f
    }()

    /// (folded-key hash, format bits), sorted by hash: built from the files' bytes in a few milliseconds,
    /// searched by halving (no hashing of the hash).
    private static let table: [(hash: UInt64, bits: UInt64)] = {
        var t: [(hash: UInt64, bits: UInt64)] = []
        t.reserveCapacity(42_000)
        for (file, bit) in [("commune_names", FormatDetector.communeName),
                            ("departement_names", FormatDetector.departementName),
                            ("region_names", FormatDetector.regionName),
                            ("canton_names", FormatDetector.cantonName),
                            ("csp_names", FormatDetector.cspName)] {
            let bytes = contents(file)
            bytes.withUnsafeBufferPointer { p in
                var start = 0
                for i in 0 ... p.count where i == p.count || p[i] == 0x0A {
                    if i > start, let k = FoldKey.of(FoldKey.Bytes(rebasing: p[start ..< i])) { t.append((k.packed, bit)) }
                    start = i + 1
                }
            }
        }
        // Countries' French names: the fields after the three codes of `countries.txt`.
        for line in CountryCodes.lines {
            for name in line.split(separator: "\t").dropFirst(3) {
                if let k = FoldKey.of(String(name)) { t.append((k.packed, FormatDetector.paysName)) }
            }
        }
        t.sort { $0.hash < $1.hash }
        // One entry per name, with the bits of every list it is in (Paris: a commune and a département).
        var merged: [(hash: UInt64, bits: UInt64)] = []
        merged.reserveCapacity(t.count)
        for e in t {
            if let last = merged.last, last.hash == e.hash { merged[merged.count - 1].bits |= e.bits } else { merged.append(e) }
        }
        return merged
    }()

    /// The place-name bits of a folded value, 0 for none.
    @inline(__always)
    static func bits(_ k: FoldKey.Key) -> UInt64 {
        let h = k.packed
        guard filter.withUnsafeBufferPointer({ $0[Int(h >> 6) & 0x3FFF] & (1 << (h & 63)) != 0 }) else { return 0 }
        return table.withUnsafeBufferPointer { t in
            let i = lowerBound(t, h) { $0.hash }
            return i < t.count && t[i].hash == h ? t[i].bits : 0
        }
    }

    static func contents(_ name: String) -> [UInt8] {
        let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "data")
            ?? Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Resources/data")
        return url.flatMap { try? Data(contentsOf: $0) }.map { [UInt8]($0) } ?? []
    }
}

/// ISO 3166-1 country codes (alpha-2, alpha-3, numeric) and French names, from `Resources/data/countries.txt`
/// (Debian's iso-codes through pycountry; see `Resources/data/SOURCES.md`).
enum CountryCodes {
    static let lines: [Substring] = {
        let text = String(decoding: PlaceNames.contents("countries"), as: UTF8.self)
        return text.split(separator: "\n")
    }()

    /// Alpha codes packed in capitals (`FR` → 0x4652), numeric codes as a 1,000-bit set.
    private static let codes: (two: Set<UInt32>, three: Set<UInt32>, numeric: [Bool]) = {
        var two = Set<UInt32>(), three = Set<UInt32>(), numeric = [Bool](repeating: false, count: 1000)
        for line in lines {
            let f = line.split(separator: "\t")
            guard f.count >= 3 else { continue }
            if let k = pack(Array(f[0].utf8)) { two.insert(k) }
            if let k = pack(Array(f[1].utf8)) { three.insert(k) }
            if let n = Int(f[2]), n >= 0, n < 1000 { numeric[n] = true }
        }
        return (two, three, numeric)
    }()

    @inline(__always)
    private static func pack<C: Collection<UInt8>>(_ v: C) -> UInt32? {
        var k: UInt32 = 0
        for b in v {
            let u = b &- 0x61 < 26 ? b - 0x20 : b
            guard u &- 0x41 < 26 else { return nil }
            k = k << 8 | UInt32(u)
        }
        return k
    }

    /// The alpha-2 or alpha-3 bit of a 2- or 3-letter value (any case), 0 for none.
    @inline(__always)
    static func letters(_ v: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let k = pack(v) else { return 0 }
        if v.count == 2 { return codes.two.contains(k) ? FormatDetector.alpha2 : 0 }
        if v.count == 3 { return codes.three.contains(k) ? FormatDetector.alpha3 : 0 }
        return 0
    }

    /// FANTOIR's 4-character prefixes, packed (`0000`, `A001`…), sorted.
    private static let fantoir: [UInt32] = {
        let bytes = PlaceNames.contents("fantoir_prefixes")
        var out: [UInt32] = []
        var k: UInt32 = 0, len = 0
        for b in bytes {
            if b == 0x0A {
                if len == 4 { out.append(k) }
                k = 0; len = 0
            } else {
                k = k << 8 | UInt32(b); len += 1
            }
        }
        return out.sorted()
    }()

    static func isFantoirPrefix(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
        let k = UInt32(v[0]) << 24 | UInt32(v[1]) << 16 | UInt32(v[2]) << 8 | UInt32(v[3])
        return fantoir.withUnsafeBufferPointer { f in
            let i = lowerBound(f, k) { $0 }
            return i < f.count && f[i] == k
        }
    }

    /// Whether a 3-digit value (`250`, `004`) is a country's numeric code.
    @inline(__always)
    static func isNumeric(_ x: Int) -> Bool { x >= 0 && x < 1000 && codes.numeric[x] }
}

/// A French postal address (`12 rue de la Paix`, `3 bis, av. Foch`) or a street name (`Place du Marché`,
/// `Rue de la Paix`), read on the value's bytes: a house number then a street type within the next two
/// words, or a street type first and at least one more word. Abbreviated types (`av`, `bd`, `pl`…) count
/// only after a number, where they cannot be anything else.
enum Addresses {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// Street types that make a street name on their own (`Rue de la Paix`, `Place du Marché`).
    private static let streets = keys([
        "rue", "ruelle", "avenue", "boulevard", "chemin", "impasse", "allée", "allées", "place", "placette", "route",
        "quai", "cours", "square", "passage", "voie", "sentier", "rond-point", "esplanade", "promenade", "faubourg",
        "chaussée", "parvis", "venelle", "traverse", "montée", "carrefour", "sente", "rampe", "levée", "digue",
        "lieu-dit",
    ])
    /// `Grande Rue`, `Vieille Route`: an adjective, then the street type.
    private static let adjectives = keys(["grande", "grand", "petite", "petit", "vieille", "vieux", "ancienne",
                                          "ancien", "haute", "basse", "nouvelle"])
    /// Types and abbreviations that make an address only after a house number (`3 résidence…`, `12 av Foch`):
    /// alone they name buildings, parks or areas as often as streets.
    private static let afterNumber = streets.union(keys([
        "résidence", "lotissement", "hameau", "villa", "cité", "domaine", "quartier", "zone", "ZA", "ZI", "ZAC",
        "parc", "clos", "cour", "mail", "av", "ave", "bd", "bld", "bvd", "ch", "che", "chem", "imp", "all", "pl",
        "rte", "rt", "sq", "pass", "res", "lot", "ham", "ld", "rpt", "esp", "prom", "fbg", "fg", "chs", "crs", "r",
    ]))
    private static let repeats = keys(["bis", "ter", "quater", "b", "t", "q", "a", "c"])

    /// True when `v` reads as an address or a street name.
    static func isAddress(_ v: Bytes) -> Bool {
        let n = v.count
        guard n >= 6, n <= 200 else { return false }
        // The first words, without making an array: each call gives the next word's bounds.
        var at = 0
        func next() -> Range<Int>? {
            while at < n, isSeparator(v[at]) { at += 1 }
            let start = at
            while at < n, !isSeparator(v[at]) { at += 1 }
            return at > start ? start ..< at : nil
        }
        func key(_ w: Range<Int>) -> FoldKey.Key? { FoldKey.of(Bytes(rebasing: v[w])) }
        guard let first = next(), var second = next() else { return false }
        if ByteText.isDigit(v[first.lowerBound]) {
            // 12, 12b, 12-14: digits first, at most 5, then at most 2 more characters.
            var d = first.lowerBound
            while d < first.upperBound, ByteText.isDigit(v[d]) { d += 1 }
            guard d - first.lowerBound <= 5, first.upperBound - d <= 2 else { return false }
            if let k = key(second), repeats.contains(k) {
                guard let w = next() else { return false }
                second = w
            }
            guard let k = key(second), afterNumber.contains(k) else { return false }
            return next() != nil
        }
        guard let k = key(first) else { return false }
        if streets.contains(k) { return true }
        guard adjectives.contains(k), let k2 = key(second) else { return false }
        return streets.contains(k2)
    }

    @inline(__always)
    private static func isSeparator(_ b: UInt8) -> Bool { b == 0x20 || b == UInt8(ascii: ",") || b == 0x09 }

    /// A sorted list of folded words, searched by halving: no hashing per lookup.
    struct Words: Sendable {
        private let hashes: [UInt64]
        init(_ hashes: [UInt64]) { self.hashes = Array(Set(hashes)).sorted() }

        @inline(__always)
        func contains(_ k: FoldKey.Key) -> Bool {
            let h = k.packed
            return hashes.withUnsafeBufferPointer { w in
                let i = lowerBound(w, h) { $0 }
                return i < w.count && w[i] == h
            }
        }

        func union(_ other: Words) -> Words { Words(hashes + other.hashes) }

    }

    private static func keys(_ words: [String]) -> Words { Words(words.compactMap { FoldKey.of($0)?.packed }) }
}
