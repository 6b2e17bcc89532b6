"""The store as a networkx graph: entities are nodes, facts are edges with their evidence.

The graph is a ``networkx.MultiDiGraph``: node ids are entity IRIs, with ``label``, ``type``,
``aliases``, ``wikidata`` and ``mentions`` (articles mentioning it); each fact is one edge
keyed by its predicate, with ``predicate``, ``former``, ``confidence`` (best evidence),
``support`` (articles) and ``evidence`` (sentence, article, title, date, URL, confidence,
rule, former). This is the shape :mod:`graph_builder.viz` and
:mod:`graph_builder.analytics` read.

>>> from graph_builder.rdf.store import GraphStore
>>> g = store_to_networkx(GraphStore())          # an empty in-memory store
>>> g.number_of_nodes(), g.number_of_edges()
(0, 0)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from graph_builder.errors import QueryError
from graph_builder.rdf.ns import GB
from graph_builder.rdf.store import GraphStore
from graph_builder.query import internal_query as _internal

__all__ = ["store_to_networkx", "query_to_networkx", "open_store"]

_SEP = "\u001f"


def open_store(store: GraphStore | str | os.PathLike[str]) -> tuple[GraphStore, bool]:
    """``(store, opened_here)``: a path is opened read-only; a GraphStore is used as it is."""
    if isinstance(store, GraphStore):
        return store, False
    return GraphStore(Path(store), read_only=True), True


def _short_predicate(iri: str) -> str:
    base = str(GB)
    return iri[len(base):] if iri.startswith(base) else iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _short_type(iri: str) -> str:
    return _short_predicate(iri)


def _wikidata_id(value: Any) -> str | None:
    if not value:
        return None
    return str(value).rstrip("/").rsplit("/", 1)[-1]


def store_to_networkx(store: GraphStore | str | os.PathLike[str], *, title: str = "AI industry knowledge graph",
                      entities: set[str] | None = None) -> nx.MultiDiGraph:
    """Every entity and fact of the store (or only those between ``entities`` IRIs)."""
    st, close = open_store(store)
    try:
        g = nx.MultiDiGraph(title=title)
        for row in st.query(_internal("graph_nodes")).records():
            iri = str(row["e"])
            if entities is not None and iri not in entities:
                continue
            aliases = [a for a in str(row.get("aliases") or "").split(_SEP) if a]
            label = str(row["name"])
            g.add_node(iri, label=label, type=_short_type(str(row["type"])),
                       aliases=sorted(a for a in set(aliases) if a != label),
                       wikidata=_wikidata_id(row.get("wikidata")), mentions=int(row.get("mentions") or 0))
        edges: dict[str, dict[str, Any]] = {}
        for row in st.query(_internal("graph_edges")).records():
            s, o = str(row["s"]), str(row["o"])
            if s not in g or o not in g:
                continue
            f = str(row["f"])
            e = edges.get(f)
            if e is None:
                e = edges[f] = {"s": s, "o": o, "predicate": _short_predicate(str(row["p"])),
                                "former": bool(row.get("former")), "support": int(row.get("support") or 0),
                                "confidence": 0.0, "evidence": [], "fact": f, "_seen": set()}
            if row.get("ev") is not None and str(row["ev"]) not in e["_seen"]:
                e["_seen"].add(str(row["ev"]))
                conf = float(row.get("confidence") or 0.0)
                e["confidence"] = max(e["confidence"], conf)
                e["evidence"].append({
                    "sentence": str(row.get("sentence") or ""), "article": str(row.get("article") or ""),
                    "title": str(row["title"]) if row.get("title") else None,
                    "published": str(row["published"]) if row.get("published") else None,
                    "url": str(row["url"]) if row.get("url") else None, "confidence": conf,
                    "rule": str(row["rule"]) if row.get("rule") else None, "former": bool(row.get("evformer")),
                })
        for e in edges.values():
            e.pop("_seen")
            s, o = e.pop("s"), e.pop("o")
            if not e["support"]:
                e["support"] = len({ev["article"] for ev in e["evidence"]})
            g.add_edge(s, o, key=e["predicate"], **e)
        _add_rounds(st, g)
        return g
    finally:
        if close:
            st.close()


def _add_rounds(st: GraphStore, g: nx.MultiDiGraph) -> None:
    """Funding rounds onto the company node (``rounds``) and each investor's node (``rounds_in``)."""
    rounds: dict[str, dict[str, Any]] = {}
    for row in st.query(_internal("graph_rounds")).records():
        company = str(row["company"])
        if company not in g:
            continue
        r = rounds.setdefault(str(row["round"]), {
            "company": company, "type": str(row["type"]) if row.get("type") else None,
            "amount": float(row["amount"]) if row.get("amount") is not None else None,
            "currency": str(row["currency"]) if row.get("currency") else None,
            "date": str(row["date"]) if row.get("date") else None, "article": str(row.get("article") or ""),
            "title": str(row["title"]) if row.get("title") else None,
            "url": str(row["url"]) if row.get("url") else None, "leads": [], "investors": [], "sentences": []})
        inv = str(row["investor"]) if row.get("investor") is not None else None
        if inv and inv in g and inv not in r["investors"]:
            r["investors"].append(inv)
            if row.get("lead"):
                r["leads"].append(inv)
        sent = str(row["sentence"]) if row.get("sentence") else None
        if sent and sent not in r["sentences"]:
            r["sentences"].append(sent)
    for r in rounds.values():
        names = {v: str(g.nodes[v].get("label", v)) for v in [r["company"], *r["investors"]]}
        shown = {**{k: v for k, v in r.items() if k not in ("company", "leads", "investors")},
                 "company": names[r["company"]], "leads": [names[v] for v in r["leads"]],
                 "investors": [names[v] for v in r["investors"]]}
        g.nodes[r["company"]].setdefault("rounds", []).append(shown)
        for v in r["investors"]:
            g.nodes[v].setdefault("rounds_in", []).append({**shown, "lead": v in r["leads"]})
    for _, a in g.nodes(data=True):
        for key in ("rounds", "rounds_in"):
            if key in a:
                a[key].sort(key=lambda x: x.get("date") or "", reverse=True)


def query_to_networkx(store: GraphStore | str | os.PathLike[str], sparql: str,
                      bindings: Mapping[str, Any] | None = None) -> nx.MultiDiGraph:
    """The subgraph a SPARQL query returns (``bindings``: values for its variables, as in ``GraphStore.query``).

    A SELECT query's IRI values, or a CONSTRUCT query's subjects and objects, choose the
    entities; the graph holds those entities and the facts between them. ``graph["query_rows"]``
    and ``graph["query_iris"]`` count what the query returned, to explain an empty drawing.
    """
    st, close = open_store(store)
    try:
        try:
            result = st.query(sparql, bindings or None)
        except QueryError:
            raise
        except Exception as exc:  # pyoxigraph raises SyntaxError / ValueError on bad queries
            raise QueryError(f"the query cannot run ({exc}); check it with `graph-builder query`") from None
        iris: set[str] = set()
        for row in result:
            for value in (row if isinstance(row, tuple) else tuple(row)):
                text = str(value) if value is not None else ""
                if text.startswith(("http://", "https://", "urn:")):
                    iris.add(text)
        g = store_to_networkx(st, entities=iris, title="query result")
        g.graph.update(query_rows=len(result), query_iris=len(iris))
        return g
    finally:
        if close:
            st.close()
