"""graph_builder.nlp.scorer: PairModel arithmetic and files, PairScorer additions, the gb_scorer stage."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import NamedTuple

import pytest
from spacy.language import Language

from graph_builder.learn.features import Candidate
from graph_builder.nlp.scorer import EXCLUSIVE, PairModel, PairScorer

MODEL = PairModel(
    lang="en", classes=("founderOf", "ceoOf", "worksFor"), bias=(-1.0, 0.5, -2.0),
    weights={"c=founder": {"founderOf": 3.0, "ceoOf": -1.0}, "c=ceo": {"ceoOf": 2.0, "worksFor": 0.5},
             "t=PER>ORG": {"worksFor": 1.0}},
    thresholds={"founderOf": 0.6, "ceoOf": 0.7}, meta={"articles": 3})


class Cluster(NamedTuple):
    """The one attribute of a cluster the scorer reads."""

    type: str


def _scorer(tmp_path: Path, model: PairModel) -> PairScorer:
    """A PairScorer reading ``model`` from a file, as the component does."""
    path = tmp_path / "m.json"
    model.to_disk(path)
    return PairScorer(None, lang="en", model=str(path))  # type: ignore[arg-type]


def _always(*preds: str, p_bias: float = 5.0) -> PairModel:
    """A model that gives every predicate of ``preds`` a high probability, threshold 0.5."""
    return PairModel(lang="en", classes=preds, bias=(p_bias,) * len(preds), weights={},
                     thresholds={p: 0.5 for p in preds})


@pytest.mark.parametrize(("features", "expected"), [
    ({}, {"founderOf": 0.2689, "ceoOf": 0.6225, "worksFor": 0.1192}),  # sigmoid of the biases
    ({"c=founder": 1.0}, {"founderOf": 0.8808, "ceoOf": 0.3775, "worksFor": 0.1192}),  # -1+3, 0.5-1
    ({"c=ceo": 1.0, "t=PER>ORG": 1.0}, {"founderOf": 0.2689, "ceoOf": 0.9241, "worksFor": 0.3775}),
    ({"c=founder": 0.5}, {"founderOf": 0.6225, "ceoOf": 0.5, "worksFor": 0.1192}),  # value scales weight
    ({"unseen": 1.0}, {"founderOf": 0.2689, "ceoOf": 0.6225, "worksFor": 0.1192}),
])
def test_proba_is_the_logistic_of_bias_plus_weights(features: dict[str, float], expected: dict[str, float]) -> None:
    """Hand-computed sigmoid values, one per class."""
    assert MODEL.proba(features) == pytest.approx(expected, abs=1e-4)


def test_proba_clamps_huge_scores_instead_of_overflowing() -> None:
    """exp() of a score of ±10 000 would overflow; the score is clamped to ±60."""
    m = PairModel(lang="en", classes=("a", "b"), bias=(0.0, 0.0), weights={"f": {"a": 1e4, "b": -1e4}})
    p = m.proba({"f": 1.0})
    assert p["a"] == pytest.approx(1.0) and 0.0 < p["b"] < 1e-25


@pytest.mark.parametrize(("cls", "n", "expected"), [
    ("ceoOf", 20, [("c=ceo", 2.0), ("c=founder", -1.0)]),
    ("ceoOf", 1, [("c=ceo", 2.0)]),
    ("founderOf", 20, [("c=founder", 3.0)]),
    ("worksFor", 20, [("t=PER>ORG", 1.0), ("c=ceo", 0.5)]),
])
def test_top_features_heaviest_first(cls: str, n: int, expected: list[tuple[str, float]]) -> None:
    assert MODEL.top_features(cls, n) == expected


def test_top_features_unknown_class_names_the_known_ones() -> None:
    msg = "unknown class 'basedIn'; the model knows founderOf, ceoOf, worksFor"
    with pytest.raises(KeyError, match=re.escape(msg)):
        MODEL.top_features("basedIn")


def test_json_round_trip_keeps_everything() -> None:
    data = json.loads(json.dumps(MODEL.to_json()))
    assert list(data["weights"]) == sorted(MODEL.weights)
    assert PairModel.from_json(data) == MODEL


def test_disk_round_trip_makes_folders_and_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "pair_scorer.json"
    MODEL.to_disk(path)
    assert sorted(p.name for p in path.parent.iterdir()) == ["pair_scorer.json"]
    back = PairModel.from_disk(path)
    assert back == MODEL and back.proba({"c=ceo": 1.0}) == MODEL.proba({"c=ceo": 1.0})


def test_kept_keeps_thresholded_classes_only() -> None:
    k = MODEL.kept()
    assert k is not None
    assert k.classes == ("founderOf", "ceoOf") and k.bias == (-1.0, 0.5)
    assert dict(k.weights) == {"c=founder": {"founderOf": 3.0, "ceoOf": -1.0}, "c=ceo": {"ceoOf": 2.0}}
    assert k.thresholds == MODEL.thresholds and k.meta == MODEL.meta
    feats = {"c=ceo": 1.0, "c=founder": 1.0, "t=PER>ORG": 1.0}
    assert k.proba(feats) == {c: v for c, v in MODEL.proba(feats).items() if c != "worksFor"}


def test_kept_is_none_without_thresholds() -> None:
    assert PairModel(lang="en", classes=("ceoOf",), bias=(0.0,), weights={"f": {"ceoOf": 1.0}}).kept() is None


def test_scorer_loads_the_kept_model(tmp_path: Path) -> None:
    scorer = _scorer(tmp_path, MODEL)
    assert scorer.model is not None and scorer.model.classes == ("founderOf", "ceoOf")


def _added(tmp_path: Path, model: PairModel, types: tuple[str, ...], feats: dict[str, float] | None = None,
           found: dict[tuple[int, str, int], None] | None = None, x: int = 0, y: int = 1) -> list[tuple[str, int, int]]:
    """(predicate, subject, object) added for the candidate (x, y) among clusters of ``types``."""
    cand = Candidate(x, y, None, None, 0, 9)  # type: ignore[arg-type]  # the mentions only feed the featurizer
    got = _scorer(tmp_path, model).additions(cand, feats or {}, [Cluster(t) for t in types], found or {})
    return [(pred, s, o) for pred, _, s, o in got]


@pytest.mark.parametrize(("threshold", "added"), [(0.85, True), (0.88, True), (0.89, False), (0.95, False)])
def test_additions_respect_the_threshold(tmp_path: Path, threshold: float, added: bool) -> None:
    """p(founderOf | c=founder) = sigmoid(2) = 0.8808."""
    m = PairModel(lang="en", classes=("founderOf",), bias=(-1.0,), weights={"c=founder": {"founderOf": 3.0}},
                  thresholds={"founderOf": threshold})
    got = _added(tmp_path, m, ("Person", "Organization"), {"c=founder": 1.0})
    assert got == ([("founderOf", 0, 1)] if added else [])


@pytest.mark.parametrize(("x_type", "y_type", "expected"), [
    ("Person", "Organization", {"founderOf", "ceoOf", "worksFor", "investorIn"}),
    ("Organization", "Organization", {"founderOf", "investorIn", "acquired", "subsidiaryOf", "partnerOf",
                                      "competitorOf"}),
    ("Organization", "Place", {"basedIn"}),
    ("Organization", "Product", {"develops"}),
    ("Person", "Place", set()),
    ("Place", "Organization", set()),  # a place never works for, founds or invests in anything
    ("Person", "Person", set()),
])
def test_additions_fit_the_predicate_signatures(tmp_path: Path, x_type: str, y_type: str, expected: set[str]) -> None:
    m = _always("founderOf", "ceoOf", "worksFor", "investorIn", "acquired", "subsidiaryOf", "partnerOf",
                "competitorOf", "develops", "basedIn")
    assert {p for p, *_ in _added(tmp_path, m, (x_type, y_type))} == expected


@pytest.mark.parametrize(("pred", "expected"), [("partnerOf", (1, 3)), ("competitorOf", (1, 3)), ("acquired", (3, 1))])
def test_symmetric_predicates_put_the_lower_cluster_first(tmp_path: Path, pred: str, expected: tuple[int, int]) -> None:
    assert _added(tmp_path, _always(pred), ("Organization",) * 4, x=3, y=1) == [(pred, *expected)]


@pytest.mark.parametrize(("found", "expected"), [
    ({}, {"founderOf", "ceoOf", "worksFor"}),
    ({(0, "ceoOf", 1): None}, {"founderOf"}),  # a chief executive is not also worksFor
    ({(0, "worksFor", 1): None}, {"founderOf"}),
    ({(1, "ceoOf", 0): None}, {"founderOf", "ceoOf", "worksFor"}),  # another direction, another pair
    ({(0, "founderOf", 1): None}, {"ceoOf", "worksFor"}),  # already said by a reader
])
def test_additions_skip_what_readers_said_and_exclusive_predicates(
        tmp_path: Path, found: dict[tuple[int, str, int], None], expected: set[str]) -> None:
    assert EXCLUSIVE == {"ceoOf": "worksFor", "worksFor": "ceoOf"}
    got = _added(tmp_path, _always("founderOf", "ceoOf", "worksFor"), ("Person", "Organization"), found=found)
    assert {p for p, *_ in got} == expected


def test_component_disk_round_trip(tmp_path: Path) -> None:
    scorer = _scorer(tmp_path, MODEL)
    scorer.to_disk(tmp_path / "pipe")
    empty = PairScorer(None, lang="en", model=str(tmp_path / "absent.json"))  # type: ignore[arg-type]
    assert empty.model is None
    assert empty.from_disk(tmp_path / "pipe").model == scorer.model


# --- the gb_scorer stage on parsed text ---------------------------------------------------------------


@pytest.fixture(scope="session")
def nlp_en_readers() -> Language:
    """The English pipeline without its own pair scorer and calibration (the readers' output only)."""
    from graph_builder.nlp.pipeline import load_pipeline

    return load_pipeline("en", without=frozenset({"model", "calibration"}))


def _stage(nlp: Language, tmp_path: Path, model: PairModel | None, **config: object) -> PairScorer:
    path = tmp_path / "stage.json"
    if model is not None:
        model.to_disk(path)
    return nlp.create_pipe("gb_scorer", config={"lang": "en", "model": str(path), **config})


def _triples(doc) -> set[tuple[str, str, str, str, float]]:
    names = [c.name for c in doc._.gb_clusters]
    return {(names[r.subject], r.predicate, names[r.object], r.rule, r.confidence) for r in doc._.gb_relations}


@pytest.mark.slow
def test_stage_adds_model_relations_with_model_rule_ids(nlp_en_readers: Language, tmp_path: Path) -> None:
    """sigmoid(0 + 1) = 0.731; both orders of the pair give one symmetric relation."""
    m = PairModel(lang="en", classes=("partnerOf",), bias=(0.0,), weights={"t=ORG>ORG": {"partnerOf": 1.0}},
                  thresholds={"partnerOf": 0.5})
    doc = nlp_en_readers("Mistral AI and Anthropic were both mentioned in the report.")
    assert [c.name for c in doc._.gb_clusters] == ["Mistral AI", "Anthropic"] and not doc._.gb_relations
    _stage(nlp_en_readers, tmp_path, m)(doc)
    assert _triples(doc) == {("Mistral AI", "partnerOf", "Anthropic", "en.model.partnerOf", 0.731)}
    assert doc._.gb_relations[0].sent_start == 0 and doc._.gb_relations[0].former is False


@pytest.mark.slow
def test_stage_adds_one_of_ceo_and_works_for(nlp_en_readers: Language, tmp_path: Path) -> None:
    doc = nlp_en_readers("Sam Altman and OpenAI were mentioned in the report.")
    _stage(nlp_en_readers, tmp_path, _always("ceoOf", "worksFor"))(doc)
    assert {(s, p, o) for s, p, o, *_ in _triples(doc)} == {("Sam Altman", "ceoOf", "OpenAI")}


@pytest.mark.slow
@pytest.mark.parametrize("config", [{}, {"enabled": False}])
def test_stage_adds_nothing_without_a_model_or_when_disabled(nlp_en_readers: Language, tmp_path: Path,
                                                              config: dict[str, object]) -> None:
    doc = nlp_en_readers("Mistral AI and Anthropic were both mentioned in the report.")
    model = None if not config else _always("partnerOf")
    stage = _stage(nlp_en_readers, tmp_path, model, **config)
    assert (stage.model is None) == (model is None)
    assert stage(doc)._.gb_relations == []


@pytest.mark.slow
def test_stage_does_not_re_add_a_symmetric_relation_a_reader_stored_reversed(nlp_en_readers: Language,
                                                                            tmp_path: Path) -> None:
    """The rule engine keeps a partnerOf as it read it (subject 1, object 0: "Nvidia partnered with Mistral AI")."""
    from graph_builder.nlp.rules import RawRelation

    doc = nlp_en_readers("Mistral AI and Anthropic were both mentioned in the report.")
    doc._.gb_relations = [RawRelation(1, "partnerOf", 0, 0, len(doc.text), 0.8, "en.partner.verb", False)]
    _stage(nlp_en_readers, tmp_path, _always("partnerOf"))(doc)
    assert [r.rule for r in doc._.gb_relations] == ["en.partner.verb"]
