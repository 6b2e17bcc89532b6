"""``graph-builder train``: fit and measure the pair scorer and the calibration tables."""

from __future__ import annotations

from pathlib import Path

import typer

from graph_builder.cli.app import app, console

__all__ = ["train_command"]


@app.command("train")
def train_command(
    config: Path = typer.Option(Path("data/models/pair_scorer.toml"), "--config", "-c",
                                help="training configuration (corpus folders, folds, seed, C, precision target)"),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="processes reading the training articles"),
    lang: list[str] = typer.Option(["en", "fr"], "--lang", help="languages to train (repeat the option)"),
    dry_run: bool = typer.Option(False, "--dry-run", help="measure only: write no model, table or report"),
) -> None:
    """Cross-validate, calibrate and fit the pair scorer of each language (data/models/<lang>/)."""
    from graph_builder.learn.train import train

    if not config.is_file():
        raise typer.BadParameter(f"{config} not found; run from the root of a checkout or pass --config",
                                 param_hint="--config")
    root = config.resolve().parents[2]
    train(config, root=root, workers=workers, languages=lang, write=not dry_run,
          log=lambda m: console.print(m, highlight=False, markup=False))
