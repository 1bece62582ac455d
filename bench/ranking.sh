#!/usr/bin/env bash
# Ranking benchmark: MRR@10, success@1, success@10 and nDCG@10 (trec_eval -M 10
# measures, computed by telusur-eval) on two collections, in one table:
#  - CLICK-ID known items: 1,000 article titles (seed 42) as queries, the
#    articles indexed without their titles (telusur-eval known-item);
#  - FacQA: 3,002 questions over 1,369 news passages (../shared/data/ir-facqa-passages).
# Schemes: bm25 (Xapian's defaults), bm25 k1=0.9 b=0.4, LM Dirichlet, DPH and
# PL2, each with the dictionary stemmer, Snowball and no stemming; SQLite
# FTS5's bm25 (no stemming, the query words OR'ed) as the outside reference.
# Then, on indexes with names, bm25 against LM Dirichlet, proximity (--sdm),
# questions (--questions), RM3 (--rm3) and proximity with questions, with
# paired randomisation p-values; and a bm25 k1 x b sweep on the known items, drawn to $PLOT
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

# Beyond bm25, on indexes with names (the defaults): each model against bm25
# on the same topics, with the paired randomisation test's p-value.
for c in "${collections[@]}"; do
  "$bin/telusur-index" -q --index "$work/$c/db-names" "$work/$c/corpus.jsonl" 2>/dev/null || true
done
models=("bm25|--no-rerank" "lm-dirichlet|-w lm-dirichlet" "proximity (--sdm)|--sdm" "questions (--questions)|--questions"
        "RM3 (--rm3)|--rm3" "proximity and questions|--sdm --questions")
