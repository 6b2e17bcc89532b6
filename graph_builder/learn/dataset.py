"""Training data for the pair scorer: each annotated article read by the pipeline, its candidate
pairs with their features, and the gold predicates of each pair.

The readers' own output (rules, rounds, seats) is kept beside the candidates, so that
cross-validation can score "readers alone" and "readers + model" on the same articles without
running spaCy again. Entities are aligned with the annotation the way the scorer aligns them
(name, alias, accent- and case-insensitive).

>>> gold = {"entities": [{"name": "Mistral AI", "type": "Organization", "aliases": ["Mistral"]}],
...         "relations": []}
>>> GoldIndex(gold).resolve(["mistral"])
'Mistral AI'
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from graph_builder.evaluate import norm
from graph_builder.types import PREDICATES, SYMMETRIC_PREDICATES, Article

__all__ = ["CandidateRecord", "ArticleRecord", "GoldIndex", "build_records", "read_records", "write_records"]


@dataclass(frozen=True)
class CandidateRecord:
    """One candidate pair of an article: entity names (as extracted), features, gold predicates."""

    x: str
    y: str
    x_type: str
    y_type: str
    features: Mapping[str, float]
    labels: tuple[str, ...]
    start: int
    end: int


@dataclass(frozen=True)
class ArticleRecord:
    """An annotated article as the readers saw it: their extraction (FORMAT.md shape) and the
    candidates the model may add to."""

    id: str
    lang: str
    extraction: Mapping[str, Any]
    candidates: tuple[CandidateRecord, ...]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "lang": self.lang, "extraction": self.extraction,
                "candidates": [asdict(c) for c in self.candidates]}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> ArticleRecord:
        cands = tuple(CandidateRecord(**{**c, "labels": tuple(c["labels"])}) for c in d["candidates"])
        return cls(d["id"], d["lang"], d["extraction"], cands)


class GoldIndex:
    """Gold entities by normalised surface form, and the gold triples."""

    def __init__(self, gold: Mapping[str, Any]) -> None:
        self.by_form: dict[str, str] = {}
        for e in gold.get("entities", []):
            for f in [e["name"], *e.get("aliases", [])]:
                self.by_form.setdefault(norm(f), e["name"])
        self.triples: set[tuple[str, str, str]] = set()
        for r in gold.get("relations", []):
            s, p, o = r["subject"], r["predicate"], r["object"]
            self.triples.add((s, p, o))
            if p in SYMMETRIC_PREDICATES:
                self.triples.add((o, p, s))

    def resolve(self, forms: Iterable[str]) -> str | None:
        for f in forms:
            hit = self.by_form.get(norm(f))
            if hit:
                return hit
        return None

    def labels(self, xs: Sequence[str], ys: Sequence[str]) -> tuple[str, ...]:
        x, y = self.resolve(xs), self.resolve(ys)
        if x is None or y is None or x == y:
            return ()
        return tuple(p for p in PREDICATES if (x, p, y) in self.triples)


_NLP: dict[str, Any] = {}


def _record(gold: Mapping[str, Any]) -> dict[str, Any]:
    """Read one annotated article with the readers only (no pair scorer, and the rules' own
    confidences, not calibrated ones: what training measures); its record as JSON."""
    from graph_builder.extract import doc_to_extraction, model_version
    from graph_builder.nlp.pipeline import load_pipeline, normalize_for_nlp, stages_left_out

    lang = gold["lang"]
    nlp = _NLP.get(lang)
    if nlp is None:
        nlp = _NLP[lang] = load_pipeline(lang, without=stages_left_out() | {"model", "calibration"})
    article = Article(id=gold["id"], text=gold["text"], lang=lang, title=gold.get("title"),
                      published=gold.get("published"), source=gold.get("source"))
    scorer = nlp.get_pipe("gb_scorer")  # disabled: it only lists the candidates
    doc = nlp(normalize_for_nlp(article.text))
    extraction = doc_to_extraction(doc, article, model_version(lang))
    index = GoldIndex(gold)
    clusters = doc._.gb_clusters or []

    def forms(c: int) -> list[str]:
        cl = clusters[c]
        return [*cl.forms, *([cl.gaz_name] if cl.gaz_name else [])]

    def name(c: int) -> str:
        fs = {norm(f) for f in forms(c)}
        for e in extraction.entities:
            if any(norm(f) in fs for f in e.forms):
                return e.name
        return clusters[c].name

    cands = []
    for cand, feats in scorer.candidates(doc):
        cands.append(CandidateRecord(
            x=name(cand.x), y=name(cand.y), x_type=clusters[cand.x].type, y_type=clusters[cand.y].type,
            features=feats, labels=index.labels(forms(cand.x), forms(cand.y)),
            start=cand.sent_start, end=cand.sent_end))
    return ArticleRecord(gold["id"], lang, extraction.to_json(), tuple(cands)).to_json()


def build_records(golds: Sequence[Mapping[str, Any]], *, workers: int = 1) -> list[ArticleRecord]:
    """Records of annotated articles (``workers`` processes; each loads the models once)."""
    if workers <= 1:
        return [ArticleRecord.from_json(_record(g)) for g in golds]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return [ArticleRecord.from_json(r) for r in pool.map(_record, golds, chunksize=4)]


def write_records(records: Iterable[ArticleRecord], path: str | Path) -> None:
    with Path(path).open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r.to_json(), ensure_ascii=False) + "\n")


def read_records(path: str | Path) -> Iterator[ArticleRecord]:
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield ArticleRecord.from_json(json.loads(line))
