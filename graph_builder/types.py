"""The records the stages exchange: frozen, typed, free of spaCy objects.

Data flows one way::

    files --ingest--> Article --nlp/extract--> ArticleExtraction(Entity, Relation)
          --rdf--> quads in the store --> SPARQL / networkx / pyvis

Only :mod:`graph_builder.extract` turns spaCy objects into these records; every
later stage sees nothing but these dataclasses.

Example
-------
>>> a = Article(id="fr-001", text="Arthur Mensch dirige Mistral AI.", lang="fr")
>>> a.words
5
>>> e = Entity(name="Mistral AI", type="Organization", aliases=("Mistral",))
>>> e.forms
('Mistral AI', 'Mistral')
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from typing import Literal, get_args

__all__ = [
    "EntityType",
    "Predicate",
    "ENTITY_TYPES",
    "PREDICATES",
    "SYMMETRIC_PREDICATES",
    "PREDICATE_SIGNATURES",
    "Article",
    "Skip",
    "Mention",
    "Entity",
    "Relation",
    "TextSpan",
    "FundingRound",
    "ArticleExtraction",
    "normalize_text",
    "text_hash",
]

EntityType = Literal["Person", "Organization", "Product", "Place"]
Predicate = Literal[
    "founderOf",
    "ceoOf",
    "worksFor",
    "investorIn",
    "acquired",
    "subsidiaryOf",
    "partnerOf",
    "competitorOf",
    "develops",
    "basedIn",
]

ENTITY_TYPES: tuple[str, ...] = get_args(EntityType)
PREDICATES: tuple[str, ...] = get_args(Predicate)
SYMMETRIC_PREDICATES: frozenset[str] = frozenset({"partnerOf", "competitorOf"})

#: predicate -> (allowed subject types, allowed object types), as in FORMAT.md
PREDICATE_SIGNATURES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "founderOf": (frozenset({"Person", "Organization"}), frozenset({"Organization"})),
    "ceoOf": (frozenset({"Person"}), frozenset({"Organization"})),
    "worksFor": (frozenset({"Person"}), frozenset({"Organization"})),
    "investorIn": (frozenset({"Person", "Organization"}), frozenset({"Organization"})),
    "acquired": (frozenset({"Organization"}), frozenset({"Organization"})),
    "subsidiaryOf": (frozenset({"Organization"}), frozenset({"Organization"})),
    "partnerOf": (frozenset({"Organization"}), frozenset({"Organization"})),
    "competitorOf": (frozenset({"Organization"}), frozenset({"Organization"})),
    "develops": (frozenset({"Organization"}), frozenset({"Product"})),
    "basedIn": (frozenset({"Organization"}), frozenset({"Place"})),
}


def normalize_text(text: str) -> str:
    """Normalise text for hashing and deduplication: NFC, folded whitespace, case-folded.

    >>> normalize_text("  Mistral\\u00a0AI  lève ") == normalize_text("mistral ai lève")
    True
    """
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'")
    return " ".join(text.split()).casefold()


def text_hash(text: str) -> str:
    """A stable 16-hex-digit digest of the normalised text.

    >>> len(text_hash("Bonjour"))
    16
    """
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article, as ingested.

    ``id`` is the article's own id when it has one, else ``"sha-" + text_hash(text)``.
    ``lang`` is ``"fr"`` or ``"en"`` once detected (``None`` before detection).
    Offsets in :class:`Relation` and :class:`Mention` index into ``text``.
    """

    id: str
    text: str
    lang: str | None = None
    title: str | None = None
    published: str | None = None  # ISO 8601 date (YYYY-MM-DD) when known
    source: str | None = None  # where the text comes from: URL, feed, file, or "original"
    url: str | None = None  # canonical URL when known
    author: str | None = None
    site_name: str | None = None
    is_summary: bool = False  # True when only a feed summary was available
    path: str | None = None  # the file it was read from
    line: int | None = None  # 1-based line number, for JSON Lines input

    @property
    def content_hash(self) -> str:
        """Digest of the normalised text: an article whose text changes gets a new hash."""
        return text_hash(self.text)

    @property
    def words(self) -> int:
        """Number of whitespace-separated words in the text."""
        return len(self.text.split())

    @property
    def location(self) -> str:
        """Where the article came from, for messages: ``path:line`` or the id."""
        if self.path and self.line:
            return f"{self.path}:{self.line}"
        return self.path or self.id


