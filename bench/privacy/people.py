"""Synthetic French people and identifiers for the privacy evaluation set (no real person).

Every generator takes a random.Random so the whole set is reproducible from one seed.
Checksums follow GDPR.md section 6: NIR key = 97 - (first 13 digits mod 97) with 2A -> 19, 2B -> 18;
IBAN ISO 7064 mod 97-10; SIREN/SIRET Luhn.
"""

FIRST_M = """Jean Pierre Michel André Philippe Louis Alain Jacques Bernard Daniel Paul Claude Christian Nicolas
François Patrick Christophe Julien Laurent Frédéric Éric David Stéphane Pascal Sébastien Alexandre Thierry
Olivier Thomas Antoine Vincent Franck Jérôme Didier Bruno Marc Yves Guillaume Gabriel Arthur Raphaël Léo
Lucas Hugo Jules Adam Maël Nathan Noah Théo Enzo Mathis Maxime Quentin Kévin Romain Florian Benjamin
Jean-Pierre Jean-Claude Jean-Luc Mohamed Karim Mehdi Rachid Sofiane Youssef Omar Bilal Amine Samir
Baptiste Valentin Clément Victor Samuel Adrien Loïc Gaëtan Tristan Benoît Emmanuel Gilles Rémi Yannick
Sacha Timéo Titouan Gabin Malo Nolan Liam Aaron Ibrahim Moussa Mamadou Kylian Ethan Axel Noé""".split()
FIRST_F = """Marie Jeanne Françoise Monique Catherine Nathalie Isabelle Sylvie Anne Martine Nicole Christine
Valérie Sandrine Sophie Céline Stéphanie Aurélie Émilie Julie Laura Camille Manon Léa Chloé Emma Inès Jade
Louise Alice Lina Rose Anna Mila Ambre Julia Zoé Lola Sarah Clara Lucie Mathilde Pauline Marine Claire
Charlotte Élodie Mélanie Audrey Caroline Hélène Patricia Brigitte Fatima Aïcha Leïla Nadia Samira Amina
Myriam Anne-Marie Marie-Christine Juliette Léonie Margaux Noémie Salomé Yasmine Agathe Adèle Capucine
Clémence Éloïse Gabrielle Océane Morgane Justine Amandine Karine Delphine Virginie Laetitia Fanny
Maëlys Romane Anaïs Lou Nina Elsa Iris Jasmine Mariam Aminata Ginette Huguette Odette Simone Yvette""".split()
SURNAMES = """Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre Michel
Garcia David Bertrand Roux Vincent Fournier Morel Girard André Lefèvre Mercier Dupont Lambert Bonnet François
Martinez Legrand Garnier Faure Rousseau Blanc Guérin Muller Henry Roussel Nicolas Perrin Morin Mathieu
Clément Gauthier Dumont Lopez Fontaine Chevalier Robin Masson Sanchez Gérard Nguyen Boyer Denis Lemaire
Duval Joly Gautier Roger Roche Roy Noël Meyer Lucas Meunier Jean Perez Marchand Dufour Blanchard Marie
Barbier Brun Dumas Brunet Schmitt Leroux Colin Fernandez Pierre Renard Arnaud Rolland Caron Aubert Giraud
Leclerc Vidal Bourgeois Renaud Lemoine Picard Gaillard Philippe Leclercq Lacroix Fabre Dupuis Olivier
Rodriguez Da_Silva Hubert Louis Charles Guillot Rivière Le_Gall Guillaume Adam Rey Moulin Gonzalez
Berger Lecomte Menard Fleury Deschamps Carpentier Julien Benoît Paris Maillard Marchal Aubry Vasseur
Le_Roux Renault Jacquet Collet Prévost Poirier Charpentier Royer Huet Baron Dupuy Pons Paul Laine
Carré Breton Rémy Schneider Perret Aubin Benard Diallo Traoré Haddad Benali Nguyen Tran Kaya Ferreira
Dos_Santos Belkacem Cissé Bouvier Lebrun Hamon Besnard Texier Tessier Guillou Le_Goff Kerbrat""".split()
SURNAMES = [s.replace("_", " ") for s in SURNAMES]

