"""graph_builder.learn: features, folds and thresholds, fitting, records, error causes, training."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from graph_builder.errors import ConfigError
from graph_builder.learn import cv
from graph_builder.learn.calibrate import CalibrationTable
from graph_builder.learn.cv import OutOfFold, assign_folds, choose_thresholds, out_of_fold
from graph_builder.learn.dataset import ArticleRecord, CandidateRecord, GoldIndex, read_records, write_records
from graph_builder.learn.errors import MISSED_CAUSES, WRONG_CAUSES, missed_causes, wrong_causes
from graph_builder.learn.fit import fit_model, fits
from graph_builder.learn.train import ABLATIONS, load_config, train
from graph_builder.nlp.pipeline import load_pipeline
from graph_builder.nlp.scorer import PairScorer

ROOT = Path(__file__).resolve().parent.parent


def _cand(x: str, right: bool, feats: dict[str, float] | None = None, y_type: str = "Organization") -> CandidateRecord:
    return CandidateRecord(x, "Org", "Person", y_type, feats or {}, ("founderOf",) if right else (), 0, 9)


def _r(s: str, p: str, o: str, **extra: str) -> dict[str, str]:
    return {"subject": s, "predicate": p, "object": o, **extra}


# --- features -----------------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize(("lang", "text", "x", "y"), [
    ("en", "Sam Altman, the chief executive of OpenAI, spoke in London.", "Sam Altman", "OpenAI"),
    ("fr", "Arthur Mensch, le directeur général de Mistral AI, était à Paris.", "Arthur Mensch", "Mistral AI")])
def test_features_of_a_parsed_candidate(tmp_path: Path, lang: str, text: str, x: str, y: str) -> None:
    nlp = load_pipeline(lang, without=frozenset({"model", "calibration"}))
    doc = nlp(text)
    scorer = PairScorer(nlp, lang=lang, model=str(tmp_path / "absent.json"))
    first, names = list(scorer.candidates(doc)), [c.name for c in doc._.gb_clusters]
    assert [f for _, f in first] == [f for _, f in scorer.candidates(doc)]  # deterministic
    feats = next(f for c, f in first if (names[c.x], names[c.y]) == (x, y))
    assert {"t=PER>ORG", "o=xy", "c=ceo", "tc=PER>ORG:ceo"} <= set(feats) and any(k.startswith("p=") for k in feats)


# --- cross-validation ---------------------------------------------------------------------------------

def test_assign_folds_grouped_deterministic_and_seeded() -> None:
    ids = [f"a{i}" for i in range(10)] * 3  # an article's candidates share its id
    folds = assign_folds(ids, k=3, seed=0)
    assert sorted(folds) == sorted(set(ids)) and folds == assign_folds(list(reversed(ids)), k=3, seed=0)
    assert sorted(Counter(folds.values()).values()) == [3, 3, 4] and folds != assign_folds(ids, k=3, seed=1)


def test_out_of_fold_never_scores_an_article_with_its_own_model(monkeypatch: pytest.MonkeyPatch) -> None:
    fitted: list[set[str]] = []

    def fake_fit(train: list[CandidateRecord], **_: Any) -> SimpleNamespace:
        seen = {f for cd in train for f in cd.features}
        fitted.append(seen)
        return SimpleNamespace(proba=lambda feats: {"leak": float(any(f in seen for f in feats))})

    monkeypatch.setattr(cv, "fit_model", fake_fit)
    recs = [ArticleRecord(f"a{i}", "en", {"relations": []}, (_cand("P", True, {f"a{i}": 1.0}),) * 2) for i in range(5)]
    oof = out_of_fold(recs, k=3, seed=0, c=1.0)
    assert len(fitted) == 3 and all(fitted) and oof.probs == {r.id: [{"leak": 0.0}] * 2 for r in recs}


def _oof(*articles: list[tuple[float, bool]]) -> tuple[list[ArticleRecord], OutOfFold]:
    recs = [ArticleRecord(f"a{i}", "en", {"relations": []}, tuple(_cand(f"P{j}", ok) for j, (_, ok) in enumerate(rows)))
            for i, rows in enumerate(articles)]
    return recs, OutOfFold({r.id: [{"founderOf": p} for p, _ in rows] for r, rows in zip(recs, articles)})


@pytest.mark.parametrize(("target", "min_added", "expected"), [
    (0.8, 3, {"founderOf": 0.5}),  # 4 right of 5 at 0.5
    (0.9, 3, {"founderOf": 0.7}),  # 3 of 3 at 0.7
    (0.9, 4, {}),  # 4 right needs 0.5, where precision is 0.8
    (0.5, 9, {}),  # never 9 right
    (0.5, 3, {"founderOf": 0.3}),  # 4 of 7; the 0.04 candidate is below every threshold
])
def test_choose_thresholds(target: float, min_added: int, expected: dict[str, float]) -> None:
    recs, oof = _oof([(0.9, True), (0.6, False), (0.5, True), (0.04, True)],
                     [(0.8, True), (0.7, True), (0.4, False), (0.3, False)])
    assert choose_thresholds(recs, oof, target=target, min_added=min_added) == expected


@pytest.mark.parametrize(("said", "y_type", "expected"), [
    ([_r("p0", "ceoOf", "ORG")], "Organization", {"founderOf": 0.6}),  # ceoOf only excludes worksFor
    ([_r("P0", "founderOf", "org")], "Organization", {}),  # said by a reader: 3 right additions left
    ([], "Place", {}),  # founderOf does not fit Person -> Place
])
def test_choose_thresholds_counts_only_possible_additions(said: list[dict[str, str]], y_type: str,
                                                          expected: dict[str, float]) -> None:
    recs, oof = _oof([(0.9, True), (0.8, True), (0.7, True), (0.6, True)])
    cands = tuple(_cand(c.x, True, y_type=y_type) for c in recs[0].candidates)
    recs = [ArticleRecord("a0", "en", {"relations": said}, cands)]
    assert choose_thresholds(recs, oof, target=0.9, min_added=4) == expected


def test_chosen_threshold_reaches_target_with_tied_probabilities() -> None:
    rows = [(0.9, True)] * 3 + [(0.5, True), (0.5, False), (0.5, False)]
    th = choose_thresholds(*_oof(rows), target=0.75, min_added=3)["founderOf"]
    kept = [ok for p, ok in rows if p >= th]
    assert sum(kept) / len(kept) >= 0.75  # at 0.5 all six are added: 4/6


# --- fitting ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("pred", "x", "y", "ok"), [
    ("founderOf", "Organization", "Organization", True), ("ceoOf", "Organization", "Organization", False),
    ("worksFor", "Person", "Organization", True), ("develops", "Person", "Product", False),
    ("basedIn", "Organization", "Place", True), ("basedIn", "Place", "Organization", False)])
def test_fits_signature(pred: str, x: str, y: str, ok: bool) -> None:
    assert fits(pred, x, y) is ok


POS = [_cand(f"P{i}", True, {"mark": 1.0, "t=PER>ORG": 1.0}) for i in range(6)]
NEG = [_cand(f"N{i}", False, {"other": 1.0, "t=PER>ORG": 1.0}) for i in range(6)]


def test_fit_model_learns_the_marking_feature() -> None:
    m = fit_model(POS + NEG, lang="en", thresholds={"founderOf": 0.7}, meta={"k": 1})
    assert m.classes == ("founderOf",) and m.thresholds == {"founderOf": 0.7} and m.meta == {"k": 1}
    assert m.weights["mark"]["founderOf"] > 0 > m.weights["other"]["founderOf"]
    assert m.proba({"mark": 1.0, "t=PER>ORG": 1.0})["founderOf"] > 0.5 > m.proba({"other": 1.0})["founderOf"]


@pytest.mark.parametrize(("cands", "kw", "classes"), [
    (POS + NEG, {"min_positives": 7}, ()),  # 6 positives are too few
    (POS, {}, ()),  # nothing to tell apart
    ([_cand(c.x, bool(c.labels), dict(c.features), y_type="Product") for c in POS + NEG], {}, ()),  # no fit
    (POS + NEG, {"prune": 100.0}, ("founderOf",)),  # every weight pruned, the bias kept
])
def test_fit_model_leaves_out(cands: list[CandidateRecord], kw: dict[str, Any], classes: tuple[str, ...]) -> None:
    m = fit_model(cands, lang="en", **kw)
    assert m.classes == classes and len(m.bias) == len(classes) and m.weights == {}


# --- records ------------------------------------------------------------------------------------------

GOLD = {"entities": [{"name": "Mistral AI", "type": "Organization", "aliases": ["Mistral"]}, {"name": "Société Générale",
                     "type": "Organization"}, {"name": "Arthur Mensch", "type": "Person", "aliases": ["Mensch"]}],
        "relations": [_r("Arthur Mensch", "ceoOf", "Mistral AI"), _r("Arthur Mensch", "founderOf", "Mistral AI"),
                      _r("Société Générale", "partnerOf", "Mistral AI")]}


@pytest.mark.parametrize(("forms", "name"), [(["nope", "MISTRAL"], "Mistral AI"), (["societe generale"], "Société Générale"),
                                             (["Mensch."], "Arthur Mensch"), (["Mistral Corp"], None)])
def test_gold_index_resolve(forms: list[str], name: str | None) -> None:
    assert GoldIndex(GOLD).resolve(forms) == name


@pytest.mark.parametrize(("xs", "ys", "labels"), [
    (["Mensch"], ["Mistral"], ("founderOf", "ceoOf")), (["Mistral AI"], ["Societe Generale"], ("partnerOf",)),
    (["Mistral"], ["Mensch"], ()), (["Mistral"], ["Mistral AI"], ()), (["Bob"], ["Mistral"], ())])
def test_gold_index_labels(xs: list[str], ys: list[str], labels: tuple[str, ...]) -> None:
    assert GoldIndex(GOLD).labels(xs, ys) == labels


def test_records_round_trip(tmp_path: Path) -> None:
    recs = [ArticleRecord("a", "en", {"id": "a", "relations": [_r("X", "ceoOf", "Y")]}, tuple(POS[:2])),
            ArticleRecord("b", "fr", {"id": "b", "relations": []}, ())]
    assert ArticleRecord.from_json(json.loads(json.dumps(recs[0].to_json()))) == recs[0]
    write_records(recs, path := tmp_path / "r.jsonl")
    path.write_text(path.read_text(encoding="utf-8") + "\n  \n", encoding="utf-8")  # blank lines are skipped
    assert list(read_records(path)) == recs


# --- error causes -------------------------------------------------------------------------------------

def _gold(text: str, evidence: str) -> dict[str, Any]:
    return {"id": "e", "lang": "en", "text": text, "entities": [
        {"name": "Ana", "type": "Person"}, {"name": "Zeta", "type": "Organization", "aliases": ["Zeta Labs"]},
        {"name": "Omega", "type": "Organization"}], "relations": [_r("Ana", "founderOf", "Zeta", evidence=evidence)]}


ANA, ZETA, OMEGA = ({"name": n, "type": t} for n, t in zip(("Ana", "Zeta", "Omega"), ("Person", *["Organization"] * 2)))
FOUNDED, LISTED, OWES = "Zeta was founded by Ana.", "Zeta was founded by Bo, Ana and Cy.", "Zeta owes its existence to Ana."
MISSED = [
    (FOUNDED, FOUNDED, [ZETA], "entity missed"),
    (FOUNDED, FOUNDED, [ANA, {"name": "Zeta", "type": "Product"}], "entity mistyped"),
    ("Zeta is in Oslo. Ana is a chemist. She founded it.", "She founded it.", [ANA, ZETA], "across sentences"),
    ("Zeta is a lab. The lab was founded by Ana.", "The lab was founded by Ana.", [ANA, ZETA], "reference"),
    (LISTED, LISTED, [ANA, ZETA], "list item"),
    (OWES, OWES, [ANA, ZETA], "construction"),
]
WRONG = [
    (_r("Bob", "worksFor", "Zeta"), "entity not annotated"),
    (_r("Ana", "ceoOf", "Zeta"), "other predicate"),
    (_r("Zeta", "acquired", "Omega", rule="en.acq.v+coref"), "reference"),
    (_r("Zeta", "acquired", "Omega", evidence="Zeta could buy Omega."), "speculation"),
    (_r("Zeta", "acquired", "Omega", evidence="Zeta bought Omega."), "misread"),
]


def test_every_cause_has_a_case() -> None:
    assert [c for *_, c in MISSED] == list(MISSED_CAUSES) and [c for _, c in WRONG] == list(WRONG_CAUSES)


@pytest.mark.parametrize(("text", "evidence", "entities", "cause"), MISSED)
def test_missed_cause(text: str, evidence: str, entities: list[dict[str, str]], cause: str) -> None:
    pred = {"id": "e", "entities": entities, "relations": []}
    assert missed_causes([_gold(text, evidence)], [pred]) == Counter({cause: 1})


@pytest.mark.parametrize(("rel", "cause"), WRONG)
def test_wrong_cause(rel: dict[str, str], cause: str) -> None:
    pred = {"id": "e", "entities": [ANA, ZETA, OMEGA, {"name": "Bob", "type": "Person"}],
            "relations": [_r("Ana", "founderOf", "Zeta"), rel]}
    assert wrong_causes([_gold(FOUNDED, FOUNDED)], [pred]) == Counter({cause: 1})


def test_wrong_cause_of_a_relation_named_by_an_alias() -> None:
    pred = {"id": "e", "entities": [{"name": "Zeta Labs", "type": "Organization"}, OMEGA],
            "relations": [_r("Zeta Labs", "acquired", "Omega", rule="en.acq.v+coref")]}
    assert wrong_causes([_gold(FOUNDED, FOUNDED)], [pred]) == Counter({"reference": 1})


# --- training -----------------------------------------------------------------------------------------

def _config(tmp_path: Path, train_paths: list[str], **sections: dict[str, Any]) -> Path:
    """The checkout's training configuration, rewritten in <tmp>/data/models/ (the CLI's root is two up)."""
    cfg = load_config(ROOT / "data" / "models" / "pair_scorer.toml")
    cfg["corpus"]["train"] = train_paths
    path = tmp_path / "data" / "models" / "cfg.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    toml = "".join(f"[{sec}]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in {**kv, **sections.get(sec, {})}.items())
                   for sec, kv in cfg.items())
    path.write_text(toml, encoding="utf-8")
    return path


def test_load_config(tmp_path: Path) -> None:
    """load_config only reads: a configuration naming the blind set loads (train refuses it: test_cli_learn.py)."""
    cfg = load_config(ROOT / "data" / "models" / "pair_scorer.toml")
    assert cfg["cv"] == {"folds": 5, "seed": 0} and "data/corpus/blind" not in cfg["corpus"]["train"]
    assert load_config(_config(tmp_path, ["data/corpus/blind"]))["corpus"]["train"] == ["data/corpus/blind"]
    with pytest.raises(ConfigError, match="training configuration missing"):
        load_config(ROOT / "data" / "models" / "absent.toml")


KINDS = {"Person": "Sam Altman|Dario Amodei|Arthur Mensch|Clément Delangue", "Product": "Llama 3|ChatGPT",
         "Organization": "OpenAI|Anthropic|Microsoft|Mistral AI|Google|DeepMind|Meta|Nvidia|Hugging Face",
         "Place": "Seattle|San Francisco|Paris|London|France"}
TYPES = {n: t for t, names in KINDS.items() for n in names.split("|")}
ARTICLES = [line.split(" | ") for line in """\
en | Sam Altman, the chief executive of OpenAI, met reporters in Seattle. | Sam Altman>ceoOf>OpenAI
en | Anthropic, the San Francisco start-up, was founded by Dario Amodei. | Dario Amodei>founderOf>Anthropic|Anthropic>basedIn>San Francisco
en | Microsoft invested in Mistral AI, the Paris start-up. | Microsoft>investorIn>Mistral AI|Mistral AI>basedIn>Paris
en | Google acquired DeepMind, a London lab, in 2014. | Google>acquired>DeepMind|DeepMind>basedIn>London
en | Meta released Llama 3, its new open model. | Meta>develops>Llama 3
en | Nvidia partnered with Mistral AI on Monday. | Mistral AI>partnerOf>Nvidia
fr | Arthur Mensch, PDG de Mistral AI, était à Paris lundi. | Arthur Mensch>ceoOf>Mistral AI
fr | Hugging Face a été fondée par Clément Delangue. | Clément Delangue>founderOf>Hugging Face
fr | Microsoft investit dans Mistral AI, la start-up française. | Microsoft>investorIn>Mistral AI|Mistral AI>basedIn>France
fr | Google a racheté DeepMind en 2014. | Google>acquired>DeepMind
fr | OpenAI a lancé ChatGPT en novembre. | OpenAI>develops>ChatGPT
fr | Mistral AI s'allie à Microsoft. | Mistral AI>partnerOf>Microsoft""".splitlines()]


