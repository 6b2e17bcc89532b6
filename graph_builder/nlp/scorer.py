"""A learned pair scorer for the facts the rules did not take.

After the rules, the round reader and the seat reader, ``gb_scorer`` looks at every pair of
mentions in a sentence (and at every investor candidate of a funding round and the round's
company) that no reader related, scores it with a multinomial logistic regression over the
features of :mod:`graph_builder.learn.features`, one binary model per predicate (a pair may be
both founder and chief executive), and adds the relation when the probability of a predicate
passes that predicate's threshold. Rule ids are ``<lang>.model.<predicate>``;
confidence is the model's probability.

The model is trained by ``graph-builder train`` (:mod:`graph_builder.learn.train`, driven by
``data/models/pair_scorer.toml``) and shipped as JSON in ``data/models/<lang>/pair_scorer.json``:
the predicates, their biases, the non-zero weights per feature and the thresholds, so it can be read and
inspected (:meth:`PairModel.top_features`) without scikit-learn. Without a model file the
component adds nothing.

>>> m = PairModel(lang="en", classes=("founderOf",), bias=(-1.0,),
...               weights={"c=founder": {"founderOf": 3.0}}, thresholds={"founderOf": 0.5})
>>> round(m.proba({"c=founder": 1.0})["founderOf"], 2)
0.88
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from graph_builder.learn.features import Candidate, PairFeaturizer
from graph_builder.nlp.lists import lists_in, mention_index
from graph_builder.nlp.rules import RawRelation
from graph_builder.resources import data_dir
from graph_builder.types import PREDICATE_SIGNATURES, SYMMETRIC_PREDICATES

__all__ = ["PairModel", "PairScorer", "model_path", "EXCLUSIVE"]

#: predicates a pair takes one of at most (FORMAT.md: a chief executive is not also "worksFor")
EXCLUSIVE = {"ceoOf": "worksFor", "worksFor": "ceoOf"}
_X_TYPES = frozenset({"Person", "Organization"})
_Y_TYPES = frozenset({"Organization", "Product", "Place"})


def _key(s: int, p: str, o: int) -> tuple[int, str, int]:
    """A relation's identity: a symmetric one is the same whichever way a reader stored it."""
    return (min(s, o), p, max(s, o)) if p in SYMMETRIC_PREDICATES else (s, p, o)


def model_path(lang: str) -> Path:
    """Where the shipped model of ``lang`` lives."""
    return data_dir() / "models" / lang / "pair_scorer.json"


@dataclass(frozen=True)
class PairModel:
    """One logistic regression per predicate over named binary features."""

    lang: str
    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: Mapping[str, Mapping[str, float]]  # feature -> class -> weight (non-zero only)
    thresholds: Mapping[str, float] = field(default_factory=dict)
    meta: Mapping[str, object] = field(default_factory=dict)

    def proba(self, features: Mapping[str, float]) -> dict[str, float]:
        """Probability of each predicate for one candidate."""
        z = dict(zip(self.classes, self.bias))
        for f, v in features.items():
            for c, w in self.weights.get(f, {}).items():
                z[c] += w * v
        return {c: 1.0 / (1.0 + math.exp(-max(min(v, 60.0), -60.0))) for c, v in z.items()}

    def top_features(self, cls: str, n: int = 20) -> list[tuple[str, float]]:
        """The ``n`` features that weigh most for ``cls`` (inspect what the model learned)."""
        if cls not in self.classes:
            raise KeyError(f"unknown class {cls!r}; the model knows {', '.join(self.classes)}")
        scored = [(f, ws[cls]) for f, ws in self.weights.items() if cls in ws]
        return sorted(scored, key=lambda fw: -fw[1])[:n]

    def kept(self) -> PairModel | None:
        """The model restricted to the predicates it may add (those with a threshold), or None
        when cross-validation gave it none: what ships, since the rest would never add a fact."""
        keep = [i for i, c in enumerate(self.classes) if c in self.thresholds]
        if not keep:
            return None
        classes = tuple(self.classes[i] for i in keep)
        weights = {f: {c: w for c, w in ws.items() if c in classes} for f, ws in self.weights.items()}
        return PairModel(lang=self.lang, classes=classes, bias=tuple(self.bias[i] for i in keep),
                         weights={f: ws for f, ws in weights.items() if ws}, thresholds=self.thresholds,
                         meta=self.meta)

    def to_json(self) -> dict[str, object]:
        return {"lang": self.lang, "classes": list(self.classes), "bias": list(self.bias),
                "thresholds": dict(self.thresholds), "meta": dict(self.meta),
                "weights": {f: dict(ws) for f, ws in sorted(self.weights.items())}}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> PairModel:
        return cls(lang=str(data["lang"]), classes=tuple(data["classes"]), bias=tuple(data["bias"]),
                   weights=data["weights"], thresholds=data.get("thresholds", {}), meta=data.get("meta", {}))

    def to_disk(self, path: str | Path) -> None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        tmp.replace(path)

    @classmethod
    def from_disk(cls, path: str | Path) -> PairModel:
        return cls.from_json(json.loads(Path(path).read_text(encoding="utf-8")))


