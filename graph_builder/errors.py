"""Errors graph_builder raises for users: each names what was wrong and what to do.

The CLI prints these as one line (no traceback) and exits non-zero.

>>> str(InputError("notes.pdf", "binary file (PDF)", "convert it to text first"))
'notes.pdf: binary file (PDF); convert it to text first'
"""

from __future__ import annotations

__all__ = ["GraphBuilderError", "InputError", "StoreError", "StoreDamagedError", "QueryError", "ModelError",
           "ConfigError"]


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


class StoreDamagedError(StoreError):
    """The store's files are damaged (a lost, truncated or corrupted RocksDB file).

    ``what`` names the damage; the message says what to do: rebuild from the sources, or
    save what is still readable with ``graph-builder export --salvage``.

    >>> str(StoreDamagedError("out/store", "block checksum mismatch in 000016.sst"))[:70]
    'out/store is damaged (block checksum mismatch in 000016.sst); rebuild '
    """

    def __init__(self, path: object | None, what: str) -> None:
        self.path, self.what = (str(path) if path is not None else None), what
        super().__init__(
            f"{self.path or 'a store'} is damaged ({what}); rebuild it from your sources into a new folder "
            f"(graph-builder build SOURCES --store NEW_FOLDER), or save what is still readable: "
            f"graph-builder export {self.path or 'STORE'} --salvage -o rescued.nq")


class QueryError(GraphBuilderError):
    """A SPARQL query or a named query is invalid, unknown, or missing a parameter."""


class ModelError(GraphBuilderError):
    """A spaCy model is not installed or cannot be loaded."""


class ConfigError(GraphBuilderError):
    """An option or a data file is invalid."""
