"""One list reader for every rule: the typed items of a coordinated list, whatever they carry.

News lists people and organisations with descriptors before them and appositions after them:
"backers including Alpha, the Norwegian shipping group Gamma and Delta Ventures, the venture
arm of Omega". :func:`read_list` reads such a list from its first item and returns each item
(Alpha, Gamma, Delta Ventures) with its descriptor ("the Norwegian shipping group") and
apposition (", the venture arm of Omega"); names inside a descriptor or an apposition ("Omega",
"Stripe" in "Stripe co-founder Jane Roe") are *inner* names of their item, not items.

A descriptor is a run of determiners, adjectives, nouns, numbers, places and a few participles
("Paris-based"); an apposition follows a comma and is either such a run ("the venture arm of
Omega") or a relative clause ("which led the last round"). Whether a comma opens an apposition
or the next item is decided by the name the run ends on: preceded by "of"/"de", it is an inner
name of an apposition; otherwise it is the next item. A run whose head is a vehicle ("the
family office of E", "le fonds de Xavier Niel") names its owner as an item of its own.

The words are data: ``[lists]`` in ``data/lexicons/<lang>/events.toml``.

>>> from graph_builder.nlp.pipeline import load_pipeline       # doctest: +SKIP
>>> doc = load_pipeline("en")("It was backed by Alpha, the Oslo fund Gamma and Delta.")  # doctest: +SKIP
>>> [doc[i.start:i.end].text for i in lists_in(doc, next(doc.sents), mention_index(doc))[0].items]  # doctest: +SKIP
['Alpha', 'Gamma', 'Delta']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from graph_builder.nlp.lexicon import load_toml, phrase_tokens
from graph_builder.resources import lexicon_dir

__all__ = ["Mention", "Item", "EntityList", "ListWords", "load_list_words", "mention_index", "read_list",
           "list_ending_at", "lists_in", "list_skip"]

_TAGS = {"Person": "PER", "Organization": "ORG", "Product": "PROD", "Place": "PLACE"}
_DESCRIPTOR_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "SYM"})


@dataclass(frozen=True)
class Mention:
    """A name or a resolved reference ("the company") at tokens [start, end), of one cluster."""

    start: int
    end: int
    cluster: int
    type: str  # Person, Organization, Product, Place
    reference: bool = False


@dataclass(frozen=True)
class Item:
    """One item of a list: its mention, the descriptor before it and the apposition after it."""

    mention: Mention
    descriptor: tuple[int, int]  # tokens [start, end) before the mention ("the Norwegian fund")
    apposition: tuple[int, int]  # tokens [start, end) after it, comma included (", its parent")
    inner: tuple[Mention, ...] = ()  # names inside the descriptor or the apposition
    vehicle_of: Mention | None = None  # the owner named by a vehicle item ("the family office of E")

    @property
    def start(self) -> int:
        return self.mention.start

    @property
    def end(self) -> int:
        return self.mention.end


@dataclass(frozen=True)
class EntityList:
    """A coordinated list: its items in order, and the tokens [start, end) it spans."""

    items: tuple[Item, ...]
    start: int
    end: int

    @property
    def clusters(self) -> tuple[int, ...]:
        """The clusters of the items, in order, once each (an apposition's vehicle owner is not one:
        "Delta Ventures, the venture arm of Omega" lists Delta Ventures)."""
        return tuple(dict.fromkeys(it.mention.cluster for it in self.items))


@dataclass(frozen=True)
class ListWords:
    """The ``[lists]`` data of one language."""

    separators: Phrases
    of: frozenset[str]
    descriptor_words: frozenset[str]
    vehicles: Phrases
    relatives: frozenset[str]
    item_prepositions: frozenset[str]
    max_descriptor: int
    max_apposition: int


class Phrases(tuple):
    """Token tuples (lexicon phrases), longest first, indexed by their first token for
    :func:`_match_phrase`. Adding two gives their union."""

    def __new__(cls, items=()):
        obj = super().__new__(cls, sorted(set(items), key=len, reverse=True))
        obj.by_first = {}
        for p in obj:
            obj.by_first.setdefault(p[0], []).append(p)
        return obj

    def __add__(self, other):
        return Phrases([*self, *other])


def _phrases(words: list[str], lang: str | None = None) -> Phrases:
    """Lexicon phrases as token tuples, longest first, tokenized as the pipeline of ``lang`` does
    (", and" → (",", "and"); "s'associent" → ("s'", "associent"))."""
    out = set()
    for w in words:
        if lang is not None:
            toks = phrase_tokens(w.casefold(), lang)
        else:
            toks = tuple(w.casefold().replace(",", " , ").replace(":", " : ").split())
        if toks:
            out.add(toks)
    return Phrases(out)


@lru_cache(maxsize=None)
def load_list_words(lang: str) -> ListWords:
    """The list words of ``lang`` (``[lists]`` in ``events.toml``)."""
    data = load_toml(lexicon_dir(lang) / "events.toml").get("lists", {})
    return ListWords(
        separators=_phrases(data.get("separators", [","]), lang),
        of=frozenset(w.casefold() for w in data.get("of", [])),
        descriptor_words=frozenset(w.casefold() for w in data.get("descriptor_words", [])),
        vehicles=_phrases(data.get("vehicles", []), lang),
        relatives=frozenset(w.casefold() for w in data.get("relatives", [])),
        item_prepositions=frozenset(w.casefold() for w in data.get("item_prepositions", [])),
        max_descriptor=int(data.get("max_descriptor", 8)),
        max_apposition=int(data.get("max_apposition", 16)),
    )


def mention_index(doc: Doc, references: Mapping[int, tuple[int, int]] | None = None) -> dict[int, Mention]:
    """Start token -> :class:`Mention`, for every clustered name and resolved reference of ``doc``.

    ``references`` maps the first token of a referring phrase to (its end, its cluster), as the
    relation stage resolves them; a negative cluster (a phrase left out of the stream) is skipped.
    """
    clusters = doc._.gb_clusters or []
    ent_cluster: dict[int, int] = doc._.gb_ent_cluster or {}
    out: dict[int, Mention] = {}
    for e in doc.ents:
        c = ent_cluster.get(e.start)
        if c is not None and c < len(clusters):
            out[e.start] = Mention(e.start, e.end, c, clusters[c].type, False)
    for start, (end, c) in (references or {}).items():
        if c >= 0 and start not in out and c < len(clusters):
            out[start] = Mention(start, end, c, clusters[c].type, True)
    return out


def _match_phrase(lowers: list[str], i: int, end: int, phrases: Phrases) -> int:
    """Length of the longest phrase starting at token ``i`` (0 when none)."""
    if i >= end:
        return 0
    for p in phrases.by_first.get(lowers[i], ()):
        n = len(p)
        if i + n <= end and tuple(lowers[i:i + n]) == p:
            return n
    return 0


class _Reader:
    """Reads lists in one sentence; built per sentence, cheap."""

    def __init__(self, doc: Doc, sent: Span, mentions: Mapping[int, Mention], words: ListWords,
                 types: frozenset[str]) -> None:
        self.doc = doc
        self.start = sent.start
        self.end = sent.end
        self.m = mentions
        self.w = words
        self.types = types
        self.lowers = [t.lower_ for t in doc[sent.start:sent.end]]
        self.inside: dict[int, Mention] = {k: m for m in mentions.values() if sent.start <= m.start < sent.end
                                           for k in range(m.start, m.end)}

    def low(self, i: int) -> str:
        return self.lowers[i - self.start]

    def is_descriptor(self, i: int) -> bool:
        tok = self.doc[i]
        low = tok.lower_
        if low in self.w.descriptor_words:
            return True
        if tok.is_punct or tok.pos_ in ("VERB", "AUX", "PRON", "CCONJ", "SCONJ", "ADP", "ADV", "PART"):
            return False
        return tok.pos_ in _DESCRIPTOR_POS

    def run(self, i: int, limit: int, *, apposition: bool = False) -> tuple[int, list[Mention], bool]:
        """Scan a descriptor run from ``i``: (its end, the mentions in it, whether the last
        mention follows an "of" word). Mentions of any type may sit inside a run."""
        inner: list[Mention] = []
        j = i
        last_of = False
        prev_of = False
        while j < self.end and j - i < limit:
            m = self.m.get(j)
            if m is not None:
                inner.append(m)
                last_of = prev_of
                prev_of = False
                j = m.end
                continue
            low = self.low(j)
            if low in self.w.of and (apposition or low in ("'s", "’s")):
                prev_of = low not in ("'s", "’s")
                j += 1
                continue
            if self.is_descriptor(j):
                prev_of = False
                j += 1
                continue
            if apposition and self.doc[j].pos_ == "CCONJ" and j + 1 < self.end and j > i and self.is_descriptor(j + 1) \
                    and (j + 1) not in self.m:
                j += 1  # "Oracle's co-founder and chairman": titles joined inside one apposition
                continue
            break
        return j, inner, last_of

    def separator(self, i: int) -> int:
        """Tokens of a list separator at ``i`` (0 when none)."""
        return _match_phrase(self.lowers, i - self.start, self.end - self.start, self.w.separators)

    def vehicle_owner(self, s: int, e: int, inner: list[Mention]) -> Mention | None:
        """The person or organisation owning a vehicle the run [s, e) names ("the fund of X")."""
        if inner and inner[-1].type in ("Person", "Organization") and self.names_vehicle(s, e):
            return inner[-1]
        return None

    def item_at(self, i: int) -> tuple[Item, int] | None:
        """The item whose descriptor or name starts at ``i``, and the token after it."""
        j = i
        if self.low(j) in self.w.item_prepositions and j + 1 < self.end:
            j += 1  # "de la banque publique Bpifrance et du fonds …": French repeats the preposition
        end, inner, _ = self.run(j, self.w.max_descriptor + 1)
        if inner and inner[-1].end == end:
            head = inner[-1]
            if head.type not in self.types:
                return None
            return Item(head, (j, head.start), (head.end, head.end), tuple(inner[:-1])), head.end
        if not self.names_vehicle(j, end):
            return None
        if end < self.end and self.low(end) in self.w.of and self.low(end) not in ("'s", "’s"):
            # "the family office of E", "du fonds de Xavier Niel": the owner invests through it
            end2, inner2, _ = self.run(end + 1, self.w.max_descriptor + 1)
            if inner2 and inner2[-1].end == end2 and inner2[-1].type in ("Person", "Organization"):
                owner = inner2[-1]
                return Item(owner, (j, owner.start), (owner.end, owner.end), tuple(inner + inner2[:-1])), end2
            return None
        owners = [m for m in inner if m.type in ("Person", "Organization")]
        if owners and self.low(owners[-1].end) in ("'s", "’s"):  # "Omega's venture arm"
            owner = owners[-1]
            return Item(owner, (j, owner.start), (owner.end, end), tuple(m for m in inner if m is not owner)), end
        return None

    def names_vehicle(self, s: int, e: int) -> bool:
        return any(_match_phrase(self.lowers, j - self.start, e - self.start, self.w.vehicles) for j in range(s, e))

    def apposition_at(self, i: int) -> tuple[int, tuple[Mention, ...], Mention | None] | None:
        """An apposition of the previous item starting at the comma ``i``: (its end, its names,
        the owner when it names a vehicle). None when what follows the comma is no apposition."""
        if self.low(i) not in (",", "(") or i + 1 >= self.end:
            return None
        closer = ")" if self.low(i) == "(" else ","
        j = i + 1
        if self.low(j) in self.w.relatives:  # "…, which led the last round, and …"
            k = j + 1
            while k < self.end and k - j < self.w.max_apposition and self.low(k) not in (",", ";", ":", ")"):
                k += 1
            if k < self.end and self.low(k) == closer:
                inner = tuple(m for s, m in self.m.items() if j <= s < k)
                return k + (1 if closer == ")" else 0), inner, None
            return None
        end, inner, last_of = self.run(j, self.w.max_apposition, apposition=True)
        if end == j:
            return None
        clause = end < self.end and (self.low(end) in self.w.relatives
                                     or "Part" in self.doc[end].morph.get("VerbForm"))
        if clause and not (inner and inner[-1].end == end and inner[-1].type in self.types):
            # "1789 Capital, the firm where Donald Trump Jr. is a partner, also joined", "ASML, the
            # maker of the machines used to produce chips, is investing": the noun phrase carries a
            # relative or participial clause to the next comma
            k = end + 1
            while k < self.end and k - j < self.w.max_apposition and self.low(k) not in (",", ";", ":", ")"):
                k += 1
            if k < self.end and self.low(k) == closer:
                clause = tuple(m for s, m in self.m.items() if end <= s < k)
                return k + (1 if closer == ")" else 0), tuple(inner) + clause, self.vehicle_owner(j, end, list(inner))
            return None
        if inner and not last_of and inner[-1].end == end and inner[-1].type in self.types:
            return None  # ", the Oslo fund Gamma": the next item, not an apposition
        if end < self.end and self.low(end) == closer:
            return end + (1 if closer == ")" else 0), tuple(inner), self.vehicle_owner(j, end, list(inner))
        if end >= self.end or self.doc[end].is_sent_end or self.low(end) in (";", ":"):
            return end, tuple(inner), self.vehicle_owner(j, end, list(inner))
        return None

    def read(self, i: int) -> EntityList | None:
        """The list whose first item (or its descriptor) starts at token ``i``."""
        first = self.item_at(i)
        if first is None:
            return None
        items = [first[0]]
        seps: list[bool] = []  # per item after the first: was it joined by a conjunction?
        pos = first[1]
        while pos < self.end:
            appos = self.apposition_at(pos)
            if appos is not None:
                a_end, a_inner, owner = appos
                last = items[-1]
                items[-1] = Item(last.mention, last.descriptor, (pos, a_end), last.inner + a_inner, owner)
                pos = a_end
                if pos >= self.end:
                    break
            n = self.separator(pos)
            if not n:
                break
            nxt = self.item_at(pos + n)
            if nxt is None:
                break
            items.append(nxt[0])
            seps.append(self.lowers[pos - self.start:pos + n - self.start] != [","])
            pos = nxt[1]
        # a list ends with a conjunction before its last item ("A, B and C"): "X, a new company,
        # The New York Times reported" is no list, and "A, B and C, D said" ends at C
        last_conj = max((k for k, conj in enumerate(seps) if conj), default=-1)
        items = items[:last_conj + 2]
        end = max(items[-1].end, items[-1].apposition[1])
        return EntityList(tuple(items), items[0].descriptor[0], end)


def read_list(doc: Doc, sent: Span, mentions: Mapping[int, Mention], i: int, *, lang: str,
              types: frozenset[str] = frozenset({"Person", "Organization"})) -> EntityList | None:
    """The list of ``types`` whose first item starts at token ``i`` (descriptor included), or None."""
    return _Reader(doc, sent, mentions, load_list_words(lang), types).read(i)


def list_ending_at(doc: Doc, sent: Span, mentions: Mapping[int, Mention], end: int, *, lang: str,
                   types: frozenset[str] = frozenset({"Person", "Organization"}),
                   start: int | None = None) -> EntityList | None:
    """The longest list whose last item (or its apposition) ends at token ``end``.

    Used for a list that is the subject of a verb: "A, the Oslo fund B and C also took part".
    ``start`` bounds the search (the clause's first token).
    """
    reader = _Reader(doc, sent, mentions, load_list_words(lang), types)
    lo = sent.start if start is None else start
    for i in range(lo, end):
        if i not in mentions and not reader.is_descriptor(i):
            continue
        got = reader.read(i)
        if got is not None and got.end == end:
            return got
    return None


def lists_in(doc: Doc, sent: Span, mentions: Mapping[int, Mention], *, lang: str,
             types: frozenset[str] = frozenset({"Person", "Organization"}), min_items: int = 2) -> list[EntityList]:
    """Every maximal list of ``min_items`` or more items in ``sent``, left to right (with
    ``min_items=1``, every name of ``types`` with its descriptor and apposition)."""
    reader = _Reader(doc, sent, mentions, load_list_words(lang), types)
    out: list[EntityList] = []
    i = sent.start
    while i < sent.end:
        m = mentions.get(i)
        if m is None or m.type not in types:
            i += 1
            continue
        # back up over the descriptor of the first item ("the Oslo fund Gamma")
        got = None
        s = i
        while s > sent.start and i - s < reader.w.max_descriptor:
            prev = reader.inside.get(s - 1)
            if prev is not None and prev.type in types:
                break
            if prev is not None:
                s = prev.start
            elif reader.is_descriptor(s - 1):
                s -= 1
            else:
                break
        while s < i and got is None:
            got = reader.read(s)
            if got is not None and got.items[0].mention.start != i:
                got = None
            s += 1
        if got is None:
            got = reader.read(i)
        if got is not None and len(got.items) >= min_items:
            out.append(got)
            i = max(got.end, i + 1)
        else:
            i = m.end
    return out


def list_skip(lists: list[EntityList]) -> frozenset[int]:
    """Tokens a reading without descriptors leaves out: every item's descriptor and apposition.

    "led by the Oslo fund Gamma, Beta and Delta, the venture arm of Omega" reads "led by Gamma,
    Beta and Delta". Separators and names stay.
    """
    out: set[int] = set()
    for lst in lists:
        for it in lst.items:
            out.update(range(*it.descriptor))
            s, e = it.apposition
            out.update(range(s, e))
    return frozenset(out)
