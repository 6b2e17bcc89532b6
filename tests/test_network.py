"""network: the store as a networkx graph, in the shape viz and analytics read."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from graph_builder.network import query_to_networkx, store_to_networkx
from graph_builder.rdf.store import GraphStore
from graph_builder.types import Article, ArticleExtraction, Entity, Relation


def _ex(aid: str, sentence: str, former: bool = False) -> ArticleExtraction:
    art = Article(id=aid, text=sentence, lang="en", title=f"T {aid}", published="2024-01-02")
    ents = (Entity("Sam Altman", "Person", ("Altman",)), Entity("OpenAI", "Organization", wikidata="Q21708200"),
            Entity("ChatGPT", "Product"))
    rels = (Relation("Sam Altman", "ceoOf", "OpenAI", sentence, 0, len(sentence), 0.9, "test.rule", former),
            Relation("OpenAI", "develops", "ChatGPT", sentence, 0, len(sentence), 0.7, "test.rule2"))
    return ArticleExtraction(art, ents, rels, model="test")


@pytest.fixture()
def store():
    with GraphStore() as st:
        now = datetime(2025, 1, 1, tzinfo=timezone.utc)
        st.add_extraction(_ex("a1", "Sam Altman runs OpenAI, maker of ChatGPT."), extracted_at=now)
        st.add_extraction(_ex("a2", "OpenAI, led by Sam Altman, makes ChatGPT."), extracted_at=now)
        st.refresh()
        yield st


def test_nodes_and_edges_carry_the_contract(store: GraphStore) -> None:
    g = store_to_networkx(store)
    labels = {d["label"]: d for _, d in g.nodes(data=True)}
    assert set(labels) == {"Sam Altman", "OpenAI", "ChatGPT"}
    assert labels["Sam Altman"]["aliases"] == ["Altman"] and labels["Sam Altman"]["type"] == "Person"
    assert labels["OpenAI"]["wikidata"] == "Q21708200" and labels["OpenAI"]["mentions"] == 2
    edges = {(g.nodes[u]["label"], k, g.nodes[v]["label"]): d for u, v, k, d in g.edges(keys=True, data=True)}
    ceo = edges[("Sam Altman", "ceoOf", "OpenAI")]
    assert ceo["support"] == 2 and ceo["confidence"] == pytest.approx(0.9)
    assert {e["title"] for e in ceo["evidence"]} == {"T a1", "T a2"}
    assert all(e["sentence"] and e["rule"] == "test.rule" for e in ceo["evidence"])


def test_query_subgraph(store: GraphStore) -> None:
    g = query_to_networkx(store, "SELECT ?p ?o WHERE { ?p gb:ceoOf ?o }")
    assert sorted(d["label"] for _, d in g.nodes(data=True)) == ["OpenAI", "Sam Altman"]
    assert g.number_of_edges() == 1


def test_the_evidence_links_to_an_article_whose_link_was_its_source(tmp_path) -> None:  # noqa: ANN001
    from graph_builder.ingest import IngestOptions, iter_articles

    sentence = "Sam Altman runs OpenAI, maker of ChatGPT."
    (tmp_path / "a.json").write_text('{"id": "j1", "lang": "en", "source": "https://news.example/openai", '
                                     f'"text": "{sentence}"}}')
    (art,) = list(iter_articles([tmp_path / "a.json"], IngestOptions()))
    ex = _ex("j1", sentence)
    with GraphStore() as st:
        st.add_extraction(ArticleExtraction(art, ex.entities, ex.relations, model="test"), refresh=True)
        g = store_to_networkx(st)
    urls = {ev["url"] for _, _, d in g.edges(data=True) for ev in d["evidence"]}
    assert urls == {"https://news.example/openai"}  # the viewer's evidence panel links to it
