"""Options of the ingestion stage: which files, which JSON fields, which languages.

>>> opts = IngestOptions(text_field="body|text", lang="fr")
>>> opts.field_names("text")
('body', 'text')
>>> IngestOptions().max_bytes
209715200
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["IngestOptions"]


@dataclass(frozen=True)
class IngestOptions:
    """How :func:`graph_builder.ingest.iter_articles` reads its inputs.

    ``include``/``exclude`` are glob patterns matched against a file's name and against its
    path relative to the folder being walked (``"*.md"``, ``"2024/*"``); ``exclude`` wins.

    The ``*_field`` options name the keys of JSON / JSON Lines records. A field may be a dotted
    path into nested objects (``"content.body"``) and may list alternatives separated by ``|``,
    tried in order (``"body|text"``).

    ``lang`` forces the language of every article (no detection); otherwise the language is the
    record's own ``lang`` field when it has one, else detected. Articles in a language outside
    ``languages`` become ``Skip(reason="language")``.

    ``dedup`` skips exact duplicates (same URL, or same normalised text) and reports
    near-duplicates (see :class:`graph_builder.ingest.IngestReport`).

    A text or Markdown file bigger than ``long_text_bytes`` is read in parts of about
    ``part_chars`` characters, one article per part (:mod:`graph_builder.ingest.bigtext`).
    """

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    text_field: str = "text"
    id_field: str = "id"
    title_field: str = "title"
    date_field: str = "published"
    url_field: str = "url"
    lang_field: str = "lang"
    source_field: str = "source"
    lang: str | None = None
    languages: tuple[str, ...] = ("fr", "en")
    dedup: bool = True
    max_bytes: int = 200 * 1024 * 1024
    long_text_bytes: int = 256 * 1024
    part_chars: int = 20_000

    def field_names(self, what: str) -> tuple[str, ...]:
        """The alternatives configured for one field (``"text"``, ``"id"``, ``"title"``, ...)."""
        spec: str = getattr(self, f"{what}_field")
        return tuple(p.strip() for p in spec.split("|") if p.strip())
