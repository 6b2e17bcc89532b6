"""References: which entity "la société", "the company", "its", "il" or "the ChatGPT maker" means.

References are resolved before the rules run (:class:`Anaphora`, data in ``[anaphora]`` of
``entities.toml``): by salience (:class:`Salience`: names and resolved references, subjects from
the parse, the article's first organisation), constrained by what the phrase says: a place it
names ("le groupe de Mountain View", "the Redmond company") picks the organisation the gazetteer
bases there (``headquarters``); "la start-up", "the startup" skip established companies and
names ending like a fund's; a French funding round ("le tour de table") is the article's company;
"the ChatGPT maker" is the product's maker (gazetteer ``maker``); "les deux entreprises" the last
two organisations named; "le premier … le second" the people of the last sentence naming several;
a possessive inside a relative clause is its antecedent's; an object phrase is not its clause's
subject. What was resolved is handed to the stages after the relation rules as
:class:`References` (plain ints).
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from graph_builder.nlp.entities import Cluster
from graph_builder.nlp.lexicon import Gazetteer, fold, load_demonyms, load_entity_lexicon, load_gazetteer
from graph_builder.nlp.stream import TRANSPARENT

__all__ = ["Anaphora", "Salience", "References"]

TOPIC_BONUS = 1.0  # salience of the first organisation an article names (measured: 0, 1, 2 → 1 best)
SUBJECT_BONUS = 1.5  # a grammatical subject of the current or previous sentence
FIRST_BONUS = 1.5  # the first entity of that sentence when it is not its subject
REFERENCE_WEIGHT = 0.25  # a resolved reference counts as this much of a name (measured: 0, 0.25, 0.5, 1)


@dataclass(frozen=True)
class References:
    """What the relation stage resolved, for the stages after it (plain ints, no spaCy objects).

    ``anaphora``: first token of a referring phrase -> (its end, its cluster);
    ``young_topic``: sentence start -> the start-up the article is about there (or None).
    """

    anaphora: Mapping[int, tuple[int, int]]
    young_topic: Mapping[int, int | None]


def _by_first_word(phrases: list[tuple[list[str], object]]) -> dict[str, list[tuple[list[str], object]]]:
    """Tokenised phrases (with a value each) indexed by their first word, longest first."""
    out: dict[str, list[tuple[list[str], object]]] = {}
    for toks, value in sorted(phrases, key=lambda x: -len(x[0])):
        out.setdefault(toks[0], []).append((toks, value))
    return out


class Anaphora:
    """Finds referring expressions and the entity each refers to.

    Data (``[anaphora]`` of ``entities.toml``): noun phrases per type ("la société", "the
    company"), head nouns that may carry modifiers ("the San Francisco company", "le groupe de
    Redmond"), possessives with the type they refer to ("its" → Organization, "his" →
    Person, "sa" → either), nouns after a possessive that make it an organisation's ("son
    directeur général"), and clitics ("Dario Amodei en est le directeur général").

    Organisations are resolved by salience: the subject of the current or previous sentence
    and the entity most talked about so far win over the merely nearest one.
    """

    def __init__(self, nlp: Language, lang: str) -> None:
        lex = load_entity_lexicon(lang)
        self.phrases: list[tuple[list[str], str]] = []
        heads: set[str] = set()
        dets: set[str] = set()
        for typ, phrases in lex.anaphora.items():
            for p in phrases:
                toks = [t.lower_ for t in nlp.make_doc(p)]
                self.phrases.append((toks, typ))
                if typ == "Organization" and len(toks) == 2:
                    dets.add(toks[0])
                    heads.add(toks[1])
        self.by_first = _by_first_word(self.phrases)  # referring phrases, with their type
        self.possessive = lex.possessive
        self.possessive_types = lex.possessive_types
        self.org_possessed = lex.org_possessed
        self.org_heads = lex.org_heads or frozenset(heads)
        self.determiners = lex.determiners or frozenset(dets)
        self.clitics = lex.clitics
        self.linkers = lex.linkers
        self.any_pronouns = lex.any_pronouns
        self.kinship = lex.kinship
        self.young = lex.young
        self.not_young = lex.not_young
        self.topical = {tuple(t.lower_ for t in nlp.make_doc(p)) for p in lex.topical}
        self.and_word = lex.and_word
        self.maker_heads = lex.maker_heads
        # "le premier" -> its rank in a list of people; "les deux entreprises" (no value)
        self.ordinals = _by_first_word([([t.lower_ for t in nlp.make_doc(p)], rank) for p, rank in lex.ordinals.items()])
        self.pairs = _by_first_word([([t.lower_ for t in nlp.make_doc(p)], None) for p in lex.pairs])
        self.gazetteer = load_gazetteer()
        self.demonyms = load_demonyms(lang)

    def find(self, doc: Doc) -> dict[int, tuple[int, int]]:
        """Token index of each referring expression -> (its end, the cluster it refers to)."""
        return self.resolve(doc)[0]

    def resolve(self, doc: Doc) -> tuple[dict[int, tuple[int, int]], Salience]:
        """:meth:`find`, and the salience context it built (names and resolved references)."""
        clusters: list[Cluster] = doc._.gb_clusters or []
        ent_cluster: dict[int, int] = doc._.gb_ent_cluster or {}
        in_ent: set[int] = set()
        ent_at: dict[int, Span] = {}
        ent_end: dict[int, Span] = {}
        tok_cluster: dict[int, int] = {}
        for e in doc.ents:
            in_ent.update(range(e.start, e.end))
            ent_at[e.start] = e
            ent_end[e.end] = e
            if e.start in ent_cluster:
                for k in range(e.start, e.end):
                    tok_cluster[k] = ent_cluster[e.start]
        mentions = sorted((e.start, ent_cluster[e.start]) for e in doc.ents if e.start in ent_cluster)
        subjects = {e.start for e in doc.ents if e.root.dep_ in _SUBJECT_DEPS}
        out: dict[int, tuple[int, int]] = {}
        lowers = [t.lower_ for t in doc]
        ctx = Salience(doc, mentions, clusters, subjects, gazetteer=self.gazetteer, not_young=self.not_young)
        i = 0
        n_tokens = len(doc)
        while i < n_tokens:
            if i in in_ent:
                i += 1
                continue
            maker = self._maker_at(doc, i, lowers, in_ent, ent_at, ent_end, clusters)
            if maker is not None:
                start, end, c, product = maker
                out[start] = (end, c)
                ctx.add(start, c, subject=doc[end - 1].dep_ in _SUBJECT_DEPS)
                ctx.makers.append((start, c, product))
                i = end
                continue
            ordinal = self._ordinal_at(doc, i, lowers, in_ent, ctx)
            if ordinal is not None:
                end, c = ordinal
                out[i] = (end, c)
                ctx.add(i, c, subject=doc[end - 1].dep_ in _SUBJECT_DEPS)
                i = end
                continue
            pair = self._pair_at(i, lowers, in_ent, ctx)
            if pair is not None:
                end, a, b = pair
                ctx.pairs[i] = (end, a, b)
                i = end
                continue
            hit = self._phrase_at(doc, i, lowers, in_ent, ent_at, ent_end)
            if hit is not None:
                start, end, typ = hit
                pronoun = end - start == 1 and typ == "Person"
                if pronoun and lowers[start] in self.any_pronouns:
                    typ = "any"  # "elle" may be "la société"
                exclude = self._apposed_to(doc, i, ent_end, ent_cluster) if lowers[end:end + 1] in (["'s"], ["’s"]) else None
                if typ == "Organization" and exclude is None:
                    exclude = self._clause_subject(doc, end - 1, ent_at, ent_cluster, clusters, out)
                place = self._place_hint(doc, i, start, end, lowers, ent_at) if typ == "Organization" else None
                young = typ == "Organization" and any(w in self.young for w in lowers[i:end])
                c = ctx.topic(start) if tuple(lowers[start:end]) in self.topical else None
                if c is None:
                    c = ctx.resolve(typ, start, pronoun=pronoun, exclude=exclude, place=place, young=young)
                if c is not None:
                    out[start] = (end, c)
                    ctx.add(start, c, subject=doc[end - 1].dep_ in _SUBJECT_DEPS)
                i = end
                continue
            low = lowers[i]
            if low in self.possessive and lowers[i + 1:i + 2] and lowers[i + 1] in self.kinship and \
                    (e := ent_at.get(i + 2)) is not None and e.label_ == "Person":
                # "Dario Amodei et sa sœur Daniela": a relative named in a list is one more item of it
                out[i] = (i + 2, TRANSPARENT)
                i += 2
                continue
            if low in self.possessive:
                typ = self.possessive_types.get(low, "any")
                nxt = lowers[i + 1] if i + 1 < n_tokens else ""
                if typ == "any" and nxt in self.org_possessed:
                    typ = "Organization"
                c = self._relative_antecedent(doc, i, typ, tok_cluster, out, clusters)
                if c is None:
                    c = ctx.resolve(typ, i, pronoun=(typ == "Person"), possessive=True,
                                    exclude=self._apposed_to(doc, i, ent_end, ent_cluster))
                if c is not None:
                    out[i] = (i + 1, c)
                    ctx.add(i, c, subject=False)
            elif low in self.clitics and i + 1 < n_tokens and lowers[i + 1] in self.clitics[low]:
                c = ctx.resolve("Organization", i)
                if c is not None:
                    out[i] = (i + 1, c)
            i += 1
        return out, ctx

    def _maker_at(self, doc: Doc, i: int, lowers: list[str], in_ent: set[int], ent_at: dict[int, Span],
                  ent_end: dict[int, Span], clusters: list[Cluster]) -> tuple[int, int, int, int] | None:
        """(start, end, organisation, product cluster) of "the ChatGPT maker", "le créateur de
        ChatGPT": the maker the gazetteer gives the product (``maker``), when the article names
        that organisation. Replaced: "the ChatGPT maker" → "the ⟦ORG*⟧" (the product and the
        noun), "le créateur de ChatGPT" → "le ⟦ORG*⟧ de ⟦PROD⟧" (the noun)."""
        if lowers[i] not in self.maker_heads or i in in_ent:
            return None
        before = ent_end.get(i)
        start = i
        if before is not None and before.label_ == "Product":
            product = before  # "the ChatGPT maker"
            start = before.start
        elif i + 2 < len(lowers) and lowers[i + 1] in self.linkers and (e := ent_at.get(i + 2)) is not None \
                and e.label_ == "Product":
            product = e  # "le créateur de ChatGPT"
        else:
            return None
        entry = self.gazetteer.by_key.get(product.kb_id_) if product.kb_id_ else None
        if entry is None or not entry.maker:
            return None
        makers = {e.key for e in self.gazetteer.lookup(entry.maker) if e.type == "Organization"}
        c = next((c.index for c in clusters if c.key in makers), None)
        p = (doc._.gb_ent_cluster or {}).get(product.start)
        return (start, i + 1, c, p) if c is not None and p is not None else None

    def _ordinal_at(self, doc: Doc, i: int, lowers: list[str], in_ent: set[int],
                    ctx: Salience) -> tuple[int, int] | None:
        """(end, person) for "le premier … le second …", "the former … the latter": the person of
        that rank in the last sentence before that names several people."""
        for toks, rank in self.ordinals.get(lowers[i], ()):
            n = len(toks)
            if lowers[i:i + n] != toks or set(range(i, i + n)) & in_ent:
                continue
            nxt = doc[i + n] if i + n < len(doc) else None
            if nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
                return None  # "le premier modèle", "the former chief executive": an adjective
            here = doc[i].sent.start
            by_sent: dict[int, list[int]] = {}
            for s, c in ctx.mentions:
                if s < here and ctx.clusters[c].type == "Person" and s not in ctx.references:
                    people = by_sent.setdefault(ctx.sent_of[s], [])
                    if c not in people:
                        people.append(c)
            groups = [p for _, p in sorted(by_sent.items()) if len(p) >= 2]
            if not groups:
                return None
            people = groups[-1]
            k = rank - 1 if rank > 0 else len(people) + rank
            return (i + n, people[k]) if 0 <= k < len(people) else None
        return None

    def _pair_at(self, i: int, lowers: list[str], in_ent: set[int], ctx: Salience) -> tuple[int, int, int] | None:
        """(end, first, second) for "les deux entreprises", "the two companies": the last two
        organisations named before it, in the order the text named them."""
        for toks, _ in self.pairs.get(lowers[i], ()):
            n = len(toks)
            if lowers[i:i + n] == toks and not (set(range(i, i + n)) & in_ent):
                seen: list[int] = []
                here = ctx.doc[i].sent.start
                for s, c in reversed(ctx.mentions):
                    if s < i and ctx.clusters[c].type == "Organization" and c not in seen:
                        seen.append(c)
                        if len(seen) == 2:
                            if s >= here and i > 0 and lowers[i - 1] == ",":
                                return None  # "Microsoft invests in G42, the two groups said": not a list item
                            return (i + n, seen[1], seen[0])
                return None
        return None

    def _phrase_at(self, doc: Doc, i: int, lowers: list[str], in_ent: set[int], ent_at: dict[int, Span],
                   ent_end: dict[int, Span]) -> tuple[int, int, str] | None:
        """(start, end, type) of a referring phrase at ``i``: only its head is replaced when modified."""
        for toks, typ in self.by_first.get(lowers[i], ()):
            n = len(toks)
            if lowers[i:i + n] == toks and not (set(range(i, i + n)) & in_ent):
                if n > 1 and self._premodifies(doc, i + n, ent_at):
                    return None  # "la start-up française Mistral AI": names, does not refer back
                if typ == "Organization" and self._after_apposition(doc, i, ent_end) and \
                        lowers[i + n:i + n + 1] not in (["'s"], ["’s"]) and \
                        not self._opens_clause(doc, i, i + n):
                    return None  # "DeepMind, le laboratoire de Google": a description, not a reference
                return (i, i + n, typ)
        # a determiner, up to four modifiers (words, hyphens, a place), and an organisation head:
        # "the San Francisco company", "the London-based startup", "the French chipmaker"
        if lowers[i] in self.determiners and self.org_heads:
            j = i + 1
            while j < len(doc) and j <= i + 6:
                if lowers[j] in self.org_heads and j not in in_ent:
                    if j == i + 1:
                        break  # the bare phrase would have matched above
                    between = doc[i + 1:j]
                    if any(t.is_punct and t.text not in ("-", ",") for t in between):
                        return None
                    if any(k in ent_at and ent_at[k].label_ not in ("Place",) for k in range(i + 1, j)):
                        return None
                    if self._premodifies(doc, j + 1, ent_at):
                        return None
                    if self._after_apposition(doc, i, ent_end):
                        return None
                    return (j, j + 1, "Organization")
                if doc[j].is_punct and doc[j].text not in ("-", ","):
                    break
                j += 1
        return None

    def _place_hint(self, doc: Doc, i: int, start: int, end: int, lowers: list[str],
                    ent_at: dict[int, Span]) -> frozenset[str] | None:
        """Folded forms of the place a referring phrase names: "le groupe de Mountain View",
        "le fabricant californien", "the Redmond company", "the French startup"."""
        forms: set[str] = set()

        def place_of(k: int) -> None:
            e = ent_at.get(k)
            if e is not None and e.label_ == "Place":
                forms.update(self.gazetteer.place_forms(e.text, e.kb_id_ or None))
            elif k < len(lowers) and (d := self.demonyms.get(fold(lowers[k]))) is not None:
                forms.update(self.gazetteer.place_forms(d.place, d.place_id))

        for k in range(i + 1, start):  # modifiers before the head
            place_of(k)
        if end < len(lowers):
            place_of(end)  # a demonym after the head
            if lowers[end] in self.linkers and end + 1 < len(lowers):
                place_of(end + 1)  # "de Mountain View", "basée à Paris" is not a linker
        return frozenset(forms) or None

    def _premodifies(self, doc: Doc, j: int, ent_at: dict[int, Span]) -> bool:
        """An organisation, product or person name follows (no punctuation, no "de"/"of" between)."""
        for k in range(j, min(j + 3, len(doc))):
            if k in ent_at:
                return True
            t = doc[k]
            if t.is_punct or t.is_space or t.lower_ in self.linkers or t.pos_ in ("VERB", "AUX"):
                return False  # "the company acquired X": a verb ends the noun phrase
        return False

    @staticmethod
    def _relative_antecedent(doc: Doc, i: int, typ: str, tok_cluster: dict[int, int],
                             refs: dict[int, tuple[int, int]], clusters: list[Cluster]) -> int | None:
        """A possessive inside a relative clause belongs to the clause's antecedent.

        "… and with Google, which is building its own Bard chatbot"; "Le groupe de Mountain View,
        qui développe ses propres modèles": the parse links the relative clause's verb to the
        noun it describes; when that noun is a name (or a resolved reference) of the type the
        possessive may mean, it owns the possessive.
        """
        tok = doc[i]
        for _ in range(8):
            if tok.head.i == tok.i:
                return None
            if tok.dep_ in ("relcl", "acl:relcl"):
                ante = tok.head.i
                c = tok_cluster.get(ante)
                if c is None:
                    c = next((rc for start, (end, rc) in refs.items() if start <= ante < end and rc >= 0), None)
                if c is not None and (typ == "any" or clusters[c].type == typ):
                    return c
                return None
            tok = tok.head
        return None

    @staticmethod
    def _opens_clause(doc: Doc, start: int, end: int) -> bool:
        """The phrase is the subject of a verb after it ("Fondée par A, ex-chercheur à
        l'ENS, la société a son siège à New York"): a reference, though a name and a comma precede it."""
        head = doc[end - 1]
        verb = head.head
        return head.dep_ in _SUBJECT_DEPS and verb.i >= end and verb.pos_ in ("VERB", "AUX") and \
            "Fin" in verb.morph.get("VerbForm")  # "Anthropic, the lab started by …": a participle describes

    @staticmethod
    def _after_apposition(doc: Doc, i: int, ent_end: dict[int, Span]) -> bool:
        """The phrase at ``i`` follows "Entity ," : it describes that entity."""
        return i >= 2 and doc[i - 1].text == "," and i - 1 in ent_end and (
            ent_end[i - 1].label_ in ("Organization", "Product"))

    @staticmethod
    def _clause_subject(doc: Doc, head: int, ent_at: dict[int, Span], ent_cluster: dict[int, int],
                        clusters: list[Cluster], refs: dict[int, tuple[int, int]] | None = None) -> int | None:
        """"Google bought the London-based startup": an object phrase is not its clause's subject.

        The subject may be a name or a reference resolved before ("le groupe de Redmond prend
        une participation dans la start-up": the start-up is not the group).
        """
        if doc[head].dep_ in ("nsubj", "nsubj:pass", "nsubjpass", "ROOT"):
            return None
        sent = doc[head].sent
        for k in range(sent.start, head):
            e = ent_at.get(k)
            if e is not None and e.root.dep_ in _SUBJECT_DEPS:
                c = ent_cluster.get(e.start)
                if c is not None and clusters[c].type == "Organization":
                    return c
            ref = refs.get(k) if refs else None
            if ref is not None and ref[1] >= 0 and doc[ref[0] - 1].dep_ in _SUBJECT_DEPS and \
                    clusters[ref[1]].type == "Organization":
                return ref[1]
        return None

    @staticmethod
    def _apposed_to(doc: Doc, i: int, ent_end: dict[int, Span], ent_cluster: dict[int, int]) -> int | None:
        """"Arthur Mensch, son directeur général": the possessive is not Arthur Mensch's."""
        if i >= 1 and doc[i - 1].text == "," and (i - 1) in ent_end:
            return ent_cluster.get(ent_end[i - 1].start)
        return None


_SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "nsubjpass"})
_YOUNG_KINDS = frozenset({"company", "lab", None})  # what "la start-up" may be (None: kind unknown)


