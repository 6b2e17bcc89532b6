"""graph_builder: a knowledge graph of the AI industry from French and English news.

The one entry point for notebooks and scripts is :class:`KnowledgeGraph`::

    >>> from graph_builder import KnowledgeGraph          # doctest: +SKIP
    >>> kg = KnowledgeGraph.build("data/articles", store="out/store")  # doctest: +SKIP
    >>> kg.query_df("SELECT ?s ?o WHERE { ?s gb:founderOf ?o }")       # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.2.0"
__all__ = ["KnowledgeGraph", "__version__"]


def __getattr__(name: str):  # lazy: importing the package must not load spaCy
    if name == "KnowledgeGraph":
        from graph_builder.kg import KnowledgeGraph

        return KnowledgeGraph
    raise AttributeError(f"module 'graph_builder' has no attribute {name!r}")
