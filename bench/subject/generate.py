#!/usr/bin/env python3
"""Generates the subject-search benchmark's files: N CSV files of R rows each, people with the personal columns a
social or school service holds (name, first name, birth date, e-mail, phone, NIR, plate, address), plus amounts and
dates. Deterministic (seeded). One planted person ("Marguerite Lenoir", see PLANTED) appears once in every file, so
the erasure is timed across every dataset. Usage: generate.py FILES ROWS OUTDIR"""
import os, random, sys

LAST = ["MARTIN", "BERNARD", "THOMAS", "PETIT", "ROBERT", "RICHARD", "DURAND", "DUBOIS", "MOREAU", "LAURENT", "SIMON",
        "MICHEL", "LEFEBVRE", "LEROY", "ROUX", "DAVID", "BERTRAND", "MOREL", "FOURNIER", "GIRARD", "BONNET", "DUPONT",
        "LAMBERT", "FONTAINE", "ROUSSEAU", "VINCENT", "MULLER", "LEFEVRE", "FAURE", "ANDRE", "MERCIER", "BLANC", "GUERIN"]
FIRST = ["Jean", "Marie", "Pierre", "Nathalie", "Michel", "Isabelle", "André", "Sylvie", "Philippe", "Catherine", "Louis",
         "Françoise", "Alain", "Martine", "Jacques", "Christine", "Éric", "Monique", "Léa", "Hugo", "Chloé", "Lucas", "Zoé"]
STREETS = ["rue de la Gare", "chemin du Moulin", "rue Victor-Hugo", "place de l'Église", "avenue de la Libération"]
PLANTED = ("LENOIR", "Marguerite", "1961-04-17", "marguerite.lenoir@exemple.fr", "06 71 82 93 04", "261047512345611", "MG-617-LN")


def row(r, i, f):
    last, first = r.choice(LAST), r.choice(FIRST)
    y, m, d = r.randint(1930, 2010), r.randint(1, 12), r.randint(1, 28)
    sex = r.choice("12")
    nir = f"{sex}{y % 100:02d}{m:02d}75{r.randint(100, 999)}{r.randint(100, 999)}{r.randint(10, 97)}"
    email = f"{first.lower()}.{last.lower()}{f}x{i}@exemple.fr".replace("é", "e").replace("ç", "c").replace("è", "e").replace("É", "e")
    phone = f"0{r.choice('67')} {r.randint(10, 99)} {r.randint(10, 99)} {r.randint(10, 99)} {r.randint(10, 99)}"
    plate = f"{chr(65 + r.randint(0, 25))}{chr(65 + r.randint(0, 25))}-{r.randint(100, 999)}-{chr(65 + r.randint(0, 25))}{chr(65 + r.randint(0, 25))}"
    addr = f"{r.randint(1, 120)} {r.choice(STREETS)} 14500 Vire"
    return [last, first, f"{y:04d}-{m:02d}-{d:02d}", email, phone, nir, plate, addr,
            f"{r.randint(10, 2000)}.{r.randint(0, 99):02d}", f"2026-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"]


def main():
    files, rows, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    os.makedirs(out, exist_ok=True)
    header = "nom;prenom;date_de_naissance;courriel;telephone;nir;immatriculation;adresse;montant;date_demande\n"
    for f in range(files):
        path = os.path.join(out, f"personnes-{f:02d}.csv")
        if os.path.exists(path):
            continue
        r = random.Random(f)
        planted_at = r.randint(0, rows - 1)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(header)
            for i in range(rows):
                values = row(r, i, f)
                if i == planted_at:
                    values[:7] = PLANTED
                fh.write(";".join(values) + "\n")


if __name__ == "__main__":
    main()
