"""Funding rounds in RDF: gb:FundingRound nodes pass SHACL and answer the funding_rounds query."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from graph_builder.query import run_named
from graph_builder.rdf.model import extraction_to_quads
from graph_builder.rdf.ns import GB
from graph_builder.rdf.store import GraphStore
from graph_builder.rdf.validate import validate
from graph_builder.types import Article, ArticleExtraction, Entity, FundingRound, Relation, TextSpan

TEXT = ("Corvalis Robotics raised $42 million in a Series B round led by Pinebrook Partners. "
        "Harlow Capital and Jane Roe joined the round.")
S1 = TEXT.split(". ")[0] + "."
S2 = TEXT.split(". ")[1]


def _extraction(article_id: str = "en-r1", date: str | None = "2024-03", tail: str = "") -> ArticleExtraction:
    ents = (Entity("Corvalis Robotics", "Organization"), Entity("Pinebrook Partners", "Organization"),
            Entity("Harlow Capital", "Organization"), Entity("Jane Roe", "Person"))
    rels = tuple(Relation(i, "investorIn", "Corvalis Robotics", S1 if i == "Pinebrook Partners" else S2,
                          0 if i == "Pinebrook Partners" else len(S1) + 1, len(S1) if i == "Pinebrook Partners" else len(TEXT),
                          0.85, "en.round.lead") for i in ("Pinebrook Partners", "Harlow Capital", "Jane Roe"))
    rnd = FundingRound("Corvalis Robotics", amount=42e6, currency="USD", amount_text="$42 million",
                       round_type="Series B", date=date, leads=("Pinebrook Partners",),
                       participants=("Harlow Capital", "Jane Roe"),
                       evidence=(TextSpan(S1, 0, len(S1)), TextSpan(S2, len(S1) + 1, len(TEXT))))
    return ArticleExtraction(article=Article(id=article_id, text=TEXT + tail, lang="en", published="2024-03-12"),
                             entities=ents, relations=rels, events=(rnd,))


@pytest.fixture()
def store() -> GraphStore:
    s = GraphStore()
    s.add_all([_extraction()])
    return s


def test_a_round_is_one_node_with_its_evidence() -> None:
    quads = extraction_to_quads(_extraction(), extracted_at=datetime(2024, 1, 1, tzinfo=timezone.utc))
    types = [q for q in quads if q.object.value == str(GB.FundingRound)]
    assert len(types) == 1
    states = [q for q in quads if q.predicate.value == str(GB.statesRound)]
    assert len(states) == 2  # one evidence per sentence that told it
    investors = {q.object.value.rsplit("/", 1)[1] for q in quads if q.predicate.value == str(GB.roundInvestor)}
    assert investors == {"pinebrook-partners", "harlow-capital", "jane-roe"}
    dates = [q.object for q in quads if q.predicate.value == str(GB.roundDate)]
    assert [d.datatype.value for d in dates] == ["http://www.w3.org/2001/XMLSchema#gYearMonth"]


def test_rounds_pass_the_shapes(store: GraphStore) -> None:
    report = validate(store)
    assert report.conforms, str(report)


def test_a_round_without_evidence_is_caught(store: GraphStore) -> None:
    store.update("DELETE { GRAPH ?g { ?ev gb:statesRound ?r } } WHERE { GRAPH ?g { ?ev gb:statesRound ?r } }")
    messages = {v.message for v in validate(store).violations}
    assert any("gb:statesRound" in m for m in messages)


def test_a_bad_currency_is_caught(store: GraphStore) -> None:
    store.update('DELETE { GRAPH ?g { ?r gb:currency ?c } } INSERT { GRAPH ?g { ?r gb:currency "dollars" } } '
                 'WHERE { GRAPH ?g { ?r gb:currency ?c } }')
    assert any("ISO 4217" in v.message for v in validate(store).violations)


@pytest.mark.parametrize(("params", "rows"), [({}, 1), ({"org": "Corvalis Robotics"}, 1),
                                               ({"investor": "Jane Roe"}, 1), ({"investor": "Harlow Capital"}, 1),
                                               ({"org": "Corvalis Robotics", "investor": "Jane Roe"}, 1)])
def test_funding_rounds_query(store: GraphStore, params: dict, rows: int) -> None:
    result = run_named(store, "funding_rounds", **params)
    assert len(result) == rows
    row = result.records()[0]
    assert row["company"] == "Corvalis Robotics"
    assert row["type"] == "Series B"
    assert float(row["amount"]) == 42e6 and row["currency"] == "USD" and row["date"] == "2024-03"
    assert row["leads"] == "Pinebrook Partners"
    assert set(row["investors"].split(", ")) == {"Pinebrook Partners", "Harlow Capital", "Jane Roe"}
    assert row["article"] == "en-r1"


def test_rebuilding_the_article_replaces_its_round(store: GraphStore) -> None:
    store.add_all([_extraction(date="2024", tail=" (Updated.)")])  # same id, new text: its graph is rewritten
    result = run_named(store, "funding_rounds")
    assert [r["date"] for r in result.records()] == ["2024"]


def test_rounds_reach_the_networkx_graph(store: GraphStore) -> None:
    """store_to_networkx puts each round on its company (``rounds``) and on every investor (``rounds_in``)."""
    from graph_builder.network import store_to_networkx

    g = store_to_networkx(store)
    company = next(v for v, a in g.nodes(data=True) if a["label"] == "Corvalis Robotics")
    (rnd,) = g.nodes[company]["rounds"]
    assert (rnd["type"], rnd["amount"], rnd["currency"], rnd["date"]) == ("Series B", 42e6, "USD", "2024-03")
    assert rnd["leads"] == ["Pinebrook Partners"]
    assert sorted(rnd["investors"]) == ["Harlow Capital", "Jane Roe", "Pinebrook Partners"]
    assert sorted(rnd["sentences"]) == sorted([S1, S2])
    joined = {a["label"]: a["rounds_in"][0]["lead"] for _, a in g.nodes(data=True) if "rounds_in" in a}
    assert joined == {"Pinebrook Partners": True, "Harlow Capital": False, "Jane Roe": False}
