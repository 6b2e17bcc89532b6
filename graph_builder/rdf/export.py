"""Export the store to a file: Turtle (the union, merged), TriG, N-Quads, JSON-LD, N-Triples.

Files are written atomically: to a temporary file in the same folder, then ``os.replace``d,
so a reader never sees half a file and an interrupted export leaves the old file intact. Every
format streams from the store's indexes (no SPARQL): a damaged block raises at once, where
pyoxigraph's SPARQL evaluation can collect the same error without end.

>>> import tempfile, pathlib
>>> from graph_builder.rdf.store import GraphStore
>>> with GraphStore() as store, tempfile.TemporaryDirectory() as d:
...     export(store, pathlib.Path(d) / "graph.trig").name
'graph.trig'
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, TYPE_CHECKING, Iterator

import pyoxigraph as ox

from graph_builder.errors import ConfigError, StoreError
from graph_builder.files import atomic_write
from graph_builder.rdf.health import MemoryGuard, damage_error, is_damage

if TYPE_CHECKING:  # pragma: no cover
    from graph_builder.rdf.store import GraphStore

__all__ = ["FORMATS", "EXTENSIONS", "format_for", "export", "union_triples"]

#: format name → (pyoxigraph format, keeps named graphs)
FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {
    "turtle": (ox.RdfFormat.TURTLE, False),
    "ntriples": (ox.RdfFormat.N_TRIPLES, False),
    "trig": (ox.RdfFormat.TRIG, True),
    "nquads": (ox.RdfFormat.N_QUADS, True),
    "json-ld": (ox.RdfFormat.JSON_LD, True),
}

#: file extension → format name
EXTENSIONS: dict[str, str] = {
    ".ttl": "turtle", ".turtle": "turtle", ".nt": "ntriples", ".trig": "trig", ".nq": "nquads",
    ".nquads": "nquads", ".jsonld": "json-ld", ".json": "json-ld",
}

_ALIASES = {"ttl": "turtle", "nt": "ntriples", "n-triples": "ntriples", "nq": "nquads", "n-quads": "nquads",
            "jsonld": "json-ld", "json_ld": "json-ld"}


def format_for(path: str | os.PathLike[str], format: str | None = None) -> str:  # noqa: A002
    """The canonical format name, from ``format`` or else the file extension.

    >>> format_for("out/graph.ttl"), format_for("x.data", "N-Quads")
    ('turtle', 'nquads')
    """
    if format:
        f = format.strip().lower()
        f = _ALIASES.get(f, f)
        if f not in FORMATS:
            raise ConfigError(f"unknown export format {format!r}; use one of {', '.join(FORMATS)}")
        return f
    ext = Path(path).suffix.lower()
    if ext not in EXTENSIONS:
        raise ConfigError(f"cannot tell the format of {str(path)!r} from its extension; name it "
                          f"{', '.join(sorted(EXTENSIONS))} or pass a format ({', '.join(FORMATS)})")
    return EXTENSIONS[ext]


def export(store: GraphStore, path: str | os.PathLike[str], format: str | None = None) -> Path:  # noqa: A002
    """Write the store to ``path`` atomically; returns the path.

    ``turtle`` and ``ntriples`` hold the union of all graphs (provenance merged into one
    graph; nothing is repeated across graphs so no triple is duplicated); ``trig``,
    ``nquads`` and ``json-ld`` keep each article's named graph.
    """
    from graph_builder.rdf.store import PREFIXES

    fmt = format_for(path, format)
    ox_format, keeps_graphs = FORMATS[fmt]
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    prefixes = dict(PREFIXES)
    b = store.base
    prefixes.update({"person": f"{b}entity/person/", "organization": f"{b}entity/organization/",
                     "product": f"{b}entity/product/", "place": f"{b}entity/place/", "entity": f"{b}entity/",
                     "fact": f"{b}fact/", "evidence": f"{b}evidence/", "article": f"{b}article/",
                     "graph": f"{b}graph/article/"})
    def write(fh: IO[bytes]) -> None:
        supports_prefixes = ox_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG)
        kw = {"prefixes": prefixes} if supports_prefixes else {}
        try:
            with MemoryGuard("an export", store.path):
                if keeps_graphs:
                    store.oxigraph.dump(fh, ox_format, **kw)
                else:
                    ox.serialize(union_triples(store.oxigraph), fh, ox_format, **kw)
        except (RuntimeError, OSError) as exc:
            if is_damage(exc):
                raise damage_error(store.path, exc) from None
            raise

    try:
        atomic_write(target, write)
    except OSError as exc:
        raise StoreError(f"cannot write {target}: {exc}") from None
    return target


def union_triples(store: ox.Store) -> Iterator[ox.Triple]:
    """Every triple of the store, graph by graph (the default graph first), streamed from its indexes.

    No triple is stated in two graphs (entities and facts in the default graph, each article's
    evidence in its own), so this is the union without repeats.

    >>> s = ox.Store()
    >>> s.add(ox.Quad(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p"), ox.Literal("1"), ox.NamedNode("http://x/g")))
    >>> [t.object.value for t in union_triples(s)]
    ['1']
    """
    for graph in (ox.DefaultGraph(), *store.named_graphs()):
        for quad in store.quads_for_pattern(None, None, None, graph):
            yield quad.triple
