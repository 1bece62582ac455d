#!/usr/bin/env bash
# Spelling suggestions on the 22,136 CLICK-ID articles: precision and recall
# of "Did you mean" on misspellings of the collection's words and on correct
# rare words (bench/spelling_set.py), with the rule of common/spelling.h
# (only words the index lacks or holds rarely are looked up) and with every
# word looked up, as before the rule; the spelling look-ups and the mean time
# per search of each.
# Usage: bench/spelling.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/peers.sh
require_clickid
[ -x build/bin/telusur-spelling-bench ] || { ./scripts/setup >/dev/null; cmake --build build -j2 >/dev/null; }
install_peers python3-xapian:python3-xapian
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
zstd -dc "$clickid" >"$work/articles.jsonl"
build/bin/telusur-index -q --index "$work/db" "$work/articles.jsonl"
/usr/bin/python3 bench/spelling_set.py "$work/db" >"$work/set.tsv"
misspelt=$(awk -F'\t' '$2 != ""' "$work/set.tsv" | wc -l)
rare=$(awk -F'\t' '$2 == ""' "$work/set.tsv" | wc -l)
row() {  # label, flags...
  local label=$1
  shift
  read -r _ _ _ _ _ _ _ _ _ p _ r _ l _ ms < <(build/bin/telusur-spelling-bench "$@" "$work/db" "$work/set.tsv")
  printf '| %s | %s | %s | %s | %s ms |\n' "$label" "$p" "$r" "$l" "$ms"
}
echo "22136 CLICK-ID articles; $misspelt misspellings of its words and $rare correct rare words (seed 42)"
echo
echo "| rule | precision | recall | spelling look-ups | mean per search |"
echo "|---|---|---|---|---|"
row "every word looked up (before)" --every-word
row "words held fewer than max(10, N/2000) times (spelling.h)"
