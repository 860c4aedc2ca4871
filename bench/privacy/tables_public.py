"""Synthetic decoy tables that hold no personal data but look like it: 15-digit codes failing the NIR key,
street and equipment names in a column called "Nom" (many named after people), commune names and codes,
company and association SIRETs, functional contacts, budget lines. Same shape as tables_people.
"""
import people as p

EQUIPMENT = [("Gymnase", "Pierre de Coubertin"), ("Piscine", "Jean Bouin"), ("Médiathèque", "Louise Michel"),
             ("École maternelle", "Jules Ferry"), ("Stade", "Michel Hidalgo"), ("Salle des fêtes", "Jean Moulin"),
             ("Centre social", "Simone Veil"), ("Crèche", "Françoise Dolto"), ("Collège", "Marie Curie"),
             ("Maison de quartier", "Victor Hugo"), ("Conservatoire", "Maurice Ravel"), ("Espace", "Nelson Mandela"),
             ("Complexe sportif", "Alain Mimoun"), ("Bibliothèque", "Olympe de Gouges"), ("Gymnase", "Marcel Cerdan"),
             ("Halle", "Tony Garnier"), ("Théâtre", "Molière"), ("Piscine", "Alfred Nakache"), ("Parc", "Louis Pasteur"),
             ("Gymnase", "Thomas"), ("Salle", "Paul Simon"), ("École", "Henri Martin"), ("Stade", "Laurent"),
             ("Crèche", "Vincent"), ("Maison des associations", "Robert")]
COMMUNE_NAMES = ["Lyon", "Villeurbanne", "Saint-Pierre", "Sainte-Marie", "Saint-Denis", "Saint-Paul", "Saint-Louis",
                 "Saint-Laurent-du-Var", "Saint-Martin", "Sainte-Anne", "Saint-Joseph", "Saint-Benoît", "Saint-André",
                 "Saint-Philippe", "Vénissieux", "Bron", "Caluire-et-Cuire", "Saint-Priest", "Marcy-l'Étoile",
                 "Charly", "Albert", "Léon", "Sainte-Hélène", "Saint-Étienne", "Villefranche-sur-Saône", "Florence",
                 "Lucenay", "Dardilly", "Écully", "Saint-Genis-Laval", "Saint-Fons", "Givors", "Oullins-Pierre-Bénite",
                 "Saint-Cyr-au-Mont-d'Or", "Sainte-Foy-lès-Lyon", "Tassin-la-Demi-Lune", "Saint-Didier-au-Mont-d'Or"]


def streets():
    """Street register: a column called "Nom" of streets, many named after people."""
    def name(r, q):
        if r.random() < 0.12:
            return r.choice(["La Croix Blanche", "Les Brosses", "Le Bourg", "La Grande Charrière", "Les Genêts"])
        return r.choice(p.STREET_TYPES).capitalize() + " " + r.choice(p.STREET_NAMES + [
            "Marcel Pagnol", "Simone de Beauvoir", "Marie Curie", "Jean Moulin", "Lucie Aubrac", "Georges Brassens",
            "Édith Piaf", "Charles Baudelaire", "Paul Éluard", "Rosa Parks", "Alexandre Dumas"])
    cols = [
        ("Code voie", "public", None, lambda r, q: "%04d" % r.randint(1, 9999)),
        ("Nom", "public", None, name),
        ("Nom court", "public", None, lambda r, q: "R " + r.choice(p.STREET_NAMES).upper()[:20]),
        ("Quartier", "public", None, lambda r, q: r.choice(["Centre", "Gare", "Les Brosses", "Croix-Luizet", "Grandclément"])),
        ("Longueur (m)", "public", None, lambda r, q: str(r.randint(30, 2500))),
        ("Date de classement", "public", None, lambda r, q: p.date(r, 1950, 2020)),
        ("Code INSEE", "public", None, lambda r, q: "69266"),
    ]
    return ("voies_communales.csv", "cp1252", ";", 900, cols, lambda r: {})