STREET_TYPES = ["rue", "avenue", "boulevard", "chemin", "impasse", "allée", "place", "route", "quai", "square"]
STREET_NAMES = ["de la République", "Victor Hugo", "Jean Jaurès", "de la Paix", "des Lilas", "du Moulin",
                "Pasteur", "de la Gare", "des Écoles", "du Général de Gaulle", "Émile Zola", "des Tilleuls",
                "de l'Église", "Gambetta", "des Acacias", "du Stade", "Anatole France", "de Verdun",
                "Louise Michel", "des Vignes", "du Château", "de la Mairie", "Jules Ferry", "Saint-Exupéry"]
COMMUNES = [("69123", "69001", "Lyon"), ("69266", "69100", "Villeurbanne"), ("69029", "69500", "Bron"),
            ("69259", "69200", "Vénissieux"), ("69290", "69800", "Saint-Priest"), ("69256", "69120", "Vaulx-en-Velin"),
            ("38185", "38000", "Grenoble"), ("42218", "42000", "Saint-Étienne"), ("01053", "01000", "Bourg-en-Bresse"),
            ("2A004", "20000", "Ajaccio"), ("2B033", "20200", "Bastia"), ("97411", "97400", "Saint-Denis")]


def first(rng, sex=None):
    if sex is None:
        sex = rng.choice("MF")
    return rng.choice(FIRST_M if sex == "M" else FIRST_F)


def surname(rng):
    return rng.choice(SURNAMES)


def nir(rng, sex=None, year=None, month=None, corsica=False, spaced=None):
    """A NIR with a valid key; 2A/2B departments when corsica; several spellings."""
    s = str(sex if sex else rng.choice([1, 2]))
    yy = "%02d" % ((year if year else rng.randint(1935, 2018)) % 100)
    mm = "%02d" % (month if month else rng.randint(1, 12))
    if corsica:
        dept, commune = rng.choice(["2A", "2B"]), "%03d" % rng.randint(1, 366)
    elif rng.random() < 0.05:
        dept, commune = "97" + str(rng.randint(1, 6)), "%02d" % rng.randint(1, 34)
    else:
        dept, commune = "%02d" % rng.choice([d for d in range(1, 96) if d != 20]), "%03d" % rng.randint(1, 999)
    order = "%03d" % rng.randint(1, 999)
    body = s + yy + mm + dept + commune + order
    numeric = body.replace("2A", "19").replace("2B", "18")
    key = "%02d" % (97 - int(numeric) % 97)
    spaced = rng.random() < 0.4 if spaced is None else spaced
    if spaced:
        return " ".join([body[0], body[1:3], body[3:5], body[5:7], body[7:10], body[10:13], key])
    return body + key


def nir_decoy(rng):
    """15 digits shaped like a NIR whose key fails (or whose first digit is not a sex digit)."""
    valid = nir(rng, spaced=False).replace("2A", "19").replace("2B", "18")
    if rng.random() < 0.5:
        key = int(valid[13:])
        return valid[:13] + "%02d" % ((key % 97) + 1)
    return str(rng.choice([0, 5, 6, 9])) + valid[1:]


def iban_fr(rng, grouped=None):
    bank, branch = "%05d" % rng.randint(10000, 30099), "%05d" % rng.randint(0, 99999)
    account = "%011d" % rng.randint(0, 10 ** 11 - 1)
    rib = "%02d" % rng.randint(1, 97)
    return iban("FR", bank + branch + account + rib, rng, grouped)


def iban(country, bban, rng, grouped=None):
    digits = "".join(str(int(c, 36)) for c in bban + country) + "00"
    check = "%02d" % (98 - int(digits) % 97)
    value = country + check + bban
    grouped = rng.random() < 0.6 if grouped is None else grouped
    return " ".join(value[i:i + 4] for i in range(0, len(value), 4)) if grouped else value


def iban_foreign(rng):
    country = rng.choice(["DE", "BE", "ES"])
    length = {"DE": 18, "BE": 12, "ES": 20}[country]
    return iban(country, "".join(str(rng.randint(0, 9)) for _ in range(length)), rng)


