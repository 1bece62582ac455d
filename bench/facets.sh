#!/usr/bin/env bash
# Facet benchmark: queries matching many CLICK-ID articles, in process
# (telusur-query-bench, bm25 with snippets, each query run once to warm up,
# then timed 100 times: p50) without and with --facets 10 (entity facets
# counted over at least 5,000 matches and scaled to all, the default, and over
# every match: --facet-sample 0), how close the default's top 10s are to the
# exact ones (names in both, mean count error), and the CLI with --facets (a
# fresh process: the entity table read and each matching article's names
# read once, median of 3). With
# SCALE=10, a 10x synthetic corpus (the articles copied with new ids).
# Usage: bench/facets.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/peers.sh
require_clickid
[ -x build/bin/telusur-query-bench ] || { ./scripts/setup >/dev/null; cmake --build build -j2 >/dev/null; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=$PWD/build/bin
scale=${SCALE:-1}

scaled_clickid "$work/articles.jsonl" "$scale"
echo "bench: indexing $((22136 * scale)) articles..." >&2
"$bin/telusur-index" --index "$work/db" "$work/articles.jsonl" 2>/dev/null

now() { date +%s.%N; }
p50_of() { awk '{print $4}'; }  # "queries N p50 X ..."
echo "$((22136 * scale)) CLICK-ID articles$([ "$scale" -gt 1 ] && echo " (${scale}x, synthetic copies)") on $(nproc) cores, $(date -u +%Y-%m-%d)"
echo
echo "| query | matches | no facets, in process | --facets, in process | ratio | --facets --facet-sample 0 | ratio | top 10s: same names, count error | --facets, CLI |"
echo "|---|---|---|---|---|---|---|---|---|"
for q in indonesia presiden jakarta pemerintah korupsi; do
  for _ in $(seq 100); do echo "$q"; done >"$work/q.txt"
  plain=$("$bin/telusur-query-bench" "$work/db" "$work/q.txt" | p50_of)
  facets=$("$bin/telusur-query-bench" --facets 10 "$work/db" "$work/q.txt" | p50_of)
  exact=$("$bin/telusur-query-bench" --facets 10 --facet-sample 0 "$work/db" "$work/q.txt" | p50_of)
  "$bin/telusur" --index "$work/db" --json --limit 0 --facets "$q" >"$work/sampled.json"
  "$bin/telusur" --index "$work/db" --json --limit 0 --facets --facet-sample 0 "$q" >"$work/exact.json"
  read -r matches agreement < <(/usr/bin/python3 - "$work/sampled.json" "$work/exact.json" <<'PY'
import json, sys
sampled, exact = ([json.loads(l) for l in open(f)] for f in sys.argv[1:])
both = errors = 0
for kind in ("persons", "places", "organisations"):
    s = {f["name"]: f["count"] for f in sampled[0][kind]}
    e = {f["name"]: f["count"] for f in exact[0][kind]}
    both += len(s.keys() & e.keys())
    errors += sum(abs(s[n] - e[n]) / e[n] for n in s.keys() & e.keys())
print(exact[-1]["matches_estimated"], "%d/30 names, %.1f%%" % (both, 100 * errors / max(both, 1)))
PY
)
  cli=()
  for _ in 1 2 3; do
    t0=$(now)
    "$bin/telusur" --index "$work/db" --facets --limit 10 "$q" >/dev/null
    t1=$(now)
    cli+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", (b - a) * 1000}')")
  done
  printf '| %s | %s | %s ms | %s ms | %s | %s ms | %s | %s | %s ms |\n' "$q" "$matches" "$plain" \
    "$facets" "$(ratio "$facets" "$plain")" "$exact" "$(ratio "$exact" "$plain")" "$agreement" \
    "$(printf '%s\n' "${cli[@]}" | median)"
done
