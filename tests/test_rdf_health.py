"""Store damage is found, named, and never runs away: graph_builder.rdf.health on damaged copies of a store."""

from __future__ import annotations

import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph_builder.errors import StoreDamagedError
from graph_builder.rdf.health import (MemoryGuard, check_files, damage_error, deep_read, describe_damage, is_damage,
                                      quick_read, scan, sst_column_family)
from rdf_data import damage as dmg, synthetic_store


#: the indexes a build's scan reads in full (the others: graph-builder check)
SCANNED = {"id2str", "gspo", "dspo", "posg", "dpos", "graphs"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synthetic_store(tmp_path_factory.mktemp("health") / "store", 400)


MESSAGES = [
    ("Corruption: block checksum mismatch: stored = 3484682257, computed = 3402024624, type = 4  in d1/000016.sst "
     "offset 3298881 size 4045, block_type = Data", "block checksum mismatch in 000016.sst at offset 3298881"),
    ("Corruption: Corruption: IO error: No such file or directory: While open a file for random read: "
     "d2/000013.sst: No such file or directory  The file d2/MANIFEST-000005 may be corrupted.", "000013.sst is missing"),
    ("Corruption: Sst file size mismatch between expected 8887928 and file system 4443964 sstable: d2/000013.sst  "
     "The file d2/MANIFEST-000005 may be corrupted.", "000013.sst is truncated (4443964 of 8887928 bytes)"),
    ("Corruption: CURRENT file does not end with newline", "the CURRENT file is empty or damaged"),
    ("Corruption: checksum mismatch  The file d2/MANIFEST-000005 may be corrupted.",
     "MANIFEST-000005 is damaged (checksum mismatch)"),
    ("IO error: No such file or directory: While opening a file for sequentially reading: d2/MANIFEST-000005: "
     "No such file or directory", "MANIFEST-000005 is missing"),
    ("Corruption: Bad table magic number: expected 9863518390377041911, found 9863518390377041895 in "
     "d2/000013.sst  The file d2/MANIFEST-000005 may be corrupted.",
     "000013.sst is damaged (its footer is wrong: truncated or overwritten)"),
]


@pytest.mark.parametrize(("message", "what"), MESSAGES)
def test_rocksdb_messages_are_said_shortly(message: str, what: str) -> None:
    assert describe_damage(message) == what
    assert is_damage(RuntimeError(message)) and is_damage(OSError(message))
    folder = "d1" if "d1/" in message else "d2" if "d2/" in message else "a store"
    assert str(damage_error(None, message)).startswith(f"{folder} is damaged ({what})")


@pytest.mark.parametrize("exc", [RuntimeError("projection: variable not bound"), SyntaxError("Corruption"),
                                 PermissionError("Corruption"), ValueError("Corruption"),
                                 OSError("IO error: lock hold by current process")])
def test_other_errors_are_not_damage(exc: BaseException) -> None:
    assert not is_damage(exc)


def test_a_sound_store_passes_every_check(store: Path) -> None:
    assert check_files(store) == []
    st = ox.Store.read_only(str(store))
    quick_read(st, store)
    counted = scan(st, store)
    assert counted.quads == len(st) and counted.graphs == 400
    assert sum(counted.by_predicate.values()) == len(st)  # every predicate was found
    assert deep_read(st, store) == len(st)


@pytest.mark.parametrize("index", dmg.INDEXES)
def test_a_flipped_bit_in_any_index_is_found_and_named(index: str, store: Path, tmp_path: Path) -> None:
    copy = dmg.damaged_copy(store, tmp_path / "s", "flip", index)
    st = ox.Store.read_only(str(copy))
    errors: list[StoreDamagedError] = []
    try:  # what a build runs before writing: it reads some indexes in full (the others by chance)
        quick_read(st, copy)
        scan(st, copy)
    except StoreDamagedError as exc:
        errors.append(exc)
    assert errors or index not in SCANNED
    with pytest.raises(StoreDamagedError) as err:  # what graph-builder check runs: every index in full
        deep_read(st, copy)
    for e in [*errors, err.value]:
        assert f"index {index})" in e.what and "checksum mismatch" in e.what
        assert str(copy) in str(e) and "--salvage" in str(e)


@pytest.mark.parametrize(("kind", "what"), [("truncate", "truncated"), ("empty-current", "CURRENT")])
def test_files_show_a_cut_table_and_an_empty_current(kind: str, what: str, store: Path, tmp_path: Path) -> None:
    copy = dmg.damaged_copy(store, tmp_path / "s", kind, "spog")
    problems = check_files(copy)
    assert len(problems) == 1 and what in problems[0]


def test_the_column_family_of_each_table_is_read_from_its_properties(store: Path) -> None:
    assert sorted(sst_column_family(p) for p in store.glob("*.sst")) == sorted([*dmg.INDEXES, "default"])


def test_the_memory_guard_stops_what_grows_past_its_limit() -> None:
    said: list[str] = []
    guard = MemoryGuard("a test", "some/store", limit=64 << 20, on_exceeded=said.append)
    with guard:
        hog = []
        for _ in range(40):  # up to 400 MB, 10 MB at a time, until the guard has spoken
            hog.append(bytearray(10 << 20))
            time.sleep(0.02)
            if said:
                break
        del hog
    assert len(said) == 1 and "a test on some/store used more than" in said[0]
    assert "graph-builder check some/store reads every index" in said[0]
    quiet: list[str] = []
    with MemoryGuard("a test", None, limit=512 << 20, on_exceeded=quiet.append):
        time.sleep(0.3)
    assert quiet == []
