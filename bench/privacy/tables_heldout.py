"""Held-out tables: written after the detector was tuned on tables_people and tables_public, and scored once
before any further change (the README gives that first score). Same shape as the other table modules.
"""
import people as p
from tables_people import birth, maybe, person


def births():
    """Civil registry of births: recent birth dates, parents' names, home of the parents."""
    cols = [
        ("Nom de l'enfant", "personal", "identity", lambda r, q: q["last"].upper()),
        ("Prénoms", "personal", "identity", lambda r, q: q["first"] + maybe(r, 0.6, ", " + p.first(r, q["sex"]))),
        ("Date de naissance", "personal", "birthDate", lambda r, q: birth(q)),
        ("Lieu de naissance", "personal", "civilStatus", lambda r, q: r.choice(["Lyon 8e", "Bron", "Villeurbanne", "Lyon 4e"])),
        ("Nom du père", "personal", "identity", lambda r, q: maybe(r, 0.9, q["last"].upper() + " " + p.first(r, "M"))),
        ("Nom de la mère", "personal", "identity", lambda r, q: p.surname(r).upper() + " " + p.first(r, "F")),
        ("Domicile des parents", "personal", "postalAddress", lambda r, q: p.address(r, True)),
        ("N° d'acte", "skip", "Record number of a civil act: a pseudonymous identifier, judged by the DPO.", lambda r, q: "2025/%04d" % r.randint(1, 2500)),
    ]
    return ("etat_civil_naissances.csv", "utf-8", ";", 300, cols, lambda r: person(r, 2025, 2025))


def nursery():
    """Nursery registrations: abbreviated upper-case headers, parent contacts, vaccinations."""
    cols = [
        ("NOM ENFANT", "personal", "identity", lambda r, q: q["last"].upper()),
        ("PRENOM ENFANT", "personal", "identity", lambda r, q: q["first"]),
        ("DDN", "personal", "birthDate", lambda r, q: birth(q)),
        ("NOM PARENT 1", "personal", "identity", lambda r, q: q["last"].upper() + " " + p.first(r)),
        ("TEL PARENT 1", "personal", "phone", lambda r, q: p.phone(r, mobile=True)),
        ("MAIL PARENT 1", "personal", "email", lambda r, q: p.email(r, p.first(r), q["last"])),
        ("MEDECIN TRAITANT", "skip", "A doctor's name (personal) that also hints at health care: the level is a judgement.", lambda r, q: "Dr " + p.surname(r)),
        ("VACCINS A JOUR", "sensitive", "health", lambda r, q: r.choice(["oui"] * 9 + ["non"])),
        ("ALLERGIES / PAI", "sensitive", "health", lambda r, q: maybe(r, 0.1, r.choice(["PAI lait", "Arachide", "Œuf"]))),
        ("SECTION", "public", None, lambda r, q: r.choice(["Bébés", "Moyens", "Grands"])),
    ]
    return ("creche_inscriptions.csv", "cp1252", ";", 120, cols, lambda r: person(r, 2022, 2025))


def oncall():
    """On-call rota: agents' names and phones (personal), service vehicles' plates (the city's, not a person's)."""
    cols = [
        ("Semaine", "public", None, lambda r, q: str(r.randint(1, 52))),
        ("Agent", "personal", "identity", lambda r, q: q["first"] + " " + q["last"].upper()),
        ("Service", "public", None, lambda r, q: r.choice(["Voirie", "Bâtiments", "Eau", "Éclairage"])),
        ("Téléphone d'astreinte", "personal", "phone", lambda r, q: p.phone(r, mobile=True)),
        ("Véhicule de service", "public", None, lambda r, q: r.choice(["EF-482-KL", "GH-113-ZA", "FT-907-PB", "DL-220-MC"])),
    ]
    return ("astreintes_techniques.csv", "utf-8", ",", 104, cols, lambda r: person(r, 1965, 2000))


def rooms():
    """Room bookings: the applicant is a person or an association, e-mails of both kinds."""
    def applicant(r, q):
        if r.random() < 0.4:
            return "Association " + r.choice(["Les Amis du Quartier", "Danse Passion", "Échecs Club", "Secours Populaire"])
        return ("M. " if q["sex"] == "M" else "Mme ") + q["first"] + " " + q["last"]

    def mail(r, q):
        return "contact@asso-%d.fr" % r.randint(1, 50) if r.random() < 0.4 else p.email(r, q["first"], q["last"])
    cols = [
        ("Demandeur", "personal", "identity", applicant),
        ("Courriel", "personal", "email", mail),
        ("Salle", "public", None, lambda r, q: r.choice(["Salle Jean Moulin", "Salle des fêtes", "Maison des associations"])),
        ("Date", "public", None, lambda r, q: p.date(r, 2025, 2026)),
        ("Créneau", "public", None, lambda r, q: r.choice(["Matin", "Après-midi", "Soirée"])),
        ("Montant", "public", None, lambda r, q: r.choice(["0", "45", "120", "250"])),
    ]
    return ("reservations_salles.csv", "utf-8", ";", 350, cols, lambda r: person(r, 1950, 2004))


