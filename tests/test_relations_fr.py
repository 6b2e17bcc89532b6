"""French relation rules (data/lexicons/fr/relations.toml) on sentences written for these tests.

Each case is a short text and the facts of one predicate it states, as
(subject, predicate, object, former). The test asserts that the extraction gives exactly those
facts for that predicate: a missing fact is a recall failure, an extra one a precision failure.
Denied and speculative statements must give nothing.

Run: ``.venv/bin/python -m pytest tests/test_relations_fr.py -m slow``
"""

from __future__ import annotations

import pytest

from graph_builder.extract import extract_article
from graph_builder.nlp.relations import load_rules
from graph_builder.types import SYMMETRIC_PREDICATES, Article

pytestmark = pytest.mark.slow

Fact = tuple[str, str, str, bool]


@pytest.fixture(scope="session")
def facts_of(nlp_fr):
    """Extract one French text and return its facts as a set of (subject, predicate, object, former).

    Depends on ``nlp_fr`` so the pipeline is loaded once per session (extract uses the same cache).
    """
    cache: dict[str, set[Fact]] = {}

    def run(text: str) -> set[Fact]:
        if text not in cache:
            ex = extract_article(Article(id="t", text=text, lang="fr"))
            out = set()
            for r in ex.relations:
                s, o = r.subject, r.object
                if r.predicate in SYMMETRIC_PREDICATES and o < s:
                    s, o = o, s
                out.add((s, r.predicate, o, r.former))
            cache[text] = out
        return cache[text]

    return run


def _norm(facts: set[Fact] | list[Fact]) -> set[Fact]:
    out = set()
    for s, p, o, f in facts:
        if p in SYMMETRIC_PREDICATES and o < s:
            s, o = o, s
        out.add((s, p, o, f))
    return out


def _check(facts_of, text: str, predicate: str, expected: list[Fact]) -> None:
    got = {f for f in facts_of(text) if f[1] == predicate}
    assert got == _norm(expected), f"{text!r}\n got      {sorted(got)}\n expected {sorted(_norm(expected))}"


# ----------------------------------------------------------------------------------------- tables
F, T = False, True

FOUNDER = [
    ("Sophie Martin et Paul Durand ont cofondé à Lyon la société Nexalis en 2019.",
     [("Sophie Martin", "founderOf", "Nexalis", F), ("Paul Durand", "founderOf", "Nexalis", F)]),
    ("Créée en 2020 à Nantes par deux ingénieurs, Julie Petit et Marc Leroy, la start-up Quantexa recrute.",
     [("Julie Petit", "founderOf", "Quantexa", F), ("Marc Leroy", "founderOf", "Quantexa", F)]),
    ("Hélène Garnier, cofondatrice et présidente de Datavolt AI, a présenté les résultats.",
     [("Hélène Garnier", "founderOf", "Datavolt AI", F)]),
    ("Le fondateur de Free, Xavier Niel, a annoncé un nouveau projet.",
     [("Xavier Niel", "founderOf", "Free", F)]),
    ("Thomas Girard a quitté Google en 2021 pour fonder Lumora Labs avec Claire Roussel.",
     [("Thomas Girard", "founderOf", "Lumora Labs", F), ("Claire Roussel", "founderOf", "Lumora Labs", F)]),
]

CEO = [
    ("Camille Bernard, directrice générale de Synthetiq AI, a détaillé la feuille de route.",
     [("Camille Bernard", "ceoOf", "Synthetiq AI", F)]),
    ("Le PDG de Capgemini, Aiman Ezzat, a salué l'accord.",
     [("Aiman Ezzat", "ceoOf", "Capgemini", F)]),
    ("Lucas Moreau dirige Orbitale Robotics depuis 2018.",
     [("Lucas Moreau", "ceoOf", "Orbitale Robotics", F)]),
    ("Nadia Benali occupe désormais le poste de directrice générale de Veltis Technologies.",
     [("Nadia Benali", "ceoOf", "Veltis Technologies", F)]),
    ("Pierre Lambert, ancien patron de Renault, conseille désormais la start-up.",
     [("Pierre Lambert", "ceoOf", "Renault", T)]),
]

WORKS = [
    ("Yann LeCun est le directeur scientifique de l'IA de Meta.",
     [("Yann LeCun", "worksFor", "Meta", F)]),
    ("Léa Fontaine, chercheuse chez Google DeepMind, publie un nouvel article.",
     [("Léa Fontaine", "worksFor", "Google DeepMind", F)]),
    ("Antoine Roux a rejoint Anthropic en mars.",
     [("Antoine Roux", "worksFor", "Anthropic", F)]),
    ("Julien Mercier, passé par Apple, pilote désormais la recherche.",
     [("Julien Mercier", "worksFor", "Apple", T)]),
    ("Marie Dubois a longtemps travaillé chez IBM.",
     [("Marie Dubois", "worksFor", "IBM", T)]),
]

INVESTOR = [
    ("La start-up Veltis a levé 40 millions d'euros auprès de Partech et de Eurazeo.",
     [("Partech", "investorIn", "Veltis", F), ("Eurazeo", "investorIn", "Veltis", F)]),
    ("Microsoft investit 2 milliards de dollars dans Mistral AI.",
     [("Microsoft", "investorIn", "Mistral AI", F)]),
    ("Google, Amazon et Nvidia figurent parmi les actionnaires de Hugging Face.",
     [("Google", "investorIn", "Hugging Face", F), ("Amazon", "investorIn", "Hugging Face", F),
      ("Nvidia", "investorIn", "Hugging Face", F)]),
    ("Anthropic est également soutenue par Google.",
     [("Google", "investorIn", "Anthropic", F)]),
    ("Nvidia a annoncé un nouvel investissement de 500 millions de dollars dans Cohere.",
     [("Nvidia", "investorIn", "Cohere", F)]),
    ("Sequoia Capital a participé à la levée de fonds de Mistral AI.",
     [("Sequoia Capital", "investorIn", "Mistral AI", F)]),
    ("Microsoft, qui a déjà investi 13 milliards de dollars dans OpenAI, renforce ses équipes.",
     [("Microsoft", "investorIn", "OpenAI", F)]),
]

ACQUIRED = [
    ("Salesforce a racheté Slack pour 27 milliards de dollars.",
     [("Salesforce", "acquired", "Slack", F)]),
    ("Nervana Systems a été rachetée par Intel en 2016.",
     [("Intel", "acquired", "Nervana Systems", F)]),
    ("Le rachat de Pollen Robotics par Hugging Face a été finalisé lundi.",
     [("Hugging Face", "acquired", "Pollen Robotics", F)]),
]

SUBSIDIARY = [
    ("Google DeepMind, une filiale d'Alphabet, a présenté un modèle.",
     [("Google DeepMind", "subsidiaryOf", "Alphabet", F)]),
    ("Scaleway, la filiale cloud du groupe Iliad, ouvre un centre de données.",
     [("Scaleway", "subsidiaryOf", "Iliad", F)]),
    ("Instagram appartient à Meta depuis 2012.",
     [("Instagram", "subsidiaryOf", "Meta", F)]),
]

PARTNER = [
    ("Mistral AI s'est associée à Nvidia pour construire un centre de calcul.",
     [("Mistral AI", "partnerOf", "Nvidia", F)]),
    ("Orange et Capgemini ont signé un partenariat dans le cloud.",
     [("Capgemini", "partnerOf", "Orange", F)]),
    ("Un partenariat entre Thales et Dassault Systèmes a été annoncé mardi.",
     [("Dassault Systèmes", "partnerOf", "Thales", F)]),
    ("En partenariat avec ServiceNow, Hugging Face a publié un nouveau modèle.",
     [("Hugging Face", "partnerOf", "ServiceNow", F)]),
]

COMPETITOR = [
    ("Mistral AI, concurrent d'OpenAI, lève des fonds.",
     [("Mistral AI", "competitorOf", "OpenAI", F)]),
    ("Anthropic rivalise avec OpenAI et Google.",
     [("Anthropic", "competitorOf", "OpenAI", F), ("Anthropic", "competitorOf", "Google", F)]),
    ("Aleph Alpha et son rival parisien Mistral AI se disputent les contrats publics.",
     [("Aleph Alpha", "competitorOf", "Mistral AI", F)]),
    ("Cohere se positionne comme une concurrente d'OpenAI auprès des entreprises.",
     [("Cohere", "competitorOf", "OpenAI", F)]),
]

DEVELOPS = [
    ("OpenAI développe ChatGPT depuis 2022.",
     [("OpenAI", "develops", "ChatGPT", F)]),
    ("Claude, l'assistant conversationnel d'Anthropic, gagne des utilisateurs.",
     [("Anthropic", "develops", "Claude", F)]),
    ("Gemini a été conçu par Google DeepMind.",
     [("Google DeepMind", "develops", "Gemini", F)]),
]

BASED = [
    ("La start-up française Mistral AI lève des fonds.",
     [("Mistral AI", "basedIn", "France", F)]),
    ("Hugging Face, basée à New York, ouvre un bureau.",
     [("Hugging Face", "basedIn", "New York", F)]),
    ("OpenAI a été fondée en 2015 à San Francisco.",
     [("OpenAI", "basedIn", "San Francisco", F)]),
    ("Cohere dispose de bureaux à Toronto, à Londres et à New York.",
     [("Cohere", "basedIn", "Toronto", F), ("Cohere", "basedIn", "Londres", F),
      ("Cohere", "basedIn", "New York", F)]),
]

# Round 2: general constructions, each with two phrasings written for these tests (not from articles).
ROUND2 = [
    # clitic "en" (= the organisation named before) + copula + role
    ("Orbitale Robotics recrute. Lucas Moreau en est le directeur général depuis 2020.",
     [("Lucas Moreau", "ceoOf", "Orbitale Robotics", F)]),
    ("Veltis Technologies grandit vite. Nadia Benali en devient la patronne en janvier.",
     [("Nadia Benali", "ceoOf", "Veltis Technologies", F)]),
    ("Nexalis AI a été créée à Lyon. Sophie Martin en est la cofondatrice.",
     [("Sophie Martin", "founderOf", "Nexalis AI", F)]),
    ("Quantexa Labs recrute. Marc Leroy en est aussi l'un des cofondateurs.",
     [("Marc Leroy", "founderOf", "Quantexa Labs", F)]),
    ("Datavolt AI ouvre un bureau. Paul Durand en est le directeur technique.",
     [("Paul Durand", "worksFor", "Datavolt AI", F)]),
    ("Synthetiq AI accélère. Léa Fontaine en devient la directrice financière.",
     [("Léa Fontaine", "worksFor", "Synthetiq AI", F)]),
    # possessive + role + apposed name ("Son directeur général, X, …")
    ("Orbitale Robotics lève des fonds. Son directeur général, Lucas Moreau, vise l'Europe.",
     [("Lucas Moreau", "ceoOf", "Orbitale Robotics", F)]),
    ("Veltis Technologies change de cap. Sa patronne, Nadia Benali, quitte ses fonctions demain.",
     [("Nadia Benali", "ceoOf", "Veltis Technologies", F)]),
    ("Quantexa Labs se renforce. Son directeur scientifique, Marc Leroy, publie un article.",
     [("Marc Leroy", "worksFor", "Quantexa Labs", F)]),
    ("Nexalis AI recrute. Sa directrice technique, Claire Roussel, détaille la feuille de route.",
     [("Claire Roussel", "worksFor", "Nexalis AI", F)]),
    # the round stands for the company that raises ("Le tour de table est mené par …")
    ("Nexalis AI a levé 30 millions d'euros. Le tour de table a été mené par Partech.",
     [("Partech", "investorIn", "Nexalis AI", F)]),
    ("Quantexa Labs annonce une levée de fonds. L'opération est emmenée par Eurazeo et Accel.",
     [("Eurazeo", "investorIn", "Quantexa Labs", F), ("Accel", "investorIn", "Quantexa Labs", F)]),
    # … with the participation of / which … took part in
    ("Veltis Technologies a levé 40 millions d'euros lors d'un tour mené par Partech, auquel ont participé Eurazeo et Bpifrance.",
     [("Partech", "investorIn", "Veltis Technologies", F), ("Eurazeo", "investorIn", "Veltis Technologies", F),
      ("Bpifrance", "investorIn", "Veltis Technologies", F)]),
    ("Lumora Labs a bouclé un financement de 12 millions d'euros avec la participation de Kima Ventures et de Bpifrance.",
     [("Kima Ventures", "investorIn", "Lumora Labs", F), ("Bpifrance", "investorIn", "Lumora Labs", F)]),
    # among its investors (preposed list)
    ("Parmi les investisseurs de Nexalis AI figurent Partech et Eurazeo.",
     [("Partech", "investorIn", "Nexalis AI", F), ("Eurazeo", "investorIn", "Nexalis AI", F)]),
    ("Parmi les actionnaires de Quantexa Labs se trouvent Accel et Bpifrance.",
     [("Accel", "investorIn", "Quantexa Labs", F), ("Bpifrance", "investorIn", "Quantexa Labs", F)]),
    # founders counted among ("X compte parmi ses cofondateurs A")
    ("Lancée l'an dernier, Nexalis AI compte parmi ses cofondateurs Julie Petit et Marc Leroy.",
     [("Julie Petit", "founderOf", "Nexalis AI", F), ("Marc Leroy", "founderOf", "Nexalis AI", F)]),
    ("Quantexa Labs comptait parmi ses fondateurs Sophie Martin.",
     [("Sophie Martin", "founderOf", "Quantexa Labs", F)]),
    # plural copula with a former role
    ("Julie Petit et Marc Leroy sont d'anciens chercheurs de Google.",
     [("Julie Petit", "worksFor", "Google", T), ("Marc Leroy", "worksFor", "Google", T)]),
    ("Sophie Martin, Paul Durand et Léa Fontaine sont des ingénieurs de Meta.",
     [("Sophie Martin", "worksFor", "Meta", F), ("Paul Durand", "worksFor", "Meta", F),
      ("Léa Fontaine", "worksFor", "Meta", F)]),
    # a described person and where they come from
    ("Nadia Benali, une ingénieure passée par Apple, dirige l'équipe produit.",
     [("Nadia Benali", "worksFor", "Apple", T)]),
    ("La start-up recrute Thomas Girard, un chercheur français issu de Meta.",
     [("Thomas Girard", "worksFor", "Meta", T)]),
    # product in apposition with a participle and its maker ("X, un modèle publié mardi par Y")
    ("Nexa-2, un modèle de langage publié mardi par Nexalis AI, rivalise avec les meilleurs.",
     [("Nexalis AI", "develops", "Nexa-2", F)]),
    ("Les utilisateurs adoptent Orbis-3, un assistant développé depuis deux ans par Quantexa Labs.",
     [("Quantexa Labs", "develops", "Orbis-3", F)]),
    # maker described by a product noun ("concepteur des puces Gaudi")
    ("Intel avait racheté Habana Labs, concepteur des puces Gaudi.",
     [("Habana Labs", "develops", "Gaudi", F)]),
    ("Le groupe s'appuie sur Quantexa Labs, éditeur du logiciel Orbis.",
     [("Quantexa Labs", "develops", "Orbis", F)]),
    # an organisation named by "le groupe de <place>" followed by a verb
    ("Apple tient sa conférence. Le groupe de Cupertino a présenté lundi Apple Intelligence.",
     [("Apple", "develops", "Apple Intelligence", F)]),
    ("Microsoft publie ses résultats. Le géant de Redmond a dévoilé mardi Copilot.",
     [("Microsoft", "develops", "Copilot", F)]),
    # going back to an employer
    ("Marie Dubois retourne chez IBM après deux ans chez Google.",
     [("Marie Dubois", "worksFor", "IBM", F), ("Marie Dubois", "worksFor", "Google", T)]),
    ("Julien Mercier est revenu chez Apple en mars.",
     [("Julien Mercier", "worksFor", "Apple", F)]),
]

