"""Funding rounds as events: who raised, how much, of which kind, when, led by whom, with whom.

A round is read from the sentences that state it and from those that refer back to it:

* a **new round**: a raise verb with an amount or a round noun ("Zeta raised $40 million",
  "Zeta a levé 40 millions d'euros"), or a round noun with an amount, a type or a lead ("a $40
  million Series B headed by Alpha", "un tour de table de série A mené par Alpha");
* a **reference** to the last round ("the round", "l'opération", "le tour de table") or a
  sentence that only lists more investors while a round is open ("Two more funds followed: A
  and B", "D'autres fonds ont suivi : …", "They were joined by …");
* a **shareholder statement** ("Its backers also include …", "Au capital figurent aussi …").

The company raising is the subject of the raise verb, the possessor of the round ("Zeta's
Series B", "la levée de Zeta", "sa levée"), the company the investment goes into ("a $40m
investment in Zeta"), else the company of the last round, else the start-up the article is
about. Investors are the items of the lists after the lead and participation cues ("led by",
"with participation from", "auprès de", "aux côtés de") and of the lists that are the subject
of a participation verb ("A, B and C also took part"), read by :mod:`graph_builder.nlp.lists`,
whatever descriptors they carry. A round only planned, rumoured, in talks or denied ("is in
talks to raise", "pourrait lever") is no round.

Each lead and participant gives ``investorIn``; each round is a :class:`RawRound` in
``doc._.gb_rounds`` (cluster indices; :mod:`graph_builder.extract` names them). The words are
data: ``[rounds]`` in ``data/lexicons/<lang>/events.toml``.

>>> from graph_builder.nlp.pipeline import load_pipeline       # doctest: +SKIP
>>> doc = load_pipeline("en")("Zeta raised $40 million in a Series B led by Alpha and Beta.")  # doctest: +SKIP
>>> r = doc._.gb_rounds[0]; (r.amount, r.currency, r.round_type)  # doctest: +SKIP
(40000000.0, 'USD', 'Series B')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from graph_builder.nlp.lexicon import load_gazetteer
from graph_builder.nlp.lists import (EntityList, Mention, _match_phrase, list_ending_at,
                                     mention_index, read_list)
from graph_builder.nlp.clauses import SUBJECT_DEPS, clause_start, generic_subject, nearest_subject, subject_org
from graph_builder.nlp.references import References
from graph_builder.nlp.rules import RawRelation
from graph_builder.nlp.round_words import RoundWords, load_round_words, parse_amount

__all__ = ["RoundWords", "RawRound", "RoundReader", "load_round_words", "parse_amount"]

if not Doc.has_extension("gb_rounds"):
    Doc.set_extension("gb_rounds", default=None)

_INVESTORS = frozenset({"Person", "Organization"})
#: sentences after a round during which a bare list of investors still belongs to it
OPEN_SENTENCES = 3


@dataclass
class RawRound:
    """One funding round of a doc (cluster indices), built from one or more sentences."""

    company: int
    amount: float | None = None
    currency: str | None = None
    amount_text: str | None = None
    round_type: str | None = None
    date: str | None = None  # "2024", "2024-03" as stated; None: the article's date
    leads: list[int] = field(default_factory=list)
    participants: list[int] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)  # (start_char, end_char)
    last_sentence: int = 0  # index of the last sentence that spoke of it
    confidence: float = 0.85
    company_via: str = "subject"


@dataclass(frozen=True)
class _Mentioned:
    """What one sentence says about a round."""

    kind: str  # "new", "reference", "more", "holders"
    company: int | None
    company_via: str
    amount: tuple[float, str, str] | None
    round_type: str | None
    date: str | None
    leads: tuple[int, ...]
    participants: tuple[int, ...]


class RoundReader:
    """Reads the funding rounds of a doc; adds ``investorIn`` to ``doc._.gb_relations``."""

    def __init__(self, nlp: Language, *, lang: str, confidence_lead: float = 0.85,
                 confidence_participant: float = 0.8, reference_factor: float = 0.85) -> None:
        self.lang = lang
        self.w = load_round_words(lang)
        self.confidence_lead = confidence_lead
        self.confidence_participant = confidence_participant
        self.reference_factor = reference_factor
        self.open_round = False  # set per sentence by __call__: a round was told just before
        self.gazetteer = load_gazetteer()

    # ------------------------------------------------------------------ the component
    def __call__(self, doc: Doc) -> Doc:
        clusters = doc._.gb_clusters or []
        refs: References | None = doc._.gb_refs
        rounds: list[RawRound] = []
        if not clusters:
            doc._.gb_rounds = rounds
            return doc
        mentions = mention_index(doc, refs.anaphora if refs else None)
        found = {(r.subject, r.predicate, r.object): r for r in (doc._.gb_relations or [])}
        for k, sent in enumerate(doc.sents):
            self.open_round = bool(rounds) and k - rounds[-1].last_sentence <= OPEN_SENTENCES
            said = self.read_sentence(doc, sent, mentions, refs)
            if said is None:
                continue
            rnd = self._attach(said, rounds, k, refs, sent)
            if rnd is None:
                continue
            rnd.sentences.append((sent.start_char, sent.end_char))
            via_ref = said.company_via not in ("subject", "possessor", "object") or rnd.company_via not in ("subject", "possessor", "object")
            for role, who in (("lead", said.leads), ("participant", said.participants)):
                conf = self.confidence_lead if role == "lead" else self.confidence_participant
                if via_ref:
                    conf *= self.reference_factor
                for c in who:
                    if c == rnd.company or clusters[c].type not in _INVESTORS:
                        continue
                    key = (c, "investorIn", rnd.company)
                    rule = f"{self.lang}.round.{role}" + ("+coref" if via_ref else "")
                    old = found.get(key)
                    if old is None or old.confidence < conf:
                        found[key] = RawRelation(c, "investorIn", rnd.company, sent.start_char, sent.end_char,
                                                 round(conf, 3), rule, False)
        doc._.gb_relations = list(found.values())
        doc._.gb_rounds = [r for r in rounds if r.leads or r.participants or r.amount is not None]
        return doc

    def _attach(self, said: _Mentioned, rounds: list[RawRound], k: int, refs: References | None,
                sent: Span) -> RawRound | None:
        """The round a sentence speaks of: a new one, or the open one it refers to."""
        last = rounds[-1] if rounds else None
        open_round = last if last is not None and k - last.last_sentence <= OPEN_SENTENCES else None
        if said.kind in ("reference", "more"):
            rnd = open_round if said.kind == "more" else last
            if rnd is None and said.kind == "reference":
                # "Salesforce Ventures joined the round": a round not told before is the company's
                # the article is about
                company, via = said.company, said.company_via
                if company is None and refs is not None:
                    company, via = refs.young_topic.get(sent.start), "topic"
                if company is not None and company not in said.leads + said.participants:
                    rnd = RawRound(company=company, company_via=via)
                    rounds.append(rnd)
            if rnd is None:
                return None
            rnd.leads.extend(c for c in said.leads if c not in rnd.leads)
            rnd.participants.extend(c for c in said.participants if c not in rnd.participants and c not in rnd.leads)
            rnd.last_sentence = k
            self._fill(rnd, said)
            return rnd
        company = said.company
        via = said.company_via
        if via.startswith("reference-") and open_round is not None:
            company, via = open_round.company, "reference"  # "Its backers include …" after a round of Zeta's
        if company is None and open_round is not None and (said.kind == "holders" or not said.amount):
            company, via = open_round.company, "reference"  # "Au capital figurent aussi A et B"
        if company is None and refs is not None:
            company, via = refs.young_topic.get(sent.start), "topic"
        if company is None:
            return None
        same = [r for r in rounds if r.company == company]
        if same and self._compatible(same[-1], said):
            rnd = same[-1]
        else:
            rnd = RawRound(company=company, company_via=via)
            rounds.append(rnd)
        rnd.leads.extend(c for c in said.leads if c not in rnd.leads)
        rnd.participants.extend(c for c in said.participants if c not in rnd.participants and c not in rnd.leads)
        rnd.last_sentence = k
        self._fill(rnd, said)
        return rnd

    @staticmethod
    def _compatible(rnd: RawRound, said: _Mentioned) -> bool:
        if said.round_type and rnd.round_type and said.round_type != rnd.round_type:
            return False
        if said.amount and rnd.amount is not None and abs(said.amount[0] - rnd.amount) > 0.02 * rnd.amount:
            return False
        if said.date and rnd.date and said.date[:4] != rnd.date[:4]:
            return False
        return True

    @staticmethod
    def _fill(rnd: RawRound, said: _Mentioned) -> None:
        if said.amount and rnd.amount is None:
            rnd.amount, rnd.currency, rnd.amount_text = said.amount
        if said.round_type and rnd.round_type is None:
            rnd.round_type = said.round_type
        if said.date and rnd.date is None:
            rnd.date = said.date

    # ------------------------------------------------------------------ one sentence
    def read_sentence(self, doc: Doc, sent: Span, mentions: Mapping[int, Mention],
                      refs: References | None) -> _Mentioned | None:
        """What ``sent`` says about a round, or None when it says nothing (or only a plan)."""
        lowers = [t.lower_ for t in doc[sent.start:sent.end]]
        n = len(lowers)
        base = sent.start
        w = self.w

        named = {k for m in mentions.values() if not m.reference and base <= m.start < sent.end
                 for k in range(m.start, m.end)}

        def find(phrases) -> list[tuple[int, int]]:
            """Where the phrases occur, outside names ("Harlow Capital" is no round of capital)."""
            out = []
            i = 0
            while i < n:
                k = 0 if (base + i) in named else _match_phrase(lowers, i, n, phrases)
                if k:
                    out.append((base + i, base + i + k))
                    i += k
                else:
                    i += 1
            return out

        raises = find(w.raise_verbs)
        nouns = find(w.round_nouns)
        refs_p = find(w.references)
        holders = find(w.holder_cues)
        leads_c = find(w.lead_cues)
        parts_c = find(w.participant_cues)
        lead_v = find(w.lead_verbs)
        part_v = find(w.participant_verbs)
        if not (raises or nouns or refs_p or holders or leads_c or parts_c or lead_v or part_v):
            return None
        text = sent.text
        first_raise = min([s for s, _ in raises + nouns], default=sent.start)
        amount = parse_amount(text, w, near=doc[first_raise].idx - sent.start_char)
        amount_at = []
        if amount is not None:
            k = text.find(amount[2])
            tok = doc.char_span(sent.start_char + k, sent.start_char + k + len(amount[2]), alignment_mode="expand")
            if tok is not None:
                amount_at = [(tok.start, tok.end)]
        rtype = next((name for toks, name in w.types for i in range(n) if tuple(lowers[i:i + len(toks)]) == toks), None)
        # a raise verb raises what follows it closely ("a levé 40 millions", "raised $40m in a round"),
        # not what the sentence mentions later ("le sommet a réuni notamment Sundar Pichai … 109 milliards")
        money_at = [s for s, _ in nouns + amount_at]
        raises = [(s, e) for s, e in raises if any(0 <= m - e <= 6 for m in money_at)]
        new = bool(raises or (nouns and (amount or rtype)))
        anchors = sorted(raises + nouns + refs_p + amount_at)

        def near_anchor(pos: int, span: int) -> bool:
            """An anchor ends at most ``span`` tokens before ``pos``, with no ";" between."""
            for s, e in anchors:
                if e <= pos and pos - e <= span and ";" not in lowers[e - base:pos - base]:
                    return True
            return False

        names = {k: m for k, m in mentions.items() if not m.reference}  # investors are named

        def read(i: int) -> EntityList | None:
            while i < sent.end and lowers[i - base] in (":", ","):
                i += 1
            return read_list(doc, sent, names, i, lang=self.lang, types=_INVESTORS)

        lead_lists: list[EntityList] = []
        part_lists: list[EntityList] = []
        for s, e in leads_c:
            if near_anchor(s, 10) and (lst := read(e)) is not None:  # "a $40m round led by", not "the lab led by"
                lead_lists.append(lst)
        # participation and lead verbs first: a verb that took part anchors the cues after it
        # ("Large asset managers also took part, including A and B", "…, as did C")
        for verbs, bucket in ((lead_v, lead_lists), (part_v, part_lists)):
            for s, e in verbs:
                after = lowers[e - base:e - base + 6]
                colon = bool(after) and after[0] == ":"
                round_after = any(_match_phrase(lowers, e - base + k, n, w.references + w.round_nouns) for k in range(0, 6))
                strong = tuple(lowers[s - base:e - base]) in w.strong_participant_verbs
                if after and after[0] in w.agent_words:
                    continue  # "was led by A": a lead cue, read above
                if strong and after and after[0] in w.verb_objects and not round_after:
                    continue  # "ont participé à la conception de Llama", "took part in the talks"
                if not (colon or round_after or (strong and anchors) or (strong and self.open_round)):
                    continue
                anchors.append((s, e))
                if colon:  # "Two more funds followed: A and B"
                    if (lst := read(e + 1)) is not None:
                        bucket.append(lst)
                    continue
                end = s
                while end > base and (doc[end - 1].pos_ in ("ADV", "AUX") or doc[end - 1].lower_ in w.list_tail) \
                        and not doc[end - 1].is_punct:
                    end -= 1  # "A and B also took part", "A and B both joined", "A a également participé"
                lst = list_ending_at(doc, sent, names, end, lang=self.lang, types=_INVESTORS,
                                     start=clause_start(doc, sent, end))
                if lst is None and end - 1 > base and doc[end - 1].text == ",":  # "A, which …, put in more"
                    lst = list_ending_at(doc, sent, names, end - 1, lang=self.lang, types=_INVESTORS,
                                         start=clause_start(doc, sent, end))
                if lst is not None:
                    bucket.append(lst)
        # a word naming investors anchors the list after it ("investors came along, namely A, B")
        anchors.extend(find(w.investor_nouns) if (anchors or self.open_round) else [])
        anchors.sort()
        ends = [lst.end for lst in lead_lists + part_lists]
        for s, e in parts_c:
            cue = tuple(lowers[s - base:e - base])
            strong = any(word in w.investor_words for word in cue)
            ok = strong and (anchors or near_anchor(s, 30)) or near_anchor(s, 12) \
                or any(0 <= s - x <= 3 for x in ends)
            if ok and (lst := read(e)) is not None:
                part_lists.append(lst)
        for s, e in holders:
            if (lst := read(e)) is not None:
                part_lists.append(lst)
        # "counts the state investor Mubadala among its shareholders"
        owned: list[tuple[int, int]] = []
        for s, e in find(w.holder_after):
            lst = list_ending_at(doc, sent, names, s, lang=self.lang, types=_INVESTORS,
                                 start=clause_start(doc, sent, s))
            if lst is not None:
                part_lists.append(lst)
                owned.append((s, e))
        leads = tuple(dict.fromkeys(c for lst in lead_lists for c in lst.clusters))
        parts = tuple(c for c in dict.fromkeys(c for lst in part_lists for c in lst.clusters) if c not in leads)
        if not (new or leads or parts):
            return None
        last_item = max([lst.end for lst in lead_lists + part_lists], default=base)
        first = min(s for s, _ in raises + nouns + refs_p + holders + leads_c + parts_c + lead_v + part_v)
        if self._not_done(lowers, base, max(first + 1, last_item)):
            return None
        if raises and not (lead_lists or part_lists) and all(generic_subject(doc, s, mentions) for s, _ in raises):
            return None  # "AI startups raised $19 billion in the quarter": a market figure, no one's round
        investors = set(leads) | set(parts)
        company, via = next(((c, v) for c, v in self._companies(doc, sent, mentions, raises, nouns + refs_p, holders,
                                                                   lead_v + part_v + parts_c, owned)
                             if c not in investors), (None, ""))
        if (holders or owned) and not (new or lead_lists):
            kind = "holders"
        elif new:
            kind = "new"
        elif refs_p:
            kind = "reference"
        else:
            kind = "more"
        if kind == "more" and company is not None and via in ("subject", "possessor", "object"):
            kind = "new"  # "A and B invested in Zeta": a round of Zeta's
        if not (leads or parts) and kind != "new":
            return None
        return _Mentioned(kind, company, via, amount, rtype, self._date(lowers), leads, parts)

    def _skip_intro(self, lowers: list[str], base: int, i: int) -> int:
        """Skip a colon after a cue ("investors include: A, B")."""
        while i - base < len(lowers) and lowers[i - base] in (":",):
            i += 1
        return i

    def _not_done(self, lowers: list[str], base: int, upto: int) -> bool:
        window = lowers[:max(0, upto - base)]
        n = len(window)
        return any(_match_phrase(window, i, n, self.w.not_done) for i in range(n))

    def _date(self, lowers: list[str]) -> str | None:
        year = next((t for t in lowers if re.fullmatch(r"(?:19|20)\d\d", t)), None)
        month = next((self.w.months[t] for t in lowers if t in self.w.months), None)
        if year and month:
            return f"{year}-{month:02d}"
        return year

    def _media(self, doc: Doc, c: int) -> bool:
        """A news agency or a newspaper (gazetteer kind ``media``)."""
        key = doc._.gb_clusters[c].key
        entry = self.gazetteer.by_key.get(key) if key else None
        return entry is not None and entry.kind == "media"

    def _companies(self, doc: Doc, sent: Span, mentions: Mapping[int, Mention], raises, nouns, holders,
                   verbs, owned=()):
        """Candidates for the company raising, best first, as (cluster, how it was found): the one
        a shareholder statement is about, the company the money goes into, the possessor of the
        round, the subject of the verb governing the round or of the raise verb."""
        # a round word the relation stage read as a reference to a company ("l'opération") is the
        # round here: its company is the open round's, not that reference's
        roundish = {k for s, e in nouns for k in range(s, e)}
        inside: dict[int, Mention] = {k: m for m in mentions.values() if sent.start <= m.start < sent.end
                                      and not (m.reference and any(k in roundish for k in range(m.start, m.end)))
                                      for k in range(m.start, m.end)}

        def org_at(i: int) -> Mention | None:
            m = inside.get(i)
            if m is None or m.type != "Organization" or self._media(doc, m.cluster):
                return None  # "(Reuters) - Groq said …": an agency raises nothing
            return m

        # "counts Mubadala among its shareholders", "l'entrée de Renault à son capital": the owner
        # the possessive stands for
        for s, e in owned:
            m = next((org_at(k) for k in range(s, e) if org_at(k) is not None), None)
            if m is not None:
                yield m.cluster, ("reference-holder" if m.reference else "subject")
        # "Zeta is also backed by", "Its backers include", "Anthropic est également soutenue par"
        for s, e in holders:
            j = s - 1
            while j >= sent.start and doc[j].lower_ in self.w.holder_glue and j not in inside:
                j -= 1
            if (m := org_at(j)) is not None:
                yield m.cluster, ("reference-holder" if m.reference else "subject")
            # "It was founded in 2022 by A and B and is backed by GV, …": the subject of the cue's verb
            verb = next((doc[k] for k in range(s, e) if doc[k].pos_ in ("VERB", "AUX")), None)
            m = subject_org(doc, verb, org_at) if verb is not None else None
            if m is not None:
                yield m.cluster, ("reference-holder" if m.reference else "subject")
        # "a $40m investment in Zeta", "invested in Zeta", "investi dans Zeta"
        for s, e in nouns + verbs:
            j = e
            while j < sent.end and j - e < 6 and doc[j].lower_ not in self.w.into and not doc[j].is_punct:
                j += 1
            if j < sent.end and doc[j].lower_ in self.w.into and (m := org_at(j + 1)) is not None:
                yield m.cluster, ("reference-object" if m.reference else "object")
        # "Zeta's Series B", "its round", "la levée de Zeta", "sa levée"
        for s, e in nouns:
            j = s - 1
            while j >= sent.start and j not in inside and (doc[j].pos_ in ("NUM", "SYM", "ADJ") or doc[j].lower_ in self.w.amount_words):
                j -= 1
            if j >= sent.start and doc[j].lower_ in ("'s", "’s", "'"):
                j -= 1
            if (m := org_at(j)) is not None:
                yield m.cluster, "possessor"
            if e < sent.end and doc[e].lower_ in self.w.of_company and (m := org_at(e + 1)) is not None:
                yield m.cluster, "possessor"
        # "H Company a officialisé une levée", "Zeta announced a $40m round": the subject of the
        # verb the round is the object of
        for s, e in nouns:
            head = doc[e - 1]
            while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i and head.dep_ not in ("ROOT",):
                head = head.head
            if head.pos_ in ("VERB", "AUX") and head.i < s:
                m = subject_org(doc, head, org_at) or nearest_subject(doc, sent, head.i, org_at)
                if m is not None:
                    yield m.cluster, ("reference-subject" if m.reference else "subject")
        # the subject of a raise verb (through the parse), or the organisation before it
        for s, e in raises:
            verb = next((doc[k] for k in range(s, e) if doc[k].pos_ in ("VERB", "AUX")), doc[s])
            head = verb
            while head.dep_ in ("conj", "aux", "aux:tense", "auxpass") and head.head.i != head.i:
                head = head.head
            subject = next((c for c in head.children if c.dep_ in SUBJECT_DEPS), None)
            if subject is not None:
                m = org_at(subject.i)
                if m is None and subject.lower_ in self.w.relative_subjects and "relcl" in head.dep_:
                    m = org_at(head.head.i)
                if m is not None:
                    yield m.cluster, "subject"
                if subject.i in inside or subject.pos_ in ("NOUN", "PROPN", "PRON"):
                    continue  # a person, a description or "it" raised it ("Le fondateur d'Iliad a réuni",
                    # "Groq said that it had closed"): not the organisation named before it
            # the parse found no subject: the organisation nearest before the verb that is not the
            # object of a preposition ("Thinking Machines Lab, the startup that … launched, has
            # closed …"; "Founded in 2023, Cognition has raised")
            m = nearest_subject(doc, sent, s, org_at)
            if m is not None:
                yield m.cluster, ("reference-subject" if m.reference else "subject")

@Language.factory("gb_rounds", default_config={"lang": "fr"},
                  requires=["doc._.gb_clusters", "doc._.gb_relations", "doc._.gb_refs"],
                  assigns=["doc._.gb_rounds", "doc._.gb_relations"])
def make_rounds(nlp: Language, name: str, *, lang: str) -> RoundReader:
    """The funding-round reader of ``lang`` (after ``gb_relations``)."""
    return RoundReader(nlp, lang=lang)
