"""Store damage: detect it, name it in one line, and never make it worse.

The store is RocksDB (through pyoxigraph). RocksDB itself notices a lost, truncated or
mislabelled file when the store is opened, and a flipped bit when the block holding it is
read (every block carries a checksum); pyoxigraph reports both as ``RuntimeError("Corruption:
…")`` or ``OSError``. What it does not do is stop: a SPARQL query or update that reads a
damaged block gets the same error again and again from the RocksDB iterator (which never moves
on after an error), and pyoxigraph 0.5.13's query evaluation collects those errors without end —
measured: 24 GB until the kernel kills the process, even for ``SELECT (COUNT(*) AS ?n) WHERE
{ ?s ?p ?o }``. Reading through the Python API (``quads_for_pattern``, ``len``, ``named_graphs``,
``dump``) raises at the first error instead. So:

- :func:`damage_error` turns those exceptions into :class:`~graph_builder.errors.StoreDamagedError`
  with a short description (which file, which index) and what to do;
- :func:`quick_read` reads the first entries of every column family (the cheap check run each
  time a store is opened);
- :func:`scan` reads every key of the by-subject indexes and every quad through the
  by-predicate indexes (run once before a store is first written in a session: a build never
  writes into a damaged store);
- :func:`check_files` looks at the files themselves (``CURRENT``, each ``.sst`` footer) and
  :func:`deep_read` reads every index and every string through the Python API (both for
  ``graph-builder check``);
- :class:`MemoryGuard` is the safety net around the calls that cannot be interrupted: when the
  process grows past a limit during one, the damage is reported and the process exits (the
  write in progress is one transaction and is never committed).

>>> import pyoxigraph as ox
>>> store = ox.Store()
>>> store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x")))
>>> quick_read(store, None)
>>> scan(store, None).quads
1
>>> describe_damage("Corruption: block checksum mismatch: stored = 1, computed = 2, type = 4  in out/s/000016.sst "
...                 "offset 3298881 size 4045, block_type = Data")
'block checksum mismatch in 000016.sst at offset 3298881'
"""

from __future__ import annotations

import itertools
import os
import re
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

import pyoxigraph as ox

from graph_builder.errors import StoreDamagedError

__all__ = ["COLUMN_FAMILIES", "MemoryGuard", "ScanReport", "check_files", "damage_error", "deep_read",
           "describe_damage", "is_damage", "quick_read", "scan", "sst_column_family"]

#: RocksDB column families of an Oxigraph store → what they hold (for messages).
COLUMN_FAMILIES: dict[str, str] = {
    "id2str": "the strings (IRIs and literals)",
    "spog": "the article graphs, by subject", "posg": "the article graphs, by predicate",
    "ospg": "the article graphs, by object", "gspo": "the article graphs, by graph",
    "gpos": "the article graphs, by graph and predicate", "gosp": "the article graphs, by graph and object",
    "dspo": "the default graph (entities and facts), by subject",
    "dpos": "the default graph, by predicate", "dosp": "the default graph, by object",
    "graphs": "the list of article graphs", "default": "RocksDB's default column family",
}
_TABLE_MAGIC = (0x88E241B785F4CFF7).to_bytes(8, "little")  # block-based table footer (RocksDB format)
_DAMAGE_WORDS = ("corruption", "checksum mismatch", "bad table magic", "file size mismatch", "truncated",
                 "manifest", "current file", "no such file or directory: while open")
_SST = re.compile(r"(\d+\.sst)")


def is_damage(exc: BaseException) -> bool:
    """Whether a pyoxigraph exception reports damaged store files (not a bad query or a lock).

    >>> is_damage(RuntimeError("Corruption: block checksum mismatch")), is_damage(RuntimeError("oops"))
    (True, False)
    """
    if not isinstance(exc, (RuntimeError, OSError)) or isinstance(exc, (SyntaxError, PermissionError)):
        return False
    msg = str(exc).lower()
    return any(w in msg for w in _DAMAGE_WORDS)


