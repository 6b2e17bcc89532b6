"""Funding rounds as events (graph_builder.nlp.rounds): tables of fresh sentences, both languages.

Every sentence here was written for these tests (none comes from an annotated corpus).
"""

from __future__ import annotations

import pytest

from graph_builder.nlp.rounds import load_round_words, parse_amount

pytestmark = pytest.mark.slow


def _read(nlp, text: str):
    doc = nlp(text)
    names = [c.name for c in doc._.gb_clusters]
    investors = {(names[r.subject], names[r.object]) for r in doc._.gb_relations if r.predicate == "investorIn"}
    rounds = [(names[r.company], r.amount, r.currency, r.round_type, r.date,
               tuple(names[c] for c in r.leads), tuple(names[c] for c in r.participants)) for r in doc._.gb_rounds]
    return investors, rounds


EN_INVESTORS = [
    # a long list with descriptors, leads and participants
    ("Corvalis Robotics, a Denver-based startup, raised $42 million in a Series B round headed by Pinebrook "
     "Partners, with Harlow Capital, the Danish pension fund ATP and Quarry Ventures, the venture arm of "
     "Siemens, also taking part.",
     {("Pinebrook Partners", "Corvalis Robotics"), ("Harlow Capital", "Corvalis Robotics"),
      ("ATP", "Corvalis Robotics"), ("Quarry Ventures", "Corvalis Robotics")}),
    # the round referred to in the next sentence
    ("Lumora Health raised $18 million in seed funding led by Index Ventures. Two more funds followed: "
     "Balderton Capital and the Tokyo firm Globis Capital Partners.",
     {("Index Ventures", "Lumora Health"), ("Balderton Capital", "Lumora Health"),
      ("Globis Capital Partners", "Lumora Health")}),
    # a company named only through its round
    ("Vantiq Labs's Series C was led by Lightspeed Venture Partners and Accel.",
     {("Lightspeed Venture Partners", "Vantiq Labs"), ("Accel", "Vantiq Labs")}),
    # a shareholder statement through "its"
    ("Halcyon Labs builds inference chips for data centres. Its backers also include Samsung and the "
     "Singapore fund Temasek.",
     {("Samsung", "Halcyon Labs"), ("Temasek", "Halcyon Labs")}),
    # investors as the subject of a participation verb, the round named
    ("Orbital Materials closed a $30 million round. Nvidia, Salesforce Ventures and Amazon's Alexa Fund "
     "also took part.",
     {("Nvidia", "Orbital Materials"), ("Salesforce Ventures", "Orbital Materials"),
      ("Alexa Fund", "Orbital Materials")}),
    # money going into a named company
    ("Sequoia Capital and Greylock led a $25 million investment in Fennick AI.",
     {("Sequoia Capital", "Fennick AI"), ("Greylock", "Fennick AI")}),
]

FR_INVESTORS = [
    ("La start-up lyonnaise Nexalys Technologies a levé 40 millions d'euros lors d'un tour de table de série B "
     "mené par le fonds américain General Catalyst, avec la participation de Kima Ventures, de la banque "
     "publique Bpifrance et du family office de Xavier Niel.",
     {("General Catalyst", "Nexalys Technologies"), ("Kima Ventures", "Nexalys Technologies"),
      ("Bpifrance", "Nexalys Technologies"), ("Xavier Niel", "Nexalys Technologies")}),
    ("Vertigen Robotics a bouclé une levée de fonds de 12 millions d'euros auprès d'Elaia Partners et de "
     "Serena Capital. D'autres fonds ont suivi : Partech et le japonais SoftBank.",
     {("Elaia Partners", "Vertigen Robotics"), ("Serena Capital", "Vertigen Robotics"),
      ("Partech", "Vertigen Robotics"), ("SoftBank", "Vertigen Robotics")}),
    ("Fondée en 2021, Caldera Systems développe des capteurs pour l'industrie. Au capital figurent aussi "
     "Eurazeo et le fonds Breega.",
     {("Eurazeo", "Caldera Systems"), ("Breega", "Caldera Systems")}),
]

