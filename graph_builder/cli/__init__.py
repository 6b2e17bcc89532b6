"""The ``graph-builder`` command: thin wrappers over the Python API.

Each command lives in its own module and registers on :data:`graph_builder.cli.app.app`.
User errors (:class:`graph_builder.errors.GraphBuilderError`) print as one line, no traceback.
"""

from __future__ import annotations

import importlib
import sys

from graph_builder.cli.app import app, err_console
from graph_builder.errors import GraphBuilderError

__all__ = ["app", "main"]

# One module per group of commands; a module missing (work in progress) must not break the rest.
_COMMAND_MODULES = ("build", "query", "rdf", "check", "serve", "viz", "analyze", "evaluate", "train")
for _name in _COMMAND_MODULES:
    try:
        importlib.import_module(f"graph_builder.cli.{_name}")
    except ModuleNotFoundError as exc:  # pragma: no cover - only while a module is being written
        if exc.name != f"graph_builder.cli.{_name}":
            raise


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    import click
    import typer

    try:
        rc = app(args=argv, prog_name="graph-builder", standalone_mode=False)
    except GraphBuilderError as exc:
        from rich.markup import escape

        err_console.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False, markup=True, soft_wrap=True)
        return 2
    except KeyboardInterrupt:
        err_console.print("interrupted: the store keeps whole articles only; run the same build again to finish.",
                          soft_wrap=True)
        return 130
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    except click.exceptions.Exit as exc:  # typer.Exit
        return int(exc.exit_code or 0)
    except Exception as exc:  # usage errors come as click exceptions: typer's own copy of click, or click
        if isinstance(exc, (click.exceptions.ClickException, typer.TyperException)) and hasattr(exc, "show"):
            exc.show()  # "Usage: ... Try '--help' ... No such option: --nope", no traceback
            return int(getattr(exc, "exit_code", 2))
        if isinstance(exc, (click.exceptions.Abort, typer.Abort)):
            return 1
        from graph_builder.rdf.health import damage_error, is_damage

        if is_damage(exc):  # a path that reached pyoxigraph without GraphStore's translation
            from rich.markup import escape

            err_console.print(f"[bold red]error:[/] {escape(str(damage_error(None, exc)))}", highlight=False,
                              markup=True, soft_wrap=True)
            return 2
        raise
    return rc if isinstance(rc, int) else 0


if __name__ == "__main__":
    sys.exit(main())
