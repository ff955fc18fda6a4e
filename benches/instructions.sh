#!/bin/sh
# Instructions pith executes on a folder of pages, counted by callgrind:
# unlike wall time, the count does not move with the load of a shared
# machine, so it judges a speed step. Prints the total and the functions
# with the most instructions of their own, and those instructions summed
# by where their code lives (where the time goes).
#
#   benches/instructions.sh [PITH] [FOLDER] [TOP]
#
# PITH defaults to target/release/pith, FOLDER to ../shared/data/aeb/html
# (pages are decompressed into a temporary folder first, so gunzip is not
# counted), TOP (default 25) is how many functions are listed. pith runs as
# `pith extract DIR -o OUT -j 1 --no-title`. Needs valgrind
# (`apt-get install valgrind`); the 181 AEB pages take about a minute.
set -eu
PITH=${1:-target/release/pith}
FOLDER=${2:-../shared/data/aeb/html}
TOP=${3:-25}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
mkdir "$DIR/in"
for page in "$FOLDER"/*.html*; do
    name=$(basename "$page")
    case $name in
        *.gz) gzip -dc "$page" >"$DIR/in/${name%.gz}" ;;
        *) cp "$page" "$DIR/in/$name" ;;
    esac
done
valgrind --tool=callgrind --callgrind-out-file="$DIR/callgrind.out" \
    "$PITH" extract "$DIR/in" -o "$DIR/out" -j 1 --no-title >/dev/null 2>"$DIR/log"
callgrind_annotate --auto=no --threshold=100 "$DIR/callgrind.out" 2>/dev/null >"$DIR/report"
total=$(sed -n 's/^\([0-9,]*\) .*PROGRAM TOTALS.*/\1/p' "$DIR/report")
echo "instructions: $total"
grep -E '^ *[0-9,]+ \([ 0-9.]+%\)' "$DIR/report" | head -n "$TOP"
python3 - "$DIR/report" <<'PY'
import re, sys
# Self instructions by where the code lives, first match wins (inlined
# code counts where its source is).
PLACES = [("pith's own code", r"^src/|:<?pith::"),
          ("html5ever tokenizer", r"html5ever[^/]*/src/tokenizer|html5ever::tokenizer"),
          ("html5ever tree builder", r"html5ever[^/]*/src/tree_builder|html5ever::tree_builder"),
          ("input queue and tendrils (markup5ever, tendril)", r"markup5ever|tendril"),
          ("memcpy/memmove/memset", r"mem(move|cpy|set)"),
          ("malloc/free", r"malloc|free"),
          ("string atoms", r"string_cache|web_atoms"),
          ("aho-corasick, regex", r"aho.corasick|regex")]
totals, whole = {}, 0
for line in open(sys.argv[1]):
    m = re.match(r"\s*([0-9,]+) \(\s*[0-9.]+%\)\s+(.*)", line)
    if not m or "PROGRAM TOTALS" in line:
        continue
    count, where = int(m.group(1).replace(",", "")), m.group(2)
    whole += count
    place = next((n for n, p in PLACES if re.search(p, where)), "other")
    totals[place] = totals.get(place, 0) + count
for place, count in sorted(totals.items(), key=lambda t: -t[1]):
    print(f"{count / 1e6:10.0f} M  {100 * count / whole:5.1f}%  {place}")
PY
