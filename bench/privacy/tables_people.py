"""Synthetic tables about people: every personal or sensitive column is labelled with its category.

A table is (file name, encoding, delimiter, rows, columns) where columns are
(label, expected, category, generator(rng, person)); `expected` is public, personal, sensitive or skip
(skip = not scored; its category slot then holds the reason, written into truth.json as the note).
"""
import people as p


def person(rng, y0=1930, y1=2006):
    sex = rng.choice("MF")
    return {"sex": sex, "first": p.first(rng, sex), "last": p.surname(rng),
            "year": rng.randint(y0, y1), "month": rng.randint(1, 12), "day": rng.randint(1, 28)}


def birth(q, fmt="fr"):
    y, m, d = q["year"], q["month"], q["day"]
    return {"fr": f"{d:02d}/{m:02d}/{y}", "iso": f"{y}-{m:02d}-{d:02d}", "short": f"{d:02d}/{m:02d}/{y % 100:02d}"}[fmt]


def maybe(rng, share, value):
    return value if rng.random() < share else ""


def ccas():
    """CCAS beneficiaries of social aid: Windows-1252, semicolons, upper-case French headers."""
    notes = ["Suivi MDPH en cours", "Hospitalisation récente, aide à domicile", "Reconnaissance handicap (AAH)",
             "Dossier complet", "RDV à reprogrammer", "Relogement demandé", "Traitement insuline, portage de repas",
             "Dette de loyer, plan d'apurement", "Diabète, régime sans sucre"]
    cols = [
        ("CIVILITE", "personal", "civilStatus", lambda r, q: "M." if q["sex"] == "M" else "Mme"),
        ("NOM", "personal", "identity", lambda r, q: q["last"].upper()),
        ("PRENOM", "personal", "identity", lambda r, q: q["first"]),
        ("DATE_NAISS", "personal", "birthDate", lambda r, q: birth(q)),
        ("N° SS", "sensitive", "nir", lambda r, q: p.nir(r, 1 if q["sex"] == "M" else 2, q["year"], q["month"],
                                                         corsica=r.random() < 0.1)),
        ("N° ALLOCATAIRE CAF", "personal", "cafNumber", lambda r, q: maybe(r, 0.8, "%07d" % r.randint(100000, 9999999))),
        ("ADRESSE", "personal", "postalAddress", lambda r, q: p.address(r)),
        ("CP", "public", None, lambda r, q: r.choice(p.COMMUNES)[1]),
        ("VILLE", "public", None, lambda r, q: r.choice(p.COMMUNES)[2]),
        ("TEL", "personal", "phone", lambda r, q: maybe(r, 0.9, p.phone(r))),
        ("TEL 2", "personal", "phone", lambda r, q: ""),
        ("EMAIL", "personal", "email", lambda r, q: maybe(r, 0.4, p.email(r, q["first"], q["last"]))),
        ("SITUATION FAMILIALE", "personal", "familySituation",
         lambda r, q: r.choice(["Célibataire", "Marié(e)", "Pacsé(e)", "Divorcé(e)", "Veuf(ve)", "Concubinage"])),
        ("NB ENFANTS", "personal", "familySituation", lambda r, q: str(r.choice([0, 0, 1, 1, 2, 2, 3, 4, 5]))),
        ("QF", "personal", "income", lambda r, q: str(r.randint(150, 1800))),
        ("TYPE AIDE", "skip", "The aid granted reveals a financial situation; whether that is a category to flag is the DPO's call.", lambda r, q: r.choice(["Aide alimentaire", "Secours d'urgence", "Aide énergie",
                                                          "Aide cantine", "Prêt sans intérêt"])),
        ("DATE DEMANDE", "public", None, lambda r, q: p.date(r, 2023, 2025)),
        ("OBSERVATIONS", "sensitive", "health", lambda r, q: maybe(r, 0.5, r.choice(notes))),
    ]
    return ("ccas_beneficiaires.csv", "cp1252", ";", 1200, cols, lambda r: person(r))


