#!/usr/bin/env python3
"""Scores `socle scan --json` outputs against truth.json.

    python3 bench/privacy/score.py TRUTH_JSON SCAN_DIR [--wall SECONDS] [--quiet]

SCAN_DIR holds one <index>.json per file of truth.json (written by run.sh), or <index>.err when the scan
failed. Prints the per-column table, precision / recall / F2 per class (positive = personal or sensitive;
then sensitive versus the rest), false positives on the public corpus, the throughput, and a
"TARGET MISSED" line for each target not met. Writes SCAN_DIR/../results.json.
"""
import argparse
import json
import os
import sys

TARGET_RECALL, TARGET_PRECISION = 1.0, 0.95


class Counts:
    def __init__(self):
        self.tp = self.fp = self.fn = self.tn = 0

    def add(self, want, got):
        if want and got:
            self.tp += 1
        elif want:
            self.fn += 1
        elif got:
            self.fp += 1
        else:
            self.tn += 1

    @property
    def precision(self):
        return 1.0 if self.tp + self.fp == 0 else self.tp / (self.tp + self.fp)

    @property
    def recall(self):
        return 1.0 if self.tp + self.fn == 0 else self.tp / (self.tp + self.fn)

    @property
    def f2(self):
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 5 * p * r / (4 * p + r)

    def line(self, name):
        return ("%-28s tp=%4d fp=%3d fn=%3d tn=%4d  precision=%.3f recall=%.3f F2=%.3f"
                % (name, self.tp, self.fp, self.fn, self.tn, self.precision, self.recall, self.f2))

    def as_dict(self):
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f2": round(self.f2, 4)}


