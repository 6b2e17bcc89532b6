"""End-to-end build speed against bare spaCy on the same texts, measured in the same run.

For a corpus of ``--words`` words (:mod:`bench.corpus`, French and English):

- **bare**: ``spacy.load(model)`` then ``nlp.pipe(texts, batch_size=B)`` per language, with
  ``n_process=1`` and ``n_process=2`` (model loading not counted);
- **build**: :func:`graph_builder.build.build` of the JSON Lines file into a fresh on-disk
  store, everything counted (ingest with language detection and dedup, our pipeline
  components, extraction, store writes, the final refresh), with ``workers=1`` (models
  loaded beforehand, as in a warm process), ``workers=2`` (process pool, models loaded in
  each worker: counted) and ``engine="dask"`` (a LocalCluster of 2 workers: start-up counted).

The ratio is build words/s over bare words/s (1 process vs 1 process, 2 vs 2), target ≥ 0.80.
Wall times depend on whatever else runs on the machine, so CPU seconds (this process and its
children) are recorded too, with the ratio computed from them as well. A breakdown of the
``workers=1`` build (ingest, each spaCy/graph_builder component, store writes, refresh) shows
where the time goes. Writes ``bench/results/build.json`` and prints a table.

Run::

    .venv/bin/python -m bench.bench_build                    # 500,000 words (~20-40 min on 2 cores)
    .venv/bin/python -m bench.bench_build --words 30000 --engines w1
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bench._common import Clock, table, write_result
from bench.corpus import make_corpus

__all__ = ["bare_pipe", "timed_build", "component_breakdown", "run", "main"]

ENGINES = {"w1": {"workers": 1, "engine": "local"}, "w2": {"workers": 2, "engine": "local"},
           "dask": {"workers": 2, "engine": "dask"}}


def _texts_by_lang(path: Path) -> dict[str, list[str]]:
    """The corpus as ingest sees it (same texts, detected languages), grouped by language."""
    from graph_builder.ingest import iter_articles
    from graph_builder.types import Article

    out: dict[str, list[str]] = defaultdict(list)
    for a in iter_articles([path]):
        if isinstance(a, Article) and a.lang:
            out[a.lang].append(a.text)
    return dict(out)


def bare_pipe(texts: dict[str, list[str]], *, batch_size: int, n_process: int) -> dict[str, Any]:
    """Bare ``spacy.load`` + ``nlp.pipe`` over each language's texts; load time not counted."""
    import spacy

    from graph_builder.nlp.pipeline import MODELS

    words = sum(len(t.split()) for ts in texts.values() for t in ts)
    load = 0.0
    wall = cpu = 0.0
    for lang, ts in texts.items():
        t0 = time.perf_counter()
        nlp = spacy.load(MODELS[lang])
        load += time.perf_counter() - t0
        with Clock() as c:
            for _ in nlp.pipe(ts, batch_size=batch_size, n_process=n_process):
                pass
        wall += c.wall
        cpu += c.cpu
    return {"name": f"bare n_process={n_process}", "n_process": n_process, "words": words, "wall_s": wall,
            "cpu_s": cpu, "load_s": load, "words_per_s": words / wall, "words_per_cpu_s": words / cpu}


