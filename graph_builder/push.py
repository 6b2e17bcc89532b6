"""Load the graph into another SPARQL 1.1 server, and query a remote endpoint with bindings.

:func:`push` sends every triple of the store (the union of the default graph and the article
graphs, flattened into one target graph) in batches, either through the Graph Store Protocol
(``POST application/n-triples`` to ``GSP?default`` or ``GSP?graph=IRI``) or through SPARQL
Update (``INSERT DATA``). Batches are serialised by pyoxigraph, never by string concatenation
of values. A push is not one transaction: if the server refuses batch 3, batches 1-2 stay (the
target deduplicates triples, so pushing again is safe). Triples with blank nodes travel together
in the last batch, since a blank node label only means the same node within one request; for the
same reason a second push adds fresh copies of them (graph_builder's own model mints IRIs only).

:func:`remote_query` runs a query on any endpoint with values bound safely. SPARQL 1.1 has no
protocol-level bindings, so the values go into a ``VALUES`` block (see :func:`bind_values`)
whose terms are serialised by the RDF library (pyoxigraph ``str(term)``, i.e. N-Triples, the
same as rdflib's ``.n3()``), never pasted from raw strings.

Example
-------
>>> bind_values("SELECT ?n WHERE { ?e rdfs:label ?n }", {"n": "Mistral AI"})
'SELECT ?n WHERE { VALUES (?n) { ("Mistral AI") }\\n ?e rdfs:label ?n }'
>>> resolve_endpoints("http://127.0.0.1:7878/query").gsp
'http://127.0.0.1:7878/store'
"""

from __future__ import annotations

import base64
import os
import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlencode, urlsplit, urlunsplit

import pyoxigraph as ox

from graph_builder.errors import ConfigError, QueryError, StoreError
from graph_builder.sparql import declare_prefixes

__all__ = [
    "PushReport",
    "Endpoints",
    "push",
    "resolve_endpoints",
    "bind_values",
    "remote_query",
    "remote_named",
]

Auth = tuple[str, str] | str | None
_VARNAME = re.compile(r"^[A-Za-z0-9_\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C-\u200D"
                      r"\u203F-\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]+$")


@dataclass(frozen=True)
class Endpoints:
    """The three URLs of a SPARQL server (Oxigraph layout unless given explicitly)."""

    query: str
    update: str
    gsp: str


@dataclass(frozen=True)
class PushReport:
    """What :func:`push` sent: ``triples`` in ``batches`` to ``url`` (graph ``graph``, None = default)."""

    url: str
    method: str
    graph: str | None
    triples: int
    batches: int
    seconds: float

    def __str__(self) -> str:
        target = f"graph <{self.graph}>" if self.graph else "the default graph"
        rate = self.triples / self.seconds if self.seconds > 0 else 0.0
        return (f"pushed {self.triples:,} triples in {self.batches} batch(es) to {target} of {self.url} "
                f"({self.method}, {self.seconds:.1f} s, {rate:,.0f} triples/s)")


def resolve_endpoints(endpoint_url: str | None = None, *, gsp_url: str | None = None,
                      update_url: str | None = None, query_url: str | None = None) -> Endpoints:
    """The query, update and Graph Store URLs of a server.

    ``endpoint_url`` is a base URL (``http://host:7878``) or any of Oxigraph's endpoints
    (``/query``, ``/sparql``, ``/update``, ``/store``): the others follow Oxigraph's layout.
    Explicit ``gsp_url`` / ``update_url`` / ``query_url`` win (Fuseki: ``/ds/data``, ``/ds/update``).

    >>> resolve_endpoints("http://h:3030/ds", gsp_url="http://h:3030/ds/data").gsp
    'http://h:3030/ds/data'
    """
    if endpoint_url is None and (gsp_url is None or update_url is None or query_url is None):
        if not (gsp_url or update_url or query_url):
            raise ConfigError("no endpoint given; pass the server's URL (e.g. http://127.0.0.1:7878) "
                              "or explicit --gsp / --update URLs")
    base = endpoint_url or gsp_url or update_url or query_url or ""
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"{base!r} is not an http(s) URL; give e.g. http://127.0.0.1:7878")
    path = parts.path.rstrip("/")
    for suffix in ("/store", "/update", "/query", "/sparql"):
        if path.endswith(suffix):
            path = path[: -len(suffix)]
            break

    def at(p: str) -> str:
        return urlunsplit((parts.scheme, parts.netloc, path + p, "", ""))

    return Endpoints(query=query_url or at("/query"), update=update_url or at("/update"), gsp=gsp_url or at("/store"))


