#!/bin/sh
# Peak memory of pith on hostile inputs (issue 13, items 8, 9 and 10),
# measured with /usr/bin/time -v. Not a test: figures depend on the
# machine; the README's Robustness section records them.
#
#   benches/memory.sh [PITH] [inputs|pages|all]
#
# PITH defaults to target/release/pith; BOMBS (default "12 24") says how
# many gzip bombs the WARCs hold. `inputs`: oversized files, JSON
# lines and WARC records, and gzip bombs in WARC bodies, under the default
# --max-bytes (64M). `pages`: the memory factor of hostile pages (peak RSS
# less the tiny page's, over page size) with no size or time limit, one
# worker. Inputs are
# written to a temporary folder (sparse where they are zeros), removed at
# the end.
set -eu
PITH=${1:-target/release/pith}
WHAT=${2:-all}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT

# peak NAME ARGS…: runs pith, prints NAME, peak RSS (MB), wall time, status.
peak() {
    name=$1
    shift
    status=0
    /usr/bin/time -v "$PITH" "$@" >/dev/null 2>"$DIR/time" || status=$?
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$DIR/time")
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$DIR/time")
    printf '%-34s peak %7.1f MB  %8s  exit %s\n' "$name" "$(echo "$rss / 1024" | bc -l)" "$wall" "$status"
}

inputs() {
    python3 - "$DIR" <<'PY'
import gzip, os, sys
d = sys.argv[1]
def sparse(name, head, size, tail=b""):
    with open(os.path.join(d, name), "wb") as f:
        f.write(head)
        f.truncate(size)
        f.seek(size)
        f.write(tail)
GIB, MIB = 1 << 30, 1 << 20
sparse("huge.html", b"<html><body><p>", 2 * GIB)
sparse("line.jsonl", b'{"id": "big", "html": "', 300 * MIB, b'"}\n')
head = (b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:big>\r\n"
        b"Content-Type: text/html\r\nContent-Length: %d\r\n\r\n" % (700 * MIB))
sparse("record.warc", head, len(head) + 700 * MIB, b"\r\n\r\n")
bomb = gzip.compress(b" " * GIB, 9)
def record(i):
    block = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
             b"Content-Encoding: gzip\r\n\r\n" + bomb)
    warc = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:bomb%d>\r\n"
            b"Content-Type: application/http; msgtype=response\r\n"
            b"Content-Length: %d\r\n\r\n" % (i, len(block))) + block + b"\r\n\r\n"
    return gzip.compress(warc, 9)
for count in (12, 24):
    with open(os.path.join(d, "bombs%d.warc.gz" % count), "wb") as f:
        for i in range(count):
            f.write(record(i))
PY
    peak "2 GiB .html file" extract "$DIR/huge.html" -j 2
    peak "300 MiB JSON line" extract "$DIR/line.jsonl" --format jsonl -j 2
    peak "700 MiB record, plain WARC" extract "$DIR/record.warc" --format jsonl -j 2
    for count in ${BOMBS:-12 24}; do
        size=$(du -k --apparent-size "$DIR/bombs$count.warc.gz" | cut -f1)
        peak "$count gzip bombs of 1 GiB ($size KB)" extract "$DIR/bombs$count.warc.gz" --format jsonl -j 2
    done
}

pages() {
    python3 - "$DIR" <<'PY'
import os, sys
d = sys.argv[1]
N = 1_000_000
pages = {
    "tiny": "<p>Hello, world.</p>",
    "links": "<div>" + "<a href='/p'>link</a>\n" * N + "</div>",
    "paragraphs": "".join(f"<p>Paragraph number {i} of the page.</p>" for i in range(N)),
    "empty-divs": "<div></div>" * N,
    "list-items": "<ul>" + "<li>item</li>" * N + "</ul>",
    "table-cells": "<table>" + ("<tr>" + "<td>c</td>" * 100 + "</tr>") * (N // 100) + "</table>",
    "nested-divs": "<div>" * 100_000 + "deep" + "</div>" * 100_000,
    "br-words": "<p>" + "word<br>" * N + "</p>",
    "wbr-words": "x<wbr>" * N,
    "p-unclosed": "<p>" * N,
    "plain-text": ("A sentence of plain text without any markup at all. " * 400_000),
    "scripts": "<script>" + "var x = 1;\n" * N + "</script><p>text</p>",
}
for name, html in pages.items():
    with open(os.path.join(d, name + ".html"), "w") as f:
        f.write("<html><body>" + html + "</body></html>")
PY
    for page in "$DIR"/*.html; do
        name=$(basename "$page" .html)
        size=$(stat -c %s "$page")
        peak "$name ($size bytes)" extract "$page" --max-bytes 1G --timeout-ms 0 -j 1
        echo "$size $rss" >>"$DIR/factors"
    done
    # The smallest page (tiny.html) gives the baseline: pith's own peak.
    sort -n "$DIR/factors" | awk 'NR == 1 { base = $2; next } {
        f = ($2 - base) * 1024 / $1; if (f > worst) worst = f } END {
        printf "worst factor (peak RSS less baseline, over page size): %.0f\n", worst }'
}

case $WHAT in
    inputs) inputs ;;
    pages) pages ;;
    *) inputs; pages ;;
esac
