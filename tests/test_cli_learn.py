"""`graph-builder train` and `graph-builder eval` (splits, the FROZEN guard, --without), through main()."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

from graph_builder.cli import main
from graph_builder.cli.evaluate import frozen_paths
from graph_builder.nlp.pipeline import OPTIONAL_STAGES, WITHOUT_ENV

ARTICLE: dict[str, Any] = {
    "id": "t1", "lang": "en", "source": "original", "title": "t", "published": "2024-05-01",
    "text": "Meta released Llama 3, its new open model.",
    "entities": [{"name": "Meta", "type": "Organization"}, {"name": "Llama 3", "type": "Product"}],
    "relations": [{"subject": "Meta", "predicate": "develops", "object": "Llama 3", "evidence": "Meta released Llama 3"}],
}


@pytest.fixture(autouse=True)
def _restore_without(monkeypatch: pytest.MonkeyPatch) -> None:
    """`eval --without` sets GRAPH_BUILDER_WITHOUT for its workers: undone after each test."""
    monkeypatch.setenv(WITHOUT_ENV, "")


def _write(folder: Path, *ids: str, frozen: bool = False) -> list[Path]:
    """Annotated articles ``ids`` in ``folder`` (a blind set when ``frozen``)."""
    folder.mkdir(parents=True, exist_ok=True)
    if frozen:
        (folder / "FROZEN").write_text("", encoding="utf-8")
    out = []
    for i in ids:
        out.append(folder / f"{i}.json")
        out[-1].write_text(json.dumps({**ARTICLE, "id": i}), encoding="utf-8")
    return out


def _pred(tmp_path: Path, *ids: str) -> Path:
    """Perfect predictions for ``ids``."""
    path = tmp_path / "pred.jsonl"
    path.write_text("".join(json.dumps({"id": i, "entities": ARTICLE["entities"], "relations": ARTICLE["relations"]}) + "\n"
                            for i in ids), encoding="utf-8")
    return path


# --- train --------------------------------------------------------------------------------------------

def test_train_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train", "--help"]) == 0
    out = capsys.readouterr().out
    assert "Usage" in out and all(opt in out for opt in ("--config", "--workers", "--lang", "--dry-run"))


def test_train_missing_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train", "--config", str(tmp_path / "nope.toml")]) == 2
    err = capsys.readouterr().err
    assert "nope.toml not found" in err and "Traceback" not in err


@pytest.mark.parametrize("listed", ["data/corpus/blind", "data/corpus/blind/sub", "data/corpus"])
def test_train_refuses_a_config_naming_the_blind_set(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     listed: str) -> None:
    """The root is two folders above the config; its blind folder holds FROZEN and an article that is not JSON,
    so the refusal comes before any article is opened."""
    blind = tmp_path / "data" / "corpus" / "blind"
    _write(blind / "sub", frozen=False)
    (blind / "FROZEN").write_text("", encoding="utf-8")
    (blind / "x.json").write_text("{not json", encoding="utf-8")
    cfg = tmp_path / "data" / "models" / "cfg.toml"
    cfg.parent.mkdir(parents=True)
    cfg.write_text(f'[corpus]\ntrain = ["data/articles", "{listed}"]\n[cv]\nfolds = 2\nseed = 0\n', encoding="utf-8")
    assert main(["train", "--config", str(cfg), "--lang", "en"]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "error:" in err and f"the frozen blind set {blind}: it is never trained or tuned on" in err
    assert "Traceback" not in err and sorted(p.name for p in cfg.parent.iterdir()) == ["cfg.toml"]


# --- eval: splits -------------------------------------------------------------------------------------

def test_eval_split_train_reads_the_split_folders_under_the_working_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path / "data" / "corpus" / "train", "c1", "c2")
    _write(tmp_path / "data" / "articles", "a1")
    (tmp_path / "data" / "articles" / "notes.json").write_text('{"id": "n"}', encoding="utf-8")  # not annotated
    _write(tmp_path / "data" / "corpus" / "blind", "b1", frozen=True)  # another split
    monkeypatch.chdir(tmp_path)
    assert main(["eval", "--split", "train", "--pred", str(_pred(tmp_path, "c1", "c2")), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["articles"] == 3 and out["missing_ids"] == ["a1"]
    assert out["all"]["relations_prf"] == [1.0, 0.667, 0.8]  # 2 of 3 articles predicted perfectly


@pytest.mark.parametrize(("split", "message"), [
    ("nope", "unknown split 'nope'; choose one of train, dev, blind"),
    ("train", "split 'train' has none of its folders (data/corpus/train, data/articles) under"),
])
def test_eval_split_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                           split: str, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["eval", "--split", split]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "Error: Invalid value for --split" in err and message in err and "Traceback" not in err


def test_eval_needs_gold_or_split(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval"]) == 2
    assert "give annotated articles (folders or files) or --split" in capsys.readouterr().err


# --- eval: the FROZEN guard ---------------------------------------------------------------------------

def test_frozen_paths(tmp_path: Path) -> None:
    (blind_file,) = _write(tmp_path / "blind", "b1", frozen=True)
    (open_file,) = _write(tmp_path / "open", "o1")
    paths = [tmp_path / "blind", blind_file, tmp_path / "open", open_file]
    assert frozen_paths(paths) == [tmp_path / "blind", blind_file]


@pytest.mark.parametrize(("args", "gold"), [
    (["--pred"], "blind"), (["--detail"], "blind"), (["--detail", "--json"], "blind/b1.json"),
    (["--pred", "--detail"], "--split blind")])
def test_eval_blind_refuses_detail_and_pred(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str], args: list[str], gold: str) -> None:
    """Refused before anything is extracted or scored."""
    _write(tmp_path / "blind", "b1", frozen=True)
    _write(tmp_path / "data" / "corpus" / "blind", "b1", frozen=True)
    monkeypatch.chdir(tmp_path)
    argv = ["eval", *gold.split()] + [a for opt in args for a in ([opt, str(_pred(tmp_path, "b1"))] if opt == "--pred"
                                                                 else [opt])]
    assert main(argv) == 2
    captured = capsys.readouterr()
    err = " ".join(captured.err.split())
    assert "is a frozen blind set: only aggregate scores are printed for it" in err and "drop --detail and --pred" in err
    assert captured.out == "" and "Traceback" not in err


@pytest.mark.parametrize("gold", ["corpus", "corpus/blind/deep"])
def test_eval_refuses_detail_above_or_below_the_blind_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                             gold: str) -> None:
    _write(tmp_path / "corpus" / "blind", frozen=True)
    _write(tmp_path / "corpus" / "blind" / "deep", "b1")
    rc = main(["eval", str(tmp_path / gold), "--pred", str(_pred(tmp_path)), "--detail"])
    assert "missed ('Meta', 'develops', 'Llama 3')" not in capsys.readouterr().out and rc == 2


@pytest.mark.slow
def test_eval_blind_prints_aggregate_scores_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """Without --pred the articles are extracted now; the JSON leaves out the article count."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where eval writes its predictions (left behind)
    _write(tmp_path / "blind", "b1", frozen=True)
    assert main(["eval", str(tmp_path / "blind"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert "articles" not in out and out["all"]["relations_prf"] == [1.0, 1.0, 1.0]
    assert main(["eval", str(tmp_path / "blind")]) == 0
    assert "(blind: aggregate scores only)" in capsys.readouterr().out


# --- eval: --without ----------------------------------------------------------------------------------

def test_eval_without_an_unknown_stage_names_the_valid_ones(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Checked before the gold paths (which do not exist here) and before the variable is set."""
    assert main(["eval", str(tmp_path / "nowhere"), "--without", "rounds,bogus"]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert f"error: unknown stage(s) bogus to leave out; choose among {', '.join(OPTIONAL_STAGES)}" in err
    assert set(OPTIONAL_STAGES) == {"lists", "rounds", "seats", "groups", "model", "calibration"}
    assert os.environ[WITHOUT_ENV] == "" and "Traceback" not in err


def test_eval_without_known_stages_is_passed_to_workers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path / "gold", "g1")
    assert main(["eval", str(tmp_path / "gold"), "--pred", str(_pred(tmp_path, "g1")), "--without", "model,rounds",
                 "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["all"]["relations_prf"] == [1.0, 1.0, 1.0]
    assert os.environ[WITHOUT_ENV] == "model,rounds"
