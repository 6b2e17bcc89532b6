"""graph_builder.learn.calibrate (buckets, fitted tables, judging, reliability) and the gb_calibration stage."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from graph_builder.evaluate import score
from graph_builder.learn.calibrate import BINS, CalibrationTable, Judged, bucket, fit_table, judge, reliability


def _rows(rule: str, pred: str, right: int, wrong: int) -> list[Judged]:
    return [Judged(rule, pred, True)] * right + [Judged(rule, pred, False)] * wrong


#: 11 right of 15: the language's default is 0.733
ROWS = (_rows("en.round.lead", "investorIn", 6, 2) + _rows("en.investor.backed+coref", "investorIn", 1, 2)
        + _rows("en.ceo.appos", "ceoOf", 4, 0))
SUPPORT = {"investorIn|round|named": 8, "investorIn|investor|coref": 3, "ceoOf|ceo|named": 4}


@pytest.mark.parametrize(("rule", "predicate", "expected"), [
    ("en.round.lead+coref", "investorIn", ("investorIn", "round", "coref")),
    ("en.ceo.appos", "ceoOf", ("ceoOf", "ceo", "named")),
    ("fr.model.ceoOf", "ceoOf", ("ceoOf", "model", "named")),
    ("en.founder.list+lists", "founderOf", ("founderOf", "founder", "named")),
    ("en.investor.y+lists+coref", "investorIn", ("investorIn", "investor", "coref")),
    ("manual", "basedIn", ("basedIn", "manual", "named")),
])
def test_bucket(rule: str, predicate: str, expected: tuple[str, str, str]) -> None:
    assert bucket(rule, predicate) == expected


def test_fit_table_with_support_fallback_and_prior() -> None:
    """default 11/15 = 0.733; investorIn (7 + 2*0.733)/(11 + 2) = 0.651; the round bucket
    (6 + 2*0.651)/(8 + 2) = 0.730, pulled from its own 6/8 = 0.75 toward the predicate."""
    t = fit_table(ROWS, min_support=5, prior=2.0)
    assert t.default == 0.733
    assert t.predicates == {"investorIn": 0.651}  # ceoOf: 4 rows < 5
    assert t.buckets == {"investorIn|round|named": 0.73}  # the coref bucket (3 rows) falls back
    assert t.support == SUPPORT


def test_fit_table_without_prior_is_raw_precision() -> None:
    t = fit_table(ROWS, min_support=5, prior=0.0)
    assert t.buckets == {"investorIn|round|named": 0.75} and t.predicates == {"investorIn": round(7 / 11, 3)}


def test_fit_table_lower_support_keeps_small_buckets() -> None:
    """ceoOf (4 + 2*0.733)/6 = 0.911, its bucket (4 + 2*0.911)/6 = 0.970; coref (1 + 2*0.651)/5 = 0.460."""
    t = fit_table(ROWS, min_support=3, prior=2.0)
    assert t.predicates == {"investorIn": 0.651, "ceoOf": 0.911}
    assert t.buckets == {"investorIn|round|named": 0.73, "investorIn|investor|coref": 0.46, "ceoOf|ceo|named": 0.97}


def test_fit_table_of_nothing() -> None:
    assert fit_table([]) == CalibrationTable({}, {}, 0.5, {})


@pytest.mark.parametrize(("rule", "predicate", "expected"), [
    ("en.round.lead", "investorIn", 0.73),  # its bucket
    ("en.round.lead+coref", "investorIn", 0.651),  # unseen bucket: its predicate
    ("en.investor.backed+coref", "investorIn", 0.651),  # under min_support: its predicate
    ("en.ceo.appos", "ceoOf", 0.733),  # predicate under min_support: the language
    ("en.acquire.verb", "acquired", 0.733),  # unseen predicate: the language
])
def test_confidence_fallbacks(rule: str, predicate: str, expected: float) -> None:
    assert fit_table(ROWS, min_support=5, prior=2.0).confidence(rule, predicate) == expected


def test_table_json_and_disk_round_trip(tmp_path: Path) -> None:
    t = fit_table(ROWS, min_support=3)
    assert CalibrationTable.from_json(json.loads(json.dumps(t.to_json()))) == t
    path = tmp_path / "models" / "en" / "calibration.json"
    t.to_disk(path)
    assert CalibrationTable.from_disk(path) == t
    assert CalibrationTable.from_json({}) == CalibrationTable({}, {}, 0.5, {})


GOLD: dict[str, Any] = {
    "id": "en-cal-1", "lang": "en", "source": "original", "title": "t", "published": "2024-03-01",
    "text": "Mistral AI, the French start-up run by Arthur Mensch, teams up with Microsoft.",
    "entities": [
        {"name": "Mistral AI", "type": "Organization", "aliases": ["Mistral"], "wikidata": "Q116813325"},
        {"name": "Arthur Mensch", "type": "Person", "aliases": ["Mensch"]},
        {"name": "Microsoft", "type": "Organization"},
        {"name": "France", "type": "Place", "implicit": True},
    ],
    "relations": [
        {"subject": "Arthur Mensch", "predicate": "ceoOf", "object": "Mistral AI", "evidence": "run by Arthur Mensch"},
        {"subject": "Mistral AI", "predicate": "partnerOf", "object": "Microsoft", "evidence": "teams up with"},
        {"subject": "Mistral AI", "predicate": "basedIn", "object": "France", "evidence": "the French start-up"},
    ],
}


def _rel(s: str, p: str, o: str, **extra: Any) -> dict[str, Any]:
    return {"subject": s, "predicate": p, "object": o, **extra}


def test_judge_matches_like_the_scorer() -> None:
    pred = {"id": "en-cal-1", "entities": [
        {"name": "Mensch", "type": "Person"}, {"name": "mistral", "type": "Organization"},
        {"name": "MistralCorp", "type": "Organization", "aliases": ["Mistral AI"]},
        {"name": "Microsoft", "type": "Organization"}, {"name": "Paris", "type": "Place"}],
        "relations": [
            _rel("Mensch", "ceoOf", "mistral", rule="en.ceo.run-by", confidence=0.8),  # aliases, any case
            _rel("Microsoft", "partnerOf", "Mistral AI", rule="en.partner.verb", confidence=0.7),  # symmetric
            _rel("MistralCorp", "basedIn", "France", rule="en.based.adj"),  # through the entity's aliases
            _rel("Arthur Mensch", "worksFor", "Mistral AI", rule="en.role.x", confidence=0.5),  # wrong predicate
            _rel("Mistral AI", "acquired", "Microsoft", rule="en.acquire.verb", confidence=0.6),
            _rel("Mistral AI", "basedIn", "Paris"),  # Paris is not annotated
        ]}
    assert judge(GOLD, pred) == [
        Judged("en.ceo.run-by", "ceoOf", True, 0.8), Judged("en.partner.verb", "partnerOf", True, 0.7),
        Judged("en.based.adj", "basedIn", True, 0.0), Judged("en.role.x", "worksFor", False, 0.5),
        Judged("en.acquire.verb", "acquired", False, 0.6), Judged("", "basedIn", False, 0.0)]


def test_judge_matches_a_wikidata_id_like_the_scorer() -> None:
    pred = {"id": "en-cal-1", "entities": [
        {"name": "Mistral AI SAS", "type": "Organization", "wikidata": "Q116813325"},
        {"name": "Arthur Mensch", "type": "Person"}],
        "relations": [_rel("Arthur Mensch", "ceoOf", "Mistral AI SAS", rule="en.ceo.run-by")]}
    assert score([GOLD], [pred]).overall().relations[0] == 1.0  # the scorer: right
    assert [j.right for j in judge(GOLD, pred)] == [True]


def test_reliability_bins() -> None:
    confs = [0.1, 0.55, 0.5, 0.59, 0.6, 0.7, 0.95, 1.0]
    rights = [False, True, True, False, True, False, True, True]
    rows = [Judged("r.x.y", "ceoOf", ok) for ok in rights]
    assert reliability(rows, confs) == [("0.0–0.5", 1, 0.0), ("0.5–0.6", 3, 0.667), ("0.6–0.7", 1, 1.0),
                                        ("0.7–0.8", 1, 0.0), ("0.8–0.9", 0, 0.0), ("0.9–1.0", 2, 1.0)]
    assert len(reliability([], [])) == len(BINS) - 1


# --- the gb_calibration stage ------------------------------------------------------------------------

TEXT = ("Sam Altman, the chief executive of OpenAI, spoke in London on Monday. "
        "Zorvex Labs was founded by Ana Pereira in Lisbon.")


@pytest.fixture(scope="session")
def nlp_en_raw() -> Language:
    """The English pipeline with neither the pair scorer nor calibration: the readers' confidences."""
    from graph_builder.nlp.pipeline import load_pipeline

    return load_pipeline("en", without=frozenset({"model", "calibration"}))


