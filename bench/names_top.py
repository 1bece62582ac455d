#!/usr/bin/env python3
"""Reads `telusur-names` JSON Lines on stdin and prints the N most frequent
persons, places and organisations (by number of articles) as one table.
Usage: names_top.py [N]"""
import collections
import json
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 30
counts = {kind: collections.Counter() for kind in ("person", "place", "organisation")}
articles = 0
for line in sys.stdin:
    articles += 1
    for name in json.loads(line)["names"]:
        counts[name["type"]][name["name"]] += 1
print(f"{articles} articles; names by number of articles that mention them:\n")
print("| # | person | place | organisation |")
print("|---|---|---|---|")
top = {kind: c.most_common(n) for kind, c in counts.items()}
for i in range(n):
    cells = []
    for kind in ("person", "place", "organisation"):
        cells.append(f"{top[kind][i][0]} ({top[kind][i][1]})" if i < len(top[kind]) else "")
    print(f"| {i + 1} | " + " | ".join(cells) + " |")
