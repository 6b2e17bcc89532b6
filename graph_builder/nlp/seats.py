"""Seats from descriptors: where an organisation is based, read from what is said around its name.

News gives seats in passing, in the words around a name rather than in a sentence of their own:

* a descriptor before the name: "the Danish pension fund ATP", "Texas chipmaker Cirrus", "the
  Paris-based startup Mistral AI", "le fonds public norvégien NBIM";
* an apposition after it: "Quarry Ventures, a Stockholm fund", "Zeta, based in Lyon", "Zeta,
  une start-up installée à Grenoble";
* a plural descriptor over a list: "two Boston venture firms, A and B", "les fonds américains
  A, B et C", "three Japanese banks: MUFG, Mizuho and SMBC".

The descriptor and the apposition of each item come from the list reader
(:mod:`graph_builder.nlp.lists`); a demonym names its place (:mod:`graph_builder.nlp.places`,
``demonyms.tsv``), and so does a place named inside a descriptor or after a seat phrase of
``[seats]`` in ``data/lexicons/<lang>/events.toml`` ("based in", "basée à"). Each seat is a
``basedIn`` relation added to ``doc._.gb_relations`` (rule ids ``<lang>.seat.*``).

>>> from graph_builder.nlp.pipeline import load_pipeline       # doctest: +SKIP
>>> doc = load_pipeline("en")("Backers include two Boston venture firms, Harlow Capital and Pine Partners.")  # doctest: +SKIP
>>> sorted(doc._.gb_clusters[r.subject].name for r in doc._.gb_relations if r.predicate == "basedIn")  # doctest: +SKIP
['Harlow Capital', 'Pine Partners']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from graph_builder.nlp.lexicon import fold, load_demonyms, load_gazetteer, load_toml
from graph_builder.nlp.lists import Phrases, EntityList, Mention, _match_phrase, _phrases, load_list_words, lists_in, mention_index
from graph_builder.nlp.places import demonym_places
from graph_builder.nlp.rules import RawRelation
from graph_builder.resources import lexicon_dir

__all__ = ["SeatWords", "load_seat_words", "SeatReader"]

_ORG = frozenset({"Organization"})


@dataclass(frozen=True)
class SeatWords:
    """The ``[seats]`` data of one language."""

    phrases: Phrases  # "based in", "basée à": a place right after names the seat
    weak_phrases: Phrases  # "in", "from", "de": only in a noun phrase ("a startup from Lyon")
    plural_cues: frozenset[str]  # number words that make a descriptor cover a whole list ("two", "deux")
    not_seat: frozenset[str]  # words of a descriptor that make a place no seat ("former", "ex-")


@lru_cache(maxsize=None)
def load_seat_words(lang: str) -> SeatWords:
    data = load_toml(lexicon_dir(lang) / "events.toml").get("seats", {})
    return SeatWords(
        phrases=_phrases(data.get("phrases", []), lang),
        weak_phrases=_phrases(data.get("weak_phrases", []), lang),
        plural_cues=frozenset(w.casefold() for w in data.get("plural_cues", [])),
        not_seat=frozenset(w.casefold() for w in data.get("not_seat", [])),
    )


class SeatReader:
    """Adds ``basedIn`` from descriptors and appositions to ``doc._.gb_relations``."""

    def __init__(self, nlp: Language, *, lang: str, confidence: float = 0.8,
                 plural_confidence: float = 0.75) -> None:
        self.lang = lang
        self.w = load_seat_words(lang)
        self.demonyms = load_demonyms(lang)
        self.gazetteer = load_gazetteer()
        self.confidence = confidence
        self.plural_confidence = plural_confidence

    def __call__(self, doc: Doc) -> Doc:
        clusters = doc._.gb_clusters or []
        if not clusters:
            return doc
        refs = doc._.gb_refs
        mentions = {k: m for k, m in mention_index(doc, refs.anaphora if refs else None).items() if not m.reference}
        found = {(r.subject, r.predicate, r.object): r for r in (doc._.gb_relations or [])}
        for sent in doc.sents:
            for lst in lists_in(doc, sent, mentions, lang=self.lang, types=_ORG, min_items=1):
                for org, place, rule, conf in self.seats_of(doc, sent, lst, mentions, clusters):
                    key = (org, "basedIn", place)
                    if key not in found:
                        found[key] = RawRelation(org, "basedIn", place, sent.start_char, sent.end_char, conf, rule, False)
        doc._.gb_relations = list(found.values())
        return doc

    def seats_of(self, doc: Doc, sent: Span, lst: EntityList, mentions: Mapping[int, Mention], clusters):
        """(organisation, place, rule, confidence) for every seat a list's descriptors state."""
        items = [it for it in lst.items if it.mention.type == "Organization"]
        if not items:
            return
        # a plural descriptor before the list covers all its items ("two Boston venture firms, A and B")
        cover = self._plural_descriptor(doc, sent, lst.start, mentions) if len(items) > 1 else []
        first = items[0]
        if self._plural(doc, *first.descriptor):
            cover = cover + self._places(doc, *first.descriptor, mentions, clusters, descriptor=True)
        for it in items:
            own = self._places(doc, *it.descriptor, mentions, clusters, descriptor=True)
            own += self._places(doc, *it.apposition, mentions, clusters, descriptor=False)
            for place in own:
                yield it.mention.cluster, place, f"{self.lang}.seat.descriptor", self.confidence
            for place in cover:
                if place not in own:
                    yield it.mention.cluster, place, f"{self.lang}.seat.plural", self.plural_confidence

    def _plural(self, doc: Doc, start: int, end: int) -> bool:
        toks = [doc[k] for k in range(start, end)]
        if any(t.lower_ in self.w.plural_cues for t in toks):
            return True
        nouns = [t for t in toks if t.pos_ == "NOUN"]
        return bool(nouns) and "Plur" in nouns[-1].morph.get("Number")

    def _plural_descriptor(self, doc: Doc, sent: Span, start: int, mentions: Mapping[int, Mention]) -> list[int]:
        """Places of "two Boston venture firms," / "les fonds américains :" right before a list."""
        comma = start - 1
        if comma <= sent.start or doc[comma].text not in (",", ":"):
            return []
        inside = {k: m for m in mentions.values() for k in range(m.start, m.end)}
        words = load_list_words(self.lang)
        j = comma
        while j > sent.start and comma - j <= words.max_descriptor:
            m = inside.get(j - 1)
            if m is not None:
                if m.type != "Place":
                    break
                j = m.start
                continue
            t = doc[j - 1]
            if t.pos_ in ("DET", "ADJ", "NOUN", "NUM", "PROPN") or t.lower_ in words.descriptor_words:
                j -= 1
                continue
            break
        if j == comma or not self._plural(doc, j, comma) or (j > sent.start and doc[j - 1].pos_ == "ADP"):
            return []  # ("Selon plusieurs médias américains, Meta …": no descriptor of Meta)
        return self._places(doc, j, comma, mentions, doc._.gb_clusters, descriptor=True)

    def _places(self, doc: Doc, start: int, end: int, mentions: Mapping[int, Mention], clusters, *,
                descriptor: bool) -> list[int]:
        """Places a descriptor [start, end) states as a seat: its demonyms, the places it names
        (in a descriptor before the name), the place after a seat phrase (anywhere)."""
        if end <= start:
            return []
        lowers = [doc[k].lower_ for k in range(start, end)]
        if any(w in self.w.not_seat for w in lowers):
            return []
        # a relative clause ("which employs people in Israel") gives a seat only through a seat
        # phrase ("which is based in Haifa"); a noun phrase also through "in", "from", "de"
        relative = any(w in load_list_words(self.lang).relatives for w in lowers[:3])
        out: list[int] = []
        k = start
        while k < end:
            m = mentions.get(k)
            if m is not None:
                if m.type == "Place" and descriptor:
                    out.append(m.cluster)
                k = m.end
                continue
            n = _match_phrase(lowers, k - start, end - start, self.w.phrases)
            if not n and not relative:
                n = _match_phrase(lowers, k - start, end - start, self.w.weak_phrases)
            if n:
                m = mentions.get(k + n)
                if m is not None and m.type == "Place":
                    out.append(m.cluster)
                    k = m.end
                    continue
                k += n
                continue
            tok = doc[k]
            form = tok.text
            if k + 1 < end and fold(f"{form} {doc[k + 1].text}") in self.demonyms:
                form = f"{form} {doc[k + 1].text}"  # "South Korean"
                k += 1
            if fold(form) in self.demonyms and tok.pos_ in ("ADJ", "PROPN", "NOUN"):
                out.extend(demonym_places(form, clusters, self.demonyms, self.gazetteer))
            k += 1
        return list(dict.fromkeys(out))


@Language.factory("gb_seats", default_config={"lang": "fr"},
                  requires=["doc._.gb_clusters", "doc._.gb_relations"], assigns=["doc._.gb_relations"])
def make_seats(nlp: Language, name: str, *, lang: str) -> SeatReader:
    """The seat reader of ``lang`` (after ``gb_relations``)."""
    return SeatReader(nlp, lang=lang)