NOTHING = [
    ("en", "Corvalis Robotics is in talks to raise $100 million from Tiger Global, people familiar with the "
           "matter said."),
    ("en", "Halcyon Labs could raise new money from SoftBank and Temasek later this year."),
    ("en", "Nvidia denied that it had invested in Halcyon Labs."),
    ("en", "The lab, led by Yann LeCun, works with Meta and Google."),
    ("en", "Meta has struggled to keep pace with rivals such as OpenAI and Google."),
    ("fr", "Nexalys Technologies pourrait lever 100 millions d'euros auprès de General Catalyst."),
    ("fr", "Selon nos informations, Vertigen Robotics serait en discussions avec Eurazeo pour une levée."),
    ("fr", "Le laboratoire est dirigé par Patrick Pérez, ancien directeur scientifique de Valeo."),
    ("fr", "Guillaume Lample et Timothée Lacroix ont participé à la conception de Llama chez Meta."),
]


@pytest.mark.parametrize(("text", "expected"), EN_INVESTORS)
def test_english_rounds_give_every_investor(nlp_en, text: str, expected: set) -> None:
    investors, _ = _read(nlp_en, text)
    assert expected <= investors


@pytest.mark.parametrize(("text", "expected"), FR_INVESTORS)
def test_french_rounds_give_every_investor(nlp_fr, text: str, expected: set) -> None:
    investors, _ = _read(nlp_fr, text)
    assert expected <= investors


@pytest.mark.parametrize(("lang", "text"), NOTHING)
def test_planned_denied_and_management_sentences_give_no_round(request, lang: str, text: str) -> None:
    investors, rounds = _read(request.getfixturevalue(f"nlp_{lang}"), text)
    assert rounds == []
    assert not {(s, o) for s, o in investors if "round" in s}  # nothing from the round reader


@pytest.mark.parametrize(("lang", "text"), NOTHING)
def test_no_round_reader_investor_from_planned_or_unrelated_sentences(request, lang: str, text: str) -> None:
    doc = request.getfixturevalue(f"nlp_{lang}")(text)
    assert not [r for r in doc._.gb_relations if ".round." in r.rule]


def test_the_round_event_has_amount_type_leads_and_participants(nlp_en) -> None:
    _, rounds = _read(nlp_en, "Corvalis Robotics raised $42 million in a Series B round led by Pinebrook Partners "
                              "in March 2024. Harlow Capital and Quarry Ventures joined the round.")
    assert rounds == [("Corvalis Robotics", 42_000_000.0, "USD", "Series B", "2024-03", ("Pinebrook Partners",),
                       ("Harlow Capital", "Quarry Ventures"))]


def test_a_french_round_event(nlp_fr) -> None:
    _, rounds = _read(nlp_fr, "Vertigen Robotics a levé 1,5 milliard d'euros en série C, menée par Eurazeo.")
    assert rounds == [("Vertigen Robotics", 1_500_000_000.0, "EUR", "Series C", None, ("Eurazeo",), ())]


def test_two_rounds_of_one_company_stay_apart(nlp_en) -> None:
    _, rounds = _read(nlp_en, "Lumora Health raised a $5 million seed round led by Index Ventures in 2021. "
                              "In 2023 it raised a $40 million Series A led by Balderton Capital.")
    assert [(r[3], r[5]) for r in rounds] == [("Seed", ("Index Ventures",)), ("Series A", ("Balderton Capital",))]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "raised $40 million in", (40e6, "USD", "$40 million")),
        ("en", "a €1.2bn round", (1.2e9, "EUR", "€1.2bn")),
        ("en", "a £300m round", (300e6, "GBP", "£300m")),
        ("en", "raised $40m, valuing it at $2bn", (40e6, "USD", "$40m")),
        ("fr", "valorisée 6 milliards d'euros, elle lève 600 millions d'euros", (600e6, "EUR", "600 millions d'euros")),
        ("en", "about 2 billion dollars", (2e9, "USD", "2 billion dollars")),
        ("fr", "a levé 40 millions d'euros", (40e6, "EUR", "40 millions d'euros")),
        ("fr", "1,5 milliard de dollars", (1.5e9, "USD", "1,5 milliard de dollars")),
        ("fr", "une enveloppe de 15 M€", (15e6, "EUR", "15 M€")),
        ("en", "it has 40 employees", None),
        ("fr", "un ticket de 40 euros", None),
    ],
)
def test_amounts(lang: str, text: str, expected) -> None:
    assert parse_amount(text, load_round_words(lang)) == expected