def canteen():
    """School canteen registrations: UTF-8 with BOM, commas, snake_case headers; diets, allergies, PAI."""
    schools = ["École Jean Jaurès", "École Louise Michel", "École Pasteur", "Groupe scolaire Jules Ferry",
               "École Marie Curie", "École du Centre"]

    def parent(r, q):
        return ("Mme " if r.random() < 0.6 else "M. ") + p.first(r) + " " + q["last"]
    cols = [
        ("nom_enfant", "personal", "identity", lambda r, q: q["last"]),
        ("prenom_enfant", "personal", "identity", lambda r, q: q["first"]),
        ("date_naissance", "personal", "birthDate", lambda r, q: birth(q, "iso")),
        ("sexe", "personal", "civilStatus", lambda r, q: q["sex"]),
        ("ecole", "public", None, lambda r, q: r.choice(schools)),
        ("classe", "public", None, lambda r, q: r.choice(["PS", "MS", "GS", "CP", "CE1", "CE2", "CM1", "CM2"])),
        ("regime_alimentaire", "sensitive", "religiousBelief",
         lambda r, q: r.choice(["Standard"] * 5 + ["Sans porc"] * 3 + ["Sans viande", "Végétarien"])),
        ("allergies", "sensitive", "health",
         lambda r, q: maybe(r, 0.15, r.choice(["Arachide", "Fruits à coque", "Lait", "Œuf", "Gluten", "Poisson",
                                                "Kiwi", "Crustacés"]))),
        ("pai", "sensitive", "health", lambda r, q: "Oui" if r.random() < 0.08 else "Non"),
        ("responsable_legal", "personal", "identity", parent),
        ("email_responsable", "personal", "email", lambda r, q: p.email(r, p.first(r), q["last"])),
        ("tel_responsable", "personal", "phone", lambda r, q: p.phone(r, mobile=r.random() < 0.85)),
        ("tranche_qf", "personal", "income", lambda r, q: r.choice(["T1", "T2", "T3", "T4", "T5", "T6"])),
        ("jours", "public", None, lambda r, q: r.choice(["L-M-J-V", "L-J", "L-M-V", "M-J"])),
    ]
    return ("cantine_inscriptions_2025.csv", "utf-8-sig", ",", 800, cols, lambda r: person(r, 2014, 2021))


def staff():
    """Payroll export: UTF-16 LE with BOM, tabs (Excel "Unicode text"); IBAN, NIR, union, salary."""
    services = ["Voirie", "Espaces verts", "État civil", "Finances", "Écoles", "Police municipale", "CCAS", "Culture"]
    cols = [
        ("Matricule", "skip", "Payroll number: a pseudonymous identifier of an agent.", lambda r, q: "A%05d" % r.randint(1, 99999)),
        ("Nom de famille", "personal", "identity", lambda r, q: q["last"].upper()),
        ("Prénom", "personal", "identity", lambda r, q: q["first"]),
        ("Date de naissance", "personal", "birthDate", lambda r, q: birth(q, "short")),
        ("NIR", "sensitive", "nir", lambda r, q: p.nir(r, 1 if q["sex"] == "M" else 2, q["year"], q["month"])),
        ("IBAN", "personal", "bankDetails", lambda r, q: p.iban_fr(r) if r.random() < 0.95 else p.iban_foreign(r)),
        ("BIC", "personal", "bankDetails", lambda r, q: p.bic(r)),
        ("Service", "public", None, lambda r, q: r.choice(services)),
        ("Grade", "public", None, lambda r, q: r.choice(["Adjoint technique", "Rédacteur", "Attaché", "ATSEM",
                                                          "Gardien-brigadier", "Ingénieur", "Adjoint administratif"])),
        ("Date d'entrée", "public", None, lambda r, q: p.date(r, 1988, 2025)),
        ("Salaire brut", "personal", "income", lambda r, q: f"{r.randint(1800, 4800)},{r.randint(0, 99):02d}"),
        ("Syndicat", "sensitive", "tradeUnion", lambda r, q: maybe(r, 0.25, r.choice(["CGT", "CFDT", "FO", "UNSA", "SUD"]))),
        ("Mail pro", "personal", "email", lambda r, q: p.email(r, q["first"], q["last"], "ville-exemple.fr")),
        ("Portable", "personal", "phone", lambda r, q: maybe(r, 0.7, p.phone(r, mobile=True))),
    ]
    return ("personnel_paie.txt", "utf-16", "\t", 350, cols, lambda r: person(r, 1960, 2004))