class PairScorer:
    """The ``gb_scorer`` component: candidates, their features, and the model's additions."""

    def __init__(self, nlp: Language, *, lang: str, model: str | None = None, enabled: bool = True) -> None:
        self.lang = lang
        self.featurizer = PairFeaturizer(lang)
        self.enabled = enabled
        path = Path(model) if model else model_path(lang)
        self.model: PairModel | None = PairModel.from_disk(path).kept() if path.is_file() else None

    def candidates(self, doc: Doc, wanted: Callable[[int, int], bool] | None = None,
                   ) -> Iterator[tuple[Candidate, dict[str, float]]]:
        """Every candidate pair of ``doc`` with its features (used for training too); with
        ``wanted(x, y)``, only the pairs it accepts are featurized."""
        clusters = doc._.gb_clusters or []
        if not clusters:
            return
        refs = doc._.gb_refs
        mentions = mention_index(doc, refs.anaphora if refs else None)
        by_sent: dict[int, list] = {}
        for m in mentions.values():
            by_sent.setdefault(doc[m.start].sent.start, []).append(m)
        round_of: dict[int, list[int]] = {}  # sentence start char -> companies of rounds told there
        for r in doc._.gb_rounds or []:
            for s, _ in r.sentences:
                round_of.setdefault(s, []).append(r.company)
        for sent in doc.sents:
            ms = sorted(by_sent.get(sent.start, []), key=lambda m: m.start)
            if not ms:
                continue
            listed = {it.mention.cluster for lst in lists_in(doc, sent, mentions, lang=self.lang) for it in lst.items}
            flags = self.featurizer.sentence_flags(sent)
            best: dict[tuple[int, int], tuple[int, object, object]] = {}
            for a in ms:
                if clusters[a.cluster].type not in _X_TYPES:
                    continue
                for b in ms:
                    if a.cluster == b.cluster or clusters[b.cluster].type not in _Y_TYPES:
                        continue
                    gap = abs(a.start - b.start)
                    key = (a.cluster, b.cluster)
                    if key not in best or gap < best[key][0]:
                        best[key] = (gap, a, b)
            for (x, y), (_, a, b) in best.items():
                if wanted is not None and not wanted(x, y):
                    continue
                cand = Candidate(x, y, a, b, sent.start_char, sent.end_char)
                yield cand, self.featurizer(doc, sent, cand, clusters, in_list=x in listed, flags=flags)
            for company in round_of.get(sent.start_char, []):
                for a in ms:
                    if a.cluster == company or a.reference or clusters[a.cluster].type not in _X_TYPES:
                        continue
                    if (a.cluster, company) in best or (wanted is not None and not wanted(a.cluster, company)):
                        continue
                    cand = Candidate(a.cluster, company, a, None, sent.start_char, sent.end_char, round_company=True)
                    yield cand, self.featurizer(doc, sent, cand, clusters, in_list=a.cluster in listed, flags=flags)

    def __call__(self, doc: Doc) -> Doc:
        if not self.enabled or self.model is None or not doc._.gb_clusters:
            return doc
        clusters = doc._.gb_clusters
        found = {_key(r.subject, r.predicate, r.object): r for r in (doc._.gb_relations or [])}
        classes = self.model.classes

        def wanted(x: int, y: int) -> bool:
            """Some predicate of the model fits the pair's types and is not said of it yet."""
            tx, ty = clusters[x].type, clusters[y].type
            for pred in classes:
                sig_s, sig_o = PREDICATE_SIGNATURES[pred]
                if tx in sig_s and ty in sig_o and _key(x, pred, y) not in found:
                    other = EXCLUSIVE.get(pred)
                    if not (other and _key(x, other, y) in found):
                        return True
            return False

        for cand, feats in self.candidates(doc, wanted):
            for pred, p, s, o in self.additions(cand, feats, clusters, found):
                found[(s, pred, o)] = RawRelation(s, pred, o, cand.sent_start, cand.sent_end, round(p, 3),
                                                  f"{self.lang}.model.{pred}", False)
        doc._.gb_relations = list(found.values())
        return doc

    def additions(self, cand: Candidate, feats: Mapping[str, float], clusters, found) -> Iterator[tuple[str, float, int, int]]:
        """(predicate, probability, subject, object) the model adds for one candidate: over the
        predicate's threshold, fitting its signature, and not already said by a reader."""
        assert self.model is not None
        th = self.model.thresholds
        probs = self.model.proba(feats)
        for pred, p in sorted(probs.items(), key=lambda kv: -kv[1]):  # of ceoOf / worksFor, the likelier first
            if p < th.get(pred, 1.01):
                continue
            sig_s, sig_o = PREDICATE_SIGNATURES[pred]
            if clusters[cand.x].type not in sig_s or clusters[cand.y].type not in sig_o:
                continue
            s, o = cand.x, cand.y
            if pred in SYMMETRIC_PREDICATES and o < s:
                s, o = o, s
            other = EXCLUSIVE.get(pred)
            if (s, pred, o) in found or (other and (s, other, o) in found):
                continue
            yield pred, p, s, o

    def to_disk(self, path: str | Path, *, exclude=()) -> None:
        if self.model is not None:
            self.model.to_disk(Path(path) / "pair_scorer.json")

    def from_disk(self, path: str | Path, *, exclude=()) -> PairScorer:
        p = Path(path) / "pair_scorer.json"
        self.model = PairModel.from_disk(p).kept() if p.is_file() else None
        return self


@Language.factory("gb_scorer", default_config={"lang": "fr", "model": None, "enabled": True},
                  requires=["doc._.gb_clusters", "doc._.gb_relations"], assigns=["doc._.gb_relations"])
def make_scorer(nlp: Language, name: str, *, lang: str, model: str | None, enabled: bool) -> PairScorer:
    """The pair scorer of ``lang`` (after the readers); ``model`` overrides the shipped weights."""
    return PairScorer(nlp, lang=lang, model=model, enabled=enabled)
