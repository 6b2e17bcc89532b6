"""``graph-builder eval``: score extraction against annotated articles."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from graph_builder.cli.app import app, console

__all__ = ["eval_command"]


@app.command("eval")
def eval_command(
    gold_dir: Path = typer.Argument(..., help="folder of annotated articles (*.json, shared/eval/FORMAT.md)"),
    pred: Optional[Path] = typer.Option(None, "--pred", "-p",
                                        help="JSON Lines printed by `graph-builder extract`; default: extract now"),
    as_json: bool = typer.Option(False, "--json", help="print the scores as JSON"),
    detail: bool = typer.Option(False, "--detail", help="list missed and wrong relations per article"),
    per_predicate: bool = typer.Option(False, "--per-predicate", help="P/R/F1 per predicate"),
) -> None:
    """Print entity and relation precision, recall and F1 per language (FORMAT.md rules)."""
    from graph_builder.evaluate import score_files

    tmp = None
    if pred is None:
        from graph_builder.build import extract_paths

        tmp = Path(tempfile.mkdtemp(prefix="graph-builder-eval-")) / "pred.jsonl"
        with tmp.open("w", encoding="utf-8") as fh:
            for ex in extract_paths([str(p) for p in sorted(gold_dir.glob("*.json"))]):
                fh.write(json.dumps(ex.to_json(), ensure_ascii=False) + "\n")
        pred = tmp
    scores = score_files(gold_dir, pred)
    if as_json:
        console.print_json(json.dumps(scores.to_dict(), ensure_ascii=False))
        return
    if detail:
        for a in scores.articles:
            console.print(f"{a.id} rel tp/fp/fn {a.rel}", highlight=False)
            for m in a.missed:
                console.print(f"   missed {m}", highlight=False, markup=False)
            for w in a.wrong:
                console.print(f"   wrong  {w}", highlight=False, markup=False)
    table = Table(title=f"{len(scores.articles)} annotated articles")
    for col in ("language", "entity P", "entity R", "entity F1", "relation P", "relation R", "relation F1", "former acc"):
        table.add_column(col, justify="right" if col != "language" else "left")
    for lang in [*scores.languages, "all"]:
        s = scores.overall(lang)
        table.add_row(lang, *(f"{x:.3f}" for x in s.entities), *(f"{x:.3f}" for x in s.relations),
                      "-" if s.former_accuracy is None else f"{s.former_accuracy:.3f}")
    console.print(table)
    if per_predicate:
        pt = Table(title="relations per predicate (all languages)")
        for col in ("predicate", "P", "R", "F1"):
            pt.add_column(col)
        for p, (pp, rr, ff) in scores.by_predicate().items():
            pt.add_row(p, f"{pp:.3f}", f"{rr:.3f}", f"{ff:.3f}")
        console.print(pt)
    if scores.missing:
        console.print(f"[yellow]no prediction for {len(scores.missing)} article(s):[/] {', '.join(scores.missing)}")
