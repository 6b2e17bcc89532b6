"""``graph-builder query``: run SPARQL (inline, from a file, or a named query) against a store.

    graph-builder query out/store 'SELECT ?s ?o WHERE { ?s gb:founderOf ?o }'
    graph-builder query out/store --file my.rq --format csv
    graph-builder query out/store --name founders --param org="Mistral AI"
    graph-builder query --list

The store is opened read-only, so queries work while a build or a server holds it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from graph_builder.cli.app import app, console, note, print_table, warn_if_stale
from graph_builder.errors import ConfigError, QueryError

__all__ = ["query_command", "parse_params", "print_result", "FORMATS"]

FORMATS = ("table", "csv", "tsv", "json")


def parse_params(items: list[str]) -> dict[str, str]:
    """``["org=Mistral AI", "min=0.8"]`` → ``{"org": "Mistral AI", "min": "0.8"}``.

    >>> parse_params(["org=A=B"])
    {'org': 'A=B'}
    """
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"--param {item!r} is not KEY=VALUE; write e.g. --param org=\"Mistral AI\"")
        out[key.strip()] = value
    return out


def print_result(result, fmt: str, *, title: str | None = None) -> None:  # noqa: ANN001
    """Print a QueryResult as a rich table, CSV, TSV or SPARQL JSON."""
    if fmt == "table":
        if result.kind == "ask":
            console.print("yes" if result.boolean else "no")
            return
        print_table(result.to_table(title=title))
        console.print(f"[dim]{len(result)} row(s)[/]")
    elif fmt == "csv":
        sys.stdout.write(result.to_csv())
    elif fmt == "tsv":
        sys.stdout.write(result.to_tsv())
    elif fmt == "json":
        sys.stdout.write(result.to_json(indent=2) + "\n")
    else:
        raise ConfigError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


@app.command("query")
def query_command(
    store: Optional[Path] = typer.Argument(None, help="the store folder (written by `graph-builder build`)"),
    sparql: Optional[str] = typer.Argument(None, help="a SPARQL query (prefixes gb:, schema:, rdfs:, ... predeclared)"),
    file: Optional[Path] = typer.Option(None, "--file", "-f", help="read the SPARQL query from this .rq file"),
    name: Optional[str] = typer.Option(None, "--name", "-n", help="run a named query (see --list)"),
    param: list[str] = typer.Option([], "--param", "-p", help="KEY=VALUE for the named query (repeatable)"),
    fmt: str = typer.Option("table", "--format", help="table, csv, tsv or json (SPARQL results JSON)"),
    list_queries_: bool = typer.Option(False, "--list", help="list the named queries and their parameters"),
) -> None:
    """Query a store with SPARQL, a .rq file, or a named query with --param values."""
    from graph_builder.query import empty_reason, get_query, list_queries, run_named

    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ConfigError(f"unknown --format {fmt!r}; use one of {', '.join(FORMATS)}")
    if list_queries_:
        from rich.table import Table

        table = Table("name", "what it answers", "parameters (--param NAME=VALUE)", title="named queries",
                      show_lines=True)
        table.columns[1].max_width = 70
        table.columns[2].max_width = 50
        for q in list_queries():
            table.add_row(q.name, q.description, "\n".join(str(p) for p in q.params) or "-")
        print_table(table)
        return
    if store is None:
        raise QueryError("give the store folder, e.g. graph-builder query out/store --name founders")
    given = [x for x in (sparql, file, name) if x]
    if len(given) != 1:
        raise QueryError("give exactly one of: a SPARQL string, --file FILE.rq, or --name NAME (see --list)")
    if param and not name:
        raise QueryError("--param only goes with --name; bind values in your own query with a named query file")

    from graph_builder.rdf.store import GraphStore

    with GraphStore(store, read_only=True) as gs:
        stale = warn_if_stale(store)  # then an empty answer is explained already
        if name:
            query = get_query(name)  # unknown name → a clear error before anything else
            result = run_named(gs, name, **parse_params(param))  # unknown entity → a clear error, exit 2
            title = name
            if not result and not stale:  # every value was found: say why the answer is still empty
                from graph_builder.query import coerce_params

                note(empty_reason(query, coerce_params(query, parse_params(param)), gs.query))
        else:
            if file:
                if not file.is_file():
                    raise QueryError(f"{file}: no such query file")
                sparql = file.read_text(encoding="utf-8")
            result = gs.query(sparql or "")
            title = None
        print_result(result, fmt, title=title)
