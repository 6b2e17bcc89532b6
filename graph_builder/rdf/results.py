"""Query results and RDF terms as Python values: :class:`QueryResult`, :func:`to_python`, :func:`to_oxigraph`.

A :class:`QueryResult` is what :meth:`graph_builder.rdf.store.GraphStore.query` (and
``graph_builder.push.remote_query``) returns: the variables and the rows, as RDF terms and as
plain Python values, with CSV, TSV, SPARQL JSON, pandas and rich-table views.

>>> r = QueryResult(["n"], [(ox.Literal("7", datatype=ox.NamedNode(str(XSD.integer))),)])
>>> r.rows, r.to_json()
([(7,)], '{"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal", "value": "7", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}}')
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal as TypingLiteral

import pyoxigraph as ox
import rdflib
from rdflib.namespace import XSD

from graph_builder.errors import QueryError

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    from rich.table import Table

__all__ = ["OxTerm", "QueryResult", "to_oxigraph", "to_python"]

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

        from graph_builder.rdf.store import PREFIXES  # here: store.py imports this module
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
