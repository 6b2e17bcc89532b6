"""The derived layer of the store, recomputed in bounded batches, and the "refresh pending" mark.

What the named queries read besides the facts themselves is derived from the evidence:
``gb:supportCount``, ``gb:maxConfidence`` and ``gb:former`` on facts, the removal of facts,
direct triples and entities nothing supports any more, each entity's one ``skos:prefLabel``
(chosen among its labels), ``gb:nameKey`` per label and alias,
``gb:topFactOf`` (the :data:`TOP_FACTS` best-supported facts of each relation), and
``gb:mentionCount`` / ``gb:factCount`` per entity. :data:`REFRESH_UPDATE` states it as one
SPARQL update; :func:`refresh_batches` cuts the same work into one update per relation (the
fact steps) and per entity class (the entity steps), each its own transaction, so that the
memory of one step follows the size of one relation or class, not of the store, and the
store's buffers can be flushed between two steps. The result is the same quads (a test
compares them).

Stale derived data is never silent: before the first write of a session the store puts a
mark file (:data:`PENDING_FILE`) in its folder, and only a finished refresh removes it. A build
killed in between (SIGKILL, power loss) leaves the mark: the next writable open refreshes,
a read-only open warns on every query (``graph_builder.rdf.store``).

>>> [label for label, _, _ in refresh_batches({"https://w3id.org/graph-builder/ontology#ceoOf": 120})][:2]
['facts of ceoOf', 'orphan entities of class Person']
>>> [label for label, _, _ in refresh_batches({"https://w3id.org/graph-builder/ontology#ceoOf": 120},
...                                           facts_per_batch=100)][:2]
['facts of ceoOf (hash 0…)', 'facts of ceoOf (hash 1…)']
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> mark_pending(d, "a test"); is_pending(d)
True
>>> clear_pending(d); is_pending(d)
False
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox

from graph_builder.types import PREDICATES

__all__ = ["ENTITY_CLASSES", "FACTS_PER_BATCH", "FACT_PREDICATES", "PENDING_FILE", "REFRESH_UPDATE", "TOP_FACTS",
           "clear_pending", "fact_predicates", "is_pending", "mark_pending", "pending_reason", "refresh_batches"]

#: The mark file, in the store's folder, that says the derived data is out of date.
PENDING_FILE = "graph-builder-refresh-pending"

#: The entity classes (local names in ``gb:``).
ENTITY_CLASSES = ("Person", "Organization", "Product", "Place")
_ENTITY_CLASSES = " ".join(f"gb:{c}" for c in ENTITY_CLASSES)
_PREDICATES = " ".join(f"gb:{p}" for p in PREDICATES)

#: How many facts of each relation the refresh marks ``gb:topFactOf`` (the best-supported;
#: the unfiltered list queries, e.g. ``founders`` without ``org``, show these).
TOP_FACTS = 100

# the sort key of an entity's labels for its skos:prefLabel (see step 4 below), in both forms
_PREF_KEY = """BIND(STR(?l) AS ?s)
      BIND(IF(LANGMATCHES(LANG(?l), "en"), "0", IF(LANGMATCHES(LANG(?l), "fr"), "1", "2")) AS ?rank)
      BIND(STRLEN(?s) - STRLEN(REPLACE(?s, " ", "")) AS ?spaces)
      BIND(STR(999 - IF(?spaces > 999, 999, ?spaces)) AS ?w)
      BIND(STR(99999 - IF(STRLEN(?s) > 99999, 99999, STRLEN(?s))) AS ?c)
      BIND(CONCAT(?rank, SUBSTR(CONCAT("000", ?w), STRLEN(?w) + 1), SUBSTR(CONCAT("00000", ?c), STRLEN(?c) + 1), ?s)
           AS ?key)"""

# the top facts of every relation: small (at most TOP_FACTS per relation), one statement in both forms
_TOP_FACTS = f"""DELETE {{ ?f gb:topFactOf ?p }} WHERE {{ ?f gb:topFactOf ?p }} ;
INSERT {{ ?f gb:topFactOf ?p }}
WHERE {{
  VALUES ?p {{ {_PREDICATES} }}
  LATERAL {{ SELECT ?p ?f WHERE {{ ?f rdf:predicate ?p OPTIONAL {{ ?f gb:supportCount ?n }} }}
             ORDER BY DESC(?n) ?f LIMIT {TOP_FACTS} }}
}}"""

#: The whole refresh as one update (the reference :func:`refresh_batches` is checked against).
REFRESH_UPDATE = f"""
# Written for linear time at scale: set differences (MINUS) instead of a NOT EXISTS per row, and
# patterns ordered so each one is an index lookup on variables bound before it.
# 1. facts no evidence supports any more: drop the direct triple and the fact node
DELETE {{ ?s ?p ?o . ?f ?fp ?fo }}
WHERE {{
  ?f a gb:Fact .
  MINUS {{ GRAPH ?g {{ ?ev gb:supports ?f }} }}
  ?f rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  ?f ?fp ?fo .
}} ;
# 2. derived values on the remaining facts: forget the old ones ...
DELETE {{ ?f gb:supportCount ?c }} WHERE {{ ?f gb:supportCount ?c }} ;
DELETE {{ ?f gb:maxConfidence ?c }} WHERE {{ ?f gb:maxConfidence ?c }} ;
DELETE {{ ?f gb:former ?x }} WHERE {{ ?f a gb:Fact ; gb:former ?x }} ;
# ... and recompute: distinct articles with evidence; best confidence; former iff all evidence says former
INSERT {{ ?f gb:supportCount ?n ; gb:maxConfidence ?maxc ; gb:former ?former }}
WHERE {{
  SELECT ?f (COUNT(DISTINCT ?a) AS ?n) (MAX(?c) AS ?maxc) (MIN(?evf) AS ?former) WHERE {{
    GRAPH ?g {{ ?ev gb:supports ?f ; prov:wasDerivedFrom ?a . OPTIONAL {{ ?ev gb:former ?evf0 }}
               OPTIONAL {{ ?ev gb:confidence ?c }} }}
    BIND(COALESCE(?evf0, false) AS ?evf)
  }} GROUP BY ?f
}} ;
# 3. entities no article mentions and no fact uses
DELETE {{ ?e ?p ?o }}
WHERE {{
  VALUES ?t {{ {_ENTITY_CLASSES} }}
  ?e a ?t .
  MINUS {{ GRAPH ?g {{ ?art schema:mentions ?e }} }}
  MINUS {{ ?f1 rdf:subject ?e }}
  MINUS {{ ?f2 rdf:object ?e }}
  ?e ?p ?o .
}} ;
# 4. one preferred name per entity, so that a plain query gives one row per fact: skos:prefLabel, a
# plain string, chosen among the entity's rdfs:label whatever the languages of the articles that named
# it: English if it has an English label, else French, else any; within a language the longest form
# (most words, then most characters: the rule extraction uses to name an entity within one article),
# then the first in code point order. The sort key is "language rank, 999 - spaces, 99999 - length,
# name", so the best is MIN(key) and the name starts at character 10. Written only where it changes.
DELETE {{ ?e skos:prefLabel ?old }} INSERT {{ ?e skos:prefLabel ?pref }}
WHERE {{
  {{ SELECT ?e (MIN(?key) AS ?best) WHERE {{
      VALUES ?t {{ {_ENTITY_CLASSES} }}
      ?e a ?t ; rdfs:label ?l .
      {_PREF_KEY}
    }} GROUP BY ?e }}
  BIND(SUBSTR(?best, 10) AS ?pref)
  OPTIONAL {{ ?e skos:prefLabel ?old }}
  FILTER(!BOUND(?old) || !sameTerm(?old, ?pref))
}} ;
# 5. lookup keys and rankings read by the named queries (ontology/queries): a name key per label and
# alias (LCASE, the comparison the queries apply to the name they are given), and per entity the
# number of articles that mention it and of facts it takes part in
INSERT {{ ?e gb:nameKey ?k }}
WHERE {{ ?e rdfs:label|skos:altLabel ?l BIND(LCASE(STR(?l)) AS ?k) MINUS {{ ?e gb:nameKey ?k }} }} ;
{_TOP_FACTS} ;
DELETE {{ ?e gb:mentionCount ?n }} WHERE {{ ?e gb:mentionCount ?n }} ;
INSERT {{ ?e gb:mentionCount ?n }}
WHERE {{ SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE {{ GRAPH ?g {{ ?a schema:mentions ?e }} }} GROUP BY ?e }} ;
DELETE {{ ?e gb:factCount ?n }} WHERE {{ ?e gb:factCount ?n }} ;
INSERT {{ ?e gb:factCount ?n }}
WHERE {{ SELECT ?e (COUNT(DISTINCT ?f) AS ?n) WHERE {{ ?f a gb:Fact . {{ ?f rdf:subject ?e }} UNION {{ ?f rdf:object ?e }} }} GROUP BY ?e }}
"""

# -- the same work, one relation or one entity class at a time --------------------------------
# ``{P}`` / ``{T}`` are a relation / an entity class IRI, written by pyoxigraph (str(NamedNode)):
# IRIs read from the store or from the ontology, never user text.

_FACTS = """
DELETE { ?s ?p ?o . ?f ?fp ?fo }
WHERE { ?f a gb:Fact ; rdf:predicate {P} . {PART} MINUS { GRAPH ?g { ?ev gb:supports ?f } }
        ?f rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . ?f ?fp ?fo . } ;
