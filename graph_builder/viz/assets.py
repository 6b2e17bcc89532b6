"""The files the viewer page inlines: vis-network (from pyvis), our script and style sheet.

The viewer script is written as one file per concern in ``graph_builder/viz_assets/``
(:data:`SCRIPT_PARTS`, in load order); they are joined into one inline ``<script>`` inside one
function scope, sharing a ``GB`` namespace object. Nothing is fetched at run time: the page's
Content-Security-Policy (:func:`csp`) allows exactly the two inline scripts, by hash.

>>> a = assets()
>>> len(a.vis_js) > 100_000 and "GB.labels = " in a.viewer_js
True
>>> csp("x").startswith("default-src 'none'; script-src 'sha256-")
True
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from graph_builder.errors import ConfigError

__all__ = ["ASSETS", "SCRIPT_PARTS", "PageAssets", "assets", "csp"]

ASSETS = Path(__file__).resolve().parent.parent / "viz_assets"

#: the viewer script, one file per concern, in load order
SCRIPT_PARTS: tuple[str, ...] = (
    "util.js",
    "labels.js",
    "halos.js",
    "visibility.js",
    "clusters.js",
    "highlight.js",
    "panel.js",
    "search.js",
    "legend.js",
    "export.js",
    "viewer.js",
)


@dataclass(frozen=True)
class PageAssets:
    """The texts inlined into every page."""

    vis_js: str
    vis_css: str
    viewer_js: str
    viewer_css: str
    pyvis_version: str


def _read(path: Path) -> str:
    if not path.is_file():
        raise ConfigError(f"{path} is missing; reinstall graph-builder (the viewer needs its viz_assets)")
    return path.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def assets() -> PageAssets:
    """vis-network 9.1.2 as pyvis ships it (source-map comments removed) and our viewer files."""
    import pyvis

    vis_dir = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
    missing = [p for p in (vis_dir / "vis-network.min.js", vis_dir / "vis-network.css") if not p.is_file()]
    if missing:
        raise ConfigError(f"pyvis is missing {missing[0]}; reinstall pyvis==0.3.2")
    # no source-map comments: nothing in the page may point at another resource
    strip = re.compile(r"^\s*(//[#@] sourceMappingURL=.*|/\*# sourceMappingURL=.*\*/)\s*$", re.M)
    vis_js = strip.sub("", (vis_dir / "vis-network.min.js").read_text(encoding="utf-8"))
    parts = [f"/* ---- {name} ---- */\n{_read(ASSETS / name)}" for name in SCRIPT_PARTS]
    viewer_js = '(function () {\n"use strict";\nvar GB = {};\n' + "\n".join(parts) + "\n})();\n"
    for name, js in (("vis-network.min.js", vis_js), ("the viewer script", viewer_js)):
        if "</script" in js.lower():
            raise ConfigError(f"{name} contains '</script' and cannot be inlined")
    return PageAssets(
        vis_js=vis_js,
        vis_css=strip.sub("", (vis_dir / "vis-network.css").read_text(encoding="utf-8")),
        viewer_js=viewer_js,
        viewer_css=_read(ASSETS / "viewer.css"),
        pyvis_version=getattr(pyvis, "__version__", "?"),
    )


def csp(*scripts: str) -> str:
    """The page's Content-Security-Policy: only these inline scripts run, nothing is fetched."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii") + "'"
        for s in scripts
    )
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
        "font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'"
    )
