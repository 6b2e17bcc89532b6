"""HTML to article text: trafilatura for whole pages, a small converter for feed fragments.

:func:`parse_html` keeps the main text (no menus, ads, "lire aussi", comments) with its
paragraphs separated by a blank line, and the page metadata: title, author, date, site
name, canonical URL, declared language. Malformed or truncated HTML never raises: the
result is best effort, or ``None`` when no text is left.

>>> page = ("<html lang='fr'><head><title>Titre</title></head><body><nav>Accueil</nav>"
...         "<article><h1>Titre</h1><p>" + "Mistral AI lève des fonds. " * 8 + "</p></article></body></html>")
>>> r = parse_html(page)
>>> r.lang_hint, r.text.startswith("Mistral AI"), "Accueil" in r.text
('fr', True, False)
>>> html_to_text("<p>Un <b>modèle</b>&nbsp;ouvert</p><ul><li>un</li><li>deux</li></ul>")
'Un modèle\\xa0ouvert\\n\\nun\\n\\ndeux'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from graph_builder.ingest.language import normalize_lang

__all__ = ["HtmlPage", "parse_html", "html_to_text", "looks_like_html"]


@dataclass(frozen=True)
class HtmlPage:
    """What :func:`parse_html` found in a page."""

    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None
    site_name: str | None = None
    lang_hint: str | None = None


_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?)", re.I)
_META_LANG = re.compile(
    r"<meta\b[^>]*?(?:http-equiv\s*=\s*[\"']?content-language|property\s*=\s*[\"']og:locale)"
    r"[^>]*?content\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?)", re.I)
_CANONICAL = re.compile(
    r"<link\b[^>]*?rel\s*=\s*[\"']?canonical[\"']?[^>]*?href\s*=\s*[\"']([^\"']+)[\"']", re.I)
_SNIFF = re.compile(r"^\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html\b|<head\b|<body\b)", re.I | re.S)


def looks_like_html(head: str) -> bool:
    """True when text starts like an HTML document."""
    return bool(_SNIFF.match(head[:4096]))


def _lang_hint(html: str) -> str | None:
    head = html[:20000]
    m = _HTML_LANG.search(head) or _META_LANG.search(head)
    return normalize_lang(m[1]) if m else None


def parse_html(html: str) -> HtmlPage | None:
    """Main text and metadata of an HTML page, or ``None`` when no text can be extracted."""
    import trafilatura

    doc = None
    for kwargs in ({"favor_precision": True}, {"favor_recall": True}):
        try:
            doc = trafilatura.bare_extraction(
                html, with_metadata=True, include_comments=False, include_tables=False,
                include_images=False, include_links=False, **kwargs,
            )
        except Exception:  # noqa: BLE001 - lxml/trafilatura errors on broken markup
            doc = None
        if doc is not None and (getattr(doc, "text", None) or "").strip():
            break
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    title = (getattr(doc, "title", None) or None) if doc is not None else None
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if lines and title and lines[0] == title.strip():
        lines.pop(0)
    if not lines:
        fallback = html_to_text(html)
        if not fallback.strip():
            return None
        lines = [fallback]
    url = (getattr(doc, "url", None) or None) if doc is not None else None
    if m := _CANONICAL.search(html[:20000]):
        url = m[1].strip() or url
    return HtmlPage(
        text="\n\n".join(lines),
        title=title,
        url=url,
        published=(getattr(doc, "date", None) or None) if doc is not None else None,
        author=(getattr(doc, "author", None) or None) if doc is not None else None,
        site_name=(getattr(doc, "sitename", None) or None) if doc is not None else None,
        lang_hint=_lang_hint(html),
    )


_BLOCK = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "tr", "table", "section", "article", "header", "footer", "figure", "figcaption", "pre",
    "dd", "dt", "hr", "main", "aside",
})
_SKIP = frozenset({"script", "style", "noscript", "template", "iframe", "svg", "head"})
_WS = re.compile(r"[ \t\n\r\f]+")  # ASCII whitespace only: non-breaking spaces are kept


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.skip_depth = 0

    def _flush(self) -> None:
        para = _WS.sub(" ", "".join(self.current)).strip()
        if para:
            self.paragraphs.append(para)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip_depth += 1
        elif tag in _BLOCK:
            self._flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BLOCK:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.current.append(data)


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's content): block elements become paragraphs
    separated by a blank line; ASCII whitespace runs collapse, entities are decoded."""
    parser = _TextParser()
    try:
        parser.feed(fragment)
        parser.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient, but be safe on junk
        pass
    parser._flush()
    return "\n\n".join(parser.paragraphs)
