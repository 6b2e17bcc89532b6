"""The rule engine itself (graph_builder.nlp.relations), independent of either language's rules."""

from __future__ import annotations

import json
import re

import pytest

from graph_builder.nlp.pipeline import normalize_for_nlp
from graph_builder.nlp.relations import _requirements, load_rules, typed_stream

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
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_prefilter_never_skips_a_rule_that_matches(lang: str, request, dev_dir) -> None:
    """On every sentence of the dev articles, a rule whose regex matches passes its prefilter."""
    nlp = request.getfixturevalue(f"nlp_{lang}")
    rel = nlp.get_pipe("gb_relations")
    rules = load_rules(lang)
    checked = 0
    for path in sorted(dev_dir.glob(f"{lang}-*.json")):
        doc = nlp(normalize_for_nlp(json.loads(path.read_text(encoding="utf-8"))["text"]))
        ana = rel.anaphora.find(doc)
        for sent in doc.sents:
            text = typed_stream(doc, sent, ana).text
            for rule in rules.rules:
                if rule.regex.search(text):
                    checked += 1
                    words = set(re.findall(r"\w+", text))
                    missing = [need for need in rule.needs
                               if not any((k in text) if k[0] == "⟦" else (k in words) for k in need)]
                    assert not missing, f"{rule.id} matches {text!r} but its prefilter wants {missing}"
    assert checked > 50  # the dev set exercises many rules


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_most_rules_have_a_prefilter(lang: str) -> None:
    rules = load_rules(lang).rules
    with_needs = sum(1 for r in rules if len(r.needs) >= 2)
    assert with_needs >= 0.6 * len(rules)


def test_resolved_references_count_towards_salience(nlp_en) -> None:
    """An entity the text keeps referring to stays salient although its name is not repeated."""
    from graph_builder.nlp.relations import _Salience

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
