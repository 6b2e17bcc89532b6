"""Calibrated confidence: "0.8" should mean right about 80 % of the time.

Each extracted relation belongs to a *bucket*: its predicate, the family of the reader that found
it (the second part of its rule id: ``investor``, ``round``, ``seat``, ``group``, ``model``…) and
whether a slot was filled through a reference (``+coref``). A bucket's calibrated confidence is its
precision on the training corpus, smoothed toward its predicate's precision (``prior`` pseudo-
counts); a bucket seen fewer than ``min_support`` times falls back to the predicate, then to the
language. The table is fitted on training articles only; :func:`reliability` measures it with
cross-validation grouped by article (fitted on the other folds, read on the held-out one).

>>> rows = [Judged("en.round.lead", "investorIn", True)] * 8 + [Judged("en.round.lead", "investorIn", False)] * 2
>>> table = fit_table(rows, min_support=5, prior=0.0)
>>> table.confidence("en.round.lead", "investorIn")
0.8
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph_builder.evaluate import keyed_relations, relation_key

__all__ = ["Judged", "CalibrationTable", "bucket", "fit_table", "judge", "reliability", "BINS"]

BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)


@dataclass(frozen=True)
class Judged:
    """One extracted relation and whether the annotation holds it."""

    rule: str
    predicate: str
    right: bool
    confidence: float = 0.0


def bucket(rule: str, predicate: str) -> tuple[str, str, str]:
    """(predicate, reader family, "coref"/"named") of a rule id ("en.round.lead+coref")."""
    base, *flags = rule.split("+")
    parts = base.split(".")
    family = parts[1] if len(parts) > 1 else base
    return predicate, family, "coref" if "coref" in flags else "named"


@dataclass
class CalibrationTable:
    """Bucket → calibrated confidence, with the fallbacks; JSON-serialisable."""

    buckets: dict[str, float] = field(default_factory=dict)
    predicates: dict[str, float] = field(default_factory=dict)
    default: float = 0.5
    support: dict[str, int] = field(default_factory=dict)

    def confidence(self, rule: str, predicate: str) -> float:
        p, fam, ref = bucket(rule, predicate)
        key = f"{p}|{fam}|{ref}"
        if key in self.buckets:
            return self.buckets[key]
        return self.predicates.get(p, self.default)

    def to_json(self) -> dict[str, Any]:
        return {"buckets": self.buckets, "predicates": self.predicates, "default": self.default,
                "support": self.support}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> CalibrationTable:
        return cls(dict(d.get("buckets", {})), dict(d.get("predicates", {})), float(d.get("default", 0.5)),
                   dict(d.get("support", {})))

    def to_disk(self, path: str | Path) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(json.dumps(self.to_json(), indent=1, sort_keys=True), encoding="utf-8")

    @classmethod
    def from_disk(cls, path: str | Path) -> CalibrationTable:
        return cls.from_json(json.loads(Path(path).read_text(encoding="utf-8")))


def fit_table(rows: Iterable[Judged], *, min_support: int = 5, prior: float = 2.0) -> CalibrationTable:
    """The table of ``rows`` (relations judged right or wrong on training articles)."""
    by_bucket: dict[str, list[bool]] = defaultdict(list)
    by_pred: dict[str, list[bool]] = defaultdict(list)
    everything: list[bool] = []
    for r in rows:
        p, fam, ref = bucket(r.rule, r.predicate)
        by_bucket[f"{p}|{fam}|{ref}"].append(r.right)
        by_pred[p].append(r.right)
        everything.append(r.right)
    default = round(sum(everything) / len(everything), 3) if everything else 0.5
    predicates = {p: round((sum(v) + prior * default) / (len(v) + prior), 3) for p, v in by_pred.items()
                  if len(v) >= min_support}
    buckets = {}
    for key, v in by_bucket.items():
        if len(v) < min_support:
            continue
        base = predicates.get(key.split("|")[0], default)
        buckets[key] = round((sum(v) + prior * base) / (len(v) + prior), 3)
    return CalibrationTable(buckets, predicates, default, {k: len(v) for k, v in by_bucket.items()})


def judge(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> list[Judged]:
    """Every relation of one extraction, judged against its annotation (the scorer's matching:
    :func:`graph_builder.evaluate.keyed_relations`)."""
    gold_keys = {relation_key(r["subject"], r["predicate"], r["object"]) for r in gold.get("relations", [])}
    return [Judged(r.get("rule", ""), r["predicate"], key in gold_keys, float(r.get("confidence", 0.0)))
            for key, r in keyed_relations(gold, pred)]


def reliability(rows: Sequence[Judged], confidences: Sequence[float]) -> list[tuple[str, int, float]]:
    """(bin, count, share right) for the relations whose confidence falls in each bin of :data:`BINS`."""
    out = []
    for lo, hi in zip(BINS, BINS[1:]):
        inside = [r.right for r, c in zip(rows, confidences) if lo <= c < hi]
        label = f"{lo:.1f}–{min(hi, 1.0):.1f}"
        out.append((label, len(inside), round(sum(inside) / len(inside), 3) if inside else 0.0))
    return out
