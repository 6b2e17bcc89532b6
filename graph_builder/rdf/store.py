"""The persistent graph: a :class:`GraphStore` over an Oxigraph (RocksDB) store.

Writes are whole articles: :meth:`GraphStore.add_extraction` puts all of an article's quads
in with ONE ``Store.extend`` (a transaction). When an article's text changed, its named graph
is dropped first (one transaction) and the new quads added (another): if the process is
interrupted in between, the article is simply absent and the next build adds it again — the
store never holds half an article. :meth:`GraphStore.refresh` (ONE SPARQL update, one
transaction) then recomputes the derived parts: ``gb:supportCount``, ``gb:maxConfidence`` and
``gb:former`` on facts, removes facts, direct triples and entities nothing supports any more, chooses
each entity's one ``skos:prefLabel`` among its labels (see :data:`REFRESH_UPDATE`), and writes what
the named queries look up: ``gb:nameKey`` (per label and alias), ``gb:mentionCount``
and ``gb:factCount`` (per entity), ``gb:topFactOf`` (the :data:`TOP_FACTS` best-supported facts of
each relation).

Queries run over the union of all graphs, with the standard prefixes predeclared; values
reach them only through bindings (SPARQL substitution), never string splicing.

>>> from graph_builder.types import Article, ArticleExtraction, Entity, Relation
>>> ex = ArticleExtraction(
...     article=Article(id="en-1", text="Arthur Mensch runs Mistral AI.", lang="en"),
...     entities=(Entity("Arthur Mensch", "Person"), Entity("Mistral AI", "Organization")),
...     relations=(Relation("Arthur Mensch", "ceoOf", "Mistral AI", "Arthur Mensch runs Mistral AI.",
...                         0, 30, 0.9, "en.ceo.runs"),))
>>> with GraphStore() as store:            # path=None: in memory
...     store.add_extraction(ex), store.add_extraction(ex)
...     store.refresh()
...     [row for row in store.query("SELECT ?n WHERE { ?p gb:ceoOf ?o . ?p rdfs:label ?n }")]
('added', 'unchanged')
[('Arthur Mensch',)]
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal as TypingLiteral

import pyoxigraph as ox
import rdflib
from rdflib.namespace import XSD

from graph_builder.errors import QueryError, StoreError
from graph_builder.rdf.iri import article_graph_iri, article_iri, resolve_base
from graph_builder.rdf.model import extraction_to_quads
from graph_builder.rdf.ns import GB
from graph_builder.sparql import PREFIXES, syntax_error
from graph_builder.types import PREDICATES, ArticleExtraction

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    from rich.table import Table

__all__ = ["PREFIXES", "REFRESH_UPDATE", "TOP_FACTS", "GraphStore", "QueryResult", "to_oxigraph", "to_python"]


_ENTITY_CLASSES = "gb:Person gb:Organization gb:Product gb:Place"
_PREDICATES = " ".join(f"gb:{p}" for p in PREDICATES)

#: How many facts of each relation :meth:`GraphStore.refresh` marks ``gb:topFactOf`` (the best-supported;
#: the unfiltered list queries, e.g. ``founders`` without ``org``, show these).
TOP_FACTS = 100

#: The one update run by :meth:`GraphStore.refresh` (a single transaction; no values spliced in).
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
      BIND(STR(?l) AS ?s)
      BIND(IF(LANGMATCHES(LANG(?l), "en"), "0", IF(LANGMATCHES(LANG(?l), "fr"), "1", "2")) AS ?rank)
      BIND(STRLEN(?s) - STRLEN(REPLACE(?s, " ", "")) AS ?spaces)
      BIND(STR(999 - IF(?spaces > 999, 999, ?spaces)) AS ?w)
      BIND(STR(99999 - IF(STRLEN(?s) > 99999, 99999, STRLEN(?s))) AS ?c)
      BIND(CONCAT(?rank, SUBSTR(CONCAT("000", ?w), STRLEN(?w) + 1), SUBSTR(CONCAT("00000", ?c), STRLEN(?c) + 1), ?s)
           AS ?key)
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
DELETE {{ ?f gb:topFactOf ?p }} WHERE {{ ?f gb:topFactOf ?p }} ;
INSERT {{ ?f gb:topFactOf ?p }}
WHERE {{
  VALUES ?p {{ {_PREDICATES} }}
  LATERAL {{ SELECT ?p ?f WHERE {{ ?f rdf:predicate ?p OPTIONAL {{ ?f gb:supportCount ?n }} }}
             ORDER BY DESC(?n) ?f LIMIT {TOP_FACTS} }}
}} ;
DELETE {{ ?e gb:mentionCount ?n }} WHERE {{ ?e gb:mentionCount ?n }} ;
INSERT {{ ?e gb:mentionCount ?n }}
WHERE {{ SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE {{ GRAPH ?g {{ ?a schema:mentions ?e }} }} GROUP BY ?e }} ;
DELETE {{ ?e gb:factCount ?n }} WHERE {{ ?e gb:factCount ?n }} ;
INSERT {{ ?e gb:factCount ?n }}
WHERE {{ SELECT ?e (COUNT(DISTINCT ?f) AS ?n) WHERE {{ ?f a gb:Fact . {{ ?f rdf:subject ?e }} UNION {{ ?f rdf:object ?e }} }} GROUP BY ?e }}
"""

