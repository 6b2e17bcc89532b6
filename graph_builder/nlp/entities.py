"""Entity components: paragraphs as sentence bounds, gazetteer matching, clean-up and typing,
and in-document merging of mentions into entities (clusters).

All language data comes from :mod:`graph_builder.nlp.lexicon`; the components are registered
with ``@Language.factory`` and assembled by :func:`graph_builder.nlp.pipeline.load_pipeline`.

>>> from graph_builder.nlp.pipeline import load_pipeline          # doctest: +SKIP
>>> doc = load_pipeline("fr")("Jeff Bezos a fondé Amazon. Bezos …")  # doctest: +SKIP
>>> [(c.name, c.type, c.aliases) for c in doc._.gb_clusters]     # doctest: +SKIP
[('Jeff Bezos', 'Person', ('Bezos',)), ('Amazon', 'Organization', ())]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from graph_builder.nlp.lexicon import EntityLexicon, fold, load_entity_lexicon, load_gazetteer, load_toml
from graph_builder.resources import lexicon_dir

__all__ = ["Cluster", "TYPES", "Sentences", "GazetteerMatcher", "EntityCleaner", "EntityMerger"]

TYPES = ("Person", "Organization", "Product", "Place")

if not Doc.has_extension("gb_clusters"):
    Doc.set_extension("gb_clusters", default=None)
if not Doc.has_extension("gb_ent_cluster"):
    Doc.set_extension("gb_ent_cluster", default=None)  # ent.start -> cluster index


@dataclass
class Cluster:
    """All mentions of one thing in one document (mutable while the NLP stage runs)."""

    index: int
    type: str
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token (start, end)
    forms: list[str] = field(default_factory=list)  # surface forms, in order of appearance
    key: str | None = None  # gazetteer key (Wikidata id or type:name)
    wikidata: str | None = None
    gaz_name: str | None = None
    implicit: bool = False

    @property
    def name(self) -> str:
        """The canonical name: the longest form used in the text (the gazetteer's on a tie)."""
        if not self.forms:
            return self.gaz_name or ""
        best = max(self.forms, key=lambda f: (len(f.split()), len(f), f == self.gaz_name))
        return best

    @property
    def aliases(self) -> tuple[str, ...]:
        name = self.name
        seen: dict[str, None] = {}
        for f in self.forms:
            if fold(f) != fold(name):
                seen.setdefault(f, None)
        # one alias per folded form
        out: dict[str, str] = {}
        for f in seen:
            out.setdefault(fold(f), f)
        return tuple(out.values())


# --------------------------------------------------------------------------- sentences
_FINAL = frozenset({".", "!", "?", "…", "...", "!?", "?!"})
_CLOSERS = frozenset({'"', "»", "”", "'", ")", "]"})


class Sentences:
    """Sentence bounds set before the parser (which then respects them).

    A sentence ends at a line break (headings without final punctuation stay on their own)
    and after final punctuation followed by a capital, a digit or an opening quote, unless
    the token before is an abbreviation of the language (``M.``, ``Dr.``, ``Inc.``) or the
    punctuation is glued to the next word ("Character.AI").
    """

    def __init__(self, abbreviations: frozenset[str]) -> None:
        self.abbreviations = abbreviations

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        abbreviations = self.abbreviations
        ended = False  # the previous non-space token closed a sentence
        newline = False
        prev = None
        for tok in doc:  # one Token object per token (indexing the doc twice per step made two)
            if prev is None:
                tok.is_sent_start = True
                prev = tok
                continue
            ptext, pspace = prev.text, prev.whitespace_
            if "\n" in ptext or "\n" in pspace:
                newline = True
            if prev.is_space:
                pass
            elif ptext in _FINAL or (ptext.endswith(".") and len(ptext) > 1
                                     and prev.lower_ not in abbreviations
                                     and not ptext[:-1].replace(".", "").isupper()):
                ended = True
            elif ptext in _CLOSERS and ended:
                pass
            else:
                ended = False
            prev = tok
            if tok.is_space:
                tok.is_sent_start = False
                continue
            text = tok.text
            first = text[:1]
            glued = pspace == "" and first.isalnum()  # "Character.AI", "Mistral.ai": a name
            start = newline or (ended and not glued and (first.isupper() or first.isdigit() or first in "«\"“'(‘"))
            tok.is_sent_start = bool(start)
            if start:
                ended = False
            newline = False
        return doc


@Language.factory("gb_sentences", default_config={"lang": "fr"}, requires=["token.text"],
                  assigns=["token.is_sent_start"])
def make_sentences(nlp: Language, name: str, *, lang: str) -> Sentences:
    return Sentences(load_entity_lexicon(lang).abbreviations)


# --------------------------------------------------------------------------- gazetteer
class GazetteerMatcher:
    """Finds gazetteer names (case-sensitive, all languages' labels) and types them.

    Gazetteer spans win over the statistical model's spans they overlap; short forms
    ("Mistral" for Mistral AI) are kept only when a full form of the same entry is in the doc.
    """

    def __init__(self, nlp: Language, *, gazetteer_dir: str | None = None) -> None:
        self.gazetteer = load_gazetteer(gazetteer_dir)
        try:
            lex = load_entity_lexicon(nlp.lang)
            self.role_words = lex.person_cue | lex.org_suffix
        except Exception:  # a language without lexicons: no exception list
            self.role_words = frozenset()
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.short_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._keys: dict[str, str] = {}
        by_label: dict[str, list] = {}
        short_by_label: dict[str, list] = {}
        for e in self.gazetteer.entries:
            label = f"{e.type}|{e.key}"
            forms = set(e.forms)
            for f in list(forms):  # typographic variants
                forms.add(f.replace("'", "\u2019"))
            by_label.setdefault(label, []).extend(nlp.make_doc(f) for f in forms)
            if e.short:
                short_by_label.setdefault(label, []).extend(nlp.make_doc(f) for f in e.short)
        for label, docs in by_label.items():
            self.matcher.add(label, docs)
        for label, docs in short_by_label.items():
            self.short_matcher.add(label, docs)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        full_keys = set()
        for match_id, start, end in self.matcher(doc):
            label = doc.vocab.strings[match_id]
            typ, key = label.split("|", 1)
            spans.append(Span(doc, start, end, label=typ, kb_id=key))
            full_keys.add(key)
        for match_id, start, end in self.short_matcher(doc):
            label = doc.vocab.strings[match_id]
            typ, key = label.split("|", 1)
            if key in full_keys:
                spans.append(Span(doc, start, end, label=typ, kb_id=key))
        model_tokens = {i for e in doc.ents for i in range(e.start, e.end)}
        spans = [s for s in spans if not self._doubtful(s, model_tokens) and not self._longer_name(s, doc.ents)]
        gaz = filter_spans(spans)
        taken = set()
        for s in gaz:
            taken.update(range(s.start, s.end))
        keep = [e for e in doc.ents if not taken.intersection(range(e.start, e.end))]
        # a model span overlapping a gazetteer span is dropped, unless it is a person whose
        # name merely contains a known word ("Arthur Mensch" stays, "OpenAI CEO Sam Altman" goes)
        doc.ents = sorted([*gaz, *keep], key=lambda s: s.start)
        return doc


    def _longer_name(self, span: Span, ents) -> bool:
        """A known organisation opening a longer name the model found: "Safran Electronics &
        Defense", "Amazon Robotics", "Nvidia Research" are units of their own, not Safran."""
        if span.label_ != "Organization":
            return False
        for e in ents:
            if e.label_ == "ORG" and e.start == span.start and e.end > span.end:
                extra = e.doc[span.end:e.end]
                return all((t.text[:1].isupper() or t.text in ("&", "-")) and t.lower_ not in self.role_words
                           for t in extra)
        return False

    def _doubtful(self, span: Span, model_tokens: set[int]) -> bool:
        """An ambiguous name ("Teams", "Benchmark") opening a sentence, not seen as a name by the model."""
        entry = self.gazetteer.by_key.get(span.kb_id_)
        if entry is None or not entry.ambiguous:
            return False
        if model_tokens.intersection(range(span.start, span.end)):
            return False
        opens = span.start == 0 or span[0].is_sent_start or (
            span.doc[span.start - 1].is_punct and span.doc[span.start - 1].text in ".!?:;«\"“\n")
        if not opens or span.end >= len(span.doc):
            return False
        # "Teams of engineers", "Benchmark results": a common noun phrase; "Perplexity raised",
        # "Perplexity co-founder Aravind Srinivas": a name
        nxt = span.doc[span.end]
        if nxt.lower_ in self.role_words:
            return False
        return nxt.pos_ in ("ADP", "NOUN", "ADJ", "DET", "NUM")


@Language.factory(
    "gb_gazetteer",
    default_config={"gazetteer_dir": None},
    requires=["doc.ents"],
    assigns=["doc.ents", "token.ent_kb_id"],
)
def make_gazetteer(nlp: Language, name: str, *, gazetteer_dir: str | None) -> GazetteerMatcher:
    return GazetteerMatcher(nlp, gazetteer_dir=gazetteer_dir)


# --------------------------------------------------------------------------- clean-up and typing
_NOT_NAME_POS = frozenset({"VERB", "AUX", "ADV", "ADP", "PRON", "DET", "CCONJ", "SCONJ", "ADJ", "INTJ"})
_HAS_LETTER = re.compile(r"[^\W\d_]")
_PRODUCTISH = re.compile(r"(?:\d|-[A-Za-z0-9]|^[A-Z]{2,}[a-z]*\d)")


class EntityCleaner:
    """Trims, filters and types entity spans; one of the four types or dropped."""

    def __init__(self, nlp: Language, *, lang: str) -> None:
        self.lex: EntityLexicon = load_entity_lexicon(lang)
        self.gazetteer = load_gazetteer()
        self.lang = lang
        rounds = load_toml(lexicon_dir(lang) / "events.toml").get("rounds", {})
        # words after a number that make it an amount ("75 millions de dollars"): no name holds one
        self.money = frozenset(w.casefold() for w in (*rounds.get("multipliers", {}), *rounds.get("currencies", {})))

    def _trim(self, span: Span) -> Span | None:
        doc = span.doc
        start, end = span.start, span.end
        while start < end and (doc[start].lower_ in self.lex.strip_leading or doc[start].is_punct
                               or doc[start].is_space):
            start += 1
        while end > start and (doc[end - 1].text in self.lex.strip_trailing or doc[end - 1].is_punct
                               or doc[end - 1].is_space or doc[end - 1].lower_ in ("'s", "’s")):
            end -= 1
        if start >= end:
            return None
        # an amount ends a name: "série D de 75 millions de dollars" is no product
        for i in range(start, end - 1):
            if doc[i].like_num and doc[i + 1].lower_ in self.money:
                end = i
                while end > start and (doc[end - 1].pos_ in ("ADP", "DET") or doc[end - 1].is_punct):
                    end -= 1
                if end - start < 1 or len(doc[start:end].text) < 2:
                    return None
                break
        # elided article glued to the name ("L'Oréal" is one token; "d'Amazon" is two in French)
        # a newline inside a name ends it
        for i in range(start, end):
            if "\n" in doc[i].text or ("\n" in doc[i].whitespace_ and i < end - 1):
                end = i + 1
                break
        return Span(doc, start, end, label=span.label, kb_id=span.kb_id)

    def _cue_type(self, span: Span) -> str | None:
        """Type from the word right before the name ("la start-up X", "le modèle X")."""
        doc = span.doc
        prev = [t for t in doc[max(0, span.start - 3): span.start] if not t.is_punct]
        words = [t.lower_ for t in prev]
        if words:
            last = words[-1]
            if last in self.lex.product_cue:
                return "Product"
            if last in self.lex.org_cue:
                return "Organization"
            if last in self.lex.person_cue:
                return "Person"
        return None

    def _appos_type(self, span: Span) -> str | None:
        """Type from an apposition right after the name: "Mercari, le site japonais",
        "Goya, its inference chip", "Navin Shenoy, an Intel executive"."""
        doc = span.doc
        i = span.end
        if i >= len(doc) - 1 or doc[i].text != ",":
            return None
        for tok in doc[i + 1: i + 6]:
            if tok.pos_ in ("DET", "ADJ", "NUM", "PRON") or tok.lower_ in ("'s", "’s") or (
                    tok.pos_ == "PROPN" and tok.ent_type_):
                continue  # determiners, possessives ("its", "Intel's"), adjectives
            if tok.pos_ == "NOUN" and tok.dep_ == "compound":
                continue  # "its inference chip": the head noun says what it is
            if tok.pos_ != "NOUN":
                return None
            word = tok.lower_
            kinds = [t for t, cues in (("Organization", self.lex.org_cue), ("Product", self.lex.product_cue),
                                        ("Person", self.lex.person_cue)) if word in cues]
            return kinds[0] if len(kinds) == 1 else None
        return None

    def _type(self, span: Span) -> str | None:
        label = span.label_
        if label in TYPES:
            return label  # from the gazetteer
        text = span.text
        words = text.split()
        last = words[-1].casefold() if words else ""
        mapped = self.lex.label_map.get(label)
        if mapped == "":
            return None  # a label the language data drops (dates, amounts, nationalities…)
        cue = self._cue_type(span)
        if last in self.lex.org_suffix and len(words) > 1:
            return "Organization"
        appos = self._appos_type(span) if cue is None else None
        if mapped == "Person":
            # a one-word "person" that is really a company, or a product: trust a cue
            if (cue or appos) in ("Organization", "Product") and len(words) == 1:
                return cue or appos
            if _PRODUCTISH.search(text) and len(words) == 1:
                return "Product"
            return "Person"
        if mapped == "Place":
            if (cue or appos) in ("Organization", "Product"):
                return cue or appos
            return "Place"
        if mapped == "Organization":
            if cue == "Product" or appos == "Product" or (_PRODUCTISH.search(text) and any(c.isdigit() for c in text)):
                return "Product"
            if appos == "Person" and len(words) > 1:
                return "Person"
            return "Organization"
        if mapped == "Product":
            return "Product" if cue != "Organization" else "Organization"
        # MISC and other labels: keep only with a clear sign of what it is
        if cue in ("Product", "Organization"):
            return cue
        if _PRODUCTISH.search(text) and any(c.isupper() for c in text):
            return "Product"
        return None

    def __call__(self, doc: Doc) -> Doc:
        out = []
        for ent in doc.ents:
            # a gazetteer span is a known name as written ("Le Chat", "Les Échos"): no trimming
            span = ent if ent.label_ in TYPES else self._trim(ent)
            if span is None:
                continue
            text = span.text
            if fold(text) in self.lex.stop or not _HAS_LETTER.search(text):
                continue
            if len(text) < 2 and span.label_ not in TYPES:
                continue
            if span.label_ not in TYPES:
                if text[:1].islower() and not any(c.isupper() for c in text[1:]):
                    continue  # "cloud", "tech": not a name
                if len(span) == 1 and span[0].pos_ in _NOT_NAME_POS and _opens_sentence(span):
                    continue  # "Renforcer …", "Valorisée …": a capitalised word opening a sentence
                if self._opening_participle(span):
                    continue  # "Installée à Tokyo, la société …", "Headquartered in Paris, …"
                hits = self.gazetteer.lookup(text)
                if hits:
                    e = hits[0]
                    span = Span(doc, span.start, span.end, label=e.type, kb_id=e.key)
            typ = self._type(span)
            if typ is None:
                continue
            out.append(Span(doc, span.start, span.end, label=typ, kb_id=span.kb_id))
        doc.ents = self._coordinated(filter_spans(out))
        return doc

    def _opening_participle(self, span: Span) -> bool:
        """A one-word name opening its sentence that is a participle before a preposition.

        The models tag "Installée" in "Installée à Tokyo, la société …" as a proper noun;
        the language's participle endings (``opening_participles``) and the preposition
        after it tell the verb from a name.
        """
        doc = span.doc
        if len(span) != 1 or not self.lex.opening_participles or span.end >= len(doc):
            return False
        return bool(_opens_sentence(span) and span[0].lower_.endswith(self.lex.opening_participles)
                    and doc[span.end].pos_ == "ADP")

    @staticmethod
    def _coordinated(spans: list[Span]) -> list[Span]:
        """An unknown name the model calls a place, coordinated with organisations, is one.

        "MUFG, Sumitomo Mitsui Banking Corporation et Mizuho": the members of a coordination
        (the parse's ``conj`` links, or names next to each other separated only by commas and
        a conjunction) are things of one kind; a place the gazetteer does not know, listed
        only with organisations, takes their type.
        """
        by_root = {s.root.i: s for s in spans}
        out = []
        for k, s in enumerate(spans):
            if s.label_ == "Place" and not s.kb_id_:
                head = s.root if s.root.dep_ != "conj" else s.root.head
                members = [by_root.get(t.i) for t in (head, *[c for c in head.children if c.dep_ == "conj"])]
                members += [n for n in (spans[k - 1] if k else None, spans[k + 1] if k + 1 < len(spans) else None)
                            if n is not None and _listed_together(n, s)]
                kinds = {m.label_ for m in members if m is not None and m is not s}
                if kinds == {"Organization"}:
                    s = Span(s.doc, s.start, s.end, label="Organization", kb_id=s.kb_id)
            out.append(s)
        return out


def _opens_sentence(span: Span) -> bool:
    """The span is the first word of its sentence (or follows punctuation or a line break)."""
    doc = span.doc
    return span[0].is_sent_start or span.start == 0 or doc[span.start - 1].is_punct or doc[span.start - 1].is_space


def _listed_together(a: Span, b: Span) -> bool:
    """Only a comma and/or a coordinating conjunction between two names ("A, B et C")."""
    first, second = (a, b) if a.start < b.start else (b, a)
    between = first.doc[first.end:second.start]
    return 0 < len(between) <= 2 and all(t.text == "," or t.pos_ == "CCONJ" for t in between)


@Language.factory("gb_entities", default_config={"lang": "fr"}, requires=["doc.ents"],
                  assigns=["doc.ents"])
def make_entities(nlp: Language, name: str, *, lang: str) -> EntityCleaner:
    return EntityCleaner(nlp, lang=lang)


# --------------------------------------------------------------------------- merging
def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w and w[0].isalpha()).upper()


