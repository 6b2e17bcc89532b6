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


# --------------------------------------------------------------------------- round 2: general constructions
# Each rule added in round 2 is checked on at least two phrasings written for this file.
ROUND2 = [
    # title lists ending in a CEO title (en.ceo.appos-poss-titles / appos-of-titles / founder.appos-of-titles)
    ("Brian Chesky, Airbnb's co-founder, chairman and chief executive, spoke in Paris.",
     [("Brian Chesky", "ceoOf", "Airbnb", False)]),
    ("Jensen Huang, Nvidia's president and chief executive, opened the show.",
     [("Jensen Huang", "ceoOf", "Nvidia", False)]),
    ("Masayoshi Son, the founder and chief executive of SoftBank, will chair the board.",
     [("Masayoshi Son", "ceoOf", "SoftBank", False), ("Masayoshi Son", "founderOf", "SoftBank", False)]),
    ("Patrick Collison, the co-founder and chief executive of Stripe, wrote a memo.",
     [("Patrick Collison", "ceoOf", "Stripe", False), ("Patrick Collison", "founderOf", "Stripe", False)]),
    # copula after a relative clause (en.*.copula-rel)
    ("Jeff Dean, who joined in 1999, is now Google's chief scientist.",
     [("Jeff Dean", "worksFor", "Google", False)]),
    ("Lisa Su, an engineer by training, has been chief executive of AMD since 2014.",
     [("Lisa Su", "ceoOf", "AMD", False)]),
    # succession (en.ceo.replaced-by / replacing / succeeded / as-ceo-appos)
    ("Simon Segars has stepped down as Arm's chief executive, replaced by Rene Haas.",
     [("Rene Haas", "ceoOf", "Arm", False), ("Simon Segars", "ceoOf", "Arm", True)]),
    ("Parag Agrawal resigned as chief executive of Twitter, and was succeeded by Linda Yaccarino.",
     [("Linda Yaccarino", "ceoOf", "Twitter", False)]),
    ("Sean White, a former Mozilla executive, takes over as Inflection's chief executive, replacing Mustafa Suleyman.",
     [("Sean White", "ceoOf", "Inflection", False), ("Mustafa Suleyman", "ceoOf", "Inflection", True)]),
    ("Andy Jassy became chief executive of Amazon in 2021, replacing Jeff Bezos.",
     [("Andy Jassy", "ceoOf", "Amazon", False), ("Jeff Bezos", "ceoOf", "Amazon", True)]),
    ("Satya Nadella succeeded Steve Ballmer as chief executive of Microsoft in 2014.",
     [("Satya Nadella", "ceoOf", "Microsoft", False), ("Steve Ballmer", "ceoOf", "Microsoft", True)]),
    ("Sundar Pichai replaced Larry Page as Alphabet's chief executive.",
     [("Sundar Pichai", "ceoOf", "Alphabet", False), ("Larry Page", "ceoOf", "Alphabet", True)]),
    # a second verb of the same subject (en.founder.and-verb)
    ("Mustafa Suleyman left Google in 2022 and co-founded Inflection AI.",
     [("Mustafa Suleyman", "founderOf", "Inflection AI", False)]),
    ("Ilya Sutskever quit OpenAI in May and later founded Safe Superintelligence.",
     [("Ilya Sutskever", "founderOf", "Safe Superintelligence", False)]),
    # apposition then "who founded" (en.founder.appos-who)
    ("Demis Hassabis, the British neuroscientist who co-founded DeepMind in 2010, won a Nobel prize.",
     [("Demis Hassabis", "founderOf", "DeepMind", False)]),
    ("Aidan Gomez, a Canadian researcher who also founded Cohere, spoke first.",
     [("Aidan Gomez", "founderOf", "Cohere", False)]),
    # "founded X, an apposition, with Y" (en.founder.verb-with-appos)
    ("Demis Hassabis co-founded DeepMind, a London startup, with Shane Legg.",
     [("Shane Legg", "founderOf", "DeepMind", False)]),
    ("Mustafa Suleyman started Inflection AI, a Palo Alto company, with LinkedIn co-founder Reid Hoffman.",
     [("Reid Hoffman", "founderOf", "Inflection AI", False)]),
    # founded by a group led by (en.founder.group-led-by, en.role.former-group)
    ("Anthropic was founded in 2021 by a group of former OpenAI employees led by Dario Amodei.",
     [("Dario Amodei", "founderOf", "Anthropic", False), ("Dario Amodei", "worksFor", "OpenAI", True)]),
    ("Mistral AI was started by a team of researchers including Arthur Mensch.",
     [("Arthur Mensch", "founderOf", "Mistral AI", False)]),
    ("The company hired former Google researchers including Noam Shazeer.",
     [("Noam Shazeer", "worksFor", "Google", True)]),
    # counted founders, founders of X including (en.founder.premod-count / of-including)
    ("Inflection's three co-founders, Mustafa Suleyman, Karen Simonyan and Reid Hoffman, met in London.",
     [("Reid Hoffman", "founderOf", "Inflection", False)]),
    ("Stripe's two founders, Patrick Collison and John Collison, are brothers.",
     [("John Collison", "founderOf", "Stripe", False)]),
    ("Amazon recruited the founders of Adept, including David Luan.",
     [("David Luan", "founderOf", "Adept", False), ("David Luan", "worksFor", "Amazon", False)]),
    ("Google hired the co-founders of Inflection AI, among them Mustafa Suleyman.",
     [("Mustafa Suleyman", "founderOf", "Inflection AI", False), ("Mustafa Suleyman", "worksFor", "Google", False)]),
    # hired X's Y (en.works.hire-of / hired-poss)
    ("Microsoft, which hired Inflection AI's Mustafa Suleyman last year, is expanding.",
     [("Mustafa Suleyman", "worksFor", "Microsoft", False), ("Mustafa Suleyman", "worksFor", "Inflection AI", True)]),
    ("Meta has hired Scale AI's Alexandr Wang.",
     [("Alexandr Wang", "worksFor", "Meta", False), ("Alexandr Wang", "worksFor", "Scale AI", True)]),
    # own products such as, whose products include (en.develops.own-such-as / whose-include)
    ("Google, which has spent years building its own language models, such as Gemini, is hiring.",
     [("Google", "develops", "Gemini", False)]),
    ("Amazon, which designs its own chips, including Trainium, sells cloud capacity.",
     [("Amazon", "develops", "Trainium", False)]),
    ("OpenAI, whose models include GPT-4 and the DALL-E image generator, raised money.",
     [("OpenAI", "develops", "GPT-4", False), ("OpenAI", "develops", "DALL-E", False)]),
    ("Anthropic, whose products include Claude, opened an office in Tokyo.",
     [("Anthropic", "develops", "Claude", False)]),
    # "released its own model, X" (en.develops.own-named)
    ("Databricks released its own open language model, DBRX, in March.",
     [("Databricks", "develops", "DBRX", False)]),
    ("xAI has trained its own chatbot, Grok, on posts from X.",
     [("xAI", "develops", "Grok", False)]),
    # developed at (en.develops.passive-at)
    ("Llama was developed largely at Meta, by a team in Paris.",
     [("Meta", "develops", "Llama", False)]),
    ("The Gemini model was built at Google DeepMind in London.",
     [("Google DeepMind", "develops", "Gemini", False)]),
    # demonym before a plural noun and a list (en.based.demonym-list)
    ("Nvidia works with rival American chipmakers AMD and Intel.",
     [("AMD", "basedIn", "United States", False), ("Intel", "basedIn", "United States", False)]),
    ("Chinese tech groups Alibaba and Baidu released chatbots.",
     [("Alibaba", "basedIn", "China", False), ("Baidu", "basedIn", "China", False)]),
    # one of PLACE's largest (en.based.one-of-place)
    ("The round was led by PSP Investments, one of Canada's largest pension funds.",
     [("PSP Investments", "basedIn", "Canada", False)]),
    ("Mistral AI, among France's best-funded startups, hired engineers.",
     [("Mistral AI", "basedIn", "France", False)]),
    # owned by PLACE's ORG (en.subsidiary.verb-place-poss)
    ("Arm, the chip designer owned by Japan's SoftBank, plans a listing.",
     [("Arm", "subsidiaryOf", "SoftBank", False)]),
    ("TikTok is owned by China's ByteDance.", [("TikTok", "subsidiaryOf", "ByteDance", False)]),
    # its units, A and B (en.subsidiary.poss-list)
    ("Google is merging its two research groups, Google Brain and DeepMind, into one unit.",
     [("Google Brain", "subsidiaryOf", "Google", False), ("DeepMind", "subsidiaryOf", "Google", False)]),
    ("Alphabet's other businesses, Waymo and Verily, lost money.",
     [("Waymo", "subsidiaryOf", "Alphabet", False)]),
    # its partnership with (en.partner.its-noun)
    ("Amazon Web Services expanded its partnership with Hugging Face in February.",
     [("Amazon Web Services", "partnerOf", "Hugging Face", False)]),
    ("Microsoft deepened its alliance with OpenAI last year.", [("Microsoft", "partnerOf", "OpenAI", False)]),
    # agreed to develop ... with (en.partner.agreed-with)
    ("Fujitsu has agreed to develop a Japanese-language model with Cohere.",
     [("Fujitsu", "partnerOf", "Cohere", False)]),
    ("Oracle agreed to build data centres with OpenAI in Texas.", [("Oracle", "partnerOf", "OpenAI", False)]),
    # license the technology of (en.partner.license-of)
    ("Google has agreed to license the technology of Character.AI.",
     [("Google", "partnerOf", "Character.AI", False)]),
    ("Microsoft will license the models of Inflection AI for its cloud.",
     [("Microsoft", "partnerOf", "Inflection AI", False)]),
    # pits / puts in competition with (en.competitor.pits)
    ("The deal pits Salesforce more directly against Microsoft.", [("Salesforce", "competitorOf", "Microsoft", False)]),
    ("The launch puts Amazon in direct competition with Google.", [("Amazon", "competitorOf", "Google", False)]),
    # apposition then "that takes on" (en.competitor.appos-that)
    ("Perplexity, a young startup that takes on Google, raised money.",
     [("Perplexity", "competitorOf", "Google", False)]),
    ("Mistral AI, a Paris company which competes with OpenAI, hired staff.",
     [("Mistral AI", "competitorOf", "OpenAI", False)]),
    # rivals such as, across places (en.competitor.rivals-such-as)
    ("Meta, headquartered in Menlo Park, has struggled to keep pace with rivals such as OpenAI and Google.",
     [("Meta", "competitorOf", "OpenAI", False), ("Meta", "competitorOf", "Google", False)]),
    ("Samsung lost share in China to rivals like Huawei and Xiaomi.",
     [("Samsung", "competitorOf", "Huawei", False)]),
    # who is himself an investor in (en.investor.who-is)
    ("Geoffrey Hinton, who is himself an investor in Cohere, praised the team.",
     [("Geoffrey Hinton", "investorIn", "Cohere", False)]),
    ("Reid Hoffman, who is also an early backer of OpenAI, spoke.",
     [("Reid Hoffman", "investorIn", "OpenAI", False)]),
    # counts X among its investors (en.investor.counts-among)
    ("OpenAI counts Khosla Ventures among its early investors.",
     [("Khosla Ventures", "investorIn", "OpenAI", False)]),
    ("Mistral AI counts Nvidia and Salesforce among its backers.",
     [("Nvidia", "investorIn", "Mistral AI", False), ("Salesforce", "investorIn", "Mistral AI", False)]),
    # making an investment in (en.investor.make-investment)
    ("Microsoft is making a new multibillion-dollar investment in OpenAI.",
     [("Microsoft", "investorIn", "OpenAI", False)]),
    ("Nvidia made a $100 million investment in Mistral AI.", [("Nvidia", "investorIn", "Mistral AI", False)]),
    # after buying (en.acquired.after-buying)
    ("Databricks released a new model in March, after buying MosaicML last year.",
     [("Databricks", "acquired", "MosaicML", False)]),
    ("Nvidia grew fast in networking after acquiring Mellanox in 2020.",
     [("Nvidia", "acquired", "Mellanox", False)]),
    # signed an agreement to acquire (acquire_verb)
    ("Cognition has signed an agreement to acquire Windsurf.", [("Cognition", "acquired", "Windsurf", False)]),
    ("Salesforce reached a deal to buy Slack in December.", [("Salesforce", "acquired", "Slack", False)]),
    # the month "May" is not the modal "may"
    ("Nvidia bought Mellanox in May 2019.", [("Nvidia", "acquired", "Mellanox", False)]),
]

