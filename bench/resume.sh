#!/usr/bin/env bash
# Resumed builds: a clean fresh build of the CLICK-ID articles (SCALE copies,
# default 10: 221,360 synthetic articles), timed; then a build SIGKILLed at
# KILL_AT of that time (default 0.8) and the run after it, timed, which
# resumes from the killed build's parts; the resumed index is checked
# against the clean one (telusur-index-diff: the same ids, terms, wdf and
# values) and with xapian-check.
# Usage: SCALE=10 KILL_AT=0.8 bench/resume.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/peers.sh
require_clickid
[ -x build/bin/telusur-index-diff ] || { ./scripts/setup >/dev/null; cmake --build build -j2 >/dev/null; }
scale=${SCALE:-10}
kill_at=${KILL_AT:-0.8}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=$PWD/build/bin
scaled_clickid "$work/articles.jsonl" "$scale"
seconds() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", b - a}'; }
echo "bench: clean build of $((22136 * scale)) articles..." >&2
sync
t0=$(date +%s.%N)
"$bin/telusur-index" -q --index "$work/clean" "$work/articles.jsonl"
t1=$(date +%s.%N)
full=$(seconds "$t0" "$t1")
kill_after=$(awk -v f="$full" -v k="$kill_at" 'BEGIN {printf "%.1f", f * k}')
settle() { sync; sleep 5; }  # the last run's writes on disk: each run starts alike
settle
echo "bench: a build killed after $kill_after s..." >&2
timeout --foreground -s KILL "$kill_after" "$bin/telusur-index" -q --index "$work/db" "$work/articles.jsonl" \
  2>/dev/null || true
settle
t0=$(date +%s.%N)
"$bin/telusur-index" --index "$work/db" "$work/articles.jsonl" 2>"$work/resume.err"
t1=$(date +%s.%N)
resumed=$(seconds "$t0" "$t1")
said=$(grep -o 'resumed [0-9]* articles' "$work/resume.err" || echo "resumed 0 articles")
diff=$("$bin/telusur-index-diff" "$work/clean" "$work/db" | paste -sd ';' -)
check=$(xapian-check "$work/db" >/dev/null 2>&1 && echo clean || echo FAILED)
echo "$((22136 * scale)) CLICK-ID articles$([ "$scale" -gt 1 ] && echo " (${scale}x, synthetic copies)") on $(nproc) cores, $(date -u +%Y-%m-%d)"
echo
echo "| clean build | killed at | run after the kill | ratio | the run said | against the clean build | xapian-check |"
echo "|---|---|---|---|---|---|---|"
printf '| %s s | %s s | %s s | %s | %s | %s | %s |\n' "$full" "$kill_after" "$resumed" \
  "$(awk -v a="$resumed" -v b="$full" 'BEGIN {printf "%.0f%%", 100 * a / b}')" "$said" "$diff" "$check"
