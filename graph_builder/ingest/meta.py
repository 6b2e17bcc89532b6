"""Small helpers for article metadata: ISO dates, canonical URLs, URL-derived ids.

>>> iso_date("2023-12-11T07:30:00+01:00")
'2023-12-11'
>>> iso_date("Mon, 11 Dec 2023 07:30:00 GMT")
'2023-12-11'
>>> iso_date("11 décembre 2023")
'2023-12-11'
>>> iso_date("not a date") is None
True
>>> canonical_url("HTTPS://www.Example.com/a/b/?utm_source=rss&id=3#top")
'https://www.example.com/a/b?id=3'
>>> url_id("https://www.example.com/a/b/?utm_source=rss")
'example.com/a/b'
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import re
import time
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

__all__ = ["iso_date", "canonical_url", "article_link", "url_id"]

_MONTHS = {
    # French
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*$")
_WORDS = re.compile(r"^\s*(?:\w+\.?,?\s+)?(\d{1,2})(?:er)?\s+([^\W\d]+)\.?\s+(\d{4})", re.UNICODE)
_WORDS_EN = re.compile(r"^\s*(?:\w+,?\s+)?([^\W\d]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")


def _mk(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def iso_date(value: object) -> str | None:
    """``"YYYY-MM-DD"`` from a date-like value, or ``None`` when it cannot be parsed.

    Accepts ``datetime``/``date``, ``time.struct_time`` (feedparser), ISO 8601 strings,
    RFC 2822 strings (RSS), ``DD/MM/YYYY``, ``"11 décembre 2023"``, ``"December 11, 2023"``
    and a bare year-month-day prefix. The date is the one written (no timezone conversion).
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        return _mk(value.tm_year, value.tm_mon, value.tm_mday)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return dt.datetime.fromtimestamp(float(value), tz=dt.timezone.utc).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    s = value.strip()[:100]
    if m := _ISO.match(s):
        return _mk(int(m[1]), int(m[2]), int(m[3]))
    if m := _DMY.match(s):
        return _mk(int(m[3]), int(m[2]), int(m[1]))
    try:
        parsed = email.utils.parsedate_to_datetime(s)
    except (TypeError, ValueError, IndexError, OverflowError):
        parsed = None
    if parsed is not None:
        return parsed.date().isoformat()
    if (m := _WORDS.match(s)) and m[2].casefold() in _MONTHS:
        return _mk(int(m[3]), _MONTHS[m[2].casefold()], int(m[1]))
    if (m := _WORDS_EN.match(s)) and m[1].casefold() in _MONTHS:
        return _mk(int(m[3]), _MONTHS[m[1].casefold()], int(m[2]))
    return None


def canonical_url(url: str | None) -> str | None:
    """A URL in a comparable form: lower-case scheme and host, no fragment, no ``utm_*``
    tracking parameters, no trailing slash. ``None`` for anything that is not http(s)."""
    if not url or not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not k.lower().startswith("utm_")])
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def article_link(url: str | None, source: str | None) -> str | None:
    """The article's link: ``url``, else ``source`` when it is an http(s) URL (``source`` is "where the
    text comes from: a URL, or 'original'" in the annotated-article format), in :func:`canonical_url` form.

    >>> article_link(None, "https://www.example.com/a/?utm_source=x"), article_link(None, "original")
    ('https://www.example.com/a', None)
    """
    return canonical_url(url) or canonical_url(source)


def url_id(url: str | None) -> str | None:
    """A readable, stable article id derived from a URL: host (without ``www.``) + path
    (+ query); ids longer than 200 characters are shortened with a hash suffix."""
    canon = canonical_url(url)
    if canon is None:
        return None
    parts = urlsplit(canon)
    host = parts.netloc.removeprefix("www.")
    out = host + parts.path + (f"?{parts.query}" if parts.query else "")
    if len(out) > 200:
        out = out[:180] + "-" + hashlib.sha256(out.encode("utf-8")).hexdigest()[:16]
    return out
