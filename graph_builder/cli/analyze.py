"""``graph-builder analyze``: networkx analytics of the graph, printed as tables, CSV or JSON.

    graph-builder analyze out/store                                  # the 20 most central entities
    graph-builder analyze out/store --top 50 --format csv > ranks.csv
    graph-builder analyze out/store --communities --format json
    graph-builder analyze out/store --path "Jeff Bezos" "Mistral AI"  # only the chain of facts
    graph-builder analyze out/store --ego "Jeff Bezos" --export graphml -o out/bezos.graphml

Each option prints what it asks for and nothing else: the ranking appears when nothing else is
asked, or with ``--top``. ``--format csv`` prints one table (rankings, communities or path);
``--format json`` prints one object with a key per part asked. Tables are printed whole (names
are never cut, piped or not). STORE is a store folder, or a ``.graphml``/``.gexf`` file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Optional

import pandas as pd
import typer

from graph_builder.cli.app import app, console, note, print_table
from graph_builder.errors import ConfigError

__all__ = ["analyze_command", "FORMATS"]

FORMATS = ("table", "csv", "json")
_RANK_COLUMNS = ["rank", "label", "type", "degree", "pagerank", "betweenness", "mentions", "node"]
_PATH_COLUMNS = ["step", "subject", "predicate", "object", "former", "confidence", "support", "evidence", "title",
                 "published", "url", "article", "subject_iri", "object_iri"]


def _table(df: pd.DataFrame, title: str) -> None:
    from rich.table import Table

    table = Table(*[str(c) for c in df.columns], title=title)
    for row in df.itertuples(index=False):
        table.add_row(*[f"{v:.4f}" if isinstance(v, float) else ("" if v is None else str(v)) for v in row])
    print_table(table)


def _print_chain(chain: list[dict[str, Any]]) -> None:
    for i, f in enumerate(chain, 1):
        former = " (former)" if f["former"] else ""
        console.print(f"{i}. {f['subject']} —{f['predicate']}{former}→ {f['object']}  [conf {f['confidence']:.2f}]",
                      highlight=False, markup=False, soft_wrap=True)
        if f["evidence"]:
            src = f" — {f['title']}" if f.get("title") else ""
            console.print(f"   “{f['evidence']}”{src}", highlight=False, markup=False, soft_wrap=True)


def _json_value(v: Any) -> Any:
    if v is None or (isinstance(v, float) and v != v):  # NaN
        return None
    return v.item() if hasattr(v, "item") else v


@app.command("analyze")
def analyze_command(
    store: Path = typer.Argument(..., help="the store folder (or a .graphml/.gexf file)"),
    top: Optional[int] = typer.Option(None, "--top", min=1,
                                      help="rank the N most central entities (20 when nothing else is asked)"),
    ego_name: Optional[str] = typer.Option(None, "--ego", help="restrict to the neighbourhood of this entity"),
    depth: int = typer.Option(1, "--depth", min=0, help="hops around --ego"),
    path: Optional[tuple[str, str]] = typer.Option(None, "--path", help="shortest chain of facts between two entities"),
    show_communities: bool = typer.Option(False, "--communities", help="Louvain communities"),
    export: Optional[str] = typer.Option(None, "--export", help="write the graph as graphml or gexf (needs -o), "
                                                                 "with PageRank, degree and community per node"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="the file --export writes"),
    fmt: str = typer.Option("table", "--format", "-f", help="table, csv (one table at a time) or json"),
) -> None:
    """Rankings (degree, PageRank, betweenness), ego networks, paths, communities, export."""
    from graph_builder import analytics
    from graph_builder.cli.viz import load_graph

    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ConfigError(f"--format {fmt!r} is unknown; use {', '.join(FORMATS)}")
    if export is not None and export not in ("graphml", "gexf"):
        raise ConfigError(f"--export {export!r} is unknown; use graphml or gexf")
    if export is not None and output is None:
        raise ConfigError(f"--export {export} needs -o FILE, e.g. -o graph.{export}")
    want_rankings = top is not None or not (path or show_communities or export)
    asked = [name for name, on in (("rankings", want_rankings), ("communities", show_communities),
                                   ("path", bool(path))) if on]
    if fmt == "csv" and len(asked) > 1:
        raise ConfigError(f"--format csv prints one table, and {' and '.join(asked)} were asked; ask for one at a "
                          "time, or use --format json")

    g = graph = load_graph(store)
    scope = f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges"
    if ego_name:
        graph = analytics.ego(g, ego_name, depth=depth)
        scope = (f"ego network of {analytics.node_label(g, graph.graph['focus'])} (depth {depth}): "
                 f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
    parts: dict[str, pd.DataFrame] = {}
    if want_rankings:
        parts["rankings"] = analytics.rankings(graph, top=top or 20)[_RANK_COLUMNS]
    if show_communities:
        parts["communities"] = analytics.communities(graph)
    chain: list[dict[str, Any]] = []
    if path:
        chain = analytics.shortest_connection(g, path[0], path[1])
        parts["path"] = pd.DataFrame([{"step": i, **f} for i, f in enumerate(chain, 1)], columns=_PATH_COLUMNS)
        if not chain:
            note(f"{path[0]} and {path[1]} are the same entity: no fact to go through")
    written = None
    if export is not None and output is not None:
        written = analytics.export_graph(graph, output, format=export)  # type: ignore[arg-type]

    if fmt == "csv":
        if asked:
            sys.stdout.write(parts[asked[0]].to_csv(index=False))
    elif fmt == "json":
        if asked:
            doc = {name: [{k: _json_value(v) for k, v in row.items()} for row in parts[name].to_dict("records")]
                   for name in asked}
            sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    else:
        if want_rankings or show_communities:
            console.print(scope, highlight=False, markup=False)
        if want_rankings:
            _table(parts["rankings"].drop(columns="node"), f"top {top or 20} entities")
        if show_communities:
            df = parts["communities"]
            summary = (df.groupby("community", sort=True)
                       .agg(size=("node", "size"),
                            members=("label", lambda s: ", ".join(list(s)[:8]) + (" …" if len(s) > 8 else "")))
                       .reset_index())
            _table(summary.head(top or 20), f"communities (Louvain), {df['community'].nunique()} in all")
        if path:
            _print_chain(chain)
    if written is not None:
        line = f"wrote {written} ({export}; {scope}; PageRank, degree and community on every node)"
        (console.print(line, highlight=False, markup=False, soft_wrap=True) if fmt == "table" else note(line))
