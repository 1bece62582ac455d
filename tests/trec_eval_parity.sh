#!/usr/bin/env bash
# telusur-eval against NIST's trec_eval itself: builds trec_eval 9.0.8 from
# ../shared/tools into the build tree and compares every measure both print,
# per query and averaged, with and without -c and -M, on a fixture run with
# graded judgements, ties in score, unjudged documents, a topic missing from
# the run, a topic without relevant documents and a topic missing from the
# qrels. Exit 77 (skipped) without ../shared/tools.
# Usage: trec_eval_parity.sh BUILD_DIR SOURCE_DIR TELUSUR_EVAL
set -euo pipefail
build=$1 source=$2 eval_bin=$3
tarball=$source/../shared/tools/trec_eval-9.0.8.tar.gz
if [ ! -f "$tarball" ]; then
  echo "skipped: $tarball not found (trec_eval is built from ../shared/tools)"
  exit 77
fi
te=$build/trec_eval-9.0.8/trec_eval
if [ ! -x "$te" ]; then
  tar xzf "$tarball" -C "$build"
  make -s -C "$build/trec_eval-9.0.8" >/dev/null 2>&1
fi
qrels=$source/tests/fixtures/trec/qrels.txt
run=$source/tests/fixtures/trec/run.txt
failures=0 compared=0
for opts in "" "-c" "-M 3" "-c -M 3"; do
  # shellcheck disable=SC2086
  "$te" -q -m all_trec $opts "$qrels" "$run" | awk '$1 != "runid" && $1 != "relstring"' >"$build/te.out"
  # The measures telusur-eval knows, in trec_eval's names.
  measures=$(awk '{print $1}' "$build/te.out" | sort -u | while read -r m; do
    if "$eval_bin" score "$qrels" "$run" -m "$m" >/dev/null 2>&1; then echo "$m"; fi
  done | paste -sd, -)
  # shellcheck disable=SC2086
  "$eval_bin" score "$qrels" "$run" -q -m "$measures" $opts | awk '$1 != "runid"' >"$build/tu.out"
  while read -r m q v; do
    case ",$measures," in *",$m,"*) ;; *) continue ;; esac
    ours=$(awk -v m="$m" -v q="$q" '$1 == m && $2 == q {print $3}' "$build/tu.out")
    compared=$((compared + 1))
    if [ "$ours" != "$v" ]; then
      echo "mismatch ($opts): $m $q trec_eval $v telusur-eval ${ours:-missing}"
      failures=$((failures + 1))
    fi
  done <"$build/te.out"
  extra=$(awk 'NR == FNR {seen[$1 " " $2]; next} !(($1 " " $2) in seen)' "$build/te.out" "$build/tu.out")
  if [ -n "$extra" ]; then
    echo "telusur-eval prints values trec_eval does not ($opts):"
    echo "$extra"
    failures=$((failures + 1))
  fi
done
echo "$compared values compared with trec_eval, $failures mismatches"
[ "$failures" -eq 0 ]
