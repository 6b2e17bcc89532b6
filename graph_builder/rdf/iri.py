"""Minting the IRIs of entities, articles, their graphs, facts and evidence.

Every minted IRI is valid whatever the input: names are normalised like
:func:`graph_builder.types.normalize_text` (NFC, folded whitespace, case-folded), then
every character that is not a Unicode letter or digit or one of ``- . _ ~`` is
percent-encoded (UTF-8). So "Mistral AI" and "mistral  ai" give the same IRI, and no
IRI ever contains spaces, ``<>``, quotes, braces, backslashes or control characters.

>>> str(entity_iri("Mistral  AI", "Organization", base="https://ex.org/"))
'https://ex.org/entity/organization/mistral-ai'
>>> str(entity_iri("Mistral AI", "Organization", wikidata="Q116813325", base="https://ex.org/"))
'https://ex.org/entity/Q116813325'
>>> str(article_iri("fr 001/é", base="https://ex.org/"))
'https://ex.org/article/fr%20001%2F%C3%A9'
>>> a, b = entity_iri("A", "Organization"), entity_iri("B", "Organization")
>>> fact_iri(a, "partnerOf", b) == fact_iri(b, "partnerOf", a)
True
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

import pyoxigraph
from rdflib import Namespace, URIRef

from graph_builder.errors import ConfigError
from graph_builder.rdf.ns import GB
from graph_builder.resources import base_iri
from graph_builder.types import ENTITY_TYPES, PREDICATES, SYMMETRIC_PREDICATES, normalize_text

__all__ = [
    "round_iri",
    "WD",
    "WDT",
    "resolve_base",
    "slug",
    "normalize_wikidata",
    "wikidata_iri",
    "predicate_iri",
    "entity_iri",
    "article_iri",
    "article_graph_iri",
    "canonical_triple",
    "fact_iri",
    "evidence_iri",
]

#: Wikidata entities (``wd:Q5``) and direct properties (``wdt:P112``).
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")

_QID = re.compile(r"^[Qq]?(\d{1,12})$")
_SLUG_KEEP = frozenset("-._~")
_MAX_SLUG = 120  # characters of the readable part; longer names get a hash suffix
_checked_bases: set[str] = set()


def resolve_base(base: str | None = None) -> str:
    """The base IRI to mint under: ``base`` or :func:`graph_builder.resources.base_iri`.

    >>> resolve_base("https://ex.org/kg")
    'https://ex.org/kg/'
    """
    b = base if base is not None else base_iri()
    if not b.endswith(("/", "#")):
        b += "/"
    if b not in _checked_bases:
        try:
            pyoxigraph.NamedNode(b)
        except ValueError as exc:
            raise ConfigError(
                f"base IRI {b!r} is not a valid absolute IRI ({exc}); "
                "set GRAPH_BUILDER_BASE_IRI to something like https://example.org/kg/"
            ) from None
        _checked_bases.add(b)
    return b


def _encode_char(ch: str) -> str:
    return quote(ch, safe="", errors="surrogatepass")


def slug(name: str) -> str:
    """The IRI-safe form of a normalised name: letters and digits kept, spaces to ``-``.

    >>> slug("  Mistral\\u00a0AI ")
    'mistral-ai'
    >>> slug('a "b" {c}')
    'a-%22b%22-%7Bc%7D'
    >>> slug("Société Générale")
    'société-générale'
    """
    norm = normalize_text(name)
    out: list[str] = []
    for ch in norm:
        if ch == " ":
            out.append("-")
        elif ch in _SLUG_KEEP or (ch.isascii() and ch.isalnum()):
            out.append(ch)
        elif not ch.isascii() and unicodedata.category(ch)[0] in "LN" and unicodedata.category(ch) != "Nl":
            # Unicode letters and digits are always allowed in an IRI path (ucschar).
            out.append(ch)
        else:
            out.append(_encode_char(ch))
    s = "".join(out)
    if s.endswith("."):
        s = s[:-1] + "%2E"  # "Acme Inc." : a final dot is not a valid Turtle local name end
    if not s or s in {".", "..", "%2E", ".%2E"}:
        return "h-" + hashlib.sha256(norm.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    if len(s) > _MAX_SLUG:
        cut = s[:_MAX_SLUG]
        if "%" in cut[-3:]:  # do not split a %XX escape
            cut = cut[: cut.rindex("%")]
        s = cut + "-h" + hashlib.sha256(norm.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return s


def normalize_wikidata(qid: str | None) -> str | None:
    """``"Q42"`` from ``"Q42"``, ``"q42"``, ``"42"`` or a Wikidata entity IRI; ``None`` if not an id.

    >>> normalize_wikidata("http://www.wikidata.org/entity/Q2283"), normalize_wikidata("Mistral")
    ('Q2283', None)
    """
    if not qid:
        return None
    q = qid.strip().rstrip("/").rsplit("/", 1)[-1]
    m = _QID.match(q)
    return f"Q{int(m.group(1))}" if m else None


def wikidata_iri(qid: str) -> URIRef:
    """``wd:Q…`` for a Wikidata id (raises ValueError when it is not one).

    >>> str(wikidata_iri("q5"))
    'http://www.wikidata.org/entity/Q5'
    """
    q = normalize_wikidata(qid)
    if q is None:
        raise ValueError(f"{qid!r} is not a Wikidata id; expected something like 'Q116813325'")
    return WD[q]


def predicate_iri(predicate: str | URIRef) -> URIRef:
    """``GB.founderOf`` for ``"founderOf"``; a ``gb:`` IRI is returned as is.

    >>> predicate_iri("basedIn") == GB.basedIn
    True
    """
    p = str(predicate)
    if p.startswith(str(GB._NS)):
        p = p[len(str(GB._NS)):]
    if p not in PREDICATES:
        raise ValueError(f"unknown predicate {predicate!r}; use one of {', '.join(PREDICATES)}")
    return GB[p]


def entity_iri(name: str, type: str, wikidata: str | None = None, base: str | None = None) -> URIRef:  # noqa: A002
    """The IRI of an entity: ``{base}entity/Q…`` with a Wikidata id, else ``{base}entity/{type}/{slug}``.

    >>> entity_iri("mistral ai", "Organization") == entity_iri("Mistral AI", "Organization")
    True
    """
    b = resolve_base(base)
    q = normalize_wikidata(wikidata)
    if q:
        return URIRef(f"{b}entity/{q}")
    if type not in ENTITY_TYPES:
        raise ValueError(f"unknown entity type {type!r}; use one of {', '.join(ENTITY_TYPES)}")
    return URIRef(f"{b}entity/{type.lower()}/{slug(name)}")


def _encode_id(article_id: str) -> str:
    if not article_id:
        raise ValueError("an article id cannot be empty; use 'sha-' + text_hash(text)")
    return quote(article_id, safe="-._~", errors="surrogatepass")


def article_iri(article_id: str, base: str | None = None) -> URIRef:
    """``{base}article/{percent-encoded id}``."""
    return URIRef(f"{resolve_base(base)}article/{_encode_id(article_id)}")


def article_graph_iri(article_id: str, base: str | None = None) -> URIRef:
    """The named graph holding one article's provenance: ``{base}graph/article/{id}``.

    >>> str(article_graph_iri("en-1", base="https://ex.org/"))
    'https://ex.org/graph/article/en-1'
    """
    return URIRef(f"{resolve_base(base)}graph/article/{_encode_id(article_id)}")


def canonical_triple(s: URIRef, predicate: str | URIRef, o: URIRef) -> tuple[URIRef, URIRef, URIRef]:
    """(subject, predicate IRI, object), with symmetric predicates' ends in IRI order.

    >>> a, b = URIRef("https://ex.org/b"), URIRef("https://ex.org/a")
    >>> canonical_triple(a, "partnerOf", b)[0] == b
    True
    """
    p = predicate_iri(predicate)
    if str(p)[len(str(GB._NS)):] in SYMMETRIC_PREDICATES and str(o) < str(s):
        s, o = o, s
    return URIRef(str(s)), p, URIRef(str(o))


def _digest(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:20]


def fact_iri(s_iri: URIRef, predicate: str | URIRef, o_iri: URIRef, base: str | None = None) -> URIRef:
    """One IRI per (subject, predicate, object): ``{base}fact/{hash}`` (symmetric: either order)."""
    s, p, o = canonical_triple(s_iri, predicate, o_iri)
    return URIRef(f"{resolve_base(base)}fact/{_digest(s, p, o)}")


def evidence_iri(article_id: str, fact: URIRef, start: int, end: int, sentence: str = "",
                 base: str | None = None) -> URIRef:
    """One IRI per article, fact and sentence: ``{base}evidence/{hash}``.

    >>> f = fact_iri(URIRef("https://ex.org/a"), "acquired", URIRef("https://ex.org/b"))
    >>> evidence_iri("a1", f, 0, 10) != evidence_iri("a2", f, 0, 10)
    True
    """
    return URIRef(f"{resolve_base(base)}evidence/{_digest(article_id, str(fact), str(start), str(end), sentence)}")


def round_iri(article_id: str, company: URIRef, index: int, base: str | None = None) -> URIRef:
    """One IRI per funding round an article tells: ``{base}round/{hash}`` (article, company, order).

    >>> c = URIRef("https://ex.org/zeta")
    >>> round_iri("a1", c, 0) != round_iri("a1", c, 1)
    True
    """
    return URIRef(f"{resolve_base(base)}round/{_digest(article_id, str(company), str(index))}")
