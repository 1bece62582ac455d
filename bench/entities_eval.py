#!/usr/bin/env python3
"""Scores the entities of an index (telusur-names --entities, JSON Lines on
stdin) against the hand-made gold (bench/entities-gold.tsv): B-cubed and
pairwise precision, recall and F1 over the gold names the index holds,
beside the baseline of no resolution (every name its own entity); then the
30 entities in most articles with their variants.
Usage: telusur-names --entities INDEX | entities_eval.py GOLD"""
import itertools
import json
import sys


def read_gold(path):
    gold = {}
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        kind, name, entity = line.rstrip("\n").split("\t")
        gold[(kind, name)] = entity
    return gold


def scores(items, system, gold):
    """B-cubed and pairwise (P, R, F1) of the clustering `system` (item ->
    cluster) against `gold` (item -> entity), over `items`."""
    p = r = 0.0
    for i in items:
        same_sys = {j for j in items if system[j] == system[i]}
        same_gold = {j for j in items if gold[j] == gold[i]}
        both = len(same_sys & same_gold)
        p += both / len(same_sys)
        r += both / len(same_gold)
    b3 = (p / len(items), r / len(items))
    tp = fp = fn = 0
    for a, b in itertools.combinations(items, 2):
        s, g = system[a] == system[b], gold[a] == gold[b]
        tp += s and g
        fp += s and not g
        fn += g and not s
    pair = (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)
    f1 = lambda pr: 2 * pr[0] * pr[1] / (pr[0] + pr[1]) if sum(pr) else 0.0
    return b3 + (f1(b3),), pair + (f1(pair),)


def main():
    gold = read_gold(sys.argv[1])
    entities = [json.loads(line) for line in sys.stdin if line.strip()]
    system = {}
    for e in entities:
        for v in e["variants"]:
            system[(e["type"], v["name"])] = e["id"]
    items = sorted(k for k in gold if k in system)
    missing = sorted(k for k in gold if k not in system)
    print(f"{len(items)} of the {len(gold)} gold names are in the index "
          f"({len(set(gold[i] for i in items))} gold entities)"
          + (f"; not found: {', '.join(n for _, n in missing)}" if missing else ""))
    print()
    print("| clustering | B3 P | B3 R | B3 F1 | pairwise P | pairwise R | pairwise F1 |")
    print("|---|---|---|---|---|---|---|")
    alone = {i: i for i in items}
    for label, clustering in (("every name its own entity", alone), ("telusur (entities.h)", system)):
        b3, pair = scores(items, clustering, gold)
        print(f"| {label} | " + " | ".join(f"{x:.3f}" for x in b3 + pair) + " |")
    wrong = {}
    for a, b in itertools.combinations(items, 2):
        if system[a] == system[b] and gold[a] != gold[b]:
            wrong.setdefault(system[a], set()).update([a[1], b[1]])
    if wrong:
        print("\nmerged against the gold: " + "; ".join(" = ".join(sorted(v)) for v in wrong.values()))
    print()
    print("| entity | type | articles | variants (articles) |")
    print("|---|---|---|---|")
    for e in entities[:30]:
        variants = ", ".join(f"{v['name']} ({v['articles']})" for v in e["variants"][:6])
        more = len(e["variants"]) - 6
        print(f"| {e['name']} | {e['type']} | {e['articles']} | {variants}"
              + (f", {more} more" if more > 0 else "") + " |")


if __name__ == "__main__":
    main()
