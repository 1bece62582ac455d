#!/usr/bin/env bash
# Kill-then-rerun: ROUNDS times (default 20), a telusur-index run over the
# CLICK-ID articles is SIGKILLed 1 to 3 s in and the next one starts at once
# (no --wait), as a supervisor restarting a killed indexer would. Counts the
# runs refused because the index was "locked", then lets a last run finish
# and checks the index (xapian-check, article count).
# Usage: bench/lock.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/peers.sh
require_clickid
rounds=${1:-20}
[ -x build/bin/telusur-index ] || ./scripts/setup >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=$PWD/build/bin
locked=0 other=0
for round in $(seq "$rounds"); do
  after=$(awk -v r="$RANDOM" 'BEGIN {printf "%.1f", 1 + 2 * r / 32767}')
  set +e
  timeout --foreground -s KILL "$after" "$bin/telusur-index" -q --index "$work/db" "$clickid" 2>"$work/err" \
    </dev/null
  rc=$?
  set -e
  if grep -q "locked" "$work/err"; then
    locked=$((locked + 1))
    sed 's/^/  /' "$work/err" >&2
  elif [ "$rc" -ne 137 ] && [ "$rc" -ne 0 ]; then
    other=$((other + 1))
    sed 's/^/  /' "$work/err" >&2
  fi
done
start=$(date +%s.%N)
"$bin/telusur-index" -q --index "$work/db" "$clickid"
end=$(date +%s.%N)
articles=$(xapian-delve "$work/db" | awk '/number of documents/ {print $NF}')
check=$(xapian-check "$work/db" >/dev/null 2>&1 && echo clean || echo FAILED)
echo "| rounds (killed 1-3 s in, rerun at once) | refused as locked | other failures | last run | articles | xapian-check |"
echo "|---|---|---|---|---|---|"
printf '| %s | %s | %s | %s s | %s | %s |\n' "$rounds" "$locked" "$other" \
  "$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f", b - a}')" "$articles" "$check"
