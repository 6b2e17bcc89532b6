"""KnowledgeGraph: the notebook entry point over a real store."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from graph_builder import KnowledgeGraph
from graph_builder.errors import QueryError

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def kg(demo_store: Path):
    with KnowledgeGraph.load(demo_store) as g:
        yield g


def test_query_to_dataframe_with_bindings(kg: KnowledgeGraph) -> None:
    df = kg.query_df("SELECT ?name ?company WHERE { ?p rdfs:label ?l ; gb:founderOf ?o . ?o rdfs:label ?company "
                     "FILTER(str(?l) = str(?name)) }", name="Jeff Bezos")
    assert isinstance(df, pd.DataFrame)
    assert {"Amazon", "Blue Origin"} & set(df["company"])


def test_named_queries_and_evidence(kg: KnowledgeGraph) -> None:
    assert "founders" in set(kg.queries()["name"])
    founders = kg.named("founders", org="Amazon")
    assert "Jeff Bezos" in set(founders["founder"])
    ev = kg.evidence("Jeff Bezos", "founderOf", "Amazon")
    assert len(ev) >= 1 and ev["sentence"].str.contains("Amazon").all()


def test_networkx_and_analytics(kg: KnowledgeGraph) -> None:
    g = kg.to_networkx()
    assert isinstance(g, nx.MultiDiGraph) and g.number_of_nodes() >= 150
    assert {"label", "type", "aliases", "mentions"} <= set(next(iter(g.nodes(data=True)))[1])
    ranks = kg.rankings(top=5)
    assert len(ranks) == 5
    assert kg.ego("Jeff Bezos", 1).number_of_nodes() >= 2
    chain = kg.path("Jeff Bezos", "Amazon")
    assert len(chain) == 1 and chain.iloc[0]["predicate"] == "founderOf"


def test_show_returns_inline_html(kg: KnowledgeGraph) -> None:
    html = kg.show(focus="Jeff Bezos", depth=1)
    assert "iframe" in getattr(html, "data", "")


def test_in_memory_graph_from_text() -> None:
    with KnowledgeGraph() as g:
        ex = g.add_text("Arthur Mensch, PDG de Mistral AI, a rencontré Satya Nadella.", lang="fr")
        assert ("Arthur Mensch", "ceoOf", "Mistral AI") in {(r.subject, r.predicate, r.object) for r in ex.relations}
        assert g.stats()["articles"] == 1
        assert g.named("ceos", org="Mistral AI")["ceo"].tolist() == ["Arthur Mensch"]


def test_articles_and_gephi_export(kg: KnowledgeGraph, tmp_path) -> None:
    arts = kg.articles()
    assert len(arts) >= 31
    out = kg.export_graph(tmp_path / "g.graphml")
    import networkx as nx

    assert nx.read_graphml(out).number_of_nodes() == kg.to_networkx().number_of_nodes()


@pytest.mark.parametrize(("args", "message"), [
    (("Nobody", "founderOf", "Amazon"), "no entity named 'Nobody' in the graph (query 'fact_evidence', parameter subject)"),
    (("Jeff Bezos", "foundedBy", "Amazon"), "no relation named 'foundedBy'"),
    (("Jeff Bezos", "founderOf", "Amazn"), "did you mean: 'Amazon'"),
    (("Jeff Bezos", "ceoOf", "Blue Origin"), "no fact Jeff Bezos —ceoOf→ Blue Origin in the graph; the facts that link "
                                             "them: Jeff Bezos —founderOf→ Blue Origin"),
])
def test_evidence_never_answers_with_a_silent_empty_table(kg: KnowledgeGraph, args: tuple[str, str, str],
                                                         message: str) -> None:
    with pytest.raises(QueryError) as exc:
        kg.evidence(*args)
    assert message in str(exc.value)


def test_articles_have_dates_that_a_missing_one_does_not_blank(kg: KnowledgeGraph) -> None:
    arts = kg.articles()
    assert str(arts["published"].dtype).startswith("datetime64") and arts["published"].isna().sum() == 1
    by_lang = arts.groupby("lang")["published"].agg(["min", "max", "count"])
    assert by_lang.loc["fr", "count"] == 16 and not by_lang.isna().any().any()
    assert arts["words"].sum() > 5000
