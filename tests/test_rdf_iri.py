"""IRI minting: always valid, normalised, stable; symmetric facts canonical."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph_builder.errors import ConfigError
from graph_builder.rdf.iri import (
    article_graph_iri,
    article_iri,
    entity_iri,
    evidence_iri,
    fact_iri,
    normalize_wikidata,
    slug,
)
from graph_builder.types import ENTITY_TYPES

FORBIDDEN = set(' <>"{}|\\^`') | {chr(c) for c in range(0x20)} | {"\x7f"}


def _roundtrips(iri: str) -> None:
    node = ox.NamedNode(iri)  # raises ValueError on an invalid IRI
    assert not FORBIDDEN & set(iri)
    q = ox.Quad(node, node, ox.Literal("x"))
    data = ox.serialize([q.triple], format=ox.RdfFormat.N_TRIPLES)
    back = list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    assert back[0].subject == node


@settings(max_examples=300, deadline=None)
@given(name=st.text(), etype=st.sampled_from(ENTITY_TYPES))
def test_any_entity_name_gives_a_valid_iri(name: str, etype: str) -> None:
    _roundtrips(str(entity_iri(name, etype)))


@settings(max_examples=300, deadline=None)
@given(article_id=st.text(min_size=1))
def test_any_article_id_gives_valid_iris(article_id: str) -> None:
    a, g = article_iri(article_id), article_graph_iri(article_id)
    _roundtrips(str(a))
    _roundtrips(str(g))
    assert a != g


@settings(max_examples=100, deadline=None)
@given(s=st.text(), o=st.text(), sentence=st.text(), start=st.integers(0, 10**6))
def test_fact_and_evidence_iris_are_valid(s: str, o: str, sentence: str, start: int) -> None:
    si, oi = entity_iri(s, "Organization"), entity_iri(o, "Organization")
    f = fact_iri(si, "competitorOf", oi)
    assert f == fact_iri(oi, "competitorOf", si)
    _roundtrips(str(f))
    _roundtrips(str(evidence_iri("a", f, start, start + 1, sentence)))


@pytest.mark.parametrize("a,b", [("Mistral AI", "mistral  ai"), ("Mistral AI", " MISTRAL\u00a0AI "),
                                 ("Société", "Socie\u0301te\u0301"), ("L\u2019Oréal", "L'Oréal")])
def test_equivalent_names_give_the_same_iri(a: str, b: str) -> None:
    assert entity_iri(a, "Organization") == entity_iri(b, "Organization")


def test_different_things_get_different_iris() -> None:
    assert entity_iri("Apple", "Organization") != entity_iri("Apple", "Product")
    assert entity_iri("A B", "Person") != entity_iri("AB", "Person")
    assert entity_iri("x", "Person", "Q5") == entity_iri("y", "Organization", "q5")


def test_asymmetric_fact_keeps_its_direction() -> None:
    a, b = entity_iri("A", "Organization"), entity_iri("B", "Organization")
    assert fact_iri(a, "acquired", b) != fact_iri(b, "acquired", a)


def test_shape_of_minted_iris() -> None:
    base = "https://ex.org/kg/"
    assert str(entity_iri("Jeff Bezos", "Person", base=base)) == "https://ex.org/kg/entity/person/jeff-bezos"
    assert str(entity_iri("x", "Person", "Q42", base=base)) == "https://ex.org/kg/entity/Q42"
    assert str(article_iri("sha-1 2", base=base)) == "https://ex.org/kg/article/sha-1%202"
    assert str(fact_iri(entity_iri("a", "Person"), "ceoOf", entity_iri("b", "Organization"), base=base)).startswith(
        "https://ex.org/kg/fact/")
    assert slug("   ").startswith("h-") and len(slug("x" * 500)) < 140


def test_wikidata_ids_are_normalised() -> None:
    assert normalize_wikidata("q116813325") == "Q116813325"
    assert normalize_wikidata("https://www.wikidata.org/wiki/Q42") == "Q42"
    assert normalize_wikidata("Mistral") is None and normalize_wikidata("") is None


def test_bad_inputs_are_refused_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match="unknown entity type"):
        entity_iri("x", "Company")
    with pytest.raises(ValueError, match="cannot be empty"):
        article_iri("")
    with pytest.raises(ValueError, match="unknown predicate"):
        fact_iri(entity_iri("a", "Person"), "likes", entity_iri("b", "Person"))
    with pytest.raises(ConfigError, match="GRAPH_BUILDER_BASE_IRI"):
        entity_iri("x", "Person", base="not an iri/")
