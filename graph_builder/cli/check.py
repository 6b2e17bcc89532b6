"""``graph-builder check``: is a store sound, and is its derived data up to date?

    graph-builder check out/store               # files, every entry of every index, derived data
    graph-builder check out/store --quick       # files, the by-subject and by-predicate indexes, derived data
    graph-builder check out/store --refresh     # refresh stale derived data (needs the store for writing)

The full check reads every entry of the nine indexes of quads and the strings (about 70 CPU-seconds
per million quads); ``--quick`` reads four of them in full (about 9 CPU-seconds per million quads), as a
build does before it writes.

Exit code: 0 sound and up to date, 1 derived data out of date, 2 damaged (or not a store).
"""

from __future__ import annotations

from pathlib import Path

import typer

from graph_builder.cli.app import app, console, err_console

__all__ = ["check_command"]


@app.command("check")
def check_command(
    store: Path = typer.Argument(..., help="the store folder"),
    quick: bool = typer.Option(False, "--quick", help="read only the by-subject and by-predicate indexes (faster)"),
    refresh: bool = typer.Option(False, "--refresh",
                                 help="refresh stale derived data (opens the store for writing: stop builds first)"),
) -> None:
    """Verify a store (files, every entry of every index) and its derived data."""
    from graph_builder.rdf.check import check_store

    def say(line: str) -> None:
        console.print(f"  {line}", markup=False, highlight=False, soft_wrap=True)

    console.print(f"check {store}", markup=False, highlight=False)
    report = check_store(store, deep=not quick, refresh=refresh, progress=say)
    (err_console if report.damage is not None else console).print(report.verdict(), markup=False,
                                                                  highlight=False, soft_wrap=True)
    # SystemExit, not typer.Exit: see cli/rdf.py (validate)
    if report.exit_code:
        raise SystemExit(report.exit_code)