_INT_TYPES = {str(XSD[t]) for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                    "positiveInteger", "negativeInteger", "nonPositiveInteger",
                                    "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_FLOAT_TYPES = {str(XSD.decimal), str(XSD.double), str(XSD.float)}

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def to_python(term: OxTerm | None) -> Any:
    """A query result term as a plain Python value.

    IRIs → ``str``; numbers → ``int``/``float``; booleans → ``bool``; ``xsd:date``/``dateTime`` →
    ``date``/``datetime``; other literals → ``str``; blank nodes → ``"_:id"``; unbound → ``None``.

    >>> to_python(ox.Literal("0.85", datatype=ox.NamedNode(str(XSD.decimal))))
    0.85
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        dt, v = term.datatype.value, term.value
        try:
            if dt in _INT_TYPES:
                return int(v)
            if dt in _FLOAT_TYPES:
                return float(v)
            if dt == str(XSD.boolean):
                return v in ("true", "1")
            if dt == str(XSD.date):
                return date.fromisoformat(v)
            if dt == str(XSD.dateTime):
                return datetime.fromisoformat(v)
        except ValueError:
            return v
        return v
    return str(term)


def to_oxigraph(value: object) -> OxTerm:
    """A binding value as an RDF term.

    Python ``str``/``int``/``float``/``bool``/``Decimal``/``date``/``datetime`` become literals
    (a string that looks like an IRI stays a literal: pass ``rdflib.URIRef`` for an IRI);
    rdflib and pyoxigraph terms are kept.

    >>> to_oxigraph("https://schema.org/")
    <Literal value=https://schema.org/ datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>
    >>> to_oxigraph(rdflib.URIRef("https://schema.org/"))
    <NamedNode value=https://schema.org/>
    """
    if isinstance(value, (ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple)):
        return value
    if isinstance(value, rdflib.URIRef):
        return ox.NamedNode(str(value))
    if isinstance(value, rdflib.BNode):
        return ox.BlankNode(str(value))
    if isinstance(value, rdflib.Literal):
        if value.language:
            return ox.Literal(str(value), language=value.language)
        if value.datatype:
            return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)))
        return ox.Literal(str(value))
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(str(XSD.boolean)))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(str(XSD.integer)))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(str(XSD.double)))
    if isinstance(value, Decimal):
        return ox.Literal(format(value, "f"), datatype=ox.NamedNode(str(XSD.decimal)))
    if isinstance(value, datetime):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(str(XSD.dateTime)))
    if isinstance(value, date):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(str(XSD.date)))
    if isinstance(value, str):
        return ox.Literal(value)
    raise QueryError(f"cannot bind a value of type {type(value).__name__} ({value!r}); "
                     "pass a str, int, float, bool, date, datetime or an rdflib term")


def _json_term(term: OxTerm) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != str(XSD.string):
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def _compact(value: str, prefixes: Mapping[str, str]) -> str:
    for p, ns in prefixes.items():
        if value.startswith(ns) and len(value) > len(ns):
            return f"{p}:{value[len(ns):]}"
    return value


class QueryResult:
    """The materialised result of a query: ``vars`` and rows.

    Iterating yields rows as tuples of Python values (see :func:`to_python`); ``terms`` keeps
    the RDF terms. ``ASK`` gives one row ``(bool,)`` under ``vars == ["ask"]`` and
    ``boolean``; ``CONSTRUCT``/``DESCRIBE`` give rows ``(subject, predicate, object)``.

    >>> r = QueryResult(["n"], [(ox.Literal("a"),), (None,)])
    >>> list(r), len(r), r.to_csv().splitlines()
    ([('a',), (None,)], 2, ['n', 'a', '""'])
    """

    def __init__(self, vars: Sequence[str], terms: Sequence[Sequence[OxTerm | None]], *,  # noqa: A002
                 kind: TypingLiteral["select", "ask", "graph"] = "select", boolean: bool | None = None) -> None:
        self.vars: list[str] = list(vars)
        self.terms: list[tuple[OxTerm | None, ...]] = [tuple(t) for t in terms]
        self.kind = kind
        self.boolean = boolean

    @property
    def rows(self) -> list[tuple[Any, ...]]:
        """All rows as tuples of Python values."""
        return [tuple(to_python(t) for t in row) for row in self.terms]

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.terms)

    def __bool__(self) -> bool:
        return bool(self.boolean) if self.kind == "ask" else bool(self.terms)

    def __repr__(self) -> str:
        return f"<QueryResult {self.kind} vars={self.vars} rows={len(self)}>"

    def records(self) -> list[dict[str, Any]]:
        """Rows as dicts ``{var: value}``."""
        return [dict(zip(self.vars, row)) for row in self.rows]

    def column(self, var: str) -> list[Any]:
        """The values of one variable."""
        try:
            i = self.vars.index(var)
        except ValueError:
            raise QueryError(f"no variable {var!r} in the result; it has {', '.join(self.vars)}") from None
        return [to_python(row[i]) for row in self.terms]

    def drop(self, names: Iterable[str]) -> QueryResult:
        """A copy without the given variables (used to hide bound parameters)."""
        names = set(names)
        keep = [i for i, v in enumerate(self.vars) if v not in names]
        return QueryResult([self.vars[i] for i in keep], [[row[i] for i in keep] for row in self.terms],
                           kind=self.kind, boolean=self.boolean)

    def to_dataframe(self) -> pandas.DataFrame:
        """A pandas DataFrame, one column per variable."""
        import pandas as pd

        return pd.DataFrame(self.rows, columns=self.vars)

    def to_csv(self) -> str:
        """CSV with a header row; unbound values are empty."""
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(self.vars)
        for row in self.rows:
            w.writerow(["" if v is None else v for v in row])
        return buf.getvalue()

    def to_tsv(self) -> str:
        """SPARQL 1.1 TSV: ``?var`` header, terms in N-Triples syntax."""
        lines = ["\t".join(f"?{v}" for v in self.vars)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in self.terms]
        return "\n".join(lines) + "\n"

    def to_json(self, *, indent: int | None = None) -> str:
        """SPARQL 1.1 Query Results JSON (``{"head": …, "results": {"bindings": …}}``)."""
        if self.kind == "ask":
            doc: dict[str, Any] = {"head": {}, "boolean": bool(self.boolean)}
        else:
            doc = {"head": {"vars": self.vars},
                   "results": {"bindings": [{v: _json_term(t) for v, t in zip(self.vars, row) if t is not None}
                                            for row in self.terms]}}
        return json.dumps(doc, ensure_ascii=False, indent=indent)

    def to_table(self, *, title: str | None = None, prefixes: Mapping[str, str] | None = None) -> Table:
        """A rich Table; IRIs shortened with the standard prefixes."""
        from rich.table import Table

        from graph_builder.resources import base_iri

        b = base_iri()
        pre = dict(prefixes or {})
        pre.update({k: v for k, v in {"person": f"{b}entity/person/", "organization": f"{b}entity/organization/",
                                      "product": f"{b}entity/product/", "place": f"{b}entity/place/",
                                      "entity": f"{b}entity/", "fact": f"{b}fact/", "evidence": f"{b}evidence/",
                                      "article": f"{b}article/"}.items() if k not in pre})
        pre.update({k: v for k, v in PREFIXES.items() if k not in pre})
        table = Table(*self.vars, title=title, show_lines=False)
        for row in self.terms:
            cells = []
            for t in row:
                if t is None:
                    cells.append("")
                elif isinstance(t, ox.NamedNode):
                    cells.append(_compact(t.value, pre))
                else:
                    cells.append(str(to_python(t)))
            table.add_row(*cells)
        return table


class GraphStore:
    """The knowledge graph on disk (``path``) or in memory (``path=None``).

    Use as a context manager, or call :meth:`close` to release the on-disk lock. Only one
    process may open a store read-write; others may open it ``read_only=True``.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False,
                 base: str | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self.base = resolve_base(base)
        self._store: ox.Store | None = self._open()

    # -- opening -------------------------------------------------------------------------
    def _open(self) -> ox.Store:
        p = self.path
        if p is None:
            if self.read_only:
                raise StoreError("an in-memory store cannot be read-only; give the path of a store")
            return ox.Store()
        if p.exists() and not p.is_dir():
            raise StoreError(f"{p} is a file, not a store directory; give a directory (it is created if missing)")
        is_store = (p / "CURRENT").is_file()
        if p.is_dir() and not is_store and any(p.iterdir()):
            raise StoreError(f"{p} is a non-empty directory that is not an Oxigraph store (no CURRENT file); "
                             "give a new or empty directory, or the folder a build wrote")
        if self.read_only and not is_store:
            raise StoreError(f"{p} is not a store (missing or empty); build one first: graph-builder build ... --store {p}")
        if not self.read_only:
            p.parent.mkdir(parents=True, exist_ok=True)
        try:
            return ox.Store.read_only(str(p)) if self.read_only else ox.Store(str(p))
        except OSError as exc:
            msg = str(exc)
            if "lock" in msg.lower():
                raise StoreError(f"{p} is locked by another process (a build, a notebook or `graph-builder serve`); "
                                 "stop it, or open the store read-only") from None
            raise StoreError(f"{p} cannot be opened as a store: {msg}") from None

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying ``pyoxigraph.Store`` (raises StoreError once closed)."""
        if self._store is None:
            raise StoreError(f"the store {self.path or '(in memory)'} is closed; open a new GraphStore")
        return self._store

    def flush(self) -> None:
        """Write the in-memory buffers (RocksDB memtables) to disk, freeing their memory.

        >>> GraphStore().flush()   # in memory: nothing to write
        """
        if self.read_only:
            return
        try:
            self.oxigraph.flush()
        except OSError as exc:
            raise StoreError(f"{self.path}: flushing the store to disk failed: {exc}; "
                             "check free disk space and permissions") from None

    def close(self) -> None:
        """Flush and release the store (and its lock). Safe to call twice."""
        if self._store is not None:
            if not self.read_only and self.path is not None:
                try:
                    self._store.flush()
                except (OSError, AttributeError):  # pragma: no cover
                    pass
            self._store = None

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        where = str(self.path) if self.path else "in memory"
        return f"<GraphStore {where}{' read-only' if self.read_only else ''}>"

    def _writable(self) -> ox.Store:
        if self.read_only:
            raise StoreError(f"{self.path} is opened read-only; open it with read_only=False to write")
        return self.oxigraph

    # -- writing ---------------------------------------------------------------------------
    def article_hash(self, article_id: str) -> str | None:
        """The content hash stored for an article, or None when the store does not have it."""
        g = ox.NamedNode(str(article_graph_iri(article_id, self.base)))
        a = ox.NamedNode(str(article_iri(article_id, self.base)))
        for q in self.oxigraph.quads_for_pattern(a, ox.NamedNode(str(GB.contentHash)), None, g):
            return q.object.value
        return None

    def add_extraction(self, ex: ArticleExtraction, *, extracted_at: datetime | None = None,
                       force: bool = False, refresh: bool = False) -> TypingLiteral["added", "replaced", "unchanged"]:
        """Write one article: ``"unchanged"`` (same id and content hash: skipped unless ``force``),
        ``"replaced"`` (its old graph dropped first) or ``"added"``.

        Call :meth:`refresh` after a batch (or pass ``refresh=True``) to update support counts.
        """
        store = self._writable()
        aid = ex.article.id
        old = self.article_hash(aid)
        if old is not None and old == ex.article.content_hash and not force:
            return "unchanged"
        quads = extraction_to_quads(ex, extracted_at=extracted_at or datetime.now(timezone.utc), base=self.base)
        try:
            if old is not None:
                store.remove_graph(ox.NamedNode(str(article_graph_iri(aid, self.base))))
            store.extend(quads)
        except OSError as exc:
            raise StoreError(f"{self.path}: writing article {aid!r} failed: {exc}") from None
        if refresh:
            self.refresh()
        return "replaced" if old is not None else "added"

    def add_all(self, extractions: Iterable[ArticleExtraction], *,
                extracted_at: datetime | None = None) -> dict[str, int]:
        """Write many articles, then :meth:`refresh` once; returns counts per outcome."""
        counts = {"added": 0, "replaced": 0, "unchanged": 0}
        for ex in extractions:
            counts[self.add_extraction(ex, extracted_at=extracted_at)] += 1
        self.refresh()
        return counts

    def remove_article(self, article_id: str, *, refresh: bool = True) -> bool:
        """Drop an article's graph (and, with ``refresh``, what only it supported). False if absent."""
        if self.article_hash(article_id) is None:
            return False
        self._writable().remove_graph(ox.NamedNode(str(article_graph_iri(article_id, self.base))))
        if refresh:
            self.refresh()
        return True

    def refresh(self) -> None:
        """Recompute derived data in ONE transactional SPARQL update (see :data:`REFRESH_UPDATE`)."""
        try:
            self._writable().update(REFRESH_UPDATE, prefixes=PREFIXES)
        except OSError as exc:
            raise StoreError(f"{self.path}: refresh failed: {exc}") from None

    # -- reading ---------------------------------------------------------------------------
    def query(self, sparql: str, bindings: Mapping[str, object] | None = None) -> QueryResult:
        """Run a SPARQL query over the union of all graphs.

        ``bindings`` maps variable names (without ``?``) to values, substituted as RDF terms
        (see :func:`to_oxigraph`); Oxigraph requires a bound variable to be in the SELECT list.
        """
        subs = {ox.Variable(k.lstrip("?$")): to_oxigraph(v) for k, v in (bindings or {}).items()}
        try:
            res = self.oxigraph.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True,
                                      substitutions=subs or None)
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL at {syntax_error(str(exc), sparql).one_line()}") from None
        except RuntimeError as exc:
            msg = str(exc)
            if "projection" in msg:
                msg += "; add the bound variable to the SELECT list (only SELECT queries take bindings)"
            raise QueryError(msg) from None
        except OSError as exc:
            raise StoreError(f"{self.path}: query failed: {exc}") from None
        if isinstance(res, ox.QueryBoolean):
            return QueryResult(["ask"], [(ox.Literal(bool(res)),)], kind="ask", boolean=bool(res))
        if isinstance(res, ox.QueryTriples):
            return QueryResult(["subject", "predicate", "object"],
                               [(t.subject, t.predicate, t.object) for t in res], kind="graph")
        names = [v.value for v in res.variables]
        return QueryResult(names, [tuple(sol[n] for n in names) for sol in res])

    def update(self, sparql: str) -> None:
        """Run a SPARQL update (one transaction). Meant for maintenance, not for user values."""
        try:
            self._writable().update(sparql, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL update at {syntax_error(str(exc), sparql, update=True).one_line()}") from None

    def triples_count(self) -> int:
        """Number of quads in the store (all graphs)."""
        return len(self.oxigraph)

    def __len__(self) -> int:
        return self.triples_count()

    def articles(self) -> list[dict[str, Any]]:
        """One dict per stored article: id, iri, title, lang, published, url, words, hash, extracted_at, evidence."""
        res = self.query("""
            SELECT ?a ?id ?title ?lang ?published ?url ?words ?hash ?extracted (COUNT(?ev) AS ?evidence) WHERE {
              GRAPH ?g { ?a a schema:NewsArticle ; gb:contentHash ?hash .
                OPTIONAL { ?a schema:identifier ?id } OPTIONAL { ?a schema:headline ?title }
                OPTIONAL { ?a schema:inLanguage ?lang } OPTIONAL { ?a schema:datePublished ?published }
                OPTIONAL { ?a schema:url ?url } OPTIONAL { ?a schema:wordCount ?words }
                OPTIONAL { ?a gb:extractedAt ?extracted } OPTIONAL { ?ev prov:wasDerivedFrom ?a } }
            } GROUP BY ?a ?id ?title ?lang ?published ?url ?words ?hash ?extracted ORDER BY ?id""")
        return [{"iri": r["a"], **{k: v for k, v in r.items() if k != "a"}} for r in res.records()]

    def stats(self) -> dict[str, Any]:
        """Counts: articles, entities (total and by type), facts, relations by predicate, evidence, triples."""
        ent = self.query(f"""SELECT ?t (COUNT(DISTINCT ?e) AS ?n) WHERE {{
            VALUES ?t {{ {_ENTITY_CLASSES} }} ?e a ?t }} GROUP BY ?t""")
        rel = self.query("""SELECT ?p (COUNT(*) AS ?n) WHERE {
            ?f a gb:Fact ; rdf:predicate ?p } GROUP BY ?p ORDER BY DESC(?n)""")
        one = self.query("""SELECT
            (COUNT(DISTINCT ?a) AS ?articles) WHERE { GRAPH ?g { ?a a schema:NewsArticle } }""").rows[0]
        ev = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?e a gb:Evidence } }").rows[0]
        ns = str(GB._NS)
        by_type = {t[len(ns):]: n for t, n in ent}
        by_pred = {p[len(ns):]: n for p, n in rel}
        return {
            "articles": one[0],
            "entities": sum(by_type.values()),
            "entities_by_type": by_type,
            "facts": sum(by_pred.values()),
            "relations_by_predicate": by_pred,
            "evidence": ev[0],
            "triples": self.triples_count(),
        }

    def rdflib_dataset(self) -> rdflib.Dataset:
        """An rdflib Dataset over the SAME store through oxrdflib (no copy; union default graph).

        Keep the GraphStore open while using it.
        """
        from oxrdflib import OxigraphStore

        return rdflib.Dataset(store=OxigraphStore(store=self.oxigraph), default_union=True)

    def dump(self, path: str | os.PathLike[str], format: str | None = None) -> Path:  # noqa: A002
        """Write the store to a file (see :func:`graph_builder.rdf.export.export`)."""
        from graph_builder.rdf.export import export

        return export(self, path, format)
