"""JSON and JSON Lines records to articles, through the field mapping of :class:`IngestOptions`.

A record has the annotated-article shape of ``shared/eval/FORMAT.md`` (``id``, ``text``,
``lang``, ``title``, ``published``, ``source``, ``url``; gold ``entities``/``relations`` are
ignored). Field names come from the options; a field may be a dotted path (``"a.b"``) and
list alternatives (``"body|text"``).

>>> from graph_builder.ingest.options import IngestOptions
>>> d = record_to_draft({"id": 7, "body": "Texte.", "date": "11/12/2023"}, "x.jsonl:3",
...                     IngestOptions(text_field="body", date_field="date"), path="x.jsonl", line=3)
>>> d.article.id, d.article.text, d.article.published, d.article.line
('7', 'Texte.', '2023-12-11', 3)
>>> record_to_draft({"title": "t", "corps": "Mistral AI " * 9}, "x.json", IngestOptions()).message
"x.json: no 'text' field (keys found: title, corps); pass --text-field corps"
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from graph_builder.ingest.decode import normalize_newlines
from graph_builder.ingest.draft import Draft, skip
from graph_builder.ingest.meta import article_link, iso_date, url_id
from graph_builder.ingest.options import IngestOptions
from graph_builder.types import Article, Skip, text_hash

__all__ = ["get_field", "record_to_draft", "iter_json_document", "parse_json_line"]

_LIST_KEYS = ("articles", "items", "data", "records", "documents", "docs")


def get_field(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    """The first present, non-empty value among ``names`` (dotted paths allowed), else None."""
    for name in names:
        value: Any = record
        for part in name.split("."):
            if isinstance(value, dict) and part in value:
                value = value[part]
            else:
                value = None
                break
        if value is not None and value != "":
            return value
    return None


def _as_str(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _guess_text_key(record: dict[str, Any]) -> str | None:
    strings = [(len(v), k) for k, v in record.items() if isinstance(v, str) and len(v) > 40]
    return max(strings)[1] if strings else None


def record_to_draft(record: Any, location: str, options: IngestOptions, *,
                    path: str | None = None, line: int | None = None) -> Draft | Skip:
    """One JSON object to a :class:`Draft`, or a :class:`Skip` naming what is missing."""
    if not isinstance(record, dict):
        return skip(location, "json", f"expected a JSON object, found {type(record).__name__}",
                    "write one object per article")
    names = options.field_names("text")
    raw = get_field(record, names)
    if isinstance(raw, list) and all(isinstance(x, str) for x in raw):
        raw = "\n\n".join(x.strip() for x in raw if x.strip())
    if raw is None:
        keys = ", ".join(list(record)[:12]) or "none"
        guess = _guess_text_key(record)
        hint = f"pass --text-field {guess}" if guess else "name the text field with --text-field"
        return skip(location, "no-text", f"no {'|'.join(repr(n) for n in names)} field "
                    f"(keys found: {keys})", hint)
    if not isinstance(raw, str):
        return skip(location, "no-text", f"field {names[0]!r} is a {type(raw).__name__}, not a string",
                    "point --text-field at the article body")
    text = normalize_newlines(raw).strip()
    if not text:
        return skip(location, "empty", f"field {names[0]!r} is empty", "remove the record or fill it")
    url = _as_str(get_field(record, options.field_names("url")))
    source = _as_str(get_field(record, options.field_names("source")))
    own_id = _as_str(get_field(record, options.field_names("id")))
    article = Article(
        id=own_id or url_id(url) or "sha-" + text_hash(text),
        text=text,
        lang=_as_str(get_field(record, options.field_names("lang"))),
        title=_as_str(get_field(record, options.field_names("title"))),
        published=iso_date(get_field(record, options.field_names("date"))),
        source=source or url or path,
        url=article_link(url, source),  # a link given as the source is the article's link too
        author=_as_str(record.get("author")),
        site_name=_as_str(record.get("site_name") or record.get("sitename")),
        path=path,
        line=line,
    )
    return Draft(article)


def parse_json_line(raw: bytes, location: str) -> Any | Skip:
    """One JSON Lines line (bytes) to a value, or a :class:`Skip` (encoding / json)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return skip(location, "encoding", f"line is not valid UTF-8 (byte {e.start})",
                    "JSON Lines must be UTF-8: re-encode the file")
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        return skip(location, "json", f"invalid JSON ({e.msg}, column {e.colno})",
                    "fix or remove the line")
    except RecursionError:
        return skip(location, "json", "JSON nested too deeply", "fix or remove the line")


def iter_json_document(text: str, location: str, options: IngestOptions,
                       path: str | None) -> Iterator[Draft | Skip]:
    """A ``.json`` document: one object, a list of objects, or ``{"articles": [...]}``.

    A file that holds one object per line (JSON Lines named ``.json``) is read as such.
    """
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        if e.msg == "Extra data" and text.lstrip().startswith("{"):
            for n, line in enumerate(text.split("\n"), 1):
                if line.strip():
                    value = parse_json_line(line.encode("utf-8"), f"{location}:{n}")
                    yield value if isinstance(value, Skip) else record_to_draft(
                        value, f"{location}:{n}", options, path=path, line=n)
            return
        yield skip(location, "json", f"invalid JSON at line {e.lineno}, column {e.colno} ({e.msg})",
                   "fix the file (one object, or a list of objects; .jsonl for one per line)")
        return
    except RecursionError:
        yield skip(location, "json", "JSON nested too deeply", "fix the file")
        return
    if isinstance(doc, dict) and get_field(doc, options.field_names("text")) is None:
        for key in _LIST_KEYS:
            if isinstance(doc.get(key), list):
                doc = doc[key]
                break
    if isinstance(doc, list):
        if not doc:
            yield skip(location, "empty", "empty JSON list", "add articles or remove the file")
        for i, rec in enumerate(doc, 1):
            yield record_to_draft(rec, f"{location}#{i}", options, path=path)
        return
    yield record_to_draft(doc, location, options, path=path)
