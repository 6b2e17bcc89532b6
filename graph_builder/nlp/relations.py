"""Relation extraction: the ten predicates, read sentence by sentence with the language's rules.

For each sentence, :class:`RelationExtractor` builds the typed stream
(:mod:`graph_builder.nlp.stream`) with references resolved (:mod:`graph_builder.nlp.references`)
and runs the language's rules on it (:mod:`graph_builder.nlp.rules`). Three readings of a
sentence are matched: as written; without the comma appositions of the people of a list
("Fondée par A, son directeur général, et B, la société …", rule id ``+skip-appos``); and with
its lists bare, every item's descriptors and appositions left out ("led by the Oslo fund Gamma,
Beta and Delta, the venture arm of Omega" → "led by Gamma, Beta and Delta", rule id ``+lists``,
:mod:`graph_builder.nlp.lists`). A match whose reference resolves to an entity it names on its
other side is discarded. What was resolved is left in ``doc._.gb_refs`` for the readers after
this stage (funding rounds, :mod:`graph_builder.nlp.rounds`).

>>> from graph_builder.nlp.pipeline import load_pipeline       # doctest: +SKIP
>>> doc = load_pipeline("en")("Mistral AI was founded by Arthur Mensch.")  # doctest: +SKIP
>>> [(r.predicate, r.rule) for r in doc._.gb_relations]          # doctest: +SKIP
[('founderOf', 'en.founder.passive')]
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from graph_builder.nlp.entities import Cluster
from graph_builder.nlp.lexicon import load_demonyms, load_gazetteer
from graph_builder.nlp.lists import list_skip, lists_in, mention_index
from graph_builder.nlp.references import Anaphora, References, Salience
from graph_builder.nlp.places import demonym_places
from graph_builder.nlp.rules import PH_FIND, Prefilter, RawRelation, Rule, RuleSet, load_rules
from graph_builder.nlp.stream import Stream, person_appositions, typed_stream
from graph_builder.types import PREDICATE_SIGNATURES, SYMMETRIC_PREDICATES

__all__ = ["Rule", "RuleSet", "RawRelation", "load_rules", "RelationExtractor", "typed_stream", "person_appositions"]

if not Doc.has_extension("gb_relations"):
    Doc.set_extension("gb_relations", default=None)
if not Doc.has_extension("gb_refs"):
    Doc.set_extension("gb_refs", default=None)

_DUAL_KINDS = frozenset({"service"})
_WORD = re.compile(r"\w+")


class RelationExtractor:
    """Applies the language's rules to each sentence; writes ``doc._.gb_relations``."""

    def __init__(self, nlp: Language, *, lang: str, lists_reading: bool = True) -> None:
        self.lang = lang
        self.lists_reading = lists_reading
        self.rules = load_rules(lang)
        # the bare-list reading only helps rules whose slots take lists
        self.prefilter = Prefilter(self.rules.rules)
        self.list_prefilter = Prefilter([r for r in self.rules.rules if r.lists])
        self.anaphora = Anaphora(nlp, lang)
        self.demonyms = load_demonyms(lang)
        self.gazetteer = load_gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        clusters: list[Cluster] = doc._.gb_clusters or []
        if not clusters:
            doc._.gb_relations = []
            doc._.gb_refs = References(anaphora={}, young_topic={})
            return doc
        ana, ctx = self.anaphora.resolve(doc)
        dual = frozenset(c.index for c in clusters if self._dual(c))
        found: dict[tuple[int, str, int], RawRelation] = {}
        mentions = mention_index(doc, ana)
        for sent in doc.sents:
            if sent.text.strip() == "":
                continue
            stream = typed_stream(doc, sent, ana, dual, pairs=ctx.pairs, and_word=self.anaphora.and_word)
            if len(stream.slots) < 1:
                continue
            self._match(doc, stream, sent, clusters, ctx, found)
            skip = person_appositions(doc, sent)
            if skip:
                # the same sentence without its people's appositions: "par A, son directeur
                # général, et B, son directeur technique, la société" → "par A, et B, la société"
                reduced = typed_stream(doc, sent, ana, dual, skip, ctx.pairs, self.anaphora.and_word)
                self._match(doc, reduced, sent, clusters, ctx, found,
                            suffix="+skip-appos")
            lists = lists_in(doc, sent, mentions, lang=self.lang) if self.lists_reading else []
            bare = list_skip(lists) - skip if lists else frozenset()
            if bare:
                # the same sentence with its lists bare: "led by the Oslo fund Gamma, Beta and
                # Delta, the venture arm of Omega" → "led by Gamma, Beta and Delta"
                reduced = typed_stream(doc, sent, ana, dual, bare | skip, ctx.pairs, self.anaphora.and_word)
                self._match(doc, reduced, sent, clusters, ctx, found, suffix="+lists")
        for start, org, product in ctx.makers:  # "the ChatGPT maker" states who makes ChatGPT
            sent = doc[start].sent
            key = (org, "develops", product)
            if key not in found and clusters[product].type == "Product":
                found[key] = RawRelation(org, "develops", product, sent.start_char, sent.end_char,
                                         round(0.8 * self.rules.coref_factor, 3), f"{self.lang}.develops.maker-phrase", False)
        doc._.gb_relations = self._settle_types(list(found.values()), clusters, dual)
        # what was resolved, for the readers after this stage (rounds, seats): plain ints only
        doc._.gb_refs = References(
            anaphora=dict(ana),
            young_topic={s.start: ctx.resolve("Organization", s.start, young=True) for s in doc.sents})
        return doc

    def _match(self, doc: Doc, stream: Stream, sent, clusters: list[Cluster], ctx: Salience,
               found: dict[tuple[int, str, int], RawRelation], suffix: str = "") -> None:
        """Every rule on one stream; the best-confidence relation per (subject, predicate, object)."""
        text = stream.text
        words = set(_WORD.findall(text))
        # only the rules whose words and slot types all occur in the stream (see Prefilter)
        prefilter = self.list_prefilter if suffix == "+lists" else self.prefilter
        for rule in prefilter.candidates(text, words):
            for m in rule.regex.finditer(text):
                for rel in self._relations(doc, rule, m, stream, sent, clusters, ctx):
                    key = (rel.subject, rel.predicate, rel.object)
                    if rel.predicate in SYMMETRIC_PREDICATES and rel.object < rel.subject:
                        key = (rel.object, rel.predicate, rel.subject)
                    old = found.get(key)
                    if old is None or rel.confidence > old.confidence:
                        found[key] = replace(rel, rule=rel.rule + suffix) if suffix else rel

    def _dual(self, c: Cluster) -> bool:
        entry = self.gazetteer.by_key.get(c.key) if c.key else None
        return c.type == "Product" and entry is not None and entry.kind in _DUAL_KINDS

    @staticmethod
    def _settle_types(rels: list[RawRelation], clusters: list[Cluster], dual: frozenset[int]) -> list[RawRelation]:
        """A service that acts as a company in a fact of the article is an organisation there."""
        acting = set()
        for r in rels:
            sig_s, sig_o = PREDICATE_SIGNATURES[r.predicate]
            if r.subject in dual and "Product" not in sig_s:
                acting.add(r.subject)
            if r.object in dual and "Product" not in sig_o:
                acting.add(r.object)
        for c in acting:
            clusters[c].type = "Organization"
        out = []
        for r in rels:
            sig_s, sig_o = PREDICATE_SIGNATURES[r.predicate]
            if clusters[r.subject].type in sig_s and clusters[r.object].type in sig_o:
                out.append(r)
        return out

    def _fits(self, c: Cluster, types: frozenset[str]) -> bool:
        return c.type in types or ("Organization" in types and self._dual(c))

    def _blocked(self, text: str, m: re.Match[str]) -> bool:
        start = max(0, m.start() - self.rules.window_before)
        # the window before the match stops at a clause boundary
        before = text[start:m.start()]
        cut = max(before.rfind(","), before.rfind(";"), before.rfind(":"), before.rfind("("))
        if cut >= 0:
            before = before[cut + 1:]
        window = before + m.group(0)
        for cue in (self.rules.negation, self.rules.speculation):
            if cue is not None and cue.search(window):
                return True
        return False

    def _is_former(self, rule: Rule, text: str, m: re.Match[str]) -> bool:
        if rule.former is not None:
            return bool(rule.former)
        if rule.predicate not in self.rules.former_predicates or self.rules.former is None:
            return False
        start = max(0, m.start() - 25)
        return bool(self.rules.former.search(text[start:m.end()]))

    @staticmethod
    def _self_referring(subjects: list[tuple[int, bool]], objs: list[tuple[int, bool]]) -> bool:
        """A reference resolved to an entity the same match names on its other side: a wrong reading.

        "Its first backers are SoftBank, OpenAI, Oracle and MGX": if "its" were SoftBank, SoftBank
        would not be among its own backers; the whole match is dropped, not just that pair.
        """
        named_s = {c for c, coref in subjects if not coref}
        named_o = {c for c, coref in objs if not coref}
        return any(c in named_s for c, coref in objs if coref) or any(c in named_o for c, coref in subjects if coref)

    def _relations(self, doc, rule: Rule, m: re.Match[str], stream: Stream, sent, clusters,
                   ctx: Salience | None = None):
        if self._blocked(stream.text, m):
            return
        groups = m.groupdict()
        subj_txt, obj_txt = groups.get("s"), groups.get("o")
        subs = PH_FIND.findall(subj_txt or "")
        if rule.topic_object and not obj_txt:
            # "Google, Amazon et Nvidia figurent parmi les actionnaires": of the article's company
            topic = ctx.resolve("Organization", sent.start) if ctx is not None else None
            objs: list[tuple[int, bool]] = [(topic, True)] if topic is not None else []
        elif groups.get("d") and not obj_txt:
            objs = [(c, False) for c in demonym_places(groups["d"], clusters, self.demonyms, self.gazetteer)]
        else:
            objs = [stream.slots[int(n)] for _, n, _ in PH_FIND.findall(obj_txt or "")]
        if groups.get("d") and subj_txt is None:
            return
        subjects = [stream.slots[int(n)] for _, n, _ in subs]
        if rule.swap:
            subjects, objs = objs, subjects
        if self._self_referring(subjects, objs):
            return
        sig_s, sig_o = PREDICATE_SIGNATURES[rule.predicate]
        former = self._is_former(rule, stream.text, m)
        for cs, s_coref in subjects:
            for co, o_coref in objs:
                if cs == co or cs is None or co is None:
                    continue
                if not rule.coref and (s_coref or o_coref):
                    continue
                if not (self._fits(clusters[cs], sig_s) and self._fits(clusters[co], sig_o)):
                    continue
                conf = rule.confidence * (self.rules.coref_factor if (s_coref or o_coref) else 1.0)
                yield RawRelation(cs, rule.predicate, co, sent.start_char, sent.end_char,
                                  round(conf, 3), rule.id + ("+coref" if (s_coref or o_coref) else ""), former)


@Language.factory("gb_relations", default_config={"lang": "fr", "lists_reading": True},
                  requires=["doc._.gb_clusters", "doc._.gb_ent_cluster", "token.is_sent_start"],
                  assigns=["doc._.gb_relations", "doc._.gb_refs"])
def make_relations(nlp: Language, name: str, *, lang: str, lists_reading: bool) -> RelationExtractor:
    return RelationExtractor(nlp, lang=lang, lists_reading=lists_reading)
