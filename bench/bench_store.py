"""The store at scale: load ≥ 1M triples, size on disk, refresh, and every named query's latency.

Synthetic articles (:func:`synthetic_extractions`) are built from graph_builder.types records
with a skewed popularity of entities (a few very popular companies and people, a long tail),
so the store looks like a big news graph: per article 6-12 entities and 3-8 relations typed
as the predicates' signatures allow, with evidence sentences at real offsets. They are written
one article at a time with :meth:`GraphStore.add_extraction` (one transaction each, as a build
does), then :meth:`GraphStore.refresh` runs once. Each named query
(:func:`graph_builder.query.list_queries`) runs with plausible parameters (the most popular
entity of the right type, an existing article, a fact that exists) and, when its parameters
are optional, once more without a filter: one cold run and ``--repeat`` warm runs in a spawned
process, target < 0.5 s each; wall and CPU seconds are both recorded (the machine may be shared).
Writes ``bench/results/store.json`` and prints a table.

Run::

    .venv/bin/python -m bench.bench_store                     # 1,000,000 triples
    .venv/bin/python -m bench.bench_store --triples 100000    # quick
    .venv/bin/python -m bench.bench_store --keep /tmp/s1m     # keep the store, then re-time without reloading:
    .venv/bin/python -m bench.bench_store --reuse /tmp/s1m --out store-rerun
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from bench._common import table, write_result
from graph_builder.types import PREDICATE_SIGNATURES, PREDICATES, Article, ArticleExtraction, Entity, Mention, Relation

__all__ = ["EntityPool", "synthetic_extractions", "load_store", "time_queries", "run", "main"]

_FIRST = ("Alice Bruno Chloé David Emma Farid Grace Hugo Inès Jules Karim Léa Marc Nadia Omar Paul Quentin Rita "
          "Sam Tara Ugo Vera Wei Xavier Yasmine Zoé Arthur Sophie Thomas Camille Lucas Manon Adam Sarah Louis "
          "Julia Nathan Clara Ethan Maya").split()
_LAST = ("Martin Bernard Dubois Durand Lefebvre Moreau Laurent Simon Michel Garcia Chen Kumar Smith Johnson "
         "Brown Taylor Wilson Davies Evans Thomas Roberts Walker Wright Green Hall Wood Clarke Hughes Lewis "
         "Young King Baker Scott Adams Mitchell Campbell Carter Nguyen Rossi Müller Schmidt Novak Kowalski "
         "Silva Santos Costa Ferrari Conti Haddad Sato Tanaka Kim Park Singh Patel Cohen Levy Ortiz Ramos").split()
_SYL = "ne xo ra vi ta lo mi ka dro zen qua li fy tri on sa pe ru ve ko da ny bel cor ix um ar el sol".split()
_ORG_SUFFIX = ("AI", "Labs", "Systems", "Robotics", "Capital", "Ventures", "Technologies", "Cloud", "Research", "")
_PLACES = ("Paris Londres Berlin Madrid Rome Lisbonne Amsterdam Bruxelles Zurich Genève Lyon Toulouse Bordeaux "
           "Nantes Lille Montréal Toronto Vancouver Boston Seattle Austin Miami Chicago Denver Atlanta Dublin "
           "Stockholm Oslo Helsinki Copenhague Varsovie Prague Vienne Munich Milan Barcelone Tel-Aviv Dubaï "
           "Singapour Tokyo Séoul Pékin Shanghai Shenzhen Bangalore Sydney Melbourne Nairobi Lagos").split()
_VERBS = {"founderOf": "founded", "ceoOf": "is the chief executive of", "worksFor": "works for",
          "investorIn": "invested in", "acquired": "acquired", "subsidiaryOf": "is a subsidiary of",
          "partnerOf": "partnered with", "competitorOf": "competes with", "develops": "develops",
          "basedIn": "is based in"}


class EntityPool:
    """Entities of each type with a skewed popularity (weight ∝ 1 / rank^0.9), deterministic.

    >>> pool = EntityPool(random.Random(0), persons=10, orgs=10, products=5, places=5)
    >>> pool.top("Organization").type, len(pool.by_type["Person"])
    ('Organization', 10)
    """

    def __init__(self, rng: random.Random, *, persons: int = 2400, orgs: int = 5000, products: int = 2000,
                 places: int = 300) -> None:
        self.rng = rng
        self.by_type: dict[str, list[Entity]] = {}
        people = [f"{f} {l}" for f in _FIRST for l in _LAST]
        rng.shuffle(people)
        if persons > len(people):
            people += [f"{p} {i}" for i, p in enumerate(people * (persons // len(people)))]
        self.by_type["Person"] = [Entity(n, "Person", wikidata=f"Q{10_000 + i}" if i % 3 == 0 else None)
                                  for i, n in enumerate(people[:persons])]
        names: list[str] = []
        seen: set[str] = set()
        while len(names) < orgs + products:
            stem = "".join(rng.choice(_SYL) for _ in range(rng.randint(2, 3))).capitalize()
            if stem not in seen:
                seen.add(stem)
                names.append(stem)
        self.by_type["Organization"] = [
            Entity(f"{s} {rng.choice(_ORG_SUFFIX)}".strip(), "Organization",
                   aliases=(s,) if i % 2 == 0 else (), wikidata=f"Q{50_000 + i}" if i % 4 == 0 else None)
            for i, s in enumerate(names[:orgs])]
        self.by_type["Product"] = [Entity(f"{s}-{rng.randint(1, 9)}", "Product") for s in names[orgs:orgs + products]]
        pl = list(_PLACES) + [f"{c}-{i}" for i in range(places) for c in ("Port", "Saint")]
        self.by_type["Place"] = [Entity(n, "Place", wikidata=f"Q{90_000 + i}") for i, n in enumerate(pl[:places])]
        self._weights = {t: [1 / (r + 1) ** 0.9 for r in range(len(es))] for t, es in self.by_type.items()}

    def pick(self, etype: str) -> Entity:
        """One entity of ``etype``, popular ones more often."""
        return self.rng.choices(self.by_type[etype], weights=self._weights[etype])[0]

    def top(self, etype: str) -> Entity:
        """The most popular entity of ``etype``."""
        return self.by_type[etype][0]


def synthetic_extractions(seed: int = 0, pool: EntityPool | None = None) -> Iterator[ArticleExtraction]:
    """An endless stream of plausible, distinct ArticleExtraction records (ids ``syn-0000000``...).

    >>> ex = next(synthetic_extractions(1))
    >>> ex.article.id, 3 <= len(ex.relations) <= 8, all(e.mentions for e in ex.entities)
    ('syn-0000000', True, True)
    >>> r = ex.relations[0]; ex.article.text[r.start:r.end] == r.evidence
    True
    """
    rng = random.Random(seed)
    pool = pool or EntityPool(random.Random(seed))
    day0 = date(2023, 1, 1)
    i = 0
    while True:
        lang = "fr" if i % 5 < 3 else "en"
        facts: list[tuple[Entity, str, Entity]] = []
        for _ in range(rng.randint(3, 8)):
            p = rng.choice(PREDICATES)
            st, ot = PREDICATE_SIGNATURES[p]
            s = pool.pick(rng.choice(sorted(st)))
            o = pool.pick(rng.choice(sorted(ot)))
            if s.name != o.name:
                facts.append((s, p, o))
        extra = [pool.pick(rng.choice(("Person", "Organization", "Organization", "Place")))
                 for _ in range(rng.randint(0, 4))]
        parts: list[str] = []
        pos = 0
        mentions: dict[str, list[Mention]] = {}
        relations: list[Relation] = []

        def say(sentence: str, names: list[str]) -> tuple[int, int]:
            nonlocal pos
            start = pos
            for n in names:
                k = sentence.index(n)
                mentions.setdefault(n, []).append(Mention(n, start + k, start + k + len(n)))
            parts.append(sentence)
            pos += len(sentence) + 1
            return start, start + len(sentence)

        for s, p, o in facts:
            sent = f"{s.name} {_VERBS[p]} {o.name}, according to the company (article {i})."
            start, end = say(sent, [s.name, o.name])
            relations.append(Relation(s.name, p, o.name, sent, start, end,  # type: ignore[arg-type]
                                      round(rng.uniform(0.5, 1.0), 3), f"syn.{p}", former=rng.random() < 0.1))
        for e in extra:
            say(f"{e.name} was also mentioned in this story about artificial intelligence.", [e.name])
        text = " ".join(parts)
        ents: dict[str, Entity] = {}
        for s, _, o in facts:
            ents.setdefault(s.name, s)
            ents.setdefault(o.name, o)
        for e in extra:
            ents.setdefault(e.name, e)
        entities = tuple(Entity(e.name, e.type, e.aliases, e.wikidata, tuple(mentions.get(e.name, ())))
                         for e in ents.values())
        pub = (day0 + timedelta(days=rng.randint(0, 900))).isoformat()
        art = Article(id=f"syn-{i:07d}", text=text, lang=lang, title=f"Synthetic story {i}", published=pub,
                      source="bench", url=f"https://bench.example.org/syn/{i}")
        yield ArticleExtraction(article=art, entities=entities, relations=tuple(relations),
                                model="synthetic-1.0")
        i += 1


def _query_child(path: str, name: str, params: dict[str, object], runs: int, out: Any) -> None:
    """In a spawned process: run a named query ``runs`` times; put (rows, wall s, CPU s) after each run."""
    from graph_builder.query import run_named
    from graph_builder.rdf.store import GraphStore

    with GraphStore(path, read_only=True) as st:
        for _ in range(runs):
            t0, c0 = time.perf_counter(), time.process_time()
            n = len(run_named(st, name, **params).rows)  # materialised as a caller would
            out.put((n, time.perf_counter() - t0, time.process_time() - c0))


def _query_runs(path: Path, name: str, params: dict[str, object], runs: int,
                timeout: float) -> list[tuple[int, float, float]]:
    """(rows, wall s, CPU s) of each run of a named query, in a child process killed after ``timeout``
    seconds (the runs that finished before are kept). The child is spawned, not forked: a fork of a
    process that has used RocksDB can deadlock (seen: a forked refresh hung with 0 CPU)."""
    import multiprocessing as mp
    import queue

    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    p = ctx.Process(target=_query_child, args=(str(path), name, params, runs, q))
    p.start()
    out: list[tuple[int, float, float]] = []
    deadline = time.perf_counter() + timeout + 10  # + the child's start-up (imports)
    while len(out) < runs:
        try:
            out.append(q.get(timeout=max(0.01, deadline - time.perf_counter())))
        except queue.Empty:
            break
    if p.is_alive():
        p.kill()
    p.join()
    return out


def load_store(path: Path, triples: int, *, seed: int = 0) -> dict[str, Any]:
    """Fill a new store at ``path`` with synthetic articles until it holds ``triples`` quads, then
    :meth:`GraphStore.refresh` once (in this process); wall and CPU seconds of each phase."""
    from bench._common import Clock
    from graph_builder.rdf.store import GraphStore

    pool = EntityPool(random.Random(seed))
    at = datetime(2025, 1, 1, tzinfo=timezone.utc)
    n = 0
    with Clock() as write, GraphStore(path) as st:
        for ex in synthetic_extractions(seed, pool):
            st.add_extraction(ex, extracted_at=at)
            n += 1
            if n % 500 == 0 and st.triples_count() >= triples:
                break
    with Clock() as refresh, GraphStore(path) as st:
        st.refresh()
    with GraphStore(path, read_only=True) as st:
        count = st.triples_count()
        stats = st.stats()
    total_s = write.wall + refresh.wall
    size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return {"articles": n, "triples": count, "write_s": write.wall, "write_cpu_s": write.cpu,
            "refresh_s": refresh.wall, "refresh_cpu_s": refresh.cpu, "load_s": total_s,
            "load_cpu_s": write.cpu + refresh.cpu, "triples_per_s": count / total_s, "size_bytes": size,
            "bytes_per_triple": size / count,
            "stats": {k: v for k, v in stats.items() if k != "relations_by_predicate"},
            "params_pool": {"top_org": pool.top("Organization").name, "top_person": pool.top("Person").name,
                            "top_place": pool.top("Place").name}}


def _params(pool: EntityPool, seed: int) -> dict[str, list[dict[str, object]]]:
    """Plausible parameters of every named query (several cases when parameters are optional)."""
    org, org2, person = pool.top("Organization").name, pool.by_type["Organization"][1].name, pool.top("Person").name
    ex = next(synthetic_extractions(seed, EntityPool(random.Random(seed))))
    r = ex.relations[0]
    return {
        "article_facts": [{"article": "syn-0000042"}],
        "articles_mentioning": [{"entity": org}, {"entity": pool.by_type["Organization"][500].name}],
        "careers": [{"person": person}],
        "connection": [{"a": org, "b": org2}, {"a": person, "b": pool.by_type["Organization"][300].name}],
        "entity": [{"entity": org}, {"entity": person}],
        "fact_evidence": [{"subject": r.subject, "predicate": r.predicate, "object": r.object}],
        "facts_above_confidence": [{"min": 0.95}, {}],
        "portfolio": [{"investor": org}],
    }


def time_queries(path: Path, *, repeat: int = 3, seed: int = 0, timeout: float = 60) -> list[dict[str, Any]]:
    """Latency of each named query on the store at ``path`` (read-only): one cold run, then ``repeat``
    warm runs, in a child process killed after ``timeout`` seconds (then ``cold_s`` is None). Wall and
    CPU seconds of each run (the machine may be shared: CPU is what the query itself costs)."""
    from graph_builder.query import list_queries

    pool = EntityPool(random.Random(seed))
    specific = _params(pool, seed)
    rows: list[dict[str, Any]] = []
    for q in list_queries():
        cases = specific.get(q.name)
        if cases is None:
            optional = [p for p in q.params if not p.required]
            cases = [{}] + ([{p.name: pool.top("Organization").name for p in optional}] if optional else [])
        for params in cases:
            label = ", ".join(f"{k}={v}" for k, v in params.items()) or "-"
            runs = _query_runs(path, q.name, params, 1 + repeat, timeout)
            times, cpus = [t for _, t, _ in runs], [c for _, _, c in runs]
            row: dict[str, Any] = {"query": q.name, "params": label, "rows": runs[0][0] if runs else None,
                                   "cold_s": times[0] if times else None,
                                   "warm_s": statistics.median(times[1:]) if len(times) > 1 else None,
                                   "cold_cpu_s": cpus[0] if cpus else None,
                                   "warm_cpu_s": statistics.median(cpus[1:]) if len(cpus) > 1 else None,
                                   "loadavg_1min": os.getloadavg()[0]}
            row["ok"] = bool(times) and len(times) == 1 + repeat and max(times[0], row["warm_s"] or 0) < 0.5
            row["ok_cpu"] = bool(cpus) and len(cpus) == 1 + repeat and max(cpus[0], row["warm_cpu_s"] or 0) < 0.5
            if len(times) < 1 + repeat:
                row["timeout_s"] = timeout
            rows.append(row)
            print(f"  {q.name} ({label}): " + (f"cold {row['cold_s']:.3f} s" if times else "cold -")
                  + (f", warm {row['warm_s']:.3f} s" if row["warm_s"] is not None else "")
                  + (f" (CPU {row['cold_cpu_s']:.3f} / {row['warm_cpu_s'] or 0:.3f} s)" if cpus else "")
                  + (f" (killed after {timeout:.0f} s)" if "timeout_s" in row else ""), flush=True)
    return rows


def run(triples: int = 1_000_000, *, repeat: int = 3, seed: int = 0, keep: Path | None = None,
        reuse: Path | None = None, timeout: float = 60) -> dict[str, Any]:
    """Load (or ``reuse`` a store a previous run kept), measure, query; returns the result dict."""
    from graph_builder.rdf.store import GraphStore

    tmp = Path(tempfile.mkdtemp(prefix="gb-bench-store-"))
    path = reuse or keep or tmp / "store"
    try:
        if reuse is None:
            if path.exists():
                shutil.rmtree(path)
            load = load_store(path, triples, seed=seed)
            print(f"loaded {load['triples']:,} triples ({load['articles']:,} articles) in {load['load_s']:.1f} s "
                  f"(CPU {load['load_cpu_s']:.1f} s; refresh {load['refresh_s']:.1f} s), "
                  f"{load['size_bytes'] / 1e6:.0f} MB on disk", flush=True)
        else:
            with GraphStore(path, read_only=True) as st:
                load = {"reused": str(path), "triples": st.triples_count(),
                        "size_bytes": sum(f.stat().st_size for f in path.rglob("*") if f.is_file())}
            print(f"reusing {path}: {load['triples']:,} triples (not reloaded)", flush=True)
        t0 = time.perf_counter()
        with GraphStore(path, read_only=True) as st:
            st.triples_count()
        open_s = time.perf_counter() - t0
        load_before = os.getloadavg()
        queries = time_queries(path, repeat=repeat, seed=seed, timeout=timeout)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    slow = [q for q in queries if not q["ok"]]
    return {"params": {"triples": triples, "repeat": repeat, "seed": seed}, "target_query_s": 0.5,
            "load": load, "open_read_only_s": open_s,
            "loadavg_queries": {"before": list(load_before), "after": list(os.getloadavg())},
            "queries": queries,
            "slow_queries": [f"{q['query']} ({q['params']}): " + (f"> {q['timeout_s']:.0f} s" if q["cold_s"] is None
                                                                 else f"cold {q['cold_s']:.2f} s, warm {q['warm_s'] or 0:.2f} s"
                                                                 f" (CPU {q['cold_cpu_s']:.2f} / {q['warm_cpu_s'] or 0:.2f} s)")
                             for q in slow]}


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m bench.bench_store [--triples N] [--repeat R]``."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3, help="warm runs per query (after one cold run)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--timeout", type=float, default=60, help="seconds per query (cold + warm runs)")
    ap.add_argument("--keep", type=Path, default=None, help="build the store here and keep it")
    ap.add_argument("--reuse", type=Path, default=None,
                    help="time the queries on a store kept by an earlier run (--keep DIR) instead of loading one")
    ap.add_argument("--out", default="store", help="result name (bench/results/<out>.json)")
    a = ap.parse_args(argv)
    res = run(a.triples, repeat=a.repeat, seed=a.seed, keep=a.keep, reuse=a.reuse, timeout=a.timeout)
    path = write_result(a.out, res)
    print(table(res["queries"], ["query", "params", "rows", "cold_s", "warm_s", "cold_cpu_s", "warm_cpu_s", "ok"]))
    for line in res["slow_queries"]:
        print(f"SLOW: {line}")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
