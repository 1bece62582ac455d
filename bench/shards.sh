#!/usr/bin/env bash
# Shard benchmark: the CLICK-ID articles copied SCALE times (default 10:
# 221,360 articles, the copies with new ids, labelled synthetic) indexed as
# one database and as 4 local shards, then the 4 shards served over loopback
# TCP by xapian-tcpsrv; index time (fresh build) and in-process query latency
# p50/p99 of 200 article titles (10 hits with snippets), in one table.
# Usage: bench/shards.sh   (SCALE=N for another size)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/peers.sh
require_clickid
[ -x build/bin/telusur-query-bench ] || { ./scripts/setup >/dev/null; cmake --build build -j2 >/dev/null; }
scale=${SCALE:-10}
work=$(mktemp -d)
servers=()
cleanup() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
bin=$PWD/build/bin
echo "bench: preparing $((22136 * scale)) articles..." >&2
zstd -dc "$clickid" >"$work/one.jsonl"
/usr/bin/python3 - "$work" "$scale" <<'PY'
import json, sys
work, scale = sys.argv[1], int(sys.argv[2])
lines = [l for l in open(work + "/one.jsonl", encoding="utf-8") if l.strip()]
with open(work + "/articles.jsonl", "w", encoding="utf-8") as out, open(work + "/queries.txt", "w") as q:
    for copy in range(scale):
        for n, line in enumerate(lines):
            r = json.loads(line)
            if copy:
                r["id"] = "synthetic-%d-%s" % (copy, r["id"])
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
            if copy == 0 and n % 110 == 0 and len((r.get("title") or "").split()) > 1:
                q.write(r["title"].replace("\t", " ").replace("\n", " ") + "\n")
PY
head -200 "$work/queries.txt" >"$work/q200.txt"
rm "$work/one.jsonl"

build() {  # NAME ARGS...: wall seconds of a fresh build
  local name=$1
  shift
  local t0 t1
  t0=$(date +%s.%N)
  "$bin/telusur-index" -q --index "$work/$name" "$@" "$work/articles.jsonl"
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}'
}
echo "bench: building one database..." >&2
one_s=$(build one)
echo "bench: building 4 shards..." >&2
four_s=$(build four --shards 4)

# The same 4 shards served over loopback TCP, one xapian-tcpsrv each; the
# query host keeps the stub and the meta database.
mkdir -p "$work/tcp"
cp -r "$work/four/meta" "$work/tcp/meta"
port=$((20000 + RANDOM % 20000))
: >"$work/tcp/XAPIANDB"
for k in 0 1 2 3; do
  setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port $((port + k)) "$work/four/shard-$k" \
    >/dev/null 2>&1 &
  servers+=($!)
  echo "remote :127.0.0.1:$((port + k))" >>"$work/tcp/XAPIANDB"
done
sleep 1

latency() {  # INDEX: p50 p99 in ms
  "$bin/telusur-query-bench" "$1" "$work/q200.txt" | awk '{print $4, $6}'
}
read -r one_p50 one_p99 < <(latency "$work/one")
read -r four_p50 four_p99 < <(latency "$work/four")
read -r tcp_p50 tcp_p99 < <(latency "$work/tcp")

echo "$((22136 * scale)) articles ($((scale - 1)) synthetic copies of CLICK-ID) on $(nproc) cores;"
echo "queries: 200 article titles, 10 hits with snippets, in process (telusur-query-bench)"
echo
echo "| layout | fresh build | query p50 | query p99 |"
echo "|---|---|---|---|"
echo "| 1 database | ${one_s} s | ${one_p50} ms | ${one_p99} ms |"
echo "| 4 local shards | ${four_s} s | ${four_p50} ms | ${four_p99} ms |"
echo "| 4 shards over loopback TCP (xapian-tcpsrv) | (the same shards) | ${tcp_p50} ms | ${tcp_p99} ms |"