# -- HTTP -----------------------------------------------------------------------------------
def _headers(auth: Auth, extra: Mapping[str, str]) -> dict[str, str]:
    h = dict(extra)
    if isinstance(auth, tuple):
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")
        h["Authorization"] = f"Basic {token}"
    elif isinstance(auth, str):
        h["Authorization"] = auth
    return h


def _hint(status: int, what: str) -> str:
    if status in (401, 403):
        return ("the server refuses writes: it may be read-only (start Oxigraph with `oxigraph serve`, or "
                "`graph-builder serve --allow-updates`) or need credentials (pass auth / --user)") \
            if what == "push" else "the server needs credentials or refuses this request (pass auth)"
    if status == 404:
        return "wrong URL: Oxigraph serves /query, /update and /store; give the right one with --gsp / --update"
    if status == 405:
        return "this URL does not accept that request; for another server give --gsp URL or --update URL explicitly"
    if status == 413:
        return "the request is too large: lower --batch-size"
    if status == 415:
        return "the server does not take this content type: try --method update (or gsp)"
    if status == 400:
        return "the server could not parse the request" + (": try the other --method" if what == "push" else "")
    if status >= 500:
        return "the server failed: check its log, then retry (pushing again is safe)"
    return "check the URL and the server's log"


def _post(url: str, body: bytes, content_type: str, *, auth: Auth, timeout_s: float, accept: str = "*/*",
          what: str = "push") -> tuple[str, bytes]:
    req = urllib.request.Request(url, data=body, method="POST",
                                 headers=_headers(auth, {"Content-Type": content_type, "Accept": accept}))
    try:
        with urllib.request.urlopen(req, timeout=timeout_s) as resp:  # noqa: S310 - http(s) checked above
            return resp.headers.get("Content-Type", ""), resp.read()
    except urllib.error.HTTPError as exc:
        text = exc.read(4000).decode("utf-8", "replace").strip()
        first = next((ln.strip() for ln in text.splitlines() if ln.strip()), exc.reason or "")
        raise _Refused(exc.code, first, _hint(exc.code, what)) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise StoreError(f"cannot reach {url}: {reason}; is the server running, and is the URL right?") from None


class _Refused(Exception):
    def __init__(self, status: int, first_line: str, hint: str) -> None:
        super().__init__(f"HTTP {status}: {first_line}; {hint}")
        self.status, self.first_line, self.hint = status, first_line, hint


# -- push ----------------------------------------------------------------------------------
def _open(store_or_path: Any) -> tuple[ox.Store, Any]:
    """(pyoxigraph store, thing to close or None)."""
    if isinstance(store_or_path, ox.Store):
        return store_or_path, None
    inner = getattr(store_or_path, "oxigraph", None)
    if isinstance(inner, ox.Store):
        return inner, None
    if isinstance(store_or_path, (str, os.PathLike)):
        from graph_builder.rdf.store import GraphStore

        gs = GraphStore(Path(store_or_path), read_only=True)
        return gs.oxigraph, gs
    raise ConfigError(f"cannot push a {type(store_or_path).__name__}; give a store path, a GraphStore "
                      "or a pyoxigraph.Store")


def _batches(store: ox.Store, size: int) -> Iterator[list[ox.Triple]]:
    batch: list[ox.Triple] = []
    with_bnodes: list[ox.Triple] = []
    for q in store.quads_for_pattern(None, None, None, None):
        t = ox.Triple(q.subject, q.predicate, q.object)
        if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode):
            with_bnodes.append(t)
            continue
        batch.append(t)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
    if with_bnodes:
        yield with_bnodes


