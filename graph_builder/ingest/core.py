"""The ingestion entry point: paths (files, folders, globs, ``-``) to ``Article | Skip``.

Formats are chosen by extension and confirmed by sniffing the content:

=====================  ===========================================================
``.txt`` ``.text``     plain text (short first line + blank line = title)
``.md`` ``.markdown``  Markdown (front matter, ``# Title``, syntax stripped)
``.json``              one record, a list, or ``{"articles": [...]}``
``.jsonl`` ``.ndjson`` one record per line, streamed (a broken line is one Skip)
``.html`` ``.htm``     trafilatura main text + metadata
``.xml`` ``.rss``      RSS/Atom feed, one article per entry
``.atom`` ``.rdf``
anything else, stdin   sniffed: binary / JSON / JSON Lines / feed / HTML / Markdown / text
=====================  ===========================================================

Every problem with an input is a :class:`~graph_builder.types.Skip` with a one-line
message naming the file (and line) and what to do; nothing here raises on bad input. What
was read anyway but deserves a line (NUL bytes removed, a big file read in parts) is a
:class:`~graph_builder.ingest.draft.Notice`, passed to ``on_notice``. Named pipes, sockets
and devices are skipped without being opened (reading one could block forever); an
unreadable file or folder is one skip, and the rest of its folder is still read.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("Mistral AI lève des fonds\\n\\nLa start-up française Mistral AI "
...     "a levé 385 millions d’euros auprès du fonds américain Andreessen Horowitz, huit mois "
...     "après sa création à Paris par trois anciens chercheurs de Google DeepMind et de Meta.")
>>> _ = (d / "b.pdf").write_bytes(b"%PDF-1.7 ...")
>>> report = IngestReport()
>>> [(type(x).__name__, getattr(x, "lang", None) or x.reason) for x in iter_articles([d], report=report)]
[('Article', 'fr'), ('Skip', 'binary')]
>>> report.summary_lines()[0]
'read 1 article (fr 1) from 2 files'
"""

from __future__ import annotations

import dataclasses
import fnmatch
import glob
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from graph_builder.ingest.bigtext import iter_parts
from graph_builder.ingest.decode import DecodeError, decode_bytes, sniff_binary, strip_nul, too_many_nul
from graph_builder.ingest.dedup import Deduplicator
from graph_builder.ingest.draft import Draft, Notice, notice, skip
from graph_builder.ingest.feeds import iter_feed, looks_like_feed
from graph_builder.ingest.htmlfmt import looks_like_html, parse_html
from graph_builder.ingest.language import detect_language, normalize_lang
from graph_builder.ingest.meta import article_link, canonical_url, iso_date, url_id
from graph_builder.ingest.options import IngestOptions
from graph_builder.ingest.records import iter_json_document, parse_json_line, record_to_draft
from graph_builder.ingest.report import IngestReport
from graph_builder.ingest.textfmt import parse_markdown, parse_text
from graph_builder.types import Article, Skip, text_hash

__all__ = ["FORMATS", "input_bytes", "iter_articles", "iter_bytes", "sniff_format"]

#: extension -> format name
FORMATS: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".html": "html", ".htm": "html",
    ".xhtml": "html", ".xml": "feed", ".rss": "feed", ".atom": "feed", ".rdf": "feed",
}
#: files a folder walk passes over silently (project notes, not articles)
_NOT_ARTICLES = ("readme*", "license*", "licence*", "changelog*", "contributing*")
_GLOB_CHARS = frozenset("*?[")
_STDIN = "<stdin>"
_MIN_CONFIDENCE = 0.5
#: below this many words a text is too short to tell its language (when detection is unsure)
_SHORT_WORDS = 30
_LANGUAGE_NAMES = {"fr": "French (fr)", "en": "English (en)"}


