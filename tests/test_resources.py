"""Where the run-time files are found (``graph_builder/resources.py``) and what the wheel carries (``setup.py``).

The slow test builds the sdist and the wheel with ``python -m build`` (no warnings allowed), installs
the wheel into a fresh virtual environment and runs the tool from a folder outside the checkout.
The new environment borrows this one's third-party packages (spaCy and its models, pyoxigraph...)
through a ``.pth`` line, so nothing is downloaded: what is tested is the wheel itself, not PyPI.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

from graph_builder import __version__
from graph_builder import resources
from graph_builder.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _setup_module():
    spec = importlib.util.spec_from_file_location("gb_setup_py", ROOT / "setup.py")
    module = importlib.util.module_from_spec(spec)
    argv = sys.argv
    sys.argv = ["setup.py", "--name"]  # setup() runs on import: make it a harmless query
    try:
        spec.loader.exec_module(module)  # type: ignore[union-attr]
    except SystemExit:
        pass
    finally:
        sys.argv = argv
    return module


# ------------------------------------------------------------------------------- resources.py
def test_the_checkout_is_the_home_of_an_editable_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GRAPH_BUILDER_HOME", raising=False)
    assert resources.home_source() == "checkout"
    assert resources.home() == ROOT
    assert resources.queries_dir() == ROOT / "ontology" / "queries"
    assert resources.lexicon_dir("en") == ROOT / "data" / "lexicons" / "en"


def test_graph_builder_home_overrides(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GRAPH_BUILDER_HOME", str(tmp_path))
    assert resources.home() == tmp_path and resources.home_source() == "GRAPH_BUILDER_HOME"
    assert resources.shapes_dir() == tmp_path / "ontology" / "shapes"
    assert resources.gazetteer_dir() == tmp_path / "data" / "gazetteers"


def test_an_installed_copy_is_preferred_to_the_checkout(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "ontology").mkdir()
    monkeypatch.delenv("GRAPH_BUILDER_HOME", raising=False)
    monkeypatch.setattr(resources, "_packaged_home", lambda: tmp_path)
    assert resources.home() == tmp_path and resources.home_source() == "package"


def test_no_home_anywhere_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from graph_builder.errors import ConfigError

    monkeypatch.delenv("GRAPH_BUILDER_HOME", raising=False)
    monkeypatch.setattr(resources, "_packaged_home", lambda: None)
    monkeypatch.setattr(resources, "_checkout", lambda: tmp_path)
    with pytest.raises(ConfigError, match="GRAPH_BUILDER_HOME"):
        resources.ontology_dir()


def test_resources_imports_only_the_standard_library() -> None:
    """setup.py loads it by path, before any dependency is installed."""
    import ast

    tree = ast.parse((ROOT / "graph_builder" / "resources.py").read_text(encoding="utf-8"))
    top = {(n.module if isinstance(n, ast.ImportFrom) else a.name).split(".")[0]
           for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)
           for a in (n.names if isinstance(n, ast.Import) else [n])}
    assert top <= set(sys.stdlib_module_names) | {"__future__"}, top


def test_version_names_the_version_and_the_home(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"graph-builder {__version__}"
    assert str(resources.home()) in out[1]


# ------------------------------------------------------------------------------- setup.py
def test_runtime_files_are_every_file_of_the_runtime_folders_and_no_corpus() -> None:
    files = _setup_module().runtime_files()
    expected = sorted(p.relative_to(ROOT).as_posix() for d in resources.RUNTIME_DIRS if (ROOT / d).is_dir()
                      for p in (ROOT / d).rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    assert files == expected
    assert "ontology/queries/internal/graph_nodes.rq" in files and "ontology/shapes/graph_builder.shapes.ttl" in files
    assert "data/lexicons/fr/relations.toml" in files and "data/gazetteers/organizations.jsonl" in files
    assert not [f for f in files if f.startswith(("data/articles", "data/corpus", "data/heldout", "data/samples"))]


def test_a_new_file_in_a_runtime_folder_is_packaged_without_editing_a_list(monkeypatch: pytest.MonkeyPatch,
                                                                            tmp_path: Path) -> None:
    setup_py = _setup_module()
    (tmp_path / "data" / "models" / "fr").mkdir(parents=True)
    (tmp_path / "data" / "models" / "fr" / "weights.bin").write_bytes(b"\0")
    (tmp_path / "data" / "articles").mkdir()
    (tmp_path / "data" / "articles" / "a.json").write_text("{}")
    (tmp_path / "ontology" / "queries").mkdir(parents=True)
    (tmp_path / "ontology" / "queries" / "new.rq").write_text("SELECT * {}")
    monkeypatch.setattr(setup_py, "HERE", tmp_path)
    assert setup_py.runtime_files() == ["data/models/fr/weights.bin", "ontology/queries/new.rq"]


# ------------------------------------------------------------------------------- the wheel, installed
def _run(cmd: list[str], *, cwd: Path, env: dict[str, str], timeout: int = 600) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{' '.join(cmd)} exited {proc.returncode}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``python -m build`` (sdist, then the wheel from the sdist) into a temporary folder."""
    pytest.importorskip("build", reason="`build` is a dev dependency: run `make setup`")
    out = tmp_path_factory.mktemp("dist")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONWARNINGS")}
    proc = _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)], cwd=ROOT, env=env)
    warnings = [line for line in (proc.stdout + proc.stderr).splitlines() if "warn" in line.lower()]
    assert not warnings, "python -m build warned:\n" + "\n".join(warnings)
    return out