def categories(value):
    if value is None:
        return set()
    return set(value) if isinstance(value, list) else {value}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("truth")
    ap.add_argument("scans")
    ap.add_argument("--wall", type=float, default=None, help="wall-clock seconds of the whole run")
    ap.add_argument("--quiet", action="store_true", help="print only the mistakes in the per-column table")
    args = ap.parse_args()
    truth = json.load(open(args.truth, encoding="utf-8"))

    personal, sensitive = Counts(), Counts()
    synthetic, heldout, corpus = Counts(), Counts(), Counts()
    wrong_category, corpus_fp, missing, failed = [], [], [], []
    total_bytes = examined_bytes = 0
    total_seconds = detect_seconds = 0.0
    rows = []
    for index, f in enumerate(truth["files"]):
        out_path = os.path.join(args.scans, "%03d.json" % index)
        if not os.path.exists(out_path):
            failed.append(f["path"])
            continue
        scan = json.load(open(out_path, encoding="utf-8"))
        total_bytes += int(scan.get("bytes", 0))
        examined_bytes += int(scan.get("examinedBytes", 0))
        total_seconds += float(scan.get("seconds", 0.0))
        detect_seconds += float(scan.get("detectSeconds", 0.0))
        got_by_label = {}
        for c in scan.get("columns", []):
            got_by_label.setdefault(c.get("label", "").strip().strip('"'), c)
            got_by_label.setdefault(c.get("name", ""), c)
        for label, t in f["columns"].items():
            expected = t["expected"]
            if expected == "skip":
                continue
            c = got_by_label.get(label)
            if c is None:
                missing.append("%s :: %s" % (f["path"], label))
                continue
            got = c.get("verdict", "public")
            want_pos, got_pos = expected != "public", got != "public"
            personal.add(want_pos, got_pos)
            sensitive.add(expected == "sensitive", got == "sensitive")
            group = f.get("group", "corpus" if f["kind"] == "corpus" else "tuning")
            {"corpus": corpus, "heldout": heldout}.get(group, synthetic).add(want_pos, got_pos)
            ok = want_pos == got_pos
            cat_ok = True
            if want_pos and got_pos:
                cat_ok = c.get("category") in categories(t.get("category")) and (expected == "sensitive") == (got == "sensitive")
                if not cat_ok:
                    wrong_category.append("%s :: %s (want %s/%s, got %s/%s)" % (
                        os.path.basename(f["path"]), label, expected, t.get("category"), got, c.get("category")))
            if f["kind"] == "corpus" and expected == "public" and got_pos:
                corpus_fp.append("%s :: %s (%s/%s)" % (f["path"], label, got, c.get("category")))
            rows.append((os.path.basename(f["path"]), label, expected, t.get("category"), got, c.get("category"),
                         c.get("confidence"), ok, cat_ok))

    print("%-34s %-34s %-9s %-9s %5s  %s" % ("file", "column", "expected", "got", "conf", "ok"))
    for file, label, expected, want_cat, got, got_cat, conf, ok, cat_ok in rows:
        if args.quiet and ok and cat_ok:
            continue
        mark = "ok" if ok and cat_ok else ("CATEGORY" if ok else "WRONG")
        shown = got + ("/" + got_cat if got_cat else "")
        print("%-34s %-34s %-9s %-22s %5s  %s" % (file[:34], label[:34], expected, shown[:22],
                                                    "%.2f" % conf if conf is not None else "-", mark))
    print()
    print(personal.line("personal+sensitive (all)"))
    print(synthetic.line("  synthetic (tuning) tables"))
    print(heldout.line("  synthetic held-out tables"))
    print(corpus.line("  public corpus files"))
    print(sensitive.line("sensitive vs rest"))
    print("wrong category or level (verdict right): %d" % len(wrong_category))
    for w in wrong_category:
        print("  " + w)
    print("false positives on public corpus files: %d" % len(corpus_fp))
    for w in corpus_fp:
        print("  " + w)
    for m in missing:
        print("column not in scan output: " + m)
    for m in failed:
        print("scan failed: " + m)
    mbps = total_bytes / 1e6 / total_seconds if total_seconds > 0 else 0.0
    print("throughput: %.1f MB of files in %.3f s of scanning (type pass, sampling, detection) = %.1f MB/s"
          % (total_bytes / 1e6, total_seconds, mbps))
    if examined_bytes and detect_seconds > 0:
        print("            detector alone: %.1f MB of sampled cells in %.3f s = %.1f MB/s"
              % (examined_bytes / 1e6, detect_seconds, examined_bytes / 1e6 / detect_seconds))
    if args.wall is not None:
        print("wall: %.1f s for %d files (process start, reading, typing and scanning) = %.2f MB/s"
              % (args.wall, len(truth["files"]), total_bytes / 1e6 / args.wall if args.wall > 0 else 0.0))

    missed = []
    if personal.recall < TARGET_RECALL:
        missed.append("recall %.3f < %.2f on personal and sensitive columns" % (personal.recall, TARGET_RECALL))
    if personal.precision < TARGET_PRECISION:
        missed.append("precision %.3f < %.2f" % (personal.precision, TARGET_PRECISION))
    if corpus_fp:
        missed.append("%d false positive(s) on the public corpus files" % len(corpus_fp))
    if failed or missing:
        missed.append("%d file(s) failed, %d column(s) missing" % (len(failed), len(missing)))
    for m in missed:
        print("TARGET MISSED: " + m)
    if not missed:
        print("targets met: recall 1.0, precision >= 0.95, no false positive on the public corpus")

    results = {"personal": personal.as_dict(), "sensitive": sensitive.as_dict(), "synthetic": synthetic.as_dict(), "heldout": heldout.as_dict(),
               "corpus": corpus.as_dict(), "wrongCategory": wrong_category, "corpusFalsePositives": corpus_fp,
               "failed": failed, "missing": missing, "bytes": total_bytes, "examinedBytes": examined_bytes,
               "seconds": round(total_seconds, 4), "mbPerSecond": round(mbps, 2),
               "detectSeconds": round(detect_seconds, 4), "wall": args.wall,
               "targetsMissed": missed}
    with open(os.path.join(args.scans, "..", "results.json"), "w", encoding="utf-8") as out:
        json.dump(results, out, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