ROUND2_NOTHING = [
    ("Google has not agreed to license the technology of Character.AI.", "partnerOf"),
    ("Oracle could agree to build data centres with OpenAI.", "partnerOf"),
    ("Microsoft is reportedly making a large investment in Mistral AI.", "investorIn"),
    ("Nvidia never made an investment in Anthropic.", "investorIn"),
    ("Cognition may sign an agreement to acquire Windsurf.", "acquired"),
    ("Meta did not hire Scale AI's Alexandr Wang.", "worksFor"),
    ("Databricks denied buying MosaicML.", "acquired"),
    ("Mustafa Suleyman left Google in 2022 and did not co-found Inflection AI.", "founderOf"),
    ("Apple may buy Perplexity next year.", "acquired"),
]

ROUND2_NOT_THIS = [
    # a chairman-and-CEO title list is a CEO title, not a separate role
    ("Arvind Krishna, IBM's chairman and chief executive, said clients wanted trust.", ("Arvind Krishna", "worksFor", "IBM")),
    # the apposition of the second person does not apply to the first
    ("Son appeared with Sam Altman, OpenAI's chief executive, and Larry Ellison, Oracle's co-founder and chairman.",
     ("Sam Altman", "worksFor", "Oracle")),
    # a unit of a company is run, the company is not
    ("Microsoft hired Mustafa Suleyman to run its consumer AI business.", ("Mustafa Suleyman", "ceoOf", "Microsoft")),
    # the investment arm of a company is not a stake in it
    ("Investors include Nat Friedman and Databricks Ventures, the investment arm of Databricks.",
     ("Nat Friedman", "investorIn", "Databricks")),
    # "before joining X" after a list in an apposition belongs to the sentence's subject
    ("John Schulman left for Anthropic, the lab started by Dario Amodei and Daniela Amodei, before joining Thinking Machines Lab.",
     ("Dario Amodei", "worksFor", "Thinking Machines Lab")),
    # a chip designed by a company's unit is the unit's
    ("Anthropic will train models on Trainium, the chips designed by Amazon's cloud unit.",
     ("Amazon", "develops", "Trainium")),
    # the object of a preposition is not the subject of a passive
    ("Slack will become a unit of Salesforce and will still be led by Stewart Butterfield.",
     ("Stewart Butterfield", "ceoOf", "Salesforce")),
    # "the Shenzhen-based owner of WeChat" places the owner, not what it owns
    ("Tencent, the Shenzhen-based owner of WeChat, showed a model.", ("WeChat", "basedIn", "Shenzhen")),
]





def test_rules_compile_and_are_fast(en_nlp):
    """Every rule compiles, and all of them run over a long sentence in well under a second."""
    rules = load_rules("en")
    assert len(rules.rules) > 80
    stream = ("⟦ORG:0⟧, " + "the company said on tuesday that " * 20 + "⟦PER:1⟧ and ⟦PER:2⟧ , ") * 5
    t = time.perf_counter()
    for r in rules.rules:
        list(r.regex.finditer(stream))
    assert time.perf_counter() - t < 1.0


