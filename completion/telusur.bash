# Bash completion for telusur, telusur-index and telusur-eval: options, their
# values (sort orders, formats, schemes, stemmers) and telusur's field
# prefixes. Installed as bash-completion/completions/{telusur,telusur-index,telusur-eval}.

_telusur_fields="title: judul: author: penulis: source: sumber: category: kategori: person: tokoh: place: tempat: org: organisasi: name: nama: year: tahun: date: tanggal:"
_telusur_schemes="bm25 bm25+ tfidf inl2 ifb2 ineb2 bb2 pl2 pl2+ dlh dph trad coord bool lm-dirichlet lm-jm"

_telusur() {
  local cur prev
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD-1]}
  case $prev in
    --index|-i|--topics) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --sort) COMPREPLY=($(compgen -W "relevance newest oldest" -- "$cur")); return ;;
    --timeline) COMPREPLY=($(compgen -W "day week month year" -- "$cur")); return ;;
    --plot) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --format) COMPREPLY=($(compgen -W "text json compact" -- "$cur")); return ;;
    --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    --weighting|-w) COMPREPLY=($(compgen -W "$_telusur_schemes" -- "$cur")); return ;;
    --run-format) COMPREPLY=($(compgen -W "trec" -- "$cur")); return ;;
    --limit|-n|--offset|--width|--facet-limit|--depth|--threads|--since|--until|--like|--run-tag|--field-weights|--prf|--timeout|--rerank-depth|--sdm-weights|--rm3-settings|--answer-weight)
      return ;;
    --rerank) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "--help --index --all --limit --offset --sort --json --format --width
      --no-pager --facets --names --facet-limit --color --weighting --since --until --group --like
      --auto-correct --field-weights --prf --sdm --sdm-weights --rm3 --rm3-settings --questions --answer-weight --rerank
      --rerank-depth --no-rerank --no-vectors --timeline --plot
      --topics --run-format --run-tag --depth --threads --allow-partial --timeout" -- "$cur"))
  else
    compopt -o nospace 2>/dev/null
    COMPREPLY=($(compgen -W "$_telusur_fields" -- "$cur"))
  fi
}

_telusur_index() {
  local cur prev
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD-1]}
  case $prev in
    --index|-i) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    --stemmer) COMPREPLY=($(compgen -W "dictionary snowball none" -- "$cur")); return ;;
    --commit-every|--threads|--shards) return ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "--help --index --rebuild --dry-run --keep-deleted --stemmer --no-names --vectors --no-vectors --vector-threads
      --no-name-fields --shards --commit-every --threads --verbose --quiet" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}

_telusur_eval() {
  local cur prev
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD-1]}
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W "score known-item sweep --help" -- "$cur"))
    return
  fi
  case $prev in
    --scheme) COMPREPLY=($(compgen -W "$_telusur_schemes" -- "$cur")); return ;;
    --metric|--metrics|-m)
      COMPREPLY=($(compgen -W "map Rprec bpref recip_rank P_10 recall_100 ndcg_cut_10 success_1 success_10" -- "$cur"))
      return ;;
  esac
  if [[ $cur == -* ]]; then
    case ${COMP_WORDS[1]} in
      score) COMPREPLY=($(compgen -W "--help --metrics --per-query --json --complete --max-docs --trials --plot-pr" -- "$cur")) ;;
      known-item) COMPREPLY=($(compgen -W "--help --index --out --topics --seed --min-body" -- "$cur")) ;;
      sweep) COMPREPLY=($(compgen -W "--help --index --topics --qrels --scheme --param --metric --max-docs --depth --threads --plot" -- "$cur")) ;;
    esac
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}

complete -F _telusur telusur
complete -F _telusur_index telusur-index
complete -F _telusur_eval telusur-eval
