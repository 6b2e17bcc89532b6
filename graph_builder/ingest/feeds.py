"""RSS 2.0 / Atom / RSS 1.0 feeds to articles (one per entry), with feedparser.

Each entry gives: ``url`` (its link), ``published`` (published, else updated, as an ISO
date), ``title``, ``author``; the body is the first non-empty ``content`` (HTML turned into
text), else the ``summary`` with ``is_summary=True``. ``source`` is the feed's link (else
its title), ``site_name`` the feed's title. The id is derived from the entry's link (so the
same story read from a feed and from its HTML page gets the same id), else the entry's
``guid``/``id``, else ``"sha-" + text_hash(text)``.

>>> rss = b'''<?xml version="1.0"?><rss version="2.0"><channel><title>IA</title>
... <link>https://ia.example.org/</link><language>fr</language>
... <item><title>Un</title><link>https://ia.example.org/un</link>
... <description>&lt;p&gt;Mistral AI publie Mixtral.&lt;/p&gt;</description>
... <pubDate>Mon, 11 Dec 2023 08:00:00 +0100</pubDate></item></channel></rss>'''
>>> [(d.article.id, d.article.text, d.article.published, d.article.is_summary, d.lang_hint)
...  for d in iter_feed(rss, "ia.rss", path="ia.rss")]
[('ia.example.org/un', 'Mistral AI publie Mixtral.', '2023-12-11', True, 'fr')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from graph_builder.ingest.decode import normalize_newlines
from graph_builder.ingest.draft import Draft, skip
from graph_builder.ingest.htmlfmt import html_to_text
from graph_builder.ingest.language import normalize_lang
from graph_builder.ingest.meta import canonical_url, iso_date, url_id
from graph_builder.types import Article, Skip, text_hash

__all__ = ["looks_like_feed", "iter_feed"]

_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.I)


def looks_like_feed(head: str) -> bool:
    """True when the first characters of a document open an RSS/Atom/RDF feed."""
    return bool(_FEED_ROOT.search(head[:4096]))


def _body(detail: Any) -> str:
    value = (detail.get("value") if isinstance(detail, dict) else None) or ""
    kind = (detail.get("type") if isinstance(detail, dict) else None) or "text/html"
    if "html" in kind:
        return html_to_text(value)
    return normalize_newlines(value).strip()


def iter_feed(data: bytes, location: str, *, path: str | None = None) -> Iterator[Draft | Skip]:
    """The entries of a feed as drafts; a :class:`Skip` for an unreadable feed or an empty entry."""
    import feedparser

    try:
        parsed = feedparser.parse(data)
    except Exception as e:  # noqa: BLE001 - feedparser on junk input
        yield skip(location, "feed", f"not a readable RSS/Atom feed ({type(e).__name__}: {e})",
                   "check that the file is a feed")
        return
    entries = parsed.get("entries") or []
    if not entries:
        err = parsed.get("bozo_exception")
        what = f"not a valid RSS/Atom feed ({err})" if err else "the feed has no entries"
        yield skip(location, "feed", what, "check the file, or give it a .txt/.html extension")
        return
    feed = parsed.get("feed") or {}
    feed_title = (feed.get("title") or "").strip() or None
    feed_link = feed.get("link") or None
    feed_lang = normalize_lang(feed.get("language"))
    for n, entry in enumerate(entries, 1):
        loc = f"{location}#{n}"
        text, is_summary = "", False
        for content in entry.get("content") or []:
            text = _body(content)
            if text:
                break
        if not text:
            text = _body(entry.get("summary_detail") or {"value": entry.get("summary") or "",
                                                         "type": "text/html"})
            is_summary = bool(text)
        if not text:
            yield skip(loc, "no-text", f"feed entry {entry.get('title')!r} has neither content nor summary",
                       "nothing to read in this entry")
            continue
        link = entry.get("link") or None
        own = entry.get("id") or None
        lang = None
        for detail in (entry.get("content") or []) + [entry.get("summary_detail") or {}]:
            lang = lang or normalize_lang(detail.get("language") if isinstance(detail, dict) else None)
        date = (iso_date(entry.get("published_parsed")) or iso_date(entry.get("updated_parsed"))
                or iso_date(entry.get("published")) or iso_date(entry.get("updated")))
        yield Draft(
            Article(
                id=url_id(link) or (str(own).strip() if own else None) or "sha-" + text_hash(text),
                text=text,
                title=(entry.get("title") or "").strip() or None,
                published=date,
                source=feed_link or feed_title or path,
                url=canonical_url(link),
                author=(entry.get("author") or "").strip() or None,
                site_name=feed_title,
                is_summary=is_summary,
                path=path,
            ),
            lang_hint=lang or feed_lang,
        )