@dataclass(frozen=True, slots=True)
class Skip:
    """An input that was not turned into an article, and why (one line, user-facing)."""

    location: str  # file path, with ":line" for JSON Lines
    reason: str  # short machine-friendly key: "empty", "binary", "encoding", "json", "language", ...
    message: str  # a human sentence naming what was wrong and what to do


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity in an article's text (character offsets)."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Entity:
    """A named thing of one article: one per real-world thing, with its other surface forms.

    ``implicit`` marks a place only implied by an adjective ("la start-up française"):
    it is the object of a ``basedIn`` relation but was not named in the text.
    """

    name: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    mentions: tuple[Mention, ...] = ()
    implicit: bool = False

    @property
    def forms(self) -> tuple[str, ...]:
        """The name first, then the aliases."""
        return (self.name, *self.aliases)

    def to_json(self) -> dict[str, object]:
        """The FORMAT.md shape of an entity."""
        out: dict[str, object] = {"name": self.name, "type": self.type}
        if self.aliases:
            out["aliases"] = list(self.aliases)
        if self.wikidata:
            out["wikidata"] = self.wikidata
        if self.implicit:
            out["implicit"] = True
        return out


@dataclass(frozen=True, slots=True)
class Relation:
    """A fact stated by an article: subject and object are entity names of that article.

    ``start``/``end`` are the evidence sentence's character offsets in the article text;
    ``confidence`` is in [0, 1]; ``rule`` names the rule or model that produced it.
    """

    subject: str
    predicate: Predicate
    object: str
    evidence: str
    start: int
    end: int
    confidence: float
    rule: str
    former: bool = False

    def __post_init__(self) -> None:
        if self.predicate not in PREDICATES:
            raise ValueError(
                f"unknown predicate {self.predicate!r}; use one of {', '.join(PREDICATES)}"
            )
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence must be in [0, 1], got {self.confidence}")

    @property
    def key(self) -> tuple[str, str, str]:
        """(subject, predicate, object), with symmetric predicates in a canonical order."""
        s, o = self.subject, self.object
        if self.predicate in SYMMETRIC_PREDICATES and o < s:
            s, o = o, s
        return (s, self.predicate, o)

    def to_json(self) -> dict[str, object]:
        """The FORMAT.md shape of a relation, with our provenance fields added."""
        out: dict[str, object] = {
            "subject": self.subject,
            "predicate": self.predicate,
            "object": self.object,
            "evidence": self.evidence,
            "start": self.start,
            "end": self.end,
            "confidence": round(self.confidence, 3),
            "rule": self.rule,
        }
        if self.former:
            out["former"] = True
        return out


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A stretch of an article's text (a sentence that states something), with its offsets."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class FundingRound:
    """A funding round an article tells: who raised, how much, of which kind, when, from whom.

    ``company``, ``leads`` and ``participants`` are entity names of the article; ``amount`` is in
    units of ``currency`` (ISO 4217); ``date`` is ISO 8601 as precise as the text (``2024``,
    ``2024-03``) or the article's date; ``evidence`` holds every sentence that told it.

    >>> r = FundingRound("Mistral AI", amount=6e8, currency="EUR", leads=("General Catalyst",))
    >>> r.investors
    ('General Catalyst',)
    """

    company: str
    amount: float | None = None
    currency: str | None = None
    amount_text: str | None = None
    round_type: str | None = None
    date: str | None = None
    leads: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    evidence: tuple[TextSpan, ...] = ()
    confidence: float = 0.85

    @property
    def investors(self) -> tuple[str, ...]:
        """Leads first, then the other participants."""
        return (*self.leads, *(p for p in self.participants if p not in self.leads))

    def to_json(self) -> dict[str, object]:
        """The optional ``events`` item of ``graph-builder extract`` (the scorer ignores it)."""
        out: dict[str, object] = {"type": "FundingRound", "company": self.company}
        for k in ("amount", "currency", "amount_text", "round_type", "date"):
            v = getattr(self, k)
            if v is not None:
                out[k] = v
        out["leads"] = list(self.leads)
        out["participants"] = list(self.participants)
        out["evidence"] = [{"sentence": e.text, "start": e.start, "end": e.end} for e in self.evidence]
        out["confidence"] = round(self.confidence, 3)
        return out


@dataclass(frozen=True, slots=True)
class ArticleExtraction:
    """Everything extracted from one article: the unit written to the store atomically."""

    article: Article
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    model: str = ""  # the spaCy pipeline that produced it, e.g. "fr_core_news_md-3.8.0"
    warnings: tuple[str, ...] = field(default=())
    events: tuple[FundingRound, ...] = ()  # funding rounds the article tells

    def entity(self, name: str) -> Entity | None:
        """The entity of this article named (or aliased) ``name``."""
        for e in self.entities:
            if name == e.name or name in e.aliases:
                return e
        return None

    def to_json(self, *, with_text: bool = False) -> dict[str, object]:
        """The FORMAT.md shape of the article, as ``graph-builder extract --format jsonl`` prints."""
        a = self.article
        out: dict[str, object] = {"id": a.id, "lang": a.lang}
        for k in ("source", "title", "published", "url"):
            v = getattr(a, k)
            if v:
                out[k] = v
        if with_text:
            out["text"] = a.text
        out["entities"] = [e.to_json() for e in self.entities]
        out["relations"] = [r.to_json() for r in self.relations]
        if self.events:
            out["events"] = [e.to_json() for e in self.events]
        return out
