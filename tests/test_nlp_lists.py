"""The list reader (graph_builder.nlp.lists): items of coordinated lists, whatever they carry.

Sentences written for these tests, in both languages.
"""

from __future__ import annotations

import pytest

from graph_builder.nlp.lists import list_skip, lists_in, mention_index

pytestmark = pytest.mark.slow


def _lists(nlp, lang: str, text: str):
    doc = nlp(text)
    mentions = mention_index(doc)
    sent = next(iter(doc.sents))
    found = lists_in(doc, sent, mentions, lang=lang)
    items = [[doc[i.start:i.end].text for i in lst.items] for lst in found]
    skip = list_skip(found)
    reduced = " ".join(t.text for t in sent if t.i not in skip)
    return items, reduced


@pytest.mark.parametrize(
    ("lang", "text", "items", "reduced"),
    [
        # descriptors before items, an apposition after one: names inside them are not items
        ("en", "It was backed by Harlow Capital, the Danish pension fund ATP and Quarry Ventures, the venture arm "
               "of Siemens.",
         [["Harlow Capital", "ATP", "Quarry Ventures"]],
         "It was backed by Harlow Capital , ATP and Quarry Ventures ."),
        # titles with a company name before people
        ("en", "The company was founded by Stripe co-founder Jane Roe, former Google researcher Tom Hill and "
               "Ana Lopez.",
         [["Jane Roe", "Tom Hill", "Ana Lopez"]],
         "The company was founded by Jane Roe , Tom Hill and Ana Lopez ."),
        # an unnamed vehicle names its owner
        ("en", "Backers include Sequoia Capital, the family office of Eric Schmidt and Nvidia.",
         [["Sequoia Capital", "Eric Schmidt", "Nvidia"]],
         "Backers include Sequoia Capital , Eric Schmidt and Nvidia ."),
        # titles joined by "and" inside one apposition
        ("en", "He appeared alongside Sam Altman, OpenAI's chief executive, and Larry Ellison, Oracle's "
               "co-founder and chairman.",
         [["Sam Altman", "Larry Ellison"]],
         "He appeared alongside Sam Altman , and Larry Ellison ."),
        # no conjunction: no list ("X, a new company, The New York Times reported")
        ("en", "He will run Project Prometheus, a new artificial intelligence company, The New York Times "
               "reported.", [], None),
        # French lists repeat their preposition; the preposition stays in the bare reading
        ("fr", "Le tour a réuni Kima Ventures, la banque publique Bpifrance et le fonds américain General Catalyst.",
         [["Kima Ventures", "Bpifrance", "General Catalyst"]],
         "Le tour a réuni Kima Ventures , Bpifrance et General Catalyst ."),
        ("fr", "Avec la participation de Partech, de la banque publique Bpifrance et du family office de Xavier Niel.",
         [["Partech", "Bpifrance", "Xavier Niel"]],
         "Avec la participation de Partech , de Bpifrance et du Xavier Niel ."),
    ],
)
def test_list_items_and_bare_reading(request, lang: str, text: str, items: list, reduced: str | None) -> None:
    got_items, got_reduced = _lists(request.getfixturevalue(f"nlp_{lang}"), lang, text)
    assert got_items == items
    if reduced is not None:
        assert got_reduced == reduced


def test_the_bare_reading_finds_founders_a_descriptor_hid(nlp_en) -> None:
    doc = nlp_en("Corvalis Robotics was founded by former Google researcher Tom Hill and Stripe co-founder Jane Roe.")
    names = [c.name for c in doc._.gb_clusters]
    founders = {names[r.subject] for r in doc._.gb_relations if r.predicate == "founderOf"}
    assert {"Tom Hill", "Jane Roe"} <= founders
