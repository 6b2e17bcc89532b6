"""Save what is still readable from a damaged store (``graph-builder export STORE --salvage``).

The store keeps every quad in several indexes (by subject, by predicate, by object, per graph),
so a damaged block in one index usually leaves its quads readable through another. The salvage
reads the default graph by subject, then predicate by predicate, and each article graph whole,
then predicate by predicate, each read stopping at the first damaged block of its index (a
damaged block of strings loses only the quads that use those strings); it writes every distinct
quad it could read to an N-Quads or TriG file (atomically, like
:func:`~graph_builder.rdf.export.export`), and names the article graphs it could not read in full. A ``CURRENT`` file that is empty or lost is
worked around on a copy of that one file (the store itself is never written to). What RocksDB
refuses to open (a lost or truncated table) cannot be read through pyoxigraph: rebuild then.

>>> import tempfile, pyoxigraph as ox, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> s = ox.Store(str(d / "s")); s.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"),
...     ox.Literal("x"), ox.NamedNode("http://e/g"))); s.flush(); del s
>>> r = salvage(d / "s", d / "rescued.nq")
>>> r.quads, r.incomplete_graphs
(1, [])
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from graph_builder.errors import ConfigError, StoreError
from graph_builder.rdf.health import describe_damage, is_damage, sst_column_family

__all__ = ["SalvageReport", "salvage"]

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_NEWS_ARTICLE = ox.NamedNode("http://schema.org/NewsArticle")
_SST = re.compile(r"(\d+\.sst)")
_FORMATS = {".nq": ox.RdfFormat.N_QUADS, ".nquads": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG}


@dataclass
class SalvageReport:
    """Quads written, the article graphs read only in part, the damage met on the way."""

    path: Path
    quads: int = 0
    graphs: int = 0
    incomplete_graphs: list[str] = field(default_factory=list)
    default_complete: bool = True
    damage: list[str] = field(default_factory=list)
    #: quads read whose strings could not be (a damaged block of strings): not written
    unreadable: int = 0

    def summary(self) -> str:
        """One line."""
        lost = (f"; {len(self.incomplete_graphs)} of {self.graphs} article graphs could be read only in part"
                if self.incomplete_graphs else "")
        default = "" if self.default_complete else "; the default graph (entities, facts) could be read only in part"
        strings = (f"; {self.unreadable:,} quads lost with their damaged strings (counted once per index read)"
                   if self.unreadable else "")
        return f"wrote {self.path} ({self.quads:,} quads from {self.graphs} article graphs{lost}{default}{strings})"


class _Stopped(Exception):
    pass


def _until_damage(quads: Iterator[ox.Quad], damage: list[str], folder: Path,
                  lost: list[int] | None = None) -> Iterator[ox.Quad]:
    """The quads, up to the first damaged block of the index being read (noted in ``damage``,
    then ``_Stopped``). A damaged block of strings costs only the quads that use its strings: the
    iterator goes on past them, counting them in ``lost[0]``."""
    it = iter(quads)
    consecutive = 0
    while True:
        try:
            q = next(it)
        except StopIteration:
            return
        except (RuntimeError, OSError) as exc:
            if not is_damage(exc):
                raise
            what = describe_damage(str(exc), folder)
            if what not in damage:
                damage.append(what)
            consecutive += 1
            m = _SST.search(str(exc))
            strings = m is not None and sst_column_family(folder / m.group(1)) == "id2str"
            if not strings or consecutive > 100_000:  # the index itself: its iterator repeats the error
                raise _Stopped from None
            if lost is not None:
                lost[0] += 1
            continue
        consecutive = 0
        yield q


def _open(folder: Path, tmp: Path) -> ox.Store:
    try:
        return ox.Store.read_only(str(folder))
    except (RuntimeError, OSError) as exc:
        if not is_damage(exc) or "current" not in str(exc).lower():
            raise StoreError(f"{folder} cannot be opened at all ({describe_damage(str(exc), folder)}): nothing can "
                             "be read from it; rebuild it from your sources") from None
    # CURRENT lost or emptied: a copy of the folder (hard links, or copies) with CURRENT naming the newest MANIFEST
    manifests = sorted(folder.glob("MANIFEST-*"), key=lambda m: int(m.name.split("-")[1]))
    if not manifests:
        raise StoreError(f"{folder} has no MANIFEST file: nothing can be read from it; rebuild it from your sources")
    copy = tmp / "store"
    copy.mkdir()
    for f in folder.iterdir():
        if f.is_file() and f.name not in ("CURRENT", "LOCK"):
            try:
                os.link(f, copy / f.name)
            except OSError:
                shutil.copy2(f, copy / f.name)
    (copy / "CURRENT").write_text(manifests[-1].name + "\n", encoding="ascii")
    try:
        return ox.Store.read_only(str(copy))
    except (RuntimeError, OSError) as exc:
        raise StoreError(f"{folder} cannot be opened even with CURRENT repaired ({describe_damage(str(exc), folder)}); "
                         "rebuild it from your sources") from None


def salvage(store_path: str | os.PathLike[str], output: str | os.PathLike[str]) -> SalvageReport:
    """Write every quad still readable in the store at ``store_path`` to ``output`` (``.nq`` or ``.trig``)."""
    folder, target = Path(store_path), Path(output)
    fmt = _FORMATS.get(target.suffix.lower())
    if fmt is None:
        raise ConfigError(f"a salvage keeps the article graphs: name the output .nq or .trig, not {target.name}")
    if not folder.is_dir() or not any(folder.glob("MANIFEST-*")):
        raise StoreError(f"{folder} is not an Oxigraph store (no MANIFEST file); give the folder a build wrote")
    report = SalvageReport(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="graph-builder-salvage-") as tmp:
        store = _open(folder, Path(tmp))
        seen: set[int] = set()
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                def take(quads: Iterator[ox.Quad]) -> tuple[set[ox.NamedNode | ox.BlankNode], bool]:
                    """Write the new quads; (predicates seen, read to the end)."""
                    batch, predicates = [], set()
                    complete = True
                    lost = [0]
                    try:
                        for q in _until_damage(quads, report.damage, folder, lost):
                            predicates.add(q.predicate)
                            h = hash(q)
                            if h not in seen:
                                seen.add(h)
                                batch.append(q)
                                if len(batch) >= 10_000:
                                    ox.serialize(batch, fh, fmt)
                                    report.quads += len(batch)
                                    batch = []
                    except _Stopped:
                        complete = False
                    if batch:
                        ox.serialize(batch, fh, fmt)
                        report.quads += len(batch)
                    report.unreadable += lost[0]
                    return predicates, complete

                default = ox.DefaultGraph()
                preds, report.default_complete = take(store.quads_for_pattern(None, None, None, default))
                if not report.default_complete:  # the same quads through the by-predicate index
                    for p in sorted(preds, key=str):
                        take(store.quads_for_pattern(None, p, None, default))
                graphs: list[ox.NamedNode | ox.BlankNode] = []
                try:
                    graphs = list(_until_damage(store.named_graphs(), report.damage, folder))  # type: ignore[arg-type]
                except _Stopped:  # the list of graphs is damaged: find them through their article nodes
                    found = store.quads_for_pattern(None, _RDF_TYPE, _NEWS_ARTICLE, None)
                    try:
                        graphs = [q.graph_name for q in _until_damage(found, report.damage, folder)  # type: ignore[misc]
                                  if not isinstance(q.graph_name, ox.DefaultGraph)]
                    except _Stopped:
                        pass
                report.graphs = len(graphs)
                incomplete = []
                for g in graphs:
                    gp, complete = take(store.quads_for_pattern(None, None, None, g))
                    preds |= gp
                    if not complete:
                        incomplete.append(g)
                for g in incomplete:  # a damaged block may hold the end of one graph and the start of the next
                    for p in sorted(preds, key=str):
                        take(store.quads_for_pattern(None, p, None, g))
                    report.incomplete_graphs.append(str(g))
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp_name, target)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        del store
    return report
