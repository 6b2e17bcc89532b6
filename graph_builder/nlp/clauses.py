"""Who does what in a clause: the subject organisation of a verb, shared by the event readers.

The small parsers mislabel subjects in long news sentences ("Thinking Machines Lab, the startup
that … launched, has closed …"), so each reader asks the parse first (:func:`subject_org`) and
falls back on the surface (:func:`nearest_subject`): the organisation nearest before the verb in
its clause that no preposition governs.

``org_at(token) -> Mention | None`` is the caller's view of which organisation a token belongs to
(names and resolved references, with whatever it excludes).

>>> from spacy.lang.en import English
>>> doc = English()("Zeta, a startup, has raised $5 million; Beta had not.")
>>> doc[clause_start(doc, doc[:], 12)].text
'Beta'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from spacy.tokens import Doc, Span, Token

from graph_builder.nlp.lists import Mention

__all__ = ["SUBJECT_DEPS", "clause_start", "subject_org", "nearest_subject", "generic_subject"]

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "csubj"})
_AUX = ("conj", "aux", "aux:tense", "aux:pass", "auxpass")
_OF = frozenset({"of", "at", "by", "from", "for", "in", "with", "de", "d'", "du", "des", "par", "chez", "à", "au", "aux"})

OrgAt = Callable[[int], "Mention | None"]


def clause_start(doc: Doc, sent: Span, end: int) -> int:
    """The first token of the clause holding token ``end - 1`` (after a ";", ":" or dash)."""
    i = end - 1
    while i > sent.start and doc[i - 1].text not in (";", ":", "—", "–"):
        i -= 1
    return i


def _head(verb: Token) -> Token:
    head = verb
    while head.dep_ in _AUX and head.head.i != head.i:
        head = head.head
    return head


def subject_org(doc: Doc, verb: Token, org_at: OrgAt) -> Mention | None:
    """The organisation that is the parse subject of ``verb`` (through auxiliaries and conjoined verbs)."""
    for child in _head(verb).children:
        if child.dep_ in SUBJECT_DEPS:
            return org_at(child.i)
    return None


def nearest_subject(doc: Doc, sent: Span, verb: int, org_at: OrgAt) -> Mention | None:
    """The organisation nearest before ``verb`` in its clause that no preposition governs
    ("… après l'entrée de Renault, le spécialiste des exosquelettes Wandercraft boucle …")."""
    start = clause_start(doc, sent, verb)
    k = verb - 1
    while k >= start:
        m = org_at(k)
        if m is None:
            k -= 1
            continue
        j = m.start - 1
        while j >= start and doc[j].pos_ in ("DET", "ADJ", "NOUN", "NUM") and doc[j].lower_ not in _OF:
            j -= 1  # over the descriptor ("le spécialiste des exosquelettes")
        if j < start or (doc[j].pos_ != "ADP" and doc[j].lower_ not in _OF):
            return m
        k = m.start - 1
    return None


def generic_subject(doc: Doc, start: int, mentions: Mapping[int, Mention]) -> bool:
    """The verb at ``start`` has a plural common noun for subject that names no one
    ("AI startups raised $19 billion in the quarter": a market figure)."""
    inside = {k for m in mentions.values() for k in range(m.start, m.end)}
    for child in _head(doc[start]).children:
        if child.dep_ in SUBJECT_DEPS:
            return (child.pos_ == "NOUN" and child.i not in inside and "Plur" in child.morph.get("Number")
                    and not any(t.i in inside for t in child.subtree))
    return False