class _TimedStore:
    """Wraps a GraphStore to time its writes (add_extraction) and the final refresh."""

    def __init__(self, store: Any) -> None:
        self._store = store
        self.write_s = 0.0
        self.refresh_s = 0.0

    def add_extraction(self, *a: Any, **k: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return self._store.add_extraction(*a, **k)
        finally:
            self.write_s += time.perf_counter() - t0

    def refresh(self) -> None:
        t0 = time.perf_counter()
        self._store.refresh()
        self.refresh_s += time.perf_counter() - t0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def timed_build(path: Path, *, workers: int, engine: str, batch_size: int, name: str,
                extracted_at: datetime | None = None) -> dict[str, Any]:
    """One build of ``path`` into a fresh temporary on-disk store, timed."""
    from graph_builder.build import build
    from graph_builder.rdf.store import GraphStore

    tmp = Path(tempfile.mkdtemp(prefix="gb-bench-"))
    try:
        with GraphStore(tmp / "store") as st:
            ts = _TimedStore(st)
            with Clock() as c:
                rep = build([path], ts, workers=workers, engine=engine, batch_size=batch_size)  # type: ignore[arg-type]
            triples = st.triples_count()
        size = sum(f.stat().st_size for f in (tmp / "store").rglob("*") if f.is_file())
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"name": name, "workers": workers, "engine": engine, "articles": rep.processed, "words": rep.words,
            "entities": rep.entities, "relations": rep.relations, "triples": triples, "store_bytes": size,
            "wall_s": c.wall, "cpu_s": c.cpu, "loadavg": c.load, "words_per_s": rep.words / c.wall,
            "words_per_cpu_s": rep.words / c.cpu, "store_write_s": ts.write_s, "refresh_s": ts.refresh_s,
            "near_duplicate_pairs": len(rep.ingest.near_duplicates)}


def component_breakdown(path: Path, *, batch_size: int, words: int = 50_000) -> dict[str, Any]:
    """CPU seconds per stage of a one-process build on the first ``words`` words of the corpus:
    ingest, language detection, each pipeline component, Doc -> ArticleExtraction."""
    from graph_builder.extract import _accumulate, _Acc, _finish  # noqa: PLC2701 (timing internals)
    from graph_builder.ingest import iter_articles
    from graph_builder.nlp.pipeline import load_pipeline
    from graph_builder.types import Article

    out: dict[str, Any] = {}
    with Clock() as c:
        arts = []
        for a in iter_articles([path]):
            if isinstance(a, Article):
                arts.append(a)
                if sum(x.words for x in arts) >= words:
                    break
    out["words"] = sum(a.words for a in arts)
    out["ingest_s"] = round(c.wall, 3)
    out["ingest_cpu_s"] = round(c.cpu, 3)
    from graph_builder.ingest.language import detect_language

    with Clock() as c:
        for a in arts:
            detect_language(a.text)
    out["language_detection_s"] = round(c.wall, 3)
    by_lang: dict[str, list[Article]] = defaultdict(list)
    for a in arts:
        by_lang[a.lang or ""].append(a)
    comps: dict[str, float] = defaultdict(float)
    extract_s = 0.0
    for lang, items in by_lang.items():
        nlp = load_pipeline(lang)
        t0 = time.process_time()
        docs = [nlp.make_doc(a.text) for a in items]
        comps[f"{lang}:tokenizer"] += time.process_time() - t0
        for name, proc in nlp.pipeline:
            t0 = time.process_time()
            if hasattr(proc, "pipe"):
                docs = list(proc.pipe(docs, batch_size=batch_size))
            else:
                docs = [proc(d) for d in docs]
            comps[f"{lang}:{name}"] += time.process_time() - t0
        t0 = time.process_time()
        for doc, a in zip(docs, items):
            acc = _Acc()
            _accumulate(acc, doc, a, 0)
            _finish(acc, a, "bench")
        extract_s += time.process_time() - t0
    total = sum(comps.values())
    out["components_cpu_s"] = {k: round(v, 3) for k, v in comps.items()}
    out["graph_builder_components_cpu_s"] = round(sum(v for k, v in comps.items() if ":gb_" in k), 3)
    out["model_components_cpu_s"] = round(sum(v for k, v in comps.items() if ":gb_" not in k), 3)
    out["pipeline_cpu_s"] = round(total, 3)
    out["doc_to_extraction_cpu_s"] = round(extract_s, 3)
    return out