# Round 3: general constructions, two phrasings each (written for these tests, not from articles).
ROUND3 = [
    # another title coordinated before the chief-executive one
    ("Pour Lucas Moreau, président et directeur général de Orbitale Robotics, le marché mûrit.",
     [("Lucas Moreau", "ceoOf", "Orbitale Robotics", F)]),
    ("Nadia Benali, présidente et PDG de Veltis Technologies, a signé l'accord.",
     [("Nadia Benali", "ceoOf", "Veltis Technologies", F)]),
    # one title over a list of companies
    ("Julien Mercier, également patron de Nexalis AI et de Quantexa Labs, a pris la parole.",
     [("Julien Mercier", "ceoOf", "Nexalis AI", F), ("Julien Mercier", "ceoOf", "Quantexa Labs", F)]),
    ("Sophie Martin, PDG de Datavolt AI et de Lumora Labs, a présenté ses vœux.",
     [("Sophie Martin", "ceoOf", "Datavolt AI", F), ("Sophie Martin", "ceoOf", "Lumora Labs", F)]),
    # investors added by comparison to an investment clause ("tout comme", "de même que")
    ("Partech a investi 10 millions d'euros dans Nexalis AI, tout comme Eurazeo et Bpifrance.",
     [("Partech", "investorIn", "Nexalis AI", F), ("Eurazeo", "investorIn", "Nexalis AI", F),
      ("Bpifrance", "investorIn", "Nexalis AI", F)]),
    ("Accel a misé sur Quantexa Labs l'an dernier, de même que Kima Ventures.",
     [("Accel", "investorIn", "Quantexa Labs", F), ("Kima Ventures", "investorIn", "Quantexa Labs", F)]),
    # the round led by someone after commas in the raising sentence
    ("Lumora Labs a levé 5 millions d'euros en mars, puis 20 millions en octobre lors d'un tour mené par Partech.",
     [("Partech", "investorIn", "Lumora Labs", F)]),
    ("Veltis Technologies a bouclé, en mai, une levée de fonds emmenée par Eurazeo.",
     [("Eurazeo", "investorIn", "Veltis Technologies", F)]),
    # the second of two coordinated titles, each with its company
    ("Paul Durand, patron de Datavolt AI et fondateur de Lumora Labs, a pris la parole.",
     [("Paul Durand", "founderOf", "Lumora Labs", F)]),
    ("Léa Fontaine, directrice de Quantexa Labs et cofondatrice de Nexalis AI, a signé.",
     [("Léa Fontaine", "founderOf", "Nexalis AI", F)]),
    ("Marc Leroy, fondateur de Nexalis AI et patron de Quantexa Labs, a pris la parole.",
     [("Marc Leroy", "ceoOf", "Quantexa Labs", F)]),
    ("Claire Roussel, cofondatrice de Lumora Labs et PDG de Veltis Technologies, a signé.",
     [("Claire Roussel", "ceoOf", "Veltis Technologies", F)]),
    ("Julie Petit, fondatrice de Lumora Labs et directrice scientifique de Quantexa Labs, publie un article.",
     [("Julie Petit", "worksFor", "Quantexa Labs", F)]),
    ("Thomas Girard, chercheur de Datavolt AI devenu directeur technique de Nexalis AI, recrute.",
     [("Thomas Girard", "worksFor", "Datavolt AI", F), ("Thomas Girard", "worksFor", "Nexalis AI", F)]),
    # a founder title without its company shares the one of the title before
    ("Nadia Benali, présidente de Veltis Technologies et elle aussi cofondatrice, a démissionné.",
     [("Nadia Benali", "founderOf", "Veltis Technologies", F)]),
    ("Lucas Moreau, directeur technique de Orbitale Robotics et cofondateur, s'exprime.",
     [("Lucas Moreau", "founderOf", "Orbitale Robotics", F)]),
    # an organisation in apposition with a founding participle
    ("Nexalis AI, une start-up lancée par Datavolt AI, recrute.",
     [("Datavolt AI", "founderOf", "Nexalis AI", F)]),
    ("Quantexa Labs, le laboratoire fondé en 2018 par Marc Leroy, publie un modèle.",
     [("Marc Leroy", "founderOf", "Quantexa Labs", F)]),
    # fronted founding participle with a count noun or appositions among the founders
    ("Créée à Lyon par deux chercheurs, Julie Petit et Marc Leroy, Nexalis AI recrute.",
     [("Julie Petit", "founderOf", "Nexalis AI", F), ("Marc Leroy", "founderOf", "Nexalis AI", F)]),
    ("Fondée en 2019 par Lucas Moreau, un ancien d'Apple, et Léa Fontaine, Orbitale Robotics développe des robots.",
     [("Lucas Moreau", "founderOf", "Orbitale Robotics", F), ("Léa Fontaine", "founderOf", "Orbitale Robotics", F)]),
    ("Lumora Labs a été cofondée en 2021 par Thomas Girard, son directeur général, et Claire Roussel.",
     [("Thomas Girard", "founderOf", "Lumora Labs", F), ("Claire Roussel", "founderOf", "Lumora Labs", F)]),
    ("Datavolt AI (Lyon) a été fondée par Sophie Martin, une ancienne de Google, et Paul Durand.",
     [("Sophie Martin", "founderOf", "Datavolt AI", F), ("Paul Durand", "founderOf", "Datavolt AI", F)]),
    # a fronted description with a demonym
    ("Champion français du secteur, Nexalis AI a levé 50 millions d'euros.",
     [("Nexalis AI", "basedIn", "France", F)]),
    ("Pépite lyonnaise de l'IA, Quantexa Labs recrute des ingénieurs.",
     [("Quantexa Labs", "basedIn", "Lyon", F)]),
    # an adverb between the comma and the title
    ("Marc Leroy, également cofondateur de Datavolt AI, a investi dans la robotique.",
     [("Marc Leroy", "founderOf", "Datavolt AI", F)]),
    ("Claire Roussel, elle-même directrice technique de Nexalis AI, a pris la parole.",
     [("Claire Roussel", "worksFor", "Nexalis AI", F)]),
    # a second acquisition coordinated with the first
    ("Datavolt AI s'était offert en 2019 Lumora Labs, puis avait racheté en 2021 Quantexa Labs.",
     [("Datavolt AI", "acquired", "Lumora Labs", F), ("Datavolt AI", "acquired", "Quantexa Labs", F)]),
    ("Veltis Technologies rachète Orbitale Robotics et acquiert Nexalis AI.",
     [("Veltis Technologies", "acquired", "Orbitale Robotics", F), ("Veltis Technologies", "acquired", "Nexalis AI", F)]),
    # a product's maker: "à l'origine de", "le X de Y"
    ("Quantexa Labs, le laboratoire lyonnais à l'origine d'Orbis-3, recrute.",
     [("Quantexa Labs", "develops", "Orbis-3", F)]),
    ("Nexalis AI, la start-up à l'origine de Nexa-2, lève des fonds.",
     [("Nexalis AI", "develops", "Nexa-2", F)]),
    ("Les développeurs adoptent le Copilot de Microsoft.",
     [("Microsoft", "develops", "Copilot", F)]),
    ("La sortie du Gemini de Google est prévue en mai.",
     [("Google", "develops", "Gemini", F)]),
    # a person described by where they come from, between commas (nearest person only)
    ("Le prix a été remis à Julie Petit et Marc Leroy, de Quantexa Labs, pour leurs travaux.",
     [("Marc Leroy", "worksFor", "Quantexa Labs", F)]),
    ("Selon Claire Roussel, de Nexalis AI, le marché mûrit.",
     [("Claire Roussel", "worksFor", "Nexalis AI", F)]),
    # a subject set off by commas before a joining verb
    ("Son ancien directeur technique, Thomas Girard, rejoint Nexalis AI.",
     [("Thomas Girard", "worksFor", "Nexalis AI", F)]),
    ("La directrice technique, Julie Petit, a rejoint Datavolt AI en mars.",
     [("Julie Petit", "worksFor", "Datavolt AI", F)]),
    ("Leur ancienne chercheuse, Nadia Benali, rejoint Lumora Labs.",
     [("Nadia Benali", "worksFor", "Lumora Labs", F)]),
    # rivals counted after a possessive
    ("L'opération renforce Nexalis AI face à ses deux grands rivaux, Quantexa Labs et Lumora Labs.",
     [("Lumora Labs", "competitorOf", "Nexalis AI", F), ("Nexalis AI", "competitorOf", "Quantexa Labs", F)]),
    ("Datavolt AI emboîte ainsi le pas à son rival Veltis Technologies.",
     [("Datavolt AI", "competitorOf", "Veltis Technologies", F)]),
    # widened trigger classes (other tenses, elided "d'", synonyms)
    ("Léa Fontaine est à la tête d'Orbitale Robotics depuis 2021.",
     [("Léa Fontaine", "ceoOf", "Orbitale Robotics", F)]),
    ("Marc Leroy a pris les rênes d'Orbitale Robotics en janvier.",
     [("Marc Leroy", "ceoOf", "Orbitale Robotics", F)]),
    ("Datavolt AI a scellé un partenariat avec Quantexa Labs.",
     [("Datavolt AI", "partnerOf", "Quantexa Labs", F)]),
    ("Nexalis AI a signé un contrat avec Veltis Technologies pour trois ans.",
     [("Nexalis AI", "partnerOf", "Veltis Technologies", F)]),
    ("Lumora Labs fait de l'ombre à Quantexa Labs sur ce marché.",
     [("Lumora Labs", "competitorOf", "Quantexa Labs", F)]),
    ("Avec ce modèle, Nexalis AI vient défier Datavolt AI.",
     [("Datavolt AI", "competitorOf", "Nexalis AI", F)]),
    ("Quantexa Labs est une division de Datavolt AI.",
     [("Quantexa Labs", "subsidiaryOf", "Datavolt AI", F)]),
    ("Lumora Labs est devenue une filiale de Veltis Technologies en 2022.",
     [("Lumora Labs", "subsidiaryOf", "Veltis Technologies", F)]),
    ("Orbis Studio est une branche d'Orbitale Robotics.",
     [("Orbis Studio", "subsidiaryOf", "Orbitale Robotics", F)]),
    # coordinated verb phrases sharing the sentence's subject
    ("Thomas Girard a quitté Google en 2022, avant de rejoindre Nexalis AI en 2024.",
     [("Thomas Girard", "worksFor", "Google", T), ("Thomas Girard", "worksFor", "Nexalis AI", F)]),
    ("Julie Petit a enseigné à Lyon puis a rejoint Datavolt AI.",
     [("Julie Petit", "worksFor", "Datavolt AI", F)]),
    ("Marc Leroy a enseigné à Lyon pendant dix ans avant de fonder Quantexa Labs.",
     [("Marc Leroy", "founderOf", "Quantexa Labs", F)]),
    ("En 2018, Claire Roussel a quitté l'université et a cofondé Lumora Labs.",
     [("Claire Roussel", "founderOf", "Lumora Labs", F)]),
    ("Nexalis AI a levé 10 millions d'euros et lance Nexa-2.",
     [("Nexalis AI", "develops", "Nexa-2", F)]),
    ("Quantexa Labs recrute cent ingénieurs, puis présente Orbis-3 en juin.",
     [("Quantexa Labs", "develops", "Orbis-3", F)]),
    # "en partenariat avec"
    ("Nexalis AI développe Nexa-2 en partenariat avec Datavolt AI.",
     [("Datavolt AI", "partnerOf", "Nexalis AI", F)]),
    ("En collaboration avec Lumora Labs, Quantexa Labs a publié un nouveau modèle.",
     [("Lumora Labs", "partnerOf", "Quantexa Labs", F)]),
    # where a person comes from
    ("Thomas Girard, en provenance de Datavolt AI, dirigera la recherche.",
     [("Thomas Girard", "worksFor", "Datavolt AI", T)]),
    ("Julie Petit, transfuge de Lumora Labs, arrive en mars.",
     [("Julie Petit", "worksFor", "Lumora Labs", T)]),
    # backed by ("adossé à")
    ("Nexalis AI, adossée à Partech et à Eurazeo, recrute.",
     [("Partech", "investorIn", "Nexalis AI", F), ("Eurazeo", "investorIn", "Nexalis AI", F)]),
    ("Quantexa Labs est adossée au fonds Accel depuis 2020.",
     [("Accel", "investorIn", "Quantexa Labs", F)]),
    # clitic "en" after an apposed subject
    ("Veltis Technologies recrute. Paul Durand, l'autre cofondateur, en devient le président.",
     [("Paul Durand", "worksFor", "Veltis Technologies", F)]),
    ("Orbitale Robotics grandit. Léa Fontaine, une ingénieure de formation, en est la directrice générale.",
     [("Léa Fontaine", "ceoOf", "Orbitale Robotics", F)]),
    # a relative clause on an apposed organisation ("une filiale de Y que X a fondée")
    ("Lumora Labs, une filiale de Datavolt AI que Marc Leroy a fondée en 2020, recrute.",
     [("Marc Leroy", "founderOf", "Lumora Labs", F)]),
    ("Quantexa Labs, une autre start-up de Veltis Technologies qu'Claire Roussel a créée, grandit.",
     [("Claire Roussel", "founderOf", "Quantexa Labs", F)]),
    # an elided "d'" after a trigger that ends in "de"
    ("Datavolt AI a annoncé le rachat d'Orbitale Robotics.",
     [("Datavolt AI", "acquired", "Orbitale Robotics", F)]),
    ("Nexalis AI s'est emparé d'Orbitale Robotics pour 20 millions d'euros.",
     [("Nexalis AI", "acquired", "Orbitale Robotics", F)]),
    ("Partech avait injecté 5 millions d'euros dans Nexalis AI.",
     [("Partech", "investorIn", "Nexalis AI", F)]),
    ("Eurazeo a pris des parts dans Quantexa Labs l'an dernier.",
     [("Eurazeo", "investorIn", "Quantexa Labs", F)]),
]