# --------------------------------------------------------------------------- round 3: constructions
ROUND3 = [
    # a funding round stands for the company that raised it (entities.toml "round"; en.investor.round-*)
    ("Cohere said on Monday it had raised $500 million. The round was led by PSP Investments.",
     [("PSP Investments", "investorIn", "Cohere", False)]),
    ("Mistral AI has raised 600 million euros. The latest round was co-led by General Catalyst and Lightspeed.",
     [("General Catalyst", "investorIn", "Mistral AI", False), ("Lightspeed", "investorIn", "Mistral AI", False)]),
    ("Anthropic is growing fast. In May, Spark Capital led a $450 million funding round.",
     [("Spark Capital", "investorIn", "Anthropic", False)]),
    ("Hugging Face raised more money this year. Salesforce Ventures joined the round.",
     [("Salesforce Ventures", "investorIn", "Hugging Face", False)]),  # read by the round reader (nlp/rounds.py)
    ("Anthropic is growing fast. Menlo Ventures led a new round in which Google and Zoom Ventures also took part.",
     [("Google", "investorIn", "Anthropic", False), ("Zoom Ventures", "investorIn", "Anthropic", False)]),
    ("Mistral AI raised more money. Nvidia and Samsung invested in the round.",
     [("Nvidia", "investorIn", "Mistral AI", False), ("Samsung", "investorIn", "Mistral AI", False)]),  # read by the round reader (nlp/rounds.py)
    ("Cohere announced new funding. The round was led by Radical Ventures, with Cisco and Fujitsu also taking part.",
     [("Cisco", "investorIn", "Cohere", False), ("Fujitsu", "investorIn", "Cohere", False)]),
    ("Runway announced new funding. The round closed on Friday, with participation from Google and Nvidia.",
     [("Google", "investorIn", "Runway", False), ("Nvidia", "investorIn", "Runway", False)]),
    ("Hugging Face announced new funding. The round drew several new investors, including Nvidia and SoftBank.",
     [("Nvidia", "investorIn", "Hugging Face", False)]),
    ("Figure AI announced new funding. The round attracted backers such as Microsoft and Intel.",
     [("Microsoft", "investorIn", "Figure AI", False)]),
    # the startup he co-founded (en.founder.appos-pronoun)
    ("Salesforce hired Stewart Butterfield when it bought Slack, the company he co-founded in 2009.",
     [("Stewart Butterfield", "founderOf", "Slack", False)]),
    ("Snowflake hired Sridhar Ramaswamy when it acquired Neeva, a search company he had founded.",
     [("Sridhar Ramaswamy", "founderOf", "Neeva", False)]),
    # the startup it bought / the chip it built (en.acquired.appos-it, en.develops.appos-it)
    ("Intel is taking on the market leader with Gaudi 3, a chip designed by Habana Labs, the Israeli startup it bought in 2019.",
     [("Intel", "acquired", "Habana Labs", False)]),
    ("Salesforce grew by buying rivals, among them Slack, the messaging company it acquired in 2021.",
     [("Salesforce", "acquired", "Slack", False)]),
    ("xAI trains its models on Colossus, a supercomputer it built in Memphis.",
     [("xAI", "develops", "Colossus", False)]),
    ("Microsoft sells Azure, the cloud platform it launched in 2010.",
     [("Microsoft", "develops", "Azure", False)]),
    # while working at (en.works.while-at)
    ("Ryan Blue and Daniel Weeks, who wrote the software while working at Netflix, started a company.",
     [("Ryan Blue", "worksFor", "Netflix", True), ("Daniel Weeks", "worksFor", "Netflix", True)]),
    ("Noam Shazeer, who wrote the paper while employed at Google, spoke on Tuesday.",
     [("Noam Shazeer", "worksFor", "Google", True)]),
    # a role at a company after an apposition (en.works.at-appos)
    ("Aravind Srinivas, the chief executive, was previously a research scientist at OpenAI.",
     [("Aravind Srinivas", "worksFor", "OpenAI", True)]),
    ("Mira Murati, who left last year, was once an engineer at Tesla.",
     [("Mira Murati", "worksFor", "Tesla", True)]),
    # interned at (join_verb)
    ("Aravind Srinivas had interned at Google before starting his company.",
     [("Aravind Srinivas", "worksFor", "Google", False)]),
    ("Denis Yarats interned at Meta in 2016.", [("Denis Yarats", "worksFor", "Meta", False)]),
    # organisations as founders (en.founder.org-formed-by)
    ("Fluidstack, a cloud company founded by Google and Nvidia, grew.",
     [("Google", "founderOf", "Fluidstack", False), ("Nvidia", "founderOf", "Fluidstack", False)]),
    ("Aleph Alpha, a venture set up by SAP and Bosch in 2019, hired staff.",
     [("SAP", "founderOf", "Aleph Alpha", False)]),
    # a rival in a possessive apposition (en.competitor.appos-poss)
    ("Intel, AMD's long-time rival, cut jobs.", [("Intel", "competitorOf", "AMD", False)]),
    ("Google, OpenAI's main competitor, released Gemini.", [("Google", "competitorOf", "OpenAI", False)]),
    # left X to co-found Y, X a description (en.founder.left-to)
    ("Guillaume Lample and Timothée Lacroix have since left the lab to co-found Mistral AI.",
     [("Guillaume Lample", "founderOf", "Mistral AI", False)]),
    ("Mustafa Suleyman left the company in 2022 to start Inflection AI.",
     [("Mustafa Suleyman", "founderOf", "Inflection AI", False)]),
    # coordinated verb phrases (en.works.and-join, en.ceo.and-run, en.ceo.founded-and-runs-it)
    ("Jan Leike quit OpenAI and joined Anthropic in May.", [("Jan Leike", "worksFor", "Anthropic", False)]),
    ("Rosa Diaz left Google in 2021 and later moved to Meta.", [("Rosa Diaz", "worksFor", "Meta", False)]),
    ("Elon Musk founded xAI in 2023 and also runs Tesla.", [("Elon Musk", "ceoOf", "Tesla", False)]),
    ("Mustafa Suleyman left Google and now leads Microsoft AI.", [("Mustafa Suleyman", "ceoOf", "Microsoft AI", False)]),
    ("Jensen Huang, who founded Nvidia and still runs it, spoke.", [("Jensen Huang", "ceoOf", "Nvidia", False)]),
    ("Arthur Mensch co-founded Mistral AI in 2023 and runs it from Paris.", [("Arthur Mensch", "ceoOf", "Mistral AI", False)]),
    # a list of employers (en.works.join)
    ("Andrej Karpathy worked at Tesla and OpenAI before founding Eureka Labs.",
     [("Andrej Karpathy", "worksFor", "Tesla", True), ("Andrej Karpathy", "worksFor", "OpenAI", True)]),
    ("Noam Brown has worked for Meta and OpenAI.", [("Noam Brown", "worksFor", "OpenAI", True)]),
    # joined X from Y: Y is a former employer (en.works.join-from, en.works.hired-from)
    ("Sam Altman, who joined OpenAI from Y Combinator, spoke.", [("Sam Altman", "worksFor", "Y Combinator", True)]),
    ("Mustafa Suleyman moved to Microsoft from Inflection AI in March.",
     [("Mustafa Suleyman", "worksFor", "Inflection AI", True)]),
    ("Meta hired Alexandr Wang from Scale AI.", [("Alexandr Wang", "worksFor", "Scale AI", True)]),
    ("Microsoft poached Mustafa Suleyman from Inflection AI.", [("Mustafa Suleyman", "worksFor", "Inflection AI", True)]),
    # the X model from Y (en.develops.noun-from)
    ("The Llama model from Meta is popular.", [("Meta", "develops", "Llama", False)]),
    ("Developers like Gemma, an open model by Google.", [("Google", "develops", "Gemma", False)]),
    # a promotion from a role stated in apposition (en.ceo.appos-role-becomes)
    ("Jason Droege, Scale AI's chief strategy officer, becomes interim chief executive.",
     [("Jason Droege", "ceoOf", "Scale AI", False)]),
    ("Ruth Porat, Google's finance chief, was named chief executive.", [("Ruth Porat", "ceoOf", "Google", False)]),
    # led since <date> by (en.ceo.passive), developed largely at after a long apposition (en.develops.passive-at)
    ("Microsoft AI, led since March by Mustafa Suleyman, grew.", [("Mustafa Suleyman", "ceoOf", "Microsoft AI", False)]),
    ("Nvidia, run for three decades by Jensen Huang, grew.", [("Jensen Huang", "ceoOf", "Nvidia", False)]),
    ("The first Llama model, released to academics in February, was developed largely at FAIR.",
     [("FAIR", "develops", "Llama", False)]),
    ("Claude, a chatbot released in 2023, was developed mostly at Anthropic.",
     [("Anthropic", "develops", "Claude", False)]),
    # widened trigger classes: CEO-and-founder titles, raise and partner synonyms, professors
    ("Anthropic's CEO and co-founder, Dario Amodei, spoke.", [("Dario Amodei", "ceoOf", "Anthropic", False)]),
    ("Figure AI banked $675 million from Microsoft and Nvidia.", [("Microsoft", "investorIn", "Figure AI", False)]),
    ("Anthropic teamed with Google on chips.", [("Anthropic", "partnerOf", "Google", False)]),
    ("Fei-Fei Li is a professor at Stanford University.", [("Fei-Fei Li", "worksFor", "Stanford University", False)]),
    # the Paris-based developer of X (en.develops.maker-of)
    ("Mistral AI, the Paris-based developer of Le Chat, raised money.", [("Mistral AI", "develops", "Le Chat", False)]),
    ("Anthropic, the San Francisco maker of Claude, raised money.", [("Anthropic", "develops", "Claude", False)]),
    # X is the parent / owner of Y (en.subsidiary.copula-parent)
    ("Meta is the parent of Instagram and WhatsApp.",
     [("Instagram", "subsidiaryOf", "Meta", False), ("WhatsApp", "subsidiaryOf", "Meta", False)]),
    ("Alphabet, which is the owner of Google and Waymo, grew.", [("Waymo", "subsidiaryOf", "Alphabet", False)]),
    # X, head of Y (en.ceo.appos-head-of); "head of research at Y" stays a role
    ("Mustafa Suleyman, head of Microsoft AI, spoke.", [("Mustafa Suleyman", "ceoOf", "Microsoft AI", False)]),
    ("Demis Hassabis, the head of Google DeepMind, spoke.", [("Demis Hassabis", "ceoOf", "Google DeepMind", False)]),
    # latest/newest/flagship before a product noun (adj macro; en.develops.poss)
    ("OpenAI's latest model, GPT-5, is out.", [("OpenAI", "develops", "GPT-5", False)]),
    ("Google's newest model, Gemini, is fast.", [("Google", "develops", "Gemini", False)]),
    # the product as a modifier of its maker (en.develops.prod-maker-premod)
    ("ChatGPT maker OpenAI raised money.", [("OpenAI", "develops", "ChatGPT", False)]),
    ("Shares of iPhone-maker Apple rose.", [("Apple", "develops", "iPhone", False)]),
    # whose investors include (en.investor.whose-include)
    ("Cohere, whose investors include Nvidia and Oracle, grew.", [("Nvidia", "investorIn", "Cohere", False)]),
    ("Mistral AI, whose backers are Lightspeed and General Catalyst, grew.",
     [("Lightspeed", "investorIn", "Mistral AI", False)]),
    # led the owner's round (en.investor.led-poss-round)
    ("Thrive Capital led OpenAI's latest funding round.", [("Thrive Capital", "investorIn", "OpenAI", False)]),
    ("Nvidia participated in xAI's Series C.", [("Nvidia", "investorIn", "xAI", False)]),
    # counts X as its investor (en.investor.counts-among)
    ("Anthropic counts Amazon as its largest investor.", [("Amazon", "investorIn", "Anthropic", False)]),
    ("OpenAI counts Microsoft as a major shareholder.", [("Microsoft", "investorIn", "OpenAI", False)]),
    # committed money to (en.investor.committed-to)
    ("Microsoft committed $10 billion to OpenAI.", [("Microsoft", "investorIn", "OpenAI", False)]),
    ("SoftBank has pledged up to $30 billion to OpenAI.", [("SoftBank", "investorIn", "OpenAI", False)]),
    # roles in a relative clause (en.role.who-was-*, en.role.who-is-*, en.ceo.who-*)
    ("Mira Murati, who was OpenAI's chief technology officer, founded Thinking Machines Lab.",
     [("Mira Murati", "worksFor", "OpenAI", True)]),
    ("Jan Leike, who had been a researcher at OpenAI, joined Anthropic.", [("Jan Leike", "worksFor", "OpenAI", True)]),
    ("Yann LeCun, who is Meta's chief AI scientist, spoke.", [("Yann LeCun", "worksFor", "Meta", False)]),
    ("Kevin Scott, who remains the chief technology officer of Microsoft, spoke.", [("Kevin Scott", "worksFor", "Microsoft", False)]),
    ("Sam Altman, who was OpenAI's chief executive, returned.", [("Sam Altman", "ceoOf", "OpenAI", True)]),
    ("Satya Nadella, who is Microsoft's chief executive, spoke.", [("Satya Nadella", "ceoOf", "Microsoft", False)]),
    # tenures (en.works.spent-years)
    ("Arthur Mensch spent three years at Google DeepMind.", [("Arthur Mensch", "worksFor", "Google DeepMind", False)]),
    ("Mustafa Suleyman had spent a decade at Google before leaving.", [("Mustafa Suleyman", "worksFor", "Google", True)]),
    # partnership nouns after have/sign (en.partner.pair)
    ("Microsoft and OpenAI have a close partnership.", [("Microsoft", "partnerOf", "OpenAI", False)]),
    ("Apple and OpenAI signed a multiyear agreement.", [("Apple", "partnerOf", "OpenAI", False)]),
    # an adverb or object between compete and with (en.competitor.verb-adverb)
    ("Anthropic competes directly with OpenAI and Google.", [("Anthropic", "competitorOf", "OpenAI", False)]),
    ("Baidu competes for customers with Alibaba.", [("Baidu", "competitorOf", "Alibaba", False)]),
    # X is a Paris-based N (en.based.copula-hyphen)
    ("DeepMind is a London-based lab.", [("DeepMind", "basedIn", "London", False)]),
    ("Cohere remains a Toronto-based company.", [("Cohere", "basedIn", "Toronto", False)]),
]

ROUND3_NOTHING = [
    ("Cohere said it had raised $500 million. The round was not led by Nvidia.", "investorIn"),
    ("Cohere is raising money. The round could be led by PSP Investments.", "investorIn"),
    ("Mistral AI raised more money. Nvidia did not take part in the round.", "investorIn"),
    ("Anthropic is raising money. SoftBank is reportedly in talks to lead the round.", "investorIn"),
    ("Intel sells Gaudi 3, a chip designed by Habana Labs, a startup it never bought.", "acquired"),
    ("Intel, which may be AMD's next rival, cut jobs.", "competitorOf"),
    ("Fluidstack, a venture that could be formed by Google and Nvidia, was discussed.", "founderOf"),
    # "X hired Y when it bought Z": Y did not buy Z
    ("Salesforce hired Stewart Butterfield when it bought Slack.", "investorIn"),
    ("Elon Musk founded xAI and could soon run Tesla again.", "ceoOf"),
    ("Ruth Porat, Google's finance chief, may be named chief executive.", "ceoOf"),
    ("Figure AI has not banked any money from Microsoft.", "investorIn"),
    ("Meta could become the parent of Scale AI.", "subsidiaryOf"),
    ("Microsoft has not committed $10 billion to OpenAI.", "investorIn"),
    ("Nvidia may participate in xAI's Series C.", "investorIn"),
    # a deal that fell through later in the sentence (nfail)
    ("The acquisition of Figma by Adobe was abandoned.", "acquired"),
    ("Adobe agreed to buy Figma in 2022, but the deal was abandoned.", "acquired"),
    ("Nvidia agreed to acquire Arm, but the deal collapsed in 2022.", "acquired"),
    ("Microsoft and OpenAI could have a close partnership.", "partnerOf"),
]

ROUND3_NOT_THIS = [
    # the round is not the investor's own: the clause's subject is not what the round stands for
    ("Spark Capital led a $450 million funding round for Anthropic.", ("Spark Capital", "investorIn", "Spark Capital")),
    # a list member before the relative clause is not its subject
    ("xAI raised money from investors such as Nvidia and AMD, much of it spent on Colossus, a supercomputer it built.",
     ("AMD", "develops", "Colossus")),
    # "founded by former OpenAI researchers": the organisation is where the founders came from
    ("Anthropic, a startup founded by former OpenAI researchers, raised money.", ("OpenAI", "founderOf", "Anthropic")),
    # the negated second verb phrase gives nothing (the first, "quit OpenAI", stands)
    ("Jan Leike quit OpenAI and did not join Anthropic.", ("Jan Leike", "worksFor", "Anthropic")),
    ("Jeff Dean, head of research at Google, spoke.", ("Jeff Dean", "ceoOf", "Google")),
    # commitment without money is not an investment
    ("Microsoft is committed to OpenAI.", ("Microsoft", "investorIn", "OpenAI")),
    # coordinated clauses: the object of a preposition is not the next clause's subject
    ("Amazon is a major investor in Anthropic and Microsoft backs OpenAI.", ("Anthropic", "investorIn", "OpenAI")),
    # a bare comma after a clause does not make a list ("came from Meta, Mistral has ...")
    ("Founded by Guillaume Lample, who came from Meta, Mistral AI has grown.", ("Guillaume Lample", "worksFor", "Mistral AI")),
]





