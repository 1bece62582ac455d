#!/usr/bin/env bash
# Name extraction benchmark: telusur-names --conll against idner-news-2k dev,
# NER UGM, NERGrit valid and NERP test (../shared/data; NERP is lower-cased,
# so a reader of capitals finds nothing there), with a naive baseline, in one
# table; then, on
# the CLICK-ID articles, the 30 most frequent names and what names cost the
# indexer: median of RUNS full builds without names, with extraction only
# (--no-name-fields: names kept for facets) and with names indexed as fields;
# (the three kinds of build in turn); last, the entities of that index scored against the hand-made gold
# (bench/entities-gold.tsv: B-cubed and pairwise precision, recall, F1) and
# the 30 entities in most articles with their variants.
# Usage: bench/names.sh [RUNS]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data
runs=${1:-3}
if [ ! -d "$data/ner-idner-news-2k" ]; then
  echo "bench: $data/ner-idner-news-2k not found; skipping" >&2
  exit 0
fi
[ -x build/bin/telusur-names ] || ./scripts/setup >/dev/null
python3 bench/names_eval.py build/bin/telusur-names "$data"

clickid=$data/clickid-news/clickid-news.jsonl.zst
if [ ! -f "$clickid" ]; then
  echo "bench: $clickid not found; skipping the CLICK-ID part" >&2
  exit 0
fi
echo
build/bin/telusur-names "$clickid" | python3 bench/names_top.py 30

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
build_once() {  # telusur-index options...: wall seconds of one full build
  rm -rf "$work/db"
  local t0 t1
  t0=$(date +%s.%N)
  build/bin/telusur-index -q --index "$work/db" "$@" "$clickid" >/dev/null 2>&1
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}'
}
# The three builds take turns, run after run: a machine that slows down or
# speeds up part way weighs on each alike.
: >"$work/without"; : >"$work/extract"; : >"$work/with"
for _ in $(seq "$runs"); do
  build_once --no-names >>"$work/without"
  build_once --no-name-fields >>"$work/extract"
  build_once >>"$work/with"
done
without=$(median <"$work/without")
extract=$(median <"$work/extract")
with=$(median <"$work/with")
size_with=$(du -sm "$work/db" | cut -f1)
pct() { awk -v a="$without" -v b="$1" 'BEGIN {printf "%+.1f%%", 100 * (b - a) / a}'; }
echo
echo "| full build of CLICK-ID (median of $runs) | seconds | vs --no-names | index size |"
echo "|---|---|---|---|"
echo "| telusur-index --no-names | $without | | |"
echo "| telusur-index --no-name-fields (extraction only) | $extract | $(pct "$extract") | |"
echo "| telusur-index (names extracted and indexed) | $with | $(pct "$with") | ${size_with} MB |"
echo
build/bin/telusur-names --entities "$work/db" | python3 bench/entities_eval.py bench/entities-gold.tsv