# Round 4: general constructions for unseen text, two phrasings each (written for these tests, not from articles).
ROUND4 = [
    # "dont X est actionnaire"
    ("Nexalis AI, dont Partech est actionnaire, recrute.", [("Partech", "investorIn", "Nexalis AI", F)]),
    ("Quantexa Labs, dont Eurazeo et Accel sont les principaux actionnaires, recrute.",
     [("Eurazeo", "investorIn", "Quantexa Labs", F), ("Accel", "investorIn", "Quantexa Labs", F)]),
    # support received from investors
    ("Quantexa Labs a reçu le soutien d'Eurazeo et de Bpifrance.",
     [("Eurazeo", "investorIn", "Quantexa Labs", F), ("Bpifrance", "investorIn", "Quantexa Labs", F)]),
    ("Nexalis AI bénéficie du soutien financier de Partech.", [("Partech", "investorIn", "Nexalis AI", F)]),
    # money brought to a company
    ("Accel a apporté 5 millions d'euros à Nexalis AI.", [("Accel", "investorIn", "Nexalis AI", F)]),
    ("Partech et Eurazeo ont apporté 12 millions à Quantexa Labs.",
     [("Partech", "investorIn", "Quantexa Labs", F), ("Eurazeo", "investorIn", "Quantexa Labs", F)]),
    # the round of a company, led by
    ("Le tour de table de Quantexa Labs, mené par Partech, atteint 30 millions d'euros.",
     [("Partech", "investorIn", "Quantexa Labs", F)]),
    ("La levée de fonds de Nexalis AI, emmenée par Accel et Eurazeo, est bouclée.",
     [("Accel", "investorIn", "Nexalis AI", F), ("Eurazeo", "investorIn", "Nexalis AI", F)]),
    # a company counts investors among its shareholders / in its capital
    ("Nexalis AI compte Partech et Eurazeo parmi ses actionnaires.",
     [("Partech", "investorIn", "Nexalis AI", F), ("Eurazeo", "investorIn", "Nexalis AI", F)]),
    ("Quantexa Labs, qui compte Eurazeo à son capital, recrute.", [("Eurazeo", "investorIn", "Quantexa Labs", F)]),
    # fronted "backed by"
    ("Soutenue par Accel, Datavolt AI recrute cinquante ingénieurs.", [("Accel", "investorIn", "Datavolt AI", F)]),
    ("Financée notamment par Partech et Eurazeo, la start-up Nexalis AI vise l'Europe.",
     [("Partech", "investorIn", "Nexalis AI", F), ("Eurazeo", "investorIn", "Nexalis AI", F)]),
    # a relative clause of joining
    ("Marc Leroy, qui a rejoint Quantexa Labs en 2020, dirige l'équipe produit.",
     [("Marc Leroy", "worksFor", "Quantexa Labs", F)]),
    ("Julie Petit, qui travaille chez Nexalis AI depuis 2019, présente le modèle.",
     [("Julie Petit", "worksFor", "Nexalis AI", F)]),
    # hired / arrived, in apposition
    ("Claire Roussel, recrutée par Lumora Labs l'an dernier, pilote la recherche.",
     [("Claire Roussel", "worksFor", "Lumora Labs", F)]),
    ("Paul Durand, arrivé chez Veltis Technologies en 2022, supervise la sécurité.",
     [("Paul Durand", "worksFor", "Veltis Technologies", F)]),
    # an apposed past employer, then a join
    ("Nadia Benali, ex-Google, a rejoint Nexalis AI.",
     [("Nadia Benali", "worksFor", "Google", T), ("Nadia Benali", "worksFor", "Nexalis AI", F)]),
    ("Thomas Girard, ancien de Meta, rejoint Lumora Labs.",
     [("Thomas Girard", "worksFor", "Meta", T), ("Thomas Girard", "worksFor", "Lumora Labs", F)]),
    # succession at the head of a company
    ("Paul Durand succède à Sophie Martin à la tête de Datavolt AI.",
     [("Paul Durand", "ceoOf", "Datavolt AI", F), ("Sophie Martin", "ceoOf", "Datavolt AI", T)]),
    ("Léa Fontaine remplace Marc Leroy aux commandes de Quantexa Labs.",
     [("Léa Fontaine", "ceoOf", "Quantexa Labs", F), ("Marc Leroy", "ceoOf", "Quantexa Labs", T)]),
    # at the head of, in apposition
    ("Lucas Moreau, aux commandes d'Orbitale Robotics depuis 2019, recrute.",
     [("Lucas Moreau", "ceoOf", "Orbitale Robotics", F)]),
    ("Selon Léa Fontaine, à la tête de Datavolt AI, le marché mûrit.",
     [("Léa Fontaine", "ceoOf", "Datavolt AI", F)]),
    # named chief executive / named to a role, in apposition
    ("Nadia Benali, nommée PDG de Veltis Technologies en mars, a parlé.",
     [("Nadia Benali", "ceoOf", "Veltis Technologies", F)]),
    ("Marc Leroy, devenu directeur général de Quantexa Labs, recrute.",
     [("Marc Leroy", "ceoOf", "Quantexa Labs", F)]),
    ("Julie Petit, nommée directrice technique de Nexalis AI, recrute.",
     [("Julie Petit", "worksFor", "Nexalis AI", F)]),
    ("Paul Durand, promu directeur financier de Datavolt AI, présente les comptes.",
     [("Paul Durand", "worksFor", "Datavolt AI", F)]),
    # roles at a company ("chercheur chez", "au sein de")
    ("Thomas Girard, chercheur chez Datavolt AI, a présenté ses travaux.",
     [("Thomas Girard", "worksFor", "Datavolt AI", F)]),
    ("Julie Petit, ingénieure au sein de Nexalis AI, a pris la parole.",
     [("Julie Petit", "worksFor", "Nexalis AI", F)]),
    # a product made by "the teams of" a company; a product noun before the name
    ("Les clients adoptent Orbis-3, conçu par les équipes de Quantexa Labs.",
     [("Quantexa Labs", "develops", "Orbis-3", F)]),
    ("Les banques testent Nexa-2, un modèle entraîné par les chercheurs de Nexalis AI.",
     [("Nexalis AI", "develops", "Nexa-2", F)]),
    ("Le modèle Orbis-3 de Quantexa Labs rivalise avec les meilleurs.",
     [("Quantexa Labs", "develops", "Orbis-3", F)]),
    ("Quantexa Labs dévoile l'assistant Volta.", [("Quantexa Labs", "develops", "Volta", F)]),
    # the apposed seat, and the seat of
    ("Datavolt AI, implantée à Toulouse, ouvre un bureau à Berlin.",
     [("Datavolt AI", "basedIn", "Toulouse", F), ("Datavolt AI", "basedIn", "Berlin", F)]),
    ("Quantexa Labs, basée à Nantes, recrute à Paris.", [("Quantexa Labs", "basedIn", "Nantes", F)]),
    ("Le siège de Nexalis AI se trouve à Marseille.", [("Nexalis AI", "basedIn", "Marseille", F)]),
    ("Le siège social de Quantexa Labs est installé à Nantes.", [("Quantexa Labs", "basedIn", "Nantes", F)]),
    # copula + organisation noun + demonym
    ("Quantexa Labs est une start-up nantaise.", [("Quantexa Labs", "basedIn", "Nantes", F)]),
    ("Datavolt AI reste une jeune pousse toulousaine.", [("Datavolt AI", "basedIn", "Toulouse", F)]),
    # joining forces, strengthening an alliance
    ("Veltis Technologies et Orbitale Robotics unissent leurs forces.",
     [("Orbitale Robotics", "partnerOf", "Veltis Technologies", F)]),
    ("Nexalis AI et Datavolt AI mettent en commun leurs moyens.", [("Datavolt AI", "partnerOf", "Nexalis AI", F)]),
    ("Datavolt AI renforce son alliance avec Nexalis AI.", [("Datavolt AI", "partnerOf", "Nexalis AI", F)]),
    ("Quantexa Labs prolonge sa collaboration avec Lumora Labs.", [("Lumora Labs", "partnerOf", "Quantexa Labs", F)]),
    # fronted "face à", a pair that fights, a rivalry between
    ("Face à Veltis Technologies, Orbitale Robotics baisse ses prix.",
     [("Orbitale Robotics", "competitorOf", "Veltis Technologies", F)]),
    ("Pour concurrencer Lumora Labs, Quantexa Labs lance un modèle.",
     [("Lumora Labs", "competitorOf", "Quantexa Labs", F)]),
    ("Nexalis AI et Quantexa Labs se livrent une bataille acharnée.",
     [("Nexalis AI", "competitorOf", "Quantexa Labs", F)]),
    ("Datavolt AI et Lumora Labs se disputent le marché bancaire.",
     [("Datavolt AI", "competitorOf", "Lumora Labs", F)]),
    ("La rivalité entre Datavolt AI et Lumora Labs s'intensifie.",
     [("Datavolt AI", "competitorOf", "Lumora Labs", F)]),
    ("La guerre des prix entre Nexalis AI et Quantexa Labs fait rage.",
     [("Nexalis AI", "competitorOf", "Quantexa Labs", F)]),
    # a person at the origin of a company
    ("Sophie Martin est à l'origine de Datavolt AI.", [("Sophie Martin", "founderOf", "Datavolt AI", F)]),
    ("Marc Leroy, à l'origine de la création de Quantexa Labs, a parlé.",
     [("Marc Leroy", "founderOf", "Quantexa Labs", F)]),
    # control passes to a buyer; take control of; purchase
    ("Quantexa Labs passe sous le contrôle de Veltis Technologies.",
     [("Veltis Technologies", "acquired", "Quantexa Labs", F)]),
    ("Orbitale Robotics tombe dans l'escarcelle de Veltis Technologies.",
     [("Veltis Technologies", "acquired", "Orbitale Robotics", F)]),
    ("Datavolt AI a pris le contrôle de Lumora Labs.", [("Datavolt AI", "acquired", "Lumora Labs", F)]),
    ("Datavolt AI a finalisé l'achat de Nexalis AI.", [("Datavolt AI", "acquired", "Nexalis AI", F)]),
    ("L'achat de Lumora Labs par Quantexa Labs a été validé.", [("Quantexa Labs", "acquired", "Lumora Labs", F)]),
    # a former employer list after «un ancien de»; a description, then hired by
    ('Julie Petit, une ancienne de Google et de Meta, rejoint le projet.',
     [('Julie Petit', 'worksFor', 'Google', T), ('Julie Petit', 'worksFor', 'Meta', T)]),
    ("Marc Leroy, un ancien ingénieur de Datavolt AI et d'Orbitale Robotics, a témoigné.",
     [('Marc Leroy', 'worksFor', 'Datavolt AI', T), ('Marc Leroy', 'worksFor', 'Orbitale Robotics', T)]),
    ('Paul Durand, un ingénieur débauché par Datavolt AI, a témoigné.',
     [('Paul Durand', 'worksFor', 'Datavolt AI', F)]),
    ('Meta recrute. Nadia Benali, ancienne patronne de Google recrutée elle aussi par Meta, pilote la division.',
     [('Nadia Benali', 'worksFor', 'Meta', F)]),
    # presented as a rival; the sentence subject facing its rivals
    ('Julien Mercier présente Quantexa Labs comme un rival de Datavolt AI.',
     [('Datavolt AI', 'competitorOf', 'Quantexa Labs', F)]),
    ('Datavolt AI est présentée comme une concurrente de Lumora Labs.',
     [('Datavolt AI', 'competitorOf', 'Lumora Labs', F)]),
    ('Nexalis AI, déjà présente en Allemagne, veut grandir en Europe, face à ses concurrents Quantexa Labs et Lumora Labs.',
     [('Nexalis AI', 'competitorOf', 'Quantexa Labs', F), ('Lumora Labs', 'competitorOf', 'Nexalis AI', F)]),
    ('Datavolt AI accélère en Europe pour résister à ses rivaux Lumora Labs et Veltis Technologies.',
     [('Datavolt AI', 'competitorOf', 'Lumora Labs', F), ('Datavolt AI', 'competitorOf', 'Veltis Technologies', F)]),
    # «son (principal) actionnaire, X»
    ("Nexalis AI recrute. Son actionnaire Partech a approuvé l'opération.",
     [('Partech', 'investorIn', 'Nexalis AI', F)]),
    ('Quantexa Labs grandit. Son principal actionnaire, Eurazeo, a salué les résultats.',
     [('Eurazeo', 'investorIn', 'Quantexa Labs', F)]),
    # a count noun before a list of persons with a copula
    ("Quatre des cofondateurs, Julie Petit, Marc Leroy, Paul Durand et Léa Fontaine, sont d'anciens chercheurs de Google.",
     [('Julie Petit', 'worksFor', 'Google', T), ('Marc Leroy', 'worksFor', 'Google', T), ('Paul Durand', 'worksFor', 'Google', T), ('Léa Fontaine', 'worksFor', 'Google', T)]),
    # «un projet de recherche» is not a project (speculation) cue; «a donné naissance à»
    ('Quantexa Labs, un projet de recherche lancé par Datavolt AI, a donné naissance à Orbis-3, un modèle ouvert.',
     [('Datavolt AI', 'founderOf', 'Quantexa Labs', F)]),
    ('Quantexa Labs, un projet de recherche lancé par Datavolt AI, a donné naissance à Orbis-3, un modèle ouvert.',
     [('Quantexa Labs', 'develops', 'Orbis-3', F)]),
    # «sa filiale X», «la filiale X de Y», «filiale à 100 % de»
    ('Veltis Technologies et sa filiale Orbis Studio recrutent.',
     [('Orbis Studio', 'subsidiaryOf', 'Veltis Technologies', F)]),
    ('La filiale Orbis Studio de Veltis Technologies recrute.',
     [('Orbis Studio', 'subsidiaryOf', 'Veltis Technologies', F)]),
    ('Orbis Studio, filiale à 100 % de Veltis Technologies, recrute.',
     [('Orbis Studio', 'subsidiaryOf', 'Veltis Technologies', F)]),
    ('Nexalis AI est contrôlée par Datavolt AI.',
     [('Nexalis AI', 'subsidiaryOf', 'Datavolt AI', F)]),
    ('Le laboratoire Quantexa Labs de Datavolt AI publie un modèle.',
     [('Quantexa Labs', 'subsidiaryOf', 'Datavolt AI', F)]),
    # presented as a rival (active and passive)
    ("L'analyste décrit Lumora Labs comme le principal concurrent de Nexalis AI.",
     [('Lumora Labs', 'competitorOf', 'Nexalis AI', F)]),
    ('Quantexa Labs, considérée comme un rival de Nexalis AI, recrute.',
     [('Nexalis AI', 'competitorOf', 'Quantexa Labs', F)]),
    # a round announced with any verb, led by / with the participation of
    ("La start-up lyonnaise Nexalis AI annonce ce mardi une levée de fonds de 15 millions d'euros menée par Partech, avec la participation de Bpifrance.",
     [('Partech', 'investorIn', 'Nexalis AI', F), ('Bpifrance', 'investorIn', 'Nexalis AI', F)]),
    ('Quantexa Labs a officialisé jeudi un tour de table de 40 millions emmené par Accel et Eurazeo.',
     [('Accel', 'investorIn', 'Quantexa Labs', F), ('Eurazeo', 'investorIn', 'Quantexa Labs', F)]),
    ("Lumora Labs officialise un financement de 8 millions auprès de Kima Ventures et d'Eurazeo.",
     [('Kima Ventures', 'investorIn', 'Lumora Labs', F), ('Eurazeo', 'investorIn', 'Lumora Labs', F)]),
    # taking part in a company's round (the round word may be an anaphor placeholder)
    ('Eurazeo a participé au nouveau tour de table de Lumora Labs.',
     [('Eurazeo', 'investorIn', 'Lumora Labs', F)]),
    ('Partech et Accel ont pris part à la dernière levée de Nexalis AI.',
     [('Partech', 'investorIn', 'Nexalis AI', F), ('Accel', 'investorIn', 'Nexalis AI', F)]),
    # a fronted product with a possessive apposition
    ('Avec Nexa-2, son nouveau modèle, Nexalis AI vise les entreprises.',
     [('Nexalis AI', 'develops', 'Nexa-2', F)]),
    ('Grâce à Orbis-5, sa plateforme maison, Quantexa Labs séduit les banques.',
     [('Quantexa Labs', 'develops', 'Orbis-5', F)]),
    # «l'un des (principaux) concurrents / partenaires de»
    ("Quantexa Labs, l'un des principaux concurrents de Lumora Labs, recrute.",
     [('Lumora Labs', 'competitorOf', 'Quantexa Labs', F)]),
    ("Nexalis AI, l'une des rivales de Datavolt AI, recrute.",
     [('Datavolt AI', 'competitorOf', 'Nexalis AI', F)]),
    ("Datavolt AI, l'un des partenaires de Nexalis AI, recrute.",
     [('Datavolt AI', 'partnerOf', 'Nexalis AI', F)]),
    ("Lumora Labs, l'un des proches partenaires de Quantexa Labs, recrute.",
     [('Lumora Labs', 'partnerOf', 'Quantexa Labs', F)]),
    # copula + subsidiary noun with a complement
    ('Lumora Labs est la filiale de recherche de Veltis Technologies.',
     [('Lumora Labs', 'subsidiaryOf', 'Veltis Technologies', F)]),
    ("Orbis Studio est une division logicielle d'Orbitale Robotics.",
     [('Orbis Studio', 'subsidiaryOf', 'Orbitale Robotics', F)]),
    # «sous l'impulsion de», «à l'instigation de»
    ("Quantexa Labs a vu le jour en 2019 sous l'impulsion de Marc Leroy.",
     [('Marc Leroy', 'founderOf', 'Quantexa Labs', F)]),
    ("Nexalis AI est née à Lyon à l'instigation de Julie Petit.",
     [('Julie Petit', 'founderOf', 'Nexalis AI', F)]),
    # years spent at a former employer
    ('Sophie Martin a créé Datavolt AI après dix ans chez Google.',
     [('Sophie Martin', 'worksFor', 'Google', T)]),
    ('Paul Durand a rejoint Nexalis AI après sept années passées chez Meta.',
     [('Paul Durand', 'worksFor', 'Nexalis AI', F), ('Paul Durand', 'worksFor', 'Meta', T)]),
    ('Après sept années passées chez Meta, Paul Durand a rejoint Nexalis AI.',
     [('Paul Durand', 'worksFor', 'Nexalis AI', F), ('Paul Durand', 'worksFor', 'Meta', T)]),
    ('Après dix ans au sein de Google, Julie Petit a fondé Lumora Labs.',
     [('Julie Petit', 'worksFor', 'Google', T)]),
    # fronted gerunds: buying, allying, investing
    ('En rachetant Lumora Labs, Datavolt AI double sa taille.',
     [('Datavolt AI', 'acquired', 'Lumora Labs', F)]),
    ("En s'offrant Orbitale Robotics, Veltis Technologies se renforce.",
     [('Veltis Technologies', 'acquired', 'Orbitale Robotics', F)]),
    ("En s'associant à Datavolt AI, Nexalis AI accède au cloud.",
     [('Datavolt AI', 'partnerOf', 'Nexalis AI', F)]),
    ("En s'alliant avec Lumora Labs, Quantexa Labs vise l'Asie.",
     [('Lumora Labs', 'partnerOf', 'Quantexa Labs', F)]),
    ("En investissant dans Nexalis AI, Partech parie sur l'IA.",
     [('Partech', 'investorIn', 'Nexalis AI', F)]),
    ('En misant sur Quantexa Labs, Eurazeo renforce son portefeuille.',
     [('Eurazeo', 'investorIn', 'Quantexa Labs', F)]),
    # a chief-executive title fused with a founder title
    ('Julien Mercier, patron fondateur de Datavolt AI, répond.',
     [('Julien Mercier', 'ceoOf', 'Datavolt AI', F)]),
    ('Julien Mercier, patron fondateur de Datavolt AI, répond.',
     [('Julien Mercier', 'founderOf', 'Datavolt AI', F)]),
    ('Nadia Benali, PDG et cofondatrice de Veltis Technologies, répond.',
     [('Nadia Benali', 'ceoOf', 'Veltis Technologies', F)]),
    ('Nadia Benali, PDG et cofondatrice de Veltis Technologies, répond.',
     [('Nadia Benali', 'founderOf', 'Veltis Technologies', F)]),
    # idioms of competition
    ('Nexalis AI chasse sur les terres de Datavolt AI.',
     [('Datavolt AI', 'competitorOf', 'Nexalis AI', F)]),
    ('Quantexa Labs marche sur les plates-bandes de Lumora Labs.',
     [('Lumora Labs', 'competitorOf', 'Quantexa Labs', F)]),
    # a founder title coordinated with a role
    ('Selon Julie Petit, cofondatrice et directrice technique de Nexalis AI, le modèle sera ouvert.',
     [('Julie Petit', 'worksFor', 'Nexalis AI', F)]),
    ('Marc Leroy, cofondateur et directeur scientifique de Quantexa Labs, publie un article.',
     [('Marc Leroy', 'worksFor', 'Quantexa Labs', F)]),
    # years spent somewhere are former
    ('Marc Leroy a passé cinq ans chez Google avant de rejoindre Quantexa Labs.',
     [('Marc Leroy', 'worksFor', 'Google', T), ('Marc Leroy', 'worksFor', 'Quantexa Labs', F)]),
    # leading a unit of a company is working there (not running it)
    ("Léa Fontaine pilote l'équipe de recherche de Datavolt AI.",
     [('Léa Fontaine', 'worksFor', 'Datavolt AI', F)]),
    ('Paul Durand dirige la division robotique de Veltis Technologies.',
     [('Paul Durand', 'worksFor', 'Veltis Technologies', F)]),
    # named at the head of / taking the helm
    ('Julie Petit est nommée à la tête de Nexalis AI.',
     [('Julie Petit', 'ceoOf', 'Nexalis AI', F)]),
    ('Sophie Martin a pris les commandes de Datavolt AI en janvier.',
     [('Sophie Martin', 'ceoOf', 'Datavolt AI', F)]),
    # inverted relatives («que dirige X», «qu'a fondée X»)
    ('Quantexa Labs, que dirige Marc Leroy, recrute.',
     [('Marc Leroy', 'ceoOf', 'Quantexa Labs', F)]),
    ('Nexalis AI, que préside depuis 2020 Julie Petit, recrute.',
     [('Julie Petit', 'ceoOf', 'Nexalis AI', F)]),
    ("Nexalis AI, qu'a fondée Julie Petit en 2019, recrute.",
     [('Julie Petit', 'founderOf', 'Nexalis AI', F)]),
    ("Lumora Labs, qu'ont cofondée Claire Roussel et Paul Durand, recrute.",
     [('Claire Roussel', 'founderOf', 'Lumora Labs', F), ('Paul Durand', 'founderOf', 'Lumora Labs', F)]),
    # the second of two coordinated passives
    ('Nexalis AI, cofondée par Julie Petit et dirigée par Paul Durand, recrute.',
     [('Paul Durand', 'ceoOf', 'Nexalis AI', F)]),
    ('Quantexa Labs a été créée par Marc Leroy et est dirigée depuis 2022 par Léa Fontaine.',
     [('Léa Fontaine', 'ceoOf', 'Quantexa Labs', F)]),
    # product verbs and nouns («rendu disponible», «le lancement de X par Y»)
    ('Quantexa Labs a rendu disponible Orbis-3 en open source.',
     [('Quantexa Labs', 'develops', 'Orbis-3', F)]),
    ('Le lancement de Nexa-2 par Nexalis AI a surpris.',
     [('Nexalis AI', 'develops', 'Nexa-2', F)]),
    ("La présentation d'Orbis-3 par Quantexa Labs est prévue mardi.",
     [('Quantexa Labs', 'develops', 'Orbis-3', F)]),
    # «sise à»
    ('Datavolt AI, sise à Toulouse, recrute.',
     [('Datavolt AI', 'basedIn', 'Toulouse', F)]),
    # the round anaphor led / joined by investors
    ("Datavolt AI a levé 30 millions d'euros. Partech mène l'opération.",
     [('Partech', 'investorIn', 'Datavolt AI', F)]),
    ("Nexalis AI boucle une levée de 10 millions d'euros. Accel et Eurazeo participent à l'opération.",
     [('Accel', 'investorIn', 'Nexalis AI', F), ('Eurazeo', 'investorIn', 'Nexalis AI', F)]),
    # working with
    ('Quantexa Labs collabore depuis 2020 avec Lumora Labs.',
     [('Lumora Labs', 'partnerOf', 'Quantexa Labs', F)]),
    ('Nexalis AI travaille étroitement avec Datavolt AI.',
     [('Datavolt AI', 'partnerOf', 'Nexalis AI', F)]),
    # intending to compete; an alternative to
    ('Nexalis AI entend concurrencer Datavolt AI sur le marché européen.',
     [('Datavolt AI', 'competitorOf', 'Nexalis AI', F)]),
    ('Quantexa Labs ambitionne de détrôner Lumora Labs.',
     [('Lumora Labs', 'competitorOf', 'Quantexa Labs', F)]),
    ('Quantexa Labs se positionne comme une alternative à Lumora Labs.',
     [('Lumora Labs', 'competitorOf', 'Quantexa Labs', F)]),
    ("Nexalis AI veut être l'alternative européenne à Datavolt AI.",
     [('Datavolt AI', 'competitorOf', 'Nexalis AI', F)]),
    # «auprès du / des» + descriptors before the investors
    ("Nexalis AI a levé 10 millions d'euros auprès du fonds américain Accel et de l'investisseur Xavier Niel.",
     [('Accel', 'investorIn', 'Nexalis AI', F), ('Xavier Niel', 'investorIn', 'Nexalis AI', F)]),
    ("Quantexa Labs a obtenu 5 millions d'euros auprès des fonds Partech et Eurazeo.",
     [('Partech', 'investorIn', 'Quantexa Labs', F), ('Eurazeo', 'investorIn', 'Quantexa Labs', F)]),
    # a list of organisations with a seat copula
    ('Nexalis AI, Datavolt AI et Lumora Labs sont basées à Lyon.',
     [('Nexalis AI', 'basedIn', 'Lyon', F), ('Datavolt AI', 'basedIn', 'Lyon', F), ('Lumora Labs', 'basedIn', 'Lyon', F)]),
    ('Quantexa Labs et Orbitale Robotics sont toutes deux installées à Nantes.',
     [('Quantexa Labs', 'basedIn', 'Nantes', F), ('Orbitale Robotics', 'basedIn', 'Nantes', F)]),
    # a round led by someone, in a clause about something else («lors d'un tour mené par»)
    ("Nexalis AI a été valorisée 1 milliard d'euros lors d'un tour de table mené par Partech.",
     [('Partech', 'investorIn', 'Nexalis AI', F)]),
    ('Quantexa Labs a doublé ses effectifs grâce à une levée de fonds menée par Accel.',
     [('Accel', 'investorIn', 'Quantexa Labs', F)]),
    # «…à Nantes, où se trouve son siège»
    ('Quantexa Labs emploie 200 personnes à Nantes, où se trouve son siège.',
     [('Quantexa Labs', 'basedIn', 'Nantes', F)]),
    ('Nexalis AI recrute à Lyon, où est installé son siège social.',
     [('Nexalis AI', 'basedIn', 'Lyon', F)]),
    # leaving the head of a company is a former chief executive
    ('Paul Durand quitte la direction générale de Datavolt AI.',
     [('Paul Durand', 'ceoOf', 'Datavolt AI', T)]),
    ('Julie Petit a cédé les rênes de Nexalis AI.',
     [('Julie Petit', 'ceoOf', 'Nexalis AI', T)]),
    # an apposed past title does not make the present lead former
    ('Marc Leroy, ancien chercheur de Google, dirige Quantexa Labs.',
     [('Marc Leroy', 'ceoOf', 'Quantexa Labs', F)]),
    ('Nadia Benali, ex-directrice de Meta, préside Veltis Technologies.',
     [('Nadia Benali', 'ceoOf', 'Veltis Technologies', F)]),
    # a maker by copula, «connue pour», a fronted participle
    ("Nexalis AI est l'éditeur de Nexa-2.",
     [('Nexalis AI', 'develops', 'Nexa-2', F)]),
    ('Quantexa Labs est le concepteur du modèle Orbis-3.',
     [('Quantexa Labs', 'develops', 'Orbis-3', F)]),
    ('Nexalis AI est connue pour Nexa-2.',
     [('Nexalis AI', 'develops', 'Nexa-2', F)]),
    ('Quantexa Labs, surtout réputée pour son assistant Orbis-3, recrute.',
     [('Quantexa Labs', 'develops', 'Orbis-3', F)]),
    ('Conçu par Quantexa Labs, le modèle Orbis-3 vise les banques.',
     [('Quantexa Labs', 'develops', 'Orbis-3', F)]),
    ('Développé en deux ans par les équipes de Nexalis AI, le modèle Nexa-2 séduit.',
     [('Nexalis AI', 'develops', 'Nexa-2', F)]),
    # seats and products stated in passing (regression guards for unseen phrasings)
    ("L'américain Datavolt AI rachète Lumora Labs.",
     [('Datavolt AI', 'basedIn', 'États-Unis', F)]),
    ('Nexalis AI, la start-up parisienne, recrute.',
     [('Nexalis AI', 'basedIn', 'Paris', F)]),
    ("Quantexa Labs, pépite nantaise de l'IA, recrute.",
     [('Quantexa Labs', 'basedIn', 'Nantes', F)]),
    ('Nexalis AI, née à Lyon en 2019, recrute.',
     [('Nexalis AI', 'basedIn', 'Lyon', F)]),
    ('Installée à Paris depuis 2020, la start-up Quantexa Labs recrute.',
     [('Quantexa Labs', 'basedIn', 'Paris', F)]),
    ('Le constructeur chinois Veltis Technologies a présenté un robot.',
     [('Veltis Technologies', 'basedIn', 'Chine', F)]),
    ('Nexa-2, le modèle maison de Nexalis AI, recrute.',
     [('Nexalis AI', 'develops', 'Nexa-2', F)]),
    ('Quantexa Labs a entraîné Orbis-3 sur 2 000 puces.',
     [('Quantexa Labs', 'develops', 'Orbis-3', F)]),
    ('Le chatbot Nexa-2, développé par Nexalis AI, séduit.',
     [('Nexalis AI', 'develops', 'Nexa-2', F)]),
    # a career spent at past employers (listed employers too)
    ('Julie Petit a fait carrière chez Google avant de fonder Nexalis AI.',
     [('Julie Petit', 'worksFor', 'Google', T)]),
    ('Nadia Benali a travaillé dix ans pour Datavolt AI.',
     [('Nadia Benali', 'worksFor', 'Datavolt AI', T)]),
    ('Marc Leroy est passé par Google et Meta avant de rejoindre Quantexa Labs.',
     [('Marc Leroy', 'worksFor', 'Google', T), ('Marc Leroy', 'worksFor', 'Meta', T), ('Marc Leroy', 'worksFor', 'Quantexa Labs', F)]),
    # an apposed past employer, then a join: the new one is current
    ("Paul Durand, l'ancien responsable de l'IA chez Datavolt AI, rejoint Lumora Labs.",
     [('Paul Durand', 'worksFor', 'Datavolt AI', T), ('Paul Durand', 'worksFor', 'Lumora Labs', F)]),
    ("Sophie Martin, qui était jusqu'ici directrice financière de Datavolt AI, rejoint Lumora Labs.",
     [('Sophie Martin', 'worksFor', 'Datavolt AI', T), ('Sophie Martin', 'worksFor', 'Lumora Labs', F)]),
    # board membership
    ("Thomas Girard siège au conseil d'administration de Nexalis AI.",
     [('Thomas Girard', 'worksFor', 'Nexalis AI', F)]),
    ("Claire Roussel a rejoint le conseil d'administration de Lumora Labs.",
     [('Claire Roussel', 'worksFor', 'Lumora Labs', F)]),
    # staff of a company, «dont» / «parmi lesquels»
    ('Les ingénieurs de Nexalis AI, dont Julie Petit, ont présenté le modèle.',
     [('Julie Petit', 'worksFor', 'Nexalis AI', F)]),
    ('Plusieurs chercheurs de Quantexa Labs, parmi lesquels Marc Leroy et Léa Fontaine, ont démissionné.',
     [('Marc Leroy', 'worksFor', 'Quantexa Labs', F), ('Léa Fontaine', 'worksFor', 'Quantexa Labs', F)]),
    # hired from a previous employer
    ('Quantexa Labs a débauché Thomas Girard chez Datavolt AI.',
     [('Thomas Girard', 'worksFor', 'Quantexa Labs', F), ('Thomas Girard', 'worksFor', 'Datavolt AI', T)]),
    ('Nexalis AI a recruté Julie Petit chez Google.',
     [('Julie Petit', 'worksFor', 'Nexalis AI', F), ('Julie Petit', 'worksFor', 'Google', T)]),
    # control passes «sous pavillon de»
    ('Quantexa Labs, passée sous pavillon de Datavolt AI en 2021, recrute.',
     [('Datavolt AI', 'acquired', 'Quantexa Labs', F)]),
    # buying its rival / partner named after a possessive noun
    ('Datavolt AI rachète son concurrent Lumora Labs.',
     [('Datavolt AI', 'acquired', 'Lumora Labs', F)]),
    ('Veltis Technologies a racheté son partenaire historique Orbitale Robotics.',
     [('Veltis Technologies', 'acquired', 'Orbitale Robotics', F)]),
    # a pair signs an agreement
    ('Nexalis AI et Datavolt AI ont signé un accord de distribution.',
     [('Datavolt AI', 'partnerOf', 'Nexalis AI', F)]),
    ('Quantexa Labs et Lumora Labs concluent une alliance stratégique.',
     [('Lumora Labs', 'partnerOf', 'Quantexa Labs', F)]),
    # a unit created and named
    ('Veltis Technologies a créé une filiale, Orbis Studio, dédiée aux jeux.',
     [('Orbis Studio', 'subsidiaryOf', 'Veltis Technologies', F)]),
    ('Datavolt AI lance une nouvelle division baptisée Volta Labs.',
     [('Volta Labs', 'subsidiaryOf', 'Datavolt AI', F)]),
    # «X, sa filiale» (the owner is the sentence subject)
    ("Veltis Technologies a regroupé ses activités d'IA au sein d'Orbis Studio, sa nouvelle filiale.",
     [('Orbis Studio', 'subsidiaryOf', 'Veltis Technologies', F)]),
    ("Veltis Technologies s'appuie sur Orbis Studio, sa branche logicielle.",
     [('Orbis Studio', 'subsidiaryOf', 'Veltis Technologies', F)]),
    # chosen as partner
    ('Nexalis AI a choisi Datavolt AI comme partenaire technologique.',
     [('Datavolt AI', 'partnerOf', 'Nexalis AI', F)]),
    ('Quantexa Labs retient Lumora Labs comme partenaire cloud.',
     [('Lumora Labs', 'partnerOf', 'Quantexa Labs', F)]),
    ("Le fonds canadien Veltis Capital promet 20 milliards d'euros, notamment via Orbis Studio, sa filiale spécialisée.",
     [('Orbis Studio', 'subsidiaryOf', 'Veltis Capital', F)]),
    # the article's company as object (topic_object): among the (new) shareholders
    ("Nexalis AI lève 200 millions d'euros. Google, Amazon et Partech figurent parmi les nouveaux actionnaires.",
     [('Google', 'investorIn', 'Nexalis AI', F), ('Amazon', 'investorIn', 'Nexalis AI', F), ('Partech', 'investorIn', 'Nexalis AI', F)]),
    ('Quantexa Labs a bouclé sa levée de fonds. Partech et Eurazeo comptent parmi ses investisseurs.',
     [('Partech', 'investorIn', 'Quantexa Labs', F), ('Eurazeo', 'investorIn', 'Quantexa Labs', F)]),
    # «Parmi les investisseurs figurent …»
    ('Lumora Labs a levé 6 milliards de dollars. Parmi les investisseurs figurent Accel et Kima Ventures.',
     [('Accel', 'investorIn', 'Lumora Labs', F), ('Kima Ventures', 'investorIn', 'Lumora Labs', F)]),
    ("Datavolt AI a levé 30 millions d'euros. Parmi les nouveaux actionnaires, on trouve Eurazeo et Bpifrance.",
     [('Eurazeo', 'investorIn', 'Datavolt AI', F), ('Bpifrance', 'investorIn', 'Datavolt AI', F)]),
    # taking part in the round
    ("Nexalis AI a levé 70 millions de dollars. Xavier Niel, le fondateur de Free, participe à l'opération.",
     [('Xavier Niel', 'investorIn', 'Nexalis AI', F)]),
    ("Quantexa Labs a levé 20 millions d'euros. Accel et Eurazeo ont pris part au tour de table.",
     [('Accel', 'investorIn', 'Quantexa Labs', F), ('Eurazeo', 'investorIn', 'Quantexa Labs', F)]),
    # chipping in («mis au pot», «de la partie», «tout comme»)
    ("Nexalis AI a levé 105 millions d'euros. Xavier Niel et Eric Schmidt ont également mis au pot.",
     [('Xavier Niel', 'investorIn', 'Nexalis AI', F), ('Eric Schmidt', 'investorIn', 'Nexalis AI', F)]),
    ('Quantexa Labs lève 200 millions. Eurazeo était aussi de la partie, tout comme Accel et Bpifrance.',
     [('Eurazeo', 'investorIn', 'Quantexa Labs', F), ('Accel', 'investorIn', 'Quantexa Labs', F), ('Bpifrance', 'investorIn', 'Quantexa Labs', F)]),
    # investors completing the round, «dont X»
    ('Lumora Labs lève 70 millions. Plusieurs investisseurs individuels complètent le tour de table, dont Xavier Niel.',
     [('Xavier Niel', 'investorIn', 'Lumora Labs', F)]),
    ("Datavolt AI lève 20 millions. De nouveaux actionnaires rejoignent l'opération, notamment Accel et Eurazeo.",
     [('Accel', 'investorIn', 'Datavolt AI', F), ('Eurazeo', 'investorIn', 'Datavolt AI', F)]),
    # a bare title or nomination with no company: the article's company (topic_object)
    ('Nexalis AI traverse une crise. Julie Petit, directrice technique, a été nommée directrice générale par intérim.',
     [('Julie Petit', 'worksFor', 'Nexalis AI', F)]),
    ("Quantexa Labs se réorganise. Marc Leroy, directeur scientifique, assure l'intérim.",
     [('Marc Leroy', 'worksFor', 'Quantexa Labs', F)]),
    ('Nexalis AI traverse une crise. Julie Petit, directrice technique, a été nommée directrice générale par intérim.',
     [('Julie Petit', 'ceoOf', 'Nexalis AI', F)]),
    ('Quantexa Labs se réorganise. Marc Leroy devient PDG par intérim.',
     [('Marc Leroy', 'ceoOf', 'Quantexa Labs', F)]),
]

