#!/usr/bin/env bash
# Stemmer benchmark: dictionary vs snowball vs none on the Sastrawi pairs and
# the UD lemmas in ../shared/data/stemming; prints one table and the most
# frequent remaining errors. Usage: bench/stemmer.sh [STEMMERS] (comma list).
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data/stemming
if [ ! -d "$data" ]; then
  echo "bench: $data not found; skipping" >&2
  exit 0
fi
[ -x build/bin/telusur-stem ] || ./scripts/setup >/dev/null
python3 bench/stemmer_eval.py build/bin/telusur-stem "$data" "${1:-dictionary,snowball,none}"
