#!/usr/bin/env python3
"""Soak client for `socle serve --demo`: N keep-alive connections mixing reads, exports and uploads for a
fixed duration, then a report (requests, errors, p50/p99 per kind, the server's RSS every 10 s).

Standard library only. Every loop is bounded by the duration; the script stops by itself.
"""
import argparse
import http.client
import json
import random
import sys
import threading
import time
import urllib.parse

# Reads (anonymous, published demo datasets) and exports: (kind, weight, path).
READS = [
    ("records", 12, "/api/v1/datasets/comptages-velo/records?where=comptage%3E50&order_by=comptage%20desc&limit=20"),
    ("records", 8, "/api/v1/datasets/comptages-velo/records?select=hour(date_heure)%20as%20h,sum(comptage)%20as%20total"
                   "&group_by=hour(date_heure)%20as%20h"),
    ("records", 8, "/api/v1/datasets/equipements-publics/records?where=categorie%3D%27Sport%27&limit=10"),
    ("records", 6, "/api/v1/datasets/equipements-publics/records?limit=5&offset={offset}"),
    ("records", 4, "/api/v1/datasets/comptages-velo/records/{row}"),
    ("records", 2, "/api/v1/datasets?limit=20"),
    ("facets", 8, "/api/v1/datasets/equipements-publics/facets?facet=categorie&facet=accessible_pmr"),
    ("facets", 6, "/api/v1/datasets/comptages-velo/facets?facet=id_compteur&where=comptage%3E{count}"),
    ("ods", 8, "/api/explore/v2.1/catalog/datasets/comptages-velo/records?limit=5&where=comptage%3E{count}"),
    ("ods", 4, "/api/explore/v2.1/catalog/datasets?limit=10"),
    ("ckan", 8, "/api/3/action/datastore_search?resource_id=comptages-velo&limit=5&offset={offset}"),
    ("ckan", 4, "/api/3/action/package_search?q=v%C3%A9lo"),
    ("export", 4, "/api/v1/datasets/comptages-velo/exports/csv"),
    ("export", 3, "/api/v1/datasets/comptages-velo/exports/json"),
    ("export", 3, "/api/v1/datasets/equipements-publics/exports/csv?dialect=excel-fr"),
    ("export", 2, "/api/v1/datasets/quartiers/exports/geojson"),
]


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency = {}      # kind -> [seconds]
        self.errors = {}       # kind -> count
        self.samples = []      # first error messages

    def ok(self, kind, seconds):
        with self.lock:
            self.latency.setdefault(kind, []).append(seconds)

    def error(self, kind, what):
        with self.lock:
            self.errors[kind] = self.errors.get(kind, 0) + 1
            self.latency.setdefault(kind, [])
            if len(self.samples) < 20:
                self.samples.append(f"{kind}: {what}")


def connect(host, port):
    return http.client.HTTPConnection(host, port, timeout=60)


def request(conn, method, path, body=None, headers=None):
    conn.request(method, path, body=body, headers=headers or {})
    resp = conn.getresponse()
    data = resp.read()
    return resp.status, data


def reader(host, port, stop, stats, seed, mix):
    rnd = random.Random(seed)
    conn = connect(host, port)
    weights = [w for _, w, _ in mix]
    while not stop.is_set():
        kind, _, template = rnd.choices(mix, weights)[0]
        path = template.format(offset=rnd.randrange(0, 40), row=rnd.randrange(1, 600), count=rnd.randrange(0, 110))
        t0 = time.perf_counter()
        try:
            status, data = request(conn, "GET", path)
            elapsed = time.perf_counter() - t0
            if status >= 400:
                stats.error(kind, f"{status} {path} {data[:200]!r}")
            else:
                stats.ok(kind, elapsed)
        except Exception as e:  # a connection error counts as an error, then reconnect
            stats.error(kind, f"{type(e).__name__} {e} {path}")
            conn.close()
            conn = connect(host, port)
    conn.close()


def small_csv(n, rows):
    lines = ["id;libelle;valeur;jour"]
    for i in range(rows):
        lines.append(f"{n}-{i};ligne {i};{(n * 31 + i) % 997};2026-0{1 + i % 9}-{10 + i % 18}")
    return ("\n".join(lines) + "\n").encode()


def uploader(host, port, token, slug, every, stop, stats, jobs):
    conn = connect(host, port)
    auth = {"Authorization": f"Bearer {token}"}
    n = 0
    while not stop.wait(every):
        n += 1
        body = small_csv(n, 200)
        t0 = time.perf_counter()
        try:
            status, data = request(conn, "POST", f"/api/v1/datasets/{slug}/upload?filename=soak-{n}.csv", body,
                                   dict(auth, **{"Content-Type": "text/csv"}))
            elapsed = time.perf_counter() - t0
            if status != 202:
                stats.error("upload", f"{status} {data[:200]!r}")
            else:
                stats.ok("upload", elapsed)
                jobs.append(json.loads(data)["job"])
        except Exception as e:
            stats.error("upload", f"{type(e).__name__} {e}")
            conn.close()
            conn = connect(host, port)
    conn.close()


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def sampler(pid, stop, samples, every=10.0):
    samples.append((0.0, rss_kib(pid)))
    start = time.monotonic()
    while not stop.wait(every):
        samples.append((time.monotonic() - start, rss_kib(pid)))


