"""Where graph_builder finds its data files, ontology and queries.

The package is installed in development mode (``pip install -e .``) from a checkout, so
``data/`` and ``ontology/`` sit next to the package. ``GRAPH_BUILDER_HOME`` points
elsewhere (a copy of those two folders) when needed.

>>> (ontology_dir() / "graph_builder.ttl").name
'graph_builder.ttl'
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["project_root", "data_dir", "ontology_dir", "queries_dir", "shapes_dir", "lexicon_dir",
           "gazetteer_dir", "DEFAULT_BASE_IRI", "base_iri"]

#: The documented base IRI of the graph_builder vocabulary and of minted resources.
DEFAULT_BASE_IRI = "https://w3id.org/graph-builder/"


def project_root() -> Path:
    """The folder holding ``data/`` and ``ontology/``."""
    env = os.environ.get("GRAPH_BUILDER_HOME")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    return project_root() / "data"


def ontology_dir() -> Path:
    return project_root() / "ontology"


def queries_dir() -> Path:
    return ontology_dir() / "queries"


def shapes_dir() -> Path:
    return ontology_dir() / "shapes"


def gazetteer_dir() -> Path:
    return data_dir() / "gazetteers"


def lexicon_dir(lang: str) -> Path:
    """Per-language lexicons (trigger words, patterns): ``data/lexicons/<lang>/``."""
    return data_dir() / "lexicons" / lang


def base_iri() -> str:
    """Base IRI for minted entities, articles and facts (``GRAPH_BUILDER_BASE_IRI`` overrides).

    The vocabulary (classes and properties) always lives under :data:`DEFAULT_BASE_IRI`
    ``ontology#``; only the IRIs of the data a user mints change with this setting.
    """
    base = os.environ.get("GRAPH_BUILDER_BASE_IRI", DEFAULT_BASE_IRI)
    return base if base.endswith(("/", "#")) else base + "/"