echo
echo "| collection | model | MRR@10 | success@1 | success@10 | nDCG@10 | p (MRR@10, vs bm25) |"
echo "|---|---|---|---|---|---|---|"
for c in "${collections[@]}"; do
  for m in "${models[@]}"; do
    name=${m%%|*} flags=${m#*|}
    # shellcheck disable=SC2086
    "$bin/telusur" --index "$work/$c/db-names" --topics "$work/$c/topics.tsv" --depth 10 $flags \
      --run-tag "$(echo "$name" | tr -c 'a-zA-Z0-9\n' _)" >"$work/$c/run.model" 2>/dev/null || true
    [ "$name" = bm25 ] && cp "$work/$c/run.model" "$work/$c/run.bm25"
    p=—
    if [ "$name" != bm25 ]; then
      p=$("$bin/telusur-eval" score "$work/$c/qrels.txt" "$work/$c/run.bm25" "$work/$c/run.model" \
            -M 10 -m recip_rank | awk '$1 == "recip_rank" {sub(/.*rand p=/, ""); sub(/\).*/, ""); print}')
    fi
    printf '| %s | %s | %s | %s |\n' "${label[$c]}" "$name" \
      "$(score "$work/$c/qrels.txt" "$work/$c/run.model" | sed 's/\t/ | /g')" "$p"
  done
done

# The learned reranker (XGBoost, rank:ndcg, train-reranker's defaults, on
# 100 candidates a topic) over bm25's 20 best, trained on topics that never overlap the evaluated ones:
# for the known items a second sample of CLICK-ID titles (seed 7, the
# articles of the evaluated topics left out), for FacQA five folds of its
# questions (train on four, run the fifth). Each without the vector features
# (--no-vectors) and with them (word vectors trained by telusur-index
# --vectors on each collection's own articles, timed); then the default
# ranking, the shipped model (data/reranker.trees, trained on CLICK-ID known
# items), on both.
echo "bench: training word vectors and the rerankers..." >&2
declare -A vector_seconds
for c in "${collections[@]}"; do
  start=$(date +%s%N)
  "$bin/telusur-index" -q --vectors --index "$work/$c/db-names" "$work/$c/corpus.jsonl" 2>/dev/null || true
  vector_seconds[$c]=$(( ($(date +%s%N) - start) / 1000000 ))
done
"$bin/telusur-eval" known-item --index "$work/titled" --out "$work/ki-train" --topics 3000 --seed 7 2>/dev/null
awk 'NR == FNR {held[$3]; next} !($3 in held)' "$work/ki/qrels.txt" "$work/ki-train/qrels.txt" \
  >"$work/ki-train/qrels.kept"
awk 'NR == FNR {keep[$1]; next} ($1 in keep)' "$work/ki-train/qrels.kept" "$work/ki-train/topics.tsv" \
  >"$work/ki-train/topics.kept"
variants=("novec|--no-vectors" "vec|")
for v in "${variants[@]}"; do
  tag=${v%%|*} flags=${v#*|}
  # shellcheck disable=SC2086
  "$bin/telusur-eval" train-reranker --index "$work/ki/db-names" --topics "$work/ki-train/topics.kept" \
    --qrels "$work/ki-train/qrels.kept" --out "$work/ki.$tag.trees" $flags >"$work/ki.importance.$tag" 2>/dev/null
  # shellcheck disable=SC2086
  "$bin/telusur" --index "$work/ki/db-names" --topics "$work/ki/topics.tsv" --depth 10 \
    --rerank "$work/ki.$tag.trees" $flags --run-tag "rerank.$tag" >"$work/ki/run.rerank.$tag" 2>/dev/null
  [ -d "$facqa" ] || continue
  : >"$work/facqa/run.rerank.$tag"
  for fold in 0 1 2 3 4; do
    awk -v f=$fold '(NR - 1) % 5 != f' "$work/facqa/topics.tsv" >"$work/facqa/train.$fold"
    awk -v f=$fold '(NR - 1) % 5 == f' "$work/facqa/topics.tsv" >"$work/facqa/test.$fold"
    # shellcheck disable=SC2086
    "$bin/telusur-eval" train-reranker --index "$work/facqa/db-names" --topics "$work/facqa/train.$fold" \
      --qrels "$work/facqa/qrels.txt" --out "$work/facqa.$tag.$fold.trees" $flags \
      >"$work/facqa.importance.$tag.$fold" 2>/dev/null
    # shellcheck disable=SC2086
    "$bin/telusur" --index "$work/facqa/db-names" --topics "$work/facqa/test.$fold" --depth 10 \
      --rerank "$work/facqa.$tag.$fold.trees" $flags --run-tag "rerank.$tag" \
      >>"$work/facqa/run.rerank.$tag" 2>/dev/null
  done
done
# The default ranking: telusur with no ranking option (the shipped model).
for c in "${collections[@]}"; do
  "$bin/telusur" --index "$work/$c/db-names" --topics "$work/$c/topics.tsv" --depth 10 \
    --run-tag default >"$work/$c/run.rerank.default" 2>/dev/null
done
echo
echo "| collection | model | MRR@10 | success@1 | success@10 | nDCG@10 | p (MRR@10, vs bm25) |"
echo "|---|---|---|---|---|---|---|"
rerankers=("novec|reranker without vectors (top 20 of bm25)" "vec|reranker with vectors (top 20 of bm25)"
           "default|the default: the shipped reranker (data/reranker.trees, trained on CLICK-ID known items)")
for c in "${collections[@]}"; do
  for r in "${rerankers[@]}"; do
    tag=${r%%|*} name=${r#*|}
    [ -s "$work/$c/run.rerank.$tag" ] || continue
    p=$("$bin/telusur-eval" score "$work/$c/qrels.txt" "$work/$c/run.bm25" "$work/$c/run.rerank.$tag" \
          -M 10 -m recip_rank | awk '$1 == "recip_rank" {sub(/.*rand p=/, ""); sub(/\).*/, ""); print}')
    printf '| %s | %s | %s | %s |\n' "${label[$c]}" "$name" \
      "$(score "$work/$c/qrels.txt" "$work/$c/run.rerank.$tag" | sed 's/\t/ | /g')" "$p"
  done
done
echo
echo "| collection | vector training (telusur-index --vectors) | words with a vector | telusur.vectors | index |"
echo "|---|---|---|---|---|"
for c in "${collections[@]}"; do
  words=$(/usr/bin/python3 -c 'import struct,sys; print(struct.unpack_from("<I", open(sys.argv[1],"rb").read(16), 12)[0])' \
    "$work/$c/db-names/telusur.vectors")
  printf '| %s | %d.%01d s | %s | %s | %s |\n' "${label[$c]}" $((vector_seconds[$c] / 1000)) \
    $((vector_seconds[$c] % 1000 / 100)) "$words" \
    "$(du -h "$work/$c/db-names/telusur.vectors" | cut -f1)" "$(du -sh --exclude=telusur.vectors "$work/$c/db-names" | cut -f1)"
done
# What the default costs: milliseconds per topic of a one-thread batch run
# (one process, so in-process), median of three runs.
per_topic() {  # COLLECTION FLAGS...: ms per topic
  local c=$1; shift
  local n; n=$(wc -l <"$work/$c/topics.tsv")
  for _ in 1 2 3; do
    local t0; t0=$(date +%s%N)
    "$bin/telusur" --index "$work/$c/db-names" --topics "$work/$c/topics.tsv" --depth 10 --threads 1 \
      "$@" >/dev/null 2>&1 || true
    echo $(( ($(date +%s%N) - t0) / 1000 / n ))
  done | sort -n | sed -n 2p
}
echo
echo "| collection | bm25 (--no-rerank) per topic | default per topic | ratio |"
echo "|---|---|---|---|"
for c in "${collections[@]}"; do
  plain=$(per_topic "$c" --no-rerank)
  default=$(per_topic "$c")
  printf '| %s | %d.%03d ms | %d.%03d ms | %s |\n' "${label[$c]}" $((plain / 1000)) $((plain % 1000)) \
    $((default / 1000)) $((default % 1000)) "$(ratio "$default" "$plain")"
done
echo
echo "Reranker feature importances with vectors (total gain; known items | FacQA fold 0):"
paste "$work/ki.importance.vec" "$work/facqa.importance.vec.0" 2>/dev/null | head -20 ||
  cat "$work/ki.importance.vec"

echo
echo "bench: sweeping bm25 k1 x b on the known items..." >&2
"$bin/telusur-eval" sweep --index "$work/ki/db-dictionary" --topics "$work/ki/topics.tsv" \
  --qrels "$work/ki/qrels.txt" --scheme bm25 -p k1=0.4:2.0:0.4 -p b=0.2:1.0:0.2 \
  --metric recip_rank -M 10 --plot "$plot"
echo "(MRR@10, dictionary stemmer; heatmap in $plot)"
