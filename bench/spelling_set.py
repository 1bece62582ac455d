#!/usr/bin/env python3
"""Writes a spelling test set for an index built from CLICK-ID, one
QUERY<TAB>EXPECTED per line, on stdout:

- misspellings of words the index holds at least 20 times (5 to 14 letters),
  made with the typo patterns people make: a doubled, dropped or swapped
  letter, a missing vowel, a wrong letter (never the first or the last
  letter, which typists rarely get wrong); words over 7 letters get a second
  edit two times in five. A misspelling that is a word of the hunspell-id
  list, or that the index holds at least a twentieth as often as the word,
  is no misspelling and is left out. EXPECTED is the word.
- correct rare words: words of the hunspell-id list that the index holds 2
  to 30 times. EXPECTED is empty: they must get no suggestion.

Usage: spelling_set.py INDEX [MISSPELLINGS [RARE [SEED]]]  (600, 300, 42)
"""
import random
import re
import sys

import xapian


def main():
    index = sys.argv[1]
    n_typos = int(sys.argv[2]) if len(sys.argv) > 2 else 600
    n_rare = int(sys.argv[3]) if len(sys.argv) > 3 else 300
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 42)
    db = xapian.Database(index)
    dictionary = set()
    with open("/usr/share/hunspell/id_ID.dic", encoding="latin-1") as f:
        next(f)
        for line in f:
            dictionary.add(line.split("/")[0].strip().lower())
    freq = {}
    for t in db.allterms():
        w = t.term.decode("utf-8", "replace")
        if re.fullmatch(r"[a-z]{5,14}", w):
            freq[w] = db.get_collection_freq(w)
    common = sorted(w for w, f in freq.items() if f >= 20)
    rare = sorted(w for w, f in freq.items() if 2 <= f <= 30 and w in dictionary)

    def edit(w):
        i = rng.randrange(1, len(w) - 1)
        kind = rng.choice(["double", "drop", "swap", "vowel", "letter"])
        if kind == "double":
            return w[:i] + w[i] + w[i:]
        if kind == "drop":
            return w[:i] + w[i + 1:]
        if kind == "swap":
            return w[:i] + w[i + 1] + w[i] + w[i + 2:]
        if kind == "vowel":
            vowels = [k for k in range(1, len(w) - 1) if w[k] in "aiueo"]
            if not vowels:
                return None
            k = rng.choice(vowels)
            return w[:k] + w[k + 1:]
        return w[:i] + rng.choice("abcdefghijklmnopqrstuvwxyz") + w[i + 1:]

    rng.shuffle(common)
    rows = []
    for w in common:
        if len(rows) >= n_typos:
            break
        m = edit(w)
        if m and len(w) > 7 and rng.random() < 0.4:
            m = edit(m)
        if not m or m == w or len(m) < 4 or m in dictionary:
            continue
        if freq.get(m, db.get_collection_freq(m)) * 20 > freq[w]:
            continue
        rows.append((m, w))
    rng.shuffle(rare)
    rows += [(w, "") for w in rare[:n_rare]]
    for query, expected in rows:
        print(query + "\t" + expected)


if __name__ == "__main__":
    main()
