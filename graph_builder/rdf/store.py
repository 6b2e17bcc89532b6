"""The persistent graph: a :class:`GraphStore` over an Oxigraph (RocksDB) store.

Writes are whole articles: :meth:`GraphStore.add_extraction` puts all of an article's quads
in with ONE ``Store.extend`` (a transaction). When an article's text changed, its named graph
is dropped first (one transaction) and the new quads added (another): if the process is
interrupted in between, the article is simply absent and the next build adds it again — the
store never holds half an article. :meth:`GraphStore.refresh` then recomputes the derived
parts (support counts, each entity's one ``skos:prefLabel``, name keys, top facts...:
:mod:`graph_builder.rdf.refresh`), in bounded batches.

Damage and staleness are never silent (:mod:`graph_builder.rdf.health`): opening reads the
first entries of every index; the first write of a session is preceded by a scan of the
indexes (a damaged store is never written to); a damaged file gives a
:class:`~graph_builder.errors.StoreDamagedError` naming it; a write leaves the "refresh pending"
mark until the refresh that follows it has finished, and a store opened with the mark is
refreshed (writable) or warns on every query (read-only, :class:`StaleStoreWarning`).

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
...     store.stale
...     store.refresh()
...     store.stale, [row for row in store.query("SELECT ?n WHERE { ?p gb:ceoOf ?o . ?p rdfs:label ?n }")]
('added', 'unchanged')
True
(False, [('Arthur Mensch',)])
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal as TypingLiteral

import pyoxigraph as ox
import rdflib

from graph_builder.errors import QueryError, StoreDamagedError, StoreError
from graph_builder.rdf.health import MemoryGuard, ScanReport, damage_error, is_damage, quick_read, scan
from graph_builder.rdf.iri import article_graph_iri, article_iri, resolve_base
from graph_builder.rdf.model import extraction_to_quads
from graph_builder.rdf.ns import GB
from graph_builder.rdf.refresh import (ENTITY_CLASSES, FACTS_PER_BATCH, REFRESH_UPDATE, TOP_FACTS, clear_pending,
                                       fact_predicates, is_pending, mark_pending, pending_reason, refresh_batches)
from graph_builder.rdf.results import QueryResult, to_oxigraph, to_python
from graph_builder.sparql import PREFIXES, syntax_error
from graph_builder.types import ArticleExtraction

__all__ = ["PREFIXES", "REFRESH_UPDATE", "TOP_FACTS", "GraphStore", "QueryResult", "StaleStoreWarning",
           "stale_message", "to_oxigraph", "to_python"]

_ENTITY_CLASSES = " ".join(f"gb:{c}" for c in ENTITY_CLASSES)


def stale_message(path: str | os.PathLike[str] | None, reason: str = "") -> str:
    """The one-line warning for a store whose derived data is out of date: what it means, what to do.

    >>> stale_message(None)
    'the in-memory store: derived data out of date, so support counts, name keys and top facts may be missing or old and named queries can return fewer rows; call refresh()'
    """
    what = (f"{reason or 'derived data out of date'}, so support counts, name keys and top facts "
            "may be missing or old and named queries can return fewer rows")
    if path is None:
        return f"the in-memory store: {what}; call refresh()"
    return (f"{path}: {what}; a build may still be running: if not, refresh it with "
            f"graph-builder check {path} --refresh (or build again)")


class StaleStoreWarning(UserWarning):
    """The store's derived data is out of date (a build was interrupted, or is running)."""


# "warns on every query": not only the first time per line of code
warnings.filterwarnings("always", category=StaleStoreWarning)


