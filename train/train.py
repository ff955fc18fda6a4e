#!/usr/bin/env python3
"""Fits pith's block model and writes it into src/scoring/forest.rs.

Usage (from the repository root; see README "The fitted model"):
    python3 train/train.py [--shared ../shared] [--tables DIR] [--folds 5] [--no-write]

--tables DIR reuses block tables written earlier; without it they are
built afresh, so that they always match pith's features.

1. Block tables: `cargo run --release --example block_table` over AEB and
   WCXB dev gives, per page, every block's text and the model's inputs as
   pith measures them (the same rows `extract` scores).
2. Labels: a block is content when most of its token trigrams (for blocks of
   one or two tokens: the tokens in sequence) occur in the page's gold text.
   Each block weighs its token count over the page's gold token count, so
   that every page counts alike, as the page-mean F1 the scorers report.
3. Cross-validation grouped by site (the host of the page's URL): every
   site's pages are held out together, so every page gets scores from a
   forest that never saw its site. Per page type (as pith types it), the
   model overrules the rules only beyond two thresholds, picked to maximise
   WCXB F1 without costing the AEB pages of that type more than a margin;
   each fold's thresholds are picked on the other folds' out-of-fold
   scores and applied to its own, and the held-out pages are scored with
   the shared scorers' own metrics on the text of the blocks kept. The
   cross-validated figures are printed beside those of the hand rules
   alone (the `rules_kept` input) on the same pages.
4. The final forest is fitted on every page and written, with thresholds
   picked on all out-of-fold scores, into src/scoring/forest.rs, and 64 sample rows with the
   scores Python gives them into tests/data/forest_samples.json, which
   `cargo test` checks pith reproduces.

Deterministic: fixed seeds, sorted inputs, one thread's arithmetic.
"""
import argparse
import importlib.util
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parent.parent
TOKEN = re.compile(r'\w+')

# The forest's shape: small enough to walk per block in microseconds,
# deep enough for interactions of rules, markup and density.
TREES = 100
LEAVES = 16
LEARNING_RATE = 0.2
MIN_LEAF_ROWS = 80
# A block is content when this share of its trigrams is in the gold text.
LABEL_MIN_COVERAGE = 0.5
# Thresholds (log-odds) tried when picking the decision points: the model
# overrules the hand rules only where it is sure enough, one threshold for
# keeping what the rules dropped, one for dropping what they kept.
# Infinite thresholds leave that side to the rules.
KEEP_THRESHOLDS = np.append(np.round(np.arange(-1.0, 3.01, 0.5), 2), np.inf)
DROP_THRESHOLDS = np.append(-np.inf, np.round(np.arange(-3.0, 1.01, 0.5), 2))
# Groups of pages typed article, where the model may keep what the rules
# dropped but never drop what they kept: the rules were built for articles,
# and pith's losses on article sets are text it drops, not text it keeps.
KEEP_ONLY_GROUPS = {'article', 'article_undeclared'}
# The news set may not pay for the other page types: the thresholds picked
# keep AEB's F1 and accuracy within these margins of the rules' own.
AEB_F1_MARGIN = 0.002
AEB_ACCURACY_MARGIN = 0.01
# On a page type where the model gains less WCXB F1 than this over the
# rules (out of fold), the rules stand: a smaller gain is noise.
MIN_GAIN = 0.005
SEED = 7
PAGE_TYPES = ['article', 'forum', 'product', 'collection', 'listing', 'documentation', 'service']
# The groups of pages thresholds are picked for (pith's `threshold_group`):
# the page types as pith gives them, then the pages typed article without
# declaring themselves one.
THRESHOLD_GROUPS = PAGE_TYPES + ['article_undeclared']
SAMPLE_ROWS = 64


def load_scorer(shared, name):
    spec = importlib.util.spec_from_file_location(name, shared / 'tools' / f'{name}.py')
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def block_table(shared, dataset, tables, fresh):
    path = tables / f'{dataset}.jsonl'
    if fresh or not path.exists():
        subprocess.run(['cargo', 'run', '--release', '--quiet', '--example', 'block_table', '--',
                        str(shared / 'data' / dataset / 'html'), str(path)], check=True, cwd=ROOT)
    with path.open(encoding='utf-8') as lines:
        names = json.loads(next(lines))['features']
        pages = [json.loads(line) for line in lines]
    return names, pages