# Round 5: possessive title appositions, interim heads, founder lists, rounds led without a name,
# 'compte parmi ses actionnaires' (two phrasings each, written for these tests).
ROUND5 = [
    # a possessive title apposition belongs to the first organisation the sentence names
    ("Chez Nexalis AI, rival de Datavolt AI, l'heure est à la relance : Julie Petit, sa PDG, a réuni les équipes.",
     [("Julie Petit", "ceoOf", "Nexalis AI", F)]),
    ("Quantexa Labs a été cofondée en 2021 par Marc Leroy, son directeur général, et Claire Roussel.",
     [("Marc Leroy", "ceoOf", "Quantexa Labs", F)]),
    ("Chez Lumora Labs, partenaire de Veltis Technologies, Anna Roy, sa cofondatrice, a pris la parole.",
     [("Anna Roy", "founderOf", "Lumora Labs", F)]),
    ("Datavolt AI a présenté mardi son plan, défendu par Paul Durand, son fondateur et directeur général.",
     [("Paul Durand", "founderOf", "Datavolt AI", F)]),
    ("Chez Veltis Technologies, concurrent de Nexalis AI, Léa Fontaine, sa directrice technique, présente le produit.",
     [("Léa Fontaine", "worksFor", "Veltis Technologies", F)]),
    ("Orbitale Robotics a présenté son robot, conçu sous la houlette de Lucas Moreau, son directeur scientifique.",
     [("Lucas Moreau", "worksFor", "Orbitale Robotics", F)]),
    # interim at the head of the company
    ("Nadia Benali, directrice financière, et Thomas Girard, directeur technique, assureront l'intérim à la tête de Synthetiq AI.",
     [("Nadia Benali", "ceoOf", "Synthetiq AI", F), ("Thomas Girard", "ceoOf", "Synthetiq AI", F)]),
    ("Claire Roussel assure l'intérim de la direction de Quantexa Labs.",
     [("Claire Roussel", "ceoOf", "Quantexa Labs", F)]),
    # «les cofondateurs de X, A, B et C, …»
    ("Deux des trois cofondateurs de Nexalis AI, Julie Petit et Marc Leroy, ont quitté l'entreprise.",
     [("Julie Petit", "founderOf", "Nexalis AI", F), ("Marc Leroy", "founderOf", "Nexalis AI", F)]),
    ("Les fondateurs de Lumora Labs, Anna Roy, Paul Durand et Léa Fontaine, sont d'anciens chercheurs.",
     [("Anna Roy", "founderOf", "Lumora Labs", F), ("Paul Durand", "founderOf", "Lumora Labs", F),
      ("Léa Fontaine", "founderOf", "Lumora Labs", F)]),
    # a round led by X, the round not resolved: the article's company
    ("Datavolt AI accélère. L'assistant vocal a annoncé jeudi une levée de 40 millions d'euros, menée par le fonds Partech.",
     [("Partech", "investorIn", "Datavolt AI", F)]),
    ("Quantexa Labs grandit. Le spécialiste du calcul a bouclé un financement de 12 millions, mené par Accel et Eurazeo.",
     [("Accel", "investorIn", "Quantexa Labs", F), ("Eurazeo", "investorIn", "Quantexa Labs", F)]),
    # «…, compte parmi ses actionnaires A, B et C» (ses = the organisation named far before)
    ("Nexalis AI, valorisée 2 milliards d'euros lors de sa dernière levée de fonds, compte parmi ses actionnaires Google et Amazon.",
     [("Google", "investorIn", "Nexalis AI", F), ("Amazon", "investorIn", "Nexalis AI", F)]),
    ("Lumora Labs, fondée il y a trois ans à Lyon par deux ingénieurs, compte désormais parmi ses investisseurs Eurazeo.",
     [("Eurazeo", "investorIn", "Lumora Labs", F)]),
    # elliptic roles after a clitic: «X en est le PDG, Y le directeur technique et Z la directrice financière»
    ("Nexalis AI a trois dirigeants. Julie Petit en est la directrice générale, Marc Leroy le directeur technique et Anna Roy la directrice financière.",
     [("Marc Leroy", "worksFor", "Nexalis AI", F), ("Anna Roy", "worksFor", "Nexalis AI", F)]),
    ("Quantexa Labs recrute. Paul Durand en est le président, Léa Fontaine la directrice scientifique.",
     [("Paul Durand", "worksFor", "Quantexa Labs", F), ("Léa Fontaine", "worksFor", "Quantexa Labs", F)]),
    # «Parmi les chercheurs de X figurent A et B»
    ("Parmi les chercheurs de Lumora Labs figurent Anna Roy et Paul Durand.",
     [("Anna Roy", "worksFor", "Lumora Labs", F), ("Paul Durand", "worksFor", "Lumora Labs", F)]),
    ("Parmi les ingénieurs de Nexalis AI, on compte Marc Leroy et Claire Roussel.",
     [("Marc Leroy", "worksFor", "Nexalis AI", F), ("Claire Roussel", "worksFor", "Nexalis AI", F)]),
    # scientific and advisory committees
    ("Yann LeCun siège par ailleurs au comité scientifique de Nexalis AI.",
     [("Yann LeCun", "worksFor", "Nexalis AI", F)]),
    ("Claire Roussel a rejoint le conseil consultatif de Datavolt AI.",
     [("Claire Roussel", "worksFor", "Datavolt AI", F)]),
    # heading a named unit
    ("Julie Petit dirige le laboratoire Volta Labs depuis mars.",
     [("Julie Petit", "ceoOf", "Volta Labs", F)]),
    ("Paul Durand a pris la tête de la division Volta Labs.",
     [("Paul Durand", "ceoOf", "Volta Labs", F)]),
    # «A, le patron de X, et B, celui de Y»
    ("Paul Durand, le patron de Datavolt AI, et Julie Petit, celle de Nexalis AI, ont débattu.",
     [("Paul Durand", "ceoOf", "Datavolt AI", F), ("Julie Petit", "ceoOf", "Nexalis AI", F)]),
    ("Marc Leroy, PDG de Quantexa Labs, et Léa Fontaine, celle de Lumora Labs, étaient présents.",
     [("Marc Leroy", "ceoOf", "Quantexa Labs", F), ("Léa Fontaine", "ceoOf", "Lumora Labs", F)]),
    ("Xavier Niel, le fondateur d'Iliad, et Anna Roy, celle de Lumora Labs, ont débattu.",
     [("Xavier Niel", "founderOf", "Iliad", F), ("Anna Roy", "founderOf", "Lumora Labs", F)]),
    ("Thomas Girard, cofondateur de Veltis Technologies, ou Claire Roussel, celle de Synthetiq AI, interviendront.",
     [("Thomas Girard", "founderOf", "Veltis Technologies", F), ("Claire Roussel", "founderOf", "Synthetiq AI", F)]),
    # «Depuis son départ de la direction de X, A …»: a past chief executive; «son départ» marks a title as past
    ("Depuis son départ de la direction de Datavolt AI en 2021, Paul Durand s'est consacré à la philanthropie.",
     [("Paul Durand", "ceoOf", "Datavolt AI", T)]),
    ("Depuis son retrait de la direction générale de Quantexa Labs, Marc Leroy conseille des start-up.",
     [("Marc Leroy", "ceoOf", "Quantexa Labs", T)]),
    ("Après son départ du poste de PDG de Datavolt AI, Julie Petit a fondé Volta Labs.",
     [("Julie Petit", "ceoOf", "Datavolt AI", T)]),
    # «fonds spéculatif» (hedge fund) is not a speculation cue
    ("Marc Leroy, cofondateur du fonds spéculatif Volta Capital, investit.",
     [("Marc Leroy", "founderOf", "Volta Capital", F)]),
    # «…, l'autre cofondateur»: the company of the founder named first
    ("Le cofondateur de Nexalis AI rejoint Datavolt AI avec Julie Petit, l'autre cofondatrice.",
     [("Julie Petit", "founderOf", "Nexalis AI", F)]),
    ("La fondatrice de Lumora Labs, Anna Roy, a recruté Paul Durand, le second cofondateur, en 2021.",
     [("Anna Roy", "founderOf", "Lumora Labs", F), ("Paul Durand", "founderOf", "Lumora Labs", F)]),
    # lists continued by «, ainsi que»
    ("Lumora Labs lève des fonds. Parmi les investisseurs figurent Accel et Partech, ainsi que le milliardaire Xavier Niel et Kima Ventures.",
     [("Accel", "investorIn", "Lumora Labs", F), ("Partech", "investorIn", "Lumora Labs", F),
      ("Xavier Niel", "investorIn", "Lumora Labs", F), ("Kima Ventures", "investorIn", "Lumora Labs", F)]),
    ("Nexalis AI a levé 20 millions auprès d'Accel, ainsi que de Partech.",
     [("Accel", "investorIn", "Nexalis AI", F), ("Partech", "investorIn", "Nexalis AI", F)]),
    # «Contrairement à A ou à B, ses principaux concurrents, X …»
    ("Contrairement à Datavolt AI ou à Lumora Labs, ses principaux concurrents, Nexalis AI ne vise pas le grand public.",
     [("Datavolt AI", "competitorOf", "Nexalis AI", F), ("Lumora Labs", "competitorOf", "Nexalis AI", F)]),
    ("Comme Partech, son grand rival, Eurazeo accélère en Europe.",
     [("Eurazeo", "competitorOf", "Partech", F)]),
    # deals «conclus par X avec Y», the deal named by a pronoun («ceux», «celui»)
    ("Le montage rappelle celui conclu par Datavolt AI avec Lumora Labs.",
     [("Datavolt AI", "partnerOf", "Lumora Labs", F)]),
    ("Ce montage ressemble à ceux signés par Nexalis AI avec Quantexa Labs.",
     [("Nexalis AI", "partnerOf", "Quantexa Labs", F)]),
    # products of a company listed after «applications/produits de X, notamment/à commencer par»
    ("Veltis Technologies intègre Orbis-3 aux produits de Datavolt AI, notamment le robot Nexa-2.",
     [("Datavolt AI", "develops", "Nexa-2", F)]),
    ("Le modèle sera intégré aux applications de Quantexa Labs, à commencer par l'assistant Orbis-3.",
     [("Quantexa Labs", "develops", "Orbis-3", F)]),
]

