import SocleCore

/// The columns' semantic formats as one sentence for the DCAT feed (each distribution's
/// `dct:description`), in French like the rest of the feed: "Colonnes : idBeneficiaire : SIRET
/// (établissement, clé vérifiée) ; montant : Montant (unité : EUR)". Nil when no column has a format.
enum FeedColumns {
    static func description(_ columns: [ColumnSchema]) -> String? {
        let parts = columns.compactMap { c -> String? in
            guard let f = c.format.semanticDescription(.french) else { return nil }
            return "\(c.label.isEmpty ? c.name : c.label) : \(f)"
        }
        return parts.isEmpty ? nil : "Colonnes : " + parts.joined(separator: " ; ")
    }
}