def trigrams(tokens):
    return [tuple(tokens[i:i + 3]) for i in range(len(tokens) - 2)]


def label_blocks(texts, gold_text):
    """1/0 per block, and each block's token count."""
    gold = [t.lower() for t in TOKEN.findall(gold_text)]
    gold_trigrams = set(trigrams(gold))
    gold_joined = f' {" ".join(gold)} '
    labels, sizes = [], []
    for text in texts:
        toks = [t.lower() for t in TOKEN.findall(text)]
        sizes.append(len(toks))
        if len(toks) >= 3:
            grams = trigrams(toks)
            covered = sum(g in gold_trigrams for g in grams) / len(grams)
            labels.append(int(covered >= LABEL_MIN_COVERAGE))
        else:
            labels.append(int(bool(toks) and f' {" ".join(toks)} ' in gold_joined))
    return labels, sizes, len(gold)


def site(url):
    host = urlparse(url or '').netloc.lower()
    return host[4:] if host.startswith('www.') else host


def dataset_pages(shared, dataset, tables, gold_key, fresh):
    names, pages = block_table(shared, dataset, tables, fresh)
    gold = json.loads((shared / 'data' / dataset / 'ground-truth.json').read_text('utf-8'))
    out = []
    for page in pages:
        entry = gold.get(page['id'])
        if entry is None:
            continue
        labels, sizes, gold_tokens = label_blocks(page['texts'], entry.get(gold_key, ''))
        out.append({'dataset': dataset, 'id': page['id'], 'site': site(entry.get('url')),
                    'type': entry.get('page_type', 'article'), 'texts': page['texts'],
                    'rows': np.asarray(page['rows'], dtype=np.float64).reshape(-1, len(names)),
                    'labels': np.asarray(labels), 'weights': np.asarray(sizes, dtype=np.float64)
                    / max(gold_tokens, 1), 'gold': entry.get(gold_key, '')})
    return names, out


def has_gold(page):
    """Whether the page's gold text says anything: a page annotated with an
    empty text labels every block boilerplate and rewards keeping nothing,
    which no page of content should learn from (21 WCXB pages). Such pages
    are scored like every other, but neither fitted on nor used to pick
    thresholds."""
    return bool(page['gold'].strip())


def stack(pages):
    rows = np.vstack([p['rows'] for p in pages])
    labels = np.concatenate([p['labels'] for p in pages])
    weights = np.concatenate([p['weights'] for p in pages])
    return rows, labels, weights


def fit(pages):
    rows, labels, weights = stack(pages)
    model = HistGradientBoostingClassifier(
        max_iter=TREES, max_leaf_nodes=LEAVES, learning_rate=LEARNING_RATE,
        min_samples_leaf=MIN_LEAF_ROWS, early_stopping=False, random_state=SEED)
    model.fit(rows, labels, sample_weight=weights)
    return model


def page_scores(model, pages):
    """The model's scores, one array per page (empty pages give empty arrays)."""
    rows = np.vstack([p['rows'] for p in pages])
    scores = model.decision_function(rows) if len(rows) else np.zeros(0)
    bounds = np.cumsum([len(p['rows']) for p in pages])[:-1]
    return np.split(scores, bounds)


def kept_text(page, keep):
    return '\n'.join(t for t, k in zip(page['texts'], keep) if k)


def figures(pages, keeps, scorer):
    """The scorers' headline figures on these pages: AEB F1 and accuracy,
    WCXB F1 overall and by page type."""
    out = {}
    if any(p['dataset'] == 'aeb' for p in pages):
        _, aeb_f1, aeb_accuracy = scorer.objective(pages, keeps)
        out['aeb'] = (aeb_f1, aeb_accuracy)
    by_type = defaultdict(list)
    for p, k in zip(pages, keeps):
        if p['dataset'] == 'wcxb':
            f1 = scorer.f1(p, k)
            by_type['all'].append(f1)
            by_type[p['type']].append(f1)
    out['wcxb'] = {t: sum(v) / len(v) for t, v in by_type.items()}
    return out