def push(store_or_path: Any, endpoint_url: str | None = None, *, graph: str | None = None,
         batch_size: int = 50_000, method: Literal["gsp", "update"] = "gsp", auth: Auth = None,
         progress: bool = True, gsp_url: str | None = None, update_url: str | None = None,
         timeout_s: float = 300) -> PushReport:
    """Load every triple of the store into a SPARQL 1.1 server, in batches.

    ``store_or_path``: a store directory (opened read-only), a ``GraphStore`` or a
    ``pyoxigraph.Store``. ``endpoint_url``: the server's base URL or one of its Oxigraph
    endpoints; ``gsp_url`` / ``update_url`` name others explicitly. ``graph``: target graph IRI
    (None = the default graph). ``method``: ``"gsp"`` (Graph Store Protocol, N-Triples POST) or
    ``"update"`` (``INSERT DATA``). ``auth``: ``(user, password)`` for Basic auth, or a whole
    ``Authorization`` header value (``"Bearer ..."``). Raises StoreError naming the HTTP status,
    the server's first line and what to do when the server refuses.

    >>> import pyoxigraph as ox
    >>> s = ox.Store(); s.add(ox.Quad(ox.NamedNode("http://ex/a"), ox.NamedNode("http://ex/p"), ox.Literal("x")))
    >>> push(s, "http://127.0.0.1:9/", progress=False)  # doctest: +ELLIPSIS
    ... # nothing listens on port 9
    Traceback (most recent call last):
    ...
    graph_builder.errors.StoreError: cannot reach http://127.0.0.1:9/store?default: ...
    """
    if method not in ("gsp", "update"):
        raise ConfigError(f"unknown push method {method!r}; use 'gsp' (Graph Store Protocol) or 'update' (SPARQL Update)")
    if batch_size < 1:
        raise ConfigError(f"batch size must be at least 1 (got {batch_size})")
    target: ox.NamedNode | None = None
    if graph is not None:
        try:
            target = ox.NamedNode(graph)
        except ValueError as exc:
            raise ConfigError(f"{graph!r} is not a valid graph IRI ({exc}); give an absolute IRI, "
                              "e.g. https://w3id.org/graph-builder/graph/kg") from None
    eps = resolve_endpoints(endpoint_url, gsp_url=gsp_url, update_url=update_url)
    if method == "gsp":
        url = eps.gsp + "?" + (urlencode({"graph": graph}) if graph is not None else "default")
    else:
        url = eps.update
    store, owned = _open(store_or_path)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    sent = batches = 0
    start = time.monotonic()
    try:
        total = len(store)
        with Progress(TextColumn("[bold]push[/]"), BarColumn(), MofNCompleteColumn(), TextColumn("triples"),
                      TimeElapsedColumn(), disable=not progress, transient=False) as bar:
            task = bar.add_task("push", total=total)
            for batch in _batches(store, batch_size):
                nt = ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES) or b""
                if method == "gsp":
                    body, ctype = nt, "application/n-triples"
                else:
                    inner = nt.decode("utf-8")
                    if target is not None:
                        inner = f"GRAPH {target} {{\n{inner}}}\n"
                    body, ctype = f"INSERT DATA {{\n{inner}}}\n".encode(), "application/sparql-update"
                try:
                    _post(url, body, ctype, auth=auth, timeout_s=timeout_s)
                except _Refused as exc:
                    done = f"; {sent:,} triples in {batches} batch(es) were loaded before" if batches else ""
                    raise StoreError(f"{url} refused the push (batch {batches + 1}, {len(batch):,} triples): "
                                     f"HTTP {exc.status}: {exc.first_line}; {exc.hint}{done}") from None
                sent += len(batch)
                batches += 1
                bar.update(task, advance=len(batch))
    finally:
        if owned is not None:
            owned.close()
    return PushReport(url=url, method=method, graph=graph, triples=sent, batches=batches,
                      seconds=time.monotonic() - start)


