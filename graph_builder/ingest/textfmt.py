"""Plain text and Markdown to ``(title, body, metadata)``.

Decision (documented in ``data/samples/README.md``): ``Article.text`` is the **body only**,
as in the annotated articles of ``shared/eval``; the title goes to ``Article.title``.

Plain text: when the first line is short (≤ 150 characters, not ending with a period) and
followed by a blank line, it is the title (a copy of it as the first paragraph is dropped).
The body is kept exactly as written.

Markdown: an optional YAML-like front matter (``---`` / ``key: value`` / ``---``) gives
metadata (title, date/published, lang, url, source, author, id); a first ``# Title`` (or
setext ``Title`` / ``=====``) is the title. The syntax is stripped enough for NLP: headings
keep their text as a paragraph, emphasis and code marks go, links and images become their
text, list items become paragraphs, code blocks, HTML tags and link definitions are dropped;
the lines of a paragraph are joined with a space and paragraphs are separated by a blank line.

>>> parse_text("Mistral AI lève 385 M€\\n\\nLa start-up parisienne a levé des fonds.")
('Mistral AI lève 385 M€', 'La start-up parisienne a levé des fonds.', {})
>>> md = "# OpenAI lance ChatGPT\\n\\nLe **chatbot** d’[OpenAI](https://openai.com)\\nest ouvert.\\n\\n- gratuit\\n- en ligne"
>>> parse_markdown(md)
('OpenAI lance ChatGPT', 'Le chatbot d’OpenAI est ouvert.\\n\\ngratuit\\n\\nen ligne', {})
"""

from __future__ import annotations

import re

__all__ = ["parse_text", "parse_markdown", "strip_markdown_inline"]

_TITLE_MAX = 150


def parse_text(text: str) -> tuple[str | None, str, dict[str, str]]:
    """Split plain text into ``(title or None, body, {})``; the body is otherwise untouched."""
    text = text.strip()
    lines = text.split("\n", 2)
    if len(lines) == 3 and not lines[1].strip():
        title, body = lines[0].strip(), lines[2].strip()
        if title and body and len(title) <= _TITLE_MAX and not title.endswith("."):
            head, sep, rest = body.partition("\n\n")
            if head.strip() == title and rest.strip():  # title repeated as first paragraph
                body = rest.strip()
            return title, body, {}
    return None, text, {}


_FRONT_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---", 4)
    if end < 0:
        return {}, text
    after = text.find("\n", end + 4)
    block, rest = text[4:end], (text[after + 1:] if after >= 0 else "")
    meta: dict[str, str] = {}
    for line in block.split("\n"):
        if m := _FRONT_KEY.match(line):
            value = m[2]
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            if value:
                meta[m[1].lower()] = value
    return meta, rest


_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_REFLINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_CODE = re.compile(r"`+([^`]*)`+")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"\*(?=\S)([^*]+?)(?<=\S)\*")
_EM_UND = re.compile(r"(?<!\w)_(?=\S)([^_]+?)(?<=\S)_(?!\w)")
_STRIKE = re.compile(r"~~(.+?)~~")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")


def strip_markdown_inline(line: str) -> str:
    """Remove inline Markdown from one line: images/links → text, emphasis/code marks, tags.

    >>> strip_markdown_inline("**Mistral** lance [Le Chat](https://chat.mistral.ai) ! `v1`")
    'Mistral lance Le Chat ! v1'
    """
    line = _IMAGE.sub(r"\1", line)
    line = _LINK.sub(r"\1", line)
    line = _REFLINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _TAG.sub("", line)
    line = _CODE.sub(r"\1", line)
    line = _STRONG.sub(r"\2", line)
    line = _EM_STAR.sub(r"\1", line)
    line = _EM_UND.sub(r"\1", line)
    line = _STRIKE.sub(r"\1", line)
    return _ESCAPE.sub(r"\1", line)


_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_HR = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_LINKDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def parse_markdown(text: str) -> tuple[str | None, str, dict[str, str]]:
    """Markdown to ``(title or None, plain body, front-matter metadata)``."""
    meta, text = _front_matter(text.lstrip("\ufeff"))
    paragraphs: list[tuple[str, str]] = []  # (kind, text); kind "h1" marks a top heading
    current: list[str] = []
    in_fence = False

    def flush() -> None:
        if current:
            para = " ".join(s for s in current if s)
            if para.strip():
                paragraphs.append(("p", para.strip()))
            current.clear()

    for raw in text.split("\n"):
        if _FENCE.match(raw):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if not raw.strip():
            flush()
            continue
        if current and _SETEXT.match(raw):
            level = "h1" if raw.strip().startswith("=") else "h2"
            heading = " ".join(current)
            current.clear()
            paragraphs.append((level, heading.strip()))
            continue
        if _HR.match(raw) or _LINKDEF.match(raw) or _TABLE_SEP.match(raw):
            flush()
            continue
        if m := _ATX.match(raw):
            flush()
            heading = strip_markdown_inline(m[2]).strip()
            if heading:
                paragraphs.append(("h1" if len(m[1]) == 1 else "h2", heading))
            continue
        line = _QUOTE.sub("", raw)
        if m := _LIST.match(line):
            flush()
            line = line[m.end():]
        if line.lstrip().startswith("|") and line.rstrip().endswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            line = ", ".join(c for c in cells if c)
        current.append(strip_markdown_inline(line.strip()))
    flush()

    title = meta.get("title")
    if paragraphs and paragraphs[0][0] == "h1":
        heading = paragraphs.pop(0)[1]
        title = title or heading
    body = "\n\n".join(p for _, p in paragraphs)
    if title is None and paragraphs:
        t, b, _ = parse_text(body)
        if t is not None and paragraphs[0][0] != "p":
            title, body = t, b
    return title, body, meta
