"""The record format readers hand to the finishing step (language, dedup) of ingestion.

>>> from graph_builder.types import Article
>>> d = Draft(Article(id="a", text="Bonjour"), lang_hint="fr")
>>> d.article.lang is None, d.lang_hint
(True, 'fr')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph_builder.errors import InputError
from graph_builder.types import Article, Skip

__all__ = ["Draft", "Notice", "notice", "skip"]


@dataclass(frozen=True, slots=True)
class Draft:
    """An article before its language is settled and duplicates are checked.

    ``article.lang`` is set only when the input declared it in a field we trust (a JSON
    ``lang`` field, Markdown front matter); ``lang_hint`` is a weaker hint (``<html lang>``,
    a feed's ``<language>``) used only when detection is unsure.
    """

    article: Article
    lang_hint: str | None = None
    digest: str | None = None  # text_hash(article.text) when already computed (big texts)


@dataclass(frozen=True, slots=True)
class Notice:
    """Something about an input that was read anyway (NUL bytes removed, a big file read in parts):
    one line, like a :class:`~graph_builder.types.Skip`'s, but the input is not lost."""

    location: str
    kind: str  # short key: "nul-bytes", "parts"
    message: str  # "location: what happened; what it means"


#: characters that break a line or drive a terminal (a file name may hold any of them)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _visible(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def skip(location: str, reason: str, what: str, hint: str = "") -> Skip:
    r"""A :class:`Skip` whose message is ``"location: what; hint"``, one line: control
    characters (newlines, escape sequences in a file name...) are shown escaped.

    >>> skip("a.pdf", "binary", "binary file (PDF)", "convert it to text").message
    'a.pdf: binary file (PDF); convert it to text'
    >>> print(skip("a\nb\x1b[2J.txt", "empty", "empty file").message)
    a\nb\x1b[2J.txt: empty file
    """
    message = _CONTROL.sub(_visible, str(InputError(location, what, hint)))
    return Skip(location=location, reason=reason, message=message)


def notice(location: str, kind: str, what: str, hint: str = "") -> Notice:
    r"""A :class:`Notice` whose message is ``"location: what; hint"``, one line (as :func:`skip`).

    >>> notice("a.txt", "nul-bytes", "3 NUL bytes removed").message
    'a.txt: 3 NUL bytes removed'
    """
    return Notice(location=location, kind=kind, message=skip(location, kind, what, hint).message)
