#!/usr/bin/env bash
# Benchmark: index the 22,136 CLICK-ID articles from ../shared/data and time
# CLI queries. Prints one table. Usage: bench/index_clickid.sh [RUNS]
# (median of RUNS full builds, default 3). Peers (omindex, recollindex, SQLite
# FTS5) are compared in bench/ by the incremental-indexing benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data/clickid-news/clickid-news.jsonl.zst
if [ ! -f "$data" ]; then
  echo "bench: $data not found; skipping" >&2
  exit 0
fi
runs=${1:-3}
[ -x build/bin/telusur-index ] || ./scripts/setup >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
now() { date +%s.%N; }

builds=()
for _ in $(seq "$runs"); do
  rm -rf "$work/db"
  t0=$(now)
  build/bin/telusur-index -q --index "$work/db" "$data"
  t1=$(now)
  builds+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")
done
build_s=$(printf '%s\n' "${builds[@]}" | median)
size_mb=$(du -sm "$work/db" | cut -f1)

queries=("presiden jokowi" "timnas indonesia" "harga beras" "gempa bumi" "\"kereta cepat\"" "banjir jakarta"
         "korupsi kpk" "title:persib" "year:2019 film" "date:2019-09-10 kompas")
times=()
for round in 1 2 3; do
  for q in "${queries[@]}"; do
    t0=$(now)
    build/bin/telusur --index "$work/db" --json "$q" >/dev/null || true
    t1=$(now)
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print (b - a) * 1000}')")
  done
done
p50=$(printf '%s\n' "${times[@]}" | median)

printf '| %-10s | %-16s | %-14s | %-18s |\n' "tool" "full build (s)" "index size (MB)" "CLI query p50 (ms)"
printf '|%s|%s|%s|%s|\n' "------------" "------------------" "----------------" "--------------------"
printf '| %-10s | %-16.2f | %-14s | %-18.1f |\n' "telusur" "$build_s" "$size_mb" "$p50"
