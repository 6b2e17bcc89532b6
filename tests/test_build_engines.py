"""The three build engines give the same graph: in-process, a process pool, a Dask LocalCluster.

The only quads allowed to differ are ``gb:extractedAt`` (each build stamps its own time).
A small batch size makes each engine split the articles into several chunks, so the pool
and the cluster really interleave work and return results out of order.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph_builder.build import build, iter_extractions
from graph_builder.rdf.ns import GB
from graph_builder.rdf.store import GraphStore

pytestmark = pytest.mark.slow

ARTICLES = ("fr-101.json", "fr-102.json", "fr-103.json", "en-101.json", "en-102.json", "en-103.json",
            "bezos-ai-startup-fr.txt")
EXTRACTED_AT = str(GB.extractedAt)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory, root: Path) -> Path:
    d = tmp_path_factory.mktemp("engines")
    for name in ARTICLES:
        shutil.copy(root / "data" / "articles" / name, d / name)
    return d


def _quads(store: GraphStore) -> set[tuple[str, str, str, str]]:
    return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))
            for q in store.oxigraph if q.predicate.value != EXTRACTED_AT}


def _build(folder: Path, **kw: object) -> tuple[set[tuple[str, str, str, str]], dict[str, object]]:
    with GraphStore() as st:
        rep = build([folder], st, batch_size=2, **kw)  # type: ignore[arg-type]
        return _quads(st), {"added": rep.added, "relations": rep.relations, "entities": rep.entities,
                            "words": rep.words, "extracted_at": sum(1 for q in st.oxigraph
                                                                    if q.predicate.value == EXTRACTED_AT)}


@pytest.fixture(scope="module")
def local(folder: Path) -> tuple[set[tuple[str, str, str, str]], dict[str, object]]:
    return _build(folder)


def test_local_build_is_not_trivial(local: tuple[set, dict]) -> None:
    quads, counts = local
    assert counts["added"] == len(ARTICLES)
    assert counts["relations"] > 5 and counts["entities"] > 20
    assert counts["extracted_at"] == len(ARTICLES)  # one timestamp per article: the only quads excluded
    assert len(quads) > 500


def test_process_pool_gives_the_same_graph(folder: Path, local: tuple[set, dict]) -> None:
    quads, counts = _build(folder, workers=2)
    assert counts == local[1]
    assert quads == local[0], f"{len(quads ^ local[0])} quads differ, e.g. {sorted(quads ^ local[0])[:3]}"


def test_dask_local_cluster_gives_the_same_graph(folder: Path, local: tuple[set, dict]) -> None:
    pytest.importorskip("distributed")
    quads, counts = _build(folder, engine="dask", workers=2)
    assert counts == local[1]
    assert quads == local[0], f"{len(quads ^ local[0])} quads differ, e.g. {sorted(quads ^ local[0])[:3]}"


def test_engines_yield_every_article_once(folder: Path) -> None:
    from graph_builder.ingest import iter_articles
    from graph_builder.types import Article

    articles = [a for a in iter_articles([folder]) if isinstance(a, Article)]
    ids = sorted(ex.article.id for ex in iter_extractions(articles, workers=2, batch_size=1))
    assert ids == sorted(a.id for a in articles)
