#!/usr/bin/env bash
# Query benchmark on the 22,136 CLICK-ID articles: telusur, omindex's index
# searched by quest (CLI) and by the Xapian Python bindings (in process),
# recollq, and SQLite FTS5 (sqlite3 CLI; Python's sqlite3 in process), on
# indexes of the same .txt corpus built here. CLI: wall time per query, process
# start included (10 queries x 3 rounds). In process: 1,000 article titles
# as queries (every 22nd article), each run once to warm up, then timed
# (telusur with its snippets, and without them, as the peers are timed);
# all OR queries ranked by each tool's default (BM25 for all three). With
# SCALE=10 also a 10x synthetic corpus (the articles copied with new ids).
# The CLI is also timed on the same queries with one word each written as an
# unseen inflection (the particle -kah: "harga emaskah"), which the index's
# root table analyses without the dictionary. In process, telusur is also
# timed without its spelling suggestions, to show what they cost, and the
# spelling look-ups of the 1,000 queries are counted.
# Usage: bench/query.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/peers.sh
require_clickid
data=$clickid
[ -x build/bin/telusur-query-bench ] || { ./scripts/setup >/dev/null; cmake --build build -j2 >/dev/null; }
install_peers omindex:xapian-omega recollq:recollcmd sqlite3:sqlite3 python3-xapian:python3-xapian
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=$PWD/build/bin
scale=${SCALE:-1}

prepare_corpus "$data" "$work" "$scale"
head -1000 "$work/titles.txt" >"$work/queries.txt"
echo "bench: building the indexes ($((22136 * scale)) articles)..." >&2
"$bin/telusur-index" -q --index "$work/db-telusur" "$work/txt"
omindex --db "$work/db-omega" --url / --stemmer=indonesian "$work/txt" >/dev/null
recollindex -c "$work/recoll-conf" >/dev/null 2>&1
sqlite3 "$work/db-sqlite" "CREATE VIRTUAL TABLE a USING fts5(id UNINDEXED, title, body);" \
  ".mode tabs" ".import $work/articles.tsv a"

queries=("presiden jokowi" "timnas indonesia" "harga beras" "gempa bumi" "kereta cepat"
         "banjir jakarta" "korupsi kpk" "persib bandung" "film horor" "harga emas")
cli_p50() {  # command prefix...: median wall ms per query (timed by Python, not by the shell)
  /usr/bin/python3 - "$@" "${queries[@]}" <<'PY'
import subprocess, sys, time
n = 10
cmd, queries = sys.argv[1:-n], sys.argv[-n:]
times = []
for _ in range(3):
    for q in queries:
        t0 = time.perf_counter()
        subprocess.run(cmd + [q], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - t0) * 1000)
