"""Partnerships and rivalries of groups (graph_builder.nlp.groups): sentences written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _pairs(nlp, text: str, predicate: str) -> set[frozenset[str]]:
    doc = nlp(text)
    names = [c.name for c in doc._.gb_clusters]
    return {frozenset((names[r.subject], names[r.object])) for r in doc._.gb_relations if r.predicate == predicate}


@pytest.mark.parametrize(("lang", "text", "predicate", "expected"), [
    ("en", "Nokia, Ericsson and Siemens have teamed up on 6G research.", "partnerOf",
     {frozenset(p) for p in (("Nokia", "Ericsson"), ("Nokia", "Siemens"), ("Ericsson", "Siemens"))}),
    ("en", "The deal was a partnership between OpenAI and Oracle.", "partnerOf", {frozenset(("OpenAI", "Oracle"))}),
    ("en", "The alliances Intel forged with Microsoft, Google and Nvidia paid off.", "partnerOf",
     {frozenset(("Intel", x)) for x in ("Microsoft", "Google", "Nvidia")}),
    ("fr", "Le fonds émirati MGX, Bpifrance et Nvidia s'associent pour bâtir un campus.", "partnerOf",
     {frozenset(p) for p in (("MGX", "Bpifrance"), ("MGX", "Nvidia"), ("Bpifrance", "Nvidia"))}),
    ("fr", "Alibaba, Baidu et ByteDance se disputent le marché chinois des assistants.", "competitorOf",
     {frozenset(p) for p in (("Alibaba", "Baidu"), ("Alibaba", "ByteDance"), ("Baidu", "ByteDance"))}),
    ("fr", "La rivalité entre Nvidia et AMD s'est encore durcie cette année.", "competitorOf",
     {frozenset(("Nvidia", "AMD"))}),
])
def test_groups(request, lang: str, text: str, predicate: str, expected: set) -> None:
    assert expected <= _pairs(request.getfixturevalue(f"nlp_{lang}"), text, predicate)


@pytest.mark.parametrize(("lang", "text", "predicate"), [
    ("en", "Microsoft could team up with Nvidia and AMD next year.", "partnerOf"),
    ("fr", "Nexalis AI et Datavolt AI ont signé un accord de rachat.", "partnerOf"),
    ("fr", "Orange et Bouygues pourraient s'associer dans le cloud.", "partnerOf"),
])
def test_plans_and_purchases_are_no_partnership(request, lang: str, text: str, predicate: str) -> None:
    doc = request.getfixturevalue(f"nlp_{lang}")(text)
    assert not [r for r in doc._.gb_relations if ".group." in r.rule]
