"""SHACL validation of the graph against ``ontology/shapes/graph_builder.shapes.ttl``.

The shapes check the ten relations' domains and ranges, that entities have a label, that
every fact has evidence and every evidence a sentence, an article and a confidence in
[0, 1], and that articles have a content hash and a language. Validation runs over the
union of all graphs (evidence in an article's graph points to facts in the default graph).

>>> from graph_builder.rdf.store import GraphStore
>>> with GraphStore() as store:
...     validate(store).conforms
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
import rdflib
from rdflib.namespace import SH

from graph_builder.errors import ConfigError
from graph_builder.resources import shapes_dir

if TYPE_CHECKING:  # pragma: no cover
    from graph_builder.rdf.store import GraphStore

__all__ = ["Violation", "ValidationReport", "shapes_path", "union_graph", "validate"]


def shapes_path() -> Path:
    """The shapes file."""
    return shapes_dir() / "graph_builder.shapes.ttl"


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result, readable: which node, which property, what is wrong."""

    focus: str
    path: str | None
    message: str
    severity: str = "Violation"
    value: str | None = None
    shape: str | None = None

    def __str__(self) -> str:
        where = f"{self.focus} {self.path}" if self.path else self.focus
        extra = f" (value: {self.value})" if self.value is not None and self.value != self.focus else ""
        return f"{self.severity}: {where}: {self.message}{extra}"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """``conforms`` and the list of :class:`Violation` (sorted by focus node)."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    text: str = ""

    def __bool__(self) -> bool:
        return self.conforms

    def __str__(self) -> str:
        if self.conforms:
            return "the graph conforms to the shapes"
        return f"{len(self.violations)} violation(s):\n" + "\n".join(f"  {v}" for v in self.violations)


def union_graph(store: GraphStore) -> rdflib.Graph:
    """All triples of all graphs, merged into one in-memory rdflib Graph."""
    triples = store.oxigraph.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    g = rdflib.Graph()
    if data:
        g.parse(data=data.decode("utf-8"), format="nt")
    return g


def _short(node: rdflib.term.Node | None, prefixes: Mapping[str, str]) -> str | None:
    if node is None:
        return None
    if isinstance(node, rdflib.URIRef):
        s = str(node)
        for p, ns in prefixes.items():
            if s.startswith(ns) and len(s) > len(ns):
                return f"{p}:{s[len(ns):]}"
        return f"<{s}>"
    if isinstance(node, rdflib.BNode):
        return "[path]"
    return repr(str(node)) if isinstance(node, rdflib.Literal) else str(node)


def _path_str(g: rdflib.Graph, node: rdflib.term.Node | None, prefixes: Mapping[str, str]) -> str | None:
    if isinstance(node, rdflib.BNode):
        inv = g.value(node, SH.inversePath)
        if inv is not None:
            return f"^{_short(inv, prefixes)}"
    return _short(node, prefixes)


def validate(store: GraphStore | rdflib.Graph, *, shapes: str | Path | None = None) -> ValidationReport:
    """Validate a store (or an rdflib Graph) against the SHACL shapes."""
    import pyshacl

    from graph_builder.rdf.store import PREFIXES

    sp = Path(shapes) if shapes else shapes_path()
    if not sp.is_file():
        raise ConfigError(f"SHACL shapes file {sp} not found; check GRAPH_BUILDER_HOME or pass shapes=")
    prefixes = dict(PREFIXES)
    if isinstance(store, rdflib.Graph):
        data = store
    else:
        data = union_graph(store)
        b = store.base
        prefixes.update({"fact": f"{b}fact/", "evidence": f"{b}evidence/", "article": f"{b}article/",
                         "entity": f"{b}entity/"})
    shapes_graph = rdflib.Graph().parse(sp, format="turtle")
    conforms, results, text = pyshacl.validate(data, shacl_graph=shapes_graph, inference="none",
                                               abort_on_first=False, allow_warnings=True)
    violations = []
    for r in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        sev = results.value(r, SH.resultSeverity)
        violations.append(Violation(
            focus=_short(results.value(r, SH.focusNode), prefixes) or "?",
            path=_path_str(results, results.value(r, SH.resultPath), prefixes),
            message=str(results.value(r, SH.resultMessage) or "constraint violated"),
            severity=str(sev).rsplit("#", 1)[-1] if sev is not None else "Violation",
            value=_short(results.value(r, SH.value), prefixes),
            shape=_short(results.value(r, SH.sourceShape), prefixes),
        ))
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return ValidationReport(conforms=bool(conforms), violations=violations, text=str(text))
