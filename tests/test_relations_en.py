"""English relation rules (``data/lexicons/en/relations.toml``) on sentences written for the test.

Each table states how English news expresses one predicate; negated and speculative
statements must give nothing, and ``former`` must follow the text. The sentences are not
taken from the evaluation sets.

>>> # run with: .venv/bin/python -m pytest tests/test_relations_en.py -m slow
"""

from __future__ import annotations

import time

import pytest

from graph_builder.extract import extract_article
from graph_builder.nlp.pipeline import load_pipeline
from graph_builder.nlp.relations import load_rules
from graph_builder.types import SYMMETRIC_PREDICATES, Article

pytestmark = pytest.mark.slow

Triple = tuple[str, str, str, bool]


@pytest.fixture(scope="session")
def en_nlp():
    """The English pipeline, loaded once."""
    return load_pipeline("en")


def _triples(text: str) -> set[Triple]:
    ex = extract_article(Article(id="t-en", text=text, lang="en"))
    return {(r.subject, r.predicate, r.object, r.former) for r in ex.relations}


def _check(en_nlp, text: str, expected: list[Triple]) -> None:
    got = _triples(text)
    for t in expected:
        # names may come out in a longer canonical form: compare on (predicate, former) and containment
        hits = [g for g in got if g[1] == t[1] and g[3] == t[3] and (
            (t[0] in g[0] and t[2] in g[2])
            or (t[1] in SYMMETRIC_PREDICATES and t[0] in g[2] and t[2] in g[0]))]
        assert hits, f"missing {t} in {sorted(got)} for: {text}"


def _xfail(text: str, expected: list[Triple], reason: str):
    return pytest.param(text, expected, marks=pytest.mark.xfail(reason=reason, strict=False))


# --------------------------------------------------------------------------- positive tables
FOUNDER = [
    ("Mira Murati co-founded Thinking Machines Lab in 2024.",
     [("Mira Murati", "founderOf", "Thinking Machines Lab", False)]),
    ("Anthropic was founded in 2021 by Dario Amodei and Daniela Amodei.",
     [("Dario Amodei", "founderOf", "Anthropic", False), ("Daniela Amodei", "founderOf", "Anthropic", False)]),
    ("Reid Hoffman, the co-founder of LinkedIn, spoke at the conference.",
     [("Reid Hoffman", "founderOf", "LinkedIn", False)]),
    ("Perplexity co-founder Aravind Srinivas said the search engine was growing.",
     [("Aravind Srinivas", "founderOf", "Perplexity", False)]),
    ("Started in 2019 by Alexandr Wang, Scale AI sells training data.",
     [("Alexandr Wang", "founderOf", "Scale AI", False)]),
]

CEO = [
    ("Satya Nadella, Microsoft's chief executive, announced the results.",
     [("Satya Nadella", "ceoOf", "Microsoft", False)]),
    ("Nvidia chief executive Jensen Huang gave the keynote in Taipei.",
     [("Jensen Huang", "ceoOf", "Nvidia", False)]),
    ("Lisa Su, the chief executive of AMD, unveiled a new accelerator.",
     [("Lisa Su", "ceoOf", "AMD", False)]),
    ("Sundar Pichai runs Google and has done so since 2015.",
     [("Sundar Pichai", "ceoOf", "Google", False)]),
]

WORKS = [
    ("Yann LeCun, Meta's chief AI scientist, criticised the paper.",
     [("Yann LeCun", "worksFor", "Meta", False)]),
    ("Jan Leike joined Anthropic after leaving OpenAI.",
     [("Jan Leike", "worksFor", "Anthropic", False)]),
    ("Andrej Karpathy leads research at Tesla.",
     [("Andrej Karpathy", "worksFor", "Tesla", False)]),
    ("Mistral AI has hired Jane Smith, the article says.",
     [("Jane Smith", "worksFor", "Mistral AI", False)]),
]

INVESTOR = [
    ("Microsoft has invested $13 billion in OpenAI.",
     [("Microsoft", "investorIn", "OpenAI", False)]),
    ("Perplexity is backed by Nvidia and Jeff Bezos.",
     [("Nvidia", "investorIn", "Perplexity", False), ("Jeff Bezos", "investorIn", "Perplexity", False)]),
    ("Cohere raised $500 million from investors including Oracle and Salesforce Ventures.",
     [("Oracle", "investorIn", "Cohere", False)]),
    ("Amazon, Anthropic's largest investor, will get a board observer.",
     [("Amazon", "investorIn", "Anthropic", False)]),
]

