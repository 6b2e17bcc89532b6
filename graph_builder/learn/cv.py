"""Cross-validation grouped by article: what the pair scorer adds to the readers, measured.

Articles are dealt into ``k`` folds with a fixed seed (all candidates of an article in one fold).
For each fold, the model is fitted on the other folds and scores the fold's candidates
(out-of-fold probabilities). Each predicate's threshold is then the lowest one at which the
relations the model *adds* are right at least ``target`` of the time on those out-of-fold
predictions (and it needs at least ``min_added`` right additions to exist); the readers' output
plus these additions is scored with the project's scorer, per language and per predicate, beside
the readers alone.

>>> folds = assign_folds(["a", "b", "c", "d"], k=2, seed=0)
>>> sorted(folds.values())
[0, 0, 1, 1]
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph_builder.evaluate import Scores, norm, score
from graph_builder.learn.dataset import ArticleRecord, CandidateRecord
from graph_builder.learn.fit import fit_model, fits
from graph_builder.nlp.scorer import EXCLUSIVE
from graph_builder.types import PREDICATES, SYMMETRIC_PREDICATES

__all__ = ["assign_folds", "OutOfFold", "out_of_fold", "choose_thresholds", "predictions", "CVResult", "cross_validate"]


def assign_folds(ids: Iterable[str], *, k: int, seed: int) -> dict[str, int]:
    """Article id -> fold, balanced, reproducible."""
    ids = sorted(set(ids))
    random.Random(seed).shuffle(ids)
    return {a: i % k for i, a in enumerate(ids)}


@dataclass
class OutOfFold:
    """Out-of-fold probabilities: per article id, per candidate index, per predicate."""

    probs: dict[str, list[dict[str, float]]] = field(default_factory=dict)


def out_of_fold(records: Sequence[ArticleRecord], *, k: int, seed: int, c: float) -> OutOfFold:
    folds = assign_folds([r.id for r in records], k=k, seed=seed)
    oof = OutOfFold()
    for fold in range(k):
        train = [cd for r in records if folds[r.id] != fold for cd in r.candidates]
        model = fit_model(train, lang=records[0].lang if records else "", c=c, seed=seed)
        for r in records:
            if folds[r.id] == fold:
                oof.probs[r.id] = [model.proba(cd.features) for cd in r.candidates]
    return oof


def _key(s: str, p: str, o: str) -> tuple[str, str, str]:
    s, o = norm(s), norm(o)
    if p in SYMMETRIC_PREDICATES and o < s:
        s, o = o, s
    return (s, p, o)


def _additions(rec: ArticleRecord, probs: Sequence[Mapping[str, float]],
               thresholds: Mapping[str, float]) -> list[tuple[CandidateRecord, str, float]]:
    """What the model adds to one article's extraction at ``thresholds``."""
    have = {_key(r["subject"], r["predicate"], r["object"]) for r in rec.extraction["relations"]}
    out: list[tuple[CandidateRecord, str, float]] = []
    for cd, pr in zip(rec.candidates, probs):
        for pred, p in sorted(pr.items(), key=lambda kv: -kv[1]):  # as gb_scorer: the likelier first
            if p < thresholds.get(pred, 1.01) or not fits(pred, cd.x_type, cd.y_type):
                continue
            key = _key(cd.x, pred, cd.y)
            other = EXCLUSIVE.get(pred)
            if key in have or (other and _key(cd.x, other, cd.y) in have):
                continue
            have.add(key)
            out.append((cd, pred, p))
    return out


def choose_thresholds(records: Sequence[ArticleRecord], oof: OutOfFold, *, target: float,
                      min_added: int = 3) -> dict[str, float]:
    """Per predicate, the lowest threshold whose additions are right ≥ ``target`` of the time."""
    scored: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for rec in records:
        for cd, pred, p in _additions(rec, oof.probs[rec.id], {q: 0.05 for q in PREDICATES}):
            scored[pred].append((p, pred in cd.labels))
    out: dict[str, float] = {}
    for pred, rows in scored.items():
        rows.sort(key=lambda r: -r[0])
        right = 0
        best = None
        for n, (p, ok) in enumerate(rows, 1):
            right += ok
            if n < len(rows) and rows[n][0] == p:
                continue  # a threshold at p takes every row tied at p: judge it after the last of them
            if right / n >= target and right >= min_added:
                best = p
        if best is not None:
            out[pred] = round(best, 4)
    return out


def predictions(records: Sequence[ArticleRecord], probs: Mapping[str, Sequence[Mapping[str, float]]] | None,
                thresholds: Mapping[str, float], *, rule_filter=None) -> list[dict[str, Any]]:
    """Extractions (FORMAT.md shape) of the readers, plus the model's additions when ``probs``.

    ``rule_filter`` (rule id -> bool) keeps only the readers' relations it accepts (ablation).
    """
    out = []
    for rec in records:
        rels = [r for r in rec.extraction["relations"] if rule_filter is None or rule_filter(r["rule"])]
        ex = {**rec.extraction, "relations": rels}
        if probs is not None:
            trimmed = ArticleRecord(rec.id, rec.lang, ex, rec.candidates)
            for cd, pred, p in _additions(trimmed, probs[rec.id], thresholds):
                rels.append({"subject": cd.x, "predicate": pred, "object": cd.y, "confidence": round(p, 3),
                             "rule": f"{rec.lang}.model.{pred}"})
        out.append(ex)
    return out


@dataclass
class CVResult:
    """Readers alone and readers + model, scored on the same folds."""

    readers: Scores
    combined: Scores
    thresholds: dict[str, float]
    oof: OutOfFold


def cross_validate(records: Sequence[ArticleRecord], golds: Mapping[str, Mapping[str, Any]], *, k: int = 5,
                   seed: int = 0, c: float = 1.0, target: float = 0.85) -> CVResult:
    oof = out_of_fold(records, k=k, seed=seed, c=c)
    thresholds = choose_thresholds(records, oof, target=target)
    gold_list = [golds[r.id] for r in records]
    readers = score(gold_list, predictions(records, None, thresholds))
    combined = score(gold_list, predictions(records, oof.probs, thresholds))
    return CVResult(readers, combined, thresholds, oof)