def parking():
    """Resident parking subscribers, English headers, commas; plates in both French systems."""
    cols = [
        ("Subscriber ID", "skip", "Customer number: a pseudonymous identifier.", lambda r, q: "SUB-%06d" % r.randint(1, 999999)),
        ("First name", "personal", "identity", lambda r, q: q["first"]),
        ("Last name", "personal", "identity", lambda r, q: q["last"]),
        ("Email", "personal", "email", lambda r, q: p.email(r, q["first"], q["last"])),
        ("Mobile", "personal", "phone", lambda r, q: p.phone(r, mobile=True)),
        ("Licence plate", "personal", "licensePlate", lambda r, q: p.plate(r)),
        ("Vehicle", "public", None, lambda r, q: r.choice(["Renault Clio", "Peugeot 208", "Citroën C3", "Tesla Model 3",
                                                           "Dacia Sandero", "Toyota Yaris"])),
        ("Zone", "public", None, lambda r, q: r.choice(["A", "B", "C", "D"])),
        ("Start date", "public", None, lambda r, q: p.date(r, 2022, 2025, "iso")),
        ("Monthly fee", "public", None, lambda r, q: r.choice(["15.00", "20.00", "35.50"])),
    ]
    return ("parking_subscribers.csv", "utf-8", ",", 1500, cols, lambda r: person(r, 1940, 2004))


def fines():
    """Parking control records: plates without names, pipes as delimiter."""
    cols = [
        ("num_avis", "public", None, lambda r, q: "FPS%010d" % r.randint(1, 10 ** 10 - 1)),
        ("immatriculation", "personal", "licensePlate", lambda r, q: p.plate(r)),
        ("voie", "public", None, lambda r, q: r.choice(p.STREET_TYPES).capitalize() + " " + r.choice(p.STREET_NAMES)),
        ("horodatage", "public", None, lambda r, q: p.date(r, 2025, 2025, "iso") + "T%02d:%02d:00" % (r.randint(8, 19), r.randint(0, 59))),
        ("montant_eur", "public", None, lambda r, q: r.choice(["17", "25", "35"])),
        ("agent", "skip", "Badge number of the controlling agent: a pseudonymous identifier.", lambda r, q: "ASVP%03d" % r.randint(1, 40)),
    ]
    return ("controles_stationnement.csv", "utf-8", "|", 2000, cols, lambda r: {})


def weblogs():
    """Portal access logs: tab-separated, IPv4 and IPv6 clients, user agents, logins."""
    paths = ["/", "/datasets", "/datasets/budget-2024", "/api/v1/records", "/portail/recherche?q=cantine",
             "/static/app.css", "/contact"]
    agents = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
              "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
              "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "curl/8.5.0"]

    def ip(r, q):
        if r.random() < 0.8:
            return ".".join(str(r.randint(1, 254)) for _ in range(4))
        return "2a01:cb%02x:%x:%x::%x" % (r.randint(0, 255), r.randint(0, 65535), r.randint(0, 65535), r.randint(1, 65535))

    def login(r, q):
        if r.random() < 0.8:
            return ""
        return r.choice([p.first(r).lower() + "." + p.surname(r).lower().replace(" ", ""), "agent%02d" % r.randint(1, 40)])
    cols = [
        ("timestamp", "public", None, lambda r, q: p.date(r, 2025, 2025, "iso") + "T%02d:%02d:%02dZ" % (r.randint(0, 23), r.randint(0, 59), r.randint(0, 59))),
        ("client_ip", "personal", "ipAddress", ip),
        ("method", "public", None, lambda r, q: r.choice(["GET"] * 8 + ["POST", "HEAD"])),
        ("path", "public", None, lambda r, q: r.choice(paths)),
        ("status", "public", None, lambda r, q: r.choice(["200"] * 8 + ["304", "404", "500"])),
        ("bytes", "public", None, lambda r, q: str(r.randint(200, 90000))),
        ("user_agent", "personal", "connectionData", lambda r, q: r.choice(agents)),
        ("login", "personal", "connectionData", login),
    ]
    return ("portail_access_log.tsv", "utf-8", "\t", 3000, cols, lambda r: {})


