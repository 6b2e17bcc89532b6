"""Closest known names for a name nobody knows: the "did you mean" of every lookup.

Named-query parameters and ``KnowledgeGraph.evidence`` (names in the store), ``--focus``,
``--ego`` and ``--path`` (names in the networkx graph) all say the same thing when a name is
unknown: what was not found, the closest known names, and what to do when none is close.
Matching ignores case, accents and spacing (:func:`fold`); closeness is difflib's ratio (ties: the
nearest length, then alphabetical order), then names that contain what was typed ("mistral" →
"Mistral AI").

>>> did_you_mean("Mistrall", ["Mistral AI", "Microsoft", "Meta"])
['Mistral AI']
>>> unknown("entity", "Nvidya", ["NVIDIA", "Nokia"], hint="list them with --name most_mentioned")
"no entity named 'Nvidya'; did you mean: 'NVIDIA'?"
>>> unknown("entity", "Zzz", ["NVIDIA"], hint="list them with --name most_mentioned")
"no entity named 'Zzz', nor any name close to it; list them with --name most_mentioned"
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Mapping

__all__ = ["fold", "did_you_mean", "unknown"]


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name, for matching.

    >>> fold("  Société  Générale ") == fold("societe generale")
    True
    """
    text = unicodedata.normalize("NFKD", str(text).replace("\u2019", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.split()).casefold()


def did_you_mean(name: str, names: Iterable[str] | Mapping[str, str], *, n: int = 5,
                 cutoff: float = 0.6) -> list[str]:
    """Up to ``n`` of ``names`` closest to ``name``, closest first, each once.

    ``names`` may map each known form to what to show for it (an alias to its entity's label):

    >>> did_you_mean("mistrall", {"Mistral": "Mistral AI", "Amazon": "Amazon"})
    ['Mistral AI']
    """
    pairs = names.items() if isinstance(names, Mapping) else ((k, k) for k in names)
    forms: dict[str, str] = {}
    for known, shown in pairs:
        forms.setdefault(fold(known), str(shown))
    key = fold(name)
    if not key:
        return []
    scored = []
    matcher = difflib.SequenceMatcher(b=key)
    for form in forms:
        matcher.set_seq1(form)
        if matcher.real_quick_ratio() >= cutoff and matcher.quick_ratio() >= cutoff and matcher.ratio() >= cutoff:
            scored.append((-matcher.ratio(), abs(len(form) - len(key)), form))
    close = [f for _, _, f in sorted(scored)]  # closest first; ties: the nearest length, then in order
    close += sorted((f for f in forms if key in f and f not in close), key=lambda f: (len(f), f))
    return list(dict.fromkeys(forms[f] for f in close))[:n]


def unknown(kind: str, name: str, names: Iterable[str] | Mapping[str, str], *, hint: str, where: str = "") -> str:
    """``no KIND named 'NAME'[ WHERE]; did you mean: ...?`` or, when nothing is close,
    ``no KIND named 'NAME'[ WHERE], nor any name close to it; HINT``."""
    close = did_you_mean(name, names)
    head = f"no {kind} named {name!r}{(' ' + where) if where else ''}"
    if close:
        return f"{head}; did you mean: {', '.join(repr(c) for c in close)}?"
    return f"{head}, nor any name close to it; {hint}"
