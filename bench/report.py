"""Markdown tables from ``bench/results/*.json`` (what bench/README.md shows).

>>> print(summary({}))  # nothing measured yet
_no results yet: run `python -m bench`_
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench._common import RESULTS_DIR

__all__ = ["load_results", "summary", "main"]


def load_results(directory: Path = RESULTS_DIR) -> dict[str, dict[str, Any]]:
    """Every result file, by benchmark name."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(directory.glob("*.json"))}


def _f(v: Any, nd: int = 0) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:,.{nd}f}"
    return f"{v:,}" if isinstance(v, int) else str(v)


def summary(results: dict[str, dict[str, Any]]) -> str:
    """The markdown summary of the build, memory and store results present."""
    out: list[str] = []
    b = results.get("build")
    if b:
        m = b["machine"]
        out += [f"### Build speed ({b['corpus']['words']:,} words, {b['corpus']['articles']:,} articles, "
                f"{m['cpu_count']} CPUs, {m['date'][:10]})", "",
                "| run | wall s | CPU s | words/s | words/CPU-s | ratio (wall) | ratio (CPU) | store writes s | refresh s |",
                "|---|---|---|---|---|---|---|---|---|"]
        for r in b["runs"]:
            out.append(f"| {r['name']} | {_f(r['wall_s'])} | {_f(r['cpu_s'])} | {_f(r['words_per_s'])} | "
                       f"{_f(r['words_per_cpu_s'])} | {_f(r.get('ratio'), 2)} | {_f(r.get('ratio_cpu'), 2)} | "
                       f"{_f(r.get('store_write_s'), 1)} | {_f(r.get('refresh_s'), 1)} |")
        bd = b.get("breakdown_workers1")
        if bd:
            comps = bd["components_cpu_s"]
            total = bd["pipeline_cpu_s"] + bd["doc_to_extraction_cpu_s"]
            out += ["", f"Where a one-process build spends its CPU (first {bd['words']:,} words): "
                    f"model components {bd['model_components_cpu_s']:.1f} s, graph_builder components "
                    f"{bd['graph_builder_components_cpu_s']:.1f} s, Doc→records {bd['doc_to_extraction_cpu_s']:.1f} s, "
                    f"ingest {bd['ingest_s']:.1f} s (language detection {bd['language_detection_s']:.1f} s).", "",
                    "| component | CPU s | share of pipeline |", "|---|---|---|"]
            for k, v in sorted(comps.items(), key=lambda kv: -kv[1])[:12]:
                out.append(f"| {k} | {v:.2f} | {100 * v / total:.0f} % |")
        out.append("")
    mem = results.get("memory")
    if mem:
        p = mem["params"]
        out += [f"### Peak memory (workers={p['workers']}, engine={p['engine']}"
                f"{', articles cut to ~' + str(p['max_words']) + ' words' if p.get('max_words') else ''})", "",
                "| articles | words | triples | wall s | peak RSS (tree) MB | < 2 GB |", "|---|---|---|---|---|---|"]
        for r in mem["runs"]:
            out.append(f"| {_f(r['corpus_articles'])} | {_f(r.get('words'))} | {_f(r.get('triples'))} | "
                       f"{_f(r['wall_s'])} | {_f(r['peak_tree_rss_mb'])} | {'yes' if r['under_limit'] else 'NO'} |")
        out.append("")
    st = results.get("store")
    if st:
        ld = st["load"]
        refresh = (f"{ld['refresh_s']:.1f} s" if ld.get("refresh_s") is not None
                   else f"did not finish in {ld['refresh_timed_out_after_s']:.0f} s "
                        f"(the MINUS rewrite: {ld['refresh_with_minus_s']:.1f} s)")
        out += [f"### Store ({ld['triples']:,} triples, {ld['articles']:,} synthetic articles)", "",
                f"Load with `add_extraction`: {ld['write_s']:.0f} s ({ld['triples'] / ld['write_s']:,.0f} triples/s); "
                f"refresh: {refresh}; on disk {ld['size_bytes'] / 2**20:,.0f} MB "
                f"({ld['bytes_per_triple']:.0f} bytes/triple); open read-only {st['open_read_only_s']:.2f} s.", "",
                "| query | params | rows | cold s | warm s | < 0.5 s |", "|---|---|---|---|---|---|"]
        for q in st["queries"]:
            cold = f"> {q['timeout_s']:.0f} (killed)" if q["cold_s"] is None else f"{q['cold_s']:.3f}"
            out.append(f"| {q['query']} | {q['params']} | {_f(q['rows'])} | {cold} | "
                       f"{'–' if q['warm_s'] is None else format(q['warm_s'], '.3f')} | {'yes' if q['ok'] else 'NO'} |")
        out.append("")
    return "\n".join(out).rstrip() or "_no results yet: run `python -m bench`_"


def main() -> int:
    """Print the summary."""
    print(summary(load_results()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
