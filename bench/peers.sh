# Sourced by bench/index.sh and bench/query.sh: installs the peers (Debian
# packages) and prepares the CLICK-ID corpus the same way for every tool.

# The CLICK-ID articles; a benchmark without them is skipped (exit 0).
clickid=../shared/data/clickid-news/clickid-news.jsonl.zst
require_clickid() {
  if [ ! -f "$clickid" ]; then
    echo "bench: $clickid not found; skipping" >&2
    exit 0
  fi
}

# Installs the Debian packages that provide the given commands (as root or
# with sudo): pairs of command:package.
install_peers() {
  local need=() pair
  for pair in "$@"; do
    local cmd=${pair%%:*} pkg=${pair#*:}
    if [ "$cmd" = python3-xapian ]; then
      /usr/bin/python3 -c 'import xapian' 2>/dev/null || need+=("$pkg")
    else
      command -v "$cmd" >/dev/null || need+=("$pkg")
    fi
  done
  [ ${#need[@]} -eq 0 ] && return
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
}

# prepare_corpus DATA WORK [SCALE]: WORK/articles.jsonl, one WORK/txt/ID.txt
# per article (title, blank line, body), WORK/articles.tsv (CSV-quoted, for
# SQLite's .import), WORK/titles.txt (every 22nd title of two words or more),
# and a Recoll configuration in WORK/recoll-conf indexing WORK/txt. With
# SCALE > 1 the articles are copied SCALE-1 more times with new ids
# ("synthetic-N-ID").
prepare_corpus() {
  local data=$1 work=$2 scale=${3:-1}
  zstd -dc "$data" >"$work/articles.jsonl"
  /usr/bin/python3 - "$work" "$scale" <<'PY'
import json, os, sys
out, scale = sys.argv[1], int(sys.argv[2])
os.makedirs(out + "/txt")
quote = lambda s: '"' + s.replace("\t", " ").replace("\n", " ").replace('"', '""') + '"'
lines = [l for l in open(out + "/articles.jsonl", encoding="utf-8").read().split("\n") if l.strip()]
with open(out + "/articles.tsv", "w") as tsv, open(out + "/titles.txt", "w") as titles, \
     open(out + "/articles.jsonl", "w", encoding="utf-8") as jsonl:
    for copy in range(scale):
        for n, line in enumerate(lines):
            r = json.loads(line)
            if copy:
                r["id"] = "synthetic-%d-%s" % (copy, r["id"])
                line = json.dumps(r, ensure_ascii=False)
            jsonl.write(line + "\n")
            rid, title, body = r["id"], r.get("title") or "", r.get("body") or ""
            with open(os.path.join(out, "txt", rid + ".txt"), "w") as f:
                f.write(title + "\n\n" + body + "\n")
            tsv.write(quote(rid) + "\t" + quote(title) + "\t" + quote(body) + "\n")
            if copy == 0 and n % 22 == 0 and len(title.split()) > 1:
                titles.write(title.replace("\t", " ").replace("\n", " ") + "\n")
PY
  mkdir -p "$work/recoll-conf"
  cat >"$work/recoll-conf/recoll.conf" <<CONF
topdirs = $work/txt
dbdir = $work/db-recoll
indexstemminglanguages = indonesian
loglevel = 1
CONF
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2fx", a / b}'; }

# The CLICK-ID articles as JSON Lines into FILE, SCALE times (default 1):
# each copy after the first with new ids ("synthetic-N-ID").
scaled_clickid() {
  local out=$1 scale=${2:-1}
  zstd -dc "$clickid" | /usr/bin/python3 -c '
import json, sys
lines = [l for l in sys.stdin if l.strip()]
for copy in range(int(sys.argv[1])):
    for line in lines:
        if copy:
            r = json.loads(line)
            r["id"] = "synthetic-%d-%s" % (copy, r["id"])
            line = json.dumps(r, ensure_ascii=False) + "\n"
        sys.stdout.write(line)
' "$scale" >"$out"
}
