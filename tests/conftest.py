"""Session-scoped fixtures shared by the test modules (models load once per run)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def dev_dir() -> Path:
    """The shared annotated dev set (skipped when this checkout has no ../shared)."""
    d = SHARED / "eval" / "dev"
    if not d.is_dir():
        pytest.skip("../shared/eval/dev is not present next to this checkout")
    return d
