#!/usr/bin/env python3
"""Writes the privacy evaluation set into bench/out/privacy/ (deterministic, seeded, no network).

    python3 bench/privacy/generate.py [--out bench/out/privacy] [--seed 20250] [--big 10000]

Synthetic tables (tables_people, tables_public) in several encodings and delimiters, plus truth.json that
labels every column of every file — the synthetic ones and the public corpus files of Tests/Fixtures
listed below — as public, personal or sensitive with its data category ("skip" = not scored, with why).
"""
import argparse
import csv
import io
import json
import os
import random
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import tables_people  # noqa: E402
import tables_public  # noqa: E402
import tables_heldout  # noqa: E402

ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))

# Public corpus files (copied from the shared corpus into Tests/Fixtures): every column public unless
# listed in PERSONAL_CORPUS_COLUMNS, with the reason.
CORPUS = [
    "real_csv/laposte/laposte_hexasmal.csv",
    "real_csv/insee_cog/commune_2022.csv",
    "real_csv/insee_cog/commune2021_excel-mangled.csv",
    "real_csv/insee_cog/cog_2026/v_commune_2026.csv",
    "real_csv/insee_cog/cog_2026/v_departement_2026.csv",
    "real_csv/insee_cog/cog_2026/v_region_2026.csv",
    "real_csv/ban_bal_validateur/sample.csv",
    "real_csv/ban_bal_validateur/sample.ansi.csv",
    "real_csv/ban_bal_validateur/1.5-valid.csv",
    "real_csv/mobilite_idf/emplacement-des-gares-idf.csv",
    "real_csv/mobilite_idf/trafic-annuel-entrant-par-station-du-reseau-ferre-2021.csv",
    "real_csv/mobilite_idf/comptage-velo-totaux-2021_derived.csv",
    "real_csv/mobilite_idf/comptages-routiers-permanents_cleaned_derived.csv",
    "real_csv/elections/presidentielle2022_resultats-par-niveau-dpt-t1_extrait.csv",
    "real_csv/elections/Presidentielle_2017_Resultats_Tour_1_dpt_extrait.csv",
    "scdl/subventions/exemple_valide.csv",
    "scdl/irve/exemple-valide-statique.csv",
    "scdl/irve/exemple-valide-dynamique.csv",
    "scdl/stationnement/exemple-valide_legacy-headers.csv",
    "scdl/lieux-covoiturage/exemple-valide.csv",
    "scdl/comptage-mobilites/site_exemple-valide-eco-compteur.csv",
    "scdl/comptage-mobilites/channel_exemple-valide-eco-compteur.csv",
    "scdl/comptage-mobilites/measure_exemple-valide-eco-compteur.csv",
    "real_csv/rne_elus/elus-deputes-dep.csv",
]
ELECTED = "Elected officials are people: their names, birth dates and sex are personal data even when published by law."
PERSONAL_CORPUS_COLUMNS = {
    "real_csv/rne_elus/elus-deputes-dep.csv": {
        "Nom de l'élu": ("personal", "identity", ELECTED),
        "Prénom de l'élu": ("personal", "identity", ELECTED),
        "Date de naissance": ("personal", "birthDate", ELECTED),
        "Code sexe": ("personal", "civilStatus", ELECTED),
        "Code de la catégorie socio-professionnelle": ("skip", None, "Occupation of a named person: personal, but "
                                                       "not a category of the register's list (GDPR.md section 1)."),
        "Libellé de la catégorie socio-professionnelle": ("skip", None, "Same as its code."),
    },
}


def mojibake(text):
    """UTF-8 bytes read as Windows-1252: "Prénom" becomes "PrÃ©nom"."""
    return text.encode("utf-8").decode("cp1252", errors="replace")


