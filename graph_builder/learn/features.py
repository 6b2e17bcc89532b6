"""Features of a candidate pair: what a sentence says between and around two entity mentions.

The transform the pair scorer (:mod:`graph_builder.nlp.scorer`) is trained and applied with. A
candidate is an ordered pair (x, y) of mentions in one sentence, or a mention and the company of
the funding round being told (y outside the sentence). Its features are sparse, named, binary:

========================  =====================================================================
``t=PER>ORG``             the types of x and y
``o=xy`` / ``o=yx``       which comes first
``d=3``                   token distance, bucketed (1, 2, 3, 5, 8, 13, far)
``b=<lemma>``             each lemma between the two mentions (at most 12 tokens apart)
``bb=<lemma>_<lemma>``    each pair of adjacent lemmas between them
``l1=<lemma>``            the word before the first mention, ``r1=`` after the second
``c=<class>``             a trigger class of the language's rules (``ceo``, ``founder``,
                          ``investor``…) with a word between them; ``cw=`` in a 4-word window
``p=<path>``              the dependency path between the mentions' heads, with the lemma of
                          their lowest common ancestor
``ref=x`` / ``ref=y``     the mention is a resolved reference ("the startup", "its")
``list``                  x is an item of a list of two or more
``round``                 y is the company of the funding round being told
``suffix=fund``           x's name ends like an investor's (Capital, Ventures, Partners…)
``neg`` / ``spec``        a negation / speculation cue of the rules in the sentence
``tc=<types>:<class>``    the type pair crossed with each trigger class between them
========================  =====================================================================

>>> sorted(_bucket(k) for k in (1, 4, 30))
['1', '5', 'far']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from graph_builder.nlp.lexicon import load_toml
from graph_builder.nlp.lists import Mention
from graph_builder.resources import lexicon_dir

__all__ = ["Candidate", "PairFeaturizer", "TYPE_TAG"]

TYPE_TAG = {"Person": "PER", "Organization": "ORG", "Product": "PROD", "Place": "PLACE"}
_BUCKETS = (1, 2, 3, 5, 8, 13)
_MAX_BETWEEN = 12


def _bucket(n: int) -> str:
    for b in _BUCKETS:
        if n <= b:
            return str(b)
    return "far"


@dataclass(frozen=True)
class Candidate:
    """An ordered pair of clusters in one sentence, with the mentions that stand for them.

    ``y_mention`` is None when y is the company of the round being told, not named in the
    sentence. ``sent_start``/``sent_end`` are the sentence's character offsets.
    """

    x: int
    y: int
    x_mention: Mention
    y_mention: Mention | None
    sent_start: int
    sent_end: int
    round_company: bool = False


@lru_cache(maxsize=None)
def _classes(lang: str) -> tuple[dict[str, str], int, re.Pattern[str] | None, re.Pattern[str] | None]:
    """Trigger word -> class of the language's relation rules, the longest phrase length, and the
    negation and speculation cues."""
    data = load_toml(lexicon_dir(lang) / "relations.toml")
    words: dict[str, str] = {}
    longest = 1
    for cls, entries in data.get("classes", {}).items():
        for w in entries:
            if "\\" in w:
                continue
            key = w.casefold().strip()
            words.setdefault(key, cls)
            longest = max(longest, len(key.split()))
    cues = data.get("cues", {})

    def cue(name: str) -> re.Pattern[str] | None:
        pats = cues.get(name, [])
        return re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE) if pats else None

    return words, longest, cue("negation"), cue("speculation")


class PairFeaturizer:
    """Turns a candidate into its named features (see the module docstring)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.words, self.longest, self.negation, self.speculation = _classes(lang)
        events = load_toml(lexicon_dir(lang) / "entities.toml").get("anaphora", {})
        self.fund_suffix = frozenset(w.casefold() for w in events.get("not_young", []))

    def classes_in(self, lowers: list[str]) -> set[str]:
        """The trigger classes whose words occur in a run of lower-cased tokens."""
        found: set[str] = set()
        n = len(lowers)
        for i in range(n):
            for k in range(min(self.longest, n - i), 0, -1):
                cls = self.words.get(" ".join(lowers[i:i + k]))
                if cls is not None:
                    found.add(cls)
                    break
        return found

    def sentence_flags(self, sent: Span) -> dict[str, float]:
        text = sent.text
        out: dict[str, float] = {}
        if self.negation is not None and self.negation.search(text):
            out["neg"] = 1.0
        if self.speculation is not None and self.speculation.search(text):
            out["spec"] = 1.0
        return out

    def __call__(self, doc: Doc, sent: Span, cand: Candidate, clusters, *, in_list: bool,
                 flags: Mapping[str, float]) -> dict[str, float]:
        x, y = cand.x_mention, cand.y_mention
        tx = TYPE_TAG.get(clusters[cand.x].type, "ORG")
        ty = TYPE_TAG.get(clusters[cand.y].type, "ORG")
        f: dict[str, float] = {f"t={tx}>{ty}": 1.0, **flags}
        if x.reference:
            f["ref=x"] = 1.0
        if in_list:
            f["list"] = 1.0
        words = clusters[cand.x].name.casefold().split()
        if words and words[-1] in self.fund_suffix:
            f["suffix=fund"] = 1.0
        if y is None:
            f["round"] = 1.0
            self._window(doc, sent, x.start, x.end, f, tx, ty)
            return f
        if y.reference:
            f["ref=y"] = 1.0
        first, second = (x, y) if x.start < y.start else (y, x)
        f["o=xy" if first is x else "o=yx"] = 1.0
        gap = second.start - first.end
        f[f"d={_bucket(max(gap, 0))}"] = 1.0
        if 0 < gap <= _MAX_BETWEEN:
            between = [t.lemma_.casefold() for t in doc[first.end:second.start]]
            for w in between:
                f[f"b={w}"] = 1.0
            for a, b in zip(between, between[1:]):
                f[f"bb={a}_{b}"] = 1.0
            for cls in self.classes_in([t.lower_ for t in doc[first.end:second.start]]):
                f[f"c={cls}"] = 1.0
                f[f"tc={tx}>{ty}:{cls}"] = 1.0
        self._window(doc, sent, first.start, second.end, f, tx, ty)
        path = _path(doc[first.end - 1], doc[second.end - 1])
        if path:
            f[f"p={path}"] = 1.0
        return f

    def _window(self, doc: Doc, sent: Span, start: int, end: int, f: dict[str, float], tx: str, ty: str) -> None:
        if start > sent.start:
            f[f"l1={doc[start - 1].lemma_.casefold()}"] = 1.0
        if end < sent.end:
            f[f"r1={doc[end].lemma_.casefold()}"] = 1.0
        lo, hi = max(sent.start, start - 4), min(sent.end, end + 4)
        around = [t.lower_ for t in doc[lo:start]] + [t.lower_ for t in doc[end:hi]]
        for cls in self.classes_in(around):
            f[f"cw={cls}"] = 1.0
            f[f"tcw={tx}>{ty}:{cls}"] = 1.0


def _path(a: Token, b: Token, limit: int = 4) -> str:
    """"nsubj^founded_dobj" style: dependency labels up from ``a`` and ``b`` to their lowest common
    ancestor, with its lemma; empty when they meet further than ``limit`` steps up."""
    up_a = [a, *list(a.ancestors)[:limit]]
    up_b = [b, *list(b.ancestors)[:limit]]
    index_b = {t.i: k for k, t in enumerate(up_b)}
    for ka, t in enumerate(up_a):
        kb = index_b.get(t.i)
        if kb is None:
            continue
        left = "^".join(u.dep_ for u in up_a[:ka])
        right = "^".join(u.dep_ for u in up_b[:kb])
        return f"{left}<{t.lemma_.casefold()}>{right}"
    return ""


def merge(dicts: Iterable[Mapping[str, float]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for d in dicts:
        out.update(d)
    return out
