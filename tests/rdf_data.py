"""The test data modules of ``tests/data/rdf``, loaded once: the hand-made graph and the synthetic
articles (``fixture_kg``), damaged copies of a store (``damage``).

>>> fixture_kg.synthetic(2)[1].article.id, "gspo" in damage.INDEXES
('syn-0001', True)
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

__all__ = ["damage", "fixture_kg", "load", "synthetic_store"]

DATA = Path(__file__).parent / "data" / "rdf"


def load(name: str) -> ModuleType:
    """``tests/data/rdf/<name>.py`` as a module."""
    spec = importlib.util.spec_from_file_location(f"rdf_data_{name}", DATA / f"{name}.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


fixture_kg = load("fixture_kg")
damage = load("damage")


def synthetic_store(path: Path, articles: int, *, extra: list[object] | None = None) -> Path:
    """A store at ``path`` holding ``articles`` synthetic articles (and ``extra`` extractions), refreshed
    and closed (flushed once: one table per index)."""
    from graph_builder.rdf.store import GraphStore

    with GraphStore(path) as st:
        st.add_all([*fixture_kg.synthetic(articles), *(extra or [])])
    return path