# -- remote queries ----------------------------------------------------------------------------
_TOKEN = re.compile(r'''
    (?P<comment>\#[^\n]*)
  | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
               |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<word>[A-Za-z_][A-Za-z0-9_-]*)
  | (?P<punct>[{}()])
  | (?P<other>\S)
  | (?P<space>\s+)
''', re.X | re.S)
_FORMS = {"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"}


def _where_brace(sparql: str) -> int | None:
    """Index just after the ``{`` opening the query's WHERE group; None when there is none to use
    (``CONSTRUCT WHERE`` short form, ``DESCRIBE`` without WHERE) or the text cannot be scanned."""
    form: str | None = None
    depth = paren = 0
    template_seen = short_form = False
    prev = ""
    for m in _TOKEN.finditer(sparql):
        kind, tok = m.lastgroup, m.group()
        if kind in ("comment", "space"):
            continue
        if kind == "word" and prev not in ("?", "$", ":") and not sparql[m.end():m.end() + 1] == ":":
            up = tok.upper()
            if form is None and depth == 0 and up in _FORMS:
                form = up
            elif form == "CONSTRUCT" and depth == 0 and up == "WHERE" and not template_seen:
                short_form = True
        elif kind == "punct":
            if tok == "(":
                paren += 1
            elif tok == ")":
                paren -= 1
            elif tok == "{":
                if depth == 0 and paren == 0 and form is not None:
                    if form == "CONSTRUCT" and short_form:
                        return None
                    if form == "CONSTRUCT" and not template_seen:
                        template_seen = True
                    else:
                        return m.end()
                depth += 1
            else:
                depth -= 1
        prev = tok if kind == "other" else kind
    return None


def _term(value: Any, name: str) -> str:
    if value is None:
        return "UNDEF"
    from graph_builder.rdf.store import to_oxigraph

    term = to_oxigraph(value)
    if isinstance(term, ox.BlankNode):
        raise QueryError(f"cannot bind ?{name} to a blank node ({value!r}): SPARQL VALUES take IRIs and literals")
    if not isinstance(term, (ox.NamedNode, ox.Literal)):
        raise QueryError(f"cannot bind ?{name} to {value!r}: give an IRI (rdflib.URIRef) or a literal")
    return str(term)  # N-Triples, serialised by pyoxigraph (escapes quotes, newlines, ...)


def bind_values(sparql: str, bindings: Mapping[str, Any] | Sequence[Mapping[str, Any]]) -> str:
    """``sparql`` with ``bindings`` as a ``VALUES`` block, for endpoints without substitution.

    ``bindings`` is one row (``{"org": "Mistral AI"}``) or a sequence of rows (missing or None
    values become ``UNDEF``). Names are variable names (``?`` optional); values are Python values,
    rdflib or pyoxigraph terms, turned into RDF terms by ``graph_builder.rdf.store.to_oxigraph``
    (a ``str`` is a literal: pass ``rdflib.URIRef`` for an IRI) and serialised by pyoxigraph.

    The block is inserted at the top of the WHERE group, so the values are joined with the
    pattern and FILTERs of that group see them, as with Oxigraph's substitutions. Queries
    without a usable group (``CONSTRUCT WHERE {...}``, ``DESCRIBE <x>``) get a trailing
    ``VALUES`` clause instead (SPARQL 1.1 §10.2.2), which is joined after the pattern.

    >>> bind_values('ASK { ?s ?p ?o }', [{"s": None, "o": 3}, {"o": 'say "hi"\\n'}])
    'ASK { VALUES (?s ?o) { (UNDEF "3"^^<http://www.w3.org/2001/XMLSchema#integer>) (UNDEF "say \\\\"hi\\\\"\\\\n") }\\n ?s ?p ?o }'
    """
    rows: list[Mapping[str, Any]] = [bindings] if isinstance(bindings, Mapping) else list(bindings)
    if not rows or not any(rows):
        return sparql
    names: list[str] = []
    for row in rows:
        for k in row:
            n = k.lstrip("?$")
            if not _VARNAME.match(n):
                raise QueryError(f"{k!r} is not a SPARQL variable name; use letters, digits and _")
            if n not in names:
                names.append(n)
    lookup = [{k.lstrip("?$"): v for k, v in row.items()} for row in rows]
    body = " ".join("(" + " ".join(_term(r.get(n), n) for n in names) + ")" for r in lookup)
    block = f"VALUES ({' '.join('?' + n for n in names)}) {{ {body} }}"
    at = _where_brace(sparql)
    if at is None:
        return sparql.rstrip() + "\n" + block + "\n"
    return sparql[:at] + " " + block + "\n" + sparql[at:]