def equipment():
    """Public equipment: names after people, place addresses, functional phones and e-mails, coordinates."""
    def mail(r, q):
        return r.choice(["accueil", "contact", "piscine", "mediatheque", "accueil.piscine", "contact.mediatheque",
                         "service.sports", "reservation.salles", "secretariat.ecole"]) + "@ville-exemple.fr"
    cols = [
        ("Nom", "public", None, lambda r, q: q["kind"] + " " + q["after"]),
        ("Type", "public", None, lambda r, q: q["kind"]),
        ("Adresse", "public", None, lambda r, q: p.address(r)),
        ("Code postal", "public", None, lambda r, q: r.choice(p.COMMUNES)[1]),
        ("Commune", "public", None, lambda r, q: r.choice(p.COMMUNES)[2]),
        ("Téléphone", "public", None, lambda r, q: p.phone(r, mobile=False)),
        ("Courriel", "public", None, mail),
        ("Latitude", "public", None, lambda r, q: "%.6f" % r.uniform(45.70, 45.80)),
        ("Longitude", "public", None, lambda r, q: "%.6f" % r.uniform(4.78, 4.92)),
        ("Accessible PMR", "public", None, lambda r, q: r.choice(["oui", "non"])),
        ("Places handicapés", "public", None, lambda r, q: str(r.randint(0, 6))),
        ("Accès handicapé", "public", None, lambda r, q: r.choice(["oui", "non", "partiel"])),
        ("Gestionnaire", "public", None, lambda r, q: r.choice(["Ville", "Métropole", "Association"])),
    ]

    def row(r):
        kind, after = r.choice(EQUIPMENT)
        return {"kind": kind, "after": after}
    return ("equipements_publics.csv", "utf-8", ",", 150, cols, row)


def communes():
    """Commune codes and names (including Saint-Pierre, Sainte-Marie, Albert, Léon, Florence)."""
    cols = [
        ("Code commune", "public", None, lambda r, q: r.choice(["01001", "2A004", "2B033", "69123", "97411", "75056"])),
        ("Nom", "public", None, lambda r, q: r.choice(COMMUNE_NAMES)),
        ("Département", "public", None, lambda r, q: r.choice(["01", "2A", "2B", "69", "974", "75"])),
        ("Population municipale", "public", None, lambda r, q: str(r.randint(150, 520000))),
        ("Superficie (km²)", "public", None, lambda r, q: "%.2f" % r.uniform(1, 120)),
    ]
    return ("communes_population.csv", "utf-8", ",", 500, cols, lambda r: {})


def companies():
    """Companies with SIRET and SIREN (legal persons), addresses of premises."""
    trades = ["Boulangerie", "Garage", "Pharmacie", "SARL", "Transports", "Menuiserie", "Bâtiment", "Imprimerie"]
    cols = [
        ("SIRET", "public", None, lambda r, q: q["siret"]),
        ("SIREN", "public", None, lambda r, q: q["siret"][:9]),
        ("Raison sociale", "public", None, lambda r, q: r.choice(trades) + " " + r.choice(["du Centre", "Rhône Services",
                                                                                             "des Alpes", "Lumière", "Confluence"])),
        ("Code NAF", "public", None, lambda r, q: r.choice(["1071C", "4520A", "4773Z", "4941A", "1623Z"])),
        ("Adresse", "public", None, lambda r, q: p.address(r, True)),
        ("Effectif", "public", None, lambda r, q: r.choice(["0", "1-2", "3-5", "6-9", "10-19", "20-49"])),
        ("Date de création", "public", None, lambda r, q: p.date(r, 1960, 2024)),
    ]
    return ("entreprises_zone_activite.csv", "utf-8", ";", 400, cols, lambda r: {"siret": p.siret(r)})


def associations():
    """Subsidised associations: SIRET and RNA are public, the president's name is personal."""
    cols = [
        ("Nom de l'association", "public", None, lambda r, q: r.choice(["Amicale", "Club", "Comité", "Union"]) + " "
         + r.choice(["des Sports", "Bouliste", "des Fêtes", "Laïque", "des Locataires", "Culturelle"]) + " "
         + r.choice(["de Villeurbanne", "du Tonkin", "des Brosses", "Saint-Jean"])),
        ("SIRET", "public", None, lambda r, q: p.siret(r)),
        ("RNA", "public", None, lambda r, q: "W69%07d" % r.randint(0, 9999999)),
        ("Objet", "public", None, lambda r, q: r.choice(["Sport", "Culture", "Social", "Loisirs", "Éducation"])),
        ("Adresse du siège", "public", None, lambda r, q: p.address(r)),
        ("Président(e)", "personal", "identity", lambda r, q: p.first(r) + " " + p.surname(r)),
        ("Contact", "public", None, lambda r, q: r.choice(["contact", "bureau", "secretariat"]) + "@asso-%d.fr" % r.randint(1, 300)),
        ("Montant subvention", "public", None, lambda r, q: "%d" % (r.randint(2, 300) * 50)),
    ]
    return ("subventions_associations.csv", "cp1252", ";", 300, cols, lambda r: {})


