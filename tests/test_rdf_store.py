"""GraphStore: writing articles, idempotence, replacement, merging, refresh, query, errors."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib

from graph_builder.errors import QueryError, StoreError
from graph_builder.rdf.iri import article_graph_iri, entity_iri
from graph_builder.rdf.ns import GB
from graph_builder.rdf.store import GraphStore, QueryResult
from graph_builder.types import Article, ArticleExtraction, Entity

_spec = importlib.util.spec_from_file_location("rdf_fixture_kg", Path(__file__).parent / "data" / "rdf" / "fixture_kg.py")
fx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fx)  # type: ignore[union-attr]

MENSCH_FOUNDED = """SELECT ?n (COUNT(DISTINCT ?ev) AS ?evidence) WHERE {
  ?f a gb:Fact ; rdf:subject ?s ; rdf:predicate gb:founderOf ; rdf:object ?o ; gb:supportCount ?n .
  ?s rdfs:label "Arthur Mensch"@fr . ?ev gb:supports ?f } GROUP BY ?n"""


@pytest.fixture()
def store() -> GraphStore:
    s = GraphStore()
    s.add_all(fx.extractions())
    return s


def test_fact_stated_by_three_articles_is_one_triple_with_three_evidence(store: GraphStore) -> None:
    rows = store.query('SELECT ?s ?o WHERE { ?s gb:founderOf ?o . ?s rdfs:label "Arthur Mensch"@fr }')
    assert len(set(rows)) == len(rows) == 1
    assert store.query(MENSCH_FOUNDED).rows == [(3, 3)]


def test_symmetric_fact_stated_in_both_directions_is_one_triple(store: GraphStore) -> None:
    r = store.query("SELECT ?a ?b WHERE { ?a gb:partnerOf ?b }")
    assert len(r) == 1
    n = store.query("SELECT ?n WHERE { ?f rdf:predicate gb:partnerOf ; gb:supportCount ?n }").rows
    assert n == [(2,)]


def test_readd_is_unchanged_and_keeps_triple_count(store: GraphStore) -> None:
    before = len(store)
    assert [store.add_extraction(ex) for ex in fx.extractions()] == ["unchanged"] * 3
    store.refresh()
    assert len(store) == before
    assert store.add_extraction(fx.article1(), force=True) == "replaced"
    store.refresh()
    assert len(store) == before  # same content rewritten: same quads (extractedAt replaced)


def test_changed_article_replaces_its_facts(store: GraphStore) -> None:
    assert store.query("ASK { ?s gb:investorIn ?o }").boolean
    old_hash = store.article_hash("fr-a1")
    assert store.add_extraction(fx.article1_changed()) == "replaced"
    store.refresh()
    assert store.article_hash("fr-a1") != old_hash
    assert not store.query("ASK { ?s gb:investorIn ?o }").boolean
    assert not store.query("ASK { ?f rdf:predicate gb:investorIn }").boolean
    assert store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a gb:contentHash ?h } }").rows == [(3,)]
    assert store.query(MENSCH_FOUNDED).rows == [(3, 3)]  # the other facts are still there


def test_entities_merge_across_articles_and_aliases_accumulate(store: GraphStore) -> None:
    mistral = entity_iri("Mistral AI", "Organization", fx.MISTRAL_QID)
    aliases = {r[0] for r in store.query(f"SELECT ?a WHERE {{ <{mistral}> skos:altLabel ?a }}")}
    assert aliases == {"Mistral", "Mistral.ai"}
    mentions = store.query(f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?a schema:mentions <{mistral}> }}").rows
    assert mentions == [(3,)]
    same = store.query(f"SELECT ?w WHERE {{ <{mistral}> owl:sameAs ?w }}").rows
    assert same == [("http://www.wikidata.org/entity/Q116813325",)]
    # names normalised: "Arthur Mensch" in three articles is one node
    assert store.query("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a gb:Person ; rdfs:label ?l "
                       "FILTER(str(?l) = 'Arthur Mensch') }").rows == [(1,)]


def test_implicit_entity_has_node_but_no_mention(store: GraphStore) -> None:
    france = entity_iri("France", "Place", "Q142")
    assert store.query(f"ASK {{ <{france}> a gb:Place ; rdfs:label ?l }}").boolean
    assert not store.query(f"ASK {{ ?a schema:mentions <{france}> }}").boolean


def test_former_and_support_on_facts(store: GraphStore) -> None:
    rows = dict(store.query("""SELECT ?p ?former WHERE { ?f rdf:subject ?s ; rdf:predicate ?p ; gb:former ?former .
        ?s rdfs:label ?l FILTER(str(?l) IN ('Jeff Bezos')) }"""))
    assert rows == {str(GB.ceoOf): True, str(GB.founderOf): False}


def test_remove_article_and_refresh_drop_unsupported_facts_and_entities(store: GraphStore) -> None:
    assert store.remove_article("fr-a3") is True
    assert store.remove_article("fr-a3") is False
    assert not store.query("ASK { ?e rdfs:label ?l FILTER(str(?l) = 'Jeff Bezos') }").boolean
    assert store.query("SELECT ?n WHERE { ?f rdf:predicate gb:partnerOf ; gb:supportCount ?n }").rows == [(1,)]
    assert store.query(MENSCH_FOUNDED).rows == [(2, 2)]
    assert not store.query("ASK { GRAPH ?g { ?x ?y ?z } FILTER(?g = ?graph) }".replace(
        "?graph", f"<{article_graph_iri('fr-a3')}>")).boolean


def test_stats_and_articles(store: GraphStore) -> None:
    st = store.stats()
    assert st["articles"] == 3
    assert st["entities_by_type"] == {"Person": 2, "Organization": 6, "Product": 2, "Place": 1}
    assert st["relations_by_predicate"]["founderOf"] == 2
    assert st["facts"] == 12 and st["evidence"] == 15 and st["triples"] == len(store)
    arts = store.articles()
    assert [a["id"] for a in arts] == ["en-a2", "fr-a1", "fr-a3"]
    assert arts[1]["url"] == "https://example.org/fr-a1" and arts[1]["evidence"] == 5


def test_bindings_are_data_never_code(store: GraphStore) -> None:
    n = len(store)
    q = "SELECT DISTINCT ?x ?name WHERE { ?x rdfs:label ?l FILTER(str(?l) = str(?name)) }"
    for evil in ['"} ; DROP ALL ; #', "x' } DELETE WHERE { ?s ?p ?o } #", "{}\\\"<>", "Arthur Mensch\" || true || \""]:
        assert store.query(q, {"name": evil}).rows == []
    assert len(store) == n
    assert len(store.query(q, {"name": "Arthur Mensch"})) == 1
    # a string that looks like an IRI stays a literal; a URIRef is an IRI
    iri = str(entity_iri("Arthur Mensch", "Person"))
    q2 = "SELECT ?x ?l WHERE { ?x rdfs:label ?l }"
    assert store.query(q2, {"x": iri}).rows == []
    assert set(store.query(q2, {"x": rdflib.URIRef(iri)}).column("l")) == {"Arthur Mensch"}


def test_bindings_of_python_types(store: GraphStore) -> None:
    q = "SELECT ?f ?min WHERE { GRAPH ?g { ?e gb:supports ?f ; gb:confidence ?c } FILTER(?c >= ?min) }"
    assert len(store.query(q, {"min": 0.9})) == 6
    assert len(store.query(q, {"min": 0.95})) == 1
    assert len(store.query(q, {"min": 2})) == 0
    assert store.query("SELECT ?b WHERE { BIND(?b AS ?c) }", {"b": True}).rows == [(True,)]


def test_query_result_formats(store: GraphStore) -> None:
    r = store.query("SELECT ?n ?c WHERE { ?e gb:confidence ?c ; gb:rule ?n } ORDER BY ?n LIMIT 2")
    assert isinstance(r, QueryResult) and r.vars == ["n", "c"]
    assert isinstance(r.rows[0][1], float)
    assert r.to_csv().splitlines()[0] == "n,c"
    import json

    doc = json.loads(r.to_json())
    assert doc["head"]["vars"] == ["n", "c"]
    assert doc["results"]["bindings"][0]["c"]["datatype"].endswith("#decimal")
    assert list(r.to_dataframe().columns) == ["n", "c"]
    assert r.to_tsv().startswith("?n\t?c\n\"")
    assert r.to_table().row_count == 2
    ask = store.query("ASK { ?s gb:founderOf ?o }")
    assert ask.boolean is True and json.loads(ask.to_json()) == {"head": {}, "boolean": True}
    g = store.query("CONSTRUCT { ?s gb:founderOf ?o } WHERE { ?s gb:founderOf ?o }")
    assert g.kind == "graph" and len(g) == 2 and g.vars == ["subject", "predicate", "object"]


def test_query_errors_are_query_errors(store: GraphStore) -> None:
    with pytest.raises(QueryError, match="invalid SPARQL"):
        store.query("SELECT WHERE {")
    with pytest.raises(QueryError, match="SELECT list"):
        store.query("SELECT ?s WHERE { ?s ?p ?o FILTER(?o = ?v) }", {"v": "x"})
    with pytest.raises(QueryError, match="cannot bind"):
        store.query("SELECT ?v WHERE {}", {"v": object()})


def test_rdflib_dataset_sees_the_same_store(store: GraphStore) -> None:
    ds = store.rdflib_dataset()
    assert len(set(ds.quads((None, GB.founderOf, None, None)))) == 2
    assert (None, GB.founderOf, None) in ds


def test_on_disk_store_persists_and_read_only_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with GraphStore(path) as s:
        s.add_all(fx.extractions())
        n = len(s)
    with GraphStore(path, read_only=True) as s:
        assert len(s) == n and s.article_hash("fr-a1") is not None
        with pytest.raises(StoreError, match="read-only"):
            s.add_extraction(fx.article1_changed())


def test_open_errors_name_the_problem(tmp_path: Path) -> None:
    f = tmp_path / "file.txt"
    f.write_text("x")
    with pytest.raises(StoreError, match="is a file"):
        GraphStore(f)
    d = tmp_path / "notes"
    d.mkdir()
    (d / "a.txt").write_text("x")
    with pytest.raises(StoreError, match="not an Oxigraph store"):
        GraphStore(d)
    with pytest.raises(StoreError, match="not a store"):
        GraphStore(tmp_path / "missing", read_only=True)
    closed = GraphStore()
    closed.close()
    with pytest.raises(StoreError, match="closed"):
        len(closed)


def test_locked_store_error_names_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with GraphStore(path):
        code = ("from graph_builder.rdf.store import GraphStore\n"
                "from graph_builder.errors import StoreError\n"
                f"try:\n    GraphStore({str(path)!r})\nexcept StoreError as e:\n    print(e)\n")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60).stdout
    assert "locked by another process" in out


# -- one preferred name per entity ---------------------------------------------------------------------
def _named(article_id: str, lang: str, *names: str) -> ArticleExtraction:
    """One article naming the United Kingdom (Q145) with ``names``, the first as its name."""
    return ArticleExtraction(article=Article(id=article_id, text=" ".join(names) + ".", lang=lang),
                             entities=(Entity(names[0], "Place", aliases=names[1:], wikidata="Q145"),))


def _pref(store: GraphStore) -> list[str]:
    return [str(r[0]) for r in store.query("SELECT ?p WHERE { ?e skos:prefLabel ?p }").rows]


def test_every_entity_has_one_preferred_name_and_plain_queries_give_one_row_per_fact(store: GraphStore) -> None:
    per_entity = store.query("""SELECT ?e (COUNT(?p) AS ?n) WHERE { VALUES ?t { gb:Person gb:Organization gb:Product
                                gb:Place } ?e a ?t OPTIONAL { ?e skos:prefLabel ?p } } GROUP BY ?e""").rows
    assert per_entity and {n for _, n in per_entity} == {1}
    facts = store.query("SELECT ?s ?o WHERE { ?s gb:founderOf|gb:partnerOf ?o }").rows
    by_label = store.query("SELECT ?a ?b WHERE { ?s gb:founderOf|gb:partnerOf ?o . ?s rdfs:label ?a . ?o rdfs:label ?b }")
    by_pref = store.query("SELECT ?a ?b WHERE { ?s gb:founderOf|gb:partnerOf ?o . ?s skos:prefLabel ?a . "
                          "?o skos:prefLabel ?b }")
    assert len(by_label) > len(facts)  # Mistral AI and Arthur Mensch have a French and an English label
    assert len(by_pref) == len(facts) and ("Arthur Mensch", "Mistral AI") in by_pref.rows
    literal = store.query("SELECT ?p WHERE { ?e skos:prefLabel ?p FILTER(?p = 'Mistral AI') }").terms[0][0]
    assert literal.language is None and literal.datatype.value.endswith("#string")  # a plain string


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 2, 0)])
def test_the_preferred_name_is_english_then_the_longest_in_any_order(order: tuple[int, ...]) -> None:
    articles = [_named("fr-1", "fr", "Royaume-Uni"), _named("en-1", "en", "UK"),
                _named("en-2", "en", "United Kingdom", "Britain")]
    with GraphStore() as st:
        for i in order:
            st.add_extraction(articles[i])
            st.refresh()
        assert _pref(st) == ["United Kingdom"]  # English, and the most words
        n = len(st)
        st.refresh()
        assert len(st) == n and _pref(st) == ["United Kingdom"]  # nothing rewritten when nothing changed


def test_a_name_only_seen_in_french_is_the_preferred_one_and_goes_with_its_entity() -> None:
    with GraphStore() as st:
        st.add_extraction(_named("fr-1", "fr", "Royaume-Uni", "R.-U."), refresh=True)
        assert _pref(st) == ["Royaume-Uni"]
        st.add_extraction(_named("en-1", "en", "UK"), refresh=True)
        assert _pref(st) == ["UK"]  # an English label now exists: it wins over the longer French one
        st.remove_article("fr-1")
        st.remove_article("en-1")
        assert _pref(st) == []
