#!/usr/bin/env python3
"""Per-column verdicts of csv-detective and of Socle on the same files, side by side.

Usage: compare.py SOCLE_BIN OUT_DIR FILE...   (run by bench/types/run.sh, inside a virtual environment
that has csv-detective). Prints one row per column, a summary, and the timing on the largest file.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

from csv_detective import routine

# csv-detective's format names that mean the same as Socle's (Socle uses csv-detective's names where one exists).
SAME = {
    "money": "montant", "percent": "pourcentage", "bool": "booleen", "code_commune": "code_commune_insee",
    "latlon_wgs": "latlon_wgs", "lonlat_wgs": "latlon_wgs", "datetime_aware": "datetime_iso",
    "datetime_naive": "datetime_iso", "latitude_wgs_fr_metropole": "latitude_wgs",
    "longitude_wgs_fr_metropole": "longitude_wgs", "siren": "siren", "siret": "siret", "code_waldec": "code_rna",
}
# Socle's storage types, as csv-detective's generic formats.
GENERIC = {"integer": "int", "number": "float", "text": "string", "code": "string", "boolean": "bool",
           "date": "date", "datetime": "datetime_iso", "time": "string", "geopoint": "latlon_wgs",
           "geometry": "geojson", "json": "json"}
# csv-detective formats read from reference lists of names. Socle has them all too (communes, départements,
# régions, countries, cantons, socio-professional categories, addresses, sexes, weekdays, months): a column
# csv-detective names and Socle leaves as text is counted here, and explained in bench/README.md.
NAME_LISTS = {"commune", "departement", "region", "pays", "adresse", "csp_insee", "insee_canton", "sexe",
              "jour_de_la_semaine", "mois_de_lannee"}


def socle_columns(bin_path, path, data_dir, slug):
    t = time.perf_counter()
    r = subprocess.run([bin_path, "ingest", path, "--dataset", slug, "--data-dir", data_dir, "--json",
                        "--progress", "none"], capture_output=True, text=True,
                       env={**os.environ, "SOCLE_LANG": "en"})
    seconds = time.perf_counter() - t
    if r.returncode != 0:
        return None, seconds, r.stderr.strip().splitlines()[-1] if r.stderr.strip() else "exit %d" % r.returncode
    report = json.loads(r.stdout)
    cols = []
    for c in report["columns"]:
        fmt = c.get("format") or {}
        cols.append((c["label"].strip(), (c["type"], fmt.get("semantic"), fmt.get("unit"))))
    return cols, seconds, None


def detective_columns(path, num_rows):
    t = time.perf_counter()
    # Both read a workbook's first sheet (csv-detective's default is the largest one).
    sheet = {"sheet_name": 0} if path.endswith((".xlsx", ".xls", ".ods")) else {}
    r = routine(path, num_rows=num_rows, save_results=False, **sheet)
    seconds = time.perf_counter() - t
    cols = [(str(label).strip(), v.get("format")) for label, v in (r.get("columns") or {}).items()]
    return cols, seconds


def socle_word(entry):
    kind, semantic, unit = entry
    if kind == "geometry":
        return "geojson"
    if semantic == "binary":
        return "bool"
    if semantic:
        return semantic
    return GENERIC.get(kind, kind)


def verdict(det, soc_entry):
    """same / socle-finer / detective-names / differs, with a reason when it is a known family."""
    soc = socle_word(soc_entry)
    kind, semantic, unit = soc_entry
    d = SAME.get(det, det)
    if d == soc or det == soc:
        return "same", ""
    if det in ("int", "float") and kind == "code":
        return "socle-finer", "identifier kept as a code (leading zeros, never summed)"
    if det == "string" and semantic:
        return "socle-finer", "Socle recognised %s%s" % (semantic, " (unit %s)" % unit if unit else "")
    if det == "string" and kind in ("integer", "number", "date", "datetime", "boolean"):
        return "socle-finer", "typed %s (null markers, French numbers or dates read)" % kind
    if det in ("int", "float") and kind in ("integer", "number") and semantic is None:
        return "same", ""
    if det == "date" and kind == "date":
        return "same", ""
    if det in NAME_LISTS:
        return "detective-names", "csv-detective matched a list of names; Socle does not see that name here"
    if det.startswith("iso_country_code") and kind in ("integer", "text", "code"):
        return "socle-right", "counts or direction codes (IN/OUT, 2, 12) are not country codes"
    if det in ("float", "int") and kind == "text":
        return "socle-right", "some values are not numbers (csv-detective accepts a share); Socle keeps every value"
    return "differs", ""


def main():
    bin_path, out_dir, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    rows, failures, timings = [], [], []
    counts = {}
    with tempfile.TemporaryDirectory(dir=out_dir) as data_dir:
        for i, path in enumerate(files):
            name = os.path.relpath(path, os.environ.get("FIXTURES", os.path.dirname(path)))
            soc, soc_s, err = socle_columns(bin_path, path, data_dir, "f%03d" % i)
            try:
                det, det_s = detective_columns(path, 500)
            except Exception as e:  # csv-detective refuses some files Socle reads
                det, det_s = None, 0.0
                failures.append((name, "csv-detective", str(e).splitlines()[0][:120]))
            if soc is None:
                failures.append((name, "socle", err))
            timings.append((os.path.getsize(path), path, name))
            if soc is None or det is None:
                continue
            # Column by column in order when both found the same number (labels repeat in some files: pandas
            # renames them), else by label.
            by_label = dict(soc)
            same_shape = len(det) == len(soc)
            for k, (label, d) in enumerate(det):
                s = soc[k][1] if same_shape else by_label.get(label)
                if s is None:
                    rows.append((name, label, d or "-", "(no such column)", "differs", "headers chosen differently"))
                    counts["differs"] = counts.get("differs", 0) + 1
                    continue
                v, why = verdict(d or "string", s)
                counts[v] = counts.get(v, 0) + 1
                rows.append((name, label, d or "-", socle_word(s) + ("" if s[0] in ("code",) or not s[1] else "/" + s[0]), v, why))

    w = max(len(r[0]) for r in rows) if rows else 10
    print("%-*s  %-28s  %-20s  %-26s  %s" % (w, "file", "column", "csv-detective", "socle", "verdict"))
    for r in rows:
        print("%-*s  %-28s  %-20s  %-26s  %s%s" % (w, r[0], r[1][:28], r[2], r[3], r[4], "  (" + r[5] + ")" if r[5] else ""))
    print()
    for who, name, err in [(f[1], f[0], f[2]) for f in failures]:
        print("refused by %s: %s: %s" % (who, name, err))
    total = sum(counts.values())
    print("columns: %d; " % total + ", ".join("%s %d" % (k, v) for k, v in sorted(counts.items())))

    # Speed on the largest file: Socle's whole load (typing every row, writing SQLite) against csv-detective's
    # analysis alone, on its default 500-row sample and on every row.
    size, path, name = max(timings)
    with tempfile.TemporaryDirectory(dir=out_dir) as data_dir:
        best_socle = min(socle_columns(bin_path, path, data_dir, "t%d" % k)[1] for k in range(3))
    best_sample = min(detective_columns(path, 500)[1] for _ in range(3))
    best_full = min(detective_columns(path, -1)[1] for _ in range(2))
    print()
    print("largest file: %s (%.1f MB)" % (name, size / 1e6))
    print("socle ingest (whole load)          %7.2f s" % best_socle)
    print("csv-detective, 500-row sample      %7.2f s   ratio %.1fx" % (best_sample, best_sample / best_socle))
    print("csv-detective, every row           %7.2f s   ratio %.1fx (target >= 5x)" % (best_full, best_full / best_socle))


if __name__ == "__main__":
    main()