def remote_query(endpoint: str, sparql: str, bindings: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None,
                 *, auth: Auth = None, timeout_s: float = 60) -> Any:
    """Run ``sparql`` on a remote SPARQL endpoint; returns a ``graph_builder.rdf.store.QueryResult``.

    ``endpoint``: a query URL, or a server's base URL (then ``/query``, Oxigraph's layout).
    graph_builder's usual prefixes (``gb:``, ``rdfs:``, ``schema:``...) are declared when the
    query uses them without declaring them, as on the local store. ``bindings`` go in as a
    ``VALUES`` block (:func:`bind_values`): SPARQL 1.1 has no protocol-level bindings.
    Raises QueryError when the server rejects the query (HTTP 400), StoreError otherwise.
    """
    from graph_builder.rdf.store import QueryResult

    parts = urlsplit(endpoint)
    url = resolve_endpoints(endpoint).query if parts.path.rstrip("/") in ("", "/store", "/update") else endpoint
    text, _ = declare_prefixes(sparql)
    if bindings:
        text = bind_values(text, bindings)
    try:
        ctype, data = _post(url, urlencode({"query": text}).encode("utf-8"), "application/x-www-form-urlencoded",
                            auth=auth, timeout_s=timeout_s, what="query",
                            accept="application/sparql-results+json, application/n-triples;q=0.9")
    except _Refused as exc:
        if exc.status == 400:
            raise QueryError(f"{url} rejected the query: {exc.first_line}") from None
        raise StoreError(f"{url} refused the query: HTTP {exc.status}: {exc.first_line}; {exc.hint}") from None
    media = ctype.split(";")[0].strip().lower()
    try:
        if media in ("application/n-triples", "text/plain", "text/turtle"):
            fmt = ox.RdfFormat.TURTLE if media == "text/turtle" else ox.RdfFormat.N_TRIPLES
            triples = [(q.subject, q.predicate, q.object) for q in ox.parse(data, fmt)]
            return QueryResult(["subject", "predicate", "object"], triples, kind="graph")
        res = ox.parse_query_results(data, ox.QueryResultsFormat.JSON)
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"{url} answered something that is not SPARQL JSON results or N-Triples "
                         f"({media or 'no content type'}): {exc}") from None
    if isinstance(res, ox.QueryBoolean):
        return QueryResult(["ask"], [(ox.Literal(bool(res)),)], kind="ask", boolean=bool(res))
    names = [v.value for v in res.variables]
    return QueryResult(names, [tuple(sol[n] for n in names) for sol in res])


def remote_named(endpoint: str, name: str, /, *, auth: Auth = None, timeout_s: float = 60, **params: object) -> Any:
    """Run the named query ``name`` (``ontology/queries/NAME.rq``) on a remote endpoint.

    Same parameters, result and errors (an unknown name or relation) as
    ``graph_builder.query.run_named`` on the local store.
    """
    from graph_builder.query import check_parameters, coerce_params, get_query

    q = get_query(name)
    bindings = coerce_params(q, params)
    result = remote_query(endpoint, q.text, bindings, auth=auth, timeout_s=timeout_s).drop(bindings)
    if not result:  # an unknown name is an error there too, not a silent empty answer
        check_parameters(lambda text, values: remote_query(endpoint, text, values or None, auth=auth,
                                                           timeout_s=timeout_s), q, bindings)
    return result