def write_table(out_dir, spec, rng, rows_override=None):
    name, encoding, delimiter, rows, cols, row_context = spec
    rows = rows_override or rows
    labels = [c[0] for c in cols]
    if encoding == "json":
        records = []
        for _ in range(rows):
            q = row_context(rng)
            records.append({c[0]: (v if v != "" else None) for c in cols for v in [c[3](rng, q)]})
        with open(os.path.join(out_dir, name), "w", encoding="utf-8") as f:
            json.dump(records, f, ensure_ascii=False, indent=1)
        return {"path": os.path.join("bench/out/privacy", name), "kind": "synthetic", "encoding": "utf-8 (JSON array)",
                "delimiter": None, "rows": rows,
                "columns": {c[0]: ({"expected": c[1], "category": None, "note": c[2]} if c[1] == "skip"
                                   else {"expected": c[1], "category": c[2]}) for c in cols}}
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n" if encoding == "cp1252" else "\n")
    w.writerow(labels)
    for _ in range(rows):
        q = row_context(rng)
        w.writerow([c[3](rng, q) for c in cols])
    text = buf.getvalue()
    if encoding == "mojibake":
        text, labels = mojibake(text), [mojibake(x) for x in labels]
        data = text.encode("utf-8")
    elif encoding == "utf-16":
        data = text.encode("utf-16")  # with a BOM, little endian
    else:
        data = text.encode(encoding, errors="replace")
    with open(os.path.join(out_dir, name), "wb") as f:
        f.write(data)
    columns = {}
    for label, (_, expected, category, _gen) in zip(labels, cols):
        # For a skipped column the category slot holds the reason it is not scored.
        if expected == "skip":
            columns[label] = {"expected": expected, "category": None, "note": category}
        else:
            columns[label] = {"expected": expected, "category": category}
    return {"path": os.path.join("bench/out/privacy", name), "kind": "synthetic", "encoding": encoding,
            "delimiter": delimiter, "rows": rows, "columns": columns}


def corpus_labels(path):
    """Header labels of a corpus CSV, read the simple way (the files listed here are plain CSVs)."""
    raw = open(path, "rb").read()
    text = raw.decode("utf-8-sig") if raw[:3] == b"\xef\xbb\xbf" else None
    if text is None:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252")
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return next(csv.reader([first], delimiter=delimiter))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "out", "privacy"))
    ap.add_argument("--seed", type=int, default=20250)
    ap.add_argument("--big", type=int, default=10000, help="rows of the large CCAS table used for throughput")
    ap.add_argument("--fixtures", default=os.path.join(ROOT, "Tests", "Fixtures"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    files = []
    tuned = tables_people.ALL + tables_public.ALL
    for i, make in enumerate(tuned + tables_heldout.ALL):
        spec = make()
        rng = random.Random(args.seed * 1000 + zlib.crc32(spec[0].encode()))
        entry = write_table(args.out, spec, rng)
        entry["description"] = (make.__doc__ or "").strip()
        entry["group"] = "tuning" if i < len(tuned) else "heldout"
        files.append(entry)
    # A large table for the throughput figure (same shape as the CCAS one, other rows).
    big = tables_people.ccas()
    big = ("ccas_beneficiaires_grand.csv",) + big[1:]
    entry = write_table(args.out, big, random.Random(args.seed + 7), rows_override=args.big)
    entry["description"] = "The CCAS table with %d rows, for the throughput figure." % args.big
    entry["group"] = "tuning"
    files.append(entry)
    for rel in CORPUS:
        path = os.path.join(args.fixtures, rel)
        if not os.path.exists(path):
            print("missing corpus file %s" % path, file=sys.stderr)
            continue
        labels = corpus_labels(path)
        special = PERSONAL_CORPUS_COLUMNS.get(rel, {})
        columns = {}
        for label in labels:
            clean = label.strip().strip('"')
            if clean in special:
                expected, category, note = special[clean]
                columns[clean] = {"expected": expected, "category": category, "note": note}
            else:
                columns[clean] = {"expected": "public", "category": None}
        files.append({"path": os.path.join("Tests/Fixtures", rel), "kind": "corpus", "group": "corpus", "columns": columns})
    truth = {"seed": args.seed, "files": files}
    with open(os.path.join(args.out, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
    n = sum(len(f["columns"]) for f in files)
    print("wrote %d files (%d columns) and truth.json into %s" % (len(files), n, args.out))


if __name__ == "__main__":
    main()
