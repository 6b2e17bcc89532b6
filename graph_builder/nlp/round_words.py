"""The words of funding rounds, per language, and the amounts they raise.

``[rounds]`` in ``data/lexicons/<lang>/events.toml`` lists the round nouns ("Series B", "tour de
table"), raise verbs, lead and participation cues, references to a round, the cues of a round not
done ("in talks to raise", "pourrait lever"), currencies, multipliers, round types and months.
:func:`load_round_words` reads them once per language; :func:`parse_amount` finds the money raised
in a sentence ("$40 million", "1,5 milliard d'euros", "40 M€"), never a valuation.

>>> w = load_round_words("en")
>>> parse_amount("Zeta raised €1.5bn, valued at $9 billion", w)
(1500000000.0, 'EUR', '€1.5bn')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from graph_builder.nlp.lexicon import load_toml
from graph_builder.nlp.lists import Phrases, _phrases
from graph_builder.resources import lexicon_dir

__all__ = ["RoundWords", "load_round_words", "parse_amount"]


@dataclass(frozen=True)
class RoundWords:
    """The ``[rounds]`` data of one language."""

    lang: str
    round_nouns: Phrases
    raise_verbs: Phrases
    lead_cues: Phrases
    lead_verbs: Phrases
    participant_cues: Phrases
    participant_verbs: Phrases
    holder_cues: Phrases
    references: Phrases
    not_done: Phrases
    into: frozenset[str]
    investor_words: frozenset[str]
    agent_words: frozenset[str]
    investor_nouns: Phrases
    holder_after: Phrases
    list_tail: frozenset[str]
    verb_objects: frozenset[str]
    holder_glue: frozenset[str]
    amount_words: frozenset[str]
    of_company: frozenset[str]
    relative_subjects: frozenset[str]
    strong_participant_verbs: frozenset[tuple[str, ...]]
    amount_re: re.Pattern[str]
    valuation: tuple[str, ...]
    currencies: Mapping[str, str]
    multipliers: Mapping[str, float]
    types: tuple[tuple[tuple[str, ...], str], ...]
    months: Mapping[str, int]


@lru_cache(maxsize=None)
def load_round_words(lang: str) -> RoundWords:
    """The round words of ``lang`` (``[rounds]`` in ``events.toml``), with its amount pattern."""
    data = load_toml(lexicon_dir(lang) / "events.toml").get("rounds", {})
    currencies = {k.casefold(): v for k, v in data.get("currencies", {}).items()}
    multipliers = {k.casefold(): float(v) for k, v in data.get("multipliers", {}).items()}
    return RoundWords(
        lang=lang,
        round_nouns=_phrases(data.get("round_nouns", []), lang),
        raise_verbs=_phrases(data.get("raise_verbs", []), lang),
        lead_cues=_phrases(data.get("lead_cues", []), lang),
        lead_verbs=_phrases(data.get("lead_verbs", []), lang),
        participant_cues=_phrases(data.get("participant_cues", []), lang),
        participant_verbs=_phrases(data.get("participant_verbs", []), lang),
        holder_cues=_phrases(data.get("holder_cues", []), lang),
        references=_phrases(data.get("references", []), lang),
        not_done=_phrases(data.get("not_done", []), lang),
        into=frozenset(w.casefold() for w in data.get("into", [])),
        investor_words=frozenset(w.casefold() for w in data.get("investor_words", [])),
        agent_words=frozenset(w.casefold() for w in data.get("agent_words", [])),
        investor_nouns=_phrases(data.get("investor_nouns", []), lang),
        holder_after=_phrases(data.get("holder_after", []), lang),
        list_tail=frozenset(w.casefold() for w in data.get("list_tail", [])),
        verb_objects=frozenset(w.casefold() for w in data.get("verb_objects", [])),
        holder_glue=frozenset(w.casefold() for w in data.get("holder_glue", [])),
        amount_words=frozenset(w.casefold() for w in (*data.get("multipliers", {}), *data.get("currencies", {}))),
        of_company=frozenset(w.casefold() for w in data.get("of_company", [])),
        relative_subjects=frozenset(w.casefold() for w in data.get("relative_subjects", [])),
        strong_participant_verbs=frozenset(_phrases(data.get("strong_participant_verbs", []), lang)),
        amount_re=_amount_regex(currencies, multipliers),
        valuation=tuple(w.casefold() for w in data.get("valuation", [])),
        currencies=currencies,
        multipliers=multipliers,
        types=tuple((p, name) for p, name in sorted(((toks, v) for k, v in data.get("types", {}).items()
                                                      for toks in _phrases([k], lang)), key=lambda x: -len(x[0]))),
        months={k.casefold(): int(v) for k, v in data.get("months", {}).items()},
    )


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _amount_regex(currencies: Mapping[str, str], multipliers: Mapping[str, float]) -> re.Pattern[str]:
    """"$40 million", "€1.5bn", "40 millions d'euros", "1,5 milliard de dollars", "40 M€"."""
    symbols = [c for c in currencies if not c.isalpha()]
    words = [c for c in currencies if c.isalpha()]
    def num(k: int) -> str:
        return rf"(?P<num{k}>\d{{1,3}}(?:[ ,.\u202f\u00a0]\d{{3}})+|\d+(?:[.,]\d+)?)"

    def mult(k: int) -> str:
        return rf"(?P<mult{k}>{_alt(multipliers)})\b\.?"

    return re.compile(
        rf"(?:(?P<sym>{_alt(symbols)})\s?{num(1)}(?:\s?{mult(1)})?"
        rf"|{num(2)}\s?(?:{mult(2)})?\s?(?P<sym2>{_alt(symbols)})"
        rf"|{num(3)}\s?(?:{mult(3)}\s)?(?:(?:d['’]\s?|de\s|of\s)?)(?P<word>{_alt(words)})\b)",
        re.IGNORECASE,
    )


def parse_amount(text: str, words: RoundWords, *, near: int = 0) -> tuple[float, str, str] | None:
    """The amount raised in ``text``: (value, ISO currency, the words as written), or None.

    A valuation ("valued at $2 billion", "valorisée 6 milliards") is not the amount raised; of the
    other amounts, the first at or after character ``near`` (the raise verb), else the last before it.

    >>> w = load_round_words("en")
    >>> parse_amount("raised $40 million in", w)
    (40000000.0, 'USD', '$40 million')
    >>> parse_amount("a levé 1,5 milliard d'euros", load_round_words("fr"))
    (1500000000.0, 'EUR', "1,5 milliard d'euros")
    """
    found: list[tuple[int, tuple[float, str, str]]] = []
    for m in words.amount_re.finditer(text):
        before = text[max(0, m.start() - 40):m.start()].casefold()
        if any(before.rstrip().endswith(v) or f" {v} " in before[-len(v) - 12:] for v in words.valuation):
            continue  # a valuation, not the money raised
        raw = m.group("num1") or m.group("num2") or m.group("num3")
        cur = (m.group("sym") or m.group("sym2") or m.group("word") or "").casefold()
        code = words.currencies.get(cur)
        if code is None:
            continue
        mult_word = (m.group("mult1") or m.group("mult2") or m.group("mult3") or "").casefold().rstrip(".")
        if not mult_word and not (m.group("sym") or m.group("sym2")):
            continue  # "40 euros" alone is no round
        if re.fullmatch(r"\d{1,3}(?:[ ,.\u202f\u00a0]\d{3})+", raw):
            value = float(re.sub(r"\D", "", raw))
        else:
            value = float(raw.replace(",", "."))
        value *= words.multipliers.get(mult_word, 1.0)
        if value < 10_000:
            continue
        found.append((m.start(), (value, code, m.group(0).strip())))
    after = [a for pos, a in found if pos >= near]
    if after:
        return after[0]
    return found[-1][1] if found else None