class EntityMerger:
    """Groups the mentions of a document into clusters: one per real-world thing.

    Merges: same folded form; same gazetteer key; a person's surname or first name alone
    ("Bezos"); an acronym defined in the text or made of a name's initials ("AWS"); a short
    form of a longer name when the extra words are generic ("Mistral" ↔ "Mistral AI").
    The cluster's type is the gazetteer's, else the majority of its mentions' types.
    """

    def __init__(self, nlp: Language, *, lang: str) -> None:
        self.lex = load_entity_lexicon(lang)
        self.gazetteer = load_gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        clusters: list[Cluster] = []
        by_fold: dict[str, int] = {}
        by_key: dict[str, int] = {}
        ent_cluster: dict[int, int] = {}
        types: list[Counter] = []
        ents = list(doc.ents)
        # longest first so that short forms find their long form
        order = sorted(range(len(ents)), key=lambda i: (-len(ents[i].text.split()), ents[i].start))
        for i in order:
            ent = ents[i]
            text, f, key = ent.text, fold(ent.text), ent.kb_id_ or None
            idx = None
            if key and key in by_key:
                idx = by_key[key]
            elif f in by_fold:
                idx = by_fold[f]
            else:
                idx = self._match_partial(ent, clusters)
            if idx is None:
                entry = self.gazetteer.by_key.get(key) if key else None
                clusters.append(Cluster(index=len(clusters), type=ent.label_, key=key,
                                        wikidata=entry.wikidata if entry else None,
                                        gaz_name=entry.name if entry else None))
                types.append(Counter())
                idx = len(clusters) - 1
            c = clusters[idx]
            c.mentions.append((ent.start, ent.end))
            if text not in c.forms:
                c.forms.append(text)
            by_fold.setdefault(f, idx)
            if key:
                by_key.setdefault(key, idx)
                if c.key is None:
                    entry = self.gazetteer.by_key.get(key)
                    c.key, c.wikidata = key, entry.wikidata if entry else None
                    c.gaz_name = entry.name if entry else None
            types[idx][ent.label_] += 2 if ent.kb_id_ else 1
            ent_cluster[ent.start] = idx
        for c, cnt in zip(clusters, types):
            if c.key and c.key in self.gazetteer.by_key:
                c.type = self.gazetteer.by_key[c.key].type
            elif cnt:
                c.type = cnt.most_common(1)[0][0]
            c.mentions.sort()
        # the text's order of forms: first mention first
        for c in clusters:
            c.forms.sort(key=lambda f: next((s for s, e in c.mentions if doc[s:e].text == f), 0))
        # relabel doc.ents with the cluster's type so later components see one type per entity
        new_ents = []
        for ent in ents:
            c = clusters[ent_cluster[ent.start]]
            new_ents.append(Span(doc, ent.start, ent.end, label=c.type, kb_id=c.key or ""))
        doc.ents = new_ents
        doc._.gb_clusters = clusters
        doc._.gb_ent_cluster = ent_cluster
        return doc

    def _match_partial(self, ent: Span, clusters: list[Cluster]) -> int | None:
        text = ent.text
        words = text.split()
        f = fold(text)
        if ent.kb_id_:
            return None  # a gazetteer entity is its own thing unless its key matched
        for c in clusters:
            for form in c.forms:
                fwords = form.split()
                if len(fwords) <= len(words):
                    continue
                ff = [fold(w) for w in fwords]
                # person: surname or first name alone
                if c.type == "Person" and len(words) == 1 and ent.label_ in ("Person", "Organization", "Place"):
                    if f == ff[-1] or f == ff[0]:
                        return c.index
                    # "Amodei" for "Dario Amodei" is covered above
                # acronym: "AWS" for "Amazon Web Services"
                if len(words) == 1 and text.isupper() and len(text) >= 2 and _initials(fwords) == text:
                    return c.index
                # short form: "Mistral" for "Mistral AI", when the rest is generic
                if c.type in ("Organization", "Product") and ff[: len(words)] == [fold(w) for w in words]:
                    rest = ff[len(words):]
                    if all(w in self.lex.org_suffix for w in rest):
                        return c.index
        return None


@Language.factory("gb_merge", default_config={"lang": "fr"}, requires=["doc.ents"],
                  assigns=["doc._.gb_clusters", "doc._.gb_ent_cluster"])
def make_merge(nlp: Language, name: str, *, lang: str) -> EntityMerger:
    return EntityMerger(nlp, lang=lang)