def library():
    """Library members, English title-case headers, semicolons."""
    cols = [
        ("Member ID", "skip", "Membership number: a pseudonymous identifier.", lambda r, q: str(r.randint(100000, 999999))),
        ("First Name", "personal", "identity", lambda r, q: q["first"]),
        ("Surname", "personal", "identity", lambda r, q: q["last"]),
        ("Date of Birth", "personal", "birthDate", lambda r, q: birth(q, "iso")),
        ("Gender", "personal", "civilStatus", lambda r, q: q["sex"]),
        ("Email Address", "personal", "email", lambda r, q: maybe(r, 0.8, p.email(r, q["first"], q["last"]))),
        ("Phone Number", "personal", "phone", lambda r, q: p.phone(r)),
        ("Home Address", "personal", "postalAddress", lambda r, q: p.address(r, True)),
        ("City", "public", None, lambda r, q: r.choice(p.COMMUNES)[2]),
        ("Membership", "public", None, lambda r, q: r.choice(["Adult", "Child", "Family", "Student"])),
        ("Loans 2025", "public", None, lambda r, q: str(r.randint(0, 80))),
    ]
    return ("library_members.csv", "utf-8", ";", 600, cols, lambda r: person(r, 1935, 2020))


def meals():
    """CCAS meals-on-wheels for elderly people: health-laden diets, GIR dependency level, emergency contact."""
    cols = [
        ("Nom", "personal", "identity", lambda r, q: q["last"].upper()),
        ("Prénom", "personal", "identity", lambda r, q: q["first"]),
        ("Âge", "personal", "birthDate", lambda r, q: str(2025 - q["year"])),
        ("Adresse de livraison", "personal", "postalAddress", lambda r, q: p.address(r)),
        ("Téléphone fixe", "personal", "phone", lambda r, q: p.phone(r, mobile=False)),
        ("Régime", "sensitive", ["health", "religiousBelief"],
         lambda r, q: r.choice(["Normal", "Normal", "Sans sel", "Diabétique", "Mixé", "Sans porc", "Sans résidus"])),
        ("GIR", "sensitive", "health", lambda r, q: str(r.choice([2, 3, 4, 4, 5, 5, 6]))),
        ("Personne à prévenir", "personal", "identity", lambda r, q: p.first(r) + " " + p.surname(r)),
        ("Tél. personne à prévenir", "personal", "phone", lambda r, q: p.phone(r, mobile=True)),
        ("Tournée", "public", None, lambda r, q: r.choice(["Nord", "Sud", "Centre"])),
    ]
    return ("portage_repas.csv", "cp1252", ";", 250, cols, lambda r: person(r, 1925, 1960))


def police():
    """Municipal police reports: offences about named people."""
    cols = [
        ("Date des faits", "public", None, lambda r, q: p.date(r, 2024, 2025)),
        ("Lieu", "public", None, lambda r, q: r.choice(p.STREET_TYPES).capitalize() + " " + r.choice(p.STREET_NAMES)),
        ("Nom du contrevenant", "personal", "identity", lambda r, q: q["last"]),
        ("Prénom du contrevenant", "personal", "identity", lambda r, q: q["first"]),
        ("Né le", "personal", "birthDate", lambda r, q: birth(q)),
        ("Infraction", "sensitive", "offences",
         lambda r, q: r.choice(["Dépôt sauvage", "Tapage nocturne", "Stationnement gênant", "Outrage à agent",
                                "Conduite sans permis", "Vol à l'étalage"])),
        ("Suite donnée", "sensitive", "offences",
         lambda r, q: r.choice(["Rappel à la loi", "Procès-verbal", "Transmis au parquet", "Condamné avec sursis", "Classé"])),
        ("Agent verbalisateur", "skip", "Badge number of the officer: a pseudonymous identifier.", lambda r, q: "Matricule %03d" % r.randint(1, 60)),
    ]
    return ("police_municipale_mains_courantes.csv", "utf-8", ";", 300, cols, lambda r: person(r, 1950, 2008))


def no_headers():
    """An export whose headers say nothing: only the values can tell."""
    cols = [
        ("Champ1", "personal", "identity", lambda r, q: q["first"] + " " + q["last"]),
        ("Champ2", "personal", "email", lambda r, q: p.email(r, q["first"], q["last"])),
        ("Champ3", "personal", "phone", lambda r, q: p.phone(r, mobile=True)),
        ("Champ4", "sensitive", "nir", lambda r, q: p.nir(r)),
        ("Champ5", "personal", "bankDetails", lambda r, q: p.iban_fr(r)),
        ("Champ6", "public", None, lambda r, q: r.choice(["A", "B", "C"])),
        ("Champ7", "public", None, lambda r, q: str(r.randint(1, 500))),
    ]
    return ("export_sans_entetes.csv", "utf-8", ";", 400, cols, lambda r: person(r))


