#!/usr/bin/env python3
"""Throughput of pith from Python on a folder of pages (the AEB pages):
extract in a loop on one thread and on two, extract_many against the loop,
and trafilatura's own Python call on the same bytes when it is installed.

Usage (in a virtualenv with pith installed, and trafilatura to compare):
    python3 -m venv /tmp/bench && /tmp/bench/bin/pip install ./python trafilatura lxml_html_clean
    /tmp/bench/bin/python benches/python_throughput.py ../shared/data/aeb/html

Pages are read and gunzipped first; each figure is the best of --runs
passes over every page (wall time, pages and HTML megabytes per second).
"""

import argparse
import threading
import time

import pith
from peers import pages, trafilatura_peer


def loop(raws):
    for raw in raws:
        pith.extract(raw)


def in_two_threads(raws):
    halves = [raws[0::2], raws[1::2]]
    workers = [threading.Thread(target=loop, args=(half,)) for half in halves]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()


def best_seconds(work, raws, runs):
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        work(raws)
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

    ways = {
        "extract, a Python loop, one thread": loop,
        "extract, two Python threads": in_two_threads,
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
