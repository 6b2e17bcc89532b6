"""Records to quads: one :class:`~graph_builder.types.ArticleExtraction` → the quads of one article.

Follows docs/ARCHITECTURE.md "The RDF model":

* default graph (knowledge layer, shared by all articles): each entity's ``rdf:type``,
  ``rdfs:label`` and ``skos:altLabel`` (language-tagged), ``owl:sameAs`` Wikidata; the direct
  triple ``:s gb:p :o``; the ``gb:Fact`` node with ``rdf:subject/predicate/object``
  (``gb:supportCount`` and ``gb:former`` on facts are derived later by ``GraphStore.refresh``);
* the article's named graph (provenance, unique to the article): the ``schema:NewsArticle``
  node with its metadata, ``gb:contentHash`` and ``gb:extractedAt``; ``schema:mentions`` of
  each entity named in the text (not implicit ones); one ``gb:Evidence`` per fact and sentence;
  each ``gb:FundingRound`` the article tells (``gb:raisedBy``, amount, currency, type, date, lead
  and other investors), with one ``gb:Evidence`` (``gb:statesRound``) per sentence that told it.

>>> from datetime import datetime, timezone
>>> from graph_builder.types import Article, ArticleExtraction, Entity, Relation
>>> ex = ArticleExtraction(
...     article=Article(id="fr-1", text="Arthur Mensch dirige Mistral AI.", lang="fr"),
...     entities=(Entity("Arthur Mensch", "Person"), Entity("Mistral AI", "Organization")),
...     relations=(Relation("Arthur Mensch", "ceoOf", "Mistral AI", "Arthur Mensch dirige Mistral AI.",
...                         0, 32, 0.9, "fr.ceo.dirige"),))
>>> quads = extraction_to_quads(ex, extracted_at=datetime(2024, 1, 1, tzinfo=timezone.utc))
>>> sum(1 for q in quads if q.predicate.value == str(GB.ceoOf))
1
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timezone
from decimal import Decimal
from functools import lru_cache

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad
from rdflib import URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from graph_builder.rdf.iri import (
    article_graph_iri,
    article_iri,
    canonical_triple,
    entity_iri,
    evidence_iri,
    fact_iri,
    round_iri,
    normalize_wikidata,
    wikidata_iri,
)
from graph_builder.rdf.ns import GB
from graph_builder.types import PREDICATE_SIGNATURES, ArticleExtraction, Entity, Relation, normalize_text

__all__ = ["ENTITY_CLASSES", "extraction_to_quads", "resolve_entity"]

log = logging.getLogger(__name__)

#: entity type name → ontology class
ENTITY_CLASSES = {"Person": GB.Person, "Organization": GB.Organization, "Product": GB.Product, "Place": GB.Place}

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PARTIAL_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
#: an ISO date's length -> its XSD type (a round is dated as precisely as the article says)
_DATE_TYPES = {4: str(XSD.gYear), 7: str(XSD.gYearMonth), 10: str(XSD.date)}
_DEFAULT = DefaultGraph()


@lru_cache(maxsize=4096)
def _nn(iri: str) -> NamedNode:
    return NamedNode(iri)


@lru_cache(maxsize=64)
def _lang_tag(lang: str | None) -> str | None:
    if not lang:
        return None
    try:
        Literal("x", language=lang.lower())
    except ValueError:
        return None
    return lang.lower()


def _text(value: str, lang: str | None = None) -> Literal:
    return Literal(value, language=lang) if lang else Literal(value)


def _typed(value: object, datatype: str) -> Literal:
    return Literal(str(value), datatype=_nn(datatype))


def _bool(value: bool) -> Literal:
    return _typed("true" if value else "false", str(XSD.boolean))


def _datetime(value: datetime) -> Literal:
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return _typed(value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z"), str(XSD.dateTime))


def resolve_entity(ex: ArticleExtraction, name: str) -> Entity | None:
    """The entity of ``ex`` named or aliased ``name`` (exactly, else after normalisation)."""
    e = ex.entity(name)
    if e is not None:
        return e
    key = normalize_text(name)
    for cand in ex.entities:
        if any(normalize_text(f) == key for f in cand.forms):
            return cand
    return None


def _resolve_or_infer(ex: ArticleExtraction, name: str, rel: Relation, role: int) -> Entity | None:
    e = resolve_entity(ex, name)
    if e is not None:
        return e
    allowed = PREDICATE_SIGNATURES[rel.predicate][role]
    if len(allowed) == 1:  # the predicate tells the type: keep the fact, as an unmentioned entity
        (etype,) = tuple(allowed)
        return Entity(name=name, type=etype, implicit=True)  # type: ignore[arg-type]
    log.warning("%s: relation %s %s %s names %r, which is not one of the article's entities; skipped",
                ex.article.id, rel.subject, rel.predicate, rel.object, name)
    return None


def extraction_to_quads(ex: ArticleExtraction, *, extracted_at: datetime | None = None,
                        base: str | None = None) -> list[Quad]:
    """All quads of one article: knowledge layer (default graph) + provenance (its named graph).

    ``extracted_at`` defaults to now (UTC). The result has no duplicates.
    """
    a = ex.article
    lang = _lang_tag(a.lang)
    g = _nn(str(article_graph_iri(a.id, base)))
    art = _nn(str(article_iri(a.id, base)))
    out: dict[Quad, None] = {}  # ordered set

    def add(s: NamedNode, p: str, o: NamedNode | Literal, graph: NamedNode | DefaultGraph = _DEFAULT) -> None:
        out[Quad(s, _nn(p), o, graph)] = None

    # -- the article node (named graph)
    add(art, str(RDF.type), _nn(str(SDO.NewsArticle)), g)
    add(art, str(SDO.identifier), Literal(a.id), g)
    add(art, str(GB.contentHash), Literal(a.content_hash), g)
    add(art, str(GB.extractedAt), _datetime(extracted_at or datetime.now(timezone.utc)), g)
    if a.lang:
        add(art, str(SDO.inLanguage), Literal(a.lang), g)
    if a.title:
        add(art, str(SDO.headline), _text(a.title, lang), g)
    if a.url:
        add(art, str(SDO.url), _typed(a.url, str(XSD.anyURI)), g)
    if a.published:
        dt = str(XSD.date) if _DATE.match(a.published) else str(XSD.string)
        add(art, str(SDO.datePublished), _typed(a.published, dt), g)
    if a.author:
        add(art, str(SDO.author), Literal(a.author), g)
    if a.site_name:
        add(art, str(SDO.publisher), Literal(a.site_name), g)
    if a.source:
        add(art, str(DCTERMS.source), Literal(a.source), g)
    if ex.model:
        add(art, str(GB.extractionModel), Literal(ex.model), g)
    if a.is_summary:
        add(art, str(GB.isSummary), _bool(True), g)
    add(art, str(SDO.wordCount), _typed(a.words, str(XSD.integer)), g)

    # -- entities (default graph) and mentions (named graph)
    iris: dict[int, NamedNode] = {}

    def entity_node(e: Entity) -> NamedNode:
        key = id(e)
        if key in iris:
            return iris[key]
        node = _nn(str(entity_iri(e.name, e.type, e.wikidata, base)))
        iris[key] = node
        add(node, str(RDF.type), _nn(str(ENTITY_CLASSES[e.type])))
        add(node, str(RDFS.label), _text(e.name, lang))
        for alias in e.aliases:
            if alias != e.name:
                add(node, str(SKOS.altLabel), _text(alias, lang))
        q = normalize_wikidata(e.wikidata)
        if q:
            add(node, str(OWL.sameAs), _nn(str(wikidata_iri(q))))
        if not e.implicit:
            add(art, str(SDO.mentions), node, g)
        return node

    for e in ex.entities:
        entity_node(e)

    # -- facts (default graph) and evidence (named graph); one evidence per article+fact+sentence
    evidence: dict[str, tuple[Relation, bool, NamedNode]] = {}
    for r in ex.relations:
        se = _resolve_or_infer(ex, r.subject, r, 0)
        oe = _resolve_or_infer(ex, r.object, r, 1)
        if se is None or oe is None:
            continue
        s_node, o_node = entity_node(se), entity_node(oe)
        if s_node == o_node:
            log.warning("%s: relation %s %s %s links an entity to itself; skipped", a.id, r.subject, r.predicate,
                        r.object)
            continue
        s, p, o = canonical_triple(s_node.value, r.predicate, o_node.value)  # type: ignore[arg-type]
        f_iri = fact_iri(s, p, o, base)
        fact = _nn(str(f_iri))
        add(_nn(str(s)), str(p), _nn(str(o)))
        add(fact, str(RDF.type), _nn(str(GB.Fact)))
        add(fact, str(RDF.subject), _nn(str(s)))
        add(fact, str(RDF.predicate), _nn(str(p)))
        add(fact, str(RDF.object), _nn(str(o)))
        ev_key = str(evidence_iri(a.id, f_iri, r.start, r.end, r.evidence, base))
        prev = evidence.get(ev_key)
        if prev is None:
            evidence[ev_key] = (r, r.former, fact)
        else:  # the same sentence stated the fact twice (two rules): keep the surest, former if both say so
            best = r if r.confidence > prev[0].confidence else prev[0]
            evidence[ev_key] = (best, prev[1] and r.former, fact)

    for ev_key, (r, former, fact) in evidence.items():
        ev = _nn(ev_key)
        add(ev, str(RDF.type), _nn(str(GB.Evidence)), g)
        add(ev, str(GB.supports), fact, g)
        add(ev, str(PROV.wasDerivedFrom), art, g)
        add(ev, str(GB.sentence), _text(r.evidence, lang), g)
        add(ev, str(GB.startOffset), _typed(int(r.start), str(XSD.integer)), g)
        add(ev, str(GB.endOffset), _typed(int(r.end), str(XSD.integer)), g)
        conf = Decimal(str(round(float(r.confidence), 4))).normalize()
        add(ev, str(GB.confidence), _typed(format(conf, "f"), str(XSD.decimal)), g)
        add(ev, str(GB.rule), Literal(r.rule), g)
        add(ev, str(GB.former), _bool(former), g)

    # -- funding rounds (named graph: what this article tells), each with its sentences as evidence
    for k, rnd in enumerate(ex.events):
        company = resolve_entity(ex, rnd.company)
        if company is None:
            log.warning("%s: a funding round names %r, which is not one of the article's entities; skipped",
                        a.id, rnd.company)
            continue
        c_node = entity_node(company)
        node = _nn(str(round_iri(a.id, URIRef(c_node.value), k, base)))
        add(node, str(RDF.type), _nn(str(GB.FundingRound)), g)
        add(node, str(GB.raisedBy), c_node, g)
        add(node, str(PROV.wasDerivedFrom), art, g)
        if rnd.amount is not None:
            amount = Decimal(str(round(float(rnd.amount), 2))).normalize()
            add(node, str(GB.amount), _typed(format(amount, "f"), str(XSD.decimal)), g)
        if rnd.currency:
            add(node, str(GB.currency), Literal(rnd.currency), g)
        if rnd.amount_text:
            add(node, str(GB.amountText), _text(rnd.amount_text, lang), g)
        if rnd.round_type:
            add(node, str(GB.roundType), Literal(rnd.round_type), g)
        if rnd.date and _PARTIAL_DATE.match(rnd.date):
            add(node, str(GB.roundDate), _typed(rnd.date, _DATE_TYPES[len(rnd.date)]), g)
        for role, names in ((GB.leadInvestor, rnd.leads), (GB.roundInvestor, rnd.investors)):
            for name in names:
                e = resolve_entity(ex, name)
                if e is not None and e.type in ("Person", "Organization"):
                    add(node, str(role), entity_node(e), g)
        for span in rnd.evidence:
            ev = _nn(str(evidence_iri(a.id, URIRef(node.value), span.start, span.end, span.text, base)))
            add(ev, str(RDF.type), _nn(str(GB.Evidence)), g)
            add(ev, str(GB.statesRound), node, g)
            add(ev, str(PROV.wasDerivedFrom), art, g)
            add(ev, str(GB.sentence), _text(span.text, lang), g)
            add(ev, str(GB.startOffset), _typed(int(span.start), str(XSD.integer)), g)
            add(ev, str(GB.endOffset), _typed(int(span.end), str(XSD.integer)), g)
            conf = Decimal(str(round(float(rnd.confidence), 4))).normalize()
            add(ev, str(GB.confidence), _typed(format(conf, "f"), str(XSD.decimal)), g)
            add(ev, str(GB.rule), Literal(f"{a.lang or 'xx'}.round"), g)
    return list(out)