def vendors():
    """Market stallholders who are sole traders: their SIRET identifies a person."""
    cols = [
        ("Nom de l'auto-entrepreneur", "personal", "identity", lambda r, q: q["first"] + " " + q["last"]),
        ("SIRET", "personal", "identity", lambda r, q: p.siret(r)),
        ("Activité", "public", None, lambda r, q: r.choice(["Primeur", "Fromager", "Fleuriste", "Boucher", "Textile"])),
        ("Emplacement", "public", None, lambda r, q: "Allée %s, n°%d" % (r.choice("ABCD"), r.randint(1, 40))),
        ("Redevance annuelle", "public", None, lambda r, q: "%d,00" % r.randint(120, 900)),
    ]
    return ("marche_abonnes.csv", "utf-8", ";", 90, cols, lambda r: person(r, 1950, 2000))


def mojibake():
    """The meals-on-wheels file after a wrong encoding round-trip a wrong encoding round-trip (UTF-8 read as Windows-1252)."""
    return ("portage_repas_mojibake.csv", "mojibake", ";", 250, meals()[4], lambda r: person(r, 1925, 1960))


def reports():
    """Citizen reports from the web form, as a JSON array with camelCase keys."""
    messages = ["Lampadaire en panne devant chez moi", "Nid de poule dangereux", "Dépôt sauvage au coin de la rue",
                "Tags sur le mur de l'école", "Arbre tombé après l'orage", "Bruit du bar la nuit"]
    cols = [
        ("reportId", "public", None, lambda r, q: "R-%06d" % r.randint(1, 999999)),
        ("createdAt", "public", None, lambda r, q: p.date(r, 2025, 2025, "iso") + "T%02d:%02d:00Z" % (r.randint(0, 23), r.randint(0, 59))),
        ("firstName", "personal", "identity", lambda r, q: q["first"]),
        ("lastName", "personal", "identity", lambda r, q: q["last"]),
        ("email", "personal", "email", lambda r, q: p.email(r, q["first"], q["last"])),
        ("phoneNumber", "personal", "phone", lambda r, q: maybe(r, 0.6, p.phone(r))),
        ("category", "public", None, lambda r, q: r.choice(["Éclairage", "Voirie", "Propreté", "Espaces verts", "Bruit"])),
        ("message", "public", None, lambda r, q: r.choice(messages)),
        ("status", "public", None, lambda r, q: r.choice(["new", "in_progress", "closed"])),
    ]
    return ("signalements_citoyens.json", "json", None, 500, cols, lambda r: person(r, 1940, 2005))


def letters():
    """Letters received by the CCAS: long free-text cells (one of about 1 MB), some about illness."""
    health = ["Je suis atteinte d'un cancer et ne peux plus travailler depuis mon hospitalisation.",
              "Mon fils est autiste et la MDPH n'a pas encore statué sur son handicap.",
              "Suite à ma maladie je demande une aide pour payer mes médicaments."]
    plain = ["Je vous écris pour solliciter une aide au paiement de ma facture d'énergie.",
             "Merci de bien vouloir examiner ma demande de logement social.",
             "Je souhaite obtenir un rendez-vous avec une assistante sociale."]

    def text(r, q):
        parts = [r.choice(plain)] + [r.choice(health) if r.random() < 0.4 else r.choice(plain)]
        body = " ".join(parts) + " " + "Veuillez agréer mes salutations distinguées. " * r.randint(20, 60)
        if r.random() < 0.005:
            body += "Lorem ipsum dolor sit amet. " * 38000  # about 1 MB
        return body
    cols = [
        ("Date de réception", "public", None, lambda r, q: p.date(r, 2024, 2025)),
        ("Nom", "personal", "identity", lambda r, q: q["last"].upper()),
        ("Prénom", "personal", "identity", lambda r, q: q["first"]),
        ("Texte du courrier", "sensitive", "health", text),
        ("Service destinataire", "public", None, lambda r, q: r.choice(["Action sociale", "Logement", "Accueil"])),
    ]
    return ("courriers_usagers.csv", "utf-8", ",", 400, cols, lambda r: person(r, 1940, 2000))