def run(words: int = 500_000, *, batch_size: int = 16, engines: tuple[str, ...] = ("w1", "w2", "dask"),
        seed: int = 0, breakdown_words: int = 50_000) -> dict[str, Any]:
    """Run the whole benchmark; returns the result dict (also written to results/build.json)."""
    from graph_builder.nlp.pipeline import load_pipeline

    info = make_corpus(words, seed=seed)
    texts = _texts_by_lang(info.path)
    print(f"corpus {info.path.name}: {info.articles:,} articles, {info.words:,} words {info.words_by_lang}", flush=True)
    for lang in texts:
        load_pipeline(lang)  # warm: workers=1 builds in this process
    runs: list[dict[str, Any]] = []
    bare: dict[int, dict[str, Any]] = {}
    # interleaved so that a change of load on the machine hits both sides alike
    order: list[tuple[str, Any]] = [("bare", 1)]
    if "w1" in engines:
        order.append(("build", "w1"))
    if {"w2", "dask"} & set(engines):
        order.append(("bare", 2))
    order += [("build", e) for e in ("w2", "dask") if e in engines]
    for kind, arg in order:
        if kind == "bare":
            r = bare_pipe(texts, batch_size=batch_size, n_process=arg)
            bare[arg] = r
        else:
            r = timed_build(info.path, name=f"build {arg}", batch_size=batch_size, **ENGINES[arg])
            base = bare[1 if arg == "w1" else 2]
            r["ratio"] = r["words_per_s"] / base["words_per_s"]
            r["ratio_cpu"] = r["words_per_cpu_s"] / base["words_per_cpu_s"]
        runs.append(r)
        print(f"  {r['name']}: {r['wall_s']:.1f} s wall, {r['cpu_s']:.1f} s CPU, {r['words_per_s']:,.0f} words/s"
              + (f", ratio {r['ratio']:.2f} (CPU {r['ratio_cpu']:.2f})" if "ratio" in r else ""), flush=True)
    result: dict[str, Any] = {
        "params": {"words": words, "batch_size": batch_size, "engines": list(engines), "seed": seed},
        "corpus": {"path": str(info.path.name), "articles": info.articles, "words": info.words,
                   "words_by_lang": info.words_by_lang},
        "target_ratio": 0.80,
        "runs": runs,
    }
    if breakdown_words:
        result["breakdown_workers1"] = component_breakdown(info.path, batch_size=batch_size, words=breakdown_words)
    return result


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m bench.bench_build [--words N] [--engines w1,w2,dask]``."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--words", type=int, default=500_000)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--engines", default="w1,w2,dask", help="comma-separated: w1, w2, dask")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--breakdown-words", type=int, default=50_000,
                    help="words for the per-component breakdown (0: none)")
    ap.add_argument("--out", default="build", help="result name (bench/results/<out>.json)")
    a = ap.parse_args(argv)
    engines = tuple(e.strip() for e in a.engines.split(",") if e.strip())
    bad = set(engines) - set(ENGINES)
    if bad:
        ap.error(f"unknown engine(s) {', '.join(sorted(bad))}; use {', '.join(ENGINES)}")
    res = run(a.words, batch_size=a.batch_size, engines=engines, seed=a.seed, breakdown_words=a.breakdown_words)
    path = write_result(a.out, res)
    print(table(res["runs"], ["name", "words", "wall_s", "cpu_s", "words_per_s", "words_per_cpu_s", "ratio",
                              "ratio_cpu", "store_write_s", "refresh_s"]))
    if "breakdown_workers1" in res:
        b = res["breakdown_workers1"]
        rows = [{"stage": k, "cpu_s": v} for k, v in sorted(b["components_cpu_s"].items(), key=lambda kv: -kv[1])]
        rows += [{"stage": f"ingest of {b['words']:,} words (wall)", "cpu_s": b["ingest_s"]},
                 {"stage": "  of which language detection", "cpu_s": b["language_detection_s"]},
                 {"stage": "doc -> ArticleExtraction", "cpu_s": b["doc_to_extraction_cpu_s"]}]
        print(table(rows, ["stage", "cpu_s"]))
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
