"""The RDF layer: vocabulary (``ns``), IRI minting (``iri``), records → quads (``model``),
the persistent store (``store``), SHACL validation (``validate``) and export (``export``).

>>> from graph_builder.rdf import GB, GraphStore
>>> with GraphStore() as store:
...     len(store)
0
"""

from __future__ import annotations

from typing import Any

__all__ = ["GB", "GraphStore", "QueryResult", "PREFIXES"]


def __getattr__(name: str) -> Any:  # lazy: importing rdf.ns or rdf.iri must not import the store
    if name == "GB":
        from graph_builder.rdf.ns import GB

        return GB
    if name in ("GraphStore", "QueryResult", "PREFIXES"):
        from graph_builder.rdf import store

        return getattr(store, name)
    raise AttributeError(f"module 'graph_builder.rdf' has no attribute {name!r}")
