"""evaluate: the same numbers as the reference scorer shared/eval/score.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from graph_builder.evaluate import norm, score, score_files

GOLD = {
    "id": "g1", "lang": "fr",
    "entities": [
        {"name": "Mistral AI", "type": "Organization", "aliases": ["Mistral"], "wikidata": "Q116813325"},
        {"name": "Arthur Mensch", "type": "Person", "aliases": ["Mensch"]},
        {"name": "Microsoft", "type": "Organization"},
        {"name": "France", "type": "Place", "implicit": True},
    ],
    "relations": [
        {"subject": "Arthur Mensch", "predicate": "ceoOf", "object": "Mistral AI", "evidence": "x"},
        {"subject": "Mistral AI", "predicate": "partnerOf", "object": "Microsoft", "evidence": "x"},
        {"subject": "Mistral AI", "predicate": "basedIn", "object": "France", "evidence": "x"},
        {"subject": "Arthur Mensch", "predicate": "worksFor", "object": "Microsoft", "evidence": "x", "former": True},
    ],
}


def test_norm_folds_case_accents_apostrophes() -> None:
    assert norm("  États-Unis’ ") == norm("etats-unis'") == "etats-unis"


@pytest.mark.parametrize("pred,ent,rel,former", [
    # perfect, with aliases and a symmetric relation reversed
    ({"id": "g1", "entities": [
        {"name": "Mistral", "type": "Organization"}, {"name": "Mensch", "type": "Person"},
        {"name": "microsoft", "type": "Organization"}, {"name": "France", "type": "Place"}],
      "relations": [
        {"subject": "Mensch", "predicate": "ceoOf", "object": "Mistral"},
        {"subject": "Microsoft", "predicate": "partnerOf", "object": "Mistral"},
        {"subject": "Mistral", "predicate": "basedIn", "object": "France"},
        {"subject": "Mensch", "predicate": "worksFor", "object": "Microsoft", "former": True}]},
     (1.0, 1.0, 1.0), (1.0, 1.0, 1.0), 1.0),
    # a duplicate entity is wrong; a wrong type is wrong; a wrong relation and a missed one
    ({"id": "g1", "entities": [
        {"name": "Mistral AI", "type": "Organization"}, {"name": "Mistral", "type": "Organization"},
        {"name": "Arthur Mensch", "type": "Organization"}],
      "relations": [{"subject": "Arthur Mensch", "predicate": "founderOf", "object": "Mistral AI"},
                    {"subject": "Arthur Mensch", "predicate": "ceoOf", "object": "Mistral AI"}]},
     (0.333, 0.333, 0.333), (0.5, 0.25, 0.333), 1.0),
    # Wikidata id resolves an entity named otherwise
    ({"id": "g1", "entities": [{"name": "Mistral.ai SAS", "type": "Organization", "wikidata": "Q116813325"}],
      "relations": []}, (1.0, 0.333, 0.5), (0.0, 0.0, 0.0), None),
])
def test_score_table(pred, ent, rel, former) -> None:
    s = score([GOLD], [pred]).overall("fr")
    assert s.entities == ent
    assert s.relations == rel
    assert s.former_accuracy == former


def test_missing_prediction_counts_as_empty() -> None:
    s = score([GOLD], [])
    assert s.missing == ["g1"]
    assert s.overall().relations == (0.0, 0.0, 0.0)


def test_agrees_with_reference_scorer(tmp_path: Path, dev_dir: Path) -> None:
    """On a deliberately imperfect prediction file, our numbers equal score.py's."""
    golds = [json.loads(f.read_text(encoding="utf-8")) for f in sorted(dev_dir.glob("*.json"))]
    lines = []
    for i, g in enumerate(golds):
        ents = [dict(e) for e in g["entities"][::2]] + [{"name": "Nobody Known", "type": "Person"}]
        rels = [dict(r) for r in g["relations"][::3]]
        for r in rels[:1]:
            r["former"] = not r.get("former", False)
        if i % 4 == 0:
            continue  # a missing article
        lines.append(json.dumps({"id": g["id"], "entities": ents, "relations": rels}, ensure_ascii=False))
    pred = tmp_path / "pred.jsonl"
    pred.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ours = score_files(dev_dir, pred).to_dict()
    ref = json.loads(subprocess.run([sys.executable, str(dev_dir.parent / "score.py"), str(dev_dir), str(pred),
                                     "--json"], capture_output=True, text=True, check=True).stdout)
    for lang in ("fr", "en", "all"):
        assert tuple(ours[lang]["entities_prf"]) == tuple(ref[lang]["entities_prf"])
        assert tuple(ours[lang]["relations_prf"]) == tuple(ref[lang]["relations_prf"])
        assert ours[lang]["former_acc"] == ref[lang]["former_acc"]
    assert ours["missing_ids"] == ref["missing_ids"]
