"""The graph-builder command: build, extract, eval, stats, query — through main(), as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph_builder.cli import main

pytestmark = pytest.mark.slow


def test_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    for cmd in ("build", "extract", "eval", "query", "viz", "stats", "validate", "export", "serve", "push", "analyze"):
        assert main([cmd, "--help"]) == 0
        assert "Usage" in capsys.readouterr().out


def test_extract_prints_format_md_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    art = tmp_path / "a.json"
    art.write_text(json.dumps({"id": "x1", "lang": "fr", "title": "t", "published": "2024-02-26",
                               "text": "Arthur Mensch, PDG de Mistral AI, s’allie à Microsoft.",
                               "entities": [{"name": "ignored", "type": "Person"}]}), encoding="utf-8")
    assert main(["extract", str(art), "--format", "jsonl"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0]["id"] == "x1" and lines[0]["lang"] == "fr"
    ents = {e["name"]: e for e in lines[0]["entities"]}
    assert ents["Mistral AI"]["type"] == "Organization" and ents["Mistral AI"]["wikidata"] == "Q116813325"
    assert "ignored" not in ents
    rels = {(r["subject"], r["predicate"], r["object"]): r for r in lines[0]["relations"]}
    r = rels[("Arthur Mensch", "ceoOf", "Mistral AI")]
    assert r["evidence"].startswith("Arthur Mensch") and 0 < r["confidence"] <= 1 and r["rule"]


def test_eval_scores_a_prediction_file(tmp_path: Path, dev_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = json.loads(next(iter(sorted(dev_dir.glob("*.json")))).read_text(encoding="utf-8"))
    gdir = tmp_path / "gold"
    gdir.mkdir()
    (gdir / f"{gold['id']}.json").write_text(json.dumps(gold), encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps({"id": gold["id"], "entities": gold["entities"],
                                "relations": gold["relations"]}) + "\n", encoding="utf-8")
    assert main(["eval", str(gdir), "--pred", str(pred), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["all"]["relations_prf"] == [1.0, 1.0, 1.0]


def test_build_then_stats_and_named_query(tmp_path: Path, root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "store"
    seed = root / "data" / "articles" / "bezos-ai-startup-fr.txt"
    assert main(["build", str(seed), "--store", str(store), "--ttl", str(tmp_path / "g.ttl"),
                 "--html", str(tmp_path / "g.html"), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "1 added" in out and (tmp_path / "g.ttl").stat().st_size > 0 and (tmp_path / "g.html").stat().st_size > 0
    assert main(["stats", str(store)]) == 0
    assert "founderOf" in capsys.readouterr().out
    assert main(["query", str(store), "--name", "founders", "--format", "csv"]) == 0
    assert "Jeff Bezos" in capsys.readouterr().out
    # a second build of the same file changes nothing
    assert main(["build", str(seed), "--store", str(store), "--quiet"]) == 0
    assert "1 unchanged" in capsys.readouterr().out


def test_user_errors_are_one_line_without_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err
    assert "error:" in err and "Traceback" not in err
    assert main(["build", str(tmp_path / "missing.txt"), "--store", str(tmp_path / "s"), "--strict", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "missing.txt" in err and "Traceback" not in err


@pytest.mark.parametrize("argv", [["--nope"], ["analyze"], ["query", "s", "--format"], ["viz", "s", "--depth", "x"]])
def test_usage_errors_print_usage_not_a_traceback(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2  # was: typer's own click exception, uncaught, with a traceback
    err = capsys.readouterr().err
    assert "Error: " in err and "Traceback" not in err
    assert "Usage: graph-builder" in err or "requires an argument" in err
