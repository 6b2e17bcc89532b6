"""Errors by cause: why a fact was missed, why a wrong one was produced.

A missed fact (in the annotation, not in the extraction) is put down to the first cause that fits:

==========================  ===============================================================
``entity missed``           its subject or object was not extracted at all
``entity mistyped``         both were extracted, one with a type the predicate does not take
``across sentences``        the sentence of the annotator's evidence names neither of them
``reference``               that sentence names one of them, the other only through "the
                            startup", "its", "la société"…
``list item``               it names both, one of them as an item of a list (a comma or
                            "and" right next to it)
``construction``            it names both: a way of saying it no reader covers
==========================  ===============================================================

A wrong fact (extracted, not annotated) is put down to:

==========================  ===============================================================
``entity not annotated``    its subject or object is not an annotated entity
``other predicate``         the annotation relates the same pair with another predicate
``reference``               the reader filled a slot through a reference (rule id ``+coref``)
``speculation``             its sentence carries a speculation or negation cue
``misread``                 anything else: a construction read wrongly
==========================  ===============================================================

>>> from collections import Counter
>>> gold = {"id": "a", "lang": "en", "text": "Zeta was founded by Ana.",
...         "entities": [{"name": "Zeta", "type": "Organization"}, {"name": "Ana", "type": "Person"}],
...         "relations": [{"subject": "Ana", "predicate": "founderOf", "object": "Zeta",
...                        "evidence": "Zeta was founded by Ana."}]}
>>> pred = {"id": "a", "entities": [{"name": "Zeta", "type": "Organization"}], "relations": []}
>>> missed_causes([gold], [pred])["entity missed"]
1
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from graph_builder.evaluate import keyed_relations, norm, relation_key, score
from graph_builder.types import PREDICATE_SIGNATURES

__all__ = ["MISSED_CAUSES", "WRONG_CAUSES", "missed_causes", "wrong_causes", "by_cause"]

MISSED_CAUSES = ("entity missed", "entity mistyped", "across sentences", "reference", "list item", "construction")
WRONG_CAUSES = ("entity not annotated", "other predicate", "reference", "speculation", "misread")
_SENT = re.compile(r"(?<=[.!?])\s+")
_CUES = re.compile(r"\b(?:could|would|might|may|reportedly|talks?|plans?|rumou?r\w*|denied|not|pourrait|pourraient|"
                   r"envisage\w*|discussions?|serait|aurait|rumeurs?|démenti|pas)\b", re.IGNORECASE)


def _forms(ent: Mapping[str, Any]) -> list[str]:
    return [ent["name"], *ent.get("aliases", [])]


def _named(text: str, forms: Sequence[str]) -> bool:
    low = norm(text)
    return any(norm(f) and re.search(r"(?<!\w)" + re.escape(norm(f)) + r"(?!\w)", low) for f in forms)


def _listed(text: str, form: str) -> bool:
    """``form`` stands in a list in ``text``: a comma or "and"/"et" right before or after it."""
    for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text):
        around = text[max(0, m.start() - 6):m.start()] + "|" + text[m.end():m.end() + 6]
        if re.search(r",\s*\S*\|,|,\s*\|| and \||\| and | et \||\| et |\|,", around):
            return True
    return False


def _pred_index(pred: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    out: dict[str, Mapping[str, Any]] = {}
    for e in pred.get("entities", []):
        for f in _forms(e):
            out.setdefault(norm(f), e)
    return out


def _missed_cause(gold: Mapping[str, Any], pred: Mapping[str, Any], triple: tuple[str, str, str]) -> str:
    s, p, o = triple
    gents = {e["name"]: e for e in gold["entities"]}
    pidx = _pred_index(pred)
    found = []
    for name in (s, o):
        ge = gents.get(name, {"name": name})
        hit = next((pidx[norm(f)] for f in _forms(ge) if norm(f) in pidx), None)
        if hit is None and not ge.get("implicit"):
            return "entity missed"
        found.append(hit)
    sig_s, sig_o = PREDICATE_SIGNATURES[p]
    for hit, sig in zip(found, (sig_s, sig_o)):
        if hit is not None and hit["type"] not in sig:
            return "entity mistyped"
    evidence = next((r.get("evidence", "") for r in gold["relations"]
                     if (r["subject"], r["predicate"], r["object"]) in (triple, (o, p, s))), "")
    s_forms = _forms(gents.get(s, {"name": s}))
    o_forms = _forms(gents.get(o, {"name": o}))
    o_implicit = bool(gents.get(o, {}).get("implicit"))
    # the sentence(s) of the text holding the annotator's evidence
    sents = [x for x in _SENT.split(gold.get("text", "")) if evidence and (evidence in x or x in evidence)] or [evidence]
    where = " ".join(sents)
    s_in, o_in = _named(where, s_forms), o_implicit or _named(where, o_forms)
    if not (s_in and o_in):
        return "reference" if s_in or o_in else "across sentences"
    if any(_listed(where, f) for f in [*s_forms, *([] if o_implicit else o_forms)]):
        return "list item"
    return "construction"


def _wrong_cause(gold: Mapping[str, Any], key: tuple[str, str, str], rel: Mapping[str, Any]) -> str:
    s, _, o = key  # names resolved as the scorer does; "?form" when the annotation has no such entity
    if s.startswith("?") or o.startswith("?"):
        return "entity not annotated"
    pairs = {(r["subject"], r["object"]) for r in gold["relations"]}
    if (s, o) in pairs or (o, s) in pairs:
        return "other predicate"
    if "+coref" in rel.get("rule", ""):
        return "reference"
    if _CUES.search(rel.get("evidence", "")):
        return "speculation"
    return "misread"


def missed_causes(golds: Sequence[Mapping[str, Any]], preds: Sequence[Mapping[str, Any]]) -> Counter:
    """Missed facts counted by cause (see the module docstring)."""
    by_id = {p["id"]: p for p in preds}
    scores = score(list(golds), list(preds))
    gold_by_id = {g["id"]: g for g in golds}
    out: Counter = Counter()
    for a in scores.articles:
        g = gold_by_id[a.id]
        for m in a.missed:
            out[_missed_cause(g, by_id.get(a.id, {"entities": [], "relations": []}), m)] += 1
    return out


def wrong_causes(golds: Sequence[Mapping[str, Any]], preds: Sequence[Mapping[str, Any]]) -> Counter:
    """Wrong facts counted by cause (see the module docstring); each counted once, as the scorer does."""
    by_id = {p["id"]: p for p in preds}
    out: Counter = Counter()
    for g in golds:
        gold_keys = {relation_key(r["subject"], r["predicate"], r["object"]) for r in g.get("relations", [])}
        seen: set[tuple[str, str, str]] = set()
        for key, rel in keyed_relations(g, by_id.get(g["id"], {})):
            if key in gold_keys or key in seen:
                continue
            seen.add(key)
            out[_wrong_cause(g, key, rel)] += 1
    return out


def by_cause(golds: Sequence[Mapping[str, Any]], preds: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, Counter]]:
    """Missed and wrong facts by cause, per language and for all (``{"missed": {lang: Counter}, …}``)."""
    out: dict[str, dict[str, Counter]] = {"missed": {}, "wrong": {}}
    langs = sorted({g.get("lang", "?") for g in golds})
    for lang in [*langs, "all"]:
        gs = [g for g in golds if lang == "all" or g.get("lang") == lang]
        ids = {g["id"] for g in gs}
        ps = [p for p in preds if p["id"] in ids]
        out["missed"][lang] = missed_causes(gs, ps)
        out["wrong"][lang] = wrong_causes(gs, ps)
    return out