# Round 6: general constructions of French business news (relative clauses naming a past role,
# fronted appositions, lists announced by a plural noun and a demonym, agreements to buy).
ROUND6 = [
    # «ORG, où il a (ensuite) dirigé / travaillé …»: a past post there; «où il dirige / travaille»: a current one
    ("Sa précédente start-up avait été rachetée par Veltis Technologies, où Paul Durand a ensuite dirigé les activités de robotique.",
     [("Paul Durand", "worksFor", "Veltis Technologies", T)]),
    ("Julie Petit a fait ses débuts chez Orbitale Robotics, où elle a travaillé six ans.",
     [("Julie Petit", "worksFor", "Orbitale Robotics", T)]),
    ("Lucas Moreau est arrivé en 2020 chez Synthetiq AI, où il travaille sur les agents.",
     [("Lucas Moreau", "worksFor", "Synthetiq AI", F)]),
    ("Marc Leroy a rejoint Quantexa Labs en 2022, où il dirige désormais la division Volta Labs.",
     [("Volta Labs", "subsidiaryOf", "Quantexa Labs", F)]),
    # «…, qu'il a fondée» / «…, dont il est l'un des fondateurs» after a comma: the organisation just named
    ("Paul Durand reste actionnaire de Datavolt AI, qu'il a fondée en 2015.",
     [("Paul Durand", "founderOf", "Datavolt AI", F)]),
    ("Julie Petit reste administratrice de Nexalis AI, qu'elle a créée en 2017.",
     [("Julie Petit", "founderOf", "Nexalis AI", F)]),
    ("Anna Roy a longtemps travaillé chez Lumora Labs, dont elle est l'une des cofondatrices.",
     [("Anna Roy", "founderOf", "Lumora Labs", F)]),
    ("Marc Leroy conseille toujours Quantexa Labs, dont il est le fondateur.",
     [("Marc Leroy", "founderOf", "Quantexa Labs", F)]),
    # a fronted apposition whose pronoun announces the name
    ("Ancien directeur technique de Datavolt AI, dont il fut l'un des fondateurs, Paul Durand rejoint Volta Labs.",
     [("Paul Durand", "founderOf", "Datavolt AI", F)]),
    ("Figure historique de Nexalis AI, dont elle est l'une des cofondatrices, Julie Petit quitte l'entreprise.",
     [("Julie Petit", "founderOf", "Nexalis AI", F)]),
    # «Ses associés viennent de X : A et B …» (the possessive is not one of them)
    ("Thomas Girard lance Nexalis AI. Ses deux associés viennent de Google : Julie Petit et Marc Leroy ont conçu le modèle.",
     [("Julie Petit", "worksFor", "Google", T), ("Marc Leroy", "worksFor", "Google", T)]),
    ("Les trois fondateurs sont issus de Meta : Anna Roy, Paul Durand et Léa Fontaine.",
     [("Anna Roy", "worksFor", "Meta", T), ("Paul Durand", "worksFor", "Meta", T), ("Léa Fontaine", "worksFor", "Meta", T)]),
    ("Plusieurs de ses chercheurs ont depuis quitté Datavolt AI : Anna Roy et Marc Leroy ont fondé Lumora Labs.",
     [("Anna Roy", "worksFor", "Datavolt AI", T), ("Marc Leroy", "worksFor", "Datavolt AI", T)]),
    # a plural noun and a demonym before a list of organisations: each is based there
    ("Le tour a été mené par les fonds américains Accel, Index Ventures et General Catalyst.",
     [("Accel", "basedIn", "États-Unis", F), ("Index Ventures", "basedIn", "États-Unis", F),
      ("General Catalyst", "basedIn", "États-Unis", F)]),
    ("Deux fonds britanniques, Balderton Capital et Atomico, ont suivi.",
     [("Balderton Capital", "basedIn", "Royaume-Uni", F), ("Atomico", "basedIn", "Royaume-Uni", F)]),
    # an agreement signed to buy
    ("Veltis Technologies a annoncé avoir signé un accord pour racheter Orbitale Robotics.",
     [("Veltis Technologies", "acquired", "Orbitale Robotics", F)]),
    ("Datavolt AI a conclu un accord en vue d'acquérir Lumora Labs pour 300 millions d'euros.",
     [("Datavolt AI", "acquired", "Lumora Labs", F)]),
    # partnerships: «X, avec qui Y a conclu un partenariat», «un partenariat de recherche avec»
    ("Le service passe par Datavolt AI, avec qui Nexalis AI a conclu un partenariat en mars.",
     [("Datavolt AI", "partnerOf", "Nexalis AI", F)]),
    ("Quantexa Labs s'appuie sur Lumora Labs, avec laquelle Veltis Technologies a noué une alliance l'an dernier.",
     [("Lumora Labs", "partnerOf", "Veltis Technologies", F)]),
    ("Nexalis AI a signé un partenariat stratégique avec Datavolt AI.",
     [("Datavolt AI", "partnerOf", "Nexalis AI", F)]),
    ("Orbitale Robotics, qui a noué un partenariat de recherche avec Lumora Labs, recrute.",
     [("Lumora Labs", "partnerOf", "Orbitale Robotics", F)]),
    # offices of the company named by a reference
    ("Nexalis AI grandit. L'entreprise dispose aussi de bureaux à Lyon et à Nantes.",
     [("Nexalis AI", "basedIn", "Lyon", F), ("Nexalis AI", "basedIn", "Nantes", F)]),
    ("Quantexa Labs recrute. La start-up a des bureaux à Berlin.",
     [("Quantexa Labs", "basedIn", "Berlin", F)]),
    # «qui n'aura dirigé X que six mois»: «ne … que» restricts, it does not deny; the post is past
    ("Julie Petit, qui n'aura dirigé Datavolt AI que six mois, s'en va.",
     [("Julie Petit", "ceoOf", "Datavolt AI", T)]),
    ("Marc Leroy, qui n'aura dirigé Quantexa Labs que deux ans, cède sa place.",
     [("Marc Leroy", "ceoOf", "Quantexa Labs", T)]),
    # teaching and research posts
    ("Marc Leroy, professeur à Sorbonne Université, conseille Nexalis AI.",
     [("Marc Leroy", "worksFor", "Sorbonne Université", F)]),
    ("Anna Roy, enseignante-chercheuse à Sorbonne Université, conseille Lumora Labs.",
     [("Anna Roy", "worksFor", "Sorbonne Université", F)]),
    # «chercheuse à» is a post, not «cherche à» (an intention)
    ("Léa Fontaine, chercheuse à l'Inria, a publié l'article.",
     [("Léa Fontaine", "worksFor", "Inria", F)]),
    # investors who joined a round («à laquelle ont participé», «auxquels se sont joints»)
    ("Nexalis AI a levé 50 millions d'euros. Partech a mené l'opération, à laquelle ont participé entre autres Accel et Eurazeo.",
     [("Partech", "investorIn", "Nexalis AI", F), ("Accel", "investorIn", "Nexalis AI", F), ("Eurazeo", "investorIn", "Nexalis AI", F)]),
    ("Quantexa Labs a bouclé une levée de 20 millions. Le tour de table, auquel ont également pris part Kima Ventures et Xavier Niel, a été bouclé en mars.",
     [("Kima Ventures", "investorIn", "Quantexa Labs", F), ("Xavier Niel", "investorIn", "Quantexa Labs", F)]),
    ("Lumora Labs lève 30 millions. Le tour a été mené par Accel et Index Ventures, auxquels se sont joints Partech et Eurazeo.",
     [("Accel", "investorIn", "Lumora Labs", F), ("Index Ventures", "investorIn", "Lumora Labs", F),
      ("Partech", "investorIn", "Lumora Labs", F), ("Eurazeo", "investorIn", "Lumora Labs", F)]),
    ("Datavolt AI grandit. Son financement a été piloté par Partech, auquel s'est joint Kima Ventures.",
     [("Partech", "investorIn", "Datavolt AI", F), ("Kima Ventures", "investorIn", "Datavolt AI", F)]),
    # the denied participants are not investors; the leader is
    ("Nexalis AI a levé 50 millions d'euros. Partech a mené l'opération, à laquelle n'ont pas participé Accel et Eurazeo.",
     [("Partech", "investorIn", "Nexalis AI", F)]),
    # a reference followed by its owner's name («la société de Julie Petit») is still the subject
    ("Nexalis AI accélère. La société de Julie Petit a dévoilé mardi Nexa-2, un modèle de langage.",
     [("Nexalis AI", "develops", "Nexa-2", F)]),
    ("Datavolt AI grandit. Le groupe de Paul Durand a lancé Orbis-3 en mars.",
     [("Datavolt AI", "develops", "Orbis-3", F)]),
    # a board reached through a possessive; a superlative after a rival noun; «en prend la direction»
    ("Nexalis AI se réorganise. Julie Petit a quitté son conseil d'administration en 2021.",
     [("Julie Petit", "worksFor", "Nexalis AI", T)]),
    ("Datavolt AI se renforce. Paul Durand a rejoint son conseil de surveillance en mars.",
     [("Paul Durand", "worksFor", "Datavolt AI", F)]),
    ("En un an, Nexalis AI est devenue la rivale la plus sérieuse de Datavolt AI.",
     [("Datavolt AI", "competitorOf", "Nexalis AI", F)]),
    ("Quantexa Labs s'impose comme le concurrent le plus inattendu de Lumora Labs.",
     [("Lumora Labs", "competitorOf", "Quantexa Labs", F)]),
    ("Lumora Labs perd son patron. Anna Roy, jusqu'ici directrice juridique, en prend la direction par intérim.",
     [("Anna Roy", "ceoOf", "Lumora Labs", F)]),
    ("Veltis Technologies change de tête. Marc Leroy en prend la tête.",
     [("Marc Leroy", "ceoOf", "Veltis Technologies", F)]),
    # fronted founders followed by an apposition that names another organisation
    ("Fondée en 2019 par Anna Roy et Marc Leroy, tous deux anciens de Google, Lumora Labs conçoit des robots.",
     [("Anna Roy", "founderOf", "Lumora Labs", F), ("Marc Leroy", "founderOf", "Lumora Labs", F)]),
    ("Créée par Julie Petit, une ancienne ingénieure d'Apple, la société Nexalis AI recrute.",
     [("Julie Petit", "founderOf", "Nexalis AI", F)]),
    # a subsidiary's subject is its own clause's («X, tandis que Y, contrôlée par Z»)
    ("Datavolt AI affronte Lumora Labs, tandis que Quantexa Labs, contrôlée par Veltis Technologies, recule.",
     [("Quantexa Labs", "subsidiaryOf", "Veltis Technologies", F)]),
]