class Salience:
    """Which earlier entity a referring expression at a token means.

    Every mention counts, names and resolved references alike ("la société" that was
    resolved to Owkin is a mention of Owkin): an entity the text keeps talking about
    stays salient even when its name is not repeated. A grammatical subject (from the
    parse) weighs most, as centering theory has it.
    """

    def __init__(self, doc: Doc, mentions: list[tuple[int, int]], clusters: list[Cluster],
                 subjects: set[int] | frozenset[int] = frozenset(), *, gazetteer: Gazetteer | None = None,
                 not_young: frozenset[str] = frozenset()) -> None:
        self.doc = doc
        self.not_young = not_young
        self.gazetteer = gazetteer
        self._hq: dict[int, frozenset[str]] = {}
        self.pairs: dict[int, tuple[int, int, int]] = {}  # "les deux entreprises": start -> (end, first, second)
        self.makers: list[tuple[int, int, int]] = []  # "the ChatGPT maker": (token, organisation, product)
        self.mentions = list(mentions)
        self.clusters = clusters
        self.subjects = set(subjects)
        self.references: set[int] = set()  # mentions that are resolved references, not names
        self.sent_of = {}
        for s, _ in mentions:
            self.sent_of[s] = doc[s].sent.start

    def _subject_names_nothing(self, sent_start: int) -> bool:
        """The parse found the sentence's subject and it is a common noun phrase naming no entity.

        "Les deux premiers sont d'anciens chercheurs de Google": Google, first named, is not
        what the sentence is about. A subject that is a name, a pronoun or holds a resolved
        reference ("Sa maison mère a mené l'opération") does not count.
        """
        sent = self.doc[sent_start].sent
        root = sent.root
        starts = [s for s, _ in self.mentions]
        for t in sent:
            if t.dep_ in _SUBJECT_DEPS and t.head.i == root.i:
                if t.pos_ in ("PRON", "PROPN"):
                    return False
                lo, hi = t.left_edge.i, t.right_edge.i
                k = bisect.bisect_left(starts, lo)
                return not (k < len(starts) and starts[k] <= hi)
        return False

    def add(self, start: int, cluster: int, *, subject: bool) -> None:
        """Record a resolved reference at token ``start`` as a mention of ``cluster``."""
        bisect.insort(self.mentions, (start, cluster))
        self.references.add(start)
        self.sent_of[start] = self.doc[start].sent.start
        if subject:
            self.subjects.add(start)

    def _investor_name(self, c: int) -> bool:
        """A name ending like a fund or a group's ("Sigma Capital"): never "the startup"."""
        words = self.clusters[c].name.casefold().split()
        return bool(words) and words[-1] in self.not_young

    def topic(self, before: int) -> int | None:
        """The article's company: the first organisation named before token ``before``."""
        return next((c for s, c in self.mentions if s < before and self.clusters[c].type == "Organization"), None)

    def headquarters(self, c: int) -> frozenset[str]:
        """Folded place forms of cluster ``c``'s head office, from the gazetteer (empty if unknown)."""
        hq = self._hq.get(c)
        if hq is None:
            hq = self._hq[c] = self.gazetteer.headquarters_forms(self.clusters[c].key) if self.gazetteer else frozenset()
        return hq

    def resolve(self, typ: str, before: int, *, pronoun: bool = False, possessive: bool = False,
                exclude: int | None = None, place: frozenset[str] | None = None, young: bool = False) -> int | None:
        """The cluster a referring expression of type ``typ`` at token ``before`` means.

        ``place``: folded forms of a place the expression names ("le groupe de Mountain View"):
        an organisation known to be based there wins; one known to be based elsewhere loses.
        ``young``: the expression calls it a start-up ("la jeune pousse", "the startup"): not a
        company the gazetteer knows as established.
        """
        types = ("Person", "Organization") if typ == "any" else (typ,)
        cands = [(s, c) for s, c in self.mentions if s < before and self.clusters[c].type in types and c != exclude]
        if not cands:
            return None
        if young and self.gazetteer is not None:
            by_key = self.gazetteer.by_key
            cands = [(s, c) for s, c in cands if not ((e := by_key.get(self.clusters[c].key or "")) is not None
                                                       and (e.established or e.kind not in _YOUNG_KINDS))
                     and not self._investor_name(c)] or cands
        if place:
            there = [(s, c) for s, c in cands if self.headquarters(c) & place]
            if there:
                cands = there
            else:
                cands = [(s, c) for s, c in cands if not self.headquarters(c)] or cands
        if possessive and typ == "Organization":
            # "OpenAI ... left its board": an organisation that is the subject of this sentence,
            # or the only one named in it so far, owns "its" before the article's topic does
            here = self.doc[before].sent.start
            same = [(s, c) for s, c in cands if self.sent_of[s] == here]
            subj = [c for s, c in same if s in self.subjects]
            if subj:
                return subj[-1]
            if len({c for _, c in same}) == 1:
                return same[0][1]
        if typ == "any" or pronoun:
            # the first person or organisation of this sentence before the word, else of the
            # previous sentence that has one, else the nearest
            here = self.doc[before].sent.start
            same = [c for s, c in cands if self.sent_of[s] == here]
            if typ == "any" and not possessive:
                subj = [c for s, c in cands if self.sent_of[s] == here and s in self.subjects]
                if subj:
                    return subj[-1]  # "Arthur Mensch … DeepMind, le laboratoire de Google, où il a passé"
            if (typ == "any" or possessive) and same:
                return same[-1]  # "sur sa société", "who joined when it bought his startup": the nearest
            if same:
                return same[0]
            last_sent = self.sent_of[cands[-1][0]]
            return next(c for s, c in cands if self.sent_of[s] == last_sent)
        # organisations: salience = subject of the current/previous sentence, frequency, recency
        here = self.doc[before].sent.start
        prev_sent = max((self.sent_of[s] for s, _ in cands if self.sent_of[s] < here), default=None)
        counts: dict[int, float] = {}
        for s, c in cands:
            counts[c] = counts.get(c, 0) + (REFERENCE_WEIGHT if s in self.references else 1.0)
        score: dict[int, float] = {}
        firsts: dict[int, int] = {}
        for s, c in cands:
            firsts.setdefault(self.sent_of[s], c)
        topic = next((c for _, c in self.mentions if self.clusters[c].type == typ), None)
        for rank, (s, c) in enumerate(cands):
            sc = counts[c] * 0.5 + rank * 0.01  # frequency, then recency
            if c == topic:
                sc += TOPIC_BONUS  # the first one the article names is what it is about
            if self.sent_of[s] in (here, prev_sent):
                sc += 1.0
                if s in self.subjects:
                    sc += SUBJECT_BONUS  # the subject of that sentence
                elif firsts.get(self.sent_of[s]) == c and not self._subject_names_nothing(self.sent_of[s]):
                    sc += FIRST_BONUS  # first named in it (a fallback when the parse missed the subject)
            score[c] = max(score.get(c, 0.0), sc)
        return max(score, key=lambda c: score[c])


