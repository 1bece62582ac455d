#!/usr/bin/env bash
# `cmake --install` puts the binaries, the manual pages and the bash
# completion in place, and the completion completes options, values and
# field prefixes. Usage: install_test.sh BUILD_DIR
set -euo pipefail
build=$1
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
fail=0
check() { if ! "$@"; then echo "FAILED: $*" >&2; fail=1; fi; }
for f in bin/telusur bin/telusur-index bin/telusur-eval bin/telusur-names bin/telusur-stem \
         share/man/man1/telusur.1 share/man/man1/telusur-index.1 share/man/man1/telusur-eval.1 \
         share/man/man1/telusur-names.1 share/man/man1/telusur-stem.1 share/telusur/reranker.trees \
         share/bash-completion/completions/telusur share/bash-completion/completions/telusur-index \
         share/bash-completion/completions/telusur-eval; do
  check test -s "$prefix/$f"
done
if command -v groff >/dev/null; then
  for page in telusur telusur-index telusur-eval telusur-names telusur-stem; do
    out=$(groff -man -Tutf8 -ww -z "$prefix/share/man/man1/$page.1" 2>&1)
    check test -z "$out"
  done
fi
complete_words() {  # COMMAND WORDS...: what completing the last word offers
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1));
    case $1 in telusur) _telusur ;; telusur-index) _telusur_index ;; *) _telusur_eval ;; esac
    echo "${COMPREPLY[*]}"' _ "$prefix/share/bash-completion/completions/telusur" "$@"
}
check test "$(complete_words telusur --so)" = "--sort"
check test "$(complete_words telusur --sort n)" = "newest"
check test "$(complete_words telusur tok)" = "tokoh:"
check test "$(complete_words telusur -w lm)" = "lm-dirichlet lm-jm"
check test "$(complete_words telusur-index --stemmer s)" = "snowball"
check test "$(complete_words telusur-eval kno)" = "known-item"
check test "$(complete_words telusur-eval sweep --sch)" = "--scheme"
# Every installed binary answers --version with Telusur's and its libraries' versions.
for b in telusur telusur-index telusur-eval telusur-names telusur-stem; do
  check grep -q "^$b [0-9]" <<<"$("$prefix/bin/$b" --version)"
  check grep -q "Xapian" <<<"$("$prefix/bin/$b" --version)"
done
[ $fail -eq 0 ] && echo "install: binaries, manual pages and completion in place"
exit $fail
