"""The derived layer in bounded batches (same quads as the one-update refresh) and the "refresh pending" mark."""

from __future__ import annotations

import warnings
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph_builder.rdf import refresh as R
from graph_builder.rdf.store import PREFIXES, GraphStore, StaleStoreWarning
from rdf_data import fixture_kg as fx


AT = datetime(2024, 1, 1, tzinfo=timezone.utc)
G = "https://w3id.org/graph-builder/graph/article/"


def _quads_after(refresh: str, facts_per_batch: int, monkeypatch: pytest.MonkeyPatch) -> set[ox.Quad]:
    """A store of 120 articles refreshed, 40 of them removed, refreshed again; its quads."""
    monkeypatch.setattr(R, "FACTS_PER_BATCH", facts_per_batch)
    monkeypatch.setattr("graph_builder.rdf.store.FACTS_PER_BATCH", facts_per_batch)
    with GraphStore() as st:
        for ex in fx.synthetic(120) + fx.extractions():
            st.add_extraction(ex, extracted_at=AT)
        for round_ in range(2):
            if refresh == "one update":
                st.oxigraph.update(R.REFRESH_UPDATE, prefixes=PREFIXES)
            else:
                st.refresh()
            if round_ == 0:
                for i in range(0, 120, 3):
                    st.oxigraph.remove_graph(ox.NamedNode(f"{G}syn-{i:04d}"))
        return set(st.oxigraph)


@pytest.mark.parametrize("facts_per_batch", [50_000, 10])  # one batch per relation; relations cut in 16 parts
def test_the_batched_refresh_writes_what_the_one_update_writes(facts_per_batch: int,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    reference = _quads_after("one update", 50_000, monkeypatch)
    got = _quads_after("batches", facts_per_batch, monkeypatch)
    assert got == reference, (sorted(map(str, got - reference))[:3], sorted(map(str, reference - got))[:3])


def test_batches_cover_each_relation_once_and_every_entity_step() -> None:
    batches = list(R.refresh_batches({"https://w3id.org/graph-builder/ontology#ceoOf": 40,
                                      "https://w3id.org/graph-builder/ontology#acquired": 5}, facts_per_batch=2))
    labels = [b[0] for b in batches]
    assert sum(1 for x in labels if x.startswith("facts of ceoOf")) == 256  # 40 facts > 16 * 2: two hex digits
    assert sum(1 for x in labels if x.startswith("facts of acquired")) == 16
    assert labels[-1] == "mention and fact counts of class Place" and "top facts" in labels
    assert all("{P}" not in u and "{T}" not in u and "{PART}" not in u for _, u, _ in batches)


def test_writing_sets_the_mark_and_a_finished_refresh_clears_it(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with GraphStore(path) as st:
        assert not st.stale
        st.add_extraction(fx.article1())
        assert st.stale and R.is_pending(path) and "articles being written" in st.stale_reason
        st.refresh()
        assert not st.stale and not (path / R.PENDING_FILE).exists()
        st.add_extraction(fx.article1())  # unchanged: nothing written, no mark
        assert not st.stale


def test_a_read_only_store_with_the_mark_warns_on_every_query_and_in_stats(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with GraphStore(path) as st:
        st.add_extraction(fx.article1())  # a build killed before its refresh
    with GraphStore(path, read_only=True) as ro, warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        ro.query("ASK { ?s ?p ?o }")
        ro.query("ASK { ?s ?p ?o }")
        stats = ro.stats()
        ro.query("ASK {}", warn=False)
    stale = [w for w in seen if issubclass(w.category, StaleStoreWarning)]
    assert len(stale) == 3 and "named queries can return fewer rows" in str(stale[0].message)
    assert stats["stale"] and stats["stale_reason"].startswith("derived data out of date since")


def test_a_writable_open_of_a_store_with_the_mark_refreshes_it(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with GraphStore(path) as st:
        for ex in fx.extractions():
            st.add_extraction(ex)
        assert st.query("SELECT ?n WHERE { ?f gb:supportCount ?n }", warn=False).rows == []
    with GraphStore(path) as st:
        assert not st.stale and st.notes and "refreshed it" in st.notes[0]
        assert st.query("SELECT ?n WHERE { ?f gb:supportCount ?n }").rows
    with GraphStore(path) as st:
        assert st.notes == []


def test_an_update_marks_the_store_stale(tmp_path: Path) -> None:
    with GraphStore(tmp_path / "s") as st:
        st.update("INSERT DATA { <http://e/a> <http://e/p> 1 }")
        assert st.stale and "a SPARQL update" in st.stale_reason
