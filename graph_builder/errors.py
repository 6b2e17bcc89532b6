"""Errors graph_builder raises for users: each names what was wrong and what to do.

The CLI prints these as one line (no traceback) and exits non-zero.

>>> str(InputError("notes.pdf", "binary file (PDF)", "convert it to text first"))
'notes.pdf: binary file (PDF); convert it to text first'
"""

from __future__ import annotations

__all__ = ["GraphBuilderError", "InputError", "StoreError", "QueryError", "ModelError", "ConfigError"]


class GraphBuilderError(Exception):
    """Base class of the errors meant for users (printed without a traceback)."""


class InputError(GraphBuilderError):
    """An input file or record that cannot be read as an article."""

    def __init__(self, location: str, reason: str, hint: str = "") -> None:
        self.location, self.reason, self.hint = location, reason, hint
        msg = f"{location}: {reason}"
        if hint:
            msg += f"; {hint}"
        super().__init__(msg)


class StoreError(GraphBuilderError):
    """The store cannot be opened, read or written."""


class QueryError(GraphBuilderError):
    """A SPARQL query or a named query is invalid, unknown, or missing a parameter."""


class ModelError(GraphBuilderError):
    """A spaCy model is not installed or cannot be loaded."""


class ConfigError(GraphBuilderError):
    """An option or a data file is invalid."""
