#!/usr/bin/env python3
"""Throughput of pith from Python on a folder of pages (the AEB pages):
extract in a loop on one thread and on two, extract_many against the loop,
and trafilatura's own Python call on the same bytes when it is installed.

Usage (in a virtualenv with pith installed, and trafilatura to compare):
    python3 -m venv /tmp/bench && /tmp/bench/bin/pip install ./python trafilatura lxml_html_clean
    /tmp/bench/bin/python benches/python_throughput.py ../shared/data/aeb/html

Pages are read and gunzipped first; each figure is the best of --runs
passes over every page (wall time, pages and HTML megabytes per second).
A GIL-free reference (hashlib in two threads vs one) tells how much a
second thread can gain on the machine at that moment: other work on a
shared machine takes the second core away from both.
"""

import argparse
import hashlib
import threading
import time

import pith
from peers import pages, trafilatura_peer


def extract_loop(raws):
    for raw in raws:
        pith.extract(raw)


def hash_loop(blocks):
    """The GIL-free reference: hashlib releases the GIL on large inputs."""
    for block in blocks:
        hashlib.sha256(block).digest()


def in_two_threads(work):
    """`work` over the items, split between two Python threads."""

    def run(items):
        workers = [threading.Thread(target=work, args=(items[half::2],)) for half in (0, 1)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()

    return run


def best_seconds(work, items, runs):
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        work(items)
        best = min(best, time.perf_counter() - started)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    raws = [raw for _, raw in pages(args.folder)]
    megabytes = sum(len(raw) for raw in raws) / 1e6
    print(f"{len(raws)} pages, {megabytes:.1f} MB of HTML, best of {args.runs}")

    blocks = [bytes(range(256)) * 40_000] * 80
    reference = best_seconds(hash_loop, blocks, args.runs) / best_seconds(in_two_threads(hash_loop), blocks, args.runs)
    print(f"GIL-free reference (hashlib), two threads vs one: {reference:.2f}x")
    ways = {
        "extract, a Python loop, one thread": extract_loop,
        "extract, two Python threads": in_two_threads(extract_loop),
        "extract_many, threads=1": lambda raws: pith.extract_many(raws, threads=1),
        "extract_many, threads=2": lambda raws: pith.extract_many(raws, threads=2),
    }
    try:
        trafilatura = trafilatura_peer()
        ways["trafilatura.extract, a Python loop"] = lambda raws: [trafilatura(raw) for raw in raws]
    except ImportError:
        print("trafilatura: not installed, skipped")
    seconds = {}
    for name, work in ways.items():
        seconds[name] = best_seconds(work, raws, args.runs)
        rate = len(raws) / seconds[name]
        print(f"{name}: {seconds[name]:.3f} s, {rate:.0f} pages/s, {megabytes / seconds[name]:.1f} MB/s")
    base = seconds["extract, a Python loop, one thread"]
    print(f"two threads vs one: {base / seconds['extract, two Python threads']:.2f}x")
    print(f"extract_many (threads=2) vs the loop: {base / seconds['extract_many, threads=2']:.2f}x")
    if "trafilatura.extract, a Python loop" in seconds:
        traf = seconds["trafilatura.extract, a Python loop"]
        print(f"extract loop vs trafilatura loop: {traf / base:.1f}x")
        print(f"extract_many (threads=2) vs trafilatura loop: {traf / seconds['extract_many, threads=2']:.1f}x")


if __name__ == "__main__":
    main()
