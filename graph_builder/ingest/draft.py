"""The record format readers hand to the finishing step (language, dedup) of ingestion.

>>> from graph_builder.types import Article
>>> d = Draft(Article(id="a", text="Bonjour"), lang_hint="fr")
>>> d.article.lang is None, d.lang_hint
(True, 'fr')
"""

from __future__ import annotations

from dataclasses import dataclass

from graph_builder.errors import InputError
from graph_builder.types import Article, Skip

__all__ = ["Draft", "skip"]


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


def skip(location: str, reason: str, what: str, hint: str = "") -> Skip:
    """A :class:`Skip` whose message is ``"location: what; hint"`` (one line).

    >>> skip("a.pdf", "binary", "binary file (PDF)", "convert it to text").message
    'a.pdf: binary file (PDF); convert it to text'
    """
    message = str(InputError(location, what, hint)).replace("\n", " ")
    return Skip(location=location, reason=reason, message=message)
