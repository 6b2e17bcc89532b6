"""Ingestion: files (text, Markdown, HTML, RSS/Atom, JSON, JSON Lines) to articles.

The build and the CLI call exactly this::

    iter_articles(paths, options=IngestOptions(), *, report=None, on_notice=None) -> Iterator[Article | Skip]

Every input problem is a :class:`~graph_builder.types.Skip` (a one-line message naming the
file and what to do), never an exception; stopping at the first Skip (``--strict``) is the
caller's choice. See :mod:`graph_builder.ingest.core` for formats and
``data/samples/README.md`` for examples.

>>> from graph_builder.ingest import IngestOptions, IngestReport, iter_articles
>>> report = IngestReport()
>>> items = list(iter_articles(["data/samples"], IngestOptions(text_field="body|text"),
...                            report=report))          # doctest: +SKIP
>>> print("\\n".join(report.summary_lines()))              # doctest: +SKIP
"""

from __future__ import annotations

from graph_builder.ingest.core import FORMATS, input_bytes, iter_articles, iter_bytes, sniff_format
from graph_builder.ingest.draft import Notice
from graph_builder.ingest.language import detect_language, normalize_lang
from graph_builder.ingest.options import IngestOptions
from graph_builder.ingest.report import IngestReport, NearDuplicate

__all__ = [
    "IngestOptions",
    "IngestReport",
    "NearDuplicate",
    "Notice",
    "input_bytes",
    "iter_articles",
    "iter_bytes",
    "detect_language",
    "normalize_lang",
    "sniff_format",
    "FORMATS",
]