# --------------------------------------------------------------------------- round 4: general constructions
# Written for the common ways English news states each fact, not from the evaluation sets;
# each rule or widened class of round 4 has at least two phrasings here.
ROUND4 = [
    # a participle before the subject (en.investor.participle-front, en.based.participle-front)
    ("Backed by Sequoia Capital and Accel, Synthesia is growing fast.",
     [("Sequoia Capital", "investorIn", "Synthesia", False), ("Accel", "investorIn", "Synthesia", False)]),
    ("Funded by Nvidia since 2021, Cohere sells models to banks.",
     [("Nvidia", "investorIn", "Cohere", False)]),
    ("Headquartered in Toronto, Cohere sells models to businesses.", [("Cohere", "basedIn", "Toronto", False)]),
    ("Based in London, Synthesia makes video avatars.", [("Synthesia", "basedIn", "London", False)]),
    # participation after the lead investor (en.investor.raise-participation)
    ("Synthesia raised $90 million in a Series C round led by Accel, with participation from Nvidia.",
     [("Accel", "investorIn", "Synthesia", False), ("Nvidia", "investorIn", "Synthesia", False)]),
    ("Mistral AI closed a new round of funding on Tuesday, with backing from Salesforce Ventures and Samsung.",
     [("Salesforce Ventures", "investorIn", "Mistral AI", False)]),
    # the investor's own investment (en.investor.poss-investment)
    ("Google's $2 billion investment in Anthropic was cleared by regulators.",
     [("Google", "investorIn", "Anthropic", False)]),
    ("Microsoft's stake in OpenAI is worth billions.", [("Microsoft", "investorIn", "OpenAI", False)]),
    # investor nouns before the name or in an apposition (en.investor.poss-noun-pre, appos-premod)
    ("Anthropic's largest shareholder, Amazon, declined to comment.", [("Amazon", "investorIn", "Anthropic", False)]),
    ("OpenAI backer Thrive Capital led the deal.", [("Thrive Capital", "investorIn", "OpenAI", False)]),
    ("Nvidia, an early Mistral AI investor, reported results.", [("Nvidia", "investorIn", "Mistral AI", False)]),
    ("Thrive Capital, a major OpenAI backer, raised a new fund.", [("Thrive Capital", "investorIn", "OpenAI", False)]),
    # a round named through its company (en.investor.poss-round-led-by)
    ("Cohere's Series D was led by Radical Ventures.", [("Radical Ventures", "investorIn", "Cohere", False)]),
    ("Mistral AI's latest funding round, led by General Catalyst, values it at $6 billion.",
     [("General Catalyst", "investorIn", "Mistral AI", False)]),
    # "a Google engineer" (en.role.appos-a-org)
    ("Jane Doe, a Google engineer, wrote the paper.", [("Jane Doe", "worksFor", "Google", False)]),
    ("Sean White, a former Mozilla executive, joined the board.", [("Sean White", "worksFor", "Mozilla", True)]),
    # earlier employers (en.works.formerly-of, en.works.who-worked)
    ("Noam Brown, formerly of Meta, joined OpenAI.",
     [("Noam Brown", "worksFor", "Meta", True), ("Noam Brown", "worksFor", "OpenAI", False)]),
    ("Jane Doe, previously at Google, now runs a lab.", [("Jane Doe", "worksFor", "Google", True)]),
    ("John Schulman, who previously worked at OpenAI, joined Anthropic.",
     [("John Schulman", "worksFor", "OpenAI", True)]),
    ("Aravind Srinivas was a research scientist at OpenAI and had interned at Google and DeepMind.",
     [("Aravind Srinivas", "worksFor", "Google", True), ("Aravind Srinivas", "worksFor", "DeepMind", True)]),
    # appointments ({%is} with named/appointed, en.ceo.named-by-org, en.ceo.named-of)
    ("Andy Jassy was named chief executive of Amazon in 2021.", [("Andy Jassy", "ceoOf", "Amazon", False)]),
    ("Ruth Porat has been appointed president of Alphabet.", [("Ruth Porat", "worksFor", "Alphabet", False)]),
    ("Twitter named Linda Yaccarino as its new chief executive.", [("Linda Yaccarino", "ceoOf", "Twitter", False)]),
    ("Intel appointed Lip-Bu Tan chief executive in March.", [("Lip-Bu Tan", "ceoOf", "Intel", False)]),
    ("The board named Sam Altman chief executive of OpenAI again.", [("Sam Altman", "ceoOf", "OpenAI", False)]),
    # the helm (lead_verb)
    ("Mira Murati took the helm at Thinking Machines Lab.", [("Mira Murati", "ceoOf", "Thinking Machines Lab", False)]),
    ("Lisa Su has taken the helm of AMD.", [("Lisa Su", "ceoOf", "AMD", False)]),
    # "but now runs rival X" (en.ceo.and-run)
    ("Elon Musk co-founded OpenAI but now runs rival xAI.", [("Elon Musk", "ceoOf", "xAI", False)]),
    ("Mustafa Suleyman co-founded DeepMind and now leads Microsoft AI.",
     [("Mustafa Suleyman", "ceoOf", "Microsoft AI", False)]),
    # relative clause with a named founder (en.founder.appos-rel-named); "one of X's co-founders"
    ("Thinking Machines Lab, which Mira Murati started in 2024, raised money.",
     [("Mira Murati", "founderOf", "Thinking Machines Lab", False)]),
    ("Safe Superintelligence, the startup Ilya Sutskever co-founded, raised money.",
     [("Ilya Sutskever", "founderOf", "Safe Superintelligence", False)]),
    ("Demis Hassabis, one of DeepMind's co-founders, won a prize.", [("Demis Hassabis", "founderOf", "DeepMind", False)]),
    ("Greg Brockman, among OpenAI's founders, returned.", [("Greg Brockman", "founderOf", "OpenAI", False)]),
    # founders listed after the passive (en.founder.passive-among)
    ("Databricks was founded in 2013 by seven academics from Berkeley, among them Ali Ghodsi and Ion Stoica.",
     [("Ion Stoica", "founderOf", "Databricks", False), ("Ali Ghodsi", "founderOf", "Databricks", False)]),
    ("Perplexity was started by a group of engineers, including Aravind Srinivas and Denis Yarats.",
     [("Denis Yarats", "founderOf", "Perplexity", False)]),
    # "the company behind X" with a copula (en.develops.behind)
    ("Anthropic is the company behind Claude.", [("Anthropic", "develops", "Claude", False)]),
    ("Cognition is the startup that makes Devin.", [("Cognition", "develops", "Devin", False)]),
    # places (en.based.place-noun without a determiner, en.based.noun-from)
    ("Paris startup Mistral AI raised money.", [("Mistral AI", "basedIn", "Paris", False)]),
    ("London AI firm Synthesia raised money.", [("Synthesia", "basedIn", "London", False)]),
    ("Aleph Alpha, a startup from Heidelberg, raised money.", [("Aleph Alpha", "basedIn", "Heidelberg", False)]),
    ("Mistral AI, a young company out of Paris, raised money.", [("Mistral AI", "basedIn", "Paris", False)]),
    # ownership (en.subsidiary.x-owned, en.subsidiary.appos-poss-parent)
    ("Google-owned YouTube changed its rules.", [("YouTube", "subsidiaryOf", "Google", False)]),
    ("The SoftBank-controlled chip designer Arm reported results.", [("Arm", "subsidiaryOf", "SoftBank", False)]),
    ("Alphabet, Google's parent company, reported results.", [("Google", "subsidiaryOf", "Alphabet", False)]),
    ("Meta, Instagram's owner, changed its rules.", [("Instagram", "subsidiaryOf", "Meta", False)]),
    # acquisitions (en.acquired.reduced-relative, sold-to, headline-to; acquire_verb widened)
    ("Slack, acquired by Salesforce in 2021, changed its pricing.", [("Salesforce", "acquired", "Slack", False)]),
    ("Mellanox, which was bought by Nvidia for $7 billion, grew.", [("Nvidia", "acquired", "Mellanox", False)]),
    ("IBM sold Watson Health to Francisco Partners last year.", [("Francisco Partners", "acquired", "Watson Health", False)]),
    ("Yahoo sold Tumblr to Automattic in 2019.", [("Automattic", "acquired", "Tumblr", False)]),
    ("Microsoft to buy Activision Blizzard for $69 billion.", [("Microsoft", "acquired", "Activision Blizzard", False)]),
    ("Nvidia agrees to acquire Run:ai.", [("Nvidia", "acquired", "Run:ai", False)]),
    # partners (en.partner.front, en.partner.and-noun, en.partner.appos with a copula)
    ("Under a deal with Microsoft, Mistral AI will sell its models on Azure.",
     [("Mistral AI", "partnerOf", "Microsoft", False)]),
    ("As part of a partnership with Nvidia, Foxconn will build factories.", [("Foxconn", "partnerOf", "Nvidia", False)]),
    ("Apple unveiled new phones on Monday and announced a partnership with OpenAI.",
     [("Apple", "partnerOf", "OpenAI", False)]),
    ("Samsung showed a new phone and signed an agreement with Google.", [("Samsung", "partnerOf", "Google", False)]),
    ("Oracle is a partner of OpenAI.", [("Oracle", "partnerOf", "OpenAI", False)]),
    ("Foxconn has become a key partner to Nvidia.", [("Foxconn", "partnerOf", "Nvidia", False)]),
    # rivals (en.competitor.appos with "to" and a copula, en.competitor.pair with adjectives)
    ("Anthropic, a rival to OpenAI, raised money.", [("Anthropic", "competitorOf", "OpenAI", False)]),
    ("DeepSeek is a serious competitor to OpenAI.", [("DeepSeek", "competitorOf", "OpenAI", False)]),
    ("AMD and Nvidia are fierce rivals.", [("AMD", "competitorOf", "Nvidia", False)]),
    ("Samsung and Apple remain bitter rivals in phones.", [("Samsung", "competitorOf", "Apple", False)]),
    # investor lists after a comma (en.investor.include), investing alongside (en.investor.alongside*)
    ("Anthropic's investors, including Amazon and Google, were pleased.", [("Amazon", "investorIn", "Anthropic", False)]),
    ("OpenAI's backers, such as Thrive Capital, want returns.", [("Thrive Capital", "investorIn", "OpenAI", False)]),
    ("Nvidia invested alongside Microsoft in Mistral AI.",
     [("Nvidia", "investorIn", "Mistral AI", False), ("Microsoft", "investorIn", "Mistral AI", False)]),
    ("Sequoia Capital has invested together with Accel in Synthesia.",
     [("Sequoia Capital", "investorIn", "Synthesia", False), ("Accel", "investorIn", "Synthesia", False)]),
    # develop verbs in the progressive, "the X maker, Y" (en.develops.prod-maker-appos)
    ("Google is releasing Gemini to developers.", [("Google", "develops", "Gemini", False)]),
    ("Nvidia is shipping Blackwell to cloud providers.", [("Nvidia", "develops", "Blackwell", False)]),
    ("The ChatGPT maker, OpenAI, raised money.", [("OpenAI", "develops", "ChatGPT", False)]),
    ("The Claude developer, Anthropic, hired engineers.", [("Anthropic", "develops", "Claude", False)]),
    # moves between employers (en.works.from-to, from-to-first)
    ("Jane Doe moved from Google to Anthropic last year.",
     [("Jane Doe", "worksFor", "Anthropic", False), ("Jane Doe", "worksFor", "Google", True)]),
    ("Jane Doe, who defected from Google to OpenAI, spoke.",
     [("Jane Doe", "worksFor", "OpenAI", False), ("Jane Doe", "worksFor", "Google", True)]),
    # places (en.based.copula-place-noun, poss-headquarters, moved-headquarters)
    ("Cohere is a Toronto company.", [("Cohere", "basedIn", "Toronto", False)]),
    ("Synthesia remains a London startup.", [("Synthesia", "basedIn", "London", False)]),
    ("Microsoft's Redmond headquarters were busy.", [("Microsoft", "basedIn", "Redmond", False)]),
    ("Apple's Cupertino campus was quiet.", [("Apple", "basedIn", "Cupertino", False)]),
    ("Mistral AI moved its headquarters to Paris.", [("Mistral AI", "basedIn", "Paris", False)]),
    ("Nvidia relocated its head office to Santa Clara.", [("Nvidia", "basedIn", "Santa Clara", False)]),
    # working together (en.partner.pair)
    ("Microsoft and OpenAI are working together on models.", [("Microsoft", "partnerOf", "OpenAI", False)]),
    ("Nvidia and Foxconn have collaborated on factories.", [("Nvidia", "partnerOf", "Foxconn", False)]),
    # competition from (en.competitor.faces)
    ("OpenAI faces growing competition from Anthropic.", [("OpenAI", "competitorOf", "Anthropic", False)]),
    ("Nvidia is facing a challenge from AMD and Intel.",
     [("Nvidia", "competitorOf", "AMD", False), ("Nvidia", "competitorOf", "Intel", False)]),
    # a pronoun or description followed by a verb refers back (entities.toml linkers; engine R22)
    ("Jane Doe is a famous engineer. She joined Anthropic in 2021.", [("Jane Doe", "worksFor", "Anthropic", False)]),
    ("Victor Riparbelli is a Danish entrepreneur. He co-founded Synthesia in 2017.",
     [("Victor Riparbelli", "founderOf", "Synthesia", False)]),
    ("Anthropic released Claude in March. The company acquired Humanloop in 2025.",
     [("Anthropic", "acquired", "Humanloop", False)]),
    # "X said (on Monday) (that) it ..." (macro saidit)
    ("Microsoft said on Monday that it is making a new investment in OpenAI.", [("Microsoft", "investorIn", "OpenAI", False)]),
    ("Salesforce confirmed it had bought Slack.", [("Salesforce", "acquired", "Slack", False)]),
    ("Meta said on Tuesday it has released Llama 3.", [("Meta", "develops", "Llama 3", False)]),
    # "the San Francisco company behind X" (en.develops.behind), "created by its X arm" (en.develops.passive)
    ("Microsoft is investing in OpenAI, the San Francisco company behind the ChatGPT chatbot, again.",
     [("OpenAI", "develops", "ChatGPT", False)]),
    ("Mistral AI is the Paris-based startup behind Le Chat.", [("Mistral AI", "develops", "Le Chat", False)]),
    ("Samsung has its own model, Gauss, which was created by its Samsung Research arm.",
     [("Samsung Research", "develops", "Gauss", False)]),
    ("Gemini was built by Alphabet's Google DeepMind lab.", [("Google DeepMind", "develops", "Gemini", False)]),
    # investor lists with more adjectives (en.investor.include), a long apposition before "raised"
    ("Cohere sells models. Its existing investors include Nvidia and Oracle.", [("Nvidia", "investorIn", "Cohere", False)]),
    ("Cohere's earlier backers include Nvidia, Oracle and Salesforce Ventures.",
     [("Oracle", "investorIn", "Cohere", False)]),
    ("Perplexity, a search startup with big ambitions, has raised $73.6 million in a round led by IVP.",
     [("IVP", "investorIn", "Perplexity", False)]),
    ("Runway, the video startup, raised $141 million from Google and Nvidia.", [("Google", "investorIn", "Runway", False)]),
    # "Microsoft, its largest investor" (en.investor.noun-poss, possessive word)
    ("OpenAI is changing its relationship with Microsoft, its largest investor.",
     [("Microsoft", "investorIn", "OpenAI", False)]),
    ("Anthropic will work more closely with Amazon, its biggest backer.", [("Amazon", "investorIn", "Anthropic", False)]),
    # rivals with other adjectives (en.competitor.poss), longer adverbials (en.competitor.verb-adverb)
    ("Samsung makes memory chips, a business in which its domestic rival SK Hynix leads.",
     [("Samsung", "competitorOf", "SK Hynix", False)]),
    ("Baidu's local rival Alibaba released a model.", [("Baidu", "competitorOf", "Alibaba", False)]),
    ("IBM now competes for corporate AI budgets with Microsoft.", [("IBM", "competitorOf", "Microsoft", False)]),
    ("Google is racing against Meta to build AI.", [("Google", "competitorOf", "Meta", False)]),
    # the second group of rivals (en.competitor.verb-second)
    ("IBM competes with Microsoft, OpenAI's biggest backer, as well as with Google and Amazon.",
     [("IBM", "competitorOf", "Google", False), ("IBM", "competitorOf", "Amazon", False)]),
    ("Mistral AI competes with OpenAI, the market leader, and with Anthropic.",
     [("Mistral AI", "competitorOf", "Anthropic", False)]),
    # a relative clause, then "and is now X's rival/investor" (en.*.which-and-is)
    ("Google, which has spent years building its own models, such as LaMDA, and is now OpenAI's main rival, reacted.",
     [("Google", "competitorOf", "OpenAI", False)]),
    ("Nvidia, which sells chips to every lab, and is now one of xAI's largest investors, reacted.",
     [("Nvidia", "investorIn", "xAI", False)]),
    # "X's deal for Y" (en.acquired.poss-deal-for), "X of France" (en.based.of-place)
    ("Google's $32 billion deal for Wiz closed in March.", [("Google", "acquired", "Wiz", False)]),
    ("Salesforce's agreement to buy Slack was approved.", [("Salesforce", "acquired", "Slack", False)]),
    ("Mistral AI of France released a model.", [("Mistral AI", "basedIn", "France", False)]),
    ("Samsung Electronics of South Korea reported results.", [("Samsung Electronics", "basedIn", "South Korea", False)]),
    # a second acquisition verb of the same subject (en.acquired.and-verb); "the FPGA maker Altera"
    ("Intel, AMD's long-time rival, which bought the FPGA maker Altera for $16.7 billion in 2015 and acquired "
     "the Israeli AI chip startup Habana Labs in 2019, reacted.",
     [("Intel", "acquired", "Altera", False), ("Intel", "acquired", "Habana Labs", False)]),
    ("Salesforce sells software to banks and bought Slack for $27.7 billion.", [("Salesforce", "acquired", "Slack", False)]),
    # leaving or joining a board in a second verb phrase (en.works.board-and)
    ("Reid Hoffman, who co-founded LinkedIn, later joined Microsoft's board.", [("Reid Hoffman", "worksFor", "Microsoft", False)]),
    ("Elon Musk co-founded OpenAI in 2015 and left OpenAI's board in 2018.", [("Elon Musk", "worksFor", "OpenAI", True)]),
    # copulas with an adverb ({%is}): "is also a co-founder of"
    ("Andy Konwinski is also a co-founder of Databricks.", [("Andy Konwinski", "founderOf", "Databricks", False)]),
    ("Lisa Su is now the chief executive of AMD.", [("Lisa Su", "ceoOf", "AMD", False)]),
    # "the collapsed exchange founded by": an adjective, not a failed deal (negation cue)
    ("FTX, the collapsed cryptocurrency exchange founded by Sam Bankman-Fried, holds a stake.",
     [("Sam Bankman-Fried", "founderOf", "FTX", False)]),
    ("Binance said FTX, a collapsed crypto exchange started by Sam Bankman-Fried, owed it money.",
     [("Sam Bankman-Fried", "founderOf", "FTX", False)]),
    # decimals inside a clause gap ("$16.7 billion")
    ("Microsoft, which paid $7.5 billion for GitHub in 2018 and bought LinkedIn, reported results.",
     [("Microsoft", "acquired", "LinkedIn", False)]),
    # products named with their maker (en.develops.from, en.develops.copula-poss)
    ("Many coders use Claude from Anthropic.", [("Anthropic", "develops", "Claude", False)]),
    ("Developers prefer Llama by Meta for local use.", [("Meta", "develops", "Llama", False)]),
    ("Gemini is Google's most capable model.", [("Google", "develops", "Gemini", False)]),
    ("Claude remains one of Anthropic's main products.", [("Anthropic", "develops", "Claude", False)]),
    # "X-headquartered" (en.based.hyphen*), "has been at the helm of" (lead_verb)
    ("Paris-headquartered Mistral AI raised money.", [("Mistral AI", "basedIn", "Paris", False)]),
    ("Cohere, a Toronto-headquartered company, hired engineers.", [("Cohere", "basedIn", "Toronto", False)]),
    ("Satya Nadella has been at the helm of Microsoft since 2014.", [("Satya Nadella", "ceoOf", "Microsoft", False)]),
    ("Lisa Su has run AMD since 2014.", [("Lisa Su", "ceoOf", "AMD", False)]),
    # "a Meta company" (en.subsidiary.a-org-company), "the founders of X include" (en.founder.of-include)
    ("Instagram, a Meta company, changed its feed.", [("Instagram", "subsidiaryOf", "Meta", False)]),
    ("Waymo, an Alphabet company, expanded to Austin.", [("Waymo", "subsidiaryOf", "Alphabet", False)]),
    ("The founders of Mistral AI include Arthur Mensch.", [("Arthur Mensch", "founderOf", "Mistral AI", False)]),
    ("The co-founders of Anthropic were Dario Amodei and Daniela Amodei.",
     [("Daniela Amodei", "founderOf", "Anthropic", False)]),
    # shares as percentages, partial ownership (en.investor.percent, en.investor.partly-owned)
    ("Microsoft owns roughly 27% of OpenAI.", [("Microsoft", "investorIn", "OpenAI", False)]),
    ("SoftBank holds a 10 percent stake in Mistral AI.", [("SoftBank", "investorIn", "Mistral AI", False)]),
    ("OpenAI is partly owned by Microsoft.", [("Microsoft", "investorIn", "OpenAI", False)]),
    ("Mistral AI, which is partially owned by Nvidia, grew.", [("Nvidia", "investorIn", "Mistral AI", False)]),
    # pairs (en.partner.pair-their, en.competitor.between)
    ("OpenAI and Microsoft renegotiated their partnership.", [("Microsoft", "partnerOf", "OpenAI", False)]),
    ("Google and Samsung extended their alliance.", [("Google", "partnerOf", "Samsung", False)]),
    ("The rivalry between Google and OpenAI is intense.", [("Google", "competitorOf", "OpenAI", False)]),
    ("The race between Nvidia and AMD is heating up.", [("Nvidia", "competitorOf", "AMD", False)]),
    # a description naming the seat as a clause subject (en.based.place-anaphor*)
    ("Nvidia reported record sales. The Santa Clara, California, group also bought a startup.",
     [("Nvidia", "basedIn", "Santa Clara", False), ("Nvidia", "basedIn", "California", False)]),
    ("Databricks is growing. Ali Ghodsi said the San Francisco company wants to list its shares.",
     [("Databricks", "basedIn", "San Francisco", False)]),
    ("Alibaba Group released a model. The Hangzhou-based company also cut prices.",
     [("Alibaba Group", "basedIn", "Hangzhou", False)]),
    # described objects and subjects resolved across sentences (en.investor.verb-described, competitor.verb-described)
    ("Synthesia makes avatars. Nvidia has invested in the startup.", [("Nvidia", "investorIn", "Synthesia", False)]),
    ("Anthropic makes Claude. Google has also put $2 billion into the company.", [("Google", "investorIn", "Anthropic", False)]),
    ("Synthesia makes avatars. The company competes with HeyGen.", [("Synthesia", "competitorOf", "HeyGen", False)]),
    ("Mistral AI released a model. The startup takes on OpenAI and Anthropic.",
     [("Mistral AI", "competitorOf", "OpenAI", False), ("Mistral AI", "competitorOf", "Anthropic", False)]),
    # bare "chief"/"boss" and department heads in appositions (en.ceo.appos-chief, chief-premod, role.appos-poss-chief)
    ("Sam Altman, OpenAI's chief, said the company would grow.", [("Sam Altman", "ceoOf", "OpenAI", False)]),
    ("Nvidia's boss, Jensen Huang, spoke.", [("Jensen Huang", "ceoOf", "Nvidia", False)]),
    ("Jane Doe, Meta's policy head, said the rules were unfair.", [("Jane Doe", "worksFor", "Meta", False)]),
    ("Demis Hassabis, Google's AI chief, won a prize.", [("Demis Hassabis", "worksFor", "Google", False)]),
    # "an investment by", "formed a joint venture" (en.investor.funding-from, en.partner.pair)
    ("Cohere received a $500 million investment by Oracle.", [("Oracle", "investorIn", "Cohere", False)]),
    ("Microsoft and OpenAI formed a joint venture.", [("Microsoft", "partnerOf", "OpenAI", False)]),
    # the seller sold itself / was sold (en.acquired.sold-itself)
    ("Slack sold itself to Salesforce in 2021.", [("Salesforce", "acquired", "Slack", False)]),
    ("Arm was sold to SoftBank in 2016.", [("SoftBank", "acquired", "Arm", False)]),
    # "X's headquarters in Y" (en.based.poss-headquarters-in)
    ("Nvidia's headquarters in Santa Clara are huge.", [("Nvidia", "basedIn", "Santa Clara", False)]),
    ("Apple's main campus in Cupertino is round.", [("Apple", "basedIn", "Cupertino", False)]),
    # a new employer after an apposition naming the old one is current (en.works.join-after-appos)
    ("John Schulman, who previously worked at OpenAI, joined Anthropic.",
     [("John Schulman", "worksFor", "Anthropic", False), ("John Schulman", "worksFor", "OpenAI", True)]),
    ("Jane Doe, a former Google engineer, joined Meta in May.",
     [("Jane Doe", "worksFor", "Meta", False), ("Jane Doe", "worksFor", "Google", True)]),
    # "Based in London, ..." is not a place named "Based" (entities.toml stop words)
    ("Based in Paris, Mistral AI sells models.", [("Mistral AI", "basedIn", "Paris", False)]),
    # joining as chief executive, a new chief executive (en.ceo.joined-as, en.ceo.new-ceo)
    ("Jane Doe joined Synthesia as chief executive in 2020.", [("Jane Doe", "ceoOf", "Synthesia", False)]),
    ("Sam Altman returned to OpenAI as its chief executive.", [("Sam Altman", "ceoOf", "OpenAI", False)]),
    ("Synthesia has a new chief executive, Jane Doe.", [("Jane Doe", "ceoOf", "Synthesia", False)]),
    ("Intel named a new CEO, Lip-Bu Tan, in March.", [("Lip-Bu Tan", "ceoOf", "Intel", False)]),
    # "his startup, X" names the founder (en.founder.his-startup)
    ("Elon Musk said on Friday that his artificial intelligence startup, xAI, had raised money.",
     [("Elon Musk", "founderOf", "xAI", False)]),
    ("Mira Murati left OpenAI last year. Her new venture, Thinking Machines Lab, raised money.",
     [("Mira Murati", "founderOf", "Thinking Machines Lab", False)]),
]