class GraphStore:
    """The knowledge graph on disk (``path``) or in memory (``path=None``).

    Use as a context manager, or call :meth:`close` to release the on-disk lock. Only one
    process may open a store read-write; others may open it ``read_only=True``.

    Opening checks the store (a damaged one raises :class:`~graph_builder.errors.StoreDamagedError`)
    and, when the derived data is marked out of date, refreshes it (writable; said in
    :attr:`notes`) or warns on each query (read-only). ``refresh_if_pending=False`` leaves that
    to the caller.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False,
                 base: str | None = None, refresh_if_pending: bool = True) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self.base = resolve_base(base)
        #: what opening did that a user should hear about (e.g. a refresh of stale derived data)
        self.notes: list[str] = []
        #: quads written by :meth:`add_extraction` since the store was opened (the build flushes by it)
        self.quads_written = 0
        self._pending_in_memory = False
        self._scanned = self.path is None  # a store is scanned once, before its first write
        self._store: ox.Store | None = self._open()
        if refresh_if_pending and not read_only and self.stale:
            reason = self.stale_reason
            try:
                self.refresh()
            except BaseException:
                self._store = None
                raise
            self.notes.append(f"{self.path}: the derived data was out of date ({reason}); refreshed it")

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
        if p.is_dir() and not is_store and any(x.name != "LOCK" for x in p.iterdir()):
            if any(x.suffix == ".sst" or x.name.startswith("MANIFEST-") for x in p.iterdir()):
                raise StoreDamagedError(p, "the CURRENT file is missing")
            raise StoreError(f"{p} is a non-empty directory that is not an Oxigraph store (no CURRENT file); "
                             "give a new or empty directory, or the folder a build wrote")
        if self.read_only and not is_store:
            raise StoreError(f"{p} is not a store (missing or empty); build one first: graph-builder build ... --store {p}")
        if not self.read_only:
            p.parent.mkdir(parents=True, exist_ok=True)
        try:
            store = ox.Store.read_only(str(p)) if self.read_only else ox.Store(str(p))
        except (OSError, RuntimeError) as exc:
            if is_damage(exc):
                raise damage_error(p, exc) from None
            msg = str(exc)
            if "lock" in msg.lower():
                raise StoreError(f"{p} is locked by another process (a build, a notebook or `graph-builder serve`); "
                                 "stop it, or open the store read-only") from None
            raise StoreError(f"{p} cannot be opened as a store: {msg}") from None
        try:
            quick_read(store, p)
        except StoreDamagedError:
            del store  # release the lock now, not when the traceback is collected
            raise
        return store

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying ``pyoxigraph.Store`` (raises StoreError once closed)."""
        if self._store is None:
            raise StoreError(f"the store {self.path or '(in memory)'} is closed; open a new GraphStore")
        return self._store

    # -- staleness -----------------------------------------------------------------------
    @property
    def stale(self) -> bool:
        """Whether the derived data is out of date (written since the last finished refresh)."""
        return self._pending_in_memory if self.path is None else is_pending(self.path)

    @property
    def stale_reason(self) -> str:
        """Since when and why the derived data is out of date (``""`` when it is not)."""
        if self.path is None:
            return "articles written since the last refresh" if self._pending_in_memory else ""
        return pending_reason(self.path)

    def stale_message(self) -> str:
        """The one-line warning for a stale store: what it means, and what to do."""
        return stale_message(self.path, self.stale_reason)

    def _warn_if_stale(self) -> None:
        if self.stale:
            warnings.warn(StaleStoreWarning(self.stale_message()), stacklevel=3)

    # -- guards --------------------------------------------------------------------------
    def _damage(self, exc: BaseException) -> BaseException:
        return damage_error(self.path, exc) if is_damage(exc) else exc

    def ensure_sound(self) -> ScanReport | None:
        """Scan the store's indexes, once per session (:func:`~graph_builder.rdf.health.scan`): the
        check every first write is preceded by; call it to fail before long work. Raises
        :class:`~graph_builder.errors.StoreDamagedError`; returns what was counted (None when the
        store was scanned already, or is in memory).

        >>> GraphStore().ensure_sound() is None
        True
        """
        if self._scanned:
            return None
        report = scan(self.oxigraph, self.path)
        self._scanned = True
        return report

    def _before_write(self, why: str) -> None:
        """Scan once per session (never write into a damaged store), then set the pending mark."""
        self.ensure_sound()
        if self.path is None:
            self._pending_in_memory = True
        elif not is_pending(self.path):
            mark_pending(self.path, why)

    def flush(self) -> None:
        """Write the in-memory buffers (RocksDB memtables) to disk, freeing their memory.

        >>> GraphStore().flush()   # in memory: nothing to write
        """
        if self.read_only:
            return
        try:
            self.oxigraph.flush()
        except (OSError, RuntimeError) as exc:
            if is_damage(exc):
                raise self._damage(exc) from None
            raise StoreError(f"{self.path}: flushing the store to disk failed: {exc}; "
                             "check free disk space and permissions") from None

    def close(self) -> None:
        """Flush and release the store (and its lock). Safe to call twice."""
        if self._store is not None:
            if not self.read_only and self.path is not None:
                try:
                    self._store.flush()
                except (OSError, RuntimeError, AttributeError):  # pragma: no cover
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
        try:
            for q in self.oxigraph.quads_for_pattern(a, ox.NamedNode(str(GB.contentHash)), None, g):
                return q.object.value
        except (OSError, RuntimeError) as exc:
            raise self._damage(exc) from None
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
        self._before_write("articles being written")
        try:
            if old is not None:
                store.remove_graph(ox.NamedNode(str(article_graph_iri(aid, self.base))))
            store.extend(quads)
            self.quads_written += len(quads)
        except (OSError, RuntimeError) as exc:
            if is_damage(exc):
                raise self._damage(exc) from None
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
        store = self._writable()
        self._before_write("an article removed")
        try:
            store.remove_graph(ox.NamedNode(str(article_graph_iri(article_id, self.base))))
        except (OSError, RuntimeError) as exc:
            raise self._damage(exc) from None
        if refresh:
            self.refresh()
        return True

    def refresh(self) -> None:
        """Recompute the derived data (:mod:`graph_builder.rdf.refresh`), one transaction per batch,
        the store's buffers flushed between two batches; then clear the pending mark.

        Runs under a :class:`~graph_builder.rdf.health.MemoryGuard`: should a damaged store make
        pyoxigraph allocate without bound, the process stops with one line instead.
        """
        store = self._writable()
        self.ensure_sound()
        try:
            with MemoryGuard("the refresh of the derived data", self.path):
                unflushed = 0
                for _label, update, facts in refresh_batches(fact_predicates(store, PREFIXES)):
                    store.update(update, prefixes=PREFIXES)
                    unflushed += facts
                    if self.path is not None and unflushed >= FACTS_PER_BATCH:
                        store.flush()  # what a batch wrote leaves the memtables
                        unflushed = 0
                if self.path is not None:
                    store.flush()
        except (OSError, RuntimeError) as exc:
            if is_damage(exc):
                raise self._damage(exc) from None
            raise StoreError(f"{self.path}: refresh failed: {exc}") from None
        if self.path is None:
            self._pending_in_memory = False
        else:
            clear_pending(self.path)

    # -- reading ---------------------------------------------------------------------------
    def query(self, sparql: str, bindings: Mapping[str, object] | None = None, *, warn: bool = True) -> QueryResult:
        """Run a SPARQL query over the union of all graphs.

        ``bindings`` maps variable names (without ``?``) to values, substituted as RDF terms
        (see :func:`to_oxigraph`); Oxigraph requires a bound variable to be in the SELECT list.
        Warns (:class:`StaleStoreWarning`) when the derived data is out of date, unless ``warn=False``.
        """
        if warn:
            self._warn_if_stale()
        return self._query(sparql, bindings)

    def _query(self, sparql: str, bindings: Mapping[str, object] | None = None) -> QueryResult:
        subs = {ox.Variable(k.lstrip("?$")): to_oxigraph(v) for k, v in (bindings or {}).items()}
        try:
            with MemoryGuard("a query", self.path):
                res = self.oxigraph.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True,
                                          substitutions=subs or None)
                if isinstance(res, ox.QueryBoolean):
                    return QueryResult(["ask"], [(ox.Literal(bool(res)),)], kind="ask", boolean=bool(res))
                if isinstance(res, ox.QueryTriples):
                    return QueryResult(["subject", "predicate", "object"],
                                       [(t.subject, t.predicate, t.object) for t in res], kind="graph")
                names = [v.value for v in res.variables]
                return QueryResult(names, [tuple(sol[n] for n in names) for sol in res])
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL at {syntax_error(str(exc), sparql).one_line()}") from None
        except (RuntimeError, OSError) as exc:
            if is_damage(exc):
                raise self._damage(exc) from None
            if isinstance(exc, OSError):
                raise StoreError(f"{self.path}: query failed: {exc}") from None
            msg = str(exc)
            if "projection" in msg:
                msg += "; add the bound variable to the SELECT list (only SELECT queries take bindings)"
            raise QueryError(msg) from None

    def update(self, sparql: str) -> None:
        """Run a SPARQL update (one transaction). Meant for maintenance, not for user values.

        The store is marked stale until the next :meth:`refresh`.
        """
        store = self._writable()
        self._before_write("a SPARQL update")
        try:
            with MemoryGuard("an update", self.path):
                store.update(sparql, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL update at {syntax_error(str(exc), sparql, update=True).one_line()}") from None
        except (RuntimeError, OSError) as exc:
            raise self._damage(exc) from None

    def triples_count(self) -> int:
        """Number of quads in the store (all graphs)."""
        try:
            return len(self.oxigraph)
        except (OSError, RuntimeError) as exc:
            raise self._damage(exc) from None

    def __len__(self) -> int:
        return self.triples_count()

    def articles(self) -> list[dict[str, Any]]:
        """One dict per stored article: id, iri, title, lang, published, url, words, hash, extracted_at, evidence."""
        res = self._query("""
            SELECT ?a ?id ?title ?lang ?published ?url ?words ?hash ?extracted (COUNT(?ev) AS ?evidence) WHERE {
              GRAPH ?g { ?a a schema:NewsArticle ; gb:contentHash ?hash .
                OPTIONAL { ?a schema:identifier ?id } OPTIONAL { ?a schema:headline ?title }
                OPTIONAL { ?a schema:inLanguage ?lang } OPTIONAL { ?a schema:datePublished ?published }
                OPTIONAL { ?a schema:url ?url } OPTIONAL { ?a schema:wordCount ?words }
                OPTIONAL { ?a gb:extractedAt ?extracted } OPTIONAL { ?ev prov:wasDerivedFrom ?a } }
            } GROUP BY ?a ?id ?title ?lang ?published ?url ?words ?hash ?extracted ORDER BY ?id""")
        return [{"iri": r["a"], **{k: v for k, v in r.items() if k != "a"}} for r in res.records()]

    def stats(self) -> dict[str, Any]:
        """Counts: articles, entities (total and by type), facts, relations by predicate, evidence, triples;
        ``stale`` (and ``stale_reason``) when the derived data is out of date."""
        self._warn_if_stale()
        ent = self._query(f"""SELECT ?t (COUNT(DISTINCT ?e) AS ?n) WHERE {{
            VALUES ?t {{ {_ENTITY_CLASSES} }} ?e a ?t }} GROUP BY ?t""")
        rel = self._query("""SELECT ?p (COUNT(*) AS ?n) WHERE {
            ?f a gb:Fact ; rdf:predicate ?p } GROUP BY ?p ORDER BY DESC(?n)""")
        one = self._query("""SELECT
            (COUNT(DISTINCT ?a) AS ?articles) WHERE { GRAPH ?g { ?a a schema:NewsArticle } }""").rows[0]
        ev = self._query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?e a gb:Evidence } }").rows[0]
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
            "stale": self.stale,
            "stale_reason": self.stale_reason,
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
