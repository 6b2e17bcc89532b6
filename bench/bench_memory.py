"""Peak memory of a build as the corpus grows: it should stay flat, and under 2 GB.

Each size is built in a fresh subprocess (``python -m bench.bench_memory --child ...``) so the
numbers do not depend on what this process already holds. The parent samples the resident
set size (RSS) of the child *and all its descendants* (pool or Dask workers) every 0.2 s with
psutil and records the peak of the sum; ``ru_maxrss`` of the child (the largest single
process, from ``resource.getrusage(RUSAGE_CHILDREN)``) is recorded too. The child also samples
its own RSS (every 0.1 s) to split the peak into the streaming phase and the final
``GraphStore.refresh`` (``peak_build_loop_mb``, ``rss_before_refresh_mb``,
``peak_during_refresh_mb``) and records its RSS every 500 articles (``rss_by_articles``), so
the slope per article can be read directly. Writes ``bench/results/memory.json`` and prints
a table.

Run::

    .venv/bin/python -m bench.bench_memory                         # 2,000 and 10,000 articles
    .venv/bin/python -m bench.bench_memory --articles 200,1000 --max-words 80
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench._common import table, write_result
from bench.corpus import make_corpus

__all__ = ["measure", "run", "main"]

LIMIT_BYTES = 2 * 1024**3


def _tree_rss(pid: int) -> int:
    import psutil

    try:
        p = psutil.Process(pid)
        procs = [p, *p.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for q in procs:
        try:
            total += q.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total


def measure(corpus: Path, *, workers: int = 1, engine: str = "local", timeout: float = 7200) -> dict[str, Any]:
    """Build ``corpus`` in a subprocess into a temporary store; peak RSS (tree and largest process)."""
    with tempfile.TemporaryDirectory(prefix="gb-bench-mem-") as tmp:
        out = Path(tmp) / "report.json"
        cmd = [sys.executable, "-m", "bench.bench_memory", "--child", str(corpus), "--store", str(Path(tmp) / "store"),
               "--workers", str(workers), "--engine", engine, "--report", str(out)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=Path(__file__).resolve().parent.parent)
        peak, samples = 0, []
        while proc.poll() is None:
            rss = _tree_rss(proc.pid)
            peak = max(peak, rss)
            samples.append((round(time.perf_counter() - t0, 1), rss))
            if time.perf_counter() - t0 > timeout:
                proc.kill()
                raise TimeoutError(f"build of {corpus} took more than {timeout} s")
            time.sleep(0.2)
        wall = time.perf_counter() - t0
        if proc.returncode:
            raise RuntimeError(f"the build subprocess failed with exit code {proc.returncode}: {' '.join(cmd)}")
        maxrss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # kB on Linux
        report = json.loads(out.read_text())
    step = max(1, len(samples) // 40)
    return {"workers": workers, "engine": engine, "wall_s": wall, "peak_tree_rss_bytes": peak,
            "max_single_process_rss_bytes": maxrss if maxrss > before * 1024 else None,
            "rss_timeline": samples[::step], **report}


class _Sampler:
    """This process's RSS every ``interval`` seconds in a thread; ``peak`` since the last ``reset``."""

    def __init__(self, interval: float = 0.1) -> None:
        import psutil

        self._proc = psutil.Process()
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def rss(self) -> int:
        return self._proc.memory_info().rss

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.rss())
            self._stop.wait(self.interval)

    def reset(self) -> int:
        """Return the peak so far and start a new one from the current RSS."""
        old, self.peak = max(self.peak, self.rss()), self.rss()
        return old

    def __enter__(self) -> _Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _child(corpus: str, store: str, workers: int, engine: str, report: str) -> int:
    from graph_builder.build import build
    from graph_builder.rdf.store import GraphStore

    mb = 2**20
    phases: dict[str, float] = {}
    by_articles: list[tuple[int, float]] = []
    t0 = time.perf_counter()
    with _Sampler() as sampler, GraphStore(store) as st:
        refresh = st.refresh

        def measured_refresh() -> None:  # the build calls it once, after the last article
            phases["rss_before_refresh_mb"] = round(sampler.rss() / mb, 1)
            phases["peak_build_loop_mb"] = round(sampler.reset() / mb, 1)
            r0 = time.perf_counter()
            refresh()
            phases["refresh_s"] = round(time.perf_counter() - r0, 1)
            phases["peak_during_refresh_mb"] = round(sampler.reset() / mb, 1)

        seen = [0]

        def on_article(ex: object, status: str) -> None:
            seen[0] += 1
            if seen[0] % 500 == 0:
                by_articles.append((seen[0], round(sampler.rss() / mb, 1)))

        st.refresh = measured_refresh  # type: ignore[method-assign]
        rep = build([corpus], st, workers=workers, engine=engine, on_article=on_article)  # type: ignore[arg-type]
        triples = st.triples_count()
    Path(report).write_text(json.dumps({"articles": rep.processed, "words": rep.words, "triples": triples,
                                        "build_s": time.perf_counter() - t0, **phases,
                                        "rss_by_articles": by_articles,
                                        "self_maxrss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
    return 0


def run(sizes: tuple[int, ...] = (2_000, 10_000), *, workers: int = 1, engine: str = "local",
        max_words: int | None = None, seed: int = 0) -> dict[str, Any]:
    """Measure each corpus size; returns the result dict."""
    rows = []
    for n in sizes:
        info = make_corpus(None, articles=n, seed=seed, max_words=max_words)
        print(f"corpus {info.path.name}: {info.articles:,} articles, {info.words:,} words", flush=True)
        r = measure(info.path, workers=workers, engine=engine)
        r["corpus_articles"] = n
        r["peak_tree_rss_mb"] = round(r["peak_tree_rss_bytes"] / 2**20, 1)
        r["under_limit"] = r["peak_tree_rss_bytes"] < LIMIT_BYTES
        rows.append(r)
        print(f"  {n:,} articles: peak RSS {r['peak_tree_rss_mb']:,} MB, {r['wall_s']:.0f} s", flush=True)
    flat = None
    if len(rows) >= 2:
        flat = rows[-1]["peak_tree_rss_bytes"] / rows[0]["peak_tree_rss_bytes"]
    return {"params": {"sizes": list(sizes), "workers": workers, "engine": engine, "max_words": max_words,
                       "seed": seed}, "limit_bytes": LIMIT_BYTES, "runs": rows, "growth_largest_over_smallest": flat}


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m bench.bench_memory [--articles 2000,10000] [--workers N]``."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", default="2000,10000", help="comma-separated corpus sizes (articles)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--engine", default="local", choices=["local", "dask"])
    ap.add_argument("--max-words", type=int, default=None, help="cut each article to about this many words")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default="memory", help="result name (bench/results/<out>.json)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--store", help=argparse.SUPPRESS)
    ap.add_argument("--report", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        return _child(a.child, a.store, a.workers, a.engine, a.report)
    sizes = tuple(int(s) for s in a.articles.split(",") if s.strip())
    res = run(sizes, workers=a.workers, engine=a.engine, max_words=a.max_words, seed=a.seed)
    path = write_result(a.out, res)
    print(table(res["runs"], ["corpus_articles", "words", "triples", "wall_s", "peak_tree_rss_mb",
                              "peak_build_loop_mb", "rss_before_refresh_mb", "peak_during_refresh_mb", "under_limit"]))
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