def report(title, figs):
    aeb_f1, aeb_acc = figs.get('aeb', (0.0, 0.0))
    wcxb = figs['wcxb']
    types = ' '.join(f'{t} {wcxb[t]:.3f}' for t in PAGE_TYPES if t in wcxb)
    print(f'{title}: AEB F1 {aeb_f1:.3f} accuracy {aeb_acc:.3f} | WCXB F1 {wcxb["all"]:.3f} '
          f'| {types}', flush=True)



def threshold_group_of(page, names):
    """The page's group among THRESHOLD_GROUPS: the page type pith gave it
    (its `page_*` inputs), articles that do not declare themselves one
    apart (its `declared_article` input)."""
    if not len(page['rows']):
        return 'article_undeclared'
    slots = [names.index(f'page_{t}') for t in PAGE_TYPES]
    page_type = PAGE_TYPES[int(np.argmax(page['rows'][0, slots]))]
    if page_type == 'article' and page['rows'][0, names.index('declared_article')] < 0.5:
        return 'article_undeclared'
    return page_type


# Drops the model may not overrule (pith's `model::drop_binds`): what the
# markup or the text names as boilerplate.
BINDING = ['furniture_tag', 'furniture_role', 'furniture_class', 'rule_furniture', 'rule_phrase',
           'rule_repeated_in_items', 'rule_addresses', 'rule_repeats_title', 'rule_after_comments']


# A short block holding a strong boilerplate phrase binds too (pith's
# STRONG_PHRASE_MAX_WORDS, as the trimming rules mark one).
STRONG_PHRASE_MAX_WORDS = 40


def short_strong_phrase(page, names):
    rows = page['rows']
    return ((rows[:, names.index('phrase_strong')] > 0.5)
            & (rows[:, names.index('log_words')] <= np.log1p(STRONG_PHRASE_MAX_WORDS)))


def rules_keep(page, rules_kept):
    """The hand rules' verdicts on a page's blocks (their `rules_kept` input)."""
    return page['rows'][:, rules_kept] > 0.5


def decide(page, scores, thresholds, rules_kept):
    keep_at, drop_below = thresholds[page['pith_type']]
    rules = rules_keep(page, rules_kept)
    binding = (page['rows'][:, page['binding']] > 0.5).any(axis=1) | page['short_strong_phrase']
    return np.where(rules, scores >= drop_below, (scores >= keep_at) & ~binding)


class Scorer:
    """Page F1s (WCXB metric) and AEB figures of keep masks, memoised:
    neighbouring thresholds mostly keep the same blocks."""

    def __init__(self, wcxb, aeb):
        self.wcxb, self.aeb, self.memo = wcxb, aeb, {}

    def f1(self, page, keep):
        key = (page['dataset'], page['id'], np.packbits(keep).tobytes())
        if key not in self.memo:
            self.memo[key] = self.wcxb.prf(kept_text(page, keep), page['gold'])[2]
        return self.memo[key]

    def objective(self, pages, keeps):
        """WCXB F1 over the WCXB pages, and AEB's (F1, accuracy)."""
        wcxb = [self.f1(p, k) for p, k in zip(pages, keeps) if p['dataset'] == 'wcxb']
        aeb = [(p, k) for p, k in zip(pages, keeps) if p['dataset'] == 'aeb']
        if not aeb:
            return np.mean(wcxb), 1.0, 1.0
        gold = {p['id']: {'articleBody': p['gold']} for p, _ in aeb}
        summary, _ = self.aeb.score(gold, {p['id']: kept_text(p, k) for p, k in aeb})
        return np.mean(wcxb), summary['f1'], summary['accuracy']