DELETE { ?f gb:supportCount ?c } WHERE { ?f rdf:predicate {P} ; gb:supportCount ?c . {PART} } ;
DELETE { ?f gb:maxConfidence ?c } WHERE { ?f rdf:predicate {P} ; gb:maxConfidence ?c . {PART} } ;
DELETE { ?f gb:former ?x } WHERE { ?f a gb:Fact ; rdf:predicate {P} ; gb:former ?x . {PART} } ;
INSERT { ?f gb:supportCount ?n ; gb:maxConfidence ?maxc ; gb:former ?former }
WHERE {
  SELECT ?f (COUNT(DISTINCT ?a) AS ?n) (MAX(?c) AS ?maxc) (MIN(?evf) AS ?former) WHERE {
    ?f a gb:Fact ; rdf:predicate {P} . {PART}
    GRAPH ?g { ?ev gb:supports ?f ; prov:wasDerivedFrom ?a . OPTIONAL { ?ev gb:former ?evf0 }
               OPTIONAL { ?ev gb:confidence ?c } }
    BIND(COALESCE(?evf0, false) AS ?evf)
  } GROUP BY ?f
}
"""
# a relation with many facts is cut into 16 or 256 parts by the first hex digits of MD5(fact IRI)
_PART = 'FILTER(STRSTARTS(MD5(STR(?f)), "{H}"))'
#: Facts handled by one batch at most (a relation with more is split by a hash of the fact IRI).
FACTS_PER_BATCH = 50_000
_ORPHANS = """
DELETE { ?e ?p ?o }
WHERE { ?e a {T} . MINUS { GRAPH ?g { ?art schema:mentions ?e } } MINUS { ?f1 rdf:subject ?e }
        MINUS { ?f2 rdf:object ?e } ?e ?p ?o . }
