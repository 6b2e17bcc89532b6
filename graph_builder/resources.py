"""Where graph_builder finds what it reads at run time: ontology, shapes, queries, gazetteers, lexicons.

These files live in one place in the repository, the top-level ``ontology/`` and ``data/`` folders,
and nowhere else. The *home* is the folder that holds them, found in this order:

1. ``$GRAPH_BUILDER_HOME`` when set (a folder with ``ontology/`` and ``data/``, e.g. your own
   copy with more gazetteer entries);
2. the copy an installed wheel carries inside the package (``graph_builder/_home/``, written by
   ``setup.py`` at build time from the top-level folders, found with :mod:`importlib.resources`);
3. the checkout the package sits in (an editable install, or Python run from the repository).

Only :data:`RUNTIME_DIRS` are packaged: the annotated corpora (``data/articles``, ``data/corpus``...)
are examples and test data, not something the tool reads to run. This module imports nothing but the
standard library, so that ``setup.py`` can read :data:`RUNTIME_DIRS` from it without installing
anything.

>>> (ontology_dir() / "graph_builder.ttl").is_file()
True
>>> "relations.toml" in [p.name for p in lexicon_dir("fr").glob("*.toml")]
True
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["RUNTIME_DIRS", "PACKAGED_HOME", "home", "home_source", "project_root", "data_dir", "ontology_dir",
           "queries_dir", "shapes_dir", "lexicon_dir", "gazetteer_dir", "models_dir", "DEFAULT_BASE_IRI",
           "base_iri"]

#: The base IRI of the graph_builder vocabulary and of minted resources.
DEFAULT_BASE_IRI = "https://w3id.org/graph-builder/"

#: Folders of the home the tool reads at run time (relative, ``/``-separated). A wheel carries every
#: file below them, so a file added there is packaged without editing a list; a missing one
#: (``data/models`` before any model is trained) is simply left out.
RUNTIME_DIRS: tuple[str, ...] = ("ontology", "data/gazetteers", "data/lexicons", "data/models")

#: Where, inside the installed package, the wheel puts its copy of :data:`RUNTIME_DIRS`.
PACKAGED_HOME = "_home"


@lru_cache(maxsize=1)
def _packaged_home() -> Path | None:
    try:
        root = resources.files(__package__ or "graph_builder")
    except ModuleNotFoundError:  # loaded by file path (setup.py): no package to look in
        return None
    candidate = root / PACKAGED_HOME
    if isinstance(candidate, Path) and (candidate / "ontology").is_dir():
        return candidate
    return None


def _checkout() -> Path:
    return Path(__file__).resolve().parent.parent


def home_source() -> str:
    """Which of the three places :func:`home` comes from: ``"GRAPH_BUILDER_HOME"``, ``"package"`` or
    ``"checkout"`` (shown by ``graph-builder --version``)."""
    if os.environ.get("GRAPH_BUILDER_HOME"):
        return "GRAPH_BUILDER_HOME"
    return "package" if _packaged_home() is not None else "checkout"


def home() -> Path:
    """The folder holding ``ontology/`` and ``data/`` (see the module docstring for the order).

    Raises ``ConfigError`` when none of the three places has an ``ontology/`` folder.
    """
    env = os.environ.get("GRAPH_BUILDER_HOME")
    if env:
        return Path(env)
    packaged = _packaged_home()
    if packaged is not None:
        return packaged
    checkout = _checkout()
    if (checkout / "ontology").is_dir():
        return checkout
    from graph_builder.errors import ConfigError

    raise ConfigError("graph_builder cannot find its ontology and data files: this installation lacks "
                      f"{PACKAGED_HOME}/ (built without setup.py?); reinstall it from a wheel or a checkout, "
                      "or set GRAPH_BUILDER_HOME to a folder holding ontology/ and data/")


def project_root() -> Path:
    """The folder holding ``data/`` and ``ontology/`` (same as :func:`home`; kept for older callers)."""
    return home()


def data_dir() -> Path:
    return home() / "data"


def ontology_dir() -> Path:
    return home() / "ontology"


def queries_dir() -> Path:
    return ontology_dir() / "queries"


def shapes_dir() -> Path:
    return ontology_dir() / "shapes"


def gazetteer_dir() -> Path:
    return data_dir() / "gazetteers"


def lexicon_dir(lang: str) -> Path:
    """Per-language lexicons (trigger words, patterns): ``data/lexicons/<lang>/``."""
    return data_dir() / "lexicons" / lang


def models_dir() -> Path:
    """Trained model weights, when there are any: ``data/models/``."""
    return data_dir() / "models"


def base_iri() -> str:
    """Base IRI for minted entities, articles and facts (``GRAPH_BUILDER_BASE_IRI`` overrides).

    The vocabulary (classes and properties) always lives under :data:`DEFAULT_BASE_IRI`
    ``ontology#``; only the IRIs of the data a user mints change with this setting.
    """
    base = os.environ.get("GRAPH_BUILDER_BASE_IRI", DEFAULT_BASE_IRI)
    return base if base.endswith(("/", "#")) else base + "/"
