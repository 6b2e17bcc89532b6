"""Benchmark the HTML viewer: render time in Python and time-to-interactive in headless Chromium.

Random knowledge graphs of 300 and 3,000 nodes (~2 edges per node, realistic attributes and
evidence) are rendered with :func:`graph_builder.viz.render_html`, then opened from file://
in headless Chromium with every non-file request blocked. Time-to-interactive is the page's
``window.__ready`` (``performance.now()`` when vis-network has drawn the graph), measured
from navigation start. Writes ``bench/results/viz.json`` and prints a table.

Run::

    .venv/bin/python bench/bench_viz.py            # 300 and 3000 nodes, 3 page loads each
    .venv/bin/python bench/bench_viz.py --sizes 300 --repeat 1
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import networkx as nx

from graph_builder.types import ENTITY_TYPES, PREDICATES
from graph_builder.viz import render_html

__all__ = ["random_graph", "measure", "main"]

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
RESULTS = Path(__file__).resolve().parent / "results" / "viz.json"


def random_graph(n: int, edges_per_node: float = 2.0, seed: int = 0) -> nx.MultiDiGraph:
    """A random graph in the network.py contract: preferential attachment, typed nodes, evidence.

    >>> g = random_graph(50); (g.number_of_nodes(), g.number_of_edges() > 60)
    (50, True)
    """
    rng = random.Random(seed)
    g = nx.MultiDiGraph(title=f"Random graph, {n} nodes")
    for i in range(n):
        t = rng.choices(ENTITY_TYPES, weights=[4, 4, 1, 1])[0]
        g.add_node(
            f"https://w3id.org/graph-builder/entity/{t.lower()}/n{i}",
            label=f"{t} {i}",
            type=t,
            aliases=[f"N{i}"] if rng.random() < 0.3 else [],
            wikidata=f"Q{1000 + i}" if rng.random() < 0.4 else None,
            mentions=rng.randint(1, 20),
        )
    nodes = list(g.nodes)
    targets: list[str] = []
    m = int(n * edges_per_node)
    while g.number_of_edges() < m:
        u = rng.choice(nodes)
        v = rng.choice(targets) if targets and rng.random() < 0.7 else rng.choice(nodes)
        if u == v:
            continue
        p = rng.choice(PREDICATES)
        if g.has_edge(u, v, key=p):
            continue
        conf = round(rng.uniform(0.3, 1.0), 2)
        k = rng.randint(1, 3)
        ev = [
            {"sentence": f"{g.nodes[u]['label']} {p} {g.nodes[v]['label']} (sentence {j}).",
             "article": f"https://w3id.org/graph-builder/article/a{rng.randint(0, 9999)}", "title": f"Article {j}",
             "published": "2024-05-0{}".format(1 + j), "url": f"https://example.org/a/{j}", "confidence": conf,
             "rule": "bench", "former": False}
            for j in range(k)
        ]
        g.add_edge(u, v, key=p, predicate=p, former=rng.random() < 0.1, confidence=conf, support=k, evidence=ev)
        targets += [u, v]
    return g


def chromium_version() -> str:
    try:
        out = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout
        return out.strip()
    except (OSError, subprocess.SubprocessError):
        return "unavailable"


def measure(path: Path, repeat: int = 3) -> dict[str, Any]:
    """Open ``path`` ``repeat`` times in fresh pages; time-to-interactive (ms) per load."""
    from playwright.sync_api import sync_playwright

    times: list[float] = []
    blocked: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for _ in range(repeat):
                ctx = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)  # Playwright polls with eval
                page = ctx.new_page()
                page.on("pageerror", lambda e: errors.append(str(e)))

                def route(r: Any) -> None:
                    if r.request.url.startswith(("file:", "data:")):
                        r.continue_()
                    else:
                        blocked.append(r.request.url)
                        r.abort()

                page.route("**/*", route)
                t0 = time.perf_counter()
                page.goto(path.as_uri(), wait_until="commit")
                page.wait_for_function("window.__ready !== undefined", timeout=120_000, polling=50)
                wall = (time.perf_counter() - t0) * 1000
                ready = page.evaluate("window.__ready")
                # one interaction: search + focus must answer promptly
                t1 = time.perf_counter()
                page.evaluate("gbViewer.focusNode(gbViewer.nodes.getIds()[0])")
                interact = (time.perf_counter() - t1) * 1000
                times.append(float(ready))
                errors.append(f"wall={wall:.0f}ms interact={interact:.0f}ms")
                ctx.close()
        finally:
            browser.close()
    return {"tti_ms": times, "tti_ms_median": statistics.median(times), "blocked_requests": blocked,
            "notes": [e for e in errors if not e.startswith("wall=")], "walls": [e for e in errors if e.startswith("wall=")]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[300, 3000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            g = random_graph(n)
            path = Path(tmp) / f"viz-{n}.html"
            summary = render_html(g, path)
            res = measure(path, args.repeat) if os.path.exists(CHROMIUM) else {"tti_ms_median": None}
            rows.append({
                "nodes": summary.nodes, "edges": summary.edges, "layout": summary.layout,
                "render_s": summary.seconds, "html_bytes": summary.bytes, **res,
            })
    out = {
        "benchmark": "viz",
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {"cpu_count": os.cpu_count(), "platform": platform.platform(), "python": sys.version.split()[0],
                    "chromium": chromium_version()},
        "targets_ms": {"300": 3000, "3000": 10000},
        "results": rows,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"{'nodes':>6} {'edges':>6} {'layout':>7} {'render s':>9} {'MB':>6} {'TTI ms (median)':>16}  target")
    for r in rows:
        tti = r.get("tti_ms_median")
        target = 3000 if r["nodes"] <= 300 else 10000
        ok = "-" if tti is None else ("ok" if tti < target else "SLOW")
        print(f"{r['nodes']:>6} {r['edges']:>6} {r['layout']:>7} {r['render_s']:>9.2f} {r['html_bytes'] / 1e6:>6.2f} "
              f"{tti if tti is None else round(tti):>16}  <{target} {ok}")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
