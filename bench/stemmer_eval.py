#!/usr/bin/env python3
"""Scores telusur-stem's stemmers against gold roots; prints one table.

Gold data (read from ../shared/data/stemming, never copied here):
- Sastrawi test pairs (active rows): exact root accuracy.
- UD lemmas (GSD dev+test and PUD test; CSUI train reported separately),
  content words only (no PROPN, NUM, PUNCT, SYM): exact root accuracy,
  conflation recall (for each word != root, stem(word) == stem(root)) and
  over-conflation (share of the 2,000 most frequent gold roots whose stem
  collides with another of them), type- and token-weighted; words/second.
"""
import collections
import os
import subprocess
import sys
import time

BIN = sys.argv[1]
DATA = sys.argv[2]
STEMMERS = sys.argv[3].split(",") if len(sys.argv) > 3 else ["dictionary", "snowball", "none"]
EXCLUDED_UPOS = {"PROPN", "NUM", "PUNCT", "SYM"}


def read_ud(files):
    tokens = []  # (form, lemma)
    for name in files:
        with open(os.path.join(DATA, "ud-lemmas", name), encoding="utf-8") as f:
            for line in f:
                if not line.strip() or line.startswith("#"):
                    continue
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 4 or not cols[0].isdigit():
                    continue  # multiword-token ranges and empty nodes
                form, lemma, upos = cols[1].lower(), cols[2].lower(), cols[3]
                if upos in EXCLUDED_UPOS or not form.replace("-", "").isalpha() or lemma == "_":
                    continue
                tokens.append((form, lemma))
    return tokens


def read_sastrawi():
    pairs = []
    with open(os.path.join(DATA, "sastrawi-test-pairs.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            word, root, _suite, status = line.rstrip("\n").split("\t")
            if status == "active":
                pairs.append((word.lower(), root.lower()))
    return pairs


def stem_all(stemmer, words):
    words = list(words)
    start = time.perf_counter()
    out = subprocess.run([BIN, "--stemmer", stemmer], input="\n".join(words) + "\n",
                         capture_output=True, text=True, check=True).stdout.split("\n")
    elapsed = time.perf_counter() - start
    return dict(zip(words, out)), elapsed


def pct(n, d):
    return 100.0 * n / d if d else 0.0


def ud_scores(stems, tokens):
    counts = collections.Counter(tokens)
    exact_t = sum(1 for (w, l) in counts if stems[w] == l)
    exact_k = sum(c for (w, l), c in counts.items() if stems[w] == l)
    infl = {(w, l): c for (w, l), c in counts.items() if w != l}
    conf_t = sum(1 for (w, l) in infl if stems[w] == stems[l])
    conf_k = sum(c for (w, l), c in infl.items() if stems[w] == stems[l])
    root_freq = collections.Counter()
    for (w, l), c in counts.items():
        root_freq[l] += c
    top = [r for r, _ in root_freq.most_common(2000)]
    by_stem = collections.Counter(stems[r] for r in top)
    over = sum(1 for r in top if by_stem[stems[r]] > 1)
    return {
        "exact_types": pct(exact_t, len(counts)), "exact_tokens": pct(exact_k, sum(counts.values())),
        "conf_types": pct(conf_t, len(infl)), "conf_tokens": pct(conf_k, sum(infl.values())),
        "over": pct(over, len(top)),
    }


def main():
    main_tokens = read_ud(["id_gsd-ud-dev.conllu", "id_gsd-ud-test.conllu", "id_pud-ud-test.conllu"])
    csui_tokens = read_ud(["id_csui-ud-train.conllu"])
    sastrawi = read_sastrawi()
    words = set()
    for w, l in main_tokens + csui_tokens + sastrawi:
        words.add(w)
        words.add(l)
    all_tokens = [w for w, _ in main_tokens + csui_tokens]
    rows = []
    errors = None
    for name in STEMMERS:
        stems, _ = stem_all(name, sorted(words))
        _, elapsed = stem_all(name, all_tokens)
        ud = ud_scores(stems, main_tokens)
        csui = ud_scores(stems, csui_tokens)
        sas = pct(sum(1 for w, r in sastrawi if stems[w] == r), len(sastrawi))
        rows.append((name, ud, csui, sas, len(all_tokens) / elapsed))
        if name == STEMMERS[0]:
            errors = collections.Counter((w, l, stems[w]) for w, l in main_tokens if stems[w] != l)
    print(f"UD GSD+PUD content words: {len(main_tokens)} tokens, {len(set(main_tokens))} types; "
          f"CSUI train: {len(csui_tokens)} tokens; Sastrawi active pairs: {len(sastrawi)}")
    print("| stemmer | UD exact types | UD exact tokens | UD conflation recall types | UD conflation recall tokens "
          "| UD over-conflation (top 2,000 roots) | CSUI exact tokens | CSUI conflation tokens | Sastrawi exact | words/s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, ud, csui, sas, wps in rows:
        print(f"| {name} | {ud['exact_types']:.1f}% | {ud['exact_tokens']:.1f}% | {ud['conf_types']:.1f}% | "
              f"{ud['conf_tokens']:.1f}% | {ud['over']:.1f}% | {csui['exact_tokens']:.1f}% | "
              f"{csui['conf_tokens']:.1f}% | {sas:.1f}% | {wps:,.0f} |")
    print(f"\nMost frequent remaining errors of '{STEMMERS[0]}' on UD GSD+PUD (word, gold root, stem, count):")
    for (w, l, s), c in errors.most_common(int(os.environ.get("TELUSUR_BENCH_ERRORS", "20"))):
        print(f"  {w}\t{l}\t{s}\t{c}")


if __name__ == "__main__":
    main()
