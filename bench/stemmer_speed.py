#!/usr/bin/env python3
"""Indexing time and CLI query latency on the CLICK-ID articles per stemmer.

Usage: stemmer_speed.py BUILD_BIN_DIR CLICKID_FILE RUNS STEMMER...
Prints one table: median full build (s), ratio to snowball, index size, and
telusur CLI wall time per query (p50, p90) over 12 queries x 5.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

BIN, DATA, RUNS = sys.argv[1], sys.argv[2], int(sys.argv[3])
STEMMERS = sys.argv[4:]
QUERIES = ["presiden jokowi", "timnas indonesia", "harga beras", "gempa bumi", "kereta cepat", "banjir jakarta",
           "korupsi kpk", "persib bandung", "film horor", "harga emas", "menegaskan sikap", "pemerintahan baru"]


def size_mb(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs) / 1e6


rows = {}
with tempfile.TemporaryDirectory() as work:
    for name in STEMMERS:
        db = os.path.join(work, name)
        builds = []
        for _ in range(RUNS):
            start = time.perf_counter()
            subprocess.run([f"{BIN}/telusur-index", "-q", "--rebuild", "--stemmer", name, "--index", db, DATA],
                           check=True)
            builds.append(time.perf_counter() - start)
        times = []
        for _ in range(5):
            for q in QUERIES:
                start = time.perf_counter()
                subprocess.run([f"{BIN}/telusur", "--index", db, "--json", q], stdout=subprocess.DEVNULL)
                times.append((time.perf_counter() - start) * 1000)
        times.sort()
        rows[name] = (statistics.median(builds), size_mb(db), statistics.median(times),
                      times[int(len(times) * 0.9)])

base = rows.get("snowball", next(iter(rows.values())))[0]
print(f"CLICK-ID 22,136 articles: median of {RUNS} builds; telusur CLI wall time over {len(QUERIES)} queries x 5")
print("| stemmer | full build | vs snowball | index size | query p50 | query p90 |")
print("|---|---|---|---|---|---|")
for name, (build, size, p50, p90) in rows.items():
    print(f"| {name} | {build:.2f} s | {100 * (build / base - 1):+.1f}% | {size:.0f} MB | {p50:.1f} ms | {p90:.1f} ms |")