ROUND4_NOTHING = [
    ("Backed by rumours alone, Synthesia is not funded by Accel.", "investorIn"),
    ("Google's planned investment in Anthropic was blocked.", "investorIn"),
    ("Microsoft's potential stake in OpenAI worries regulators.", "investorIn"),
    ("Twitter could name Linda Yaccarino as its new chief executive.", "ceoOf"),
    ("Andy Jassy was not named chief executive of Amazon.", "ceoOf"),
    ("Slack, which was never acquired by Salesforce, grew.", "acquired"),
    ("IBM is in talks to sell Watson Health to Francisco Partners.", "acquired"),
    ("IBM did not sell Watson Health to Francisco Partners.", "acquired"),
    ("Under a proposed deal with Microsoft, Mistral AI would sell its models.", "partnerOf"),
    ("Apple unveiled new phones and may announce a partnership with OpenAI.", "partnerOf"),
    ("Oracle is not a partner of OpenAI.", "partnerOf"),
    ("AMD and Nvidia are not rivals.", "competitorOf"),
    ("Mistral AI is not based in London.", "basedIn"),
    ("Thinking Machines Lab, which Mira Murati may have started, raised money.", "founderOf"),
    ("Nvidia faces no competition from Intel.", "competitorOf"),
    ("Microsoft and OpenAI could work together.", "partnerOf"),
    ("Jane Doe did not move from Google to Anthropic.", "worksFor"),
    ("Nvidia did not invest alongside Microsoft in Mistral AI.", "investorIn"),
    ("Mistral AI might move its headquarters to Paris.", "basedIn"),
    ("Google said it would buy Wiz.", "acquired"),
    ("Microsoft said on Monday that it is not making an investment in OpenAI.", "investorIn"),
    ("Jane Doe is a famous engineer. She never joined Anthropic.", "worksFor"),
    ("Google's proposed deal for Wiz was abandoned.", "acquired"),
    ("Google is not racing against Meta.", "competitorOf"),
    ("Salesforce sells software to banks and did not buy Slack.", "acquired"),
    ("The talks collapsed and Nvidia never bought Arm.", "acquired"),
    ("Microsoft does not own 27% of OpenAI.", "investorIn"),
    ("OpenAI and Microsoft might renegotiate their partnership.", "partnerOf"),
    ("Anthropic is not a rival to OpenAI.", "competitorOf"),
    ("Synthesia makes avatars. Nvidia has not invested in the startup.", "investorIn"),
    ("Synthesia makes avatars. The company could compete with HeyGen.", "competitorOf"),
    ("Arm was not sold to SoftBank.", "acquired"),
    ("Slack could sell itself to Salesforce.", "acquired"),
    ("Jane Doe did not join Synthesia as chief executive.", "ceoOf"),
    ("Intel may name a new CEO, Lip-Bu Tan.", "ceoOf"),
]

