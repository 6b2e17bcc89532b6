"""The RDF layer: vocabulary (``ns``), IRI minting (``iri``), records → quads (``model``),
the persistent store (``store``), SHACL validation (``validate``) and export (``export``).

>>> from graph_builder.rdf import GB, GraphStore
>>> with GraphStore() as store:
...     len(store)
0
"""

from __future__ import annotations

from graph_builder.rdf.ns import GB
from graph_builder.rdf.store import PREFIXES, GraphStore, QueryResult

__all__ = ["GB", "GraphStore", "QueryResult", "PREFIXES"]
