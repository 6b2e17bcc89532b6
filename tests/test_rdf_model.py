"""extraction_to_quads: what goes in the default graph, what in the article's graph."""

from __future__ import annotations

import importlib.util
from datetime import datetime, timezone
from pathlib import Path

from pyoxigraph import DefaultGraph

from graph_builder.rdf.iri import article_graph_iri
from graph_builder.rdf.model import extraction_to_quads
from graph_builder.rdf.ns import GB
from graph_builder.types import Article, ArticleExtraction, Entity, Relation

_spec = importlib.util.spec_from_file_location("rdf_fixture_kg", Path(__file__).parent / "data" / "rdf" / "fixture_kg.py")
fx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fx)  # type: ignore[union-attr]

WHEN = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def test_layers_are_split_between_default_and_article_graph() -> None:
    quads = extraction_to_quads(fx.article1(), extracted_at=WHEN)
    g = str(article_graph_iri("fr-a1"))
    default = [q for q in quads if q.graph_name == DefaultGraph()]
    named = [q for q in quads if q.graph_name != DefaultGraph()]
    assert {q.graph_name.value for q in named} == {g}
    assert len(set(quads)) == len(quads)
    assert {q.predicate.value for q in default if q.predicate.value.startswith(str(GB._NS))} == {
        str(GB[p]) for p in ("founderOf", "basedIn", "worksFor", "ceoOf", "investorIn")}
    evidence = [q for q in named if q.predicate.value == RDF_TYPE and q.object.value == str(GB.Evidence)]
    assert len(evidence) == 5
    assert not [q for q in default if "Evidence" in q.object.__str__() or q.predicate.value == str(GB.sentence)]
    assert any(q.predicate.value == str(GB.extractedAt) and q.object.value == "2024-05-01T12:00:00Z" for q in named)


def test_labels_are_tagged_with_the_article_language() -> None:
    quads = extraction_to_quads(fx.article2(), extracted_at=WHEN)
    labels = [q.object for q in quads if q.predicate.value.endswith("#label")]
    assert labels and all(lit.language == "en" for lit in labels)


def test_same_sentence_twice_gives_one_evidence_with_the_best_confidence() -> None:
    text = "Mistral AI rachète Foo."
    rels = tuple(Relation("Mistral AI", "acquired", "Foo", text, 0, len(text), c, f"r{c}") for c in (0.5, 0.9))
    ex = ArticleExtraction(Article(id="a", text=text, lang="fr"),
                           (Entity("Mistral AI", "Organization"), Entity("Foo", "Organization")), rels)
    quads = extraction_to_quads(ex, extracted_at=WHEN)
    conf = [q.object.value for q in quads if q.predicate.value == str(GB.confidence)]
    assert conf == ["0.9"]


def test_unknown_names_are_typed_from_the_predicate_or_skipped() -> None:
    text = "Foo lance Bar. Baz fonde Foo."
    ex = ArticleExtraction(Article(id="a", text=text, lang="fr"), (Entity("Foo", "Organization"),), (
        Relation("Foo", "develops", "Bar", "Foo lance Bar.", 0, 14, 0.8, "r"),  # Bar: must be a Product
        Relation("Baz", "founderOf", "Foo", "Baz fonde Foo.", 15, 29, 0.8, "r"),  # Baz: Person or Org, unknown
    ))
    quads = extraction_to_quads(ex, extracted_at=WHEN)
    preds = {q.predicate.value for q in quads}
    assert str(GB.develops) in preds and str(GB.founderOf) not in preds
    assert any(q.object.value == str(GB.Product) for q in quads)
