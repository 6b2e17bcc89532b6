"""The ``graph-builder`` Typer application; command modules register on :data:`app`."""

from __future__ import annotations

import typer
from rich.console import Console

__all__ = ["app", "console", "err_console"]

app = typer.Typer(
    name="graph-builder",
    help="Build, query and draw a knowledge graph of the AI industry from French and English news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)