ROUND4_NOT_THIS = [
    # "the FPGA maker Altera": the premodifier is not what was bought
    ("Intel bought the FPGA maker Altera in 2015.", ("Intel", "acquired", "FPGA")),
    # an appointment as chief executive is ceoOf, not worksFor
    ("Twitter named Linda Yaccarino as its new chief executive.", ("Linda Yaccarino", "worksFor", "Twitter")),
    # "was named chief executive" is current, not former
    ("Andy Jassy was named chief executive of Amazon.", ("Andy Jassy", "ceoOf", "Amazon", True)),
    # the seller is not the buyer
    ("IBM sold Watson Health to Francisco Partners.", ("IBM", "acquired", "Watson Health")),
    # "worked with someone at X" is not working for X
    ("Vik Bajaj, a chemist who worked with Google co-founder Sergey Brin, spoke.", ("Vik Bajaj", "worksFor", "Google")),
    # "the ChatGPT maker, its rival": a description of another organisation, not its maker
    ("Anthropic released Claude. It presents itself as an alternative to the ChatGPT maker, its most direct competitor.",
     ("Anthropic", "develops", "ChatGPT")),
]
ROUND4_NOT_THIS += [
    # a unit's possessor is not the maker ("Amazon's cloud unit made ...": the unit did)
    ("Amazon's cloud unit released Titan in April.", ("Amazon", "develops", "Titan")),
    # "the University of California": an organisation's own name, not a seat
    ("The engine was developed at the University of California, Berkeley.", ("University of California", "basedIn", "Berkeley")),
    # partly owned is an investment, not a subsidiary
    ("OpenAI is partly owned by Microsoft.", ("OpenAI", "subsidiaryOf", "Microsoft")),
    # a description in object position is not read as a seat (the subject would be taken for it)
    ("DeepMind was small. Google bought the London-based startup in 2014.", ("Google", "basedIn", "London")),
    # the object of a preposition is not the subject of the next verb (en.develops.verb {%nprep})
    ("Amazon sells chips that are cheaper than processors from Nvidia, and released Claude 2 on its cloud.",
     ("Nvidia", "develops", "Claude 2")),
    # "invested in its rival": a possessive description is not the object (en.investor.verb-described)
    ("Anthropic makes Claude. Google has also invested in its rival OpenAI.", ("Google", "investorIn", "Anthropic")),
    # a department head is not the chief executive
    ("Demis Hassabis, Google's AI chief, won a prize.", ("Demis Hassabis", "ceoOf", "Google")),
    # a negated join after an apposition gives nothing
    ("Jane Doe, a former Google engineer, did not join Meta.", ("Jane Doe", "worksFor", "Meta")),
    # a startup the person works at, named as its employer, is not "his startup"
    ("Jane Doe spoke. She works at the startup Synthesia.", ("Jane Doe", "founderOf", "Synthesia")),
]





