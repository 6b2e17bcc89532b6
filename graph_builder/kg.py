"""``KnowledgeGraph``: the one friendly entry point for notebooks and scripts.

Load or build a store, ask SPARQL (ad hoc or named) into pandas, get networkx graphs, measure
them, and draw them — inline in Jupyter or as an offline HTML file.

>>> from graph_builder import KnowledgeGraph
>>> kg = KnowledgeGraph()                      # an empty in-memory graph
>>> kg.stats()["articles"]
0
>>> int(kg.query_df("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")["n"].iloc[0])
0
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from graph_builder.build import BuildReport, build
from graph_builder.ingest import IngestOptions
from graph_builder.errors import QueryError
from graph_builder.query import facts_between, list_queries, run_named
from graph_builder.rdf.store import GraphStore, QueryResult
from graph_builder.types import Article, ArticleExtraction

__all__ = ["KnowledgeGraph"]

PathLike = str | os.PathLike[str]


class KnowledgeGraph:
    """A knowledge graph of AI-industry news over one store (on disk, or in memory).

    Parameters
    ----------
    store:
        A store folder (created when missing), an open :class:`GraphStore`, or ``None``
        for an in-memory graph.
    read_only:
        Open an existing store folder without the write lock (several readers may share it).
    """

    def __init__(self, store: GraphStore | PathLike | None = None, *, read_only: bool = False) -> None:
        if isinstance(store, GraphStore):
            self.store = store
        else:
            self.store = GraphStore(Path(store) if store is not None else None, read_only=read_only)
        self.last_build: BuildReport | None = None
        self._nx: nx.MultiDiGraph | None = None

    # ------------------------------------------------------------------ opening and building
    @classmethod
    def load(cls, store: PathLike, *, read_only: bool = True) -> KnowledgeGraph:
        """Open a store a build wrote (read-only by default)."""
        return cls(store, read_only=read_only)

    @classmethod
    def from_articles(cls, paths: PathLike | Iterable[PathLike], store: PathLike | None = None,
                      **options: Any) -> KnowledgeGraph:
        """Build a graph from files, folders or globs (``store=None``: in memory).

        ``options`` are those of :meth:`add` (``workers``, ``engine``, ``lang``, ``text_field``...).
        """
        kg = cls(store)
        kg.add(paths, **options)
        return kg

    def add(self, paths: PathLike | Iterable[PathLike], *, workers: int = 1, engine: str = "local",
            scheduler: str | None = None, strict: bool = False, force: bool = False,
            **ingest: Any) -> BuildReport:
        """Add articles to the graph; unchanged ones are skipped, changed ones replaced."""
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        self.last_build = build([str(p) for p in paths], self.store, options=IngestOptions(**ingest),
                                workers=workers, engine=engine, scheduler=scheduler,  # type: ignore[arg-type]
                                strict=strict, force=force)
        self._nx = None
        return self.last_build

    def add_text(self, text: str, *, lang: str, id: str | None = None, title: str | None = None,  # noqa: A002
                 published: str | None = None) -> ArticleExtraction:
        """Extract one text given as a string and add it (handy to try a sentence)."""
        from graph_builder.extract import extract_article
        from graph_builder.types import text_hash

        art = Article(id=id or "sha-" + text_hash(text), text=text, lang=lang, title=title, published=published,
                      source="text")
        ex = extract_article(art)
        self.store.add_extraction(ex, refresh=True)
        self._nx = None
        return ex

    # ------------------------------------------------------------------ SPARQL
    def query(self, sparql: str, **bindings: Any) -> QueryResult:
        """Run SPARQL (``gb:``, ``schema:``, ``rdfs:``... are predeclared); values bind variables."""
        return self.store.query(sparql, bindings or None)

    def query_df(self, sparql: str, **bindings: Any) -> pd.DataFrame:
        """Run SPARQL into a pandas DataFrame."""
        return self.query(sparql, **bindings).to_dataframe()

    def named(self, name: str, **params: Any) -> pd.DataFrame:
        """Run a named query of ``ontology/queries/`` (see :meth:`queries`) into a DataFrame."""
        return run_named(self.store, name, **params).to_dataframe()

    @staticmethod
    def queries() -> pd.DataFrame:
        """The named queries: name, what each answers, its parameters."""
        return pd.DataFrame([{"name": q.name, "description": q.description,
                              "params": ", ".join(p.name for p in q.params)} for q in list_queries()])

    def evidence(self, subject: str, predicate: str, object: str) -> pd.DataFrame:  # noqa: A002
        """Why a fact is in the graph: its evidence sentences, articles, confidence and rule.

        Raises QueryError when the graph does not hold the fact, naming what is wrong: an unknown
        name or relation (with the closest known ones), or the facts that do link the two entities.
        """
        df = self.named("fact_evidence", subject=subject, predicate=predicate, object=object)
        if df.empty:
            linked = facts_between(self.store.query, subject, object)
            raise QueryError(f"no fact {subject} —{predicate}→ {object} in the graph; " +
                             (f"the facts that link them: {'; '.join(linked)}" if linked else "no fact links them"))
        return df

    # ------------------------------------------------------------------ counts, checks, files
    def stats(self) -> dict[str, Any]:
        """Articles, entities by type, facts by predicate, evidence, triples."""
        return self.store.stats()

    def validate(self):  # noqa: ANN201 - graph_builder.rdf.validate.ValidationReport
        """Check the graph against the SHACL shapes of ``ontology/shapes``."""
        from graph_builder.rdf.validate import validate

        return validate(self.store)

    def export(self, path: PathLike, format: str | None = None) -> Path:  # noqa: A002
        """Write the graph as Turtle, TriG, N-Quads or JSON-LD (from the extension by default)."""
        from graph_builder.rdf.export import export

        return export(self.store, path, format)

    def articles(self) -> pd.DataFrame:
        """The articles in the graph, one row each: id, title, lang, published, url, words, evidence...

        ``published`` and ``extracted`` are pandas datetimes; an article without a (full) date has
        ``NaT``, which ``min``, ``max`` and ``count`` skip, so a missing date never blanks a figure:

        >>> KnowledgeGraph().articles().dtypes["published"]
        dtype('<M8[ns]')
        """
        columns = ["id", "title", "lang", "published", "url", "words", "evidence", "hash", "extracted", "iri"]
        df = pd.DataFrame(self.store.articles(), columns=columns)
        df["published"] = pd.to_datetime(df["published"].map(lambda d: str(d) if d is not None else None),
                                          errors="coerce", format="ISO8601").astype("datetime64[ns]")
        df["extracted"] = pd.to_datetime(df["extracted"], errors="coerce", utc=True)
        df["words"] = pd.to_numeric(df["words"]).astype("Int64")
        return df

    # ------------------------------------------------------------------ networkx
    def to_networkx(self) -> nx.MultiDiGraph:
        """Entities as nodes, facts as edges (with evidence); cached until the graph changes."""
        if self._nx is None:
            from graph_builder.network import store_to_networkx

            self._nx = store_to_networkx(self.store)
        return self._nx

    def rankings(self, top: int = 20) -> pd.DataFrame:
        """Degree, PageRank and betweenness of the most important entities."""
        from graph_builder.analytics import rankings

        return rankings(self.to_networkx(), top=top)

    def communities(self, seed: int = 0) -> pd.DataFrame:
        """Louvain communities of the entity graph."""
        from graph_builder.analytics import communities

        return communities(self.to_networkx(), seed=seed)

    def ego(self, name: str, depth: int = 1) -> nx.MultiDiGraph:
        """The entities within ``depth`` facts of ``name`` (a label or alias)."""
        from graph_builder.analytics import ego

        return ego(self.to_networkx(), name, depth=depth)

    def path(self, a: str, b: str) -> pd.DataFrame:
        """The shortest chain of facts between two entities, with evidence."""
        from graph_builder.analytics import shortest_connection

        return pd.DataFrame(shortest_connection(self.to_networkx(), a, b))

    def export_graph(self, path: PathLike, format: str = "graphml") -> Path:  # noqa: A002
        """The entity network as GraphML or GEXF, for Gephi and Cytoscape (PageRank, degree and community per node)."""
        from graph_builder.analytics import export_graph

        return export_graph(self.to_networkx(), path, format)  # type: ignore[arg-type]

    # ------------------------------------------------------------------ drawing
    def show(self, *, focus: str | None = None, depth: int = 1, max_nodes: int | None = None,
             height: int = 650, **options: Any) -> Any:
        """The interactive network inline in Jupyter (an IPython HTML object)."""
        from graph_builder.viz import show

        return show(self.to_networkx(), focus=focus, depth=depth, max_nodes=max_nodes, height=height, **options)

    def to_html(self, path: PathLike, **options: Any) -> Path:
        """Write the interactive network to one self-contained HTML file."""
        from graph_builder.viz import render_html

        render_html(self.to_networkx(), path, **options)
        return Path(path)

    # ------------------------------------------------------------------ lifecycle
    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        s = self.stats()
        where = self.store.path or "memory"
        return f"<KnowledgeGraph {where}: {s.get('articles', 0)} articles, {s.get('triples', 0)} triples>"
