"""The typed stream of a sentence: its text with every entity mention as a typed placeholder.

Each sentence is rewritten, lower-cased, with every entity mention (and every pronoun or noun
phrase that refers back to one: "il", "the company", "sa", "its") replaced by a placeholder
``⟦ORG:3⟧`` ("*" after the number when it was filled through a reference). Relation rules are
regular expressions over that text (:mod:`graph_builder.nlp.rules`). Readings of the same
sentence leave tokens out: a person's apposition inside a list (:func:`person_appositions`), or
the descriptors of list items (:func:`graph_builder.nlp.lists.list_skip`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from graph_builder.nlp.entities import Cluster

__all__ = ["Stream", "typed_stream", "person_appositions", "TYPE_TAG", "TRANSPARENT"]

TYPE_TAG = {"Person": "PER", "Organization": "ORG", "Product": "PROD", "Place": "PLACE"}
TRANSPARENT = -1  # an anaphora entry left out of the stream ("sa sœur" in "A et sa sœur B": B stays in the list)


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
            tag = TYPE_TAG.get(clusters[c].type, "ORG")
            parts.append(f"⟦{tag}:{len(slots)}*⟧" + doc[end - 1].whitespace_)
            slots.append((c, True))
            i = end
            continue
        if i in ends:
            c = ent_cluster.get(i)
            if c is not None:
                end = ends[i]
                tag = "SVC" if c in dual else TYPE_TAG.get(clusters[c].type, "ORG")
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