# --------------------------------------------------------------------------- round 5: the article's company
# Rules with topic_object = true: no company is named next to the title or the list, so the object is the
# most salient organisation of the text (here the subject of the first sentence).
ROUND5 = [
    # en.ceo.topic-bare-title
    ("Synthesia raised $90 million on Tuesday. The money will fund research, said chief executive Victor Riparbelli.",
     [("Victor Riparbelli", "ceoOf", "Synthesia", False)]),
    ("Cohere opened an office in Paris. Staff there will report directly to chief executive Aidan Gomez.",
     [("Aidan Gomez", "ceoOf", "Cohere", False)]),
    # en.founder.topic-bare-title (and the CEO title with it)
    ("Baidu released a new model. It drew a million users, according to co-founder and chief executive Robin Li.",
     [("Robin Li", "founderOf", "Baidu", False), ("Robin Li", "ceoOf", "Baidu", False)]),
    ("Synthesia raised money on Monday. The funds will go to training, said founder and CEO Victor Riparbelli.",
     [("Victor Riparbelli", "founderOf", "Synthesia", False)]),
    # en.ceo.topic-copula
    ("Stability AI cut a fifth of its staff. Prem Akkaraju becomes interim CEO.",
     [("Prem Akkaraju", "ceoOf", "Stability AI", False)]),
    ("Mistral AI opened an office in London. Arthur Mensch is chief executive and Timothée Lacroix leads engineering.",
     [("Arthur Mensch", "ceoOf", "Mistral AI", False)]),
    # en.investor.topic-backers-include
    ("Cohere raised $500 million. Earlier backers include Nvidia, Oracle and Salesforce Ventures.",
     [("Nvidia", "investorIn", "Cohere", False), ("Salesforce Ventures", "investorIn", "Cohere", False)]),
    ("Perplexity raised $73 million. Other investors included Databricks Ventures and Nat Friedman.",
     [("Databricks Ventures", "investorIn", "Perplexity", False), ("Nat Friedman", "investorIn", "Perplexity", False)]),
    # en.investor.topic-among
    ("OpenAI was founded in 2015. Reid Hoffman and Peter Thiel were among the backers.",
     [("Reid Hoffman", "investorIn", "OpenAI", False), ("Peter Thiel", "investorIn", "OpenAI", False)]),
    ("Anthropic raised $4 billion. Google is also among its early investors.",
     [("Google", "investorIn", "Anthropic", False)]),
    # en.investor.topic-investors-among-them
    ("Perplexity raised $73 million on Thursday. Existing investors also put in more money, among them "
     "New Enterprise Associates and Nat Friedman.",
     [("New Enterprise Associates", "investorIn", "Perplexity", False), ("Nat Friedman", "investorIn", "Perplexity", False)]),
    ("Helsing raised money. Other investors also took part, including Accel and General Catalyst.",
     [("Accel", "investorIn", "Helsing", False), ("General Catalyst", "investorIn", "Helsing", False)]),
    # en.ceo.appos-poss-becomes (the apposition names the company)
    ("Google is hiring. Jane Doe, Synthesia's finance chief, was named chief executive on Monday.",
     [("Jane Doe", "ceoOf", "Synthesia", False)]),
    ("Google is hiring. Dominic Perella, Cohere's general counsel, becomes interim chief executive.",
     [("Dominic Perella", "ceoOf", "Cohere", False)]),
    # en.founder.poss-copula-rev
    ("Inflection AI was founded in 2022. The startup's third co-founder is LinkedIn co-founder Reid Hoffman.",
     [("Reid Hoffman", "founderOf", "Inflection AI", False)]),
    ("OpenAI was founded in 2015. OpenAI's other founders were Ilya Sutskever and Greg Brockman.",
     [("Ilya Sutskever", "founderOf", "OpenAI", False), ("Greg Brockman", "founderOf", "OpenAI", False)]),
    # en.ceo.poss-copula-rev
    ("Microsoft makes software. Microsoft's chief executive is Satya Nadella.",
     [("Satya Nadella", "ceoOf", "Microsoft", False)]),
    ("Synthesia raised money. Its new CEO is Jane Doe.", [("Jane Doe", "ceoOf", "Synthesia", False)]),
    # en.based.topic-place-description(-second): a place-modified description as a subject, or after of / at
    ("Snowflake reported strong sales on Wednesday. The Bozeman, Montana-based software group did not give a forecast.",
     [("Snowflake", "basedIn", "Bozeman", False), ("Snowflake", "basedIn", "Montana", False)]),
    ("Mistral AI released a new model. Instead, the Paris startup is selling access through its API.",
     [("Mistral AI", "basedIn", "Paris", False)]),
    ("Cohere released a new model. Few researchers remain at the Toronto company.",
     [("Cohere", "basedIn", "Toronto", False)]),
    # en.ceo.topic-appos-bare
    ("Perplexity raised money. Aravind Srinivas, the chief executive, was previously a researcher.",
     [("Aravind Srinivas", "ceoOf", "Perplexity", False)]),
    ("Cohere opened an office in Paris. Aidan Gomez, the new CEO, said the office would grow.",
     [("Aidan Gomez", "ceoOf", "Cohere", False)]),
    # en.role.board-seat (the board's organisation; "left" makes it former)
    ("Elon Musk, who co-founded OpenAI in 2015 and left its board three years later, has become a critic.",
     [("Elon Musk", "worksFor", "OpenAI", True)]),
    ("Reid Hoffman sits on Microsoft's board.", [("Reid Hoffman", "worksFor", "Microsoft", False)]),
    ("Scale AI was sold. Alexandr Wang, 28, who co-founded Scale AI in 2016 with Lucy Guo, will remain on its board.",
     [("Alexandr Wang", "worksFor", "Scale AI", False)]),
    # en.role.topic-copula
    ("Alibaba named a new chief executive. Eddie Wu took over, while Joseph Tsai became chairman.",
     [("Joseph Tsai", "worksFor", "Alibaba", False)]),
    ("Cohere raised money on Monday. Martin Kon becomes president.", [("Martin Kon", "worksFor", "Cohere", False)]),
    # en.works.left-before-joining (the new employer is current)
    ("John Schulman departed that summer for Anthropic, the lab started by Dario Amodei, before joining Thinking Machines Lab.",
     [("John Schulman", "worksFor", "Thinking Machines Lab", False)]),
    ("Jane Doe quit Google last year, before moving to Mistral AI.", [("Jane Doe", "worksFor", "Mistral AI", False)]),
    # en.develops.topic-it-built
    ("xAI has raised $12 billion, much of it spent on Colossus, a supercomputer it built in Memphis.",
     [("xAI", "develops", "Colossus", False)]),
    ("Nvidia sells chips. Its lead product is Blackwell, the processor that it designed for training.",
     [("Nvidia", "develops", "Blackwell", False)]),
    # en.partner.two-companies-under-which
    ("The two companies also signed a long-term agreement under which Mistral AI will help ASML apply AI models.",
     [("Mistral AI", "partnerOf", "ASML", False)]),
    ("Both companies struck a deal in which Google supplies Samsung with models.", [("Google", "partnerOf", "Samsung", False)]),
    # en.partner.coordinated
    ("Apple on Monday unveiled new features for its iPhone, and announced a partnership with OpenAI.",
     [("Apple", "partnerOf", "OpenAI", False)]),
    ("Samsung released its phones on Wednesday and signed a deal with Google.", [("Samsung", "partnerOf", "Google", False)]),
    # en.develops.ceo-whose-company
    ("OpenAI chief executive Sam Altman, whose company launched ChatGPT in 2022, attended.",
     [("OpenAI", "develops", "ChatGPT", False)]),
    ("Anthropic CEO Dario Amodei, whose startup makes Claude, spoke on Monday.", [("Anthropic", "develops", "Claude", False)]),
    # en.investor.person-and-owns
    ("Jeff Bezos founded Blue Origin in 2000 and owns The Washington Post.",
     [("Jeff Bezos", "investorIn", "The Washington Post", False)]),
    ("Marc Benioff runs Salesforce and also owns Time.", [("Marc Benioff", "investorIn", "Time", False)]),
    # en.competitor.pits-second: the second "and with" object after a "whose" clause naming other companies
    ("The launch puts AWS in more direct competition with Microsoft, whose Azure cloud hosts OpenAI's models, and with "
     "Google, which is building its own Bard chatbot.", [("AWS", "competitorOf", "Google", False)]),
    # en.ceo.of-and-parent
    ("Sundar Pichai, chief executive of Google and its parent company Alphabet, announced the merger.",
     [("Sundar Pichai", "ceoOf", "Alphabet", False)]),
    ("Adam Mosseri, the chief executive of Instagram and of its owner Meta, spoke.", [("Adam Mosseri", "ceoOf", "Meta", False)]),
    # en.develops.topic-place-description (an unresolved "Place, Place-based company" as the subject)
    ("IBM held a conference. At its Think conference in Orlando on Tuesday, the Armonk, New York-based company "
     "unveiled watsonx, a platform.", [("IBM", "develops", "watsonx", False)]),
    ("Meta held a conference. On Monday, the Menlo Park, California-based company released Llama 3, a model.",
     [("Meta", "develops", "Llama 3", False)]),
    # en.partner.topic-appos
    ("Cohere makes models. Oracle, a close partner, uses them in its cloud services.", [("Oracle", "partnerOf", "Cohere", False)]),
    ("Anthropic makes Claude. Amazon, its biggest partner, said the deal would grow.",
     [("Amazon", "partnerOf", "Anthropic", False)]),
    # "taking on" is a competition verb
    ("Nvidia dominates the market for AI chips. Intel is also taking on Nvidia with Gaudi 3.",
     [("Intel", "competitorOf", "Nvidia", False)]),
]

ROUND5_NOTHING = [
    ("Mistral AI raised money. Arthur Mensch is not chief executive.", "ceoOf"),
    ("Cohere raised money. Nvidia could be among the backers.", "investorIn"),
    ("Cohere raised money. Earlier backers may include Nvidia and Oracle.", "investorIn"),
    ("Helsing raised money. Other investors did not take part, including Accel.", "investorIn"),
    ("Synthesia raised money. Its chief executive is not Jane Doe.", "ceoOf"),
    ("Google is hiring. Jane Doe, Synthesia's finance chief, could become chief executive.", "ceoOf"),
    ("Alibaba named a new chief executive. Joseph Tsai could become chairman.", "worksFor"),
    ("Cohere raised money. Martin Kon did not remain on the company's board.", "worksFor"),
    ("The two companies have not signed an agreement under which Mistral AI would help ASML.", "partnerOf"),
    ("Jane Doe founded Synthesia and did not buy Cohere.", "investorIn"),
    ("Samsung released its phones on Wednesday and could sign a deal with Google.", "partnerOf"),
]

ROUND5_NOT_THIS = [
    # a sentence that opens on a named organisation: the bare title is that organisation's, not the topic's
    ("Apple unveiled new features. At Meta, Alexandr Wang will report to chief executive Mark Zuckerberg.",
     ("Mark Zuckerberg", "ceoOf", "Apple")),
    # a former chief executive is not the current one (the bare-title rule skips "former")
    ("Synthesia raised money. The deal was announced by former chief executive Jane Doe.",
     ("Jane Doe", "ceoOf", "Synthesia", False)),
    # a named company's backers are that company's, not the topic's
    ("Cohere raised money. OpenAI's backers include Microsoft and Thrive Capital.", ("Microsoft", "investorIn", "Cohere")),
    # a place-modified description in apposition, after a participle or as an object is not the topic's seat
    ("Apple released a phone. Qualcomm, the San Diego chipmaker, said it was working with Apple.",
     ("Apple", "basedIn", "San Diego")),
    ("Google hired its founders. Founded in 2021, the Menlo Park startup lets users chat with characters.",
     ("Google", "basedIn", "Menlo Park")),
    ("Microsoft invested in OpenAI. Microsoft gave the Palo Alto startup $650 million.",
     ("Microsoft", "basedIn", "Palo Alto")),
    # a sentence opening on a named organisation: the bare title in apposition is that organisation's
    ("Synthesia raised money. At Meta, Jane Doe, the chief executive, said nothing.", ("Jane Doe", "ceoOf", "Synthesia")),
    # a partner of a named company is that company's partner, not the topic's
    ("Cohere makes models. Oracle, a partner of Nvidia, uses them.", ("Oracle", "partnerOf", "Cohere")),
]


