"""A big plain-text or Markdown file, read in parts: one article per part of a few thousand words.

A 50 MB text file (a dump of many articles, a book, a long report) is not one news article:
held whole, spaCy's memory grows with it, and every fact would cite one giant "article". Above
:attr:`~graph_builder.ingest.IngestOptions.long_text_bytes` (256 kB), a text or Markdown file is
decoded a megabyte at a time and cut at paragraph breaks into parts of about
:attr:`~graph_builder.ingest.IngestOptions.part_chars` characters (20,000, about 3,000 words).
Each part is an article of its own: id ``<id>-p00012`` (``<id>`` as for any text file, from the
first part: front matter id or URL, else the hash of the first part's text), title ``"<title>
(part 12)"``, and ``line``, the line of the file where the part starts (messages say
``big.txt:3481``). Memory stays flat whatever the size, parts stream through ``nlp.pipe`` like
articles, and a rebuild of a file that grew re-extracts only the parts that changed.

The trade-off: facts are found within a sentence, but references ("the company", "Mistral"
after "Mistral AI") are resolved within an article, that is within a part. A news article in a
dump is shorter than a part, so most are whole in one part; a reference across a cut is lost.
Cuts fall only at paragraph breaks (a paragraph longer than :data:`HARD_LIMIT` is cut at a
sentence end or a space, as spaCy's pieces are). Two different files whose first parts are the
same text get the same ids: the second one's parts are then reported as duplicates.

>>> import io
>>> text = "\\n\\n".join(f"Paragraph {i} about Mistral AI in Paris." for i in range(40))
>>> [(line, len(part)) for line, part in cut_parts([text], 300)][:3]
[(1, 320), (17, 326), (33, 328)]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from graph_builder.ingest.decode import DecodeError, iter_decoded, sniff_binary
from graph_builder.ingest.draft import Draft, Notice, notice, skip
from graph_builder.ingest.meta import canonical_url, iso_date, url_id
from graph_builder.ingest.options import IngestOptions
from graph_builder.ingest.textfmt import parse_markdown, parse_text
from graph_builder.types import Article, Skip, text_hash

__all__ = ["HARD_LIMIT", "cut_parts", "iter_parts"]

#: A part never exceeds this many characters (the size of spaCy's pieces, ``extract.MAX_PIECE_CHARS``).
HARD_LIMIT = 50_000
_PARA = re.compile(r"\n[ \t\f\v]*\n\s*")
_SENTENCE_END = re.compile(r"[.!?…»”\"')\]]\s+")


def _cut_point(buf: str, start: int, target: int) -> int | None:
    """Where to end the part that starts at ``buf[start]``: after the first paragraph break
    past ``target`` characters; None when the buffer has none yet (read more)."""
    m = _PARA.search(buf, start + target)
    if m is not None and m.start() - start <= HARD_LIMIT:
        return m.end()
    if len(buf) - start < HARD_LIMIT:
        return None
    window = buf[start:start + HARD_LIMIT]
    breaks = [b.end() for b in _PARA.finditer(window, target // 4)]
    if breaks:  # no break past the target before the limit: the last one before it
        return start + breaks[-1]
    ends = [e.end() for e in _SENTENCE_END.finditer(window, target // 2)]
    if ends:
        return start + ends[-1]
    space = window.rfind(" ", target // 2)
    return start + (space + 1 if space > 0 else HARD_LIMIT)


def cut_parts(chunks: Iterable[str], part_chars: int) -> Iterator[tuple[int, str]]:
    """``(first line, text)`` of each part of the text given as ``chunks``; the parts cover the
    text exactly, in order."""
    buf, line = "", 1
    for chunk in chunks:
        buf += chunk
        start = 0
        while len(buf) - start >= part_chars:
            cut = _cut_point(buf, start, part_chars)
            if cut is None:
                break
            part = buf[start:cut]
            yield line, part
            line += part.count("\n")
            start = cut
        buf = buf[start:]
    if buf:
        yield line, buf


def iter_parts(path: Path, fmt: str, size: int, options: IngestOptions,
               progress: Callable[[int], None] | None = None) -> Iterator[Draft | Skip | Notice]:
    """The parts of one big text (``fmt="text"``) or Markdown (``"markdown"``) file, as drafts,
    after a :class:`Notice` saying so; a Skip if the file turns out binary or undecodable."""
    location = str(path)
    nul = [0]
    with path.open("rb") as fh:
        head = fh.read(8192)
        kind = sniff_binary(head)
        if kind:
            yield skip(location, "binary", f"binary file ({kind}), not text", "convert it to text first, or exclude it")
            return
        fh.seek(0)
        words = options.part_chars // 6
        yield notice(location, "parts", f"{size / 1e6:.1f} MB of text: read in parts of about "
                                        f"{options.part_chars:,} characters (~{words:,} words), one article per part")
        base: str | None = None
        title: str | None = None
        meta: dict[str, str] = {}
        n = 0
        done = 0
        try:
            for line, part in cut_parts(iter_decoded(fh, nul=nul), options.part_chars):
                if progress is not None:
                    pos = fh.tell()
                    progress(pos - done)
                    done = pos
                if n == 0:
                    title, body, meta = parse_markdown(part) if fmt == "markdown" else parse_text(part)
                    url = meta.get("url") or meta.get("canonical") or meta.get("link")
                    base = meta.get("id") or url_id(url) or "sha-" + text_hash(body)
                    title = meta.get("title") or title or path.stem
                else:
                    if fmt == "markdown":
                        heading, body, _ = parse_markdown(part)
                        body = f"{heading}\n\n{body}" if heading else body
                    else:
                        body = part.strip()
                if not body.strip():
                    continue
                n += 1
                url = meta.get("url") or meta.get("canonical") or meta.get("link")
                yield Draft(Article(
                    id=f"{base}-p{n:05d}",
                    text=body,
                    lang=meta.get("lang") or meta.get("language"),
                    title=f"{title} (part {n})",
                    published=iso_date(meta.get("published") or meta.get("date")),
                    source=meta.get("source") or url or location,
                    url=canonical_url(url),
                    author=meta.get("author"),
                    site_name=meta.get("site_name") or meta.get("sitename"),
                    path=location,
                    line=line,
                ), digest=text_hash(body))
        except DecodeError as e:
            hint = ("re-encode it as UTF-8 (e.g. iconv -f <encoding> -t utf-8)" if e.reason == "encoding"
                    else "convert it to text first, or exclude it")
            yield skip(location, e.reason, e.what, hint)
            return
        if progress is not None:
            progress(max(0, size - done))
    if nul[0]:
        yield notice(location, "nul-bytes", f"{nul[0]} NUL byte{'s' if nul[0] > 1 else ''} removed from the text",
                     "the rest was read")
    if n == 0:
        yield skip(location, "empty", "file holds only whitespace", "remove it or fill it")
