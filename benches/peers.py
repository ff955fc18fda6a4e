#!/usr/bin/env python3
"""Runs peer extractors on the AEB pages and writes one AEB-format JSON per
peer ({id: {"articleBody": text}}), to score beside pith with `pith eval`.

Usage (in a virtualenv with the peers installed):
    pip install trafilatura resiliparse justext
    python3 benches/peers.py ../shared/data/aeb/html /tmp/peers
    target/release/pith eval --gold ../shared/data/aeb/ground-truth.json \
        --html ../shared/data/aeb/html /tmp/peers/*.json

Each peer gets the raw page bytes and its default settings for article
text (trafilatura without comments, as its own evaluation runs it).
"""
import gzip
import json
import sys
import time
from importlib import metadata
from pathlib import Path


def pages(folder):
    for path in sorted(Path(folder).glob('*.html*')):
        raw = path.read_bytes()
        if path.suffix == '.gz':
            raw = gzip.decompress(raw)
        yield path.name.split('.')[0], raw


def trafilatura_peer():
    import trafilatura
    return lambda raw: trafilatura.extract(raw, include_comments=False) or ''


def resiliparse_peer():
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding
    return lambda raw: extract_plain_text(bytes_to_str(raw, detect_encoding(raw)), main_content=True)


def justext_peer():
    import justext
    stop = justext.get_stoplist('English')
    return lambda raw: '\n\n'.join(p.text for p in justext.justext(raw, stop) if not p.is_boilerplate)


PEERS = {'trafilatura': trafilatura_peer, 'resiliparse': resiliparse_peer, 'justext': justext_peer}


def main(folder, out):
    Path(out).mkdir(parents=True, exist_ok=True)
    all_pages = list(pages(folder))
    megabytes = sum(len(raw) for _, raw in all_pages) / 1e6
    for name, make in PEERS.items():
        try:
            extract = make()
            version = metadata.version(name)
        except ImportError:
            print(f'{name}: not installed, skipped', file=sys.stderr)
            continue
        started = time.perf_counter()
        predictions = {}
        for page_id, raw in all_pages:
            try:
                predictions[page_id] = {'articleBody': extract(raw)}
            except Exception as err:  # a peer failing on a page scores it empty
                print(f'{name} {page_id}: {err}', file=sys.stderr)
                predictions[page_id] = {'articleBody': ''}
        seconds = time.perf_counter() - started
        target = Path(out) / f'{name}-{version}.json'
        target.write_text(json.dumps(predictions, ensure_ascii=False))
        print(f'{name} {version}: {len(all_pages)} pages in {seconds:.1f} s, '
              f'{megabytes / seconds:.1f} MB/s, one thread -> {target}', file=sys.stderr)


if __name__ == '__main__':
    main(*sys.argv[1:3])
