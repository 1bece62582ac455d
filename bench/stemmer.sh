#!/usr/bin/env bash
# Stemmer benchmark: dictionary vs snowball vs none.
# 1. Accuracy on the Sastrawi pairs and the UD lemmas (../shared/data/stemming)
#    and words per second of telusur-stem; the most frequent remaining errors.
# 2. Indexing time and query latency on the CLICK-ID articles
#    (../shared/data/clickid-news), if present.
# Usage: bench/stemmer.sh [RUNS]   (full builds per stemmer for part 2, default 1)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x build/bin/telusur-stem ] || ./scripts/setup >/dev/null
stemming=../shared/data/stemming
clickid=../shared/data/clickid-news/clickid-news.jsonl.zst
if [ -d "$stemming" ]; then
  python3 bench/stemmer_eval.py build/bin/telusur-stem "$stemming" dictionary,snowball,none
else
  echo "bench: $stemming not found; skipping accuracy" >&2
fi
echo
if [ -f "$clickid" ]; then
  python3 bench/stemmer_speed.py build/bin "$clickid" "${1:-1}" snowball dictionary none
else
  echo "bench: $clickid not found; skipping speed" >&2
fi