times.sort()
print("%.2f" % times[len(times) // 2])
PY
}
fts_or() { /usr/bin/python3 -c 'import sys; print(" OR ".join("\"%s\"" % w.replace("\"", "") for w in sys.argv[1].split()))' "$1"; }
sqlite_sql() { echo "SELECT id FROM a WHERE a MATCH '$(fts_or "$1" | sed "s/'/''/g")' ORDER BY rank LIMIT 10;"; }

telusur_cli=$(cli_p50 "$bin/telusur" --index "$work/db-telusur")
plain_cli=$(cli_p50 "$bin/telusur" --no-rerank --index "$work/db-telusur")
# The same queries with an unseen word: the last word with the particle -kah.
base_queries=("${queries[@]}")
queries=()
for q in "${base_queries[@]}"; do queries+=("${q}kah"); done
/usr/bin/python3 - "$work/db-telusur" "${queries[@]}" <<'PY'
import sys, xapian
db = xapian.Database(sys.argv[1])
seen = [q.split()[-1] for q in sys.argv[2:] if db.get_collection_freq(q.split()[-1])]
if seen: print("bench: the index holds " + ", ".join(seen) + " (not unseen)", file=sys.stderr)
PY
unseen_cli=$(cli_p50 "$bin/telusur" --index "$work/db-telusur")
queries=("${base_queries[@]}")
omega_cli=$(cli_p50 quest -d "$work/db-omega" -m 10)
recoll_cli=$(cli_p50 recollq -c "$work/recoll-conf" -n 10)
# sqlite3 takes the SQL as its argument: one query per process, like the others.
sqlite_queries=()
for q in "${queries[@]}"; do sqlite_queries+=("$(sqlite_sql "$q")"); done
sqlite_cli_ms=$(queries=("${sqlite_queries[@]}"); cli_p50 sqlite3 "$work/db-sqlite")

# In process.
read -r _ _ _ telusur_p50 _ telusur_p99 _ _ _ _ _ lookups < <("$bin/telusur-query-bench" --rerank data/reranker.trees "$work/db-telusur" "$work/queries.txt")
read -r _ _ _ plain_p50 _ plain_p99 _ _ _ _ _ _ < <("$bin/telusur-query-bench" "$work/db-telusur" "$work/queries.txt")
read -r _ _ _ bare_p50 _ bare_p99 _ _ _ _ _ _ < <("$bin/telusur-query-bench" --no-snippets "$work/db-telusur" "$work/queries.txt")
read -r _ _ _ nospell_p50 _ nospell_p99 _ _ _ _ _ _ < <("$bin/telusur-query-bench" --no-spelling "$work/db-telusur" "$work/queries.txt")
read -r _ _ _ barens_p50 _ barens_p99 _ _ _ _ _ _ < <("$bin/telusur-query-bench" --no-snippets --no-spelling "$work/db-telusur" "$work/queries.txt")
read -r omega_p50 omega_p99 < <(/usr/bin/python3 - "$work" <<'PY'
import sys, time, xapian
work = sys.argv[1]
db = xapian.Database(work + "/db-omega")
qp = xapian.QueryParser()
qp.set_database(db)
qp.set_stemmer(xapian.Stem("indonesian"))
qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
queries = [l.rstrip("\n") for l in open(work + "/queries.txt", encoding="utf-8")]
times = []
for rnd in range(2):
    for q in queries:
        t0 = time.perf_counter()
        enq = xapian.Enquire(db)
        try:
            enq.set_query(qp.parse_query(q))
        except xapian.QueryParserError:
            continue
        mset = enq.get_mset(0, 10)
        for m in mset:
            m.document.get_data()
        if rnd:
            times.append((time.perf_counter() - t0) * 1000)
times.sort()
print("%.3f %.3f" % (times[len(times) // 2], times[min(len(times) - 1, int(len(times) * 0.99))]))
PY
)
read -r sqlite_p50 sqlite_p99 < <(/usr/bin/python3 - "$work" <<'PY'
import sqlite3, sys, time
work = sys.argv[1]
con = sqlite3.connect(work + "/db-sqlite")
queries = [l.rstrip("\n") for l in open(work + "/queries.txt", encoding="utf-8")]
times = []
for rnd in range(2):
    for q in queries:
        match = " OR ".join('"%s"' % w.replace('"', "") for w in q.split())
        t0 = time.perf_counter()
        con.execute("SELECT id, title FROM a WHERE a MATCH ? ORDER BY rank LIMIT 10", (match,)).fetchall()
        if rnd:
            times.append((time.perf_counter() - t0) * 1000)
times.sort()
print("%.3f %.3f" % (times[len(times) // 2], times[min(len(times) - 1, int(len(times) * 0.99))]))
PY
)

row() {  # label cli p50 p99 (empty: not measured), against telusur's
  local cli=—
  [ -n "$2" ] && cli=$(printf '%.1f ms (%s)' "$2" "$(ratio "$2" "$telusur_cli")")
  local in50=— in99=—
  [ -n "$3" ] && in50=$(printf '%.3f ms (%s)' "$3" "$(ratio "$3" "$telusur_p50")")
  [ -n "$4" ] && in99=$(printf '%.3f ms (%s)' "$4" "$(ratio "$4" "$telusur_p99")")
  echo "| $1 | $cli | $in50 | $in99 |"
}
echo "$((22136 * scale)) CLICK-ID articles$([ "$scale" -gt 1 ] && echo " (${scale}x, synthetic copies)") on $(nproc) cores, $(date -u +%Y-%m-%d);"
echo "CLI: median wall time of ${#queries[@]} queries x 3 (process start included); in process: 1,000 title queries"
echo "($lookups spelling look-ups in all); ratio = tool / telusur"
echo
echo "| tool | CLI query p50 | in-process p50 | in-process p99 |"
echo "|---|---|---|---|"
row "telusur (default ranking: the shipped reranker over bm25's 20 best)" "$telusur_cli" "$telusur_p50" "$telusur_p99"
row "telusur, a query word unseen (-kah)" "$unseen_cli" "" ""
row "telusur --no-rerank (bm25 alone)" "$plain_cli" "$plain_p50" "$plain_p99"
row "telusur --no-rerank, no snippets (hits and fields, as the peers)" "" "$bare_p50" "$bare_p99"
row "telusur --no-rerank, no spelling suggestions" "" "$nospell_p50" "$nospell_p99"
row "telusur --no-rerank, neither" "" "$barens_p50" "$barens_p99"
row "omindex + quest / Xapian Python" "$omega_cli" "$omega_p50" "$omega_p99"
row recollq "$recoll_cli" "" ""
row "SQLite FTS5 (sqlite3 / Python)" "$sqlite_cli_ms" "$sqlite_p50" "$sqlite_p99"
