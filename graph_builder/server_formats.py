"""What the SPARQL endpoint answers, once the ``oxigraph`` binary has answered it: content
negotiation, re-serialising the rows it kept, the HTML pages, and saying that an answer was cut.

:mod:`graph_builder.server` runs the binary and the HTTP side; this module turns the lines it read
(TSV solutions or N-Triples) into the format the client asked for. When the server's
``max_results`` cut the answer, the answer itself says so wherever its format has room:

* SPARQL JSON: ``"truncated": true`` and ``"limit": N`` in ``head`` (pyoxigraph, rdflib and
  SPARQLWrapper read it as usual);
* SPARQL XML, RDF/XML: an XML comment at the top; Turtle, N-Triples, N3: a ``#`` comment line;
* the HTML table: a note above the table;
* CSV, TSV and JSON-LD have no room for it: the ``X-Graph-Builder-Truncated: true`` header
  (sent with every format) is the only sign.

>>> media, body = render_answer("select", "json", ["?a", '"x"', '"y"'], truncated=True, limit=2)
>>> media, json.loads(body)["head"]
('application/sparql-results+json', {'vars': ['a'], 'truncated': True, 'limit': 2})
"""

from __future__ import annotations

import html
import json
from importlib import resources
from string import Template
from typing import Any

import pyoxigraph as ox

from graph_builder.sparql import PREFIXES

__all__ = ["RESULT_FORMATS", "GRAPH_FORMATS", "HTML", "DEFAULT_RESULT", "DEFAULT_GRAPH", "EXAMPLE_QUERY",
           "parse_accept", "negotiate", "render_answer", "results_html", "query_page", "truncation_note"]

#: name -> (media type sent, media types accepted, pyoxigraph format) for SELECT / ASK results
RESULT_FORMATS: dict[str, tuple[str, tuple[str, ...], ox.QueryResultsFormat]] = {
    "json": ("application/sparql-results+json",
             ("application/sparql-results+json", "application/json", "text/javascript", "application/javascript"),
             ox.QueryResultsFormat.JSON),
    "xml": ("application/sparql-results+xml", ("application/sparql-results+xml", "application/xml", "text/xml"),
            ox.QueryResultsFormat.XML),
    "csv": ("text/csv; charset=utf-8", ("text/csv",), ox.QueryResultsFormat.CSV),
    "tsv": ("text/tab-separated-values; charset=utf-8", ("text/tab-separated-values", "text/tsv"),
            ox.QueryResultsFormat.TSV),
}
#: name -> (media type sent, media types accepted, pyoxigraph format) for CONSTRUCT / DESCRIBE
GRAPH_FORMATS: dict[str, tuple[str, tuple[str, ...], ox.RdfFormat]] = {
    "turtle": ("text/turtle; charset=utf-8", ("text/turtle", "application/turtle", "application/x-turtle"),
               ox.RdfFormat.TURTLE),
    "jsonld": ("application/ld+json", ("application/ld+json", "application/x-json+ld", "application/json"),
               ox.RdfFormat.JSON_LD),
    "ntriples": ("application/n-triples", ("application/n-triples", "text/plain"), ox.RdfFormat.N_TRIPLES),
    "rdfxml": ("application/rdf+xml", ("application/rdf+xml", "application/xml", "text/xml"), ox.RdfFormat.RDF_XML),
    "n3": ("text/n3; charset=utf-8", ("text/n3", "text/rdf+n3"), ox.RdfFormat.N3),
}
HTML = "html"
DEFAULT_RESULT, DEFAULT_GRAPH = "json", "turtle"
_HTML_MEDIA = "text/html; charset=utf-8"

#: The query the query page opens with: one row per fact (``skos:prefLabel`` is one name per entity;
#: ``rdfs:label`` has one per language and article wording).
EXAMPLE_QUERY = """SELECT ?founder ?company WHERE {
  ?f gb:founderOf ?c .
  ?f skos:prefLabel ?founder . ?c skos:prefLabel ?company .
}
ORDER BY ?company ?founder
LIMIT 50"""


# -- content negotiation ---------------------------------------------------------------------
def parse_accept(header: str | None) -> list[str]:
    """Media ranges of an Accept header, best first (q=0 dropped; ties keep their order).

    >>> parse_accept("text/csv;q=0.5, application/json")
    ['application/json', 'text/csv']
    """
    if not header:
        return ["*/*"]
    items: list[tuple[float, int, str]] = []
    for i, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if media and q > 0:
            items.append((-q, i, media))
    return [m for _, _, m in sorted(items)] or ["*/*"]


def negotiate(ranges: list[str], table: dict[str, Any], default: str, html_ok: bool) -> str | None:
    """The format name of ``table`` (or :data:`HTML`) the first acceptable range asks for, else None."""
    for media in ranges:
        if media == "text/html" and html_ok:
            return HTML
        if media in ("*/*", "*"):
            return default
        for name, (_, accepted, _) in table.items():
            if media in accepted:
                return name
        if media.endswith("/*"):  # a type wildcard matches a format's main media type only
            for name, (sent, _, _) in table.items():
                if sent.startswith(media[:-1]):
                    return name
    return None


