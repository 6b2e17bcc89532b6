"""``python -m bench`` (``make bench``): run every benchmark, each writing bench/results/<name>.json.

Full run: build speed on 500,000 words, memory of 2,000- and 10,000-article builds, memory and
speed of one 50 MB text file, the store at 1M triples, the HTML viewer. ``--quick`` runs small sizes (a few minutes) to check that
everything works; ``--only build,store`` picks benchmarks; the size options override the defaults.

    .venv/bin/python -m bench                       # everything, full size
    .venv/bin/python -m bench --quick               # small sizes
    .venv/bin/python -m bench --only build --words 50000
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

__all__ = ["main"]

ALL = ("build", "memory", "bigtext", "store", "viz")


def _commands(a: argparse.Namespace) -> dict[str, list[str]]:
    words = a.words or (50_000 if a.quick else 500_000)
    articles = a.articles or ("200,1000" if a.quick else "2000,10000")
    triples = a.triples or (100_000 if a.quick else 1_000_000)
    mem = ["--articles", articles] + (["--max-words", "60"] if a.quick else [])
    return {
        "build": ["bench.bench_build", "--words", str(words)] + (["--engines", "w1,w2"] if a.quick else []),
        "memory": ["bench.bench_memory", *mem],
        "bigtext": ["bench.bench_memory", "--text-mb", str(a.text_mb or (2 if a.quick else 50))]
        + (["--text-corpus-words", "30000"] if a.quick else []),
        "store": ["bench.bench_store", "--triples", str(triples)],
        "viz": ["bench.bench_viz"] + (["--sizes", "300", "1000", "--repeat", "1"] if a.quick else []),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the selected benchmarks one after the other (each in its own process)."""
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small sizes, to check that it all works")
    ap.add_argument("--only", default=",".join(ALL), help=f"comma-separated, among {', '.join(ALL)}")
    ap.add_argument("--words", type=int, help="build benchmark corpus size (default 500,000)")
    ap.add_argument("--articles", help="memory benchmark corpus sizes (default 2000,10000)")
    ap.add_argument("--triples", type=int, help="store benchmark size (default 1,000,000)")
    ap.add_argument("--text-mb", type=int, help="big-text benchmark file size in MB (default 50)")
    a = ap.parse_args(argv)
    only = [x.strip() for x in a.only.split(",") if x.strip()]
    bad = set(only) - set(ALL)
    if bad:
        ap.error(f"unknown benchmark(s) {', '.join(sorted(bad))}; choose among {', '.join(ALL)}")
    root = Path(__file__).resolve().parent.parent
    failed = []
    for name, cmd in _commands(a).items():
        if name not in only:
            continue
        if name == "viz" and not (root / "bench" / "bench_viz.py").exists():
            continue
        print(f"== {name}: {' '.join(cmd)}", flush=True)
        t0 = time.perf_counter()
        rc = subprocess.call([sys.executable, "-m", *cmd], cwd=root)
        print(f"== {name}: exit {rc} after {time.perf_counter() - t0:.0f} s", flush=True)
        if rc:
            failed.append(name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
