"""export --salvage: what a damaged store still holds is written out, through another index when one is damaged."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from graph_builder.cli import main
from graph_builder.errors import ConfigError, StoreError
from graph_builder.rdf.salvage import salvage
from graph_builder.rdf.store import GraphStore
from rdf_data import damage as dmg, synthetic_store



@pytest.fixture(scope="module")
def sound(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[ox.Quad]]:
    path = synthetic_store(tmp_path_factory.mktemp("salvage") / "store", 300)
    with GraphStore(path, read_only=True) as st:
        return path, set(st.oxigraph)


@pytest.mark.parametrize(("kind", "index", "complete"), [
    ("flip", "gspo", True),  # an article graph's quads, read again predicate by predicate
    ("flip", "dspo", True),  # the default graph's, likewise
    ("empty-current", "", True),  # CURRENT written again on a copy of the folder
    ("flip", "spog", True),  # an index the salvage does not read
    ("flip", "id2str", False),  # strings lost: the quads using them cannot be written
])
def test_salvage_recovers_what_can_be_read(kind: str, index: str, complete: bool, sound: tuple[Path, set[ox.Quad]],
                                           tmp_path: Path) -> None:
    path, quads = sound
    copy = dmg.damaged_copy(path, tmp_path / "s", kind, index or "gspo")
    before = sorted(p.name for p in copy.iterdir())
    report = salvage(copy, tmp_path / "rescued.nq")
    got = set(ox.parse(path=str(tmp_path / "rescued.nq"), format=ox.RdfFormat.N_QUADS))
    assert got <= quads and report.quads == len(got)
    assert (got == quads) is complete
    if not complete:
        assert len(got) > len(quads) // 2 and report.damage
    assert sorted(p.name for p in copy.iterdir()) == before  # the damaged store is not written to


def test_a_store_rocksdb_cannot_open_is_a_clear_error(sound: tuple[Path, set[ox.Quad]], tmp_path: Path) -> None:
    copy = dmg.damaged_copy(sound[0], tmp_path / "s", "truncate", "gspo")
    with pytest.raises(StoreError, match="cannot be opened at all .*truncated.*rebuild"):
        salvage(copy, tmp_path / "r.nq")
    with pytest.raises(ConfigError, match=r"\.nq or \.trig"):
        salvage(sound[0], tmp_path / "r.ttl")


def test_cli_export_salvage(sound: tuple[Path, set[ox.Quad]], tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    copy = dmg.damaged_copy(sound[0], tmp_path / "s", "flip", "gspo")
    assert main(["export", str(copy), "-o", str(tmp_path / "r.trig")]) == 2  # a plain export refuses
    assert "--salvage" in capsys.readouterr().err
    assert main(["export", str(copy), "--salvage", "-o", str(tmp_path / "r.trig")]) == 0
    out = capsys.readouterr().out
    assert "damage met: block checksum mismatch" in out and "could be read only in part" in out
    assert len(set(ox.parse(path=str(tmp_path / "r.trig"), format=ox.RdfFormat.TRIG))) == len(sound[1])