# Denied, hypothetical or rumoured: no fact of that predicate.
NOTHING = [
    ("Microsoft n'a pas racheté OpenAI.", "acquired"),
    ("Apple pourrait racheter Mistral AI selon la presse.", "acquired"),
    ("Google n'investit pas dans Anthropic.", "investorIn"),
    ("Amazon envisage d'investir dans Cohere.", "investorIn"),
    ("Nvidia pourrait s'associer à Mistral AI.", "partnerOf"),
    ("Meta serait en discussions pour racheter Scale AI.", "acquired"),
    ("Selon des rumeurs, Samsung rachèterait Arm.", "acquired"),
    ("Julien Mercier dément avoir rejoint Anthropic.", "worksFor"),
    ("Nexalis AI lève des fonds. Le tour de table pourrait être mené par Partech.", "investorIn"),
    ("Quantexa Labs prépare une levée. Selon des rumeurs, Accel et Eurazeo figureraient parmi les investisseurs de Quantexa Labs.",
     "investorIn"),
    ("Lucas Moreau n'en est pas le directeur général.", "ceoOf"),
    ("Parmi les investisseurs de Nexalis AI ne figure pas Partech.", "investorIn"),
    ("Nexa-2, un modèle qui aurait été développé par Nexalis AI, intrigue.", "develops"),
    # round 3 constructions, denied or speculative
    ("Partech n'a pas investi dans Nexalis AI, tout comme Eurazeo.", "investorIn"),
    ("Accel pourrait miser sur Quantexa Labs, de même que Kima Ventures.", "investorIn"),
    ("Lumora Labs a levé 5 millions d'euros, puis pourrait lever 20 millions lors d'un tour mené par Partech.", "investorIn"),
    ("Julien Mercier, qui serait président et directeur général de Nexalis AI, dément.", "ceoOf"),
    ("Lumora Labs n'a pas été cofondée par Thomas Girard, son directeur général, et Claire Roussel.", "founderOf"),
    ("Nexalis AI, une start-up qui aurait été lancée par Datavolt AI, recrute.", "founderOf"),
    ("Paul Durand, patron de Datavolt AI et futur fondateur de Lumora Labs selon des rumeurs, a parlé.", "founderOf"),
    ("Son ancien directeur technique, Thomas Girard, ne rejoint pas Nexalis AI.", "worksFor"),
    ("Datavolt AI n'a pas scellé de partenariat avec Quantexa Labs.", "partnerOf"),
    ("Quantexa Labs pourrait devenir une filiale de Datavolt AI.", "subsidiaryOf"),
    ("Eurazeo n'a jamais pris de parts dans Quantexa Labs.", "investorIn"),
    ("Nexalis AI a levé 10 millions d'euros et pourrait lancer Nexa-2.", "develops"),
    ("Nexalis AI ne développe pas Nexa-2 en partenariat avec Datavolt AI.", "partnerOf"),
    ("Nexalis AI pourrait être adossée à Partech.", "investorIn"),
    ("Marc Leroy a enseigné à Lyon avant de, selon des rumeurs, fonder Quantexa Labs.", "founderOf"),
    # round 4 constructions, denied or speculative

    ("Partech ne détient aucune participation dans Nexalis AI.", "investorIn"),
    ("Quantexa Labs, dont Eurazeo pourrait devenir actionnaire, recrute.", "investorIn"),
    ("Nexalis AI n'a pas reçu le soutien de Partech.", "investorIn"),
    ("Soutenue par Accel selon des rumeurs, Datavolt AI recrute.", "investorIn"),
    ("Marc Leroy, qui n'a jamais rejoint Quantexa Labs, dément.", "worksFor"),
    ("Paul Durand pourrait succéder à Sophie Martin à la tête de Datavolt AI.", "ceoOf"),
    ("Nadia Benali, qui serait nommée PDG de Veltis Technologies, dément.", "ceoOf"),
    ("Veltis Technologies et Orbitale Robotics pourraient unir leurs forces.", "partnerOf"),
    ("Quantexa Labs pourrait passer sous le contrôle de Veltis Technologies.", "acquired"),
    ("Orbitale Robotics ne tombe pas dans l'escarcelle de Veltis Technologies.", "acquired"),
    ("Datavolt AI envisage de prendre le contrôle de Lumora Labs.", "acquired"),
    ("Sophie Martin n'est pas à l'origine de Datavolt AI.", "founderOf"),
    ("Nexalis AI et Datavolt AI n'ont pas conclu de partenariat.", "partnerOf"),
    ("Lumora Labs n'appartient pas à Veltis Technologies.", "subsidiaryOf"),
    ('Quantexa Labs se réorganise. Marc Leroy pourrait devenir PDG par intérim.', 'ceoOf'),
    ('Quantexa Labs se réorganise. Marc Leroy, directeur scientifique de Datavolt AI, observe.', 'ceoOf'),
    ('Nexalis AI lève 200 millions. Google et Amazon pourraient figurer parmi les nouveaux actionnaires.', 'investorIn'),
    ("Quantexa Labs lève 20 millions. Accel n'a pas pris part au tour de table.", 'investorIn'),
    ('Google et Amazon figurent parmi les nouveaux actionnaires.', 'investorIn'),
    ('Nexalis AI et Datavolt AI ont signé un accord de rachat.', 'partnerOf'),
    ("Nexalis AI et Datavolt AI n'ont pas signé d'accord de distribution.", 'partnerOf'),
    ('Datavolt AI pourrait racheter son concurrent Lumora Labs.', 'acquired'),
    ("Thomas Girard ne siège pas au conseil d'administration de Nexalis AI.", 'worksFor'),
    ("Julie Petit n'a jamais fait carrière chez Google.", 'worksFor'),
    ('Nexalis AI pourrait recruter Julie Petit chez Google.', 'worksFor'),
    ("Nexalis AI n'est pas l'éditeur de Nexa-2.", 'develops'),
    ('Conçu par Quantexa Labs selon des rumeurs, Orbis-3 vise les banques.', 'develops'),
    ('Quantexa Labs a doublé ses effectifs grâce à une levée de fonds qui serait menée par Accel.', 'investorIn'),
    ('Paul Durand ne quitte pas la direction générale de Datavolt AI.', 'ceoOf'),
    ('Nexalis AI et Datavolt AI ne sont pas basées à Lyon.', 'basedIn'),
    ('Paul Durand dirige la division robotique de Veltis Technologies.', 'ceoOf'),
    ("Léa Fontaine dirige l'équipe de Datavolt AI.", 'ceoOf'),
    ('Quantexa Labs ne collabore pas avec Lumora Labs.', 'partnerOf'),
    ('Nexalis AI pourrait concurrencer Datavolt AI.', 'competitorOf'),
    ("Datavolt AI a levé 30 millions d'euros. Partech pourrait mener l'opération.", 'investorIn'),
    ('Nexalis AI annonce une levée de fonds qui pourrait être menée par Partech.', 'investorIn'),
    ('En rachetant des actions, Datavolt AI rassure Lumora Labs.', 'acquired'),
    ("Paul Durand n'a pas rejoint Nexalis AI après sept années passées chez Meta.", 'worksFor'),
    ("Eurazeo n'a pas participé au tour de table de Lumora Labs.", 'investorIn'),
    ('Lumora Labs ne serait pas la filiale de recherche de Veltis Technologies.', 'subsidiaryOf'),
    ('Datavolt AI pourrait être présentée comme une concurrente de Lumora Labs.', 'competitorOf'),
    ('Quantexa Labs a lancé un projet de rachat de Lumora Labs.', 'acquired'),
    # round 5 constructions, denied, speculative or not an apposition
    ("Les fondateurs de Lumora Labs rencontrent Anna Roy et Paul Durand, deux investisseurs.", "founderOf"),
    ("Chez Nexalis AI, rival de Datavolt AI, Julie Petit, sa PDG selon des rumeurs, pourrait partir.", "ceoOf"),
    ("Nadia Benali pourrait assurer l'intérim à la tête de Synthetiq AI.", "ceoOf"),
    ("Datavolt AI prépare une levée de 40 millions d'euros, qui serait menée par le fonds Partech.", "investorIn"),
    ("Nexalis AI, valorisée 2 milliards, ne compte pas parmi ses actionnaires Google.", "investorIn"),
    ("Julie Petit ne dirige pas le laboratoire Volta Labs.", "ceoOf"),
    ("Yann LeCun ne siège pas au comité scientifique de Nexalis AI.", "worksFor"),
    ("Paul Durand pourrait rejoindre le conseil consultatif de Datavolt AI.", "worksFor"),
    ("Parmi les chercheurs de Lumora Labs ne figure pas Anna Roy.", "worksFor"),
    ("Les spéculations vont bon train : Nexalis AI rachèterait Lumora Labs.", "acquired"),
    ("Les spéculations vont bon train : Nexalis AI aurait pour actionnaire Partech.", "investorIn"),
    # round 6 constructions, denied, speculative, or not what they seem
    ("Paul Durand a visité Veltis Technologies, où il n'a jamais travaillé.", "worksFor"),
    ("Paul Durand reste actionnaire de Datavolt AI, qu'il n'a pas fondée.", "founderOf"),
    ("Anna Roy conseille Lumora Labs, dont elle n'est pas la fondatrice.", "founderOf"),
    ("Ancien directeur technique de Datavolt AI, dont il serait l'un des fondateurs, Paul Durand dément.", "founderOf"),
    ("Ses deux associés ne viennent pas de Google : Julie Petit et Marc Leroy ont été recrutés ailleurs.", "worksFor"),
    ("Contrairement aux fonds américains, Accel et Partech restent prudents.", "basedIn"),
    ("Veltis Technologies aurait signé un accord pour racheter Orbitale Robotics.", "acquired"),
    ("Datavolt AI, avec qui Nexalis AI aurait conclu un partenariat, dément.", "partnerOf"),
    ("Nexalis AI aurait signé un partenariat stratégique avec Datavolt AI.", "partnerOf"),
    ("Nexalis AI grandit. L'entreprise ne dispose pas de bureaux à Lyon.", "basedIn"),
    ("Datavolt AI lève des fonds. Elle est codirigée par Paul Durand et Julie Petit.", "investorIn"),
    ("Julie Petit, qui n'a jamais dirigé Datavolt AI, s'en va.", "ceoOf"),
    ("Lumora Labs lève 30 millions. Le tour pourrait être mené par Accel, auquel se joindraient Partech et Eurazeo.", "investorIn"),
    ("Nexalis AI accélère. La société de Julie Petit n'a pas encore dévoilé Nexa-2.", "develops"),
    ("Nexalis AI se réorganise. Julie Petit n'a jamais rejoint son conseil d'administration.", "worksFor"),
    ("Nexalis AI pourrait devenir la rivale la plus sérieuse de Datavolt AI.", "competitorOf"),
    ("Lumora Labs perd son patron. Anna Roy pourrait en prendre la direction.", "ceoOf"),
    ("Fondée en 2019 par deux anciens de Google, selon des rumeurs Anna Roy et Marc Leroy, Lumora Labs conçoit des robots.", "founderOf"),
]


