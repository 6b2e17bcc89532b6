"""The notebooks of ``notebooks/``: valid, committed without outputs, public API only, and runnable.

The slow tests execute each notebook top to bottom with nbclient, on the kernel ``python3``
(the ipykernel of this interpreter, i.e. the venv's python), in a temporary output folder
(``GB_NOTEBOOK_OUT``) so a developer's ``out/notebook-store`` is never touched. They run in
order and share that folder: 01 builds the store, 02 and 03 reuse it (run alone, each builds it).

Run them: ``.venv/bin/python -m pytest tests/test_notebooks.py`` (about 2 minutes), or
``make notebooks`` (nbmake, with the default ``out/``).
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NB_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NB_DIR.glob("[0-9][0-9]_*.ipynb"))
EXPECTED = ["01_build_and_query.ipynb", "02_who_is_who.ipynb", "03_network.ipynb"]

#: the graph_builder modules a notebook may import (the public API of the issue)
ALLOWED_MODULES = {"graph_builder", "graph_builder.analytics"}
#: what ``from graph_builder import ...`` may bring in
ALLOWED_NAMES = {"KnowledgeGraph"}


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def _code(nb: nbformat.NotebookNode) -> str:
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "code")


def _text_outputs(nb: nbformat.NotebookNode, cell_id: str) -> str:
    cell = next(c for c in nb.cells if c.get("id") == cell_id)
    parts = []
    for out in cell.get("outputs", []):
        if out.output_type == "stream":
            parts.append(out.text)
        elif "data" in out:
            parts.append(str(out.data.get("text/plain", "")))
    return "\n".join(parts)


def test_the_three_numbered_notebooks_exist() -> None:
    assert [p.name for p in NOTEBOOKS] == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_valid_and_committed_without_outputs(path: Path) -> None:
    nb = _read(path)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# " + path.stem[:2])
    dirty = [c.get("id") for c in nb.cells if c.cell_type == "code" and (c.outputs or c.execution_count)]
    assert not dirty, f"{path.name}: clear the outputs of cells {dirty} before committing"
    ids = [c.get("id") for c in nb.cells]
    assert len(ids) == len(set(ids)), f"{path.name}: duplicate cell ids"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_uses_only_the_public_api(path: Path) -> None:
    tree = ast.parse(_code(_read(path)))
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            problems += [a.name for a in node.names
                         if a.name.startswith("graph_builder") and a.name not in ALLOWED_MODULES]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("graph_builder"):
            if node.module not in ALLOWED_MODULES:
                problems.append(node.module)
            elif node.module == "graph_builder":
                problems += [a.name for a in node.names if a.name not in ALLOWED_NAMES]
        elif isinstance(node, ast.Attribute) and (node.attr == "store" or node.attr.startswith("_")):
            problems.append(f".{node.attr} (line {node.lineno})")
    assert not problems, f"{path.name} reaches past the public API: {problems}"


def test_the_kernel_is_this_interpreter() -> None:
    from jupyter_client.manager import KernelManager

    cmd = KernelManager(kernel_name="python3").format_kernel_cmd()
    assert Path(cmd[0]).resolve() == Path(sys.executable).resolve(), cmd


def test_the_notebooks_import_nothing_outside_the_pins() -> None:
    """Every top-level import is installed here (matplotlib is optional and guarded)."""
    import importlib.util

    missing = set()
    for path in NOTEBOOKS:
        for node in ast.walk(ast.parse(_code(_read(path)))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                for name in names:
                    top = name.split(".")[0]
                    if top != "matplotlib" and importlib.util.find_spec(top) is None:
                        missing.add(top)
    assert not missing, f"the notebooks import modules that are not installed: {sorted(missing)}"


# ---------------------------------------------------------------------------- execution
@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("notebook-out")


def _execute(name: str, out: Path, monkeypatch: pytest.MonkeyPatch) -> nbformat.NotebookNode:
    from nbclient import NotebookClient

    monkeypatch.setenv("GB_NOTEBOOK_OUT", str(out))  # the kernel inherits this process's environment
    nb = _read(NB_DIR / name)
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(NB_DIR)}})
    client.execute()  # raises CellExecutionError (naming the cell) on any error
    errors = [c.get("id") for c in nb.cells
              if any(o.output_type == "error" for o in c.get("outputs", []))]
    assert not errors, f"{name}: cells {errors} failed"
    return nb


@pytest.mark.slow
@pytest.mark.notebook
def test_01_builds_queries_and_explains(out_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nb = _execute("01_build_and_query.ipynb", out_dir, monkeypatch)
    assert (out_dir / "notebook-store").is_dir()
    assert (out_dir / "notebook-graph.trig").stat().st_size > 0
    assert "33 articles" in _text_outputs(nb, "build")
    by_lang = {line.split()[0]: line for line in _text_outputs(nb, "articles").splitlines()[2:]}
    for lang in ("en", "fr"):  # fr has an undated article: its oldest and newest dates must still show
        assert len(re.findall(r"\d{4}-\d{2}-\d{2}", by_lang[lang])) == 2, by_lang[lang]
    evidence = _text_outputs(nb, "evidence-print")
    assert "Amazon" in evidence and "confidence" in evidence and "rule" in evidence
    assert _text_outputs(nb, "validate").strip()


@pytest.mark.slow
@pytest.mark.notebook
def test_02_who_is_who(out_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nb = _execute("02_who_is_who.ipynb", out_dir, monkeypatch)
    assert "Jeff Bezos" in _text_outputs(nb, "founders")
    assert "dated facts, from 20" in _text_outputs(nb, "timeline")
    assert "total" in _text_outputs(nb, "timeline-table")


@pytest.mark.slow
@pytest.mark.notebook
def test_03_network_and_gephi_files(out_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import networkx as nx

    nb = _execute("03_network.ipynb", out_dir, monkeypatch)
    graphml = nx.read_graphml(out_dir / "notebook-graph.graphml")
    assert graphml.number_of_nodes() > 50 and graphml.number_of_edges() > 50
    assert all({"pagerank", "degree", "community"} <= set(d) for _, d in graphml.nodes(data=True))
    assert nx.read_gexf(out_dir / "notebook-graph.gexf").number_of_nodes() == graphml.number_of_nodes()
    assert (out_dir / "notebook-graph.html").read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    views = [c for c in nb.cells if c.get("id") in ("show", "ego-show")]
    for cell in views:
        html = "".join(str(o.get("data", {}).get("text/html", "")) for o in cell.outputs)
        assert "<iframe srcdoc=" in html, f"cell {cell.id} did not draw the network inline"
    assert "Jeff Bezos \u2192 Anthropic" in _text_outputs(nb, "path-fn")