# --------------------------------------------------------------------------- round 6
# constructions frequent in business news (whose-titles, chairs, payments, second objects, own products)
ROUND6 = [
    # en.ceo.whose
    ("Cohere, whose chief executive Aidan Gomez co-wrote the transformer paper, raised money.",
     [("Aidan Gomez", "ceoOf", "Cohere", False)]),
    ("Investors cheered Nvidia, whose CEO Jensen Huang spoke in Taipei on Monday.", [("Jensen Huang", "ceoOf", "Nvidia", False)]),
    # en.role.whose
    ("Meta, whose chief AI scientist Yann LeCun criticised the paper, declined to comment.",
     [("Yann LeCun", "worksFor", "Meta", False)]),
    ("The deal pleased Anthropic, whose president Daniela Amodei had pushed for it.",
     [("Daniela Amodei", "worksFor", "Anthropic", False)]),
    # en.role.chaired-by (a chair works for the company; not its chief executive)
    ("SoftBank is chaired by Masayoshi Son, who also founded it.", [("Masayoshi Son", "worksFor", "SoftBank", False)]),
    ("Mubadala, which is chaired by Mansour bin Zayed, invested in the fund.",
     [("Mansour bin Zayed", "worksFor", "Mubadala", False)]),
    # en.ceo.and-run-by-title
    ("Helsing is owned by its founders, chaired by Tom Enders and run by chief executive Gundbert Scherf.",
     [("Gundbert Scherf", "ceoOf", "Helsing", False)]),
    ("Synthesia is backed by Accel and led by CEO Victor Riparbelli.", [("Victor Riparbelli", "ceoOf", "Synthesia", False)]),
    # en.competitor.faces-rival
    ("In phones, Samsung faces rival Apple in every market.", [("Samsung", "competitorOf", "Apple", False)]),
    ("AMD said it would keep investing in data centres, where it faces its main rival Nvidia.",
     [("AMD", "competitorOf", "Nvidia", False)]),
    # en.acquired.paid-for
    ("Microsoft paid $26 billion for LinkedIn in 2016.", [("Microsoft", "acquired", "LinkedIn", False)]),
    ("Databricks expanded quickly, paying about $1.3 billion in 2023 for MosaicML.", [("Databricks", "acquired", "MosaicML", False)]),
    # en.investor.in-which-described
    ("Claude is made by Anthropic, the San Francisco startup in which Amazon has invested $8 billion.",
     [("Amazon", "investorIn", "Anthropic", False)]),
    ("Users like Mistral AI, the Paris company in which Nvidia holds a stake.", [("Nvidia", "investorIn", "Mistral AI", False)]),
    # en.investor.raised-round-led-by (the object is the company that raised, not the round's referent)
    ("Helsing, a Munich defence startup, has raised €450 million in a round led by the venture firm General Catalyst.",
     [("General Catalyst", "investorIn", "Helsing", False)]),
    ("Synthesia said it had raised $180 million in a Series D round led by Accel.", [("Accel", "investorIn", "Synthesia", False)]),
    # en.acquired.which-obj
    ("Analysts praised Slack, a messaging company, which Salesforce bought in 2021.",
     [("Salesforce", "acquired", "Slack", False)]),
    ("The team came from Mellanox, which Nvidia acquired for $6.9 billion.", [("Nvidia", "acquired", "Mellanox", False)]),
    # en.competitor.faces-second
    ("Slack faces competition from Microsoft, which bundles Teams with Office, and from Google.",
     [("Slack", "competitorOf", "Google", False)]),
    ("Intel now faces competition from AMD, its oldest rival, and also from Qualcomm in laptops.",
     [("Intel", "competitorOf", "Qualcomm", False)]),
    # en.develops.which-its-own
    ("The deal puts pressure on Apple, which is developing its own Apple Intelligence features.",
     [("Apple", "develops", "Apple Intelligence", False)]),
    ("Buyers also turn to Amazon, which now makes its own Trainium chips.", [("Amazon", "develops", "Trainium", False)]),
    # en.investor.appos-that-backs
    ("The company was started with help from Thrive Capital, a venture firm that also backs OpenAI.",
     [("Thrive Capital", "investorIn", "OpenAI", False)]),
    ("Tiger Global, the New York fund that has backed Databricks, cut its valuations.",
     [("Tiger Global", "investorIn", "Databricks", False)]),
    # en.founder.verb-with with a gerund ("before co-founding X with Y")
    ("He worked at Google before co-founding Neeva in 2019 with Vivek Raghunathan.",
     [("Vivek Raghunathan", "founderOf", "Neeva", False)]),
    ("Mensch left DeepMind, co-founding Mistral AI with Guillaume Lample.", [("Guillaume Lample", "founderOf", "Mistral AI", False)]),
    # en.based.resolved-place-description (the description resolved to the organisation the gazetteer bases there)
    ("Samsung sells phones. It competes with Apple, and the Cupertino company has not said when its AI will arrive.",
     [("Apple", "basedIn", "Cupertino", False)]),
    ("Cohere makes models. Oracle will sell them, and the Toronto startup will get access to chips.",
     [("Cohere", "basedIn", "Toronto", False)]),
    # en.develops.appos keeps a resolved pronoun ("its latest model") and a named possessor
    ("xAI raised money. Grok 3, its latest model, was released in February.", [("xAI", "develops", "Grok 3", False)]),
    ("Users can pick Claude, Anthropic's chatbot, in the app.", [("Anthropic", "develops", "Claude", False)]),
    ("Scale AI sells data. Meta bought a 49% stake in the San Francisco-based startup.",
     [("Scale AI", "basedIn", "San Francisco", False)]),
    ("Nvidia sells chips. For most of its history the Santa Clara, California, group sold graphics cards.",
     [("Nvidia", "basedIn", "California", False)]),
    # en.based.resolved-place-description-said
    ("Intel will buy Habana Labs for about $2 billion, the US chipmaker said on Monday.", [("Intel", "basedIn", "US", False)]),
    ("Mistral AI raised money. It will hire 100 engineers this year, the Paris startup said.", [("Mistral AI", "basedIn", "Paris", False)]),
    # en.ceo.at-front-bare-title
    ("Apple makes phones. At Meta, Alexandr Wang will report to chief executive Mark Zuckerberg.",
     [("Mark Zuckerberg", "ceoOf", "Meta", False)]),
    ("At Nvidia, chief executive Jensen Huang opened the conference.", [("Jensen Huang", "ceoOf", "Nvidia", False)]),
    # en.based.resolved-demonym-description
    ("Samsung unveiled phones. The South Korean company said it had struck a deal with Google Cloud.",
     [("Samsung", "basedIn", "South Korea", False)]),
    ("Microsoft invested in G42. The Emirati group will use Azure.", [("G42", "basedIn", "United Arab Emirates", False)]),
    # en.ceo.succeeded(-poss) after ", who"
    ("The figures came from Thomas Dohmke, who succeeded Nat Friedman as GitHub's chief executive.",
     [("Thomas Dohmke", "ceoOf", "GitHub", False)]),
    ("The memo was sent by Andy Jassy, who replaced Jeff Bezos as chief executive of Amazon in 2021.",
     [("Andy Jassy", "ceoOf", "Amazon", False)]),
    # en.develops.poss with one word before the product noun
    ("Inflection AI raised money. Its consumer chatbot, Pi, has six million users.", [("Inflection AI", "develops", "Pi", False)]),
    ("Anthropic's coding assistant, Claude Code, is popular.", [("Anthropic", "develops", "Claude Code", False)]),
    # en.acquired.sold-it-to
    ("Kevin Systrom built Instagram and sold it to Facebook in 2012.", [("Facebook", "acquired", "Instagram", False)]),
    ("Stewart Butterfield co-founded Flickr before selling it to Yahoo.", [("Yahoo", "acquired", "Flickr", False)]),
]

ROUND6_NOTHING = [
    ("Cohere, whose chief executive is not Jane Doe, raised money.", "ceoOf"),
    ("Microsoft did not pay $26 billion for LinkedIn.", "acquired"),
    ("Microsoft could pay $26 billion for LinkedIn.", "acquired"),
    ("Analysts expected Slack, a messaging company, which Salesforce might buy.", "acquired"),
    ("Users like Mistral AI, the Paris company in which Nvidia may invest.", "investorIn"),
    ("Samsung does not face rival Apple in that market.", "competitorOf"),
    ("Synthesia is backed by Accel and could be led by CEO Jane Doe.", "ceoOf"),
    ("Thrive Capital, a venture firm that reportedly backs OpenAI, declined to comment.", "investorIn"),
    ("At Nvidia, former chief executive Jane Doe opened the conference.", "ceoOf"),
    ("The figures came from Thomas Dohmke, who did not succeed Nat Friedman as GitHub's chief executive.", "ceoOf"),
    ("Kevin Systrom built Instagram and could sell it to Facebook.", "acquired"),
]

ROUND6_NOT_THIS = [
    # a chair is not a chief executive
    ("G42 is chaired by Tahnoon bin Zayed, the national security adviser.", ("Tahnoon bin Zayed", "ceoOf", "G42")),
    # the agent of a passive does not take the next verb ("a startup co-founded by A, in 2016, and took over B")
    ("Intel bought Nervana, a startup co-founded by Naveen Rao, in 2016, and took over Mobileye a year later.",
     ("Naveen Rao", "ceoOf", "Mobileye")),
    # the object of a purchase verb is not the subject of the next one
    ("Intel bought Nervana, a startup co-founded by Naveen Rao, in 2016, and took over Mobileye a year later.",
     ("Nervana", "acquired", "Mobileye")),
    # products named after a possessive are not subsidiaries ("G42's Condor Galaxy supercomputers")
    ("Cerebras built G42's Condor Galaxy supercomputers.", ("Condor Galaxy", "subsidiaryOf", "G42")),
    # a payment for a stake is an investment, not a purchase
    ("SoftBank paid $2 billion for a stake in OpenAI.", ("SoftBank", "acquired", "OpenAI")),
    # "which X bought a stake in" is no acquisition
    ("Analysts praised Arm, which SoftBank bought a stake in.", ("SoftBank", "acquired", "Arm")),
    # a described organisation in apposition is the named one, not the resolved topic
    ("Apple sells phones. Samsung, the Suwon company, competes with it, and the Cupertino firm said nothing.",
     ("Apple", "basedIn", "Suwon")),
    # a description used as a possessor ("the search giant's") is not resolved into the maker of the product
    ("Samsung sells phones. The company will use Gemini, the search giant's newest family of models.",
     ("Samsung", "develops", "Gemini")),
    ("Windsurf sells an editor. Its staff will work on Gemini, the lab's family of AI models.", ("Windsurf", "develops", "Gemini")),
    ("Samsung sells phones. Sony, the Japanese group, makes cameras.", ("Samsung", "basedIn", "Japan")),
]


# --------------------------------------------------------------------------- the tables above, run
# ROUNDn tables hold the constructions added in each round of rules (each with two phrasings or more).
CONSTRUCTIONS = ROUND2 + ROUND3 + ROUND4 + ROUND5 + ROUND6
GIVE_NOTHING = ROUND2_NOTHING + ROUND3_NOTHING + ROUND4_NOTHING + ROUND5_NOTHING + ROUND6_NOTHING
WRONG_READINGS = ROUND2_NOT_THIS + ROUND3_NOT_THIS + ROUND4_NOT_THIS + ROUND5_NOT_THIS + ROUND6_NOT_THIS


@pytest.mark.parametrize("text,expected", CONSTRUCTIONS)
def test_constructions(en_nlp, text, expected):
    _check(en_nlp, text, expected)


@pytest.mark.parametrize("text,predicate", GIVE_NOTHING)
def test_more_denied_and_speculative_give_nothing(en_nlp, text, predicate):
    got = _triples(text)
    assert not [t for t in got if t[1] == predicate], f"{text} gave {sorted(got)}"


@pytest.mark.parametrize("text,triple", WRONG_READINGS)
def test_more_wrong_readings_are_not_produced(en_nlp, text, triple):
    got = {(s, p, o) for s, p, o, _ in _triples(text)} | set(_triples(text))
    assert triple not in got, f"{text} gave {sorted(got)}"
