#!/usr/bin/env bash
# Indexing benchmark: the 22,136 CLICK-ID articles (../shared/data) indexed by
# telusur-index and, in the same run and on the same text, by omindex (Xapian
# Omega, Snowball Indonesian), recollindex (Snowball Indonesian) and SQLite
# FTS5 (unicode61, no stemming). The corpus is prepared once as one .txt file
# per article (what omindex and recollindex read; telusur reads it too) and
# as JSON Lines. Prints one table: full build (median of RUNS), index size,
# peak memory of the build, re-run with nothing changed and re-run after 10
# new articles (median of 3 each), with each tool's ratio to telusur.
# Peers come from Debian packages installed here. Usage: bench/index.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/peers.sh
require_clickid
data=$clickid
runs=${1:-3}
[ -x build/bin/telusur-index ] || ./scripts/setup >/dev/null
install_peers omindex:xapian-omega recollindex:recollcmd sqlite3:sqlite3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=$PWD/build/bin

now() { date +%s.%N; }
size_mb() { du -sm "$1" | cut -f1; }
seconds_of() {  # command string: wall seconds
  local t0 t1
  t0=$(now)
  bash -c "$1" >/dev/null 2>&1
  t1=$(now)
  awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}'
}

prepare_corpus "$data" "$work"

# Each tool: one command that builds from scratch when its index is absent
# and updates it otherwise.
declare -A cmd=(
  [telusur]="'$bin/telusur-index' -q --index '$work/db-telusur' '$work/txt'"
  [telusur_jsonl]="'$bin/telusur-index' -q --index '$work/db-telusur-jsonl' '$work/articles.jsonl'"
  [omega]="omindex --db '$work/db-omega' --url / --stemmer=indonesian '$work/txt'"
  [recoll]="recollindex -c '$work/recoll-conf'"
  [sqlite]="sqlite3 '$work/db-sqlite' 'CREATE VIRTUAL TABLE a USING fts5(id UNINDEXED, title, body);' '.mode tabs' '.import $work/articles.tsv a'"
)
tools=(telusur telusur_jsonl omega recoll sqlite)
declare -A label=(
  [telusur]="telusur-index (.txt files)"
  [telusur_jsonl]="telusur-index (one JSONL file)"
  [omega]="omindex (Snowball)"
  [recoll]="recollindex (Snowball)"
  [sqlite]="SQLite FTS5 (no stemming)"
)
declare -A db=(
  [telusur]=db-telusur [telusur_jsonl]=db-telusur-jsonl [omega]=db-omega [recoll]=db-recoll
  [sqlite]=db-sqlite
)
declare -A build_s size memory nochange_s plus10_s

for t in "${tools[@]}"; do
  times=()
  for _ in $(seq "$runs"); do
    rm -rf "$work/${db[$t]}"
    t0=$(now)
    /usr/bin/time -f "%M" -o "$work/mem" bash -c "${cmd[$t]}" >/dev/null 2>"$work/log" ||
      { echo "bench: $t failed:" >&2; cat "$work/log" >&2; exit 1; }
    t1=$(now)
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")  # with the memory probe
  done
  build_s[$t]=$(printf '%s\n' "${times[@]}" | median)
  size[$t]=$(size_mb "$work/${db[$t]}")
  memory[$t]=$(awk '{printf "%d", $1 / 1024}' "$work/mem")
done

# Re-runs: nothing changed, then 10 new articles (a new batch of 10 files
# each round, appended to the JSONL for the JSONL index).
for t in telusur telusur_jsonl omega recoll; do
  times=()
  for _ in 1 2 3; do times+=("$(seconds_of "${cmd[$t]}")"); done
  nochange_s[$t]=$(printf '%s\n' "${times[@]}" | median)
done
declare -A plus10_times
for round in 1 2 3; do
  python3 - "$work" "$round" <<'PY'
import json, sys
work, rnd = sys.argv[1], sys.argv[2]
lines = [l for l in open(work + "/articles.jsonl", encoding="utf-8").read().split("\n") if l.strip()]
with open(work + "/articles.jsonl", "a", encoding="utf-8") as out:
    for i in range(10):
        r = json.loads(lines[1000 * int(rnd) + i])
        r["id"] = "new-%s-%d" % (rnd, i)
        r["title"] = "Baru: " + (r.get("title") or "")
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
        with open("%s/txt/%s.txt" % (work, r["id"]), "w") as f:
            f.write(r["title"] + "\n\n" + (r.get("body") or "") + "\n")
PY
  for t in telusur telusur_jsonl omega recoll; do
    plus10_times[$t]+="$(seconds_of "${cmd[$t]}") "
  done
done
for t in telusur telusur_jsonl omega recoll; do
  plus10_s[$t]=$(printf '%s\n' ${plus10_times[$t]} | median)
done

echo "22,136 CLICK-ID articles on $(nproc) cores; full build: median of $runs; re-runs: median of 3;"
echo "ratio = tool / telusur-index (.txt files)"
echo
echo "| tool | full build | index size | build peak memory | re-run, nothing changed | re-run, +10 articles |"
echo "|---|---|---|---|---|---|"
for t in "${tools[@]}"; do
  nc="—" p10="—"
  if [ -n "${nochange_s[$t]:-}" ]; then
    nc=$(printf '%.3f s (%s)' "${nochange_s[$t]}" "$(ratio "${nochange_s[$t]}" "${nochange_s[telusur]}")")
    p10=$(printf '%.3f s (%s)' "${plus10_s[$t]}" "$(ratio "${plus10_s[$t]}" "${plus10_s[telusur]}")")
  fi
  printf '| %s | %.2f s (%s) | %s MB (%s) | %s MB | %s | %s |\n' "${label[$t]}" \
    "${build_s[$t]}" "$(ratio "${build_s[$t]}" "${build_s[telusur]}")" \
    "${size[$t]}" "$(ratio "${size[$t]}" "${size[telusur]}")" "${memory[$t]}" "$nc" "$p10"
done
