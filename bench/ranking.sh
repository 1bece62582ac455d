#!/usr/bin/env bash
# Ranking benchmark: MRR@10, success@1, success@10 and nDCG@10 (trec_eval -M 10
# measures, computed by telusur-eval) on two collections, in one table:
#  - CLICK-ID known items: 1,000 article titles (seed 42) as queries, the
#    articles indexed without their titles (telusur-eval known-item);
#  - FacQA: 3,002 questions over 1,369 news passages (../shared/data/ir-facqa-passages).
# Schemes: bm25 (Xapian's defaults), bm25 k1=0.9 b=0.4, LM Dirichlet, DPH and
# PL2, each with the dictionary stemmer, Snowball and no stemming; SQLite
# FTS5's bm25 (no stemming, the query words OR'ed) as the outside reference.
# Then a bm25 k1 x b sweep on the known items, drawn to $PLOT
# (default build/bench/ranking-sweep.png).
# Usage: bench/ranking.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/peers.sh
require_clickid
facqa=../shared/data/ir-facqa-passages
[ -x build/bin/telusur-eval ] || { ./scripts/setup >/dev/null; cmake --build build -j2 >/dev/null; }
install_peers sqlite3:sqlite3 gnuplot:gnuplot-nox
bin=$PWD/build/bin
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
plot=${PLOT:-$PWD/build/bench/ranking-sweep.png}
mkdir -p "$(dirname "$plot")"

echo "bench: building the collections..." >&2
"$bin/telusur-index" -q --no-names --index "$work/titled" "$clickid" 2>/dev/null || true
"$bin/telusur-eval" known-item --index "$work/titled" --out "$work/ki" --topics 1000 --seed 42
collections=(ki)
if [ -d "$facqa" ]; then
  mkdir -p "$work/facqa"
  /usr/bin/python3 - "$facqa" "$work/facqa" <<'PY'
import csv, json, sys
src, out = sys.argv[1], sys.argv[2]
with open(src + "/passages.jsonl", encoding="utf-8") as f, open(out + "/corpus.jsonl", "w", encoding="utf-8") as o:
    for line in f:
        p = json.loads(line)
        o.write(json.dumps({"id": p["id"], "body": p["text"]}, ensure_ascii=False) + "\n")
with open(src + "/queries.tsv", encoding="utf-8") as f, open(out + "/topics.tsv", "w", encoding="utf-8") as o:
    rows = csv.reader(f, delimiter="\t")
    next(rows)
    for qid, _split, query, _answer in rows:
        o.write(qid + "\t" + query.replace("\t", " ") + "\n")
PY
  cp "$facqa/qrels.txt" "$work/facqa/qrels.txt"
  collections+=(facqa)
else
  echo "bench: $facqa not found; FacQA left out" >&2
fi

stemmers=(dictionary snowball none)
schemes=("bm25" "bm25:k1=0.9,b=0.4" "lm-dirichlet" "dph" "pl2")
for c in "${collections[@]}"; do
  for s in "${stemmers[@]}"; do
    "$bin/telusur-index" -q --no-names --stemmer "$s" --index "$work/$c/db-$s" "$work/$c/corpus.jsonl" 2>/dev/null || true
  done
done

measures=recip_rank,success_1,success_10,ndcg_cut_10
score() {  # QRELS RUN: the four values, tab-separated
  "$bin/telusur-eval" score "$1" "$2" -M 10 -m "$measures" |
    awk -F'\t' '$1 !~ /^runid/ {printf "%s%s", sep, $3; sep="\t"} END {print ""}'
}
declare -A label=([ki]="CLICK-ID known items (1,000)" [facqa]="FacQA (3,002 questions)")
echo
echo "| collection | stemmer | scheme | MRR@10 | success@1 | success@10 | nDCG@10 |"
echo "|---|---|---|---|---|---|---|"
for c in "${collections[@]}"; do
  for s in "${stemmers[@]}"; do
    for w in "${schemes[@]}"; do
      "$bin/telusur" --index "$work/$c/db-$s" --topics "$work/$c/topics.tsv" --depth 10 -w "$w" \
        >"$work/run" 2>/dev/null || true
      printf '| %s | %s | %s | %s |\n' "${label[$c]}" "$s" "$w" \
        "$(score "$work/$c/qrels.txt" "$work/run" | sed 's/\t/ | /g')"
    done
  done
  # SQLite FTS5: the same corpus and topics, words OR'ed, ranked by bm25.
  /usr/bin/python3 - "$work/$c" <<'PY'
import json, re, sqlite3, sys
d = sys.argv[1]
con = sqlite3.connect(":memory:")
con.execute("CREATE VIRTUAL TABLE a USING fts5(id UNINDEXED, body)")
with open(d + "/corpus.jsonl", encoding="utf-8") as f:
    con.executemany("INSERT INTO a VALUES (?, ?)", ((r["id"], r["body"]) for r in map(json.loads, f)))
with open(d + "/topics.tsv", encoding="utf-8") as f, open(d + "/fts.run", "w") as out:
    for line in f:
        qid, query = line.rstrip("\n").split("\t", 1)
        words = re.findall(r"\w+", query.lower())
        if not words:
            continue
        match = " OR ".join('"%s"' % w for w in words)
        rows = con.execute("SELECT id, bm25(a) FROM a WHERE a MATCH ? ORDER BY rank LIMIT 10", (match,))
        for rank, (doc, score) in enumerate(rows, 1):
            out.write("%s Q0 %s %d %.9f fts5\n" % (qid, doc, rank, -score))
PY
  printf '| %s | none | SQLite FTS5 bm25 | %s |\n' "${label[$c]}" \
    "$(score "$work/$c/qrels.txt" "$work/$c/fts.run" | sed 's/\t/ | /g')"
done

echo
echo "bench: sweeping bm25 k1 x b on the known items..." >&2
"$bin/telusur-eval" sweep --index "$work/ki/db-dictionary" --topics "$work/ki/topics.tsv" \
  --qrels "$work/ki/qrels.txt" --scheme bm25 -p k1=0.4:2.0:0.4 -p b=0.2:1.0:0.2 \
  --metric recip_rank -M 10 --plot "$plot"
echo "(MRR@10, dictionary stemmer; heatmap in $plot)"