def articles():
    """Stock of a municipal store: 15-digit article codes that fail the NIR key, EAN-13, meter numbers."""
    cols = [
        ("Code article", "public", None, lambda r, q: p.nir_decoy(r)),
        ("EAN", "public", None, lambda r, q: "3" + "".join(str(r.randint(0, 9)) for _ in range(12))),
        ("Désignation", "public", None, lambda r, q: r.choice(["Sel de déneigement 25 kg", "Ampoule LED E27", "Peinture routière blanche",
                                                               "Gants de travail T9", "Sac poubelle 100 L", "Panneau B6"])),
        ("N° PDL", "public", None, lambda r, q: "".join(str(r.randint(0, 9)) for _ in range(14))),
        ("Quantité", "public", None, lambda r, q: str(r.randint(0, 500))),
        ("Prix unitaire HT", "public", None, lambda r, q: "%d,%02d" % (r.randint(0, 90), r.randint(0, 99))),
    ]
    return ("magasin_articles.csv", "utf-8", ";", 700, cols, lambda r: {})


def budget():
    """Budget lines (M57-like): chapters, natures, functions, amounts with French decimals."""
    lines = [("011", "60611", "Eau et assainissement"), ("011", "6064", "Fournitures administratives"),
             ("012", "64111", "Rémunération principale titulaires"), ("012", "6451", "Cotisations URSSAF"),
             ("65", "6574", "Subventions aux associations"), ("66", "66111", "Intérêts des emprunts"),
             ("20", "2031", "Frais d'études"), ("21", "2152", "Installations de voirie"),
             ("011", "6156", "Maintenance"), ("67", "6712", "Amendes fiscales et pénales"),
             ("65", "6531", "Indemnités des élus"), ("012", "6475", "Médecine du travail, pharmacie")]

    def amount(r):
        v = r.randint(1000, 9000000)
        return "{:,}".format(v // 100).replace(",", " ") + ",%02d" % (v % 100)
    cols = [
        ("Exercice", "public", None, lambda r, q: str(r.choice([2023, 2024, 2025]))),
        ("Section", "public", None, lambda r, q: "Investissement" if q["line"][0] in ("20", "21") else "Fonctionnement"),
        ("Chapitre", "public", None, lambda r, q: q["line"][0]),
        ("Nature", "public", None, lambda r, q: q["line"][1]),
        ("Fonction", "public", None, lambda r, q: r.choice(["020", "211", "212", "40", "411", "822", "33"])),
        ("Libellé", "public", None, lambda r, q: q["line"][2]),
        ("Crédits ouverts", "public", None, lambda r, q: amount(r)),
        ("Réalisé", "public", None, lambda r, q: amount(r)),
        ("Service gestionnaire", "public", None, lambda r, q: r.choice(["Finances", "RH", "Voirie", "Culture", "Sports"])),
    ]
    return ("budget_primitif.csv", "utf-8", ";", 600, cols, lambda r: {"line": r.choice(lines)})


def events():
    """Cultural events agenda: dates, places, organisers (legal persons), functional contacts."""
    cols = [
        ("Titre", "public", None, lambda r, q: r.choice(["Concert d'été", "Fête de la science", "Marché de Noël", "Ciné plein air",
                                                          "Festival Lumière", "Braderie"])),
        ("Date de début", "public", None, lambda r, q: p.date(r, 2025, 2026, "iso")),
        ("Date de fin", "public", None, lambda r, q: p.date(r, 2025, 2026, "iso")),
        ("Lieu", "public", None, lambda r, q: " ".join(r.choice(EQUIPMENT))),
        ("Organisateur", "public", None, lambda r, q: r.choice(["Ville", "Office de tourisme", "Association Les Amis du Cinéma",
                                                                 "MJC Laënnec", "Comité des fêtes"])),
        ("Tarif", "public", None, lambda r, q: r.choice(["Gratuit", "5 €", "10 €"])),
        ("Téléphone", "public", None, lambda r, q: r.choice(["04 78 03 67 00", "04 72 10 30 30", "0800 123 456"])),
        ("Site web", "public", None, lambda r, q: "https://www.ville-exemple.fr/agenda/%d" % r.randint(1, 9999)),
    ]
    return ("agenda_evenements.csv", "utf-8", ",", 200, cols, lambda r: {})


def age_bands():
    """Population by age band and sex per commune: demographic aggregates, not people."""
    cols = [
        ("Code commune", "public", None, lambda r, q: q["c"][0]),
        ("Commune", "public", None, lambda r, q: q["c"][2]),
        ("Tranche d'âge", "public", None, lambda r, q: r.choice(["0-14 ans", "15-29 ans", "30-44 ans", "45-59 ans",
                                                                  "60-74 ans", "75 ans ou plus"])),
        ("Sexe", "public", None, lambda r, q: r.choice(["Hommes", "Femmes"])),
        ("Effectif", "public", None, lambda r, q: str(r.randint(50, 40000))),
        ("Naissances", "public", None, lambda r, q: str(r.randint(0, 900))),
        ("Année", "public", None, lambda r, q: str(r.choice([2019, 2020, 2021]))),
    ]
    return ("population_tranches_age.csv", "utf-8", ";", 400, cols, lambda r: {"c": r.choice(p.COMMUNES)})


def trees():
    """Street trees: "Genre" is a botanical genus, planting dates span decades, addresses are places."""
    cols = [
        ("Identifiant", "public", None, lambda r, q: "ARB-%05d" % r.randint(1, 99999)),
        ("Genre", "public", None, lambda r, q: r.choice(["Platanus", "Quercus", "Acer", "Tilia", "Prunus", "Celtis"])),
        ("Espèce", "public", None, lambda r, q: r.choice(["x hispanica", "robur", "platanoides", "cordata", "avium"])),
        ("Hauteur (m)", "public", None, lambda r, q: str(r.randint(3, 30))),
        ("Date de plantation", "public", None, lambda r, q: p.date(r, 1950, 2022)),
        ("Adresse", "public", None, lambda r, q: p.address(r)),
        ("geo_point_2d", "public", None, lambda r, q: "%.6f, %.6f" % (r.uniform(45.70, 45.80), r.uniform(4.78, 4.92))),
    ]
    return ("arbres_alignement.csv", "utf-8", ",", 800, cols, lambda r: {})


def fleet():
    """The authority's vehicle fleet, as some cities publish it: plates of legal persons' vehicles."""
    letters = "ABCDEFGHJKLMNPRSTVWXYZ"

    def plate(r, q):
        return "%s%s-%03d-%s%s" % (r.choice(letters), r.choice(letters), r.randint(1, 999), r.choice(letters), r.choice(letters))
    cols = [
        ("Immatriculation", "public", None, plate),
        ("Marque", "public", None, lambda r, q: r.choice(["Renault", "Peugeot", "Citroën", "Iveco", "Piaggio"])),
        ("Modèle", "public", None, lambda r, q: r.choice(["Kangoo", "Partner", "Berlingo", "Daily", "Porter", "Zoe"])),
        ("Énergie", "public", None, lambda r, q: r.choice(["Électrique", "Gazole", "GNV", "Essence"])),
        ("Date de mise en circulation", "public", None, lambda r, q: p.date(r, 2008, 2024)),
        ("Service affectataire", "public", None, lambda r, q: r.choice(["Espaces verts", "Voirie", "Propreté", "Police municipale"])),
        ("Kilométrage", "public", None, lambda r, q: str(r.randint(1000, 240000))),
    ]
    return ("parc_automobile.csv", "utf-8", ";", 180, cols, lambda r: {})


def vaccination():
    """Vaccination centres: health words in headers, but the rows are places."""
    cols = [
        ("Nom du centre", "public", None, lambda r, q: "Centre de vaccination " + r.choice(["Gerland", "Part-Dieu", "Bron", "Vénissieux"])),
        ("Adresse", "public", None, lambda r, q: p.address(r)),
        ("Commune", "public", None, lambda r, q: r.choice(p.COMMUNES)[2]),
        ("Vaccination sans RDV", "public", None, lambda r, q: r.choice(["oui", "non"])),
        ("Vaccins proposés", "public", None, lambda r, q: r.choice(["Grippe, Covid-19", "Covid-19", "DTP, ROR"])),
        ("Latitude", "public", None, lambda r, q: "%.5f" % r.uniform(45.70, 45.80)),
        ("Longitude", "public", None, lambda r, q: "%.5f" % r.uniform(4.78, 4.92)),
    ]
    return ("centres_vaccination.csv", "utf-8", ",", 60, cols, lambda r: {})


ALL = [streets, equipment, communes, companies, associations, articles, budget, events, age_bands, trees, fleet, vaccination]
