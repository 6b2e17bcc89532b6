"""``graph-builder train``: the pair scorer and the calibration tables, fitted and measured.

Driven by ``data/models/pair_scorer.toml`` (corpus folders, folds, seed, regularisation,
precision target). For each language:

1. every training article is read by the pipeline once (:mod:`graph_builder.learn.dataset`);
2. cross-validation grouped by article (:mod:`graph_builder.learn.cv`) gives the out-of-fold
   probabilities, each predicate's threshold, and the scores of the readers alone, of the readers
   plus the model, and of each reader left out (the ablation);
3. the calibration table is fitted on the training articles and its reliability measured on
   held-out folds (:mod:`graph_builder.learn.calibrate`);
4. the model ships only if cross-validation shows it earns its place (``[gate]``: more recall
   than the readers alone, with precision at least ``min_precision``), and then only for the
   predicates that got a threshold; the table and a report (``report.json``) of everything
   measured are written to ``data/models/<lang>/`` in any case.

Nothing here reads the blind set: its folder is refused.

>>> cfg = load_config(Path(__file__).resolve().parents[2] / "data" / "models" / "pair_scorer.toml")
>>> cfg["cv"]["folds"]
5
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from graph_builder.errors import ConfigError
from graph_builder.evaluate import Scores, score
from graph_builder.learn.calibrate import fit_table, judge, reliability
from graph_builder.learn.cv import assign_folds, choose_thresholds, out_of_fold, predictions
from graph_builder.learn.dataset import ArticleRecord, build_records
from graph_builder.learn.fit import fit_model
from graph_builder.types import PREDICATES

__all__ = ["load_config", "ABLATIONS", "ablation", "gate", "train_language", "train"]

#: reader left out -> which of its rule ids to drop (the others stay)
ABLATIONS: dict[str, Callable[[str], bool]] = {
    "rule engine (regex rules)": lambda r: any(f".{f}." in r for f in ("round", "seat", "group", "model")),
    "bare-list reading (+lists)": lambda r: "+lists" not in r,
    "round reader": lambda r: ".round." not in r,
    "seat reader": lambda r: ".seat." not in r,
    "group reader": lambda r: ".group." not in r,
}


def load_config(path: str | Path) -> dict[str, Any]:
    try:
        with Path(path).open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"{path}: training configuration missing; restore it from the repository") from None


def _scores_dict(sc: Scores, lang: str) -> dict[str, Any]:
    s = sc.overall(lang)
    return {"relations": dict(zip(("P", "R", "F1"), s.relations)), "entities": dict(zip(("P", "R", "F1"), s.entities)),
            "predicates": {p: dict(zip(("P", "R", "F1"), v)) for p, v in sc.by_predicate(lang).items()}}


def ablation(records: Sequence[ArticleRecord], golds: Mapping[str, Mapping[str, Any]], probs, thresholds,
             lang: str) -> dict[str, dict[str, Any]]:
    """Scores with everything on, the model off, and each reader left out (rule-id filters)."""
    gold_list = [golds[r.id] for r in records]
    out = {"all readers + model": _scores_dict(score(gold_list, predictions(records, probs, thresholds)), lang),
           "model off": _scores_dict(score(gold_list, predictions(records, None, thresholds)), lang)}
    for name, keep in ABLATIONS.items():
        out[f"{name} off"] = _scores_dict(score(gold_list, predictions(records, None, thresholds, rule_filter=keep)), lang)
    return out


def gate(ablation_scores: Mapping[str, Any], thresholds: Mapping[str, float], cfg: Mapping[str, Any]) -> tuple[bool, str]:
    """Whether the model ships, and why, from the cross-validated scores with and without it.

    >>> s = {"model off": {"relations": {"P": 0.80, "R": 0.37}}, "all readers + model": {"relations": {"P": 0.80, "R": 0.38}}}
    >>> gate(s, {"worksFor": 0.9}, {"gate": {"min_precision": 0.85}})
    (False, 'with the model, cross-validated P 0.800 < 0.85')
    >>> gate(s, {"worksFor": 0.9}, {"gate": {"min_precision": 0.75}})
    (True, 'cross-validated R 0.370 -> 0.380 at P 0.800 >= 0.75')
    """
    floor = float(cfg.get("gate", {}).get("min_precision", 0.0))
    off, on = ablation_scores["model off"]["relations"], ablation_scores["all readers + model"]["relations"]
    if not thresholds:
        return False, "no predicate reached the target precision on out-of-fold predictions"
    if on["R"] <= off["R"]:
        return False, f"cross-validated R {off['R']:.3f} -> {on['R']:.3f}: no more recall"
    if on["P"] < floor:
        return False, f"with the model, cross-validated P {on['P']:.3f} < {floor:.2f}"
    return True, f"cross-validated R {off['R']:.3f} -> {on['R']:.3f} at P {on['P']:.3f} >= {floor:.2f}"


def train_language(records: Sequence[ArticleRecord], golds: Mapping[str, Mapping[str, Any]],
                   cfg: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """Cross-validate, calibrate and fit one language; the report (models are in it as objects)."""
    k, seed = int(cfg["cv"]["folds"]), int(cfg["cv"]["seed"])
    c = float(cfg["model"]["C"])
    target = float(cfg["thresholds"]["target_precision"])
    oof = out_of_fold(records, k=k, seed=seed, c=c)
    thresholds = choose_thresholds(records, oof, target=target, min_added=int(cfg["thresholds"]["min_added"]))
    report: dict[str, Any] = {"lang": lang, "articles": len(records), "folds": k, "seed": seed, "C": c,
                              "thresholds": thresholds, "ablation": ablation(records, golds, oof.probs, thresholds, lang)}
    # calibration: fitted on the other folds, read on each held-out fold
    folds = assign_folds([r.id for r in records], k=k, seed=seed)
    combined = {r.id: ex for r, ex in zip(records, predictions(records, oof.probs, thresholds))}
    judged = {rid: judge(golds[rid], ex) for rid, ex in combined.items()}
    cal = cfg.get("calibration", {})
    held_rows, held_conf, raw_conf = [], [], []
    for f in range(k):
        table = fit_table([j for rid, js in judged.items() if folds[rid] != f for j in js],
                          min_support=int(cal.get("min_support", 5)), prior=float(cal.get("prior", 2.0)))
        for rid, js in judged.items():
            if folds[rid] == f:
                for j in js:
                    held_rows.append(j)
                    held_conf.append(table.confidence(j.rule, j.predicate))
                    raw_conf.append(j.confidence)
    report["reliability"] = {"calibrated": reliability(held_rows, held_conf), "raw": reliability(held_rows, raw_conf)}
    final_table = fit_table([j for js in judged.values() for j in js], min_support=int(cal.get("min_support", 5)),
                            prior=float(cal.get("prior", 2.0)))
    model = fit_model([cd for r in records for cd in r.candidates], lang=lang, c=c, seed=seed,
                      prune=float(cfg["model"]["prune"]), min_positives=int(cfg["model"]["min_positives"]),
                      thresholds=thresholds,
                      meta={"articles": len(records), "cv": report["ablation"]["all readers + model"]["relations"],
                            "readers_cv": report["ablation"]["model off"]["relations"], "seed": seed, "C": c})
    report["top_features"] = {p: model.top_features(p, 10) for p in PREDICATES if p in model.classes}
    ships, why = gate(report["ablation"], thresholds, cfg)
    report["shipped"] = {"model": ships, "why": why}
    report["_model"], report["_table"] = model, final_table
    return report


def _golds(paths: Sequence[Path]) -> dict[str, dict[str, Any]]:
    from graph_builder.corpus import iter_articles

    from graph_builder.corpus import frozen_folder

    for p in paths:
        frozen = frozen_folder(p) if p.exists() else None
        if frozen is not None:
            where = "is" if frozen == p.resolve() else ("is inside" if frozen in p.resolve().parents else "holds")
            raise ConfigError(f"{p} {where} the frozen blind set {frozen}: it is never trained or tuned on "
                              "(data/corpus/blind/README.md); list the training folders one by one")
    return {g["id"]: g for g in iter_articles([p for p in paths if p.exists()])}


def train(config: str | Path, *, root: str | Path = ".", out_dir: str | Path | None = None, workers: int = 1,
          languages: Sequence[str] = ("en", "fr"), write: bool = True, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Train and measure every language; write ``data/models/<lang>/`` unless ``write`` is False."""
    cfg = load_config(config)
    root = Path(root)
    golds = _golds([root / p for p in cfg["corpus"]["train"]])
    out = Path(out_dir) if out_dir else root / "data" / "models"
    reports = {}
    for lang in languages:
        gs = [g for g in golds.values() if g.get("lang") == lang]
        log(f"{lang}: reading {len(gs)} training articles")
        records = build_records(gs, workers=workers)
        rep = train_language(records, golds, cfg, lang)
        model, table = rep.pop("_model"), rep.pop("_table")
        if write:
            # only the predicates it may add, and only when it passed the gate; else no file: the stage adds nothing
            shipped = model.kept() if rep["shipped"]["model"] else None
            if shipped is not None:
                shipped.to_disk(out / lang / "pair_scorer.json")
            else:
                (out / lang / "pair_scorer.json").unlink(missing_ok=True)
            table.to_disk(out / lang / "calibration.json")
            (out / lang / "report.json").write_text(json.dumps(rep, indent=1, ensure_ascii=False), encoding="utf-8")
        reports[lang] = rep
        r, m = rep["ablation"]["model off"]["relations"], rep["ablation"]["all readers + model"]["relations"]
        log(f"{lang}: cross-validated relations P/R readers {r['P']:.3f}/{r['R']:.3f}, with the model "
            f"{m['P']:.3f}/{m['R']:.3f}; thresholds {rep['thresholds']}; "
            f"model {'shipped' if rep['shipped']['model'] else 'not shipped'} ({rep['shipped']['why']})")
    return reports
