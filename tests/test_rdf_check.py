"""graph-builder check: sound and up to date (0), stale derived data (1, --refresh mends it), damaged (2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_builder.cli import main
from graph_builder.errors import StoreError
from graph_builder.rdf.check import DERIVED_CHECKS, check_store
from graph_builder.rdf.refresh import PENDING_FILE
from graph_builder.rdf.store import GraphStore
from rdf_data import damage as dmg, fixture_kg as fx, synthetic_store



@pytest.fixture(scope="module")
def sound(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synthetic_store(tmp_path_factory.mktemp("check") / "store", 60, extra=fx.extractions())


def _stale_copy(src: Path, dst: Path, how: str) -> Path:
    import shutil

    shutil.copytree(src, dst)
    with GraphStore(dst, refresh_if_pending=False) as st:
        if how == "killed before the refresh":
            st.add_extraction(fx.article1_changed())
        elif how == "support counts lost":
            st.oxigraph.update("DELETE WHERE { ?f <https://w3id.org/graph-builder/ontology#supportCount> ?n }")
    return dst


def test_a_sound_store(sound: Path) -> None:
    for deep in (True, False):
        r = check_store(sound, deep=deep)
        assert (r.status, r.exit_code, r.derived, r.damage) == ("ok", 0, [], None)
    assert any("every entry of every index" in x for x in check_store(sound).lines)


@pytest.mark.parametrize(("how", "finding"), [
    ("killed before the refresh", "mark: derived data out of date since"),
    ("support counts lost", "facts without gb:supportCount"),
])
def test_stale_derived_data_is_exit_1_and_refresh_mends_it(how: str, finding: str, sound: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = _stale_copy(sound, tmp_path / "s", how)
    r = check_store(path)
    assert r.status == "stale" and r.exit_code == 1 and any(finding in x for x in r.lines), r.lines
    assert main(["check", str(path)]) == 1
    assert "graph-builder check" in capsys.readouterr().out
    fixed = check_store(path, refresh=True)
    assert fixed.status == "ok" and fixed.refreshed and not (path / PENDING_FILE).exists()
    assert main(["check", str(path)]) == 0


@pytest.mark.parametrize(("kind", "index"), [("flip", "spog"), ("flip", "id2str"), ("truncate", "gosp"),
                                             ("delete", "dpos"), ("empty-current", ""), ("flip-manifest", ""),
                                             ("delete-manifest", "")])
def test_damage_is_exit_2_with_one_line_naming_it(kind: str, index: str, sound: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = dmg.damaged_copy(sound, tmp_path / "s", kind, index or "gspo")
    r = check_store(path)
    assert r.status == "damaged" and r.exit_code == 2
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"error: {path} is damaged (") and "--salvage" in err[0]


def test_not_a_store_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="not a store"):
        check_store(tmp_path)


def test_every_derived_check_counts_zero_after_a_refresh(sound: Path) -> None:
    with GraphStore(sound, read_only=True) as st:
        assert [st.query(q, warn=False).rows[0][0] for _, q in DERIVED_CHECKS] == [0] * len(DERIVED_CHECKS)
