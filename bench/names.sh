#!/usr/bin/env bash
# Name extraction benchmark: telusur-names --conll against idner-news-2k dev
# and NER UGM (../shared/data), with a naive baseline; prints one table.
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data
if [ ! -d "$data/ner-idner-news-2k" ]; then
  echo "bench: $data/ner-idner-news-2k not found; skipping" >&2
  exit 0
fi
[ -x build/bin/telusur-names ] || ./scripts/setup >/dev/null
python3 bench/names_eval.py build/bin/telusur-names "$data"
