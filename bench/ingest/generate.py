#!/usr/bin/env python3
"""Writes a French-style bike-counter CSV for the ingest benchmark.

usage: generate.py ROWS OUT.csv
Columns: counter id; counter name; ISO datetime with offset; integer count; "lat,lon".
Deterministic (seeded) so every run measures the same bytes.
"""
import random
import sys
from datetime import datetime, timedelta, timezone

rows = int(sys.argv[1])
out = sys.argv[2]
rng = random.Random(42)
names = ["Totem Rivoli", "Quai de la Marne", "Boulevard de Sébastopol", "Pont d'Austerlitz",
         "Rue de Rennes", "Avenue de Clichy", "Canal Saint-Martin", "Place de la Bastille"]
counters = [(10_000_000 + i * 7919, names[i % len(names)] + f" {i // len(names) + 1}",
             48.80 + rng.random() * 0.12, 2.25 + rng.random() * 0.17) for i in range(60)]
start = datetime(2023, 1, 1, tzinfo=timezone(timedelta(hours=1)))
with open(out, "w", encoding="utf-8", newline="\n") as f:
    f.write("id_compteur;nom_compteur;date_heure;comptage;coordonnees\n")
    for i in range(rows):
        cid, name, lat, lon = counters[i % len(counters)]
        t = start + timedelta(hours=i // len(counters))
        offset = "+02:00" if 3 < t.month < 11 else "+01:00"
        f.write(f"{cid};{name};{t.strftime('%Y-%m-%dT%H:%M:%S')}{offset};{rng.randrange(0, 900)};\"{lat:.5f},{lon:.5f}\"\n")