def pick_thresholds(pages, scores, scorer, rules_kept):
    """Per group of pages (THRESHOLD_GROUPS), the (keep, drop) thresholds
    with the best WCXB F1 on these pages among those that cost the AEB
    pages of that group no more than its margins."""
    thresholds = {}
    for page_type in THRESHOLD_GROUPS:
        group = [(p, s) for p, s in zip(pages, scores) if p['pith_type'] == page_type]
        group_pages = [p for p, _ in group]
        if not any(p['dataset'] == 'wcxb' for p in group_pages):
            thresholds[page_type] = (np.inf, -np.inf)
            continue
        rules = [rules_keep(p, rules_kept) for p in group_pages]
        rules_wcxb, rules_f1, rules_acc = scorer.objective(group_pages, rules)
        best, best_f1 = (np.inf, -np.inf), rules_wcxb + MIN_GAIN
        for keep_at in KEEP_THRESHOLDS:
            drops = [-np.inf] if page_type in KEEP_ONLY_GROUPS else DROP_THRESHOLDS
            for drop_below in drops:
                pair = {page_type: (keep_at, drop_below)}
                keeps = [decide(p, s, pair, rules_kept) for p, s in group]
                wcxb_f1, aeb_f1, aeb_acc = scorer.objective(group_pages, keeps)
                fair = (aeb_f1 >= rules_f1 - AEB_F1_MARGIN
                        and aeb_acc >= rules_acc - AEB_ACCURACY_MARGIN)
                if fair and wcxb_f1 > best_f1:
                    best, best_f1 = (float(keep_at), float(drop_below)), wcxb_f1
        thresholds[page_type] = best
    return thresholds


def out_of_fold_scores(pages, folds):
    """Every page's block scores from a forest fitted without its site."""
    groups = [p['site'] for p in pages]
    held = [None] * len(pages)
    splits = list(GroupKFold(n_splits=folds).split(pages, groups=groups))
    for fold, (train, test) in enumerate(splits):
        model = fit([pages[i] for i in train if has_gold(pages[i])])
        for i, scores in zip(test, page_scores(model, [pages[i] for i in test])):
            held[i] = scores
        print(f'  fold {fold + 1}/{folds} fitted', flush=True)
    return held, splits


def cross_validate(pages, held, splits, scorer, rules_kept):
    """The site-grouped cross-validated figures: each fold's thresholds are
    picked on the other folds' out-of-fold scores, then applied to its own."""
    keeps = [None] * len(pages)
    for fold, (train, test) in enumerate(splits):
        fitted = [i for i in train if has_gold(pages[i])]
        thresholds = pick_thresholds([pages[i] for i in fitted], [held[i] for i in fitted],
                                     scorer, rules_kept)
        for i in test:
            keeps[i] = decide(pages[i], held[i], thresholds, rules_kept)
        print(f'  fold {fold + 1}: thresholds {describe(thresholds)}', flush=True)
    report('rules alone           ',
           figures(pages, [rules_keep(p, rules_kept) for p in pages], scorer))
    report('model, site-grouped CV', figures(pages, keeps, scorer))


def describe(thresholds):
    return ', '.join(f'{t} {k:+.1f}/{d:+.1f}' for t, (k, d) in thresholds.items())


def tree_nodes(predictor):
    """The predictor's nodes, with split nodes valued as the count-weighted
    mean of their leaves (for Saabas attributions)."""
    nodes = predictor.nodes
    values = [float(n['value']) for n in nodes]
    counts = [float(n['count']) for n in nodes]
    # Children come after their parents: fill split values bottom-up.
    for i in range(len(nodes) - 1, -1, -1):
        if not nodes[i]['is_leaf']:
            left, right = int(nodes[i]['left']), int(nodes[i]['right'])
            total = counts[left] + counts[right]
            values[i] = (values[left] * counts[left] + values[right] * counts[right]) / max(total, 1)
    return [(-1 if n['is_leaf'] else int(n['feature_idx']), float(n['num_threshold']),
             int(n['left']), int(n['right']), values[i]) for i, n in enumerate(nodes)]


def rust_float(x):
    if np.isinf(x):
        return 'f64::INFINITY' if x > 0 else 'f64::NEG_INFINITY'
    text = repr(float(x))
    return text if ('.' in text or 'e' in text or 'inf' in text) else text + '.0'


