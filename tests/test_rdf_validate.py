"""SHACL: the fixture graph conforms; broken graphs are caught with readable messages."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import rdflib

from graph_builder.rdf.iri import entity_iri
from graph_builder.rdf.ns import GB
from graph_builder.rdf.store import GraphStore
from graph_builder.rdf.validate import shapes_path, validate
from graph_builder.types import PREDICATE_SIGNATURES, Article, ArticleExtraction

_spec = importlib.util.spec_from_file_location("rdf_fixture_kg", Path(__file__).parent / "data" / "rdf" / "fixture_kg.py")
fx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fx)  # type: ignore[union-attr]


@pytest.fixture()
def store() -> GraphStore:
    s = GraphStore()
    s.add_all(fx.extractions())
    return s


def test_fixture_conforms(store: GraphStore) -> None:
    report = validate(store)
    assert report.conforms, str(report)
    assert report.violations == []


def test_a_second_preferred_name_is_caught(store: GraphStore) -> None:
    store.update('INSERT { ?e skos:prefLabel "Mistral" } WHERE { ?e skos:prefLabel "Mistral AI" }')
    [v] = validate(store).violations
    assert v.path == "skos:prefLabel" and "one preferred name" in v.message


def test_wrong_range_is_caught(store: GraphStore) -> None:
    mistral = entity_iri("Mistral AI", "Organization", fx.MISTRAL_QID)
    mensch = entity_iri("Arthur Mensch", "Person")
    store.update(f"INSERT DATA {{ <{mistral}> gb:basedIn <{mensch}> }}")
    report = validate(store)
    assert not report.conforms
    [v] = [v for v in report.violations if v.path == "gb:basedIn"]
    assert "must be a gb:Place" in v.message and v.focus == "entity:Q116813325"
    assert "person/arthur-mensch" in str(v)


def test_fact_without_evidence_is_caught(store: GraphStore) -> None:
    store.update("DELETE { GRAPH ?g { ?e ?p ?o } } WHERE { GRAPH ?g { ?e gb:supports ?f ; ?p ?o } "
                 "?f rdf:predicate gb:subsidiaryOf }")
    report = validate(store)
    msgs = [v for v in report.violations if v.path == "^gb:supports"]
    assert len(msgs) == 1 and "at least one gb:Evidence" in msgs[0].message


def test_confidence_out_of_range_is_caught(store: GraphStore) -> None:
    store.update("""DELETE { GRAPH ?g { ?e gb:confidence ?c } } INSERT { GRAPH ?g { ?e gb:confidence 1.5 } }
                    WHERE { GRAPH ?g { ?e gb:confidence ?c ; gb:rule "fr.ceo.dirige" } }""")
    report = validate(store)
    [v] = report.violations
    assert v.path == "gb:confidence" and "[0, 1]" in v.message and v.value == "'1.5'"


def test_evidence_without_sentence_and_article_without_language() -> None:
    s = GraphStore()
    s.add_extraction(ArticleExtraction(article=Article(id="x", text="Hello.")))  # no language
    s.update('INSERT DATA { <https://ex.org/ev> a gb:Evidence ; gb:confidence 0.5 }')
    paths = {(v.focus, v.path) for v in validate(s).violations}
    assert ("article:x", "schema:inLanguage") in paths
    assert {("<https://ex.org/ev>", p) for p in ("gb:sentence", "prov:wasDerivedFrom")} <= paths
    # supporting nothing (no fact, no round) is caught too
    assert any(v.focus == "<https://ex.org/ev>" and "gb:supports a fact or gb:statesRound" in v.message
               for v in validate(s).violations)


def test_entity_without_label_is_caught() -> None:
    g = rdflib.Graph()
    g.add((rdflib.URIRef("https://ex.org/e"), rdflib.RDF.type, GB.Person))
    report = validate(g)
    assert not report and report.violations[0].path == "rdfs:label"


def test_shapes_mirror_predicate_signatures() -> None:
    shapes = rdflib.Graph().parse(shapes_path())
    SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    for pred, (subj, obj) in PREDICATE_SIGNATURES.items():
        node = next(shapes.subjects(SH.targetSubjectsOf, GB[pred]))
        prop = next(p for p in shapes.objects(node, SH.property) if shapes.value(p, SH.path) == GB[pred])
        got_obj = {str(c).rsplit("#", 1)[-1] for c in shapes.objects(prop, SH["class"])}
        assert got_obj == set(obj), pred
        direct = {str(c).rsplit("#", 1)[-1] for c in shapes.objects(node, SH["class"])}
        alts = {str(c).rsplit("#", 1)[-1] for lst in shapes.objects(node, SH["or"])
                for item in rdflib.collection.Collection(shapes, lst) for c in shapes.objects(item, SH["class"])}
        assert (direct | alts) == set(subj), pred


def test_facts_without_support_count_fail_validation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A build killed before its refresh: the facts have no gb:supportCount, and validate says so."""
    from graph_builder.cli import main

    path = tmp_path / "s"
    with GraphStore(path) as st:
        for ex in fx.extractions():
            st.add_extraction(ex)  # no refresh
    with GraphStore(path, read_only=True) as st:
        report = validate(st)
    missing = [v for v in report.violations if v.path == "gb:supportCount"]
    assert not report.conforms and missing and "derived data is out of date" in missing[0].message
    assert main(["validate", str(path)]) == 1
    assert "out of date" in capsys.readouterr().err  # and the stale warning, once
    with GraphStore(path) as st:  # opened for writing: refreshed
        assert validate(st).conforms