# -- HTML ------------------------------------------------------------------------------------
def _asset(name: str) -> str:
    return (resources.files("graph_builder") / "server_assets" / name).read_text(encoding="utf-8")


def _compact(iri: str) -> str:
    for p, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{p}:{iri[len(ns):]}"
    return f"<{iri}>"


def _term_html(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        extra = ""
        if term.language:
            extra = f'<span class="meta">@{html.escape(term.language)}</span>'
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            extra = f'<span class="meta">^^{html.escape(_compact(term.datatype.value))}</span>'
        return html.escape(term.value) + extra
    if isinstance(term, ox.NamedNode):
        return f'<span class="iri">{html.escape(_compact(term.value))}</span>'
    return html.escape(str(term))


def truncation_note(limit: int, what: str = "rows") -> str:
    """The sentence every truncated answer carries."""
    return (f"truncated: only the first {limit} {what} are given (the server's --max-results limit); "
            "add LIMIT/OFFSET to page through the rest, or start the server with a larger --max-results")


def results_html(names: list[str], rows: list[list[Any]], truncated: bool, limit: int) -> str:
    """The HTML results page (the query page's answer)."""
    head = "".join(f"<th>{html.escape(n)}</th>" for n in names)
    body = "\n".join("<tr>" + "".join(f"<td>{_term_html(t)}</td>" for t in r) + "</tr>" for r in rows)
    note = f'<p class="warn" id="truncated">{html.escape(truncation_note(limit).capitalize())}.</p>' if truncated else ""
    count = f"{len(rows)} rows" + (f" (cut at the limit of {limit})" if truncated else "")
    return Template(_asset("results.html")).substitute(count=count, note=note, head=head, body=body)


def query_page(*, mode: str, timeout_s: float, max_results: int, store_name: str) -> str:
    """The query page at ``/``: a form with :data:`EXAMPLE_QUERY` and the server's limits."""
    return Template(_asset("index.html")).substitute(
        mode=mode, timeout=html.escape(f"{timeout_s:g}"), max_results=html.escape(str(max_results)),
        store=html.escape(store_name), query=html.escape(EXAMPLE_QUERY),
        prefixes=html.escape(", ".join(f"{p}:" for p in PREFIXES)))


# -- answers ---------------------------------------------------------------------------------
def _mark(data: bytes, fmt: str, limit: int) -> bytes:
    """``data`` (in format ``fmt``) saying that it was cut at ``limit`` where the format has room."""
    if fmt == "json":
        doc = json.loads(data)
        doc.setdefault("head", {}).update({"truncated": True, "limit": limit})
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")
    what = "triples" if fmt in GRAPH_FORMATS else "rows"
    note = truncation_note(limit, what).replace("--", "- -")  # "--" may not appear in an XML comment
    if fmt in ("xml", "rdfxml"):
        text = data.decode("utf-8")
        end = text.find("?>") + 2 if text.startswith("<?xml") else 0
        return (text[:end] + f"\n<!-- {note} -->\n" + text[end:].lstrip("\n")).encode("utf-8")
    if fmt in ("turtle", "ntriples", "n3"):
        return f"# {truncation_note(limit, what)}\n".encode() + data
    return data  # csv, tsv, jsonld: no room; the header says it


def render_answer(kind: str, want: str, lines: list[str], *, truncated: bool, limit: int) -> tuple[str, bytes]:
    """``(media type, body)`` for the binary's answer ``lines`` (TSV for ``select``/``ask``,
    N-Triples for ``graph``) in the format ``want``. Raises SyntaxError or ValueError when the
    lines cannot be read."""
    text = ("\n".join(lines) + "\n").encode("utf-8")
    if kind == "graph":
        triples = list(ox.parse(text, ox.RdfFormat.N_TRIPLES))
        if want == HTML:
            rows = [[q.subject, q.predicate, q.object] for q in triples]
            return _HTML_MEDIA, results_html(["subject", "predicate", "object"], rows, truncated,
                                             limit).encode("utf-8")
        media, _, fmt = GRAPH_FORMATS[want]
        if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.N3, ox.RdfFormat.RDF_XML):
            data = ox.serialize(triples, format=fmt, prefixes=PREFIXES)
        else:
            data = ox.serialize(triples, format=fmt)
    else:
        res = ox.parse_query_results(text, ox.QueryResultsFormat.TSV)
        if want == HTML:
            if isinstance(res, ox.QueryBoolean):
                return _HTML_MEDIA, results_html(["ask"], [[ox.Literal(bool(res))]], False, 0).encode("utf-8")
            names = [v.value for v in res.variables]
            rows = [[sol[n] for n in names] for sol in res]
            return _HTML_MEDIA, results_html(names, rows, truncated, limit).encode("utf-8")
        media, _, rfmt = RESULT_FORMATS[want]
        data = res.serialize(format=rfmt)
    data = data or b""
    return media, _mark(data, want, limit) if truncated else data
