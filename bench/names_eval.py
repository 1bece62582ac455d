#!/usr/bin/env python3
"""Scores `telusur-names --conll` against gold NER data; prints one table.

Entity-level exact match (type and token span) precision, recall and F1 for
PER, LOC, ORG and micro over the three; "person recall" is the share of gold
person names found whole. A naive baseline (every maximal run of capitalised
tokens that is not a lone sentence-initial word is a PER name) is scored in
the same table. Usage: names_eval.py TELUSUR_NAMES DATA_DIR
"""
import os
import subprocess
import sys

BIN, DATA = sys.argv[1], sys.argv[2]
# Labels of the four sets: idner-news-2k and NER UGM (PER, LOC, ORG or the
# long forms), NERGrit (PERSON, PLACE, ORGANISATION), NERP (PPL, PLC, IND;
# its EVT and FNB are left out).
TYPE_MAP = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "PERSON": "PER", "LOCATION": "LOC",
            "ORGANIZATION": "ORG", "PLACE": "LOC", "ORGANISATION": "ORG", "PPL": "PER",
            "PLC": "LOC", "IND": "ORG"}


def read_conll(path):
    sentences, tokens, tags = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts:
                if tokens:
                    sentences.append((tokens, tags))
                tokens, tags = [], []
                continue
            tokens.append(parts[0])
            tags.append(parts[-1])
    if tokens:
        sentences.append((tokens, tags))
    return sentences


def spans(tags):
    out, start, kind = set(), None, None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, name = tag.partition("-")
        name = TYPE_MAP.get(name)
        if prefix == "I" and kind is not None and name == kind:
            continue
        if kind is not None:
            out.add((start, i, kind))
        start, kind = (i, name) if prefix in ("B", "I") and name else (None, None)
    return out


def naive(tokens):
    tags, i = ["O"] * len(tokens), 0
    while i < len(tokens):
        if tokens[i][:1].isupper():
            j = i + 1
            while j < len(tokens) and tokens[j][:1].isupper():
                j += 1
            if not (i == 0 and j == 1):
                tags[i] = "B-PER"
                for k in range(i + 1, j):
                    tags[k] = "I-PER"
            i = j
        else:
            i += 1
    return tags


def telusur(sentences, *flags):
    text = "\n\n".join("\n".join(tokens) for tokens, _ in sentences) + "\n"
    out = subprocess.run([BIN, "--conll", *flags], input=text, capture_output=True, text=True,
                         check=True).stdout
    result = []
    for block in out.strip("\n").split("\n\n"):
        result.append([line.split("\t")[1] for line in block.split("\n")])
    return result


def score(gold_sets, pred_sets):
    row = {}
    tp_all = fp_all = fn_all = 0
    for kind in ("PER", "LOC", "ORG"):
        tp = fp = fn = 0
        for g, p in zip(gold_sets, pred_sets):
            g = {s for s in g if s[2] == kind}
            p = {s for s in p if s[2] == kind}
            tp += len(g & p)
            fp += len(p - g)
            fn += len(g - p)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        row[kind] = (prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0)
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
    prec = tp_all / (tp_all + fp_all) if tp_all + fp_all else 0.0
    rec = tp_all / (tp_all + fn_all) if tp_all + fn_all else 0.0
    row["micro"] = (prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return row


def main():
    sets = [("idner-news-2k dev", os.path.join(DATA, "ner-idner-news-2k", "dev.txt")),
            ("nerugm dev (every fifth sentence)", os.path.join(DATA, "ner-nerugm", "nerugm.tsv")),
            ("nerugm (all)", os.path.join(DATA, "ner-nerugm", "nerugm.tsv")),
            ("nergrit valid", os.path.join(DATA, "ner-nergrit", "valid.tsv")),
            ("nerp test (lower case)", os.path.join(DATA, "ner-nerp", "test.tsv"))]
    print("| data | system | PER P/R/F1 | LOC P/R/F1 | ORG P/R/F1 | micro P/R/F1 | person recall |")
    print("|---|---|---|---|---|---|---|")
    for label, path in sets:
        if not os.path.exists(path):
            print(f"bench: {path} not found; skipping", file=sys.stderr)
            continue
        sentences = read_conll(path)
        if label.startswith("nerugm dev"):
            sentences = sentences[::5]  # the sentences scripts/train-tagger leaves out
        gold = [spans(tags) for _, tags in sentences]
        # rules + tagger: the default; --no-evidence reads each sentence alone,
        # as telusur-index reads each article; --all-places adds the places
        # the index also holds (a country named as an actor), the convention
        # of NER UGM but not of idner-news-2k.
        flags = [("--rules-only",), (), ("--no-evidence",), ("--all-places",)]
        systems = [("naive capitalised runs", [spans(naive(t)) for t, _ in sentences])]
        for f in flags:
            name = "telusur-names " + (" ".join(f) if f else "(rules + tagger)")
            systems.append((name, [spans(tags) for tags in telusur(sentences, *f)]))
        for name, pred in systems:
            row = score(gold, pred)
            cells = " | ".join("%.2f/%.2f/%.2f" % row[k] for k in ("PER", "LOC", "ORG", "micro"))
            print(f"| {label} | {name} | {cells} | {row['PER'][1]:.2f} |")


if __name__ == "__main__":
    main()
