#!/usr/bin/env bash
# Benchmark: index the 22,136 CLICK-ID articles (../shared/data) with telusur
# and, in the same run, with peers on the same text: omindex (Xapian Omega,
# Snowball Indonesian) + quest, and SQLite FTS5 (unicode61, no stemming) +
# the sqlite3 CLI. Prints one table with ratios to telusur.
# Usage: bench/index_speed.sh [RUNS]   (median of RUNS full builds, default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data/clickid-news/clickid-news.jsonl.zst
if [ ! -f "$data" ]; then
  echo "bench: $data not found; skipping" >&2
  exit 0
fi
runs=${1:-3}
[ -x build/bin/telusur-index ] || ./scripts/setup >/dev/null
if ! command -v omindex >/dev/null || ! command -v sqlite3 >/dev/null; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq xapian-omega sqlite3 >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN {print b - a}'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# The same articles as files (title, blank line, body) for omindex, and as a
# TSV for SQLite.
zstd -dc "$data" | python3 - "$work" 3<&0 <<'PY'
import json, os, sys
out = sys.argv[1]
os.makedirs(out + "/txt")
clean = lambda s: s.replace("\t", " ").replace("\n", " ")
with open(out + "/articles.tsv", "w") as tsv, os.fdopen(3) as src:
    for line in src:
        r = json.loads(line)
        rid, title, body = r["id"], r.get("title") or "", r.get("body") or ""
        with open(os.path.join(out, "txt", rid + ".txt"), "w") as f:
            f.write(title + "\n\n" + body + "\n")
        tsv.write(rid + "\t" + clean(title) + "\t" + clean(body) + "\n")
PY

time_build() {  # name, command...: prints median seconds over $runs
  local times=()
  for _ in $(seq "$runs"); do
    rm -rf "$work/db-$1"
    local t0 t1
    t0=$(now)
    "${@:2}" >/dev/null 2>&1
    t1=$(now)
    times+=("$(elapsed "$t0" "$t1")")
  done
  printf '%s\n' "${times[@]}" | median
}

telusur_build=$(time_build telusur build/bin/telusur-index -q --index "$work/db-telusur" "$data")
omega_build=$(time_build omega omindex --db "$work/db-omega" --url / --stemmer=indonesian "$work/txt")
sqlite_build=$(time_build sqlite sqlite3 "$work/db-sqlite" \
  "CREATE VIRTUAL TABLE a USING fts5(id UNINDEXED, title, body);" \
  ".mode tabs" ".import $work/articles.tsv a")

size() { du -sm "$1" | cut -f1; }
queries=("presiden jokowi" "timnas indonesia" "harga beras" "gempa bumi" "kereta cepat" "banjir jakarta"
         "korupsi kpk" "persib bandung" "film horor" "harga emas")
time_queries() {  # command prefix...: prints median ms per query (3 rounds)
  local times=()
  for _ in 1 2 3; do
    for q in "${queries[@]}"; do
      local t0 t1
      t0=$(now)
      "$@" "$q" >/dev/null 2>&1 || true
      t1=$(now)
      times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print (b - a) * 1000}')")
    done
  done
  printf '%s\n' "${times[@]}" | median
}
sqlite_query() { sqlite3 "$work/db-sqlite" "SELECT id FROM a WHERE a MATCH '$1' ORDER BY rank LIMIT 10;"; }

telusur_q=$(time_queries build/bin/telusur --index "$work/db-telusur" --json)
omega_q=$(time_queries quest -d "$work/db-omega" -m 10)
sqlite_q=$(time_queries sqlite_query)

row() {  # name build size query
  printf '| %-32s | %8.2f s (%5.2fx) | %6s MB (%5.2fx) | %7.1f ms (%5.2fx) |\n' "$1" "$2" \
    "$(awk -v a="$2" -v b="$telusur_build" 'BEGIN {print a / b}')" "$3" \
    "$(awk -v a="$3" -v b="$(size "$work/db-telusur")" 'BEGIN {print a / b}')" "$4" \
    "$(awk -v a="$4" -v b="$telusur_q" 'BEGIN {print a / b}')"
}
echo "22,136 CLICK-ID articles; median of $runs builds; CLI query p50 over ${#queries[@]} queries x 3"
echo "| tool                             | full build (ratio)    | index size (ratio)  | CLI query p50 (ratio) |"
echo "|----------------------------------|-----------------------|---------------------|-----------------------|"
row "telusur (default stemmer)" "$telusur_build" "$(size "$work/db-telusur")" "$telusur_q"
row "omindex + quest (Snowball)" "$omega_build" "$(size "$work/db-omega")" "$omega_q"
row "SQLite FTS5 (no stemming)" "$sqlite_build" "$(size "$work/db-sqlite")" "$sqlite_q"
