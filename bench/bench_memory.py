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

With ``--text-mb N`` it measures one big text file instead (``bench/results/memory-text.json``):
N MB of news paragraphs of one language (``--text-lang``) with a title line per article, as a dump
would be, built with the real models; the build reads it in parts (``graph_builder.ingest.bigtext``).
The same run builds a corpus of the same language as JSON Lines records (``--text-corpus-words``)
for the throughput to compare with: target peak < 1 GB, and words per CPU-second within 20 % of
the corpus's. Both run without deduplication: the generated text reuses the paragraphs of the 33
sample articles, so its parts are near-duplicates of one another, which a real dump's are not.

Run::

    .venv/bin/python -m bench.bench_memory                         # 2,000 and 10,000 articles
    .venv/bin/python -m bench.bench_memory --articles 200,1000 --max-words 80
    .venv/bin/python -m bench.bench_memory --text-mb 50            # one 50 MB text file
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

__all__ = ["make_text", "measure", "run", "run_text", "main"]

LIMIT_BYTES = 2 * 1024**3
#: the big-text target: peak RSS under 1 GB, and words per CPU-second at least 80 % of the corpus's
TEXT_LIMIT_BYTES = 1024**3
TEXT_MIN_RATIO = 0.8


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


def measure(corpus: Path, *, workers: int = 1, engine: str = "local", timeout: float = 7200,
            dedup: bool = True) -> dict[str, Any]:
    """Build ``corpus`` in a subprocess into a temporary store; peak RSS (tree and largest process),
    wall and CPU seconds of the child."""
    with tempfile.TemporaryDirectory(prefix="gb-bench-mem-") as tmp:
        out = Path(tmp) / "report.json"
        cmd = [sys.executable, "-m", "bench.bench_memory", "--child", str(corpus), "--store", str(Path(tmp) / "store"),
               "--workers", str(workers), "--engine", engine, "--report", str(out)] + ([] if dedup else ["--no-dedup"])
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        usage0 = resource.getrusage(resource.RUSAGE_CHILDREN)
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
        usage1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (usage1.ru_utime - usage0.ru_utime) + (usage1.ru_stime - usage0.ru_stime)
        if proc.returncode:
            raise RuntimeError(f"the build subprocess failed with exit code {proc.returncode}: {' '.join(cmd)}")
        maxrss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # kB on Linux
        report = json.loads(out.read_text())
    step = max(1, len(samples) // 40)
    return {"workers": workers, "engine": engine, "wall_s": wall, "cpu_s": round(cpu, 1), "peak_tree_rss_bytes": peak,
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


def _child(corpus: str, store: str, workers: int, engine: str, report: str, dedup: bool = True) -> int:
    from graph_builder.build import build
    from graph_builder.ingest import IngestOptions
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
        rep = build([corpus], st, workers=workers, engine=engine, on_article=on_article,  # type: ignore[arg-type]
                    options=IngestOptions(dedup=dedup))
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


def make_text(mb: int, lang: str = "en", seed: int = 0) -> tuple[Path, int]:
    """``bench/corpus/text-<mb>mb-<lang>-s<seed>.txt``: articles of one language, title line, blank line,
    text, blank line, until ``mb`` MB (reused when present); returns (path, words)."""
    from bench.corpus import CORPUS_DIR, iter_records

    path = CORPUS_DIR / f"text-{mb}mb-{lang}-s{seed}.txt"
    meta = path.with_suffix(".meta.json")
    if path.exists() and meta.exists():
        return path, int(json.loads(meta.read_text())["words"])
    path.parent.mkdir(parents=True, exist_ok=True)
    words = 0
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for rec in iter_records(seed=seed, with_lang=True):
            if rec["lang"] != lang:
                continue
            fh.write(f"{rec['title']}\n\n{rec['text']}\n\n")
            words += len(str(rec["title"]).split()) + len(str(rec["text"]).split())
            if fh.tell() >= mb * 1024 * 1024:
                break
    tmp.replace(path)
    meta.write_text(json.dumps({"words": words}))
    return path, words


def _corpus_of(lang: str, words: int, seed: int) -> Path:
    """A JSON Lines corpus of one language, about ``words`` words (for the throughput to compare with)."""
    from bench.corpus import CORPUS_DIR, iter_records

    path = CORPUS_DIR / f"corpus-{words}w-{lang}-only-s{seed}.jsonl"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        total = 0
        with path.with_suffix(".tmp").open("w", encoding="utf-8") as fh:
            for rec in iter_records(seed=seed + 1, with_lang=True):
                if rec["lang"] == lang:
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                    total += len(str(rec["text"]).split())
                    if total >= words:
                        break
        path.with_suffix(".tmp").replace(path)
    return path


def run_text(mb: int = 50, *, lang: str = "en", corpus_words: int = 200_000, seed: int = 0) -> dict[str, Any]:
    """Peak memory and throughput of one ``mb`` MB text file, and the throughput of a corpus of records."""
    text, words = make_text(mb, lang, seed)
    print(f"text {text.name}: {text.stat().st_size / 1e6:.1f} MB, {words:,} words", flush=True)
    corpus = _corpus_of(lang, corpus_words, seed)
    rows = []
    for label, path in (("corpus of records", corpus), (f"{mb} MB text file", text)):
        r = measure(path, dedup=False, timeout=6 * 3600)
        r.update(input=label, path=path.name, peak_tree_rss_mb=round(r["peak_tree_rss_bytes"] / 2**20, 1),
                 words_per_s=round(r["words"] / r["wall_s"]), words_per_cpu_s=round(r["words"] / max(r["cpu_s"], 1e-9)))
        rows.append(r)
        print(f"  {label}: {r['words']:,} words, peak RSS {r['peak_tree_rss_mb']:,} MB, {r['wall_s']:.0f} s wall, "
              f"{r['cpu_s']:.0f} CPU-s", flush=True)
    ratio = rows[1]["words_per_cpu_s"] / rows[0]["words_per_cpu_s"]
    return {"params": {"mb": mb, "lang": lang, "corpus_words": corpus_words, "seed": seed, "dedup": False},
            "runs": rows, "throughput_ratio_cpu": round(ratio, 3),
            "throughput_ratio_wall": round(rows[1]["words_per_s"] / rows[0]["words_per_s"], 3),
            "peak_under_1gb": rows[1]["peak_tree_rss_bytes"] < TEXT_LIMIT_BYTES,
            "throughput_within_20pct": ratio >= TEXT_MIN_RATIO}


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m bench.bench_memory [--articles 2000,10000] [--workers N]``."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", default="2000,10000", help="comma-separated corpus sizes (articles)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--engine", default="local", choices=["local", "dask"])
    ap.add_argument("--max-words", type=int, default=None, help="cut each article to about this many words")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=None, help="result name (bench/results/<out>.json)")
    ap.add_argument("--text-mb", type=int, default=0, help="measure one text file of this many MB instead")
    ap.add_argument("--text-lang", default="en", help="the language of the text file (fr or en)")
    ap.add_argument("--text-corpus-words", type=int, default=200_000,
                    help="words of the corpus of records the text's throughput is compared with")
    ap.add_argument("--no-dedup", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--store", help=argparse.SUPPRESS)
    ap.add_argument("--report", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        return _child(a.child, a.store, a.workers, a.engine, a.report, dedup=not a.no_dedup)
    if a.text_mb:
        res = run_text(a.text_mb, lang=a.text_lang, corpus_words=a.text_corpus_words, seed=a.seed)
        path = write_result(a.out or "memory-text", res)
        print(table(res["runs"], ["input", "words", "wall_s", "cpu_s", "words_per_s", "words_per_cpu_s",
                                  "peak_tree_rss_mb", "peak_build_loop_mb", "peak_during_refresh_mb"]))
        print(f"throughput ratio (CPU) {res['throughput_ratio_cpu']}, peak under 1 GB: {res['peak_under_1gb']}")
        print(f"wrote {path}")
        return 0
    sizes = tuple(int(s) for s in a.articles.split(",") if s.strip())
    res = run(sizes, workers=a.workers, engine=a.engine, max_words=a.max_words, seed=a.seed)
    path = write_result(a.out or "memory", res)
    print(table(res["runs"], ["corpus_articles", "words", "triples", "wall_s", "peak_tree_rss_mb",
                              "peak_build_loop_mb", "rss_before_refresh_mb", "peak_during_refresh_mb", "under_limit"]))
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