def housing():
    """Social housing applicants: combined "NOM Prénom", split address (number, street, complement), lowercase
    e-mails, two-digit-year birth dates, household composition, disability."""
    cols = [
        ("Nom Prénom", "personal", "identity", lambda r, q: q["last"].upper() + " " + q["first"]),
        ("Date de naissance", "personal", "birthDate", lambda r, q: birth(q, "short")),
        ("Nationalité", "personal", "civilStatus",
         lambda r, q: r.choice(["Française"] * 6 + ["Algérienne", "Marocaine", "Portugaise", "Turque", "Malienne"])),
        ("N°", "skip", "House number alone: part of an address, meaningless without the street.", lambda r, q: str(r.randint(1, 150))),
        ("Voie", "personal", "postalAddress",
         lambda r, q: r.choice(p.STREET_TYPES).capitalize() + " " + r.choice(p.STREET_NAMES)),
        ("Complément", "skip", "Building and flat: part of an address, meaningless alone.", lambda r, q: maybe(r, 0.3, "Bât. %s, apt %d" % (r.choice("ABCD"), r.randint(1, 60)))),
        ("Code postal", "public", None, lambda r, q: r.choice(p.COMMUNES)[1]),
        ("Commune", "public", None, lambda r, q: r.choice(p.COMMUNES)[2]),
        ("Composition du foyer", "personal", "familySituation",
         lambda r, q: r.choice(["Personne seule", "Couple", "Couple + 1 enfant", "Couple + 2 enfants",
                                "Parent isolé + 1 enfant", "Parent isolé + 3 enfants"])),
        ("Revenus mensuels", "personal", "income", lambda r, q: str(r.randint(600, 3500))),
        ("Handicap", "sensitive", "health", lambda r, q: r.choice(["non"] * 8 + ["oui", "PMR"])),
        ("Typologie demandée", "public", None, lambda r, q: r.choice(["T1", "T2", "T3", "T4", "T5"])),
    ]
    return ("demandeurs_logement.csv", "cp1252", ";", 700, cols, lambda r: person(r, 1940, 2005))


def leisure():
    """Leisure centre registrations exported in lower case (names, e-mails) with a tab delimiter."""
    cols = [
        ("nom", "personal", "identity", lambda r, q: q["last"].lower()),
        ("prenom", "personal", "identity", lambda r, q: q["first"].lower()),
        ("naissance", "personal", "birthDate", lambda r, q: birth(q)),
        ("responsable", "personal", "identity", lambda r, q: "m. " + p.first(r, "M").lower() + " " + q["last"].lower()),
        ("mail", "personal", "email", lambda r, q: p.email(r, p.first(r), q["last"])),
        ("tel", "personal", "phone", lambda r, q: p.phone(r)),
        ("activite", "public", None, lambda r, q: r.choice(["judo", "danse", "poterie", "football", "théâtre"])),
        ("semaine", "public", None, lambda r, q: str(r.randint(27, 35))),
    ]
    return ("centre_loisirs_ete.tsv", "utf-8", "\t", 450, cols, lambda r: person(r, 2012, 2020))


def council():
    """Municipal council: elected officials with their political label (art. 9 even when public)."""
    cols = [
        ("Nom", "personal", "identity", lambda r, q: q["last"].upper()),
        ("Prénom", "personal", "identity", lambda r, q: q["first"]),
        ("Fonction", "public", None, lambda r, q: r.choice(["Maire", "Adjoint", "Adjointe", "Conseiller municipal",
                                                             "Conseillère municipale"])),
        ("Délégation", "public", None, lambda r, q: r.choice(["Finances", "Écoles", "Sports", "Culture", "Urbanisme", ""])),
        ("Nuance politique", "sensitive", "politicalOpinion",
         lambda r, q: r.choice(["DVG", "DVD", "LR", "PS", "RN", "LFI", "ECO", "DIV", "REN"])),
        ("Date de naissance", "personal", "birthDate", lambda r, q: birth(q)),
        ("Profession", "skip", "Occupation of a named person: personal, but not a category of the register's list.", lambda r, q: r.choice(["Enseignant", "Retraité", "Cadre", "Agriculteur", "Médecin"])),
    ]
    return ("conseil_municipal.csv", "utf-8", ";", 35, cols, lambda r: person(r, 1945, 2000))


ALL = [ccas, canteen, staff, parking, fines, weblogs, library, meals, police, no_headers, vendors, mojibake, reports, letters, housing, leisure, council]