def test_speculative_second_acquisition_gives_only_the_first(facts_of) -> None:
    facts = {f for f in facts_of("Datavolt AI a racheté Lumora Labs, puis pourrait racheter Quantexa Labs.")
             if f[1] == "acquired"}
    assert facts == {("Datavolt AI", "acquired", "Lumora Labs", False)}


def test_former_apposition_before_clitic_does_not_make_the_role_former(facts_of) -> None:
    facts = facts_of("Orbitale Robotics grandit. Léa Fontaine, une ancienne de Google, en est la directrice générale.")
    assert ("Léa Fontaine", "ceoOf", "Orbitale Robotics", True) not in facts


def test_president_and_ceo_is_ceo_only(facts_of) -> None:
    facts = facts_of("Nadia Benali, présidente et directrice générale de Veltis Technologies, a signé.")
    assert ("Nadia Benali", "ceoOf", "Veltis Technologies", False) in facts
    assert not any(p == "worksFor" for _, p, _, _ in facts)


def test_comma_then_rejoint_par_is_not_a_join(facts_of) -> None:
    facts = facts_of("Thomas Girard, rejoint par Datavolt AI en mars, recrute.")
    assert not any(p == "worksFor" for _, p, _, _ in facts)

CASES = [pytest.param(text, exp[0][1], exp, id=f"{exp[0][1]}-{i}")
         for table in (FOUNDER, CEO, WORKS, INVESTOR, ACQUIRED, SUBSIDIARY, PARTNER, COMPETITOR, DEVELOPS, BASED)
         for i, (text, exp) in enumerate(table)]