def sniff_format(head: str) -> str:
    """Guess a format from the first characters of decoded text.

    >>> sniff_format('{"id": 1, "text": "a"}\\n{"id": 2, "text": "b"}'), sniff_format("<rss>")
    ('jsonl', 'feed')
    >>> sniff_format("<!DOCTYPE html><html>"), sniff_format("# Titre\\n\\nTexte"), sniff_format("Texte")
    ('html', 'markdown', 'text')
    """
    s = head.lstrip("\ufeff \t\r\n")
    if s.startswith("{"):
        lines = [ln for ln in s.split("\n") if ln.strip()]
        if len(lines) > 1 and lines[1].lstrip().startswith("{") and lines[0].rstrip().endswith("}"):
            return "jsonl"
        return "json"
    if s.startswith("["):
        return "json"
    if s.startswith("<"):
        if looks_like_feed(s):
            return "feed"
        if looks_like_html(s) or s[:1000].lower().count("<p") > 0:
            return "html"
        if s.startswith("<?xml"):
            return "feed"
    if s.startswith(("# ", "---\n")):
        return "markdown"
    return "text"


# ---------------------------------------------------------------- reading one input


def _too_large(location: str, size: int, options: IngestOptions) -> Skip:
    return skip(location, "too-large",
                f"file is {size / 1e6:.1f} MB, over the {options.max_bytes / 1e6:.0f} MB limit",
                "split it, or raise the limit (IngestOptions.max_bytes / --max-bytes)")


def _text_draft(text: str, fmt: str, location: str, path: str | None) -> Draft | Skip:
    if fmt == "markdown":
        title, body, meta = parse_markdown(text)
    else:
        title, body, meta = parse_text(text)
    if not body.strip():
        return skip(location, "empty", "no text besides a title", "add the article body")
    url = meta.get("url") or meta.get("canonical") or meta.get("link")
    digest = text_hash(body)
    return Draft(Article(
        id=meta.get("id") or url_id(url) or "sha-" + digest,
        text=body,
        lang=meta.get("lang") or meta.get("language"),
        title=title,
        published=iso_date(meta.get("published") or meta.get("date")),
        source=meta.get("source") or url or path or location,
        url=article_link(url, meta.get("source")),
        author=meta.get("author"),
        site_name=meta.get("site_name") or meta.get("sitename"),
        path=path,
    ), digest=digest)


def _html_draft(text: str, location: str, path: str | None) -> Draft | Skip:
    page = parse_html(text)
    if page is None:
        return skip(location, "no-text", "no main text found in the HTML page",
                    "check the page is an article (not an index or a script-only page)")
    url = canonical_url(page.url)
    return Draft(Article(
        id=url_id(url) or "sha-" + text_hash(page.text),
        text=page.text,
        title=page.title,
        published=iso_date(page.published),
        source=url or page.site_name or path or location,
        url=url,
        author=page.author,
        site_name=page.site_name,
        path=path,
    ), lang_hint=page.lang_hint)


def _iter_jsonl_lines(lines: Iterable[bytes], location: str, path: str | None,
                      options: IngestOptions) -> Iterator[Draft | Skip]:
    seen_any = False
    for n, raw in enumerate(lines, 1):
        if n == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if not raw.strip():
            continue
        seen_any = True
        loc = f"{location}:{n}"
        value = parse_json_line(raw.strip(), loc)
        yield value if isinstance(value, Skip) else record_to_draft(
            value, loc, options, path=path, line=n)
    if not seen_any:
        yield skip(location, "empty", "file has no JSON Lines records", "add records or remove it")


def _from_bytes(data: bytes, fmt: str | None, location: str, path: str | None,
                options: IngestOptions) -> Iterator[Draft | Skip | Notice]:
    """One whole input (a file's bytes, or stdin) to drafts, skips and notices."""
    if not data.strip():
        yield skip(location, "empty", "empty file" if not data else "file holds only whitespace",
                   "remove it or fill it")
        return
    kind = sniff_binary(data)
    if kind is None and too_many_nul(data) and strip_nul(data)[1]:
        kind = "NUL bytes"
    if kind:
        tool = " (e.g. with pdftotext)" if kind == "PDF" else ""
        yield skip(location, "binary", f"binary file ({kind}), not text",
                   f"convert it to text first{tool}, or exclude it")
        return
    data, nul = strip_nul(data)
    if nul:
        yield notice(location, "nul-bytes", f"{nul} NUL byte{'s' if nul > 1 else ''} removed from the text",
                     "the rest was read")
    if fmt == "feed":
        yield from iter_feed(data, location, path=path)
        return
    try:
        text, _encoding = decode_bytes(data)
    except DecodeError as e:
        hint = ("re-encode it as UTF-8 (e.g. iconv -f <encoding> -t utf-8)" if e.reason == "encoding"
                else "convert it to text first, or exclude it")
        yield skip(location, e.reason, e.what, hint)
        return
    if not text.strip():
        yield skip(location, "empty", "file holds only whitespace", "remove it or fill it")
        return
    if fmt is None:
        fmt = sniff_format(text[:8192])
        if fmt == "feed":
            yield from iter_feed(data, location, path=path)
            return
    if fmt == "jsonl":
        yield from _iter_jsonl_lines((ln.encode("utf-8") for ln in text.split("\n")),
                                     location, path, options)
    elif fmt == "json":
        yield from iter_json_document(text, location, options, path)
    elif fmt == "html":
        yield _html_draft(text, location, path)
    else:
        yield _text_draft(text, fmt, location, path)