def bic(rng):
    return rng.choice(["BNPAFRPP", "SOGEFRPP", "CRLYFRPP", "AGRIFRPP839", "CCBPFRPP", "PSSTFRPPLYO", "CMCIFR2A"])


def phone(rng, mobile=None):
    mobile = rng.random() < 0.7 if mobile is None else mobile
    p = rng.choice(["6", "7"]) if mobile else rng.choice(["1", "2", "3", "4", "5", "9"])
    d = "".join(str(rng.randint(0, 9)) for _ in range(8))
    pairs = [d[i:i + 2] for i in range(0, 8, 2)]
    style = rng.randint(0, 7)
    if style == 0:
        return "0" + p + d
    if style == 1:
        return "0" + p + " " + " ".join(pairs)
    if style == 2:
        return "0" + p + "." + ".".join(pairs)
    if style == 3:
        return "0" + p + "-" + "-".join(pairs)
    if style == 4:
        return "+33 " + p + " " + " ".join(pairs)
    if style == 5:
        return "+33" + p + d
    if style == 6:
        return "0033 " + p + " " + " ".join(pairs)
    return "+33 (0)" + p + " " + " ".join(pairs)


def email(rng, fn, ln, domain=None):
    fold = str.maketrans("àâäçéèêëîïôöùûüÿ", "aaaceeeeiioouuuy")
    f = fn.lower().translate(fold).replace(" ", "").replace("'", "")
    last = ln.lower().translate(fold).replace(" ", "").replace("'", "")
    domain = domain or rng.choice(["gmail.com", "orange.fr", "free.fr", "laposte.net", "hotmail.fr", "sfr.fr", "yahoo.fr"])
    style = rng.randint(0, 4)
    local = [f + "." + last, f[0] + last, last + "." + f, f + last + str(rng.randint(1, 99)), f + "_" + last][style]
    return local + "@" + domain


def plate(rng):
    letters = "ABCDEFGHJKLMNPQRSTVWXYZ"
    if rng.random() < 0.75:
        a = rng.choice(letters) + rng.choice(letters)
        b = rng.choice(letters) + rng.choice(letters)
        n = "%03d" % rng.randint(1, 999)
        return rng.choice([f"{a}-{n}-{b}", f"{a}{n}{b}", f"{a} {n} {b}"])
    dept = rng.choice(["69", "75", "13", "2A", "38", "971"])
    return f"{rng.randint(1, 9999)} {''.join(rng.choice(letters) for _ in range(rng.randint(1, 3)))} {dept}"


def address(rng, with_city=False):
    number = str(rng.randint(1, 180)) + rng.choice(["", "", "", "", " bis", " ter"])
    street = rng.choice(STREET_TYPES) + " " + rng.choice(STREET_NAMES)
    if rng.random() < 0.08:
        street = "Résidence Les Pins, bât. " + rng.choice("ABC") + ", " + number + " " + street
        number = ""
    text = (number + " " + street).strip()
    if with_city:
        code, cp, city = rng.choice(COMMUNES)
        text += f" {cp} {city}"
    return text


def date(rng, y0, y1, fmt="fr"):
    y, m, d = rng.randint(y0, y1), rng.randint(1, 12), rng.randint(1, 28)
    if fmt == "iso":
        return f"{y:04d}-{m:02d}-{d:02d}"
    if fmt == "short":
        return f"{d:02d}/{m:02d}/{y % 100:02d}"
    return f"{d:02d}/{m:02d}/{y:04d}"


def luhn_complete(prefix):
    """Appends the Luhn digit that makes prefix+digit valid."""
    for d in range(10):
        s = prefix + str(d)
        total = 0
        for i, c in enumerate(reversed(s)):
            v = int(c) * (2 if i % 2 == 1 else 1)
            total += v - 9 if v > 9 else v
        if total % 10 == 0:
            return s
    raise ValueError(prefix)


def siren(rng):
    return luhn_complete(str(rng.randint(30000000, 99999999)))


def siret(rng, base=None):
    return luhn_complete((base or siren(rng)) + "%04d" % rng.randint(1, 120))
