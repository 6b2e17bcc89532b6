"""``graph-builder viz``: the offline HTML viewer (``analyze`` is in :mod:`graph_builder.cli.analyze`).

    graph-builder viz out/store -o out/graph.html
    graph-builder viz out/store -o out/mistral.html --focus "Mistral AI" --depth 2
    graph-builder viz out/store -o out/top.html --max-nodes 300 --title "AI industry"
    graph-builder viz out/store -o out/q.html --query my-subgraph.rq
    graph-builder viz out/store -o out/founders.html --query founders --param org="Mistral AI"

STORE is a store folder; a ``.graphml`` / ``.gexf`` file written by ``analyze --export`` works too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import networkx as nx
import typer

from graph_builder.cli.app import app, console, warn_if_stale
from graph_builder.errors import ConfigError, QueryError, StoreError

__all__ = ["load_graph", "why_nothing_to_draw", "viz_command"]


def load_graph(source: Path, query: str | Path | None = None, params: dict[str, str] | None = None) -> nx.MultiDiGraph:
    """The networkx graph of a store folder, or of a GraphML/GEXF file; with ``query`` (a named query or
    a ``.rq`` file, ``params`` bound to its parameters), only the entities it returns.

    >>> load_graph(Path("no/such/store"))
    Traceback (most recent call last):
    ...
    graph_builder.errors.StoreError: no/such/store: no such store or graph file; build one with `graph-builder build ARTICLES --store no/such/store`
    """
    if params and query is None:
        raise ConfigError("--param goes with --query (a named query, see `graph-builder query --list`)")
    if source.is_file() and source.suffix.lower() in (".graphml", ".gexf"):
        if query is not None:
            raise ConfigError("--query needs a store folder, not a graph file")
        from graph_builder.analytics import import_graph

        return import_graph(source)
    if not source.exists():
        raise StoreError(
            f"{source}: no such store or graph file; build one with `graph-builder build ARTICLES --store {source}`"
        )
    warn_if_stale(source)
    try:
        from graph_builder import network
    except ModuleNotFoundError as exc:  # pragma: no cover - while network.py is being written
        if exc.name != "graph_builder.network":
            raise
        raise StoreError("graph_builder.network is not installed; cannot read a store into networkx") from None
    if query is None:
        return network.store_to_networkx(source)
    from graph_builder.query import check_parameters, empty_reason, named_or_file
    from graph_builder.rdf.store import GraphStore

    named, bindings = named_or_file(query, params)
    with GraphStore(source, read_only=True) as st:
        g = network.query_to_networkx(st, named.text, bindings)
        if not g.graph["query_rows"]:
            check_parameters(st.query, named, bindings)  # an unknown name is the likely reason: say it
            g.graph["query_empty"] = empty_reason(named, bindings, st.query)
    g.graph["query_name"] = named.name
    return g


def why_nothing_to_draw(g: nx.MultiDiGraph, store: Path) -> str:
    """The reason a drawing would be empty, and what to do (``g`` has no node)."""
    if "query_rows" not in g.graph:
        return (f"{store} holds no entity, so there is nothing to draw; build it from articles first: "
                f"graph-builder build ARTICLES --store {store}")
    name, rows = g.graph.get("query_name", "the query"), g.graph["query_rows"]
    if not rows:
        return f"nothing to draw: {g.graph.get('query_empty') or f'query {name!r} returned no row'}"
    return (f"query {name!r} returned {rows} row(s) but no entity of the graph among them (names and numbers "
            "cannot be drawn); select the entities themselves, e.g. SELECT ?s ?o ... with ?s and ?o the IRIs")


@app.command("viz")
def viz_command(
    store: Path = typer.Argument(..., help="the store folder (or a .graphml/.gexf file)"),
    output: Path = typer.Option(Path("graph.html"), "--output", "-o", help="the HTML file to write"),
    focus: Optional[str] = typer.Option(None, "--focus", help="draw only the neighbourhood of this entity (name or alias)"),
    depth: int = typer.Option(1, "--depth", min=0, help="hops around --focus"),
    query: Optional[str] = typer.Option(None, "--query", help="draw what a query returns: a named query "
                                        "(see `query --list`) or a .rq file"),
    param: list[str] = typer.Option([], "--param", "-p", help="KEY=VALUE for --query's parameters (repeatable)"),
    max_nodes: Optional[int] = typer.Option(None, "--max-nodes", min=1,
                                            help="keep N entities: a share of each type, best connected first"),
    title: Optional[str] = typer.Option(None, "--title", help="the page title"),
    importance: str = typer.Option("pagerank", "--importance", help="node size and --max-nodes order: pagerank or mentions"),
) -> None:
    """Draw the graph as one self-contained HTML page (works offline, from file://)."""
    from graph_builder.viz import render_html

    if importance not in ("pagerank", "mentions"):
        raise ConfigError(f"--importance {importance!r} is unknown; use pagerank or mentions")
    from graph_builder.cli.query import parse_params

    g = load_graph(store, query, parse_params(param))
    if g.number_of_nodes() == 0:
        raise QueryError(why_nothing_to_draw(g, store))
    s = render_html(g, output, title=title, max_nodes=max_nodes, focus=focus, depth=depth,
                    importance=importance)  # type: ignore[arg-type]
    msg = f"wrote {s.path} ({s.nodes} nodes, {s.edges} edges"
    if s.not_shown:
        msg += f"; {s.not_shown} nodes not shown: {s.left_out}"
    msg += f"; {s.bytes / 1e6:.1f} MB, {s.seconds:.1f} s)"
    console.print(msg, highlight=False, markup=False)