def write_forest(model, names, thresholds, path):
    baseline = float(np.ravel(model._baseline_prediction)[0])
    roots, flat = [], []
    for predictors in model._predictors:
        nodes = tree_nodes(predictors[0])
        offset = len(flat)
        roots.append(offset)
        for feature, split, left, right, value in nodes:
            if feature < 0:
                flat.append(f'leaf({rust_float(value)})')
            else:
                flat.append(f'split({feature}, {rust_float(split)}, {left + offset}, '
                            f'{right + offset}, {rust_float(value)})')
    body = ',\n    '.join(flat)
    rows = '\n        '.join(
        f'Thresholds {{ keep_at: {rust_float(thresholds[t][0])}, '
        f'drop_below: {rust_float(thresholds[t][1])} }}, // {t}' for t in THRESHOLD_GROUPS)
    path.write_text(f'''//! The fitted forest, generated by `python3 train/train.py` ({len(roots)} trees,
//! {len(flat)} nodes, trained on AEB and WCXB dev): do not edit by hand.
// Thresholds are the fitted values, whatever constant they happen to near.
#![allow(clippy::approx_constant)]

use crate::scoring::model::{{Forest, LEAF, Node, Thresholds}};

const fn split(feature: u16, threshold: f64, left: u32, right: u32, value: f64) -> Node {{
    Node {{ feature, threshold, left, right, value }}
}}

const fn leaf(value: f64) -> Node {{
    Node {{ feature: LEAF, threshold: 0.0, left: 0, right: 0, value }}
}}

pub static FOREST: Forest = Forest {{
    baseline: {rust_float(baseline)},
    thresholds: [
        {rows}
    ],
    feature_names: &[{', '.join(json.dumps(n) for n in names)}],
    roots: &[{', '.join(map(str, roots))}],
    nodes: &NODES,
}};

static NODES: [Node; {len(flat)}] = [
    {body},
];
''', encoding='utf-8')
    subprocess.run(['rustfmt', '--edition', '2024', str(path)], check=False)


def write_samples(model, pages, path):
    rng = np.random.default_rng(SEED)
    rows = np.vstack([p['rows'] for p in pages])
    picked = rows[np.sort(rng.choice(len(rows), size=min(SAMPLE_ROWS, len(rows)), replace=False))]
    scores = model.decision_function(picked)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({'rows': picked.tolist(), 'scores': scores.tolist()}) + '\n',
                    encoding='utf-8')


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--shared', default=str(ROOT.parent / 'shared'))
    ap.add_argument('--tables', help='reuse the block tables in this folder (default: build '
                    'them afresh into target/block_tables, so they match the features)')
    ap.add_argument('--folds', type=int, default=5)
    ap.add_argument('--no-write', action='store_true', help='cross-validate only')
    args = ap.parse_args(argv)
    fresh = args.tables is None
    shared = Path(args.shared).resolve()
    tables = ROOT / 'target' / 'block_tables' if fresh else Path(args.tables)
    tables.mkdir(parents=True, exist_ok=True)
    wcxb, aeb = load_scorer(shared, 'wcxb_score'), load_scorer(shared, 'aeb_score')
    names, aeb_pages = dataset_pages(shared, 'aeb', tables, 'articleBody', fresh)
    _, wcxb_pages = dataset_pages(shared, 'wcxb', tables, 'main_content', fresh)
    pages = sorted(aeb_pages + wcxb_pages, key=lambda p: (p['dataset'], p['id']))
    binding = [names.index(n) for n in BINDING]
    for page in pages:
        page['pith_type'] = threshold_group_of(page, names)
        page['binding'] = binding
        page['short_strong_phrase'] = short_strong_phrase(page, names)
    rows, labels, _ = stack(pages)
    print(f'{len(pages)} pages, {len(set(p["site"] for p in pages))} sites, {len(rows)} blocks, '
          f'{labels.mean():.1%} labelled content, {len(names)} features', flush=True)
    scorer, rules_kept = Scorer(wcxb, aeb), names.index('rules_kept')
    held, splits = out_of_fold_scores(pages, args.folds)
    cross_validate(pages, held, splits, scorer, rules_kept)
    if args.no_write:
        return
    fitted = [i for i, p in enumerate(pages) if has_gold(p)]
    thresholds = pick_thresholds([pages[i] for i in fitted], [held[i] for i in fitted], scorer,
                                 rules_kept)
    model = fit([pages[i] for i in fitted])
    report(f'model, training fit ({describe(thresholds)})',
           figures(pages, [decide(p, s, thresholds, rules_kept)
                           for p, s in zip(pages, page_scores(model, pages))], scorer))
    write_forest(model, names, thresholds, ROOT / 'src' / 'scoring' / 'forest.rs')
    write_samples(model, pages, ROOT / 'tests' / 'data' / 'forest_samples.json')


if __name__ == '__main__':
    main(sys.argv[1:])
