import Foundation

/// Spellings of "no value" that French files use in otherwise typed columns (`NC`, `néant`,
/// `s.o.`, `-`, `non communiqué`, `#N/A`…), and a dataset's own additions.
///
/// Decision: in a column whose other values all fit a non-text type, these are read as nulls
/// (stored as NULL) and the evidence says so (a note listing the spellings and their count).
/// In a text column they stay text, as written. Matching ignores case, accents, spaces and
/// the punctuation `FoldKey` drops, so `N/C`, `n.c.` and `NC` are one marker; a value made only
/// of dashes, dots or slashes (`-`, `--`, `—`, `/`) is a marker too. The list is in
/// `docs/ingestion.md`, "Null markers".
public enum NullTokens {
    public typealias Bytes = UnsafeBufferPointer<UInt8>

    /// The built-in markers, as documented (each is matched through its folded key).
    public static let all: [String] = [
        "-", "--", "NA", "N/A", "#N/A", "NC", "N/C", "N.C.", "ND", "N.D.", "N/D", "NR", "NP", "S/O", "s.o.", "SO",
        "null", "nul", "none", "NaN", "néant", "vide", "inconnu", "non communiqué", "non communiquée",
        "non communiqués", "non communiquées", "non renseigné", "non renseignée", "non renseignés",
        "non renseignées", "non disponible", "non connu", "non applicable", "non concerné", "sans objet",
        "Ne rien indiquer", "ne sait pas", "NSP", "secret", "secret statistique",
        "#DIV/0!", "#VALEUR!", "#VALUE!", "#REF!", "#NOM?", "#NAME?", "#NUM!", "#NUL!", "#NULL!",
    ]

    private static let builtIn: Set<FoldKey.Key> = Set(all.compactMap { FoldKey.of($0.replacingOccurrences(of: "?", with: "")) })

    /// True when `p` (already trimmed, non-empty) is a built-in marker or one of `extra`.
    @inline(__always)
    public static func matches(_ p: Bytes, extra: Set<FoldKey.Key> = []) -> Bool {
        guard let f = p.first else { return false }
        // Fast rejection: numbers and dates start with a digit, and no marker does.
        if extra.isEmpty {
            // The longest built-in marker, spaces doubled, fits in 28 bytes.
            if f &- 0x30 < 10 || p.count > 28 { return false }
            // Every built-in marker starts (once folded) with one of these.
            switch f | 0x20 {
            case UInt8(ascii: "n"), UInt8(ascii: "s"), UInt8(ascii: "v"), UInt8(ascii: "i"), UInt8(ascii: "#"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"), 0xE2, 0xE3: break
            default: return false
            }
        }
        var q = p
        if q.count > 1, q[q.count - 1] == UInt8(ascii: "?") { q = Bytes(rebasing: q[0 ..< q.count - 1]) }
        guard let k = FoldKey.of(q) else { return false }
        if k.length == 0 { return true } // only dashes, dots, slashes
        return builtIn.contains(k) || extra.contains(k)
    }

    public static func matches(_ s: String) -> Bool { ByteText.with(s) { matches($0) } }

    /// The keys of a dataset's own markers; an empty or unfoldable spelling is skipped.
    public static func keys(of markers: [String]) -> Set<FoldKey.Key> {
        Set(markers.compactMap { m -> FoldKey.Key? in
            let t = m.trimmingCharacters(in: .whitespaces)
            guard !t.isEmpty, let k = FoldKey.of(t), k.length > 0 else { return nil }
            return k
        })
    }

    /// The first marker of `markers` that cannot be matched (non-Latin letters, `@`…), for a clear error.
    public static func unusable(_ markers: [String]) -> String? {
        markers.first { m in
            let t = m.trimmingCharacters(in: .whitespaces)
            return t.isEmpty || FoldKey.of(t) == nil || FoldKey.of(t)?.length == 0
        }
    }
}
