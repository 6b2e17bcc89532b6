"""Benchmark the HTML viewer: render time in Python, time to interactive in headless Chromium.

News-like graphs of 300, 1,000 and 3,000 entities (:func:`graph_builder.viz.synthetic.synthetic_graph`:
sectors of organisations, their people, products and places, a fifth without relations, ~1.2
relations per entity like the demo graph) are rendered with :func:`graph_builder.viz.render_html`,
then opened from file:// in headless Chromium with every non-file request blocked.

- **time to interactive** (``tti_ms``): the page's ``window.__ready`` (``performance.now()`` when
  the first frame is drawn: graph, halos and labels, fitted) from navigation start; the phases
  come from the page's performance marks (``gb:boot`` … ``gb:first-view``);
- **browser CPU** (``cpu_ms``): CPU time of every Chromium process during the load (psutil), the
  figure that depends least on the other jobs of a shared machine;
- **interactions** (``focus_ms``, ``filter_ms``, ``cluster_ms``, ``reset_ms``): a search result
  focused (highlight + panel + fit), a type filter, "Group communities" on, Escape — each the
  synchronous work in the page plus the next frame.

Writes ``bench/results/viz.json`` and prints a table. Targets (issue 19): ≤ 1.5 s at 300 entities,
≤ 5 s at 3,000.

Run::

    .venv/bin/python -m bench.bench_viz                       # 300, 1000, 3000; 3 page loads each
    .venv/bin/python -m bench.bench_viz --sizes 300 --repeat 1
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench._common import RESULTS_DIR, table, write_result
from graph_builder.viz import render_html
from graph_builder.viz.synthetic import synthetic_graph

__all__ = ["measure", "main", "TARGETS_MS"]

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
#: time to interactive to stay under, by graph size
TARGETS_MS = {300: 1500, 3000: 5000}
PHASES = ("gb:boot", "gb:datasets", "gb:network", "gb:modules", "gb:first-view")

_INTERACT = """async () => {
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const V = gbViewer.V, out = {};
  async function timed(name, fn) { const t = performance.now(); fn(); await frame(); out[name] = performance.now() - t; }
  const hub = (gbViewer.meta.communities[0] || {}).hub || V.drawnIds()[0];
  await timed('focus_ms', () => gbViewer.focusNode(hub));
  await timed('reset_ms', () => gbViewer.reset());
  await timed('filter_ms', () => { V.filters.types.Person = false; V.refresh({fit: true}); });
  V.filters.types.Person = true; V.refresh({fit: false});
  await timed('cluster_ms', () => V.clusters.setOn(true));
  return out;
}"""


def chromium_version() -> str:
    try:
        out = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout
        return out.strip()
    except (OSError, subprocess.SubprocessError):
        return "unavailable"


def _browser_cpu() -> float:
    """CPU seconds used so far by the Chromium processes below this one."""
    import psutil

    total = 0.0
    for proc in psutil.Process().children(recursive=True):
        try:
            if "chrom" in proc.name().lower():
                t = proc.cpu_times()
                total += t.user + t.system
        except psutil.Error:
            continue
    return total


def measure(path: Path, repeat: int = 3) -> dict[str, Any]:
    """Open ``path`` ``repeat`` times in fresh pages: time to interactive, CPU, phases, interactions."""
    from playwright.sync_api import sync_playwright

    loads: list[dict[str, Any]] = []
    blocked: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for _ in range(repeat):
                ctx = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)
                page = ctx.new_page()
                page.on("pageerror", lambda e: errors.append(str(e)))

                def route(r: Any) -> None:
                    if r.request.url.startswith(("file:", "data:")):
                        r.continue_()
                    else:
                        blocked.append(r.request.url)
                        r.abort()

                page.route("**/*", route)
                load = os.getloadavg()[0]
                cpu0, t0 = _browser_cpu(), time.perf_counter()
                page.goto(path.as_uri(), wait_until="commit")
                page.wait_for_function("window.__ready !== undefined", timeout=120_000, polling=20)
                wall = (time.perf_counter() - t0) * 1000
                cpu = (_browser_cpu() - cpu0) * 1000
                marks = page.evaluate("Object.fromEntries(performance.getEntriesByType('mark').map(m => [m.name, m.startTime]))")
                shown = page.evaluate("[document.body.dataset.drawnNodes, gbViewer.labelBoxes().length]")
                loads.append({"tti_ms": round(page.evaluate("window.__ready"), 1), "wall_ms": round(wall, 1),
                              "cpu_ms": round(cpu, 1), "load": load, "drawn_nodes": int(shown[0]), "labels": shown[1],
                              "phases_ms": {k: round(marks[k], 1) for k in PHASES if k in marks},
                              **{k: round(v, 1) for k, v in page.evaluate(_INTERACT).items()}})
                ctx.close()
        finally:
            browser.close()

    def median(key: str) -> float:
        return round(statistics.median(x[key] for x in loads), 1)

    return {"loads": loads, "tti_ms_median": median("tti_ms"), "cpu_ms_median": median("cpu_ms"),
            **{f"{k}_median": median(k) for k in ("focus_ms", "filter_ms", "cluster_ms", "reset_ms")},
            "blocked_requests": blocked, "page_errors": errors}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[300, 1000, 3000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", type=Path, default=RESULTS_DIR, help="the folder of viz.json")
    args = ap.parse_args(argv)
    if not os.path.exists(CHROMIUM):
        print(f"{CHROMIUM} is missing: install it with `apt-get install -y chromium`", file=sys.stderr)
        return 2
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            g = synthetic_graph(n)
            path = Path(tmp) / f"viz-{n}.html"
            summary = render_html(g, path)
            res = measure(path, args.repeat)
            target = TARGETS_MS.get(n)
            rows.append({
                "nodes": summary.nodes, "edges": summary.edges, "isolates": summary.isolates,
                "communities": summary.communities, "render_s": summary.seconds, "html_mb": round(summary.bytes / 1e6, 2),
                "target_ms": target, "met": None if target is None else res["tti_ms_median"] <= target, **res,
            })
    out = write_result("viz", {"chromium": chromium_version(), "targets_ms": TARGETS_MS, "results": rows}, args.out)
    print(table(rows, ["nodes", "edges", "isolates", "render_s", "html_mb", "tti_ms_median", "cpu_ms_median",
                       "target_ms", "met", "focus_ms_median", "filter_ms_median", "cluster_ms_median"]))
    print(f"wrote {out}")
    bad = [r for r in rows if r["blocked_requests"] or r["page_errors"]]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
