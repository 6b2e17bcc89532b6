"""``graph-builder eval``: score extraction against annotated articles.

Gold articles come from folders or files, or from a named split of the corpus (``--split train``,
``dev``, ``blind``; ``data/corpus/README.md``). A folder holding a ``FROZEN`` file is a blind set:
only aggregate scores are printed for it (no ``--detail``, no ``--pred``, no per-article JSON).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from graph_builder.cli.app import app, console

__all__ = ["eval_command", "frozen_paths"]


def frozen_paths(paths: list[Path]) -> list[Path]:
    """The given paths that reach a frozen (blind) folder: one holding a ``FROZEN`` file, at the
    path, above it or below it (:func:`graph_builder.corpus.frozen_folder`)."""
    from graph_builder.corpus import frozen_folder

    return [p for p in paths if p.exists() and frozen_folder(p) is not None]


def _gold_paths(gold: list[Path], split: str | None) -> list[Path]:
    from graph_builder.corpus import SPLITS, split_paths

    paths = list(gold)
    if split:
        if split not in SPLITS:
            raise typer.BadParameter(f"unknown split {split!r}; choose one of {', '.join(SPLITS)}", param_hint="--split")
        root = Path.cwd()
        found = [p for p in split_paths(split, root) if p.exists()]
        if not found:
            raise typer.BadParameter(
                f"split {split!r} has none of its folders ({', '.join(SPLITS[split])}) under {root}; "
                "run from the root of a checkout (the corpus is not shipped in the wheel)", param_hint="--split")
        paths.extend(found)
    if not paths:
        raise typer.BadParameter("give annotated articles (folders or files) or --split", param_hint="GOLD")
    return paths


@app.command("eval")
def eval_command(
    gold: list[Path] = typer.Argument(None, help="folders or files of annotated articles (*.json, shared/eval/FORMAT.md)"),
    split: Optional[str] = typer.Option(None, "--split", help="a split of the corpus: train, dev or blind"),
    pred: Optional[Path] = typer.Option(None, "--pred", "-p",
                                        help="JSON Lines printed by `graph-builder extract`; default: extract now"),
    as_json: bool = typer.Option(False, "--json", help="print the scores as JSON"),
    detail: bool = typer.Option(False, "--detail", help="list missed and wrong relations per article"),
    per_predicate: bool = typer.Option(False, "--per-predicate", help="P/R/F1 per predicate and language"),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="extraction processes"),
    without: str = typer.Option("", "--without",
                                help="leave stages out, for an ablation: lists, rounds, seats, groups, model, calibration"),
) -> None:
    """Print entity and relation precision, recall and F1 per language (FORMAT.md rules)."""
    import os

    from graph_builder.corpus import iter_articles
    from graph_builder.evaluate import read_predictions, score
    from graph_builder.nlp.pipeline import WITHOUT_ENV, stages_left_out

    if without:
        stages_left_out(without)  # an unknown stage is an error before any work
        os.environ[WITHOUT_ENV] = without  # worker processes inherit it

    paths = _gold_paths(list(gold or []), split)
    blind = frozen_paths(paths)
    if blind and (detail or pred is not None):
        raise typer.BadParameter(
            f"{blind[0]} is a frozen blind set: only aggregate scores are printed for it "
            "(data/corpus/blind/README.md); drop --detail and --pred", param_hint="--detail/--pred")
    golds = list(iter_articles(paths))
    if not golds:
        raise typer.BadParameter(f"no annotated article in {', '.join(map(str, paths))}", param_hint="GOLD")
    if pred is None:
        from graph_builder.build import extract_paths

        files = sorted({str(f) for p in paths for f in ([p] if p.is_file() else sorted(p.rglob("*.json")))})
        with tempfile.TemporaryDirectory(prefix="graph-builder-eval-") as tmp:  # nothing left behind
            out = Path(tmp) / "pred.jsonl"
            with out.open("w", encoding="utf-8") as fh:
                for ex in extract_paths(files, workers=workers):
                    fh.write(json.dumps(ex.to_json(), ensure_ascii=False) + "\n")
            predictions = list(read_predictions(out))
    else:
        predictions = list(read_predictions(pred))
    scores = score(golds, predictions)
    if as_json:
        data = scores.to_dict()
        if blind:
            data = {k: v for k, v in data.items() if k != "articles"}
        console.print_json(json.dumps(data, ensure_ascii=False))
        return
    if detail:
        for a in scores.articles:
            console.print(f"{a.id} rel tp/fp/fn {a.rel}", highlight=False)
            for m in a.missed:
                console.print(f"   missed {m}", highlight=False, markup=False)
            for w in a.wrong:
                console.print(f"   wrong  {w}", highlight=False, markup=False)
    title = f"{len(scores.articles)} annotated articles" + (" (blind: aggregate scores only)" if blind else "")
    table = Table(title=title)
    for col in ("language", "entity P", "entity R", "entity F1", "relation P", "relation R", "relation F1", "former acc"):
        table.add_column(col, justify="right" if col != "language" else "left")
    for lang in [*scores.languages, "all"]:
        s = scores.overall(lang)
        table.add_row(lang, *(f"{x:.3f}" for x in s.entities), *(f"{x:.3f}" for x in s.relations),
                      "-" if s.former_accuracy is None else f"{s.former_accuracy:.3f}")
    console.print(table)
    if per_predicate:
        pt = Table(title="relations per predicate: P / R / F1")
        langs = [*scores.languages, "all"]
        pt.add_column("predicate")
        for lang in langs:
            pt.add_column(lang, justify="right")
        by = {lang: scores.by_predicate(lang) for lang in langs}
        for p in by["all"]:
            pt.add_row(p, *("{:.2f} / {:.2f} / {:.2f}".format(*by[lang].get(p, (0.0, 0.0, 0.0))) for lang in langs))
        console.print(pt)
    if scores.missing:
        console.print(f"[yellow]no prediction for {len(scores.missing)} article(s):[/] {', '.join(scores.missing)}")
