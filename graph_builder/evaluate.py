"""Score extractions against annotated articles (``shared/eval/FORMAT.md`` rules).

The same rules as the reference scorer ``shared/eval/score.py`` (a test checks that both give
the same numbers): entities and relations are matched by name or alias, case- and
accent-insensitively, or by Wikidata id; partnerOf and competitorOf in either direction; a
second predicted entity for the same gold entity counts as wrong; implicit gold entities are
scored only as relation objects; ``former`` is accuracy over matched relations. Precision,
recall and F1 are micro-averaged per language and overall; per predicate too.

>>> gold = {"id": "a", "lang": "en", "entities": [{"name": "OpenAI", "type": "Organization"}],
...         "relations": []}
>>> pred = {"id": "a", "entities": [{"name": "openai", "type": "Organization"}], "relations": []}
>>> score([gold], [pred]).overall("all").entities
(1.0, 1.0, 1.0)
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph_builder.errors import InputError
from graph_builder.types import PREDICATES, SYMMETRIC_PREDICATES

__all__ = ["norm", "relation_key", "keyed_relations", "ArticleScore", "Scores", "LanguageScore", "score", "score_files", "read_predictions", "load_gold", "prf"]


def norm(s: object) -> str:
    """The scorer's normalisation of a surface form."""
    t = unicodedata.normalize("NFKD", str(s))
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = t.replace("\u2019", "'").replace("\u00a0", " ").casefold()
    return " ".join(t.split()).strip(" .,;:'\"()[]«»")


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1, rounded to 3 places (0.0 when undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 3), round(r, 3), round(f, 3)


def _gold_index(gold: Mapping[str, Any]) -> dict[str, str]:
    index: dict[str, str] = {}
    for e in gold.get("entities", []):
        for form in [e["name"], *e.get("aliases", [])]:
            index.setdefault(norm(form), e["name"])
        if e.get("wikidata"):
            index.setdefault("wd:" + e["wikidata"], e["name"])
    return index


def _resolve(index: Mapping[str, str], names: Iterable[str], qid: str | None = None) -> str | None:
    if qid and ("wd:" + qid) in index:
        return index["wd:" + qid]
    for n in names:
        hit = index.get(norm(n))
        if hit:
            return hit
    return None


def relation_key(s: str, p: str, o: str) -> tuple[str, str, str]:
    """(subject, predicate, object), a symmetric relation with its names in order."""
    if p in SYMMETRIC_PREDICATES and s > o:
        s, o = o, s
    return (s, p, o)


def keyed_relations(gold: Mapping[str, Any], pred: Mapping[str, Any], index: Mapping[str, str] | None = None,
                    ) -> list[tuple[tuple[str, str, str], Mapping[str, Any]]]:
    """Each predicted relation (of the ten predicates) with the key the scorer matches it by.

    A name is resolved to the annotated entity it names: through the predicted entity's name,
    aliases or Wikidata id, the first that the annotation knows; an unresolved name is kept as
    ``"?<normalised form>"``. Symmetric relations are ordered. A relation is right when its key is
    the key of an annotated relation.

    >>> gold = {"entities": [{"name": "Zeta", "type": "Organization", "aliases": ["Zeta Labs"]},
    ...                      {"name": "Ana", "type": "Person"}], "relations": []}
    >>> pred = {"entities": [], "relations": [{"subject": "Ana", "predicate": "founderOf", "object": "Zeta Labs"}]}
    >>> keyed_relations(gold, pred)[0][0]
    ('Ana', 'founderOf', 'Zeta')
    """
    index = _gold_index(gold) if index is None else index
    pred_forms: dict[str, tuple[list[str], str | None]] = {}
    for e in pred.get("entities", []):
        forms = ([e.get("name", ""), *e.get("aliases", [])], e.get("wikidata"))
        for f in forms[0]:
            pred_forms.setdefault(norm(f), forms)
    out = []
    for r in pred.get("relations", []):
        p = r.get("predicate")
        if p not in PREDICATES:
            continue
        s, o = (_resolve(index, *pred_forms.get(norm(r.get(k, "")), ([r.get(k, "")], None)))
                for k in ("subject", "object"))
        out.append((relation_key(s or "?" + norm(r.get("subject", "")), p, o or "?" + norm(r.get("object", ""))), r))
    return out


@dataclass
class ArticleScore:
    """Counts of one article: (tp, fp, fn) for entities and relations, former (ok, n), errors."""

    id: str
    lang: str
    ent: tuple[int, int, int]
    rel: tuple[int, int, int]
    former: tuple[int, int]
    missed: list[tuple[str, str, str]]
    wrong: list[tuple[str, str, str]]
    matched: list[tuple[str, str, str]]


