"""``graph-builder validate`` (SHACL), ``export`` (Turtle, TriG, N-Quads, JSON-LD) and ``stats``.

    graph-builder validate out/store
    graph-builder export out/store -o out/graph.ttl
    graph-builder export out/store -o out/graph.data --format trig
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from graph_builder.cli.app import app, console, warn_if_stale

__all__ = ["validate_command", "export_command", "stats_command"]


@app.command("validate")
def validate_command(
    store: Path = typer.Argument(..., help="the store folder"),
) -> None:
    """Check the store against the SHACL shapes; exit 1 when anything violates them."""
    from graph_builder.rdf.store import GraphStore
    from graph_builder.rdf.validate import validate

    with GraphStore(store, read_only=True) as gs:
        warn_if_stale(store)
        report = validate(gs)
    if report.conforms:
        console.print(f"[green]ok[/]: {store} conforms to the shapes")
        return
    for v in report.violations:
        console.print(str(v), highlight=False, markup=False, soft_wrap=True)
    console.print(f"[red]{len(report.violations)} violation(s)[/] in {store}")
    # SystemExit, not typer.Exit: cli.main() runs click with standalone_mode=False, which turns
    # typer.Exit into a return value that main() does not pass on.
    raise SystemExit(1)


@app.command("export")
def export_command(
    store: Path = typer.Argument(..., help="the store folder"),
    output: Path = typer.Option(..., "--output", "-o", help="the file to write (format from its extension)"),
    fmt: Optional[str] = typer.Option(None, "--format", help="turtle, trig, nquads, json-ld or ntriples"),
    salvage: bool = typer.Option(False, "--salvage",
                                 help="a damaged store: write every quad still readable (.nq or .trig)"),
) -> None:
    """Export the store to one RDF file (written atomically)."""
    from graph_builder.rdf.export import export, format_for
    from graph_builder.rdf.store import GraphStore

    if salvage:
        from graph_builder.rdf.salvage import salvage as salvage_store

        report = salvage_store(store, output)
        for what in report.damage:
            console.print(f"damage met: {what}", markup=False, highlight=False, soft_wrap=True)
        console.print(report.summary(), markup=False, highlight=False, soft_wrap=True)
        return
    f = format_for(output, fmt)  # a bad format fails before the store is opened
    with GraphStore(store, read_only=True) as gs:
        warn_if_stale(store)
        path = export(gs, output, f)
        n = len(gs)
    console.print(f"wrote {path} ({f}, {n} quads)")


@app.command("stats")
def stats_command(
    store: Path = typer.Argument(..., help="the store folder"),
) -> None:
    """Counts of a store: articles, entities by type, facts by relation, evidence, triples."""
    from rich.table import Table

    from graph_builder.rdf.store import GraphStore

    with GraphStore(store, read_only=True) as gs:
        warn_if_stale(store)
        st = gs.stats()
    table = Table("what", "count", title=str(store))
    table.add_row("articles", str(st["articles"]))
    table.add_row("entities", str(st["entities"]))
    for t, n in sorted(st["entities_by_type"].items()):
        table.add_row(f"  {t}", str(n))
    table.add_row("facts", str(st["facts"]))
    for p, n in st["relations_by_predicate"].items():
        table.add_row(f"  {p}", str(n))
    table.add_row("evidence", str(st["evidence"]))
    table.add_row("triples", str(st["triples"]))
    if st["stale"]:
        table.add_row("derived data", "OUT OF DATE (see the warning)")
    console.print(table)
