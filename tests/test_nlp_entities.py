"""Entities: typed, cleaned, merged — parametrized tables of (text, expected entities)."""

from __future__ import annotations

import pytest

from graph_builder.extract import extract_article
from graph_builder.types import Article

pytestmark = pytest.mark.slow


def _entities(text: str, lang: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    ex = extract_article(Article(id="t", text=text, lang=lang))
    return {e.name: (e.type, e.aliases) for e in ex.entities if not e.implicit}


FR = [
    # the founding article's hard cases: xAI, Anthropic, Mistral AI typed as organizations
    ("Contrairement à Elon Musk avec xAI, Anthropic et Mistral AI dominent le secteur.",
     {"Elon Musk": "Person", "xAI": "Organization", "Anthropic": "Organization", "Mistral AI": "Organization"}),
    # models and products
    ("OpenAI a lancé GPT-4 puis ChatGPT ; Meta publie Llama et Mistral AI propose Le Chat.",
     {"OpenAI": "Organization", "GPT-4": "Product", "ChatGPT": "Product", "Meta": "Organization",
      "Llama": "Product", "Le Chat": "Product"}),
    # French typography: elision with a curly apostrophe, guillemets, non-breaking spaces
    ("L’ancien PDG d’Amazon, Jeff\u00a0Bezos, cite le quotidien « Sud Ouest ».",
     {"Amazon": "Organization", "Jeff Bezos": "Person", "Sud Ouest": "Organization"}),
    # places in French
    ("La compétition oppose les États-Unis, la Chine et l’Europe ; Mistral AI est à Paris.",
     {"États-Unis": "Place", "Chine": "Place", "Europe": "Place", "Paris": "Place"}),
    # an unknown start-up found by the model and typed by its cue word
    ("La start-up Zorblax Robotics a été fondée par Camille Durand à Lyon.",
     {"Zorblax Robotics": "Organization", "Camille Durand": "Person", "Lyon": "Place"}),
    # an unknown name typed by the apposition after it
    ("Le fonds a soutenu Brontex, une start-up lyonnaise.", {"Brontex": "Organization"}),
    # an unknown name the model calls a place, listed with organisations, is one
    ("Le tour a réuni trois banques japonaises, MUFG, Sumitomo Mitsui Banking Corporation et Mizuho.",
     {"MUFG": "Organization", "Sumitomo Mitsui Banking Corporation": "Organization", "Mizuho": "Organization"}),
    # a known organisation opening a longer name the model found is a unit of its own
    ("L'intégration sera pilotée par Safran Electronics & Defense, la filiale du groupe.",
     {"Safran Electronics & Defense": "Organization"}),
    # the same when the parse does not link the list (names side by side, commas and "et" between)
    ("Le tour de table a été mené par les fonds américains Lux Capital et Khosla Ventures, auxquels se sont "
     "joints Nvidia et trois grandes banques japonaises, MUFG, Sumitomo Mitsui Banking Corporation et Mizuho.",
     {"MUFG": "Organization", "Mizuho": "Organization"}),
]

EN = [
    ("Elon Musk's xAI competes with OpenAI and Anthropic, whose Claude rivals ChatGPT.",
     {"Elon Musk": "Person", "xAI": "Organization", "OpenAI": "Organization", "Anthropic": "Organization",
      "Claude": "Product", "ChatGPT": "Product"}),
    # possessive and title stripped
    ("Mr. Satya Nadella said Microsoft's Azure cloud hosts GPT-4 in San Francisco.",
     {"Satya Nadella": "Person", "Microsoft": "Organization", "Azure": "Product", "GPT-4": "Product",
      "San Francisco": "Place"}),
    ("Nvidia sells the H100 chip to Meta and Google DeepMind in London.",
     {"Nvidia": "Organization", "H100": "Product", "Meta": "Organization", "Google DeepMind": "Organization",
      "London": "Place"}),
    ("The startup Quillbright Labs was founded by Dana Whitfield in Austin.",
     {"Quillbright Labs": "Organization", "Dana Whitfield": "Person", "Austin": "Place"}),
    # the head noun of an apposition says what an unknown name is
    ("Habana also sells Goya, its inference chip, to cloud providers.", {"Goya": "Product"}),
    ("Snowflake launched Cortex, a service that runs language models.", {"Cortex": "Product"}),
]


@pytest.mark.parametrize("lang,text,expected", [("fr", t, e) for t, e in FR] + [("en", t, e) for t, e in EN])
def test_entities_are_found_and_typed(lang: str, text: str, expected: dict[str, str]) -> None:
    got = _entities(text, lang)
    for name, typ in expected.items():
        assert name in got, f"{name!r} not found in {sorted(got)}"
        assert got[name][0] == typ, f"{name!r} typed {got[name][0]}, expected {typ}"


@pytest.mark.parametrize("text,lang,junk", [
    ("Conclusion : Jeff Bezos, catalyseur d’une nouvelle révolution IA ?\n\nRéponse directe à OpenAI.",
     "fr", {"Conclusion", "Réponse", "IA", "L’", "L'", "d’Amazon"}),
    ("L’IA d’Amazon et l’offre d’OpenAI.", "fr", {"L’IA", "d’Amazon", "L'", "d’OpenAI"}),
    ("Renforcer la souveraineté technologique américaine face à la Chine\n\nLe marché évolue.", "fr",
     {"Renforcer"}),
    ("Read more: Google's Gemini. On Monday, the CEO spoke.", "en", {"Monday", "CEO", "Read more"}),
    # common nouns capitalised by usage, the model architecture
    ("Arm prépare son introduction en Bourse. Le Trésor a validé l'opération.", "fr", {"Bourse", "Trésor"}),
    ("L'architecture Transformer a changé le domaine.", "fr", {"Transformer"}),
    ("The Transformer architecture changed the field.", "en", {"Transformer"}),
    # a participle opening a sentence before a preposition is no name
    ("La société a levé des fonds.\n\nInstallée à Tokyo, la société emploie vingt personnes.", "fr", {"Installée"}),
    ("Brumeo a levé des fonds. Rachetée par Orfeo Systems, la start-up garde son nom.", "fr", {"Rachetée"}),
    ("The firm raised money.\n\nHeadquartered in Austin, the startup has 40 staff.", "en", {"Headquartered"}),
])
def test_junk_is_not_an_entity(text: str, lang: str, junk: set[str]) -> None:
    got = _entities(text, lang)
    assert not junk & set(got), f"junk entities: {junk & set(got)}"


@pytest.mark.parametrize("text,lang,name,aliases", [
    # surname alone, then a person mistyped by the model as an organization
    ("Jeff Bezos a fondé Amazon. Bezos dirige aujourd’hui Blue Origin.", "fr", "Jeff Bezos", {"Bezos"}),
    # an acronym defined in the text
    ("Amazon Web Services (AWS) domine le cloud. AWS investit.", "fr", "Amazon Web Services", {"AWS"}),
    # a short form of a name whose last word is generic
    ("Mistral AI lève des fonds. Mistral reste basée à Paris.", "fr", "Mistral AI", {"Mistral"}),
    ("Sam Altman runs OpenAI. Altman said the company would grow.", "en", "Sam Altman", {"Altman"}),
    ("Scale AI was founded in 2016. Scale then raised money.", "en", "Scale AI", {"Scale"}),
])
def test_mentions_merge_into_one_entity(text: str, lang: str, name: str, aliases: set[str]) -> None:
    got = _entities(text, lang)
    assert name in got
    assert aliases <= set(got[name][1])
    for alias in aliases:
        assert alias not in got, f"{alias!r} is a second node for {name!r}"


def test_distinct_entities_sharing_a_word_stay_apart() -> None:
    got = _entities("Google a racheté DeepMind ; Google DeepMind développe Gemini et Amazon Web Services "
                    "appartient à Amazon.", "fr")
    assert {"Google", "Google DeepMind", "Amazon", "Amazon Web Services"} <= set(got)


def test_gazetteer_links_to_wikidata() -> None:
    ex = extract_article(Article(id="t", text="OpenAI et Microsoft sont partenaires.", lang="fr"))
    ids = {e.name: e.wikidata for e in ex.entities}
    assert ids["OpenAI"] == "Q21708200"
    assert ids["Microsoft"] == "Q2283"


def test_one_type_per_entity_per_article() -> None:
    ex = extract_article(Article(id="t", lang="en", text=(
        "Anthropic makes Claude. Anthropic is based in San Francisco. Investors back Anthropic.")))
    names = [e.name for e in ex.entities]
    assert names.count("Anthropic") == 1


@pytest.mark.parametrize("lang,text,sentences", [
    ("en", "Dominic Perella, Character.AI's general counsel, spoke. Mistral.ai agreed.",
     ["Dominic Perella, Character.AI's general counsel, spoke.", "Mistral.ai agreed."]),
    ("fr", "M. Dupont dirige Lumen SA. Il parle.\n\nTitre sans point\nLe texte suit.",
     ["M. Dupont dirige Lumen SA.", "Il parle.", "Titre sans point", "Le texte suit."]),
    ("en", "Revenue rose 3.5 percent. Dr. Lee said so.", ["Revenue rose 3.5 percent.", "Dr. Lee said so."]),
])
def test_sentence_bounds(lang: str, text: str, sentences: list[str], request) -> None:
    nlp = request.getfixturevalue(f"nlp_{lang}")
    got = [s.text.strip() for s in nlp(text).sents if s.text.strip()]
    assert got == sentences
