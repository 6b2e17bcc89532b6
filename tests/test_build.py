"""build: the whole path from files to a store, on the demo data and on small fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph_builder.build import build
from graph_builder.ingest import IngestOptions
from graph_builder.rdf.store import GraphStore

pytestmark = pytest.mark.slow

# The evidence of one fact; ?subject and ?object are bound by name (pyoxigraph binds selected variables).
EVIDENCE = """
SELECT ?subject ?object ?sentence ?title WHERE {
  ?s rdfs:label ?sl FILTER(str(?sl) = str(?subject))
  ?o rdfs:label ?ol FILTER(str(?ol) = str(?object))
  ?f a gb:Fact ; rdf:subject ?s ; rdf:predicate PREDICATE ; rdf:object ?o .
  ?ev gb:supports ?f ; gb:sentence ?sentence ; prov:wasDerivedFrom ?a .
  OPTIONAL { ?a schema:headline ?title }
}"""


def _sentences(st: GraphStore, predicate: str, subject: str, obj: str) -> list[str]:
    q = EVIDENCE.replace("PREDICATE", predicate)  # a fixed vocabulary term of this test, not user input
    return st.query(q, {"subject": subject, "object": obj}).column("sentence")


def test_demo_graph_has_the_founding_article_facts(demo_store: Path) -> None:
    with GraphStore(demo_store, read_only=True) as st:
        labels = set(st.query("SELECT ?l WHERE { ?e rdfs:label ?l }").column("l"))
        for name in ("Jeff Bezos", "Amazon", "Blue Origin", "Amazon Web Services", "OpenAI", "Microsoft",
                     "Elon Musk", "xAI"):
            assert name in labels, name
        assert any("fondateur d’Amazon" in s for s in _sentences(st, "gb:founderOf", "Jeff Bezos", "Amazon"))
        partner = (_sentences(st, "gb:partnerOf", "OpenAI", "Microsoft")
                   + _sentences(st, "gb:partnerOf", "Microsoft", "OpenAI"))
        assert any("partenaire de Microsoft" in s for s in partner)


def test_demo_graph_is_rich_and_valid(demo_store: Path) -> None:
    from graph_builder.rdf.validate import validate

    with GraphStore(demo_store, read_only=True) as st:
        stats = st.stats()
        assert stats["articles"] >= 31
        assert stats["entities"] >= 150
        assert set(stats["entities_by_type"]) == {"Person", "Organization", "Product", "Place"}
        assert len(stats["relations_by_predicate"]) >= 8
        report = validate(st)
        assert report.conforms, report.violations[:5]


def test_rebuild_is_idempotent_and_changed_article_is_replaced(tmp_path: Path) -> None:
    art = tmp_path / "a.json"
    art.write_text(json.dumps({"id": "a1", "lang": "en", "title": "t",
                               "text": "Satya Nadella, Microsoft's chief executive, praised OpenAI."}), encoding="utf-8")
    with GraphStore(tmp_path / "store") as st:
        first = build([str(art)], st)
        n = st.triples_count()
        again = build([str(art)], st)
        assert (first.added, again.unchanged, again.added) == (1, 1, 0)
        assert st.triples_count() == n
        art.write_text(json.dumps({"id": "a1", "lang": "en", "title": "t",
                                   "text": "Sundar Pichai, Google's chief executive, praised Anthropic."}), encoding="utf-8")
        third = build([str(art)], st)
        assert third.replaced == 1
        ceos = {(r[0], r[1]) for r in st.query(
            "SELECT ?pl ?ol WHERE { ?p gb:ceoOf ?o . ?p rdfs:label ?pl . ?o rdfs:label ?ol }")}
        assert ceos == {("Sundar Pichai", "Google")}


def test_strict_stops_at_the_first_bad_input(tmp_path: Path) -> None:
    from graph_builder.errors import InputError

    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "ok.txt").write_text("OpenAI makes ChatGPT, a chatbot used by millions of people.", encoding="utf-8")
    with GraphStore() as st:
        report = build([str(tmp_path)], st, options=IngestOptions(lang="en"))
        assert report.added == 1 and report.skipped and report.skipped[0].reason == "empty"
    with GraphStore() as st, pytest.raises(InputError, match="empty.txt"):
        build([str(tmp_path)], st, options=IngestOptions(lang="en"), strict=True)


# -- memory stays flat (issue 10): store flushes and spaCy memory zones --------------------------

def _texts(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i}.json").write_text(json.dumps({
            "id": f"m{i}", "lang": "en", "title": f"t{i}",
            "text": f"Satya Nadella, Microsoft's chief executive, praised OpenAI (story {i})."}), encoding="utf-8")
    return folder


def test_build_flushes_the_store_every_n_articles_and_before_the_refresh(tmp_path: Path, monkeypatch) -> None:
    import graph_builder.build as b

    calls: list[int] = []
    written: list[int] = []
    monkeypatch.setattr(b, "flush_store", lambda st: calls.append(len(written)))
    with GraphStore(tmp_path / "store") as st:
        report = b.build([str(_texts(tmp_path, 5))], st, flush_every=2,
                         on_article=lambda ex, status: written.append(1))
        assert report.added == 5
        assert calls == [1, 3, 5]  # after articles 2 and 4 (before on_article), then the 5th before refresh
        again = b.build([str(tmp_path / "in")], st, flush_every=2)  # nothing written: nothing to flush
        assert again.unchanged == 5 and calls == [1, 3, 5]


def test_flushing_gives_the_same_graph(tmp_path: Path) -> None:
    from graph_builder.errors import ConfigError

    folder = _texts(tmp_path, 4)
    rows = []
    for every in (0, 1):
        with GraphStore(tmp_path / f"store{every}") as st:
            build([str(folder)], st, flush_every=every)
            rows.append((st.triples_count(), sorted(st.query(
                "SELECT ?pl ?ol ?n WHERE { ?f rdf:subject ?p ; rdf:object ?o ; gb:supportCount ?n . "
                "?p rdfs:label ?pl . ?o rdfs:label ?ol }").rows)))
    assert rows[0] == rows[1] and rows[0][1]
    with GraphStore() as st, pytest.raises(ConfigError, match="flush_every"):
        build([str(folder)], st, flush_every=-1)


def test_memory_zones_keep_the_vocabulary_flat_and_the_records_equal(monkeypatch) -> None:
    import graph_builder.extract as ex
    from graph_builder.nlp.pipeline import load_pipeline
    from graph_builder.types import Article

    def arts(tag: str) -> list[Article]:  # words no vocabulary has seen: each adds strings and lexemes
        return [Article(id=f"{tag}{i}", lang="en", title="t",
                        text=f"Zorbl{tag}{i} Quentrix, the chief executive of Vlorptech{tag}{i}, met Satya Nadella "
                             f"in Paris. Microsoft invested in Vlorptech{tag}{i}.") for i in range(20)]

    nlp = load_pipeline("en")
    plain = list(ex.extract_articles(arts("a"), memory_zone=False))
    grown = len(nlp.vocab.strings)
    monkeypatch.setattr(ex, "WARMUP_BATCHES", 0)
    zoned = list(ex.extract_articles(arts("a")))
    assert zoned == plain  # the same records with and without zones
    assert any(e.name == "Satya Nadella" for x in zoned for e in x.entities)
    list(ex.extract_articles(arts("b")))  # 20 articles of new words, in zones: nothing kept
    assert len(nlp.vocab.strings) == grown
    list(ex.extract_articles(arts("c"), memory_zone=False))  # the same without zones: the vocabulary grows
    assert len(nlp.vocab.strings) > grown


def test_a_build_never_writes_into_a_damaged_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import graph_builder.build as b
    from graph_builder.errors import StoreDamagedError
    from graph_builder.rdf.refresh import PENDING_FILE

    from rdf_data import damage as dmg, fixture_kg as fx, synthetic_store
    synthetic_store(tmp_path / "sound", 200)
    copy = dmg.damaged_copy(tmp_path / "sound", tmp_path / "s", "flip", "gspo")
    extracted: list[str] = []
    monkeypatch.setattr(b, "iter_extractions", lambda arts, **kw: (extracted.append("x") or fx.extractions()))
    (tmp_path / "a.txt").write_text("Arthur Mensch a fondé Mistral AI à Paris en 2023 avec deux associés.")
    import pyoxigraph as ox

    def graphs() -> list[str]:  # read through the list of graphs, which is not damaged
        return sorted(str(g) for g in ox.Store.read_only(str(copy)).named_graphs())

    before = graphs()
    with GraphStore(copy) as st, pytest.raises(StoreDamagedError, match=r"checksum mismatch in .*\(index gspo\)"):
        build([tmp_path / "a.txt"], st)
    assert extracted == [] and not (copy / PENDING_FILE).exists()
    assert graphs() == before  # no article written (RocksDB itself may rewrite a table when it opens)


def test_damage_found_while_writing_stops_the_build_without_a_refresh(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import graph_builder.build as b
    from graph_builder.errors import StoreDamagedError

    from rdf_data import fixture_kg as fx
    monkeypatch.setattr(b, "iter_extractions", lambda arts, **kw: iter(fx.extractions()))
    (tmp_path / "a.txt").write_text("Arthur Mensch a fondé Mistral AI à Paris en 2023 avec deux associés.")
    refreshed: list[bool] = []
    with GraphStore(tmp_path / "s") as st:
        monkeypatch.setattr(st, "refresh", lambda: refreshed.append(True))
        monkeypatch.setattr(st, "add_extraction",
                            lambda *a, **k: (_ for _ in ()).throw(StoreDamagedError(st.path, "a test")))
        with pytest.raises(StoreDamagedError):
            build([tmp_path / "a.txt"], st)
    assert refreshed == []


def test_the_store_is_flushed_by_quads_written_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The parts of a big text hold ten times an article's quads: a flush every 200 articles would let
    the memtables grow ten times as much, so the build also flushes after FLUSH_QUADS quads."""
    import graph_builder.build as b
    from rdf_data import fixture_kg as fx

    exs = fx.synthetic(6)
    monkeypatch.setattr(b, "iter_extractions", lambda arts, **kw: iter(exs))
    monkeypatch.setattr(b, "FLUSH_QUADS", 150)  # each synthetic article writes 63-80 quads
    calls: list[int] = []
    written: list[int] = []
    monkeypatch.setattr(b, "flush_store", lambda st: calls.append(len(written)))
    (tmp_path / "a.txt").write_text("Arthur Mensch a fondé Mistral AI à Paris en 2023 avec deux associés.")
    with GraphStore(tmp_path / "s") as st:
        report = b.build([tmp_path / "a.txt"], st, flush_every=100, on_article=lambda ex, s: written.append(1))
        assert report.added == 6 and st.quads_written > 400
    assert calls == [2, 4, 6]  # after 143, 160 and 160 quads (before on_article), then nothing left for the end
