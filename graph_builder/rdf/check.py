"""``graph-builder check``: is the store sound, and is its derived data up to date?

Damage (:mod:`graph_builder.rdf.health`), from the cheapest check to the dearest: the files
(``CURRENT``, each table's footer), RocksDB's own checks when the store opens plus a read of
the first entries of every index, a read of every quad through the by-subject and by-predicate
indexes (a build's check before it writes: about 9 CPU-seconds per million quads), and unless
``deep=False`` a read of every entry of every index and of every string (about 70 CPU-seconds
per million quads). Only with ``deep`` does a damaged block anywhere show as damage; without it,
the derived-data queries may meet one, and pyoxigraph then grows without bound until the
memory guard stops the process (exit 2, one line). Derived data (:mod:`graph_builder.rdf.refresh`): the
"refresh pending" mark, facts without a support count or with a wrong one, facts no evidence
supports, labels without their name key, relations without their top facts. With
``refresh=True`` (the store opened for writing), stale derived data is refreshed and checked
again.

Outcome: ``ok`` (exit 0), ``stale`` (1: refresh it), ``damaged`` (2: rebuild, or salvage).

>>> import tempfile
>>> from graph_builder.rdf.store import GraphStore
>>> d = tempfile.mkdtemp() + "/store"
>>> GraphStore(d).close()
>>> r = check_store(d)
>>> r.status, r.exit_code
('ok', 0)
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from graph_builder.errors import StoreDamagedError, StoreError
from graph_builder.rdf.health import check_files, deep_read, scan
from graph_builder.rdf.refresh import TOP_FACTS, is_pending, pending_reason

__all__ = ["DERIVED_CHECKS", "CheckReport", "check_store", "derived_problems"]

#: (what is wrong, SPARQL counting it) — each must count 0 in a store whose derived data is up to date
DERIVED_CHECKS: tuple[tuple[str, str], ...] = (
    ("facts without gb:supportCount",
     "SELECT (COUNT(?f) AS ?n) WHERE { ?f a gb:Fact FILTER NOT EXISTS { ?f gb:supportCount ?c } }"),
    ("facts whose gb:supportCount is not the number of articles with evidence for them",
     """SELECT (COUNT(?f) AS ?n) WHERE {
          ?f gb:supportCount ?c
          { SELECT ?f (COUNT(DISTINCT ?a) AS ?m) WHERE { GRAPH ?g { ?ev gb:supports ?f ; prov:wasDerivedFrom ?a } }
            GROUP BY ?f }
          FILTER(?c != ?m) }"""),
    ("facts no evidence supports any more",
     "SELECT (COUNT(?f) AS ?n) WHERE { ?f a gb:Fact MINUS { GRAPH ?g { ?ev gb:supports ?f } } }"),
    ("labels and aliases without their gb:nameKey",
     """SELECT (COUNT(*) AS ?n) WHERE { ?e rdfs:label|skos:altLabel ?l BIND(LCASE(STR(?l)) AS ?k)
          FILTER NOT EXISTS { ?e gb:nameKey ?k } }"""),
    ("relations without their gb:topFactOf facts",
     f"""SELECT (COUNT(?p) AS ?n) WHERE {{
          {{ SELECT ?p (COUNT(?f) AS ?facts) WHERE {{ ?f a gb:Fact ; rdf:predicate ?p }} GROUP BY ?p }}
          OPTIONAL {{ SELECT ?p (COUNT(?t) AS ?top) WHERE {{ ?t gb:topFactOf ?p }} GROUP BY ?p }}
          FILTER(COALESCE(?top, 0) < IF(?facts < {TOP_FACTS}, ?facts, {TOP_FACTS})) }}"""),
)


@dataclass
class CheckReport:
    """What :func:`check_store` found: lines of findings, the damage (if any), the stale derived data."""

    path: Path
    lines: list[str] = field(default_factory=list)
    damage: StoreDamagedError | None = None
    derived: list[str] = field(default_factory=list)
    pending: str = ""
    refreshed: bool = False
    seconds: float = 0.0

    @property
    def status(self) -> str:
        """``"damaged"``, ``"stale"`` or ``"ok"``."""
        if self.damage is not None:
            return "damaged"
        return "stale" if self.derived or self.pending else "ok"

    @property
    def exit_code(self) -> int:
        return {"ok": 0, "stale": 1, "damaged": 2}[self.status]

    def verdict(self) -> str:
        """The last line: the outcome and what to do."""
        if self.damage is not None:
            return f"error: {self.damage}"
        if self.status == "stale":
            return (f"stale: the derived data of {self.path} is out of date; a build may be running: if not, "
                    f"refresh it with graph-builder check {self.path} --refresh (or build again)")
        done = "; the derived data was refreshed" if self.refreshed else ""
        return f"ok: {self.path} is sound and its derived data is up to date{done} ({self.seconds:.1f} s)"


def derived_problems(store: object) -> list[str]:
    """``["12 facts without gb:supportCount", ...]`` for a :class:`~graph_builder.rdf.store.GraphStore`."""
    problems = []
    for what, sparql in DERIVED_CHECKS:
        n = store.query(sparql, warn=False).rows[0][0]  # type: ignore[attr-defined]
        if n:
            problems.append(f"{n:,} {what}")
    return problems


def check_store(path: str | os.PathLike[str], *, deep: bool = True, refresh: bool = False,
                progress: Callable[[str], None] | None = None) -> CheckReport:
    """Check the store at ``path`` (see the module docstring); never raises StoreDamagedError (it
    is in the report), raises StoreError when ``path`` is not a store or cannot be opened."""
    from graph_builder.rdf.store import GraphStore

    t0 = time.perf_counter()
    folder = Path(path)
    if not folder.is_dir() or not any(folder.iterdir()):
        raise StoreError(f"{folder} is not a store (missing or empty); give the folder a build wrote")
    report = CheckReport(folder)

    def say(line: str) -> None:
        report.lines.append(line)
        if progress is not None:
            progress(line)

    problems = check_files(folder)
    tables = len(list(folder.glob("*.sst")))
    say(f"files: {'; '.join(problems)}" if problems else f"files: ok (CURRENT, {tables} tables with a sound footer)")
    try:
        with GraphStore(folder, read_only=not refresh, refresh_if_pending=False) as gs:
            say("open: ok (RocksDB's checks, and the first entries of every index read)")
            counted = gs.ensure_sound() or scan(gs.oxigraph, folder)
            say(f"indexes: ok ({counted.quads:,} quads counted by subject and by predicate, "
                f"{counted.seconds:.1f} s)")
            if deep:
                t = time.perf_counter()
                n = deep_read(gs.oxigraph, folder)
                say(f"every entry of every index and every string read: ok ({n:,} quads, "
                    f"{time.perf_counter() - t:.1f} s)")
            report.pending = pending_reason(folder) if is_pending(folder) else ""
            if report.pending:
                say(f"mark: {report.pending}")
            report.derived = derived_problems(gs)
            say("derived data: " + ("; ".join(report.derived) if report.derived else "ok"))
            if refresh and (report.derived or report.pending):
                gs.refresh()
                report.refreshed = True
                report.pending = ""
                report.derived = derived_problems(gs)
                say("refreshed; derived data: " + ("; ".join(report.derived) if report.derived else "ok"))
    except StoreDamagedError as exc:
        report.damage = exc
        say(f"damage: {exc.what}")
    if problems and report.damage is None:
        report.damage = StoreDamagedError(folder, problems[0])
    report.seconds = time.perf_counter() - t0
    return report