def pct(values, p):
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100.0 * (len(s) - 1))))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--token", required=True, help="a write token of a member of the upload dataset's organisation")
    ap.add_argument("--org", default="saint-aubin")
    ap.add_argument("--pid", type=int, required=True, help="the server's process id (RSS from /proc)")
    ap.add_argument("--duration", type=float, default=600)
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--upload-every", type=float, default=3.0)
    ap.add_argument("--only", help="comma-separated kinds to read (records,facets,ods,ckan,export), to find which one misbehaves")
    args = ap.parse_args()
    u = urllib.parse.urlparse(args.base)
    host, port = u.hostname, u.port or 80

    # The dataset uploads go to (created once; a 409 means an earlier run made it).
    conn = connect(host, port)
    status, data = request(conn, "POST", "/api/v1/datasets",
                           json.dumps({"title": "Soak", "organisation": args.org, "slug": "soak-uploads"}).encode(),
                           {"Authorization": f"Bearer {args.token}", "Content-Type": "application/json"})
    if status not in (201, 409):
        sys.exit(f"cannot create the upload dataset: {status} {data[:300]!r}")
    conn.close()

    stats, stop, jobs, rss = Stats(), threading.Event(), [], []
    mix = [r for r in READS if not args.only or r[0] in args.only.split(",")]
    threads = [threading.Thread(target=reader, args=(host, port, stop, stats, i, mix), daemon=True)
               for i in range(args.connections - 1)]
    threads.append(threading.Thread(target=uploader, daemon=True,
                                    args=(host, port, args.token, "soak-uploads", args.upload_every, stop, stats, jobs)))
    mem = threading.Thread(target=sampler, args=(args.pid, stop, rss), daemon=True)
    started = time.monotonic()
    mem.start()
    for t in threads:
        t.start()
    stop.wait(args.duration)
    stop.set()
    for t in threads:
        t.join(timeout=90)
    mem.join(timeout=15)
    wall = time.monotonic() - started
    rss.append((wall, rss_kib(args.pid)))

    # Every upload's job must have succeeded (bounded wait for the last ones).
    conn = connect(host, port)
    auth = {"Authorization": f"Bearer {args.token}"}
    failed_jobs, pending = [], list(jobs)
    deadline = time.monotonic() + 120
    while pending and time.monotonic() < deadline:
        still = []
        for j in pending:
            status, data = request(conn, "GET", f"/api/v1/jobs/{j}", headers=auth)
            s = json.loads(data).get("status") if status == 200 else f"http {status}"
            if s in ("queued", "running"):
                still.append(j)
            elif s != "succeeded":
                failed_jobs.append((j, s, data[:200]))
        pending = still
        if pending:
            time.sleep(1)
    conn.close()

    print(f"soak: {args.connections} connections, {wall:.0f} s, base {args.base}")
    print(f"{'kind':<10}{'requests':>10}{'errors':>8}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}")
    total = errors = 0
    for kind in sorted(stats.latency):
        lat = stats.latency[kind]
        e = stats.errors.get(kind, 0)
        n = len(lat) + e
        total += n
        errors += e
        print(f"{kind:<10}{n:>10}{e:>8}{n / wall:>9.1f}{pct(lat, 50) * 1000:>9.1f}{pct(lat, 99) * 1000:>9.1f}")
    print(f"{'total':<10}{total:>10}{errors:>8}{total / wall:>9.1f}")
    print(f"upload jobs: {len(jobs)} queued, {len(jobs) - len(failed_jobs) - len(pending)} succeeded, "
          f"{len(failed_jobs)} failed, {len(pending)} unfinished")
    for f in failed_jobs[:5]:
        print(f"  failed job {f}")
    for s in stats.samples[:10]:
        print(f"  error: {s}")

    mib = [(t, k / 1024) for t, k in rss if k is not None]
    print("server RSS (MiB) every 10 s: " + " ".join(f"{m:.0f}" for _, m in mib))
    verdict = "unknown"
    if mib:
        window = min(60.0, wall / 4)
        second = [m for t, m in mib if window <= t < 2 * window]
        last = [m for t, m in mib if t >= wall - window]
        if second and last:
            a, b = sum(second) / len(second), sum(last) / len(last)
            verdict = "flat" if abs(b - a) <= 0.10 * a else "NOT flat"
            print(f"RSS first {mib[0][1]:.0f} MiB, max {max(m for _, m in mib):.0f} MiB, last {mib[-1][1]:.0f} MiB; "
                  f"second-window average {a:.0f} MiB vs last-window {b:.0f} MiB ({window:.0f} s windows): {verdict}")
    ok = errors == 0 and not failed_jobs and not pending and verdict == "flat"
    print("RESULT: " + ("OK" if ok else "PROBLEMS (see above)"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
