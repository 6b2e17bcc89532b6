"""Session-scoped fixtures shared by the test modules (models load once per run)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings as _hypothesis_settings

# Property tests explore the same examples on every run (CI must not pass or fail by chance);
# HYPOTHESIS_PROFILE=explore searches afresh.
_hypothesis_settings.register_profile("ci", derandomize=True)
_hypothesis_settings.register_profile("explore", derandomize=False)
_hypothesis_settings.load_profile(__import__("os").environ.get("HYPOTHESIS_PROFILE", "ci"))

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


@pytest.fixture(scope="session")
def nlp_fr():
    """The French pipeline, loaded once per test session."""
    from graph_builder.nlp.pipeline import load_pipeline

    return load_pipeline("fr")


@pytest.fixture(scope="session")
def nlp_en():
    """The English pipeline, loaded once per test session."""
    from graph_builder.nlp.pipeline import load_pipeline

    return load_pipeline("en")


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory):
    """A store built once from data/articles/ (the demo graph); tests open it read-only."""
    from graph_builder.build import build
    from graph_builder.rdf.store import GraphStore

    path = tmp_path_factory.mktemp("demo") / "store"
    with GraphStore(path) as st:
        report = build([str(ROOT / "data" / "articles")], st)
    assert report.added > 0
    return path


@pytest.fixture(scope="session")
def demo_graph(demo_store):
    """The demo graph (data/articles/) as the networkx graph the viewer and analytics read."""
    from graph_builder.network import store_to_networkx

    return store_to_networkx(demo_store)


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium under Playwright, once per session (skipped when absent)."""
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: install it with `apt-get install -y chromium`")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Python Playwright is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()