def directory():
    """Directory of services: functional contacts, but the head of each service is a named agent."""
    cols = [
        ("Service", "public", None, lambda r, q: r.choice(["État civil", "Urbanisme", "Petite enfance", "Sports", "CCAS"])),
        ("Responsable", "personal", "identity", lambda r, q: ("M. " if q["sex"] == "M" else "Mme ") + q["first"] + " " + q["last"]),
        ("Téléphone", "public", None, lambda r, q: "04 78 %02d %02d %02d" % (r.randint(0, 99), r.randint(0, 99), r.randint(0, 99))),
        ("Courriel", "public", None, lambda r, q: r.choice(["etat-civil", "urbanisme", "petite.enfance", "sports", "ccas"]) + "@ville-exemple.fr"),
        ("Horaires", "public", None, lambda r, q: r.choice(["Lu-Ve 8h30-17h", "Lu-Sa 9h-12h"])),
    ]
    return ("annuaire_services.csv", "utf-8", ",", 40, cols, lambda r: person(r, 1965, 1995))


def contracts():
    """Public contracts: holders are companies with SIRET; notification dates over years."""
    cols = [
        ("Objet", "public", None, lambda r, q: r.choice(["Entretien des espaces verts", "Fourniture de repas", "Travaux de voirie",
                                                          "Maintenance informatique"])),
        ("Titulaire", "public", None, lambda r, q: r.choice(["SARL Martin Frères", "Colas Rhône-Alpes", "Eiffage Route",
                                                              "Elior Restauration", "Inetum", "Id Verde"])),
        ("SIRET titulaire", "public", None, lambda r, q: p.siret(r)),
        ("Montant HT", "public", None, lambda r, q: "%d" % r.randint(5000, 900000)),
        ("Date de notification", "public", None, lambda r, q: p.date(r, 2012, 2025)),
        ("Durée (mois)", "public", None, lambda r, q: str(r.choice([12, 24, 36, 48]))),
    ]
    return ("marches_publics.csv", "utf-8", ";", 250, cols, lambda r: {})


def deliberations():
    """Council deliberations: the rapporteur is a named elected official."""
    cols = [
        ("Numéro", "public", None, lambda r, q: "DEL-2025-%03d" % r.randint(1, 300)),
        ("Date de séance", "public", None, lambda r, q: p.date(r, 2025, 2025)),
        ("Objet", "public", None, lambda r, q: r.choice(["Budget primitif 2025", "Tarifs de la cantine", "Subventions aux associations",
                                                          "Convention avec la Métropole"])),
        ("Rapporteur", "personal", "identity", lambda r, q: q["first"] + " " + q["last"]),
        ("Pour", "public", None, lambda r, q: str(r.randint(20, 35))),
        ("Contre", "public", None, lambda r, q: str(r.randint(0, 8))),
        ("Abstentions", "public", None, lambda r, q: str(r.randint(0, 4))),
    ]
    return ("deliberations.csv", "utf-8", ",", 120, cols, lambda r: person(r, 1950, 1995))


def glass():
    """Glass collection points: addresses of street furniture, coordinates."""
    cols = [
        ("Identifiant", "public", None, lambda r, q: "PAV%05d" % r.randint(1, 99999)),
        ("Adresse", "public", None, lambda r, q: p.address(r)),
        ("Code INSEE", "public", None, lambda r, q: r.choice(p.COMMUNES)[0]),
        ("Volume (L)", "public", None, lambda r, q: r.choice(["3000", "4000"])),
        ("Lat", "public", None, lambda r, q: "%.5f" % r.uniform(45.70, 45.80)),
        ("Lon", "public", None, lambda r, q: "%.5f" % r.uniform(4.78, 4.92)),
    ]
    return ("points_collecte_verre.csv", "utf-8", ";", 300, cols, lambda r: {})


ALL = [births, nursery, oncall, rooms, directory, contracts, deliberations, glass]