def sst_column_family(path: str | os.PathLike[str]) -> str | None:
    """The column family an ``.sst`` file belongs to (read from its properties block), or None."""
    try:
        with open(path, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            size = fh.tell()
            fh.seek(max(0, size - 4096))
            tail = fh.read()
    except OSError:
        return None
    i = tail.find(b"rocksdb.column.family.name")
    window = tail[i:i + 64] if i >= 0 else tail
    found = [cf for cf in COLUMN_FAMILIES if cf.encode() in window]
    return max(found, key=len) if found else None


def describe_damage(message: str, folder: str | os.PathLike[str] | None = None) -> str:
    """A short description of a RocksDB damage message: what, in which file (and which index).

    >>> describe_damage("Corruption: Sst file size mismatch between expected 8887928 and file system 4443964 "
    ...                 "sstable: s/000013.sst  The file s/MANIFEST-000005 may be corrupted.")
    '000013.sst is truncated (4443964 of 8887928 bytes)'
    >>> describe_damage("Corruption: CURRENT file does not end with newline")
    'the CURRENT file is empty or damaged'
    """
    msg = " ".join(message.split())
    low = msg.lower()
    sst = _SST.search(msg)
    name = sst.group(1) if sst else None
    if "file size mismatch" in low and name:
        m = re.search(r"expected (\d+) and file system (\d+)", msg)
        what = f"{name} is truncated" + (f" ({m.group(2)} of {m.group(1)} bytes)" if m else "")
    elif "no such file" in low and name:
        what = f"{name} is missing"
    elif "no such file" in low and "manifest" in low:
        m = re.search(r"(MANIFEST-\d+)", msg)
        what = f"{m.group(1) if m else 'the MANIFEST file'} is missing"
    elif "current file" in low:
        what = "the CURRENT file is empty or damaged"
    elif "bad table magic" in low and name:
        what = f"{name} is damaged (its footer is wrong: truncated or overwritten)"
    elif "checksum mismatch" in low and name:
        m = re.search(r"offset (\d+)", msg)
        what = f"block checksum mismatch in {name}" + (f" at offset {m.group(1)}" if m else "")
    elif "checksum mismatch" in low and "manifest" in low:
        m = re.search(r"(MANIFEST-\d+)", msg)
        what = f"{m.group(1) if m else 'the MANIFEST file'} is damaged (checksum mismatch)"
    else:
        what = re.sub(r"\s*The file \S+ may be corrupted\.?", "", msg).removeprefix("Corruption: ")
        what = what[:200]
    if name and folder is not None:
        cf = sst_column_family(Path(folder) / name)
        if cf and cf in COLUMN_FAMILIES:
            what += f"; it holds {COLUMN_FAMILIES[cf]} (index {cf})"
    return what


_FOLDER = re.compile(r"(\S+)/(?:\d+\.sst|MANIFEST-\d+|CURRENT|\d+\.log)\b")


def damage_error(path: str | os.PathLike[str] | None, exc: BaseException | str) -> StoreDamagedError:
    """The :class:`StoreDamagedError` for an exception (or message) about ``path``'s files
    (``path=None``: the folder named in the message, if any).

    >>> str(damage_error(None, "Corruption: block checksum mismatch in out/s/000016.sst offset 3"))[:67]
    'out/s is damaged (block checksum mismatch in 000016.sst at offset 3'
    """
    if path is None:
        m = _FOLDER.search(str(exc))
        path = m.group(1) if m else None
    return StoreDamagedError(path, describe_damage(str(exc), path))


# -- checks ------------------------------------------------------------------------------------


def _take(items: Iterable[object], n: int) -> list:
    return list(itertools.islice(items, n))


def quick_read(store: ox.Store, path: str | os.PathLike[str] | None, *, entries: int = 4) -> None:
    """Read the first entries of every column family (a few milliseconds); raise StoreDamagedError.

    Each pattern below reaches different indexes (``quads_for_pattern`` picks the index from
    the bound positions); decoding the terms reads the strings.
    """
    default = ox.DefaultGraph()
    try:
        first = _take(store.quads_for_pattern(None, None, None, default), entries)  # dspo
        graphs = _take(store.named_graphs(), 1)  # graphs
        named: list[ox.Quad] = []
        if graphs:
            named = _take(store.quads_for_pattern(None, None, None, graphs[0]), entries)  # gspo
        for q in first[:1]:
            _take(store.quads_for_pattern(None, q.predicate, None, default), entries)  # dpos
            _take(store.quads_for_pattern(None, None, q.object, default), entries)  # dosp
        for q in named[:1]:
            g = q.graph_name
            _take(store.quads_for_pattern(None, q.predicate, None, g), entries)  # gpos
            _take(store.quads_for_pattern(None, None, q.object, g), entries)  # gosp
            _take(store.quads_for_pattern(q.subject, None, None, None), entries)  # dspo + spog
            _take(store.quads_for_pattern(None, q.predicate, None, None), entries)  # dpos + posg
            _take(store.quads_for_pattern(None, None, q.object, None), entries)  # dosp + ospg
    except (RuntimeError, OSError) as exc:
        if is_damage(exc):
            raise damage_error(path, exc) from None
        raise


@dataclass
class ScanReport:
    """What :func:`scan` counted: quads in all, and per predicate (by-predicate indexes)."""

    quads: int = 0
    graphs: int = 0
    by_predicate: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def scan(store: ox.Store, path: str | os.PathLike[str] | None) -> ScanReport:
    """Read every key of the by-subject indexes (``len``), the list of graphs, and every quad of
    every predicate seen in a sample through the by-predicate indexes (decoding their strings).
    Raises StoreDamagedError. About 9 CPU-seconds per million quads (measured on 1.0M).

    Only the Python API, which raises at the first damaged block: pyoxigraph 0.5.13's SPARQL
    evaluation may instead collect the same error without end, even for ``SELECT (COUNT(*) AS
    ?n) WHERE { ?s ?p ?o }`` (measured: the process killed by the kernel).
    """
    t0 = time.perf_counter()
    report = ScanReport()
    default = ox.DefaultGraph()
    try:
        report.quads = len(store)  # dspo + gspo, every key
        graphs = list(store.named_graphs())  # graphs
        report.graphs = len(graphs)
        sample = itertools.chain(
            itertools.islice(store.quads_for_pattern(None, None, None, default), 50_000),
            *(itertools.islice(store.quads_for_pattern(None, None, None, g), 200) for g in graphs[:250]))
        predicates = sorted({q.predicate.value for q in sample})
        for p in predicates:  # dpos + posg, and the strings of their quads
            report.by_predicate[p] = sum(1 for _ in store.quads_for_pattern(None, ox.NamedNode(p), None, None))
    except (RuntimeError, OSError) as exc:
        if is_damage(exc):
            raise damage_error(path, exc) from None
        raise
    report.seconds = time.perf_counter() - t0
    return report


def check_files(path: str | os.PathLike[str]) -> list[str]:
    """Problems visible in the files alone (no RocksDB): ``CURRENT`` and each table's footer.

    >>> check_files("/nonexistent-store")
    ['the CURRENT file is missing']
    """
    folder = Path(path)
    problems: list[str] = []
    current = folder / "CURRENT"
    try:
        text = current.read_text(encoding="ascii", errors="replace")
        name = text.strip()
        if not text.endswith("\n") or not name:
            problems.append("the CURRENT file is empty or damaged")
        elif not (folder / name).is_file():
            problems.append(f"{name} (named by CURRENT) is missing")
    except FileNotFoundError:
        problems.append("the CURRENT file is missing")
    except OSError as exc:
        problems.append(f"the CURRENT file cannot be read ({exc.strerror or exc})")
    try:
        tables = sorted(folder.glob("*.sst"))
    except OSError:
        tables = []
    for sst in tables:
        try:
            with sst.open("rb") as fh:
                fh.seek(0, os.SEEK_END)
                if fh.tell() < 53:
                    problems.append(f"{sst.name} is truncated ({fh.tell()} bytes)")
                    continue
                fh.seek(-8, os.SEEK_END)
                if fh.read(8) != _TABLE_MAGIC:
                    problems.append(f"{sst.name} is damaged (its footer is wrong: truncated or overwritten)")
        except OSError as exc:
            problems.append(f"{sst.name} cannot be read ({exc.strerror or exc})")
    return problems


def _same_object(quads: Iterator[ox.Quad], o: object) -> Iterator[ox.Quad]:
    """Only the quads whose object is ``o``: on disk, pyoxigraph 0.5.13 answers a pattern bound to an
    integer literal with other integers too (e.g. 511 also gives 595 and 596; SPARQL is not affected)."""
    return (q for q in quads if q.object == o)


def deep_read(store: ox.Store, path: str | os.PathLike[str] | None,
              progress: Callable[[str], None] | None = None) -> int:
    """Read every entry of every index and decode every string, through the Python API (which
    raises at the first damaged block); returns the number of quads. Raises StoreDamagedError.

    Slow (about 70 CPU-seconds per million quads): this is ``graph-builder check``'s thorough pass.
    The default-graph and article-graph indexes are walked key by key, so that each of the
    nine indexes is read in full, and the totals must agree.
    """
    default = ox.DefaultGraph()

    def walk(label: str, keys: Iterable[object], pattern: Callable[[object], Iterator[ox.Quad]]) -> int:
        if progress:
            progress(label)
        return sum(count(pattern(k)) for k in keys)

    def count(quads: Iterator[ox.Quad]) -> int:
        return sum(1 for _ in quads)

    try:
        n_default = 0
        subjects: set[object] = set()
        predicates: set[object] = set()
        objects: set[object] = set()
        for q in store.quads_for_pattern(None, None, None, default):  # dspo, and every string
            n_default += 1
            predicates.add(q.predicate)
            objects.add(q.object)
        totals = {
            "dpos": walk("default graph by predicate", predicates,
                         lambda p: store.quads_for_pattern(None, p, None, default)),  # type: ignore[arg-type]
            "dosp": walk("default graph by object", objects,
                         lambda o: _same_object(store.quads_for_pattern(None, None, o, default), o)),  # type: ignore[arg-type]
        }
        del objects
        n_named, gpos, gosp = 0, 0, 0
        graphs = list(store.named_graphs())  # graphs
        if progress:
            progress(f"{len(graphs)} article graphs")
        named_predicates: set[object] = set()
        for g in graphs:
            gp: set[object] = set()
            go: set[object] = set()
            for q in store.quads_for_pattern(None, None, None, g):  # gspo
                n_named += 1
                subjects.add(q.subject)
                gp.add(q.predicate)
                go.add(q.object)
            named_predicates.update(gp)
            gpos += sum(count(store.quads_for_pattern(None, p, None, g)) for p in gp)
            gosp += sum(count(_same_object(store.quads_for_pattern(None, None, o, g), o)) for o in go)
        totals.update(gpos=gpos, gosp=gosp)
        # the all-graph patterns read the default graph's index and the article graphs' one: subtract the former
        totals["spog"] = walk("article graphs by subject", subjects,
                              lambda s: store.quads_for_pattern(s, None, None, None)) \
            - sum(count(store.quads_for_pattern(s, None, None, default)) for s in subjects)  # type: ignore[arg-type]
        del subjects
        totals["posg"] = walk("article graphs by predicate", named_predicates,
                              lambda p: store.quads_for_pattern(None, p, None, None)) \
            - sum(count(store.quads_for_pattern(None, p, None, default)) for p in named_predicates)  # type: ignore[arg-type]
        named_objects: set[object] = set()
        for g in graphs:
            named_objects.update(q.object for q in store.quads_for_pattern(None, None, None, g))
        totals["ospg"] = walk("article graphs by object", named_objects,
                              lambda o: _same_object(store.quads_for_pattern(None, None, o, None), o)) \
            - sum(count(_same_object(store.quads_for_pattern(None, None, o, default), o))  # type: ignore[arg-type]
                  for o in named_objects)
    except (RuntimeError, OSError) as exc:
        if is_damage(exc):
            raise damage_error(path, exc) from None
        raise
    expected = {"dpos": n_default, "dosp": n_default, "gpos": n_named, "gosp": n_named,
                "spog": n_named, "posg": n_named, "ospg": n_named}
    for index, n in totals.items():
        if n != expected[index]:
            raise StoreDamagedError(path, f"index {index} holds {n} quads where the store has "
                                                         f"{expected[index]} ({COLUMN_FAMILIES[index]})")
    return n_default + n_named


# -- the safety net ----------------------------------------------------------------------------


def _rss() -> int:
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        try:
            import psutil

            return int(psutil.Process().memory_info().rss)
        except Exception:  # noqa: BLE001 - no way to measure: the guard stays idle
            return 0


def _available() -> int | None:
    try:
        import psutil

        return int(psutil.virtual_memory().available)
    except Exception:  # noqa: BLE001
        return None


class MemoryGuard:
    """Stop the process when it grows by more than ``limit`` bytes while the block runs.

    For calls into pyoxigraph that cannot be interrupted (a refresh, a query): on a damaged
    store they may allocate without bound (see the module docstring). The guard samples the
    resident set size every ``interval`` seconds in a thread; past the limit it writes one line
    to stderr (``what`` ran away on ``path``: the store is probably damaged; run ``graph-builder
    check``) and ends the process with exit code 2 — the update in progress is one transaction
    that is never committed, so the store is left as it was.

    ``limit=None`` picks ``max(1 GiB, 4 × the store's size on disk)``, capped at 60 % of the
    memory available when the block starts; the environment variable
    ``GRAPH_BUILDER_MEMORY_GUARD_MB`` sets it instead (a container with little memory, a test).

    >>> with MemoryGuard("a test", None):
    ...     _ = bytearray(1024)
    """

    #: interval between two samples, seconds
    interval = 0.1

    def __init__(self, what: str, path: str | os.PathLike[str] | None, *, limit: int | None = None,
                 on_exceeded: Callable[[str], None] | None = None) -> None:
        self.what, self.path = what, path
        self.limit = limit if limit is not None else self.default_limit(path)
        self.on_exceeded = on_exceeded or self._exit
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.peak_growth = 0

    @staticmethod
    def default_limit(path: str | os.PathLike[str] | None) -> int:
        """The limit for a store at ``path`` (see the class docstring), in bytes."""
        forced = os.environ.get("GRAPH_BUILDER_MEMORY_GUARD_MB", "").strip()
        if forced.isdigit() and int(forced) > 0:
            return int(forced) << 20
        size = 0
        if path is not None:
            try:
                size = sum(f.stat().st_size for f in Path(path).iterdir() if f.is_file())
            except OSError:
                size = 0
        limit = max(1 << 30, 4 * size)
        avail = _available()
        if avail:
            limit = min(limit, int(avail * 0.6))
        return max(limit, 256 << 20)

    def message(self) -> str:
        where = self.path or "the in-memory store"
        return (f"error: {self.what} on {where} used more than {self.limit / 2**30:.2g} GB and was stopped; "
                f"the store is probably damaged: graph-builder check {where} reads every index and says")

    def _exit(self, message: str) -> None:  # pragma: no cover - ends the process (tested in a subprocess)
        try:
            sys.stderr.write(message + "\n")
            sys.stderr.flush()
        finally:
            os._exit(2)

    def _watch(self, start: int) -> None:
        while not self._stop.wait(self.interval):
            growth = _rss() - start
            self.peak_growth = max(self.peak_growth, growth)
            if growth > self.limit:
                self.on_exceeded(self.message())
                return

    def __enter__(self) -> MemoryGuard:
        start = _rss()
        if start:
            self._thread = threading.Thread(target=self._watch, args=(start,), daemon=True,
                                            name="graph-builder-memory-guard")
            self._thread.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
