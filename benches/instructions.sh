#!/bin/sh
# Instructions pith executes on a folder of pages, counted by callgrind:
# unlike wall time, the count does not move with the load of a shared
# machine, so it judges a speed step. Prints the total and the functions
# with the most instructions of their own (where the time goes).
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
callgrind_annotate --threshold=100 "$DIR/callgrind.out" 2>/dev/null >"$DIR/report"
total=$(sed -n 's/^\([0-9,]*\) .*PROGRAM TOTALS.*/\1/p' "$DIR/report")
echo "instructions: $total"
grep -E '^ *[0-9,]+ \([ 0-9.]+%\)' "$DIR/report" | head -n "$TOP"
