"""Partnerships and rivalries among several organisations, read from lists.

News states alliances and rivalries for groups at once:

* a list that acts together: "MGX, Bpifrance, Nvidia and Mistral AI are teaming up", "Alibaba,
  Baidu et ByteDance se disputent le marché" → every pair;
* a pair or a list after "between"/"entre": "a partnership between OpenAI and Oracle", "la
  rivalité entre Nvidia et AMD" → every pair;
* a partnership or rivalry word followed by "with"/"avec" and a list: "the alliances it forged
  with Microsoft, Google, AWS and Nvidia", "Sakana a noué des partenariats avec MUFG et Daiwa" →
  the clause's subject with each item.

Lists come from :mod:`graph_builder.nlp.lists` (items keep their descriptors), the subject from
:mod:`graph_builder.nlp.clauses`; a plan, a talk or a denial before the cue ("could team up",
"pourraient s'associer") states nothing (the rounds' ``not_done`` words). The words are data:
``[groups]`` in ``data/lexicons/<lang>/events.toml``.

>>> from graph_builder.nlp.pipeline import load_pipeline       # doctest: +SKIP
>>> doc = load_pipeline("en")("Nokia, Ericsson and Siemens have teamed up on 6G.")  # doctest: +SKIP
>>> len([r for r in doc._.gb_relations if r.predicate == "partnerOf"])  # doctest: +SKIP
3
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from spacy.language import Language
from spacy.tokens import Doc, Span

from graph_builder.nlp.clauses import clause_start, nearest_subject, subject_org
from graph_builder.nlp.lexicon import load_toml
from graph_builder.nlp.lists import Phrases, Mention, _match_phrase, _phrases, list_ending_at, mention_index, read_list
from graph_builder.nlp.round_words import load_round_words
from graph_builder.nlp.rules import RawRelation
from graph_builder.resources import lexicon_dir

__all__ = ["GroupWords", "load_group_words", "GroupReader"]

_ORG = frozenset({"Organization"})
_PREDICATES = ("partnerOf", "competitorOf")


@dataclass(frozen=True)
class GroupWords:
    """The ``[groups]`` data of one language, per predicate."""

    reciprocal: dict[str, Phrases]  # verbs a list does together
    nouns: dict[str, Phrases]  # partnership / rivalry words and verbs before "with"
    with_words: Phrases
    between_words: Phrases
    not_partnership: Phrases
    window: int


@lru_cache(maxsize=None)
def load_group_words(lang: str) -> GroupWords:
    data = load_toml(lexicon_dir(lang) / "events.toml").get("groups", {})
    return GroupWords(
        reciprocal={"partnerOf": _phrases(data.get("partner_together", []), lang),
                    "competitorOf": _phrases(data.get("compete_together", []), lang)},
        nouns={"partnerOf": _phrases(data.get("partner_words", []), lang),
               "competitorOf": _phrases(data.get("compete_words", []), lang)},
        with_words=_phrases(data.get("with", []), lang),
        between_words=_phrases(data.get("between", []), lang),
        not_partnership=_phrases(data.get("not_partnership", []), lang),
        window=int(data.get("window", 4)),
    )


class GroupReader:
    """Adds ``partnerOf`` and ``competitorOf`` between the members of groups to ``doc._.gb_relations``."""

    def __init__(self, nlp: Language, *, lang: str, confidence: float = 0.75) -> None:
        self.lang = lang
        self.w = load_group_words(lang)
        self.not_done = load_round_words(lang).not_done
        self.confidence = confidence

    def __call__(self, doc: Doc) -> Doc:
        clusters = doc._.gb_clusters or []
        if not clusters:
            return doc
        refs = doc._.gb_refs
        mentions = mention_index(doc, refs.anaphora if refs else None)
        names = {k: m for k, m in mentions.items() if not m.reference}
        found = {(r.subject, r.predicate, r.object): r for r in (doc._.gb_relations or [])}
        for sent in doc.sents:
            for pred, a, b, how in self.read_sentence(doc, sent, mentions, names):
                s, o = (a, b) if a < b else (b, a)
                if a == b or (s, pred, o) in found or clusters[a].type != "Organization" \
                        or clusters[b].type != "Organization":
                    continue
                found[(s, pred, o)] = RawRelation(s, pred, o, sent.start_char, sent.end_char, self.confidence,
                                                  f"{self.lang}.group.{pred}.{how}", False)
        doc._.gb_relations = list(found.values())
        return doc

    def _about_a_deal(self, lowers: list[str], i: int) -> bool:
        """The word right after the cue makes it a purchase ("accord de rachat", "deal to acquire")."""
        return any(_match_phrase(lowers, i, len(lowers), self.w.not_partnership) for i in range(i, min(i + 2, len(lowers))))

    def read_sentence(self, doc: Doc, sent: Span, mentions, names):
        """(predicate, cluster, cluster, how) for every pair a group in ``sent`` states."""
        lowers = [t.lower_ for t in doc[sent.start:sent.end]]
        n = len(lowers)
        base = sent.start

        def find(phrases):
            i = 0
            while i < n:
                k = _match_phrase(lowers, i, n, phrases)
                if k:
                    yield base + i, base + i + k
                    i += k
                else:
                    i += 1

        def blocked(pos: int) -> bool:
            start = clause_start(doc, sent, pos) - base
            window = lowers[start:pos - base]
            return any(_match_phrase(window, i, len(window), self.not_done) for i in range(len(window)))

        def org_at(i: int) -> Mention | None:
            m = next((m for m in mentions.values() if m.start <= i < m.end), None)
            return m if m is not None and m.type == "Organization" else None

        for pred in _PREDICATES:
            # "A, B and C have teamed up"
            for s, e in find(self.w.reciprocal[pred]):
                if self._about_a_deal(lowers, e - base):
                    continue  # "ont signé un accord de rachat": a purchase, not a partnership
                end = s
                while end > base and doc[end - 1].pos_ in ("ADV", "AUX", "PRON") and not doc[end - 1].is_punct:
                    end -= 1
                lst = list_ending_at(doc, sent, names, end, lang=self.lang, types=_ORG,
                                     start=clause_start(doc, sent, end))
                if lst is not None and len(lst.items) >= 2 and not blocked(s):
                    for a, b in combinations(lst.clusters, 2):
                        yield pred, a, b, "together"
            for s, e in find(self.w.nouns[pred]):
                after = lowers[e - base:e - base + self.w.window]
                if blocked(s) or self._about_a_deal(lowers, e - base):
                    continue
                # "a partnership between A and B"
                k = next((j for j in range(len(after)) if _match_phrase(after, j, len(after), self.w.between_words)), None)
                if k is not None:
                    width = _match_phrase(after, k, len(after), self.w.between_words)
                    lst = read_list(doc, sent, names, e + k + width, lang=self.lang, types=_ORG)
                    if lst is not None and len(lst.items) >= 2:
                        for a, b in combinations(lst.clusters, 2):
                            yield pred, a, b, "between"
                        continue
                # "the alliances it forged with A, B and C"
                k = next((j for j in range(len(after)) if _match_phrase(after, j, len(after), self.w.with_words)), None)
                if k is None:
                    continue
                width = _match_phrase(after, k, len(after), self.w.with_words)
                lst = read_list(doc, sent, names, e + k + width, lang=self.lang, types=_ORG)
                if lst is None:
                    continue
                verb = doc[s]
                while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                    verb = verb.head
                subj = (subject_org(doc, verb, org_at) if verb.pos_ in ("VERB", "AUX") else None) \
                    or nearest_subject(doc, sent, s, org_at) \
                    or next((org_at(j) for j in range(e, e + k) if org_at(j) is not None), None)  # "the alliances Intel forged with"
                if subj is None:
                    continue
                for c in lst.clusters:
                    yield pred, subj.cluster, c, "with"


@Language.factory("gb_groups", default_config={"lang": "fr"},
                  requires=["doc._.gb_clusters", "doc._.gb_relations"], assigns=["doc._.gb_relations"])
def make_groups(nlp: Language, name: str, *, lang: str) -> GroupReader:
    """The group reader of ``lang`` (after ``gb_relations``)."""
    return GroupReader(nlp, lang=lang)
