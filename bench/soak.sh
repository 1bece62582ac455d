#!/usr/bin/env bash
# Soak test: for DURATION seconds (default 600), four long-lived searchers
# (telusur-soak-search: one Searcher each, queries from the collection's
# titles with fields, facets and --group) search without pause while an
# updater adds, edits and deletes articles every second and runs
# telusur-index, SIGKILLing about a third of its runs at a random moment.
# At the end, a last telusur-index run; then the figures: searches and
# failed searches, updater runs and kills, the index against a clean build of
# the files on disk (telusur-index-diff: no article lost, doubled or stale),
# xapian-check, and each searcher's resident memory after the first minute
# (or tenth of the run) and at the end.
# The articles: ARTICLES (default 3000) of CLICK-ID, or generated ones when
# CLICK-ID is absent or CORPUS=synthetic. Exit status 1 when a figure is
# off target (a failed search, an article lost or doubled, a damaged index,
# memory grown past RSS_LIMIT percent, default 10).
# Usage: DURATION=600 ARTICLES=3000 bench/soak.sh
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-600}
articles=${ARTICLES:-3000}
bin=${TELUSUR_BIN:-$PWD/build/bin}
[ -x "$bin/telusur-soak-search" ] || { ./scripts/setup >/dev/null; cmake --build build -j2 >/dev/null; bin=$PWD/build/bin; }
clickid=../shared/data/clickid-news/clickid-news.jsonl.zst
work=$(mktemp -d)
cleanup() { kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/in"

# The articles, 100 per JSON Lines file, and a reserve to add from.
if [ "${CORPUS:-}" != synthetic ] && [ -f "$clickid" ]; then
  # (head stops reading early: zstd's broken pipe is expected)
  { zstd -dc "$clickid" 2>/dev/null || true; } | head -n $((articles * 2)) >"$work/all.jsonl"
  source_name="CLICK-ID"
else
  /usr/bin/python3 - "$articles" >"$work/all.jsonl" <<'PY'
import json, random, sys
random.seed(7)
words = ("banjir gempa pemilu harga beras kapal nelayan presiden menteri jakarta "
         "surabaya bandung sekolah rumah sakit jalan tol kereta bandara pasar").split()
for i in range(2 * int(sys.argv[1])):
    title = " ".join(random.choice(words) for _ in range(5)).capitalize()
    body = ". ".join(" ".join(random.choice(words) for _ in range(12)) for _ in range(6))
    print(json.dumps({"id": "s%d" % i, "title": title, "body": body.capitalize() + "."}))
PY
  source_name="generated"
fi
/usr/bin/python3 - "$work" "$articles" <<'PY'
import sys
work, n = sys.argv[1], int(sys.argv[2])
lines = open(work + "/all.jsonl", encoding="utf-8").read().splitlines()
for f in range(0, n, 100):
    with open("%s/in/part-%03d.jsonl" % (work, f // 100), "w", encoding="utf-8") as out:
        out.write("\n".join(lines[f:f + 100]) + "\n")
open(work + "/reserve.jsonl", "w", encoding="utf-8").write("\n".join(lines[n:]) + "\n")
PY
/usr/bin/python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    print(json.loads(line).get("title", ""))' "$work/all.jsonl" >"$work/titles.txt"
"$bin/telusur-index" -q --index "$work/db" "$work/in"

echo "soak: $duration s, $articles $source_name articles, 4 searchers and an updater..." >&2
for s in 1 2 3 4; do
  "$bin/telusur-soak-search" "$work/db" "$work/titles.txt" "$duration" "$s" \
    >"$work/searcher-$s.out" 2>"$work/searcher-$s.err" &
done

# One change a second: add an article from the reserve, edit one (its body
# grows a sentence), or delete one; each file is rewritten whole and renamed
# into place, so the files on disk are always whole.
mutate() {
  /usr/bin/python3 - "$work" "$RANDOM" <<'PY'
import glob, json, os, random, sys
work = sys.argv[1]
random.seed(int(sys.argv[2]))
files = sorted(glob.glob(work + "/in/*.jsonl"))
path = random.choice(files)
lines = [l for l in open(path, encoding="utf-8").read().splitlines() if l.strip()]
action = random.choice(["add", "edit", "delete"])
if action == "add" or not lines:
    reserve = open(work + "/reserve.jsonl", encoding="utf-8").read().splitlines()
    if reserve and reserve[0].strip():
        lines.append(reserve[0])
        open(work + "/reserve.jsonl", "w", encoding="utf-8").write("\n".join(reserve[1:]) + "\n")
elif action == "edit":
    i = random.randrange(len(lines))
    a = json.loads(lines[i])
    a["body"] = a.get("body", "") + " Pembaruan %d." % random.randrange(10**6)
    lines[i] = json.dumps(a, ensure_ascii=False)
else:
    del lines[random.randrange(len(lines))]
with open(path + ".tmp", "w", encoding="utf-8") as out:
    out.write("\n".join(lines) + ("\n" if lines else ""))
os.replace(path + ".tmp", path)
PY
}

runs=0 kills=0 failures=0
end=$(( $(date +%s) + duration ))
while [ "$(date +%s)" -lt "$end" ]; do
  mutate
  runs=$((runs + 1))
  set +e
  if [ $((RANDOM % 3)) -eq 0 ]; then
    kills=$((kills + 1))
    timeout --foreground -s KILL "0.$((RANDOM % 9 + 1))" "$bin/telusur-index" -q --index "$work/db" "$work/in" \
      2>>"$work/updater.err"
    rc=$?
    # 137: killed; 124: the timer fired as the run was ending (timeout's own status)
    { [ "$rc" -eq 137 ] || [ "$rc" -eq 124 ]; } && rc=0
  else
    "$bin/telusur-index" -q --index "$work/db" "$work/in" 2>>"$work/updater.err"
    rc=$?
  fi
  if [ "$rc" -ne 0 ]; then
    failures=$((failures + 1))
    echo "soak: updater run $runs exited with status $rc" >>"$work/updater.err"
  fi
  set -e
  sleep 1
done
wait
"$bin/telusur-index" -q --index "$work/db" "$work/in"
"$bin/telusur-index" -q --index "$work/clean" "$work/in"
diff=$("$bin/telusur-index-diff" "$work/clean" "$work/db" | paste -sd ';' -) && same=yes || same=no
check=$(xapian-check "$work/db" >/dev/null 2>&1 && echo clean || echo FAILED)
on_disk=$(cat "$work"/in/*.jsonl | grep -c . || true)

searches=0 failed=0 worst=0 rss=""
for s in 1 2 3 4; do
  read -r _ n _ f _ _ _ first _ last <"$work/searcher-$s.out" || { n=0; f=1; first=1; last=1; cat "$work/searcher-$s.err" >&2; }
  searches=$((searches + n))
  failed=$((failed + f))
  growth=$(awk -v a="$first" -v b="$last" 'BEGIN {printf "%.1f", 100 * (b - a) / a}')
  worst=$(awk -v w="$worst" -v g="$growth" 'BEGIN {print (g > w ? g : w)}')
  rss+="$((first / 1024))->$((last / 1024)) MiB; "
done
[ "$failed" -gt 0 ] && head -5 "$work"/searcher-*.err >&2
[ "$failures" -gt 0 ] && tail -5 "$work/updater.err" >&2
echo "| duration | searches | failed | updater runs | killed | failed runs | articles on disk | index vs clean build | xapian-check | searcher RSS (first minute -> end) | worst growth |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
echo "| $duration s | $searches | $failed | $runs | $kills | $failures | $on_disk | $diff | $check | ${rss%; } | $worst% |"
ok=$(awk -v w="$worst" -v l="${RSS_LIMIT:-10}" 'BEGIN {print (w <= l)}')
[ "$failed" -eq 0 ] && [ "$failures" -eq 0 ] && [ "$same" = yes ] && [ "$check" = clean ] && [ "$ok" = 1 ]