def _confidences(doc) -> dict[tuple[str, str], float]:
    return {(r.predicate, r.rule): r.confidence for r in doc._.gb_relations}


@pytest.mark.slow
def test_stage_rewrites_confidences_from_the_table(nlp_en_raw: Language, tmp_path: Path) -> None:
    doc = nlp_en_raw(TEXT)
    raw = _confidences(doc)
    assert set(raw) == {("ceoOf", "en.ceo.appos-of"), ("founderOf", "en.founder.passive")}
    path = tmp_path / "cal.json"
    CalibrationTable({"ceoOf|ceo|named": 0.12345}, {"founderOf": 0.61}, 0.2).to_disk(path)
    stage = nlp_en_raw.create_pipe("gb_calibration", config={"lang": "en", "table": str(path)})
    assert _confidences(stage(doc)) == {("ceoOf", "en.ceo.appos-of"): 0.123, ("founderOf", "en.founder.passive"): 0.61}
    CalibrationTable({}, {}, 0.2).to_disk(path)
    fresh = nlp_en_raw(TEXT)
    nlp_en_raw.create_pipe("gb_calibration", config={"lang": "en", "table": str(path)})(fresh)
    assert set(_confidences(fresh).values()) == {0.2}


@pytest.mark.slow
@pytest.mark.parametrize("config", [{"table": "absent.json"}, {"table": "cal.json", "enabled": False}])
def test_stage_leaves_confidences_without_a_table_or_when_disabled(nlp_en_raw: Language, tmp_path: Path,
                                                                   config: dict[str, Any]) -> None:
    CalibrationTable({}, {}, 0.2).to_disk(tmp_path / "cal.json")
    doc = nlp_en_raw(TEXT)
    raw = _confidences(doc)
    stage = nlp_en_raw.create_pipe("gb_calibration", config={"lang": "en", **config,
                                                             "table": str(tmp_path / config["table"])})
    assert _confidences(stage(doc)) == raw and set(raw.values()) == {0.9, 0.85}