def _read_limited(stream: BinaryIO, limit: int) -> bytes:
    chunks, total = [], 0
    while total <= limit:
        chunk = stream.read(min(1 << 20, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


#: what a file that is not a regular file is, by its mode
_SPECIAL = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
            (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def _special(mode: int) -> str | None:
    """What a non-regular, non-folder file is (``"a named pipe (FIFO)"``...), or None."""
    for test, what in _SPECIAL:
        if test(mode):
            return what
    return None


def _streamed_format(path: Path, fmt: str | None) -> str | None:
    """``"text"``/``"markdown"`` when a big file of this format is read in parts, else None."""
    if fmt in ("text", "markdown"):
        return fmt
    if fmt is not None:
        return None
    try:
        with path.open("rb") as fh:
            head = fh.read(8192)
    except OSError:
        return None
    if sniff_binary(head):
        return None
    found = sniff_format(head.decode("utf-8", "replace"))
    return found if found in ("text", "markdown") else None


def _from_file(path: Path, options: IngestOptions,
               progress: Callable[[int], None] | None = None) -> Iterator[Draft | Skip | Notice]:
    location = str(path)
    fmt = FORMATS.get(path.suffix.lower())
    try:
        info = path.stat()
        special = _special(info.st_mode)
        if special:  # never opened: a pipe with no writer blocks forever
            yield skip(location, "special", f"is {special}, not a file",
                       "leave it out of the input folder; to read a pipe, give its content on standard input "
                       "(graph-builder build - < PIPE)")
            return
        size = info.st_size
        if size > options.max_bytes:
            yield _too_large(location, size, options)
            return
        if size > options.long_text_bytes:
            streamed = _streamed_format(path, fmt)
            if streamed:
                yield from iter_parts(path, streamed, size, options, progress)
                return
        if fmt == "jsonl":
            with path.open("rb") as f:
                head = f.read(8192)
                if sniff_binary(head):
                    data = head  # enough to report it
                elif head.startswith((b"\xff\xfe", b"\xfe\xff")) or not head.strip():
                    data = head + f.read()  # UTF-16/32 or blank: the whole-bytes path
                else:
                    f.seek(0)
                    yield from _iter_jsonl_lines(f, location, location, options)
                    if progress is not None:
                        progress(size)
                    return
        else:
            data = path.read_bytes()
    except PermissionError:
        yield skip(location, "unreadable", "permission denied", "check the file's permissions")
        return
    except IsADirectoryError:
        yield skip(location, "unreadable", "is a directory", "pass the folder itself")
        return
    except OSError as e:
        yield skip(location, "unreadable", f"cannot be read ({e.strerror or e})", "check the file")
        return
    if progress is not None:
        progress(size)
    yield from _from_bytes(data, fmt, location, location, options)


def _selected(rel: str, name: str, options: IngestOptions) -> bool:
    def match(patterns: tuple[str, ...]) -> bool:
        return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(rel, p) for p in patterns)

    if options.include and not match(options.include):
        return False
    return not (options.exclude and match(options.exclude))


def _is_store(folder: Path) -> bool:
    """A graph store (RocksDB files) inside an input folder: ``build . --store out/store``.

    False for a folder that cannot be looked into (the walk then reports it, once).
    """
    try:
        return (folder / "CURRENT").is_file() and (folder / "LOCK").exists()
    except OSError:
        return False


def _walk(top: Path, options: IngestOptions) -> Iterator[Path | Skip]:
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(top, onerror=errors.append):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not _is_store(Path(dirpath) / d))
        for name in sorted(filenames):
            if name.startswith(".") or any(fnmatch.fnmatch(name.lower(), p) for p in _NOT_ARTICLES):
                continue
            full = Path(dirpath) / name
            rel = full.relative_to(top).as_posix()
            if _selected(rel, name, options):
                yield full
        while errors:
            e = errors.pop(0)
            where = e.filename or str(top)
            yield skip(str(where), "unreadable", f"folder cannot be read ({e.strerror or e})",
                       "check its permissions")
    while errors:
        e = errors.pop(0)
        yield skip(str(e.filename or top), "unreadable", f"folder cannot be read ({e.strerror or e})",
                   "check its permissions")


def _expand(item: str | Path, options: IngestOptions) -> Iterator[Path | Skip | str]:
    """One ``paths`` item to files (Path), skips, or ``"-"`` for stdin."""
    if isinstance(item, str) and item == "-":
        yield "-"
        return
    path = Path(item)
    try:
        if path.is_dir():
            yield from _walk(path, options)
            return
        if path.exists():
            yield path
            return
    except OSError as e:
        yield skip(str(item), "unreadable", f"cannot be accessed ({e.strerror or e})", "check the path")
        return
    text = str(item)
    if _GLOB_CHARS & set(text):
        matches = sorted(glob.glob(text, recursive=True))
        files = [Path(m) for m in matches if not Path(m).name.startswith(".")]
        if not files:
            yield skip(text, "missing", "no file matches this pattern", "check the pattern and quote it")
        for m in files:
            if m.is_dir():
                yield from _walk(m, options)
            elif _selected(m.as_posix(), m.name, options):
                yield m
        return
    yield skip(text, "missing", "no such file or folder", "check the path")


# ---------------------------------------------------------------- finishing


class _Finisher:
    """Settles the language and checks duplicates, in input order."""

    def __init__(self, options: IngestOptions, report: IngestReport | None) -> None:
        self.options = options
        self.report = report
        self.dedup = Deduplicator() if options.dedup else None
        self.forced = normalize_lang(options.lang) or options.lang if options.lang else None
        self.languages = tuple(normalize_lang(x) or x for x in options.languages)

    def finish(self, item: Draft | Skip) -> Article | Skip:
        """The article with its language settled and duplicates checked, or why it was skipped."""
        if isinstance(item, Skip):
            return item
        a, loc = item.article, item.article.location
        if not any(ch.isalpha() for ch in a.text[:100_000]):
            return skip(loc, "no-text", "no words in the text", "check the file holds an article")
        if self.forced:
            lang: str | None = self.forced
            note = ""
        elif a.lang and normalize_lang(a.lang):
            lang, note = normalize_lang(a.lang), " (declared)"
        else:
            lang, conf = detect_language(a.text)
            note = f" (detected, confidence {conf:.2f})"
            if item.lang_hint and (lang is None or conf < _MIN_CONFIDENCE):
                lang, note = item.lang_hint, " (declared by the page)"
            elif lang is None or conf < _MIN_CONFIDENCE:
                words = len(a.text.split())
                force = " or ".join(f"--lang {x}" for x in self.languages)
                if words < _SHORT_WORDS:
                    return skip(loc, "language", f"too short to detect the language ({words} "
                                f"word{'' if words == 1 else 's'})", f"pass {force}")
                guess = f" (best guess '{lang}', confidence {conf:.2f})" if lang else ""
                return skip(loc, "language", f"the language could not be told with confidence{guess}",
                            f"pass {force} if it is one of them")
        if lang not in self.languages:
            names = " and ".join(_LANGUAGE_NAMES.get(x, x) for x in self.languages)
            force = " or ".join(f"--lang {x}" for x in self.languages)
            return skip(loc, "language", f"language '{lang}'{note} is not supported: graph_builder reads {names}",
                        f"leave it out, or pass {force} if the detection is wrong")
        a = dataclasses.replace(a, lang=lang)
        if self.dedup is not None:
            first = self.dedup.duplicate_of(a, loc, item.digest)
            if first is not None:
                where, why = first
                if why == "id":
                    return skip(loc, "duplicate-id", f"id {a.id!r} is already used by {where} "
                                "with a different text", "give each article a unique id")
                same = "same URL" if why == "url" else "same text"
                return skip(loc, "duplicate", f"duplicate of {where} ({same})",
                            "nothing to do (pass --no-dedup to keep duplicates)")
            for other, sim in self.dedup.near_duplicates(a, loc):
                if self.report is not None:
                    self.report.add_near_duplicate(other, loc, sim)
        return a


def _drafts(paths: Iterable[str | Path], options: IngestOptions,
            report: IngestReport | None) -> Iterator[Draft | Skip | Notice]:
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for item in paths:
        for target in _expand(item, options):
            if isinstance(target, Skip):
                yield target
            elif isinstance(target, str):  # "-": stdin
                if report is not None:
                    report.add_file()
                data = _read_limited(sys.stdin.buffer, options.max_bytes)
                if report is not None:
                    report.add_bytes(len(data))
                if len(data) > options.max_bytes:
                    yield _too_large(_STDIN, len(data), options)
                else:
                    yield from _from_bytes(data, None, _STDIN, None, options)
            else:
                if report is not None:
                    report.add_file()
                yield from _from_file(target, options, report.add_bytes if report is not None else None)


def _finish_all(items: Iterable[Draft | Skip | Notice], finisher: _Finisher, report: IngestReport | None,
                on_notice: Callable[[Notice], None] | None) -> Iterator[Article | Skip]:
    for item in items:
        if isinstance(item, Notice):
            if report is not None:
                report.add_notice(item)
            if on_notice is not None:
                on_notice(item)
            continue
        out = finisher.finish(item)
        if report is not None:
            report.add(out)
        yield out


def input_bytes(paths: Iterable[str | Path], options: IngestOptions = IngestOptions()) -> int | None:
    """The total size of the files ``paths`` name (what a build will read; for a progress bar's
    ETA), or None when one of them is standard input. Walks folders like :func:`iter_articles`,
    without reading anything.

    >>> input_bytes(["-"]) is None
    True
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    total = 0
    for item in paths:
        for target in _expand(item, options):
            if isinstance(target, str):
                return None
            if isinstance(target, Path):
                try:
                    info = target.stat()
                except OSError:
                    continue
                if stat.S_ISREG(info.st_mode):
                    total += info.st_size
    return total


def iter_articles(paths: Iterable[str | Path], options: IngestOptions = IngestOptions(), *,
                  report: IngestReport | None = None,
                  on_notice: Callable[[Notice], None] | None = None) -> Iterator[Article | Skip]:
    """Read files, folders (recursively, sorted, hidden files skipped), glob patterns, or
    ``"-"`` (stdin) and yield one :class:`Article` per article, or a :class:`Skip` per
    input (or record) that could not be read, in input order. Lazy: files are read as the
    iterator is consumed; JSON Lines files are streamed.

    With ``report=IngestReport()``, the report is filled as items are yielded, including
    the near-duplicate pairs and the notices (``on_notice`` also gets each notice as it comes).
    A single path (``str``/``Path``) is accepted as well.
    """
    yield from _finish_all(_drafts(paths, options, report), _Finisher(options, report), report, on_notice)


def iter_bytes(data: bytes, name: str = _STDIN, options: IngestOptions = IngestOptions(), *,
               fmt: str | None = None, report: IngestReport | None = None,
               on_notice: Callable[[Notice], None] | None = None) -> Iterator[Article | Skip]:
    """Like :func:`iter_articles` for bytes already in memory (``name`` is the location used
    in messages; ``fmt`` one of ``FORMATS``' values, sniffed when None).

    >>> [a.title for a in iter_bytes(b"# Titre\\n\\nMistral AI lance Le Chat.", "x.md", IngestOptions(lang="fr"))]
    ['Titre']
    """
    if report is not None:
        report.add_file()
        report.add_bytes(len(data))
    if len(data) > options.max_bytes:
        items: Iterable[Draft | Skip | Notice] = [_too_large(name, len(data), options)]
    else:
        items = _from_bytes(data, fmt, name, None if name == _STDIN else name, options)
    yield from _finish_all(items, _Finisher(options, report), report, on_notice)
