#!/usr/bin/env python3
"""pith against resiliparse, end to end on one core, side by side: both read
the same files and write one text file per page, in alternating runs, and
the median of the per-pair wall-time ratios is printed (below 1: pith is
faster). A noisy, shared machine moves single runs; alternating and the
median damp that.

Usage (in a virtualenv with `pip install resiliparse==2.0.1`):
    python3 benches/race.py [--pith target/release/pith] [--rounds 5]
        [--copies 5] [--jobs 1] [../shared/data/aeb/html]

The inputs are the folder's pages (gzipped or not) written decompressed
`--copies` times into a temporary folder (the 181 AEB pages five times:
905 files, 152 MB). pith runs as `pith extract DIR -o OUT -j JOBS
--no-title`; resiliparse as `extract_plain_text(HTMLTree.parse_from_bytes(
raw, detect_encoding(raw)), main_content=True)` in a loop in a fresh
Python process that reads and writes the same files. `--jobs 2` also times
pith on two threads against itself on one.
"""
import argparse
import gzip
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RESILIPARSE_LOOP = r'''
import sys
from pathlib import Path
from resiliparse.extract.html2text import extract_plain_text
from resiliparse.parse.encoding import detect_encoding
from resiliparse.parse.html import HTMLTree
out = Path(sys.argv[2])
for path in sorted(Path(sys.argv[1]).iterdir()):
    raw = path.read_bytes()
    tree = HTMLTree.parse_from_bytes(raw, detect_encoding(raw))
    text = extract_plain_text(tree, main_content=True)
    (out / (path.stem + '.txt')).write_text(text, encoding='utf-8')
'''


def write_inputs(source, folder, copies):
    """The source pages, decompressed, `copies` times; returns their bytes."""
    total = 0
    for path in sorted(Path(source).glob('*.html*')):
        raw = path.read_bytes()
        if path.suffix == '.gz':
            raw = gzip.decompress(raw)
        page = path.name.split('.')[0]
        for copy in range(copies):
            (folder / f'{page}-{copy}.html').write_bytes(raw)
            total += len(raw)
    return total


def timed(command, out):
    """Wall time of one run writing into a fresh `out` folder."""
    subprocess.run(['rm', '-rf', str(out)], check=True)
    out.mkdir()
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('folder', nargs='?', default='../shared/data/aeb/html')
    parser.add_argument('--pith', default='target/release/pith')
    parser.add_argument('--rounds', type=int, default=5)
    parser.add_argument('--copies', type=int, default=5)
    parser.add_argument('--jobs', type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        inputs, out = Path(tmp) / 'in', Path(tmp) / 'out'
        inputs.mkdir()
        size = write_inputs(args.folder, inputs, args.copies)
        files = sum(1 for _ in inputs.iterdir())
        print(f'{files} files, {size / 1e6:.1f} MB; load average before: '
              f'{Path("/proc/loadavg").read_text().split()[0]}')
        pith = [args.pith, 'extract', str(inputs), '-o', str(out), '--no-title']
        peer = [sys.executable, '-c', RESILIPARSE_LOOP, str(inputs), str(out)]
        ratios, threads = [], []
        for round_ in range(args.rounds):
            # Alternate which goes first, so neither always runs on a warmer cache.
            first_pith = round_ % 2 == 0
            times = {}
            for name in (['pith', 'peer'] if first_pith else ['peer', 'pith']):
                command = pith + ['-j', '1'] if name == 'pith' else peer
                times[name] = timed(command, out)
            ratio = times['pith'] / times['peer']
            ratios.append(ratio)
            line = (f'round {round_ + 1}: pith -j 1 {times["pith"]:.2f} s, '
                    f'resiliparse {times["peer"]:.2f} s, ratio {ratio:.3f}')
            if args.jobs > 1:
                many = timed(pith + ['-j', str(args.jobs)], out)
                threads.append(times['pith'] / many)
                line += f'; pith -j {args.jobs} {many:.2f} s ({threads[-1]:.2f}× -j 1)'
            print(line, flush=True)
        print(f'median pith/resiliparse wall time: {statistics.median(ratios):.3f} '
              f'(min {min(ratios):.3f}, max {max(ratios):.3f}); load average after: '
              f'{Path("/proc/loadavg").read_text().split()[0]}')
        if threads:
            print(f'median -j {args.jobs} speed-up over -j 1: {statistics.median(threads):.2f}×')


if __name__ == '__main__':
    main()