def score_article(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> ArticleScore:
    """Score one predicted article against its gold annotation."""
    index = _gold_index(gold)
    g_ents = {(e["name"], e["type"]) for e in gold.get("entities", []) if not e.get("implicit")}
    implicit = {e["name"] for e in gold.get("entities", []) if e.get("implicit")}
    p_ents: set[tuple[str, str]] = set()
    ent_fp = 0
    for e in pred.get("entities", []):
        hit = _resolve(index, [e.get("name", ""), *e.get("aliases", [])], e.get("wikidata"))
        if hit in implicit:
            continue
        if hit is None:
            ent_fp += 1
        elif (hit, e.get("type")) in g_ents and (hit, e.get("type")) not in p_ents:
            p_ents.add((hit, e.get("type")))
        else:
            ent_fp += 1
    g_rels = {relation_key(r["subject"], r["predicate"], r["object"]): r for r in gold.get("relations", [])}
    p_rels: set[tuple[str, str, str]] = set()
    rel_fp: set[tuple[str, str, str]] = set()
    former_ok = former_n = 0
    for key, r in keyed_relations(gold, pred, index):
        if key in g_rels:
            if key not in p_rels:
                former_n += 1
                former_ok += bool(r.get("former")) == bool(g_rels[key].get("former"))
            p_rels.add(key)
        else:
            rel_fp.add(key)
    return ArticleScore(
        id=str(gold.get("id")), lang=str(gold.get("lang", "?")),
        ent=(len(p_ents), ent_fp, len(g_ents) - len(p_ents)),
        rel=(len(p_rels), len(rel_fp), len(g_rels) - len(p_rels)),
        former=(former_ok, former_n), missed=sorted(set(g_rels) - p_rels), wrong=sorted(rel_fp),
        matched=sorted(p_rels),
    )


@dataclass
class LanguageScore:
    """Micro-averaged scores of one language (or ``all``)."""

    entities: tuple[float, float, float]
    relations: tuple[float, float, float]
    former_accuracy: float | None
    counts: dict[str, tuple[int, ...]] = field(default_factory=dict)


@dataclass
class Scores:
    """Every article's score and the totals, per language and per predicate."""

    articles: list[ArticleScore]
    missing: list[str]

    def overall(self, lang: str = "all") -> LanguageScore:
        ent = [0, 0, 0]
        rel = [0, 0, 0]
        fo = [0, 0]
        for a in self.articles:
            if lang != "all" and a.lang != lang:
                continue
            for i in range(3):
                ent[i] += a.ent[i]
                rel[i] += a.rel[i]
            fo[0] += a.former[0]
            fo[1] += a.former[1]
        return LanguageScore(prf(*ent), prf(*rel), round(fo[0] / fo[1], 3) if fo[1] else None,
                             {"entities": tuple(ent), "relations": tuple(rel), "former": tuple(fo)})

    @property
    def languages(self) -> list[str]:
        return sorted({a.lang for a in self.articles})

    def by_predicate(self, lang: str = "all") -> dict[str, tuple[float, float, float]]:
        """P/R/F1 per predicate (a wrong triple counts against its own predicate)."""
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for a in self.articles:
            if lang != "all" and a.lang != lang:
                continue
            for _, p, _ in a.matched:
                counts[p][0] += 1
            for _, p, _ in a.wrong:
                counts[p][1] += 1
            for _, p, _ in a.missed:
                counts[p][2] += 1
        return {p: prf(*counts[p]) for p in PREDICATES if p in counts}

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"articles": len(self.articles), "missing_ids": self.missing}
        for lang in [*self.languages, "all"]:
            s = self.overall(lang)
            out[lang] = {"entities_prf": s.entities, "relations_prf": s.relations,
                         "former_acc": s.former_accuracy, "by_predicate": self.by_predicate(lang)}
        return out


def score(golds: Iterable[Mapping[str, Any]], preds: Iterable[Mapping[str, Any]]) -> Scores:
    """Score predicted articles (matched to gold by ``id``; a missing one scores empty)."""
    by_id = {p.get("id"): p for p in preds}
    articles = []
    missing = []
    for g in golds:
        if g.get("id") not in by_id:
            missing.append(str(g.get("id")))
        articles.append(score_article(g, by_id.get(g.get("id"), {})))
    return Scores(articles=articles, missing=sorted(missing))


def load_gold(gold_dir: str | Path) -> list[dict[str, Any]]:
    """Every annotated article (``*.json``) of a folder, sorted by file name."""
    d = Path(gold_dir)
    if not d.is_dir():
        raise InputError(str(d), "not a folder of annotated articles", "give the folder holding the *.json files")
    out = []
    for f in sorted(d.glob("*.json")):
        try:
            out.append(json.loads(f.read_text(encoding="utf-8")))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise InputError(str(f), f"invalid JSON ({exc})", "fix or remove the file") from None
    if not out:
        raise InputError(str(d), "no *.json annotated article in this folder", "check the path")
    return out


def read_predictions(pred_jsonl: str | Path) -> list[dict[str, Any]]:
    """The extractions of a JSON Lines file (``graph-builder extract --format jsonl``)."""
    preds = []
    path = Path(pred_jsonl)
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                preds.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{n}", f"invalid JSON ({exc})", "fix the line") from None
    return preds


def score_files(gold_dir: str | Path, pred_jsonl: str | Path) -> Scores:
    """Score a JSON Lines file of predictions against a folder of annotated articles."""
    return score(load_gold(gold_dir), read_predictions(pred_jsonl))