ACQUIRED = [
    ("Nvidia acquired Mellanox in 2020.", [("Nvidia", "acquired", "Mellanox", False)]),
    ("Mellanox was acquired by Nvidia in 2020.", [("Nvidia", "acquired", "Mellanox", False)]),
    ("Salesforce has completed its acquisition of Slack.", [("Salesforce", "acquired", "Slack", False)]),
    ("GitHub, the code-hosting service Microsoft bought in 2018, sells Copilot.",
     [("Microsoft", "acquired", "GitHub", False)]),
]

SUBSIDIARY = [
    ("DeepMind is a subsidiary of Alphabet.", [("DeepMind", "subsidiaryOf", "Alphabet", False)]),
    ("Instagram is owned by Meta.", [("Instagram", "subsidiaryOf", "Meta", False)]),
    ("ByteDance, the parent of TikTok, reported higher revenue.", [("TikTok", "subsidiaryOf", "ByteDance", False)]),
    ("Google's DeepMind unit released a new paper.", [("DeepMind", "subsidiaryOf", "Google", False)]),
]

PARTNER = [
    ("Apple has partnered with OpenAI to bring ChatGPT to Siri.", [("Apple", "partnerOf", "OpenAI", False)]),
    ("Mistral AI signed a deal with Microsoft last week.", [("Mistral AI", "partnerOf", "Microsoft", False)]),
    ("Oracle and Nvidia teamed up to sell cloud capacity.", [("Oracle", "partnerOf", "Nvidia", False)]),
]

COMPETITOR = [
    ("AMD competes with Nvidia in data-centre chips.", [("AMD", "competitorOf", "Nvidia", False)]),
    ("Anthropic is OpenAI's most direct rival.", [("Anthropic", "competitorOf", "OpenAI", False)]),
    ("Google's rivals include Microsoft and Amazon.", [("Google", "competitorOf", "Microsoft", False)]),
]

DEVELOPS = [
    ("OpenAI released GPT-4 in March.", [("OpenAI", "develops", "GPT-4", False)]),
    ("Anthropic's Claude assistant is popular with programmers.", [("Anthropic", "develops", "Claude", False)]),
    ("Gemini was developed by Google DeepMind.", [("Google DeepMind", "develops", "Gemini", False)]),
    ("Cognition, the startup behind the coding agent Devin, raised money.",
     [("Cognition", "develops", "Devin", False)]),
]

BASED = [
    ("Mistral AI is based in Paris.", [("Mistral AI", "basedIn", "Paris", False)]),
    ("The London-based startup Synthesia raised money.", [("Synthesia", "basedIn", "London", False)]),
    ("Aleph Alpha is a German startup.", [("Aleph Alpha", "basedIn", "Germany", False)]),
    ("Cohere, a Toronto-based company, hired engineers.", [("Cohere", "basedIn", "Toronto", False)]),
    ("Mistral AI, the Paris startup, opened an office.", [("Mistral AI", "basedIn", "Paris", False)]),
]

FORMER = [
    ("Mira Murati, OpenAI's former chief technology officer, started a company.",
     [("Mira Murati", "worksFor", "OpenAI", True)]),
    ("Sean White, a former Mozilla executive, joined the board.",
     [("Sean White", "worksFor", "Mozilla", True)]),
    ("Emmett Shear, the former chief executive of Twitch, spoke.",
     [("Emmett Shear", "ceoOf", "Twitch", True)]),
    ("Andrej Karpathy later ran AI at Tesla.",
     [("Andrej Karpathy", "worksFor", "Tesla", True)]),
    ("Satya Nadella, Microsoft's chief executive, announced the results.",
     [("Satya Nadella", "ceoOf", "Microsoft", False)]),
]

KNOWN_GAPS = [
    _xfail("Altman is chief executive of OpenAI, and Brockman is still its president.",
           [("Greg Brockman", "worksFor", "OpenAI", False)],
           "needs its → OpenAI across the coordination (engine coreference)"),
    _xfail("Sam Altman is chief executive. Brockman, too, is still on staff at the lab.",
           [("Greg Brockman", "worksFor", "OpenAI", False)],
           "the organisation is only implied by the previous article context"),
]


@pytest.mark.parametrize("text,expected", FOUNDER)
def test_founder(en_nlp, text, expected):
    _check(en_nlp, text, expected)


@pytest.mark.parametrize("text,expected", CEO)
def test_ceo(en_nlp, text, expected):
    _check(en_nlp, text, expected)


