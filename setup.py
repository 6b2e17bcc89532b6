"""Packaging: the metadata is in setup.cfg; this file only carries the run-time data into the wheel.

The tool reads the top-level ``ontology/`` and ``data/{gazetteers,lexicons,models}`` folders
(``graph_builder.resources.RUNTIME_DIRS``). They stay there, the one copy in the repository; at
build time:

* ``sdist`` includes every file below them (``build_py.get_source_files``), so a wheel built from
  the sdist has them too;
* ``build_py`` copies them into ``graph_builder/_home/`` of the build tree, which the wheel
  carries and ``graph_builder.resources`` finds with ``importlib.resources``.

An editable install (``make setup``) copies nothing: the package reads the checkout directly.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


def _resources_module():
    # by file path: importing the package would need its dependencies, absent at build time
    spec = importlib.util.spec_from_file_location("_gb_resources", HERE / "graph_builder" / "resources.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_RES = _resources_module()


def runtime_files() -> list[str]:
    """Every file below the run-time folders that exist, relative to this folder, sorted."""
    out: list[str] = []
    for folder in _RES.RUNTIME_DIRS:
        root = HERE / folder
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            rel = path.relative_to(HERE)
            if path.is_file() and not any(p.startswith(".") or p == "__pycache__" for p in rel.parts):
                out.append(rel.as_posix())
    return sorted(out)


class BuildPyWithHome(build_py):
    """``build_py`` that also copies the run-time folders into ``graph_builder/_home/``."""

    def _home_outputs(self) -> list[tuple[str, str]]:
        if getattr(self, "editable_mode", False):
            return []
        target = Path(self.build_lib) / "graph_builder" / _RES.PACKAGED_HOME
        return [(src, str(target / src)) for src in runtime_files()]

    def run(self) -> None:
        super().run()
        for src, dst in self._home_outputs():
            self.mkpath(str(Path(dst).parent))
            self.copy_file(src, dst, preserve_mode=False)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        return [*super().get_outputs(include_bytecode), *(dst for _, dst in self._home_outputs())]

    def get_source_files(self) -> list[str]:
        return [*super().get_source_files(), *runtime_files()]


setup(cmdclass={"build_py": BuildPyWithHome})
