"""Seats from descriptors (graph_builder.nlp.seats): sentences written for these tests, both languages."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _seats(nlp, text: str) -> set[tuple[str, str]]:
    doc = nlp(text)
    names = [c.gaz_name or c.name for c in doc._.gb_clusters]
    return {(names[r.subject], names[r.object]) for r in doc._.gb_relations if r.predicate == "basedIn"}


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # a plural descriptor covers every item of the list after it
    ("en", "The round drew two Boston venture firms, Harlow Capital and Pine Partners.",
     {("Harlow Capital", "Boston"), ("Pine Partners", "Boston")}),
    # a demonym in a descriptor, a place in an apposition through a seat phrase
    ("en", "Backers included the Danish pension fund ATP and Quarry Ventures, a fund based in Stockholm.",
     {("ATP", "Denmark"), ("Quarry Ventures", "Stockholm")}),
    ("fr", "Le tour réunit les fonds américains Harlow Capital et Pinebrook Partners.",
     {("Harlow Capital", "États-Unis"), ("Pinebrook Partners", "États-Unis")}),
    ("fr", "Ont participé la banque publique Bpifrance et Quarry Ventures, un fonds basé à Stockholm.",
     {("Quarry Ventures", "Stockholm")}),
])
def test_descriptors_give_seats(request, lang: str, text: str, expected: set) -> None:
    assert expected <= _seats(request.getfixturevalue(f"nlp_{lang}"), text)


@pytest.mark.parametrize(("lang", "text", "absent"), [
    # where a company employs people is no seat
    ("en", "Nvidia, which employs thousands of people in Israel, bought Run:ai.", ("Nvidia", "Israel")),
    # an introductory phrase is no descriptor of the list after it
    ("fr", "Selon plusieurs médias américains, Meta aurait approché Safe Superintelligence.", ("Meta", "États-Unis")),
    # a former seat is none
    ("en", "Investors include Harlow Capital, the former Paris firm, and Pinebrook Partners.", ("Harlow Capital", "Paris")),
])
def test_what_is_no_seat(request, lang: str, text: str, absent: tuple) -> None:
    assert absent not in _seats(request.getfixturevalue(f"nlp_{lang}"), text)