def _article(lang: str, i: int, text: str, rels: str) -> dict[str, Any]:
    """An annotated article (shared/eval/FORMAT.md): every known name of the text, and implicit places."""
    triples = [r.split(">") for r in rels.split("|")]
    ents = [{"name": n, "type": t, **({} if n in text else {"implicit": True})} for n, t in TYPES.items()
            if n in text or any(n == o for *_, o in triples)]
    return {"id": f"{lang}-t{i}", "lang": lang, "source": "original", "title": text[:24], "published": "2024-05-01",
            "text": text, "entities": ents, "relations": [_r(*t, evidence=text) for t in triples]}


@pytest.mark.slow
def test_train_end_to_end(tmp_path: Path) -> None:
    """Two folds over six synthetic articles per language: the report, and the files written."""
    out = tmp_path / "out"
    for d in (tmp_path / "corpus", out / "en"):
        d.mkdir(parents=True)
    for i, (lang, text, rels) in enumerate(ARTICLES):
        (tmp_path / "corpus" / f"{i}.json").write_text(json.dumps(_article(lang, i, text, rels)), encoding="utf-8")
    (out / "en" / "pair_scorer.json").write_text("{}", encoding="utf-8")  # stale: replaced or removed
    logs: list[str] = []
    cfg = _config(tmp_path, ["corpus", "absent"], cv={"folds": 2}, model={"min_positives": 2})
    reports = train(cfg, root=tmp_path, out_dir=out, log=logs.append)
    assert list(reports) == ["en", "fr"] and len(logs) == 4 and logs[0] == "en: reading 6 training articles"
    for lang, rep in reports.items():
        assert set(rep) == {"lang", "articles", "folds", "seed", "C", "thresholds", "ablation", "reliability",
                            "top_features", "shipped"}
        assert (rep["lang"], rep["articles"], rep["folds"], rep["seed"]) == (lang, 6, 2, 0)
        assert set(rep["ablation"]) == {"all readers + model", "model off", *(f"{n} off" for n in ABLATIONS)}
        assert rep["ablation"]["model off"]["relations"]["R"] >= 0.5 and list(map(len, rep["reliability"].values())) == [6, 6]
        shipped = rep["shipped"]["model"] and bool(set(rep["thresholds"]) & set(rep["top_features"]))
        assert sorted(p.name for p in (out / lang).iterdir()) == [
            "calibration.json", *(["pair_scorer.json"] if shipped else []), "report.json"]
        assert json.loads((out / lang / "report.json").read_text(encoding="utf-8")) == json.loads(json.dumps(rep))
        assert CalibrationTable.from_disk(out / lang / "calibration.json").support


