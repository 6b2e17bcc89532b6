"""News-like knowledge graphs of any size, for the viewer's benchmark and tests.

A graph from real news is not a random graph: organisations cluster by sector, people hang off
one or two organisations, products off the company that develops them, places are shared hubs,
and a fifth of the entities have no relation at all (the demo graph: 20 %). People have no
incoming facts, so a plain PageRank cut drops them — exactly what the viewer must survive.
:func:`synthetic_graph` builds such a graph in the shape :mod:`graph_builder.network` returns
(typed nodes with labels, aliases, mentions; facts with confidence, support and evidence),
seeded, with accented names so search can be tested on them.

>>> g = synthetic_graph(200)
>>> g.number_of_nodes(), sorted({t for _v, t in g.nodes(data="type")})
(200, ['Organization', 'Person', 'Place', 'Product'])
>>> sum(1 for v in g if g.degree(v) == 0)
39
"""

from __future__ import annotations

import random

import networkx as nx

__all__ = ["synthetic_graph"]

BASE = "https://w3id.org/graph-builder/entity/"
_SYL = ("ka", "ve", "lo", "ra", "ni", "so", "ta", "mi", "ne", "dor", "lux", "qua", "zen", "vi", "ar", "el",
        "on", "tri", "sy", "ga", "mo", "pel", "rix", "ly")
_ORG_TAIL = ("AI", "Labs", "Systems", "Robotics", "Cloud", "Analytics", "Technologies", "Research", "Capital",
             "Ventures", "Group", "Networks")
_FIRST = ("Amélie", "Jérôme", "Zoë", "Sam", "Ana", "Lucía", "Noah", "Chloé", "Björn", "Ines", "Mateo", "Léa",
          "Yusuf", "Maya", "Olivier", "Grace", "Hiroshi", "Sofía", "Élodie", "Kwame")
_LAST = ("Durand", "Nguyen", "Müller", "García", "Okafor", "Lefèvre", "Kowalski", "Rossi", "Tanaka", "Dubois",
         "Silva", "Moreau", "Novak", "Haddad", "Ferreira", "Åberg", "Martin", "Chen")
_PLACES = ("Paris", "London", "San Francisco", "Berlin", "Montréal", "Zürich", "Tokyo", "Bangalore", "Toronto",
           "Singapore", "Tel Aviv", "New York", "Seattle", "Beijing", "Stockholm", "Amsterdam", "Austin", "Seoul",
           "Lyon", "München")


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYL) for _ in range(rng.randint(2, 3))).capitalize()


def synthetic_graph(n: int, *, seed: int = 0, isolates: float = 0.2) -> nx.MultiDiGraph:
    """A news-like graph of ``n`` entities: sectors of organisations, their people, products
    and places, and a share ``isolates`` of entities without any relation.

    >>> g = synthetic_graph(60, seed=1)
    >>> all(d["predicate"] in ("ceoOf", "founderOf", "worksFor", "investorIn")
    ...     for u, _v, d in g.edges(data=True) if g.nodes[u]["type"] == "Person")
    True
    """
    if n < 8:
        raise ValueError(f"synthetic_graph needs at least 8 entities (one of each type, linked), got {n}")
    rng = random.Random(seed)
    g = nx.MultiDiGraph(title=f"Synthetic news graph, {n} entities")
    used: set[str] = set()

    def add(typ: str, label: str) -> str:
        base, k = label, 2
        while label in used:
            label, k = f"{base} {k}", k + 1
        used.add(label)
        iri = f"{BASE}{typ.lower()}/{len(used)}"
        aliases = [label.split()[0]] if typ == "Organization" and rng.random() < 0.3 else []
        g.add_node(iri, label=label, type=typ, aliases=aliases,
                   wikidata=f"Q{100000 + len(used)}" if rng.random() < 0.4 else None,
                   mentions=max(1, int(rng.paretovariate(1.5))))
        return iri

    shares = {"Organization": 0.38, "Person": 0.28, "Product": 0.21, "Place": 0.13}
    counts = {t: max(2, round(n * s)) for t, s in shares.items()}
    counts["Organization"] += n - sum(counts.values())
    nodes: dict[str, list[str]] = {t: [] for t in shares}
    for _ in range(counts["Organization"]):
        nodes["Organization"].append(add("Organization", f"{_word(rng)} {rng.choice(_ORG_TAIL)}"))
    for _ in range(counts["Person"]):
        nodes["Person"].append(add("Person", f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"))
    for _ in range(counts["Product"]):
        nodes["Product"].append(add("Product", f"{_word(rng)} {rng.randint(1, 9)}"))
    for i in range(counts["Place"]):
        nodes["Place"].append(add("Place", _PLACES[i] if i < len(_PLACES) else f"{_word(rng)} City"))
    # the last share of every type stays without relations
    linked = {t: vs[: max(1, round(len(vs) * (1 - isolates)))] for t, vs in nodes.items()}

    def fact(s: str, p: str, o: str) -> None:
        if s == o or g.has_edge(s, o, key=p):
            return
        k = rng.choice((1, 1, 1, 2, 3))
        conf = round(rng.uniform(0.55, 0.98), 2)
        former = p == "worksFor" and rng.random() < 0.15
        su, so = g.nodes[s]["label"], g.nodes[o]["label"]
        ev = [{"sentence": f"{su} {p} {so} (article {j + 1}).", "article": f"{BASE[:-7]}article/a{rng.randint(0, 99999)}",
               "title": f"News about {su}", "published": f"2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
               "url": f"https://example.org/news/{rng.randint(0, 99999)}", "confidence": conf, "rule": "synthetic",
               "former": former} for j in range(k)]
        g.add_edge(s, o, key=p, predicate=p, former=former, confidence=conf, support=k, evidence=ev)

    orgs = linked["Organization"]
    sectors = max(2, len(orgs) // 18)
    sizes = [1 / (i + 1) ** 0.6 for i in range(sectors)]  # a few large sectors, many small ones
    sector = {o: rng.choices(range(sectors), weights=sizes)[0] for o in orgs}
    by_sector: dict[int, list[str]] = {}
    for o in orgs:
        by_sector.setdefault(sector[o], []).append(o)
    weight = {o: rng.paretovariate(1.2) for o in orgs}  # a few big companies

    def pick_org(near: str | None = None) -> str:
        pool = by_sector[sector[near]] if near is not None and rng.random() < 0.85 else orgs
        return rng.choices(pool, weights=[weight[o] for o in pool])[0]

    for o in orgs:
        for _ in range(rng.choice((1, 1, 2, 2, 3))):
            fact(o, rng.choice(("partnerOf", "competitorOf", "investorIn", "acquired", "subsidiaryOf",
                                "partnerOf", "investorIn")), pick_org(o))
    places = linked["Place"]
    for o in orgs:
        if rng.random() < 0.7:
            fact(o, "basedIn", rng.choices(places, weights=[1 / (i + 1) for i in range(len(places))])[0])
    for p in linked["Person"]:
        o = pick_org()
        fact(p, rng.choice(("ceoOf", "founderOf", "worksFor", "worksFor")), o)
        if rng.random() < 0.3:
            fact(p, rng.choice(("founderOf", "investorIn", "worksFor")), pick_org(o))
    for pr in linked["Product"]:
        fact(pick_org(), "develops", pr)
    for t, vs in linked.items():  # every linked entity has at least one relation
        for v in vs:
            if g.degree(v) == 0:
                if t == "Place":
                    fact(rng.choice(orgs), "basedIn", v)
                elif t == "Organization":
                    fact(v, "partnerOf", pick_org(v))
    return g
