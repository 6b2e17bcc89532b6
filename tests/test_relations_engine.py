"""The rule engine itself (graph_builder.nlp.relations), independent of either language's rules."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest

from graph_builder.nlp.pipeline import normalize_for_nlp
from graph_builder.nlp.rules import Prefilter, _requirements, load_rules
from graph_builder.nlp.stream import typed_stream

KEYS = {"ceo": ("ceo", "chief"), "founder": ("co", "cofounder", "founder"), "loose": None}


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        # slots need a placeholder of their type; plain words are needed as written
        ("{s:PER} a fondé {o:ORG}", (("⟦PER:",), ("a",), ("fondé",), ("⟦ORG:", "⟦SVC:"))),
        ("{s:ENT+} invested in {o:ORG}", (("⟦PER:", "⟦ORG:", "⟦SVC:"), ("invested",), ("in",), ("⟦ORG:", "⟦SVC:"))),
        # a word class needs one of its words
        ("{s:PER} {%comma} {@ceo} {%de} {o:ORG}", (("⟦PER:",), ("ceo", "chief"), ("⟦ORG:", "⟦SVC:"))),
        # optional elements, groups and alternatives need nothing
        ("{s:PER} {@ceo}? of {o:ORG}", (("⟦PER:",), ("of",), ("⟦ORG:", "⟦SVC:"))),
        ("{s:PER} (?:{@ceo}|boss) {o:ORG}", (("⟦PER:",), ("⟦ORG:", "⟦SVC:"))),
        ("{s:PER} x|{o:ORG} y", ()),
        ("{s:PER} co-?founded {o:ORG}", (("⟦PER:",), ("⟦ORG:", "⟦SVC:"))),  # regex syntax in the words
        ("{s:PER} led{0,1} {o:ORG}", (("⟦PER:",), ("⟦ORG:", "⟦SVC:"))),
        ("{s:PER} [(] {o:ORG}", (("⟦PER:",), ("⟦ORG:", "⟦SVC:"))),
        # a class with a regex entry cannot be read: no requirement
        ("{s:PER} {@loose} {o:ORG}", (("⟦PER:",), ("⟦ORG:", "⟦SVC:"))),
        ("{o:PLACE}-based {s:ORG}", (("⟦PLACE:",), ("based",), ("⟦ORG:", "⟦SVC:"))),
        # a group of plain words needs one of them; glued or optional groups need nothing
        (r"{s:ORG} (?:announced|signed|entered\s+into)\s+(?:a|an) {o:ORG}",
         (("⟦ORG:", "⟦SVC:"), ("announced", "entered", "signed"), ("a", "an"))),
        (r"{s:ORG} co(?:f|-f)ounded {o:ORG}", (("⟦ORG:", "⟦SVC:"),)),
        (r"{s:ORG} (?:a|an){_2} {o:ORG}", (("⟦ORG:", "⟦SVC:"),)),
        (r"{s:ORG} (?:bought|acquired)? {o:PROD}", (("⟦ORG:", "⟦SVC:"), ("⟦PROD:", "⟦SVC:"))),
        # a word glued to an element may belong to a longer word: "co{%x}" can be "cofounder"
        ("{s:PER} co{%x} {o:ORG}", (("⟦PER:",), ("⟦ORG:", "⟦SVC:"))),
    ],
)
def test_requirements_read_from_the_pattern(pattern: str, expected: tuple) -> None:
    assert _requirements(pattern, KEYS) == expected


@pytest.mark.slow
def dev_streams(nlp, dev_dir, lang: str, articles: int | None = None) -> Iterator[str]:
    """The typed stream of every sentence of the first ``articles`` dev articles of ``lang``."""
    rel = nlp.get_pipe("gb_relations")
    for path in sorted(dev_dir.glob(f"{lang}-*.json"))[:articles]:
        doc = nlp(normalize_for_nlp(json.loads(path.read_text(encoding="utf-8"))["text"]))
        ana = rel.anaphora.find(doc)
        for sent in doc.sents:
            yield typed_stream(doc, sent, ana).text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_prefilter_never_skips_a_rule_that_matches(lang: str, request, dev_dir) -> None:
    """On every sentence of the dev articles, a rule whose regex matches passes its prefilter."""
    rules = load_rules(lang)
    checked = 0
    for text in dev_streams(request.getfixturevalue(f"nlp_{lang}"), dev_dir, lang):
        for rule in rules.rules:
            if rule.regex.search(text):
                checked += 1
                words = set(re.findall(r"\w+", text))
                missing = [need for need in rule.needs
                           if not any((k in text) if k[0] == "⟦" else (k in words) for k in need)]
                assert not missing, f"{rule.id} matches {text!r} but its prefilter wants {missing}"
    assert checked > 50  # the dev set exercises many rules


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_indexed_prefilter_picks_the_rules_whose_needs_are_met_in_order(lang: str, request, dev_dir) -> None:
    """``Prefilter.candidates`` = testing every need of every rule, on every dev sentence."""
    rules = load_rules(lang).rules
    prefilter = Prefilter(rules)
    picked = 0
    for text in dev_streams(request.getfixturevalue(f"nlp_{lang}"), dev_dir, lang, 6):
        words = set(re.findall(r"\w+", text))
        naive = [r for r in rules
                 if all(any((k in text) if k[0] == "⟦" else (k in words) for k in need) for need in r.needs)]
        got = prefilter.candidates(text, words)
        assert got == naive
        picked += len(got)
    assert 0 < picked


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_rules_compiled_without_ignorecase_match_what_they_would_with_it(lang: str, request, dev_dir) -> None:
    """A rule written in lower case runs case-sensitively (faster): the same spans on the dev streams."""
    sensitive = [r for r in load_rules(lang).rules if not r.regex.flags & re.IGNORECASE]
    assert len(sensitive) > len(load_rules(lang).rules) // 2
    folded = [re.compile(r.regex.pattern, re.IGNORECASE) for r in sensitive]
    matched = 0
    for text in dev_streams(request.getfixturevalue(f"nlp_{lang}"), dev_dir, lang, 8):
        for rule, rx in zip(sensitive, folded):
            spans = [m.span() for m in rule.regex.finditer(text)]
            assert spans == [m.span() for m in rx.finditer(text)], rule.id
            matched += bool(spans)
    assert matched > 10


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_most_rules_have_a_prefilter(lang: str) -> None:
    rules = load_rules(lang).rules
    with_needs = sum(1 for r in rules if len(r.needs) >= 2)
    assert with_needs >= 0.6 * len(rules)


def test_resolved_references_count_towards_salience(nlp_en) -> None:
    """An entity the text keeps referring to stays salient although its name is not repeated."""
    from graph_builder.nlp.references import Salience as _Salience

    doc = nlp_en("Nimbus Labs raised $50 million. Intel joined the round. It builds drones. It hires. The company grows.")
    clusters = doc._.gb_clusters
    mentions = sorted((e.start, doc._.gb_ent_cluster[e.start]) for e in doc.ents if e.start in doc._.gb_ent_cluster)
    names = {clusters[c].name: c for _, c in mentions}
    assert {"Nimbus Labs", "Intel"} <= set(names)
    last = len(doc) - 3  # "The company"
    ctx = _Salience(doc, mentions, clusters)
    assert ctx.resolve("Organization", last) == names["Intel"]  # subject of the sentences before
    for i, tok in enumerate(doc):
        if tok.text == "It":
            ctx.add(i, names["Nimbus Labs"], subject=True)  # resolved elsewhere: "It" = Nimbus Labs
    assert ctx.resolve("Organization", last) == names["Nimbus Labs"]


def test_a_possessive_means_the_nearest_person_of_its_sentence(nlp_en) -> None:
    doc = nlp_en("Anna Berg will be replaced by Tom Reyes, who joined the company when it bought his startup, Qubitix.")
    names = {(doc._.gb_clusters[r.subject].name, r.predicate, doc._.gb_clusters[r.object].name)
             for r in doc._.gb_relations}
    assert ("Tom Reyes", "founderOf", "Qubitix") in names
    assert ("Anna Berg", "founderOf", "Qubitix") not in names


def _triples(doc) -> set[tuple[str, str, str]]:
    return {(doc._.gb_clusters[r.subject].name, r.predicate, doc._.gb_clusters[r.object].name)
            for r in doc._.gb_relations}


def _check(request, lang: str, text: str, expected: set, absent: set) -> None:
    """The text yields every expected triple and none of the absent ones (symmetric ones either way)."""
    got = _triples(request.getfixturevalue(f"nlp_{lang}")(normalize_for_nlp(text)))
    got |= {(o, p, s) for s, p, o in got if p in ("partnerOf", "competitorOf")}
    assert expected <= got, f"missing {expected - got}; got {got}"
    assert not (absent & got), f"wrong {absent & got}"


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fr", "Fondée en 2019 par Paul Vidal et sa sœur Inès, Brumeo Labs conçoit des robots.",
         {("Paul Vidal", "founderOf", "Brumeo Labs"), ("Inès", "founderOf", "Brumeo Labs")}),
        ("fr", "Orfeo Systems a été cofondée par Marc Lemaire et son frère Hugo Lemaire.",
         {("Marc Lemaire", "founderOf", "Orfeo Systems"), ("Hugo Lemaire", "founderOf", "Orfeo Systems")}),
        ("en", "Zentrix Labs was founded in 2020 by Maria Costa and her brother Luca Costa.",
         {("Maria Costa", "founderOf", "Zentrix Labs"), ("Luca Costa", "founderOf", "Zentrix Labs")}),
        ("en", "Karl Weber and his wife Anna Weber founded Quellwerk Technologies in Berlin.",
         {("Karl Weber", "founderOf", "Quellwerk Technologies"), ("Anna Weber", "founderOf", "Quellwerk Technologies")}),
    ],
)
def test_a_relative_named_in_a_list_is_one_of_its_items(lang: str, text: str, expected: set, request) -> None:
    """"A et sa sœur B": the kinship phrase does not cut the list, both people get the fact."""
    nlp = request.getfixturevalue(f"nlp_{lang}")
    doc = nlp(normalize_for_nlp(text))
    assert expected <= _triples(doc)
    stream = " ".join(typed_stream(doc, s, nlp.get_pipe("gb_relations").anaphora.find(doc)).text for s in doc.sents)
    assert "sœur" not in stream and "frère" not in stream and "brother" not in stream and "wife" not in stream


@pytest.mark.parametrize(
    ("lang", "text", "expected", "absent"),
    [
        ("fr", "La start-up franco-américaine Brumeo Labs a levé 10 millions d'euros.",
         {("Brumeo Labs", "basedIn", "France"), ("Brumeo Labs", "basedIn", "États-Unis")}, set()),
        ("fr", "Le groupe germano-japonais Orfeo Systems ouvre un laboratoire.",
         {("Orfeo Systems", "basedIn", "Allemagne"), ("Orfeo Systems", "basedIn", "Japon")}, set()),
        ("en", "The Franco-American startup Zentrix Labs raised $10 million.",
         {("Zentrix Labs", "basedIn", "France"), ("Zentrix Labs", "basedIn", "United States")}, set()),
        # a plain demonym still names one place
        ("en", "The French startup Zentrix Labs raised $10 million.",
         {("Zentrix Labs", "basedIn", "France")}, {("Zentrix Labs", "basedIn", "United States")}),
    ],
)
def test_a_compound_demonym_names_each_country(lang: str, text: str, expected: set, absent: set, request) -> None:
    _check(request, lang, text, expected, absent)


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # "Les deux premiers sont d'anciens chercheurs de Google": Google is first named, but the sentence
        # is about the founders; "l'entreprise" in the next sentence is the article's company
        (("La start-up japonaise Brumeo Labs a levé 30 millions d'euros. Installée à Tokyo, la société a été "
             "cofondée en 2023 par Paul Vidal, Marc Lemaire et Inès Duval. Les deux premiers sont d'anciens "
             "chercheurs de Google. Paul Vidal, qui dirige l'entreprise, a aussi travaillé chez Orfeo Systems."),
         {("Paul Vidal", "ceoOf", "Brumeo Labs")}, {("Paul Vidal", "ceoOf", "Google")}),
        # "Le tour a été mené par X": the round of the company the article opened on, even when the
        # sentence before names another organisation first
        (("Brumeo Labs a bouclé un tour de table de 105 millions d'euros. Paul Vidal, PDG de Brumeo Labs, est "
             "un ancien de Google. Ses deux associés viennent de Meta : Marc Lemaire et Inès Duval ont participé à "
             "la conception de Llama, le grand modèle de langage du groupe américain. Meta a salué leur travail. "
             "Le tour a été mené par le fonds Lightspeed Venture Partners."),
         {("Lightspeed Venture Partners", "investorIn", "Brumeo Labs")},
         {("Lightspeed Venture Partners", "investorIn", "Meta")}),
    ],
)
def test_references_mean_the_article_company(text: str, expected: set, absent: set, request) -> None:
    _check(request, "fr", text, expected, absent)


@pytest.mark.parametrize(
    ("lang", "text", "expected", "absent"),
    [
        # each founder of the list has a role in apposition: the list is read without them
        ("fr", "Fondée en 2019 par Paul Vidal, son directeur général, et Inès Duval, sa directrice technique, "
               "la start-up Brumeo Labs emploie 40 personnes.",
         {("Paul Vidal", "founderOf", "Brumeo Labs"), ("Inès Duval", "founderOf", "Brumeo Labs")}, set()),
        ("fr", "Brumeo Labs lève 10 millions d'euros. Fondée en 2019 par Paul Vidal, un ancien chercheur passé par "
               "Orfeo Systems, et Inès Duval, la société emploie 40 personnes.",
         {("Paul Vidal", "founderOf", "Brumeo Labs"), ("Inès Duval", "founderOf", "Brumeo Labs")}, set()),
        ("en", "Zentrix Labs was founded by Maria Costa, a former Google engineer, and Luca Ricci, a physicist, "
               "in 2020.",
         {("Maria Costa", "founderOf", "Zentrix Labs"), ("Luca Ricci", "founderOf", "Zentrix Labs")}, set()),
        # the last person's role runs to the end of the sentence: it is not everyone's
        ("en", "Trump appeared alongside Maria Costa, Zentrix Labs' chief executive, and Luca Ricci, Orfeo "
               "Systems' co-founder and chairman.",
         set(), {("Maria Costa", "founderOf", "Orfeo Systems"), ("Maria Costa", "worksFor", "Orfeo Systems")}),
        # a person's apposition outside a list is left alone
        ("en", "Luca Ricci, the chief technology officer, came from Google, and Maria Costa is a co-founder of "
               "Orfeo Systems.",
         set(), {("Luca Ricci", "founderOf", "Orfeo Systems")}),
    ],
)
def test_a_list_of_people_reads_through_their_appositions(lang: str, text: str, expected: set, absent: set,
                                                          request) -> None:
    _check(request, lang, text, expected, absent)


@pytest.mark.parametrize(
    ("lang", "text", "expected", "absent"),
    [
        # a place named by the referring phrase picks the organisation based there (gazetteer headquarters)
        ("fr", "Chez Google, rival historique de Microsoft, l'heure est à la mobilisation. Microsoft investit dans "
               "OpenAI. Le groupe de Mountain View développe ses propres modèles comme LaMDA.",
         {("Google", "develops", "LaMDA"), ("Google", "basedIn", "Mountain View")},
         {("Microsoft", "develops", "LaMDA"), ("Microsoft", "basedIn", "Mountain View")}),
        ("en", "Microsoft invested in OpenAI. Google responded. Microsoft said more. The Mountain View company "
               "develops Gemini.",
         {("Google", "develops", "Gemini")}, {("Microsoft", "develops", "Gemini")}),
        ("fr", "Nvidia a annoncé un partenariat avec Mistral AI. Nvidia fournira les puces. Le fabricant californien "
               "développe aussi le processeur Grace.",
         {("Nvidia", "develops", "Grace")}, {("Mistral AI", "develops", "Grace")}),
        # "la start-up" is not an established company, nor a fund
        ("fr", "Microsoft a investi dans Brumeo Labs. Microsoft détient 10 % du capital. Microsoft veut "
               "distribuer ses modèles. La start-up développe le modèle Orfeo-2.",
         {("Brumeo Labs", "develops", "Orfeo-2")}, {("Microsoft", "develops", "Orfeo-2")}),
        # "il" is the person the sentence is about, not the company named last
        ("fr", "Paul Vidal, PDG de Brumeo Labs, est un ancien de DeepMind, le laboratoire de Google, où il a "
               "passé trois ans.",
         set(), {("Google", "basedIn", "Google")}),
    ],
)
def test_referring_phrases_use_what_they_say(lang: str, text: str, expected: set, absent: set, request) -> None:
    _check(request, lang, text, expected, absent)


def test_il_means_the_subject_person_of_its_sentence(nlp_fr) -> None:
    doc = nlp_fr(normalize_for_nlp("Paul Vidal, PDG de Brumeo Labs, est un ancien de DeepMind, le laboratoire de "
                                   "Google, où il a passé trois ans."))
    ana = nlp_fr.get_pipe("gb_relations").anaphora.find(doc)
    il = next(t.i for t in doc if t.lower_ == "il")
    assert doc._.gb_clusters[ana[il][1]].name == "Paul Vidal"


def test_an_object_phrase_is_not_its_clause_subject_even_a_resolved_one(nlp_fr) -> None:
    doc = nlp_fr(normalize_for_nlp("Mistral AI a signé un accord avec Microsoft. Dans le cadre de cet accord, le "
                                   "géant de Redmond prend une participation dans la société."))
    ana = nlp_fr.get_pipe("gb_relations").anaphora.find(doc)
    names = {doc[i:end].text: doc._.gb_clusters[c].name for i, (end, c) in ana.items()}
    assert names["le géant"] == "Microsoft"  # "de Redmond": the gazetteer's headquarters
    assert names["la société"] == "Mistral AI"  # object of the clause whose subject is Microsoft



@pytest.mark.parametrize(
    ("lang", "text", "expected", "absent"),
    [
        # a possessive inside a relative clause belongs to the clause's antecedent
        ("en", "Zentrix Labs is the topic. Zentrix Labs competes with Microsoft, and with Google, which is building "
               "its own Bard chatbot.",
         {("Google", "develops", "Bard")}, {("Zentrix Labs", "develops", "Bard"), ("Microsoft", "develops", "Bard")}),
        ("fr", "Brumeo Labs a levé des fonds. Le groupe Orfeo Systems, qui développe ses propres modèles comme "
               "Quill-2, a réagi.",
         {("Orfeo Systems", "develops", "Quill-2")}, {("Brumeo Labs", "develops", "Quill-2")}),
        # a reference that would make an entity its own backer is a wrong reading: nothing from that match
        ("en", "Stargate will build data centres. SoftBank leads it. SoftBank said more. Its first equity backers "
               "are SoftBank, OpenAI, Oracle and MGX.",
         set(), {("OpenAI", "investorIn", "SoftBank"), ("Oracle", "investorIn", "SoftBank")}),
    ],
)
def test_possessives_and_self_reference(lang: str, text: str, expected: set, absent: set, request) -> None:
    _check(request, lang, text, expected, absent)


@pytest.mark.parametrize(
    ("lang", "text", "expected", "absent"),
    [
        # "les deux entreprises", "the two companies": the last two organisations named before
        ("fr", "Sanofi a pris une participation dans Owkin. Owkin devient une licorne. Les deux entreprises ont "
               "signé un partenariat de recherche.", {("Sanofi", "partnerOf", "Owkin")}, set()),
        ("en", "Sanofi took a stake in Owkin. The two companies signed a three-year research partnership.",
         {("Sanofi", "partnerOf", "Owkin")}, set()),
        # after a comma in the sentence naming both, it is reported speech, not a list item
        ("en", "Microsoft is investing $1.5 billion in G42, an artificial intelligence company based in Abu Dhabi, "
               "the two groups said on Tuesday.",
         {("Microsoft", "investorIn", "G42")}, set()),
        # two organisations, not an apposition of one to the other
        ("fr", "Le rachat de Neeva par Snowflake, grand rival de Databricks, a surpris. Les deux groupes tenaient "
               "leurs conférences la même semaine.", set(),
         {("Snowflake", "subsidiaryOf", "Databricks"), ("Databricks", "subsidiaryOf", "Snowflake")}),
    ],
)
def test_a_pair_phrase_means_the_last_two_organisations(lang: str, text: str, expected: set, absent: set,
                                                        request) -> None:
    _check(request, lang, text, expected, absent)


@pytest.mark.parametrize(
    ("lang", "text", "expected", "absent"),
    [
        # "le premier … le second …": the people of the last sentence naming several, in order
        ("fr", "Brumeo Labs a levé des fonds. La société a été fondée par Paul Vidal et Inès Duval. Le premier en "
               "est le directeur général, la seconde la directrice technique.",
         {("Paul Vidal", "ceoOf", "Brumeo Labs")}, {("Inès Duval", "ceoOf", "Brumeo Labs")}),
        # an adjective, not a reference
        ("fr", "Brumeo Labs a été fondée par Paul Vidal et Inès Duval. Le premier modèle de la société est sorti.",
         set(), {("Paul Vidal", "develops", "Brumeo Labs")}),
        # a referring subject after a name and a comma opens the main clause ("…, la société a son siège à …")
        ("fr", "Owkin a levé des fonds. Fondée en 2016 par Paul Vidal, un ancien hématologue, et Inès Duval, "
               "ex-chercheuse à l'École normale supérieure, la société a son siège à New York.",
         {("Owkin", "basedIn", "New York"), ("Paul Vidal", "founderOf", "Owkin"), ("Inès Duval", "founderOf", "Owkin")},
         {("École normale supérieure", "basedIn", "New York"), ("Paul Vidal", "founderOf", "École normale supérieure")}),
    ],
)
def test_ordinals_and_clause_subjects(lang: str, text: str, expected: set, absent: set, request) -> None:
    _check(request, lang, text, expected, absent)


@pytest.mark.parametrize(
    ("lang", "text", "expected", "absent"),
    [
        # "the ChatGPT maker", "le créateur de ChatGPT": the product's maker in the gazetteer, named in the article
        ("fr", "Ilya Sutskever a cofondé OpenAI. Microsoft a investi dans le créateur de ChatGPT.",
         {("Microsoft", "investorIn", "OpenAI"), ("OpenAI", "develops", "ChatGPT")}, set()),
        ("en", "OpenAI hired engineers. Microsoft then partnered with the ChatGPT maker.",
         {("Microsoft", "partnerOf", "OpenAI"), ("OpenAI", "develops", "ChatGPT")}, set()),
        # a maker the article never names is not guessed
        ("en", "Microsoft then partnered with the ChatGPT maker.", set(), {("Microsoft", "partnerOf", "OpenAI")}),
    ],
)
def test_a_product_makers_phrase_means_its_maker(lang: str, text: str, expected: set, absent: set, request) -> None:
    _check(request, lang, text, expected, absent)
