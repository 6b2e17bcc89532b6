"""The ``graph-builder`` Typer application; command modules register on :data:`app`.

Also the few lines every command that opens a store may have to say: what opening did
(:func:`print_notes`) and that the store's derived data is out of date (:func:`warn_if_stale`,
once per command; the Python API warns on each query instead).

>>> from graph_builder.cli import main
>>> main(["--version"])  # doctest: +ELLIPSIS
graph-builder ...
0
"""

from __future__ import annotations

import os
from collections.abc import Iterable

import typer
from rich.console import Console
from rich.table import Table

__all__ = ["app", "console", "err_console", "version_lines", "print_table", "note", "print_notes", "warn_if_stale"]

app = typer.Typer(
    name="graph-builder",
    help="Build, query and draw a knowledge graph of the AI industry from French and English news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)


def print_table(table: Table) -> None:
    """Print ``table`` whole: in a terminal, long names wrap instead of being cut ("Organizati…");
    piped or redirected, the table is as wide as its content needs (rich would assume 80 columns)."""
    for column in table.columns:
        column.overflow = "fold"
    if console.is_terminal:
        console.print(table)
    else:
        Console(width=100_000, no_color=console.no_color, highlight=False).print(table)


def note(line: str) -> None:
    """One line for the user on stderr (why an answer is empty, what was skipped): never markup."""
    err_console.print(line, markup=False, highlight=False, soft_wrap=True)


def version_lines() -> list[str]:
    """What ``--version`` prints: the version, then where the ontology and data files are read from."""
    from graph_builder import __version__
    from graph_builder.resources import home, home_source

    where = {"GRAPH_BUILDER_HOME": "set by GRAPH_BUILDER_HOME", "package": "installed with the package",
             "checkout": "the checkout this package runs from"}[home_source()]
    return [f"graph-builder {__version__}", f"ontology and data: {home()} ({where})"]


def _print_version(value: bool) -> None:
    if value:
        for line in version_lines():
            console.print(line, markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(False, "--version", is_eager=True, callback=_print_version,
                                 help="Print the version and where the ontology and data are read from, then exit."),
) -> None:
    """Build, query and draw a knowledge graph of the AI industry from French and English news."""


def print_notes(notes: Iterable[str]) -> None:
    """One ``note:`` line on stderr per note (e.g. "refreshed the derived data")."""
    for line in notes:
        note(f"note: {line}")


def warn_if_stale(store: str | os.PathLike[str]) -> bool:
    """Say (one ``warning:`` line on stderr) that ``store``'s derived data is out of date; True if so.

    >>> warn_if_stale("/nonexistent/store")
    False
    """
    import warnings

    from graph_builder.rdf.refresh import is_pending, pending_reason
    from graph_builder.rdf.store import StaleStoreWarning, stale_message

    warnings.filterwarnings("ignore", category=StaleStoreWarning)  # said here, once, not per query
    try:
        stale = is_pending(store)
    except OSError:
        return False
    if stale:
        note(f"warning: {stale_message(store, pending_reason(store))}")
    return stale