@pytest.mark.parametrize("text,expected", WORKS)
def test_works_for(en_nlp, text, expected):
    _check(en_nlp, text, expected)


@pytest.mark.parametrize("text,expected", INVESTOR)
def test_investor(en_nlp, text, expected):
    _check(en_nlp, text, expected)


@pytest.mark.parametrize("text,expected", ACQUIRED)
def test_acquired(en_nlp, text, expected):
    _check(en_nlp, text, expected)


@pytest.mark.parametrize("text,expected", SUBSIDIARY)
def test_subsidiary(en_nlp, text, expected):
    _check(en_nlp, text, expected)


@pytest.mark.parametrize("text,expected", PARTNER)
def test_partner(en_nlp, text, expected):
    _check(en_nlp, text, expected)


@pytest.mark.parametrize("text,expected", COMPETITOR)
def test_competitor(en_nlp, text, expected):
    _check(en_nlp, text, expected)


@pytest.mark.parametrize("text,expected", DEVELOPS)
def test_develops(en_nlp, text, expected):
    _check(en_nlp, text, expected)


@pytest.mark.parametrize("text,expected", BASED)
def test_based_in(en_nlp, text, expected):
    _check(en_nlp, text, expected)


@pytest.mark.parametrize("text,expected", FORMER)
def test_former(en_nlp, text, expected):
    _check(en_nlp, text, expected)


@pytest.mark.parametrize("text,expected", KNOWN_GAPS)
def test_known_gaps(en_nlp, text, expected):
    _check(en_nlp, text, expected)


# --------------------------------------------------------------------------- nothing expected
DENIED_OR_SPECULATIVE = [
    ("Microsoft did not acquire Inflection AI.", "acquired"),
    ("Apple is reportedly in talks to buy Perplexity.", "acquired"),
    ("Amazon could invest in Anthropic next year.", "investorIn"),
    ("Meta never invested in Mistral AI.", "investorIn"),
    ("Google denied that it had partnered with Samsung.", "partnerOf"),
    ("OpenAI may partner with Oracle on data centres.", "partnerOf"),
    ("Nvidia abandoned its bid to buy Arm.", "acquired"),
    ("Samsung is considering a deal with Google.", "partnerOf"),
]


@pytest.mark.parametrize("text,predicate", DENIED_OR_SPECULATIVE)
def test_denied_and_speculative_give_nothing(en_nlp, text, predicate):
    got = _triples(text)
    assert not [t for t in got if t[1] == predicate], f"{text} gave {sorted(got)}"


NOT_THIS = [
    # a chief executive is ceoOf, not also worksFor
    ("Andy Jassy, Amazon's chief executive, spoke on Tuesday.", ("Andy Jassy", "worksFor", "Amazon")),
    # a passive is not an active acquisition the other way round
    ("Mellanox, another Israeli firm, was acquired by Nvidia.", ("Mellanox", "acquired", "Nvidia")),
    # "ran AI at Tesla" is a role at Tesla, not its chief
    ("Andrej Karpathy ran AI at Tesla for five years.", ("Andrej Karpathy", "ceoOf", "Tesla")),
    # working with someone at a company is not working for it
    ("Vik Bajaj worked with Google co-founder Sergey Brin.", ("Vik Bajaj", "worksFor", "Google")),
    # a nationality adjective is not an organisation
    ("Run:ai works with rival American chipmakers AMD and Intel.", ("American", "competitorOf", "AMD")),
]


NOT_THIS.append(pytest.param(
    "OpenAI started small. Its founders included Sam Altman, then president of Y Combinator, Elon Musk "
    "and Ilya Sutskever.", ("Y Combinator", "founderOf", "OpenAI"),
    marks=pytest.mark.xfail(reason="a list slot swallows the organisation of an apposition (engine R4)",
                            strict=False)))


@pytest.mark.parametrize("text,triple", NOT_THIS)
def test_wrong_readings_are_not_produced(en_nlp, text, triple):
    got = {(s, p, o) for s, p, o, _ in _triples(text)}
    assert triple not in got, f"{text} gave {sorted(got)}"


def test_rules_compile_and_are_fast(en_nlp):
    """Every rule compiles, and all of them run over a long sentence in well under a second."""
    rules = load_rules("en")
    assert len(rules.rules) > 80
    stream = ("⟦ORG:0⟧, " + "the company said on tuesday that " * 20 + "⟦PER:1⟧ and ⟦PER:2⟧ , ") * 5
    t = time.perf_counter()
    for r in rules.rules:
        list(r.regex.finditer(stream))
    assert time.perf_counter() - t < 1.0
