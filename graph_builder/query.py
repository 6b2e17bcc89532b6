"""Named SPARQL queries: the ``ontology/queries/*.rq`` files, run with bindings.

Each file begins with comment lines::

    # name: founders
    # description: Who founded what ...
    # param: org (organization founded: name or alias, optional)
    # param: min (minimum confidence in [0, 1], decimal, default 0.8)

Inside the parentheses, ``optional``, ``default VALUE`` and a type (``string``, ``integer``,
``decimal``, ``boolean``) are keywords; the rest is the description. A parameter without
``optional`` or a default is required. Optional string parameters default to ``""``, which
the queries read as "no filter". Values reach the query only as bindings (SPARQL
substitution), never spliced into its text; because Oxigraph only substitutes variables of
the SELECT list, each query selects its parameters and :func:`run_named` drops those columns.

>>> from graph_builder.rdf.store import GraphStore
>>> "founders" in [q.name for q in list_queries()]
True
>>> with GraphStore() as store:
...     run_named(store, "founders", org="Mistral AI").vars[:2]
['founder', 'company']
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph_builder.errors import QueryError
from graph_builder.resources import queries_dir

if TYPE_CHECKING:  # pragma: no cover
    from graph_builder.rdf.store import GraphStore, QueryResult

__all__ = ["Param", "NamedQuery", "parse_query_file", "list_queries", "get_query", "coerce_params", "run_named"]

_TYPES = ("string", "integer", "decimal", "boolean")
_HEADER = re.compile(r"^#\s*(name|description|param)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*(?:\((.*)\))?\s*(.*)$")


@dataclass(frozen=True, slots=True)
class Param:
    """One parameter of a named query."""

    name: str
    description: str = ""
    type: str = "string"
    required: bool = True
    default: Any = None

    def __str__(self) -> str:
        if self.required:
            return f"{self.name} ({self.description})"
        d = "" if self.default in (None, "") else f", default {self.default}"
        return f"{self.name} ({self.description}, optional{d})"


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A query file: its name, description, parameters, path and SPARQL text."""

    name: str
    description: str
    params: tuple[Param, ...]
    path: Path
    text: str

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def _convert(value: object, type_: str, *, where: str) -> Any:
    if type_ == "string" or not isinstance(value, str):
        if type_ == "decimal" and isinstance(value, float):
            return Decimal(str(value))
        return value
    try:
        if type_ == "integer":
            return int(value)
        if type_ == "decimal":
            return Decimal(value)
        if type_ == "boolean":
            v = value.strip().lower()
            if v in ("true", "1", "yes"):
                return True
            if v in ("false", "0", "no"):
                return False
            raise ValueError(value)
    except (ValueError, InvalidOperation):
        raise QueryError(f"{where}: {value!r} is not a valid {type_}") from None
    return value


def _parse_param(spec: str, where: str) -> Param:
    m = _PARAM.match(spec)
    if not m:
        raise QueryError(f"{where}: cannot read '# param: {spec}'; write '# param: name (description, optional)'")
    name, inner, rest = m.group(1), m.group(2) or "", m.group(3)
    type_, required, default, desc = "string", True, None, []
    for tok in (t.strip() for t in inner.split(",")):
        low = tok.lower()
        if low == "optional":
            required = False
        elif low == "required":
            required = True
        elif low in _TYPES:
            type_ = low
        elif low.startswith("default "):
            default, required = tok[8:].strip().strip('"'), False
        elif tok:
            desc.append(tok)
    if default is not None:
        default = _convert(default, type_, where=where)
    elif not required and type_ == "string":
        default = ""
    elif not required:
        raise QueryError(f"{where}: optional {type_} parameter {name!r} needs a default")
    description = ", ".join(desc) + (f" {rest}" if rest else "")
    return Param(name=name, description=description.strip(), type=type_, required=required, default=default)


def parse_query_file(path: str | Path) -> NamedQuery:
    """Read one ``.rq`` file and its header."""
    p = Path(path)
    text = p.read_text(encoding="utf-8")
    name, description, params = p.stem, "", []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = _HEADER.match(line)
        if not m:
            continue
        key, value = m.groups()
        if key == "name":
            name = value
        elif key == "description":
            description = (description + " " + value).strip()
        else:
            params.append(_parse_param(value, str(p)))
    return NamedQuery(name=name, description=description, params=tuple(params), path=p, text=text)


def list_queries(directory: str | Path | None = None) -> list[NamedQuery]:
    """All named queries, sorted by name."""
    d = Path(directory) if directory else queries_dir()
    if not d.is_dir():
        raise QueryError(f"no query folder at {d}; check GRAPH_BUILDER_HOME")
    return sorted((parse_query_file(f) for f in d.glob("*.rq")), key=lambda q: q.name)


def get_query(name: str, directory: str | Path | None = None) -> NamedQuery:
    """The named query ``name`` (QueryError listing the valid names when unknown)."""
    queries = list_queries(directory)
    for q in queries:
        if q.name == name:
            return q
    raise QueryError(f"unknown query {name!r}; valid names: {', '.join(q.name for q in queries)}")


def coerce_params(query: NamedQuery, params: Mapping[str, object]) -> dict[str, Any]:
    """Check and convert ``params`` for ``query``: every parameter gets a value (defaults filled in)."""
    valid = {p.name for p in query.params}
    unknown = sorted(set(params) - valid)
    if unknown:
        listed = ", ".join(str(p) for p in query.params) or "none"
        raise QueryError(f"query {query.name!r} has no parameter {', '.join(unknown)}; its parameters: {listed}")
    out: dict[str, Any] = {}
    for p in query.params:
        if p.name in params and params[p.name] is not None:
            out[p.name] = _convert(params[p.name], p.type, where=f"query {query.name!r}, parameter {p.name!r}")
        elif p.required:
            raise QueryError(f"query {query.name!r} needs parameter {p.name!r} ({p.description}); "
                             f"pass it as --param {p.name}=VALUE")
        else:
            out[p.name] = p.default
    return out


def run_named(store: GraphStore, name: str, /, **params: object) -> QueryResult:
    """Run the named query ``name`` with ``params`` bound; the parameter columns are dropped.

    Raises QueryError for an unknown query or parameter, or a missing required parameter.
    """
    q = get_query(name)
    bindings = coerce_params(q, params)
    return store.query(q.text, bindings).drop(bindings)
