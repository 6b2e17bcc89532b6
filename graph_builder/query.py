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

Three more keywords say what a string names, so that an empty answer is never a silent one:
``entity`` (a name or alias; ``entity Organization`` or ``entity Person/Organization`` also
gives the types it must have), ``relation`` (``founderOf``...) and ``article`` (an article id).
When a query returns no row, :func:`run_named` checks those values against the graph and
raises :class:`~graph_builder.errors.QueryError` for one it does not know ("no entity named
'Nope'; did you mean: ...?"), or of the wrong type; :func:`empty_reason` says why an answer
whose values are all known is empty.

>>> from graph_builder.rdf.store import GraphStore
>>> "founders" in [q.name for q in list_queries()]
True
>>> with GraphStore() as store:
...     run_named(store, "founders").vars[:2]
['founder', 'company']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph_builder.errors import QueryError, StoreError
from graph_builder.resources import queries_dir
from graph_builder.suggest import did_you_mean, unknown
from graph_builder.types import PREDICATES

if TYPE_CHECKING:  # pragma: no cover
    from graph_builder.rdf.store import GraphStore, QueryResult

__all__ = ["Param", "NamedQuery", "Runner", "parse_query_file", "list_queries", "get_query", "named_or_file",
           "coerce_params", "internal_query", "check_parameters", "facts_between", "empty_reason", "run_named"]

#: Runs SPARQL with bindings: ``GraphStore.query``, or ``remote_query`` on an endpoint.
Runner = Callable[[str, Mapping[str, Any]], "QueryResult"]

_TYPES = ("string", "integer", "decimal", "boolean")
_KINDS = ("entity", "relation", "article")
_ENTITY_TYPES = ("Person", "Organization", "Product", "Place")
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
    kind: str | None = None  # entity, relation or article: checked against the graph on an empty answer
    entity_types: tuple[str, ...] = ()  # for kind "entity": the types it must have (any when empty)

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
    kind, entity_types = None, ()
    for tok in (t.strip() for t in inner.split(",")):
        low = tok.lower()
        words = tok.split()
        if words and words[0].lower() in _KINDS and (len(words) == 1 or words[0].lower() == "entity" and len(words) == 2
                                                       and set(words[1].split("/")) <= set(_ENTITY_TYPES)):
            kind = words[0].lower()
            entity_types = tuple(words[1].split("/")) if len(words) == 2 else ()
        elif low == "optional":
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
    return Param(name=name, description=description.strip(), type=type_, required=required, default=default,
                 kind=kind, entity_types=entity_types)


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


def named_or_file(spec: str | Path, params: Mapping[str, object] | None = None) -> tuple[NamedQuery, dict[str, Any]]:
    """The query ``spec`` names (a named query, or a ``.rq`` file whose header may declare parameters)
    and its bindings: ``params`` checked, defaults filled in.

    >>> q, bindings = named_or_file("founders", {"org": "Mistral AI"})
    >>> q.name, bindings
    ('founders', {'org': 'Mistral AI'})
    """
    path = Path(spec)
    if path.suffix == ".rq" or path.is_file():
        if not path.is_file():
            raise QueryError(f"{path}: no such query file; give a .rq file, or the name of a named query "
                             f"({', '.join(q.name for q in list_queries())})")
        q = parse_query_file(path)
        if params and not q.params:
            raise QueryError(f"{path} declares no parameter, so --param has nothing to bind; declare them in its "
                             "header ('# param: org (organization, optional)') or drop --param")
    else:
        q = get_query(str(spec))
    return q, coerce_params(q, params or {})


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


def internal_query(name: str) -> str:
    """The text of ``ontology/queries/internal/NAME.rq`` (queries graph_builder runs for itself)."""
    return (queries_dir() / "internal" / f"{name}.rq").read_text(encoding="utf-8")


_internal = internal_query


def _a(types: tuple[str, ...] | list[str]) -> str:
    names = [("an " if t[0] in "AEIOU" else "a ") + t for t in types]
    return " or ".join(names) if names else "an entity"


def _check_entity(run: Runner, value: str, p: Param, where: str) -> None:
    found = run(_internal("entity_lookup"), {"name": value}).column("type")
    types = sorted({str(t).rsplit("#", 1)[-1] for t in found})
    if types and (not p.entity_types or set(types) & set(p.entity_types)):
        return
    rows = run(_internal("entity_names"), {}).records()
    if not types:
        names = {str(r["form"]): str(r["name"]) for r in rows}
        raise QueryError(unknown("entity", value, names, where=f"in the graph ({where})",
                                 hint="check the spelling, or list the names with `graph-builder query STORE "
                                      "--name most_mentioned`"))
    of_type = {str(r["form"]): str(r["name"]) for r in rows if str(r["type"]).rsplit("#", 1)[-1] in p.entity_types}
    close = did_you_mean(value, of_type)
    tail = f"; did you mean: {', '.join(repr(c) for c in close)}?" if close else ""
    raise QueryError(f"{value!r} is {_a(types)} in the graph, but {where} names {_a(p.entity_types)}{tail}")


def _check_relation(value: str, where: str) -> None:
    if value.lower() in {p.lower() for p in PREDICATES}:
        return
    listed = f"relations read from subject to object (Jeff Bezos founderOf Amazon): {', '.join(PREDICATES)}"
    msg = unknown("relation", value, PREDICATES, where=f"({where})", hint=listed)
    raise QueryError(msg if "did you mean" not in msg else f"{msg} The {listed}")


def _check_article(run: Runner, value: str, where: str) -> None:
    if run(_internal("article_lookup"), {"id": value}).rows:
        return
    ids = [str(i) for i in run(_internal("article_ids"), {}).column("id")]
    raise QueryError(unknown("article", value, ids, where=f"in the graph ({where})",
                             hint="list the articles with `graph-builder query STORE 'SELECT ?id WHERE "
                                  "{ GRAPH ?g { ?a schema:identifier ?id } }'`"))


def check_parameters(run: Runner, query: NamedQuery, bindings: Mapping[str, Any]) -> None:
    """Raise QueryError for the first entity, relation or article value the graph does not know (or
    an entity of another type than the parameter's), naming the closest known values.

    Raises StoreError first when the store was written by an older version and not refreshed since
    (the names the queries read are missing): every answer would be empty.
    """
    state = run(_internal("store_refreshed"), {}).records()[0]
    if state["labelled"] and not (state["named"] and state["keyed"]):
        raise StoreError("this store was written by an older graph-builder and lacks the names the queries read "
                         "(skos:prefLabel, gb:nameKey); run your build command once more (unchanged articles are "
                         "skipped, and the store is refreshed), or call GraphStore(path).refresh()")
    for p in query.params:
        value = bindings.get(p.name)
        if p.kind is None or value is None or str(value) == "":
            continue
        where = f"query {query.name!r}, parameter {p.name}"
        if p.kind == "entity":
            _check_entity(run, str(value), p, where)
        elif p.kind == "relation":
            _check_relation(str(value), where)
        else:
            _check_article(run, str(value), where)


def facts_between(run: Runner, a: str, b: str) -> list[str]:
    """The facts linking the entities named ``a`` and ``b`` (either direction), as ``"s —p→ o"``."""
    rows = run(_internal("facts_between"), {"a": a, "b": b}).records()
    return list(dict.fromkeys(f"{r['subject']} —{r['predicate']}→ {r['object']}" for r in rows))


def empty_reason(query: NamedQuery, bindings: Mapping[str, Any], run: Runner | None = None) -> str:
    """Why an answer is empty once :func:`check_parameters` found every value (a sentence for users).

    With ``run``, a query about two entities also lists the facts that do link them.

    >>> q = NamedQuery("ceos", "", (Param("org", kind="entity"),), Path("ceos.rq"), "")
    >>> empty_reason(q, {"org": "Cohere"})
    "no rows: org='Cohere' is in the graph, but none of the facts query 'ceos' looks for involves it"
    """
    given = [p for p in query.params if p.kind and bindings.get(p.name) not in (None, "")]
    names = [f"{p.name}={bindings[p.name]!r}" for p in given]
    others = [f"{p.name}={bindings[p.name]}" for p in query.params if not p.kind and bindings.get(p.name) is not None
              and bindings.get(p.name) != p.default]
    tail = f" (with {', '.join(others)})" if others else ""
    pair = [str(bindings[p.name]) for p in given if p.kind == "entity"]
    if run is not None and len(pair) == 2:
        linked = facts_between(run, *pair)
        return (f"no rows: {pair[0]!r} and {pair[1]!r} are in the graph, but query {query.name!r} finds nothing "
                f"between them{tail}; " + (f"the facts that link them: {'; '.join(linked)}" if linked
                                           else "no fact links them directly"))
    if names:
        one = len(names) == 1
        return (f"no rows: {', '.join(names)} {'is' if one else 'are'} in the graph, but none of the facts query "
                f"{query.name!r} looks for involves {'it' if one else 'them'}{tail}")
    return f"no rows: the graph holds none of the facts query {query.name!r} looks for{tail}"


def run_named(store: GraphStore, name: str, /, **params: object) -> QueryResult:
    """Run the named query ``name`` with ``params`` bound; the parameter columns are dropped.

    Raises QueryError for an unknown query or parameter, a missing required parameter, or (when
    nothing matches) a value the graph does not know: see :func:`check_parameters`. On a store whose
    derived data is out of date (a build killed or running), the names the checks look up may not
    be written yet: the answer is returned as it is, and the store's warning says why.
    """
    q = get_query(name)
    bindings = coerce_params(q, params)
    result = store.query(q.text, bindings).drop(bindings)
    if not result and not getattr(store, "stale", False):
        check_parameters(store.query, q, bindings)
    return result
