"""Relation rules: ``data/lexicons/<lang>/relations.toml``, compiled to regexes over typed streams.

Rules are regular expressions over a sentence's typed stream (:mod:`graph_builder.nlp.stream`),
written with macros::

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

Rules are cheap to skip: what a pattern needs at its top level (slot types, trigger words,
word classes) is read once from its source (:func:`_requirements`), and a rule runs only on
sentences that contain all of it.

>>> rules = load_rules("en")
>>> any(r.predicate == "acquired" for r in rules.rules)
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graph_builder.nlp.lexicon import load_demonyms, load_toml
from graph_builder.resources import lexicon_dir
from graph_builder.types import PREDICATES

__all__ = ["Rule", "RuleSet", "RawRelation", "Prefilter", "load_rules", "PH_FIND"]

_TAGS = "PER|ORG|PROD|PLACE|SVC"  # the placeholders' type tags
_TAG_RE = {"PER": "PER", "ORG": "(?:ORG|SVC)", "PROD": "(?:PROD|SVC)", "PLACE": "PLACE",
           "ENT": "(?:PER|ORG|SVC)", "ANY": f"(?:{_TAGS})"}
_PH = "⟦{t}:\\d+\\*?⟧"  # a placeholder; "*" marks one filled through coreference
PH_FIND = re.compile(rf"⟦({_TAGS}):(\d+)(\*?)⟧")



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
    lists: bool = False  # a slot takes a coordinated list ("{s:PER+}", a list macro): worth a bare-list reading


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


class Prefilter:
    """Which rules of a list can match a stream, from their ``needs``, each need tested once.

    A need is a tuple of keys, one of which must occur: a key starting with ``⟦`` is a substring
    of the stream's text (a placeholder), any other a whole word of it. The rules' distinct needs
    are indexed by key, so a stream costs one set intersection for its words, one substring
    test per placeholder key, and one subset test per rule; the rules come back in their order.

    >>> r = [Rule("a", "ceoOf", "", re.compile("x"), 0.7, needs=(("ceo", "boss"), ("⟦PER:",))),
    ...      Rule("b", "ceoOf", "", re.compile("x"), 0.7)]
    >>> [x.id for x in Prefilter(r).candidates("⟦per:1⟧ the boss", {"the", "boss"})]
    ['b']
    >>> [x.id for x in Prefilter(r).candidates("⟦PER:1⟧ the boss", {"the", "boss"})]
    ['a', 'b']
    """

    def __init__(self, rules: tuple[Rule, ...] | list[Rule]) -> None:
        self.rules: tuple[Rule, ...] = tuple(rules)
        ids: dict[tuple[str, ...], int] = {}
        self._rule_needs: tuple[frozenset[int], ...] = tuple(
            frozenset(ids.setdefault(need, len(ids)) for need in r.needs) for r in self.rules)
        by_word: dict[str, set[int]] = {}
        by_substring: dict[str, set[int]] = {}
        for need, i in ids.items():
            for key in need:
                (by_substring if key[0] == "⟦" else by_word).setdefault(key, set()).add(i)
        self._by_word = {k: frozenset(v) for k, v in by_word.items()}
        self._word_keys = frozenset(by_word)
        self._by_substring = tuple((k, frozenset(v)) for k, v in by_substring.items())

    def candidates(self, text: str, words: set[str] | frozenset[str]) -> list[Rule]:
        """The rules whose every need is met by ``text`` (its whole ``words`` given), in order."""
        met: set[int] = set()
        for w in self._word_keys.intersection(words):
            met |= self._by_word[w]
        for key, needs in self._by_substring:
            if key in text:
                met |= needs
        return [r for r, need in zip(self.rules, self._rule_needs) if need <= met]


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


# what a compiled source holds besides the text it matches: placeholder tags, escapes, back-references
_NOT_TEXT = re.compile(rf"⟦(?:{_TAGS})|\(\?:(?:{_TAGS})(?:\|(?:{_TAGS}))*\)" r"|\\[A-Za-z]|\(\?P<\w+>|\(\?P=\w+\)")
_CODED = re.compile(r"\\(?:[xuUN]|\d)")


def _lower_case_only(source: str) -> bool:
    r"""Whether ``source`` matches lower-case text only, so it can run without ``re.IGNORECASE``.

    The stream a rule runs on is lower-cased but for its placeholders (``⟦ORG:3⟧``), which the
    source writes in capitals: such a source matches the same spans with or without the flag,
    and without it Python's ``re`` can skip ahead to a literal prefix (about 40 % less time).

    >>> _lower_case_only(r"(?P<s>⟦(?:ORG|SVC):\d+\*?⟧)\s*a\s+fondé\S*"), _lower_case_only(r"⟦PER:\d+⟧ CEO")
    (True, False)
    """
    if _CODED.search(source):
        return False  # a character written by its code ("\\x41") may be a capital
    rest = _NOT_TEXT.sub("", source)
    return rest == rest.lower()


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
    # macros holding a list slot ("(?P<s>⟦PER…⟧(?:…, and…⟦PER…⟧)*)")
    list_macros = {k for k, v in macros.items() if "(?P<" in v and ")*)" in v}
    rules = []
    for r in data.get("rules", []):
        pred = r["predicate"]
        if pred not in PREDICATES:
            raise ValueError(f"{path}: rule {r.get('id')}: unknown predicate {pred!r}")
        try:
            source = _compile(r["pattern"], classes, macros, demonym_re)
            while source.startswith(r"\s*"):
                source = source[3:]  # a leading \s* would hide the pattern's first literal from re's scanner
            rx = re.compile(source, 0 if _lower_case_only(source) else re.IGNORECASE)
        except (re.error, ValueError) as exc:
            from graph_builder.errors import ConfigError

            raise ConfigError(f"{path}: rule {r.get('id')}: {exc}; fix the pattern") from None
        rules.append(Rule(id=r["id"], predicate=pred, pattern=r["pattern"], regex=rx,
                          confidence=float(r.get("confidence", 0.7)), former=r.get("former"),
                          swap=bool(r.get("swap", False)), coref=bool(r.get("coref", True)),
                          topic_object=bool(r.get("topic_object", False)),
                          needs=_requirements(r["pattern"], class_keys),
                          lists="+}" in r["pattern"] or any(f"{{%{m}}}" in r["pattern"] for m in list_macros)))
    cues = data.get("cues", {})

    def cue(name: str) -> re.Pattern[str] | None:
        words = cues.get(name)
        return re.compile("|".join(f"(?:{w})" for w in words), re.IGNORECASE) if words else None

    return RuleSet(
        lang=lang, rules=tuple(rules), negation=cue("negation"), speculation=cue("speculation"),
        former=cue("former"), former_predicates=frozenset(cues.get("former_predicates", [])),
        window_before=int(cues.get("window_before", 30)), coref_factor=float(cues.get("coref_factor", 0.8)),
    )