@pytest.mark.slow
def test_wheel_and_sdist_carry_the_runtime_files_and_nothing_of_the_corpora(dist: Path) -> None:
    expected = set(_setup_module().runtime_files())
    (wheel,) = dist.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    packaged = {n.removeprefix("graph_builder/_home/") for n in names if n.startswith("graph_builder/_home/")}
    assert packaged == expected
    assert {"graph_builder/server_assets/index.html", "graph_builder/viz_assets/viewer.js"} <= names
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as tar:
        members = {m.name.split("/", 1)[1] for m in tar.getmembers() if m.isfile()}
    assert expected <= members and "setup.py" in members
    assert not [m for m in members | names if "/articles/" in m or "/heldout/" in m or m.startswith("data/samples")]


@pytest.mark.slow
def test_the_installed_wheel_builds_queries_draws_and_validates_outside_the_checkout(
        dist: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp_path, env=dict(os.environ))
    python = venv / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    # the third-party packages of this environment, after the new one's own (so the wheel's graph_builder wins)
    Path(site, "_graph_builder_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    (wheel,) = dist.glob("*.whl")
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", "--no-index",
          str(wheel)], cwd=tmp_path, env=dict(os.environ))

    work = tmp_path / "elsewhere"
    (work / "articles").mkdir(parents=True)
    for name in ("fr-109.json", "en-115.json"):
        (work / "articles" / name).write_bytes((ROOT / "data" / "articles" / name).read_bytes())
    env = {k: v for k, v in os.environ.items() if k not in ("GRAPH_BUILDER_HOME", "PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    gb = str(venv / "bin" / "graph-builder")

    where = _run([str(python), "-c", "import graph_builder; print(graph_builder.__file__)"], cwd=work, env=env)
    assert where.stdout.strip().startswith(str(venv))
    version = _run([gb, "--version"], cwd=work, env=env).stdout
    assert f"graph-builder {__version__}" in version and "installed with the package" in version
    assert str(ROOT) not in version

    build = _run([gb, "build", "articles", "--store", "store", "--quiet"], cwd=work, env=env)
    assert "2 added" in build.stdout
    founders = _run([gb, "query", "store", "--name", "founders", "--format", "csv"], cwd=work, env=env)
    assert len(founders.stdout.strip().splitlines()) > 1, founders.stdout
    drawn = _run([gb, "viz", "store", "-o", "graph.html"], cwd=work, env=env)
    assert "wrote graph.html" in drawn.stdout and (work / "graph.html").stat().st_size > 10_000
    assert "conforms" in _run([gb, "validate", "store"], cwd=work, env=env).stdout