CASES += [pytest.param(text, exp[0][1], exp, id=f"round2-{exp[0][1]}-{i}") for i, (text, exp) in enumerate(ROUND2)]
CASES += [pytest.param(text, exp[0][1], exp, id=f"round3-{exp[0][1]}-{i}") for i, (text, exp) in enumerate(ROUND3)]
CASES += [pytest.param(text, exp[0][1], exp, id=f"round4-{exp[0][1]}-{i}") for i, (text, exp) in enumerate(ROUND4)]
CASES += [pytest.param(text, exp[0][1], exp, id=f"round5-{exp[0][1]}-{i}") for i, (text, exp) in enumerate(ROUND5)]
CASES += [pytest.param(text, exp[0][1], exp, id=f"round6-{exp[0][1]}-{i}") for i, (text, exp) in enumerate(ROUND6)]


# ----------------------------------------------------------------------------------------- tests
def test_rules_compile_and_cover_every_predicate() -> None:
    rules = load_rules("fr")
    preds = {r.predicate for r in rules.rules}
    assert preds == {"founderOf", "ceoOf", "worksFor", "investorIn", "acquired", "subsidiaryOf",
                     "partnerOf", "competitorOf", "develops", "basedIn"}
    assert len({r.id for r in rules.rules}) == len(rules.rules), "rule ids must be unique"


def test_tables_have_three_cases_per_predicate() -> None:
    for table in (FOUNDER, CEO, WORKS, INVESTOR, ACQUIRED, SUBSIDIARY, PARTNER, COMPETITOR, DEVELOPS, BASED):
        assert len(table) >= 3


@pytest.mark.parametrize("text, predicate, expected", CASES)
def test_fact_extracted(facts_of, text: str, predicate: str, expected: list[Fact]) -> None:
    _check(facts_of, text, predicate, expected)


@pytest.mark.parametrize("text, predicate", NOTHING, ids=[f"{p}-{i}" for i, (_, p) in enumerate(NOTHING)])
def test_denied_or_speculative_gives_nothing(facts_of, text: str, predicate: str) -> None:
    assert not {f for f in facts_of(text) if f[1] == predicate}, text


def test_role_word_is_not_ceo_and_works(facts_of) -> None:
    """«directeur général» is a CEO: the same pair must not also be a plain worksFor."""
    got = facts_of("Sam Altman, le directeur général d'OpenAI, a pris la parole.")
    assert ("Sam Altman", "ceoOf", "OpenAI", False) in got
    assert not any(f[1] == "worksFor" for f in got)


def test_former_role_is_marked(facts_of) -> None:
    got = facts_of("Eric Schmidt, l'ancien patron de Google, a investi dans la start-up Kyutai.")
    assert ("Eric Schmidt", "ceoOf", "Google", True) in got
    assert not any(f[1] == "worksFor" for f in got)


def test_infinitive_after_comma_is_not_the_subject(facts_of) -> None:
    """«X a quitté A pour lancer B avec Y, avant de rejoindre C»: Y did not join C."""
    got = facts_of("Mustafa Suleyman a quitté Google en 2022 pour lancer Inflection AI avec Reid Hoffman, "
                   "avant de rejoindre Microsoft en 2024.")
    assert ("Reid Hoffman", "worksFor", "Microsoft", False) not in got
    assert ("Mustafa Suleyman", "founderOf", "Inflection AI", False) in got


def test_parenthetical_org_is_not_the_raiser(facts_of) -> None:
    got = facts_of("Le fondateur d'Iliad (maison mère de l'opérateur Free) a réuni 300 millions d'euros "
                   "avec Rodolphe Saadé.")
    assert not any(f[1] == "investorIn" and f[2] == "Free" for f in got)


def test_round_phrase_led_by_a_person_is_not_a_ceo(facts_of) -> None:
    """«Le tour est mené par X»: X invests in the company; X does not run it."""
    got = facts_of("Nexalis AI a levé 20 millions d'euros. Le tour de table a été mené par Xavier Niel.")
    assert ("Xavier Niel", "investorIn", "Nexalis AI", False) in got
    assert not any(f[1] == "ceoOf" for f in got)


def test_participation_in_a_round_is_not_a_stake_in_the_participant(facts_of) -> None:
    """«mené par A, avec la participation de B»: A does not invest in B."""
    got = facts_of("Quantexa Labs a levé 50 millions d'euros lors d'un tour mené par Accel, avec la participation de Kima Ventures.")
    assert ("Accel", "investorIn", "Kima Ventures", False) not in got
    assert ("Kima Ventures", "investorIn", "Quantexa Labs", False) in got


def test_round_led_after_an_investor_list_is_not_a_stake_in_that_investor(facts_of) -> None:
    """«X a levé A auprès de B, puis C lors d'un tour mené par D»: D invests in X, not in B."""
    got = facts_of("Nexalis AI a levé 5 millions auprès de Partech, puis 20 millions lors d'un tour mené par Accel.")
    assert ("Accel", "investorIn", "Partech", False) not in got


def test_preposed_role_inside_an_apposition_names_no_one_after_it(facts_of) -> None:
    """«A, ancien chercheur de X devenu directeur technique de Y, B et C»: the role is A's, not B's."""
    got = facts_of("Nexalis AI a été créée par Paul Durand, ancien chercheur de Google devenu directeur technique "
                   "de Nexalis AI, Julie Petit et Marc Leroy.")
    assert ("Julie Petit", "worksFor", "Nexalis AI", False) not in got


def test_dev_run_is_fast() -> None:
    """Rules are bounded regexes: matching all of them on a long stream takes well under a second."""
    import time

    rules = load_rules("fr")
    stream = ("⟦ORG:0⟧ , la start-up de ⟦PLACE:1⟧ , a levé 100 millions de dollars auprès de ⟦ORG:2⟧ , "
              "de ⟦ORG:3⟧ et du japonais ⟦ORG:4⟧ , " * 20) + "."
    t = time.perf_counter()
    for r in rules.rules:
        for _ in r.regex.finditer(stream):
            pass
    assert time.perf_counter() - t < 1.0