"""
_PREF_LABELS = """
DELETE { ?e skos:prefLabel ?old } INSERT { ?e skos:prefLabel ?pref }
WHERE {
  { SELECT ?e (MIN(?key) AS ?best) WHERE { ?e a {T} ; rdfs:label ?l . """ + _PREF_KEY + """ } GROUP BY ?e }
  BIND(SUBSTR(?best, 10) AS ?pref)
  OPTIONAL { ?e skos:prefLabel ?old }
  FILTER(!BOUND(?old) || !sameTerm(?old, ?pref))
}
"""
_NAME_KEYS = """
INSERT { ?e gb:nameKey ?k }
WHERE { ?e a {T} ; rdfs:label|skos:altLabel ?l BIND(LCASE(STR(?l)) AS ?k) MINUS { ?e gb:nameKey ?k } }
"""
_ENTITY_COUNTS = """
DELETE { ?e gb:mentionCount ?n } WHERE { ?e a {T} ; gb:mentionCount ?n } ;
INSERT { ?e gb:mentionCount ?n }
WHERE { SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE { ?e a {T} . GRAPH ?g { ?a schema:mentions ?e } } GROUP BY ?e } ;
DELETE { ?e gb:factCount ?n } WHERE { ?e a {T} ; gb:factCount ?n } ;
INSERT { ?e gb:factCount ?n }
WHERE { SELECT ?e (COUNT(DISTINCT ?f) AS ?n) WHERE { ?e a {T} . ?f a gb:Fact . { ?f rdf:subject ?e } UNION { ?f rdf:object ?e } }
        GROUP BY ?e }
