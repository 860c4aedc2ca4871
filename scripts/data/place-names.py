#!/usr/bin/env python3
"""Writes the place-name lists the semantic format detection checks text values against.

usage: [SITE_PACKAGES=bench/out/types/venv/lib/python3.X/site-packages] scripts/data/place-names.py [CORPUS_DIR]
       (default CORPUS_DIR: ../shared/corpus beside the repository; SITE_PACKAGES adds the lists below)

Reads INSEE's Code officiel géographique (2026 and 2022) and writes, under
Sources/SocleIngest/Resources/data/, one folded name per line:
  commune_names.txt      every commune, delegated or associated commune and municipal arrondissement, with and
                         without its article (LIBELLE, NCCENR), plus "St"/"Ste" spellings of Saint/Sainte;
                         (for every list, a name that starts with an article is also kept without it)
  departement_names.txt  every département and overseas collectivity;
  region_names.txt       every région.
The folding is FoldKey's (Sources/SocleIngest/Inference/FoldKey.swift): lowercase ASCII, Latin-1 accents to
their base letter, œ to "oe", spaces and . / - _ ' ’ ! ( ) – — dropped. A name that does not fold is left out.
"""
import csv
import os
import sys

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
corpus = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "..", "shared", "corpus")
cog = os.path.join(corpus, "real_csv", "insee_cog")
out = os.path.join(root, "Sources", "SocleIngest", "Resources", "data")

LATIN1 = "aaaaaaaceeeeiiii" + "dnooooo" + "\0" + "ouuuuy" + "\0" + "s"
DROP = set(" \t./-_'!()\u00a0\u202f\u2019\u2013\u2014")


def fold(s):
    r = []
    for ch in s:
        o = ord(ch)
        if "a" <= ch <= "z" or "0" <= ch <= "9" or ch == "#":
            r.append(ch)
        elif "A" <= ch <= "Z":
            r.append(ch.lower())
        elif ch in DROP:
            continue
        elif 0xC0 <= o <= 0xFF:
            base = "y" if o == 0xFF else LATIN1[(o - 0xC0) % 32]
            if base == "\0":
                return None
            r.append(base)
        elif o in (0x152, 0x153):
            r.append("oe")
        else:
            return None
    key = "".join(r)
    return key if key and len(s.encode("utf-8")) <= 96 else None


def saints(name):
    """Saint-Jean → St-Jean; Sainte-Anne → Ste-Anne (La Poste's and many exports' spelling); La Réunion → Réunion."""
    out = {name}
    for article in ("La ", "Le ", "Les ", "L'", "LA ", "LE ", "LES "):
        if name.startswith(article):
            out.add(name[len(article):])
    for long, short in (("Sainte", "Ste"), ("Saint", "St"), ("SAINTE", "STE"), ("SAINT", "ST")):
        for n in list(out):
            if long in n:
                out.add(n.replace(long + "-", short + "-").replace(long + " ", short + " "))
    return out


def rows(path, delimiter=","):
    with open(path, encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f, delimiter=delimiter)


def write(name, names):
    keys = sorted({k for n in names for v in saints(n) if (k := fold(v))})
    with open(os.path.join(out, name), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(keys) + "\n")
    print(f"{name}: {len(keys)} keys")


communes = []
for path in ("cog_2026/v_commune_2026.csv", "commune_2022.csv"):
    for r in rows(os.path.join(cog, path)):
        communes += [r["LIBELLE"], r["NCCENR"]]
for r in rows(os.path.join(cog, "cog_2026/v_commune_comer_2026.csv")):
    communes += [r["LIBELLE"], r["NCCENR"]]
write("commune_names.txt", communes)

departements = []
for r in rows(os.path.join(cog, "cog_2026/v_departement_2026.csv")):
    departements += [r["LIBELLE"], r["NCCENR"]]
for r in rows(os.path.join(cog, "cog_2026/v_commune_comer_2026.csv")):
    departements.append(r["LIBELLE_COMER"])
write("departement_names.txt", departements)

regions = []
for r in rows(os.path.join(cog, "cog_2026/v_region_2026.csv")):
    regions += [r["LIBELLE"], r["NCCENR"]]
write("region_names.txt", regions)

# Cantons (COG 2023 and 2024), FANTOIR street-code prefixes and the labels of socio-professional categories
# (PCS): read from frformat 0.5.0 and csv-detective 0.13.0 (both MIT, both on PyPI), as bench/types installs them.
site = os.environ.get("SITE_PACKAGES")
if site:
    import importlib.util

    def module(path):
        spec = importlib.util.spec_from_file_location("m", os.path.join(site, path))
        m = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(m)
        return m

    cantons = module("frformat/formats/canton_frozenset.py")
    write("canton_names.txt", list(cantons.CANTON_COG_2023 | cantons.CANTON_COG_2024))
    fantoir = module("frformat/formats/code_fantoir_frozenset.py").PARTIAL_CODE_FANTOIR
    with open(os.path.join(out, "fantoir_prefixes.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(sorted(fantoir)) + "\n")
    print(f"fantoir_prefixes.txt: {len(fantoir)} prefixes")
    with open(os.path.join(site, "csv_detective/formats/data/csp_insee.txt"), encoding="utf-8") as f:
        write("csp_names.txt", [line for line in f.read().split("\n") if line])