@pytest.mark.slow
def test_records_hold_the_readers_own_confidences() -> None:
    """Training measures the readers: no pair-scorer relation and no calibrated confidence in a record,
    whatever model and table ship (their confidences are those of the pipeline without both)."""
    from graph_builder.extract import doc_to_extraction, model_version
    from graph_builder.learn.dataset import build_records
    from graph_builder.types import Article

    text = "Anthropic, the San Francisco start-up, was founded by Dario Amodei. Google and Anthropic partnered on chips."
    gold = _article("en", 99, text, "Dario Amodei>founderOf>Anthropic")
    (rec,) = build_records([gold])
    bare = load_pipeline("en", without=frozenset({"model", "calibration"}))
    expected = doc_to_extraction(bare(text), Article(id=gold["id"], text=text, lang="en"), model_version("en")).to_json()
    got = {(r["subject"], r["predicate"], r["object"]): (r["rule"], r["confidence"]) for r in rec.extraction["relations"]}
    assert got and got == {(r["subject"], r["predicate"], r["object"]): (r["rule"], r["confidence"])
                           for r in expected["relations"]}
    assert not any(".model." in rule for rule, _ in got.values())


def _abl(p_off: float, r_off: float, p_on: float, r_on: float) -> dict[str, Any]:
    return {"model off": {"relations": {"P": p_off, "R": r_off}}, "all readers + model": {"relations": {"P": p_on, "R": r_on}}}


@pytest.mark.parametrize(("scores", "thresholds", "floor", "ships", "why"), [
    (_abl(0.9, 0.40, 0.9, 0.45), {"worksFor": 0.8}, 0.85, True, "R 0.400 -> 0.450 at P 0.900"),
    (_abl(0.9, 0.40, 0.84, 0.45), {"worksFor": 0.8}, 0.85, False, "P 0.840 < 0.85"),
    (_abl(0.9, 0.40, 0.9, 0.40), {"worksFor": 0.8}, 0.85, False, "no more recall"),
    (_abl(0.9, 0.40, 0.9, 0.45), {}, 0.0, False, "no predicate reached the target precision"),
])
def test_the_gate_ships_a_model_only_when_it_earns_its_place(scores: dict[str, Any], thresholds: dict[str, float],
                                                            floor: float, ships: bool, why: str) -> None:
    from graph_builder.learn.train import gate

    got, reason = gate(scores, thresholds, {"gate": {"min_precision": floor}})
    assert got is ships and why in reason