"""
_GB = "https://w3id.org/graph-builder/ontology#"

#: the relations of the facts in a store (read before the batches: a relation added later is refreshed too)
FACT_PREDICATES = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?f a gb:Fact ; rdf:predicate ?p } GROUP BY ?p"


def fact_predicates(store: ox.Store, prefixes: dict[str, str]) -> dict[str, int]:
    """The relations the store's facts use (IRI → number of facts), biggest first."""
    rows = [(sol["p"], int(sol["n"].value)) for sol in store.query(FACT_PREDICATES, prefixes=prefixes)]  # type: ignore[union-attr]
    return {p.value: n for p, n in sorted(rows, key=lambda r: -r[1]) if isinstance(p, ox.NamedNode)}


def _local(iri: str) -> str:
    return iri.removeprefix(_GB)


def _hash_prefixes(facts: int, per_batch: int) -> list[str]:
    if facts <= per_batch:
        return [""]
    digits = 1 if facts <= 16 * per_batch else 2
    return [format(i, f"0{digits}x") for i in range(16 ** digits)]


def refresh_batches(predicates: Mapping[str, int] | Iterable[str], *,
                    facts_per_batch: int | None = None) -> Iterator[tuple[str, str, int]]:
    """``(label, SPARQL update, facts)`` in order: the facts of each relation (in parts of at most
    about ``facts_per_batch``), then per entity class the entities nothing uses any more, the
    preferred names, the name keys, the top facts of every relation, and per class the mention and fact counts (``facts_per_batch``:
    :data:`FACTS_PER_BATCH` when None). Each update is one transaction; ``facts`` is how many facts it rewrites (0 for the entity steps).
    """
    counts = dict(predicates) if isinstance(predicates, Mapping) else {p: 0 for p in predicates}
    per_batch = facts_per_batch or FACTS_PER_BATCH
    for p, n in counts.items():
        prefixes = _hash_prefixes(n, per_batch)
        for h in prefixes:
            part = _PART.replace("{H}", h) if h else ""
            label = f"facts of {_local(p)}" + (f" (hash {h}…)" if h else "")
            yield label, _FACTS.replace("{P}", str(ox.NamedNode(p))).replace("{PART}", part), n // len(prefixes)
    classes = [(c, str(ox.NamedNode(_GB + c))) for c in ENTITY_CLASSES]
    for c, t in classes:
        yield f"orphan entities of class {c}", _ORPHANS.replace("{T}", t), 0
    for c, t in classes:
        yield f"preferred names of class {c}", _PREF_LABELS.replace("{T}", t), 0
    for c, t in classes:
        yield f"name keys of class {c}", _NAME_KEYS.replace("{T}", t), 0
    yield "top facts", _TOP_FACTS, 0
    for c, t in classes:
        yield f"mention and fact counts of class {c}", _ENTITY_COUNTS.replace("{T}", t), 0


# -- the mark ----------------------------------------------------------------------------------


def mark_pending(folder: str | os.PathLike[str], why: str) -> None:
    """Write the mark (durably: the file and its folder are synced before any write follows)."""
    path = Path(folder) / PENDING_FILE
    stamp = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.write(fd, f"derived data out of date since {stamp} ({why}; process {os.getpid()})\n".encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        dfd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - not a POSIX folder handle (Windows)
        return
    try:
        os.fsync(dfd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(dfd)


def clear_pending(folder: str | os.PathLike[str]) -> None:
    """Remove the mark (after a finished refresh)."""
    (Path(folder) / PENDING_FILE).unlink(missing_ok=True)


def is_pending(folder: str | os.PathLike[str]) -> bool:
    """Whether the mark is there."""
    return (Path(folder) / PENDING_FILE).is_file()


def pending_reason(folder: str | os.PathLike[str]) -> str:
    """The mark's text ("derived data out of date since …"), or ``""``."""
    try:
        return (Path(folder) / PENDING_FILE).read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""
