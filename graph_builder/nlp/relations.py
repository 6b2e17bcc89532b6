"""Relation extraction: rules from ``data/lexicons/<lang>/relations.toml`` over typed sentences.

Each sentence is rewritten as a *typed stream*: its text, lower-cased, where every entity
mention (and every pronoun or noun phrase that refers back to one: "il", "the company",
"sa", "its") is replaced by a placeholder ``⟦ORG:3⟧``. Rules are regular expressions over
that stream, written with macros::

    {s:PER}  {o:ORG}   the subject / object slot, typed (PER ORG PROD PLACE ENT)
    {s:PER+}           a coordinated list of them ("A, B et C")
    {x:ORG}            a typed entity that is neither slot
    {@ceo}             any word of the class ``ceo`` (``[classes]`` in the data file)
    {%de}              a regex macro (``[macros]``)
    {_4}               a gap of at most 4 words without entity
    {d:DEMONYM}        a nationality or city adjective ("française", "Paris-based")

A match yields one relation per (subject, object) pair, unless the clause around it is
negated or speculative (``[cues] negation`` / ``speculation``); ``former`` comes from
``[cues] former`` for the predicates listed in ``former_predicates``. Confidence is the
rule's, lowered when a slot was filled through coreference. A rule without an object slot
may take ``topic_object = true``: its object is then the organisation most salient at that
sentence (the article's company, as "la société" would resolve).

References are resolved before the rules run (:class:`_Anaphora`, data in ``[anaphora]`` of
``entities.toml``): by salience (names and resolved references, subjects from the parse, the
article's first organisation), constrained by what the phrase says: a place it names ("le
groupe de Mountain View", "the Redmond company") picks the organisation the gazetteer bases
there (``headquarters``); "la start-up", "the startup" skip established companies; a French
funding round ("le tour de table") is the article's company; "the ChatGPT maker" is the
product's maker (gazetteer ``maker``); "les deux entreprises" the last two organisations named;
"le premier … le second" the people of the last sentence naming several; a possessive inside a
relative clause is its antecedent's; an object phrase is not its clause's subject. Two more readings of a
sentence help lists: a relative in a list ("A et sa sœur B") is left out of the stream, and
people's comma appositions inside a list are dropped in a second pass (rule id ``+skip-appos``).
A match whose reference resolves to an entity it names on its other side is discarded.

Rules are cheap to skip: what a pattern needs at its top level (slot types, trigger words,
word classes) is read once from its source (:func:`_requirements`), and a rule runs only on
sentences that contain all of it.

>>> rules = load_rules("en")                                   # doctest: +SKIP
>>> any(r.predicate == "acquired" for r in rules.rules)         # doctest: +SKIP
True
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from graph_builder.nlp.entities import Cluster
from graph_builder.nlp.lexicon import Demonym, Gazetteer, fold, load_demonyms, load_entity_lexicon, load_gazetteer, load_toml
from graph_builder.resources import lexicon_dir
from graph_builder.types import PREDICATE_SIGNATURES, PREDICATES, SYMMETRIC_PREDICATES

__all__ = ["Rule", "RuleSet", "RawRelation", "load_rules", "RelationExtractor", "typed_stream", "person_appositions"]

if not Doc.has_extension("gb_relations"):
    Doc.set_extension("gb_relations", default=None)

_TYPE_TAG = {"Person": "PER", "Organization": "ORG", "Product": "PROD", "Place": "PLACE"}
# "SVC": a service named like a product that also acts as a company (Amazon Web Services):
# it fills organisation and product slots alike, and takes the type its first fact gives it.
_TAG_RE = {"PER": "PER", "ORG": "(?:ORG|SVC)", "PROD": "(?:PROD|SVC)", "PLACE": "PLACE",
           "ENT": "(?:PER|ORG|SVC)", "ANY": "(?:PER|ORG|PROD|PLACE|SVC)"}
_DUAL_KINDS = frozenset({"service"})
TOPIC_BONUS = 1.0  # salience of the first organisation an article names (measured: 0, 1, 2 → 1 best)
SUBJECT_BONUS = 1.5  # a grammatical subject of the current or previous sentence
FIRST_BONUS = 1.5  # the first entity of that sentence when it is not its subject
REFERENCE_WEIGHT = 0.25  # a resolved reference counts as this much of a name (measured: 0, 0.25, 0.5, 1)
TRANSPARENT = -1  # an anaphora entry left out of the stream ("sa sœur" in "A et sa sœur B": B stays in the list)
_PH = "⟦{t}:\\d+\\*?⟧"  # a placeholder; "*" marks one filled through coreference
_PH_FIND = re.compile(r"⟦(PER|ORG|PROD|PLACE|SVC):(\d+)(\*?)⟧")


@dataclass(frozen=True)
class Rule:
    id: str
    predicate: str
    pattern: str
    regex: re.Pattern[str]
    confidence: float
    former: bool | None = None  # True/False forces it; None: decided by the former cues
    swap: bool = False  # the slots are written object-first
    coref: bool = True  # False: slots filled through coreference are refused
    topic_object: bool = False  # no object slot: the object is the most salient organisation there
    # what a stream must contain for the rule to have a chance (derived from the pattern):
    # each item is a tuple of substrings, one of which must occur (see _requirements)
    needs: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class RuleSet:
    lang: str
    rules: tuple[Rule, ...]
    negation: re.Pattern[str] | None
    speculation: re.Pattern[str] | None
    former: re.Pattern[str] | None
    former_predicates: frozenset[str]
    window_before: int
    coref_factor: float


@dataclass(frozen=True)
class RawRelation:
    """A relation between two clusters of a doc, before it leaves the NLP stage."""

    subject: int  # cluster index
    predicate: str
    object: int
    sent_start: int  # char offsets of the evidence sentence
    sent_end: int
    confidence: float
    rule: str
    former: bool


def _alternatives(words: list[str]) -> str:
    """The words as one regex alternation, longest first (no word boundaries)."""
    # regex entries keep their case (\S is not \s); matching is case-insensitive anyway
    alts = sorted({(w if "\\" in w else w.casefold()).strip() for w in words if w.strip()}, key=len, reverse=True)
    parts = []
    for w in alts:
        if "\\" in w:  # an entry written as a regex ("spent \S+ years at")
            p = re.sub(r"\s+", r"\\s+", w)
        else:
            p = re.escape(w).replace("\\ ", r"\s*").replace("'", r"'\s*")
        parts.append(p)
    return "(?:" + "|".join(parts) + ")"


def _alternation(words: list[str]) -> str:
    return r"(?<![\w⟧])" + _alternatives(words) + r"(?![\w⟦])"


def _demonym_regex(forms: list[str]) -> str:
    """Demonyms, compounds included: "franco-américaine", "German-American" (prefix forms end in "-")."""
    full = [f for f in forms if not f.endswith("-")]
    if not full:
        return "(?!x)x"
    prefixes = [f[:-1] for f in forms if f.endswith("-")] + full
    return r"(?<![\w⟧])(?:" + _alternatives(prefixes) + r"-)*" + _alternatives(full) + r"(?![\w⟦])"


def _compile(pattern: str, classes: dict[str, str], macros: dict[str, str], demonym_re: str) -> str:
    out = []
    pos = 0
    token = re.compile(r"\{([^{}]+)\}")
    for m in token.finditer(pattern):
        lit = pattern[pos:m.start()]
        lit = _attach_quantifier(out, lit)
        out.append(_literal(lit))
        body = m.group(1)
        pos = m.end()
        if re.fullmatch(r"\d+(?:,\d*)?", body):  # a regex quantifier such as \d{4}
            if out[-1].endswith(r"\s*") and not lit.endswith(" "):
                out[-1] = out[-1][: -len(r"\s*")]
            out.append("{" + body + "}")
            continue
        if body.startswith("@"):
            try:
                out.append(classes[body[1:]])
            except KeyError:
                raise ValueError(f"unknown word class {body!r}") from None
        elif body.startswith("%"):
            try:
                out.append("(?:" + macros[body[1:]] + ")")
            except KeyError:
                raise ValueError(f"unknown macro {body!r}") from None
        elif body == ",":
            # an optional insertion between commas: "Jeff Bezos, fondateur d'Amazon, dirige …"
            out.append(r"(?:\s*,(?:[^,;:.()⟦]|⟦[^⟧]*⟧){1,90}?,)?")
        elif body.startswith("_"):
            n = int(body[1:] or 3)
            out.append(r"(?:(?>[^\s⟦⟧,;:()]+|[,;:()])\s*){0,%d}?" % n)
        elif ":" in body:
            slot, typ = body.split(":", 1)
            if typ == "DEMONYM":
                out.append(f"(?P<{slot}>{demonym_re})")
                continue
            many = typ.endswith("+")
            typ = typ.rstrip("+")
            ph = _PH.format(t=_TAG_RE[typ])
            if many:
                # "A, B et C", "auprès de A et de B", "A, then president of X, B and C": an item
                # may carry an apposition that holds no entity of the list's own type
                sep = (r"\s*(?:,\s*et|,\s*and|,|et|and|&|ainsi\s+que|as\s+well\s+as)\s*"
                       r"(?:(?:de|d'|du|des|à|au|aux|par|by|with|avec)\s*)?")
                ins = r"(?:\s*,(?:[^,;:.()⟦]|⟦(?!%s)[^⟧]*⟧){1,90}?(?=\s*,))?" % _TAG_RE[typ]
                ph = f"{ph}(?:{ins}{sep}{ph})*"
            out.append(f"(?P<{slot}>{ph})" if slot in ("s", "o") else f"(?:{ph})")
        else:
            raise ValueError(f"unknown pattern element {{{body}}}")
    out.append(_literal(_attach_quantifier(out, pattern[pos:])))
    return "".join(out)


_TAG_NEEDS = {"PER": ("⟦PER:",), "ORG": ("⟦ORG:", "⟦SVC:"), "PROD": ("⟦PROD:", "⟦SVC:"), "PLACE": ("⟦PLACE:",),
              "ENT": ("⟦PER:", "⟦ORG:", "⟦SVC:"), "ANY": ("⟦",)}
_WORD = re.compile(r"\w+")
_PLAIN_WORDS = re.compile(r"[\w\s'’-]*")


def _class_keys(words: list[str]) -> tuple[str, ...] | None:
    """Words one of which occurs in any text the class matches (None: cannot tell).

    An entry starts at a word boundary (see :func:`_alternation`), so its first run of word
    characters is a whole word of the stream ("co" for "co-founder", "d" for "d'").
    """
    keys = set()
    for w in words:
        if "\\" in w:
            return None  # a regex entry
        run = _WORD.search(w)
        if run is None:
            return None
        keys.add(run.group(0).lower())
    return tuple(sorted(keys))


_SIMPLE_ALT = re.compile(r"\w[\w'’-]*(?:\\s[+*]\w[\w'’-]*)*")


# what may follow a group of words for its words to be whole words of the stream
_WORD_END = re.compile(r"$|[ ,.;:)]|\\[sb]|\{[@sox]|\{d:|\?\s|\(\?[=!]\\s")


def _class_end(pattern: str, i: int) -> int:
    """Index just after the character class ``[...]`` opened at ``i`` ("[]x]", "[^]x]" included)."""
    j = i + 1
    if j < len(pattern) and pattern[j] == "^":
        j += 1
    if j < len(pattern) and pattern[j] == "]":
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def _group_end(pattern: str, i: int) -> int:
    """Index of the ``)`` closing the group opened at ``i`` (-1 if none)."""
    depth = 0
    j = i
    while j < len(pattern):
        c = pattern[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _class_end(pattern, j)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return -1


def _requirements(pattern: str, class_keys: dict[str, tuple[str, ...] | None]) -> tuple[tuple[str, ...], ...]:
    """What any match of ``pattern`` contains, read from its source: a cheap prefilter.

    Only elements at the top level of the pattern (outside any group, in a pattern without a
    top-level ``|``) and not made optional by a following ``?``, ``*`` or ``{0,n}`` count: a
    slot needs a placeholder of its type (a substring starting with ``⟦``), a word class one
    of its words, and a run of plain words those words (whole words of the stream). Anything
    the reader is unsure of adds no requirement, so the filter can only skip a rule that could
    not have matched (the one assumption: a space written in a rule is a space in the text,
    not "chiefexecutive").

    >>> _requirements("{s:PER} a fondé {o:ORG}", {})
    (('⟦PER:',), ('a',), ('fondé',), ('⟦ORG:', '⟦SVC:'))
    >>> _requirements("(?:{s:PER}|x) {@ceo}?", {"ceo": ("pdg",)})
    ()
    """
    needs: list[tuple[str, ...]] = []
    depth = 0
    i = 0
    n = len(pattern)
    chunk_start = 0

    def optional_at(j: int) -> bool:
        return j < n and (pattern[j] in "?*" or re.match(r"\{0*,|\{0\}", pattern[j:]) is not None)

    def words_of(chunk: str, end: int) -> None:
        chunk = chunk.lstrip("?*+")  # those quantify the element before the chunk
        if depth == 0 and _PLAIN_WORDS.fullmatch(chunk):
            runs = list(_WORD.finditer(chunk.lower()))
            if runs and optional_at(end):
                runs = runs[:-1]  # "acquired?" : the last word is not sure
            # a word glued to the element before or after may be part of a longer word there
            runs = [m for m in runs if m.start() > 0 and m.end() < len(chunk)]
            needs.extend((m.group(0),) for m in runs)

    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":  # a character class: skip to its end
            i = _class_end(pattern, i)
            continue
        if c in "()|{":
            words_of(pattern[chunk_start:i], i)
        if c == "(" and depth == 0:
            end = _group_end(pattern, i)
            alts = pattern[i + 3:end].split("|") if pattern.startswith("(?:", i) and end > 0 else []
            bounded = (i == 0 or pattern[i - 1] in " +*" or pattern[:i].endswith(("\\b", "\\s"))) and \
                _WORD_END.match(pattern, end + 1) is not None
            if alts and bounded and all(_SIMPLE_ALT.fullmatch(a) for a in alts):
                # "(?:announced|signed|entered\s+into)": one of those words
                if not optional_at(end + 1):
                    needs.append(tuple(sorted({_WORD.match(a).group(0).lower() for a in alts})))
                i = end + 1
                chunk_start = i
                continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return ()  # alternatives at the top: nothing is sure
        elif c == "{":
            j = pattern.find("}", i)
            if j < 0:
                return ()
            body = pattern[i + 1:j]
            if depth == 0 and not optional_at(j + 1):
                if ":" in body and not body.startswith(("@", "%", "_")):
                    typ = body.split(":", 1)[1].rstrip("+")
                    if typ in _TAG_NEEDS:
                        needs.append(_TAG_NEEDS[typ])
                elif body.startswith("@"):
                    keys = class_keys.get(body[1:])
                    if keys:
                        needs.append(keys)
            i = j + 1
            chunk_start = i
            continue
        i += 1
        if c in "()|":
            chunk_start = i
    words_of(pattern[chunk_start:], n)
    if depth != 0:
        return ()
    return tuple(dict.fromkeys(needs))


def _attach_quantifier(out: list[str], lit: str) -> str:
    """A ``?``, ``*`` or ``+`` right after an element quantifies that element, not a space."""
    q = re.match(r"[?*+]\??", lit)
    if q and out and re.fullmatch(r"\{\d+(?:,\d*)?\}", out[-1]):
        out[-1] += q.group(0)  # a lazy or possessive regex quantifier: "{1,3}?"
        return lit[q.end():]
    if q and out:
        out[-1] = f"(?:{out[-1]}){q.group(0)}"
        return lit[q.end():]
    return lit


def _literal(text: str) -> str:
    """Literal pattern text: words as written (regex syntax allowed), spaces flexible."""
    text = text.strip()
    if not text:
        return r"\s*"
    return r"\s*" + re.sub(r"\s+", r"\\s*", text) + r"\s*"


@lru_cache(maxsize=None)
def load_rules(lang: str) -> RuleSet:
    """Compile ``data/lexicons/<lang>/relations.toml`` into a :class:`RuleSet`."""
    path = lexicon_dir(lang) / "relations.toml"
    data = load_toml(path)
    classes = {k: _alternation(v) for k, v in data.get("classes", {}).items()}
    class_keys = {k: _class_keys(v) for k, v in data.get("classes", {}).items()}
    macros = dict(data.get("macros", {}))
    demonyms = load_demonyms(lang)
    demonym_re = _demonym_regex([d.form for d in demonyms.values()])
    rules = []
    for r in data.get("rules", []):
        pred = r["predicate"]
        if pred not in PREDICATES:
            raise ValueError(f"{path}: rule {r.get('id')}: unknown predicate {pred!r}")
        try:
            source = _compile(r["pattern"], classes, macros, demonym_re)
            while source.startswith(r"\s*"):
                source = source[3:]  # a leading \s* would hide the pattern's first literal from re's scanner
            rx = re.compile(source, re.IGNORECASE)
        except (re.error, ValueError) as exc:
            from graph_builder.errors import ConfigError

            raise ConfigError(f"{path}: rule {r.get('id')}: {exc}; fix the pattern") from None
        rules.append(Rule(id=r["id"], predicate=pred, pattern=r["pattern"], regex=rx,
                          confidence=float(r.get("confidence", 0.7)), former=r.get("former"),
                          swap=bool(r.get("swap", False)), coref=bool(r.get("coref", True)),
                          topic_object=bool(r.get("topic_object", False)),
                          needs=_requirements(r["pattern"], class_keys)))
    cues = data.get("cues", {})

    def cue(name: str) -> re.Pattern[str] | None:
        words = cues.get(name)
        return re.compile("|".join(f"(?:{w})" for w in words), re.IGNORECASE) if words else None

    return RuleSet(
        lang=lang, rules=tuple(rules), negation=cue("negation"), speculation=cue("speculation"),
        former=cue("former"), former_predicates=frozenset(cues.get("former_predicates", [])),
        window_before=int(cues.get("window_before", 30)), coref_factor=float(cues.get("coref_factor", 0.8)),
    )


# --------------------------------------------------------------------------- typed stream
@dataclass
class Stream:
    text: str
    slots: list[tuple[int, bool]] = field(default_factory=list)  # placeholder n -> (cluster, via coref)


def typed_stream(doc: Doc, sent, anaphora: dict[int, tuple[int, int]], dual: frozenset[int] = frozenset(),
                 skip: frozenset[int] = frozenset(), pairs: dict[int, tuple[int, int, int]] | None = None,
                 and_word: str = "and") -> Stream:
    """The sentence as text with entity mentions replaced by placeholders.

    ``anaphora`` maps a token index to (end token, cluster index) for referring expressions;
    ``dual`` holds the clusters that may act as organisation or product (tag ``SVC``);
    tokens in ``skip`` are left out (a person's apposition, see :func:`person_appositions`);
    ``pairs`` maps "les deux entreprises" to the two organisations it means, written as a list
    of two references joined by ``and_word``, the language's "and" ("⟦ORG:1*⟧ et ⟦ORG:2*⟧").
    """
    clusters: list[Cluster] = doc._.gb_clusters or []
    ent_cluster: dict[int, int] = doc._.gb_ent_cluster or {}
    # entity start -> end, once per doc (plain ints: no Span kept in the Doc, no reference cycle),
    # so the stream of each sentence stays linear in its length
    ends: dict[int, int] | None = doc.user_data.get("gb_ent_ends")
    if ends is None:
        ends = doc.user_data["gb_ent_ends"] = {e.start: e.end for e in doc.ents}
    parts: list[str] = []
    slots: list[tuple[int, bool]] = []
    i = sent.start
    while i < sent.end:
        tok = doc[i]
        if i in skip:
            i += 1
            continue
        if pairs and i in pairs:
            end, a, b = pairs[i]
            parts.append(f"⟦ORG:{len(slots)}*⟧ {and_word} ⟦ORG:{len(slots) + 1}*⟧" + doc[end - 1].whitespace_)
            slots.extend([(a, True), (b, True)])
            i = end
            continue
        if i in anaphora:  # before names: "the ChatGPT maker" starts with one
            end, c = anaphora[i]
            if c == TRANSPARENT:
                i = end
                continue
            tag = _TYPE_TAG.get(clusters[c].type, "ORG")
            parts.append(f"⟦{tag}:{len(slots)}*⟧" + doc[end - 1].whitespace_)
            slots.append((c, True))
            i = end
            continue
        if i in ends:
            c = ent_cluster.get(i)
            if c is not None:
                end = ends[i]
                tag = "SVC" if c in dual else _TYPE_TAG.get(clusters[c].type, "ORG")
                parts.append(f"⟦{tag}:{len(slots)}⟧" + doc[end - 1].whitespace_)
                slots.append((c, False))
                i = end
                continue
        text = tok.text.lower().replace("\n", " ")
        parts.append(text + (" " if tok.whitespace_ or tok.is_space else ""))
        i += 1
    return Stream("".join(parts), slots)


def person_appositions(doc: Doc, sent) -> frozenset[int]:
    """Tokens of the comma-bounded appositions of the people of a list in ``sent``.

    "Fondée par Arnaud Guérin, son directeur général, et Renaud Allioux, son directeur
    technique, la société …": the parse marks each role as an apposition of its name; an
    apposition runs from the comma after the name to the next comma. Without them, the
    sentence reads "Fondée par Arnaud Guérin, et Renaud Allioux, la société …", and the list
    of founders is whole again. Only names in a list count (a conjunction or another name
    next to the apposition); an apposition naming a person is kept; and when a listed
    person's apposition runs to the end of the sentence ("…, and Larry Ellison, Oracle's
    co-founder."), nothing is removed: the list would take that role for every name.

    >>> from graph_builder.nlp.pipeline import load_pipeline
    >>> doc = load_pipeline("en")("It was founded by Dario Amodei, a former researcher, and Jared Kaplan.")
    >>> [doc[i].text for i in sorted(person_appositions(doc, next(iter(doc.sents))))]
    [',', 'a', 'former', 'researcher']
    """
    out: set[int] = set()
    for e in doc.ents:
        if e.label_ != "Person" or not (sent.start <= e.start < sent.end):
            continue
        if e.end >= sent.end - 1 or doc[e.end].text != ",":
            continue
        if not any((c.dep_ == "appos" or (c.dep_ == "dep" and c.pos_ in ("NOUN", "PROPN", "ADJ") and c.i <= e.end + 3))
                   and c.i >= e.end for t in e for c in t.children):
            continue  # ("dep": the parser's fallback label for "Gilles Wainrib, ex-enseignant-chercheur à …")
        j = e.end + 1
        while j < sent.end and doc[j].text not in (",", ";", ":", "(", ")") and not doc[j].is_sent_end:
            if doc[j].ent_type_ == "Person":
                break
            j += 1
        before = doc[e.start - 1] if e.start > sent.start else None
        listed_before = before is not None and (before.pos_ == "CCONJ" or before.text == ",")
        closed = j < sent.end and doc[j].text == "," and j - e.end <= 25
        if not closed:
            if listed_before:
                return frozenset()  # "…, and Larry Ellison, Oracle's co-founder and chairman."
            continue
        after = doc[j + 1] if j + 1 < sent.end else None
        listed_after = after is not None and (after.pos_ == "CCONJ" or after.ent_type_ == "Person")
        if listed_before or listed_after:
            out.update(range(e.end, j))
    return frozenset(out)


# --------------------------------------------------------------------------- coreference
def _by_first_word(phrases: list[tuple[list[str], object]]) -> dict[str, list[tuple[list[str], object]]]:
    """Tokenised phrases (with a value each) indexed by their first word, longest first."""
    out: dict[str, list[tuple[list[str], object]]] = {}
    for toks, value in sorted(phrases, key=lambda x: -len(x[0])):
        out.setdefault(toks[0], []).append((toks, value))
    return out


class _Anaphora:
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

    def resolve(self, doc: Doc) -> tuple[dict[int, tuple[int, int]], _Salience]:
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
        ctx = _Salience(doc, mentions, clusters, subjects, gazetteer=self.gazetteer)
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
                    ctx: _Salience) -> tuple[int, int] | None:
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

    def _pair_at(self, i: int, lowers: list[str], in_ent: set[int], ctx: _Salience) -> tuple[int, int, int] | None:
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


class _Salience:
    """Which earlier entity a referring expression at a token means.

    Every mention counts, names and resolved references alike ("la société" that was
    resolved to Owkin is a mention of Owkin): an entity the text keeps talking about
    stays salient even when its name is not repeated. A grammatical subject (from the
    parse) weighs most, as centering theory has it.
    """

    def __init__(self, doc: Doc, mentions: list[tuple[int, int]], clusters: list[Cluster],
                 subjects: set[int] | frozenset[int] = frozenset(), *, gazetteer: Gazetteer | None = None) -> None:
        self.doc = doc
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
                                                       and (e.established or e.kind not in _YOUNG_KINDS))] or cands
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


# --------------------------------------------------------------------------- the component
class RelationExtractor:
    """Applies the language's rules to each sentence; writes ``doc._.gb_relations``."""

    def __init__(self, nlp: Language, *, lang: str) -> None:
        self.lang = lang
        self.rules = load_rules(lang)
        self.anaphora = _Anaphora(nlp, lang)
        self.demonyms = load_demonyms(lang)
        self.gazetteer = load_gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        clusters: list[Cluster] = doc._.gb_clusters or []
        if not clusters:
            doc._.gb_relations = []
            return doc
        ana, ctx = self.anaphora.resolve(doc)
        dual = frozenset(c.index for c in clusters if self._dual(c))
        found: dict[tuple[int, str, int], RawRelation] = {}
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
        for start, org, product in ctx.makers:  # "the ChatGPT maker" states who makes ChatGPT
            sent = doc[start].sent
            key = (org, "develops", product)
            if key not in found and clusters[product].type == "Product":
                found[key] = RawRelation(org, "develops", product, sent.start_char, sent.end_char,
                                         round(0.8 * self.rules.coref_factor, 3), f"{self.lang}.develops.maker-phrase", False)
        doc._.gb_relations = self._settle_types(list(found.values()), clusters, dual)
        return doc

    def _match(self, doc: Doc, stream: Stream, sent, clusters: list[Cluster], ctx: _Salience,
               found: dict[tuple[int, str, int], RawRelation], suffix: str = "") -> None:
        """Every rule on one stream; the best-confidence relation per (subject, predicate, object)."""
        text = stream.text
        words = set(_WORD.findall(text))
        seen: dict[tuple[str, ...], bool] = {}
        for rule in self.rules.rules:
            ok = True
            for need in rule.needs:  # cheap set and substring tests before the regex
                hit = seen.get(need)
                if hit is None:
                    hit = seen[need] = any((k in text) if k[0] == "⟦" else (k in words) for k in need)
                if not hit:
                    ok = False
                    break
            if not ok:
                continue
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

    def _place_clusters(self, doc: Doc, form: str, clusters: list[Cluster]) -> list[int]:
        """The places a demonym names: one, or each part of a compound ("franco-américaine")."""
        d = self.demonyms.get(fold(form))
        if d is not None:
            c = self._place_cluster(d, clusters)
            return [c] if c is not None else []
        *heads, last = form.split("-")
        names = [self.demonyms.get(fold(h + "-")) or self.demonyms.get(fold(h)) for h in heads]
        names.append(self.demonyms.get(fold(last)))
        out: list[int] = []
        for d in names:
            c = self._place_cluster(d, clusters) if d is not None else None
            if c is not None and c not in out:
                out.append(c)
        return out

    def _place_cluster(self, d: Demonym, clusters: list[Cluster]) -> int | None:
        for c in clusters:
            if c.type == "Place" and (fold(c.name) == fold(d.place) or (d.place_id and c.wikidata == d.place_id)
                                      or any(fold(f) == fold(d.place) for f in c.forms)):
                return c.index
        entry = self.gazetteer.by_key.get(d.place_id) if d.place_id else None
        c = Cluster(index=len(clusters), type="Place", forms=[], key=d.place_id,
                    wikidata=entry.wikidata if entry else d.place_id, gaz_name=d.place, implicit=True)
        clusters.append(c)
        return c.index

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
                   ctx: _Salience | None = None):
        if self._blocked(stream.text, m):
            return
        groups = m.groupdict()
        subj_txt, obj_txt = groups.get("s"), groups.get("o")
        subs = _PH_FIND.findall(subj_txt or "")
        if rule.topic_object and not obj_txt:
            # "Google, Amazon et Nvidia figurent parmi les actionnaires": of the article's company
            topic = ctx.resolve("Organization", sent.start) if ctx is not None else None
            objs: list[tuple[int, bool]] = [(topic, True)] if topic is not None else []
        elif groups.get("d") and not obj_txt:
            objs = [(c, False) for c in self._place_clusters(doc, groups["d"], clusters)]
        else:
            objs = [stream.slots[int(n)] for _, n, _ in _PH_FIND.findall(obj_txt or "")]
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


@Language.factory("gb_relations", default_config={"lang": "fr"},
                  requires=["doc._.gb_clusters", "doc._.gb_ent_cluster", "token.is_sent_start"],
                  assigns=["doc._.gb_relations"])
def make_relations(nlp: Language, name: str, *, lang: str) -> RelationExtractor:
    return RelationExtractor(nlp, lang=lang)
