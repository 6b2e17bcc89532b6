"""Damaged copies of a store, for the damage tests: a bit flipped in one index, a table lost or cut,
``CURRENT`` emptied, the MANIFEST lost or flipped. Every function works on a copy it makes."""

from __future__ import annotations

import shutil
from pathlib import Path

from graph_builder.rdf.health import sst_column_family

#: the indexes (RocksDB column families) of an Oxigraph store
INDEXES = ("id2str", "spog", "posg", "ospg", "gspo", "gpos", "gosp", "dspo", "dpos", "dosp", "graphs")
#: the damages besides a flipped bit: name → what to do to the copy
KINDS = ("flip", "truncate", "delete", "empty-current", "flip-manifest", "delete-manifest")


def table_of(store: Path, index: str) -> Path:
    """The one .sst file of ``index`` (the stores of the tests are flushed once: one table per index)."""
    found = [p for p in sorted(store.glob("*.sst")) if sst_column_family(p) == index]
    assert len(found) == 1, (index, found)
    return found[0]


def damaged_copy(store: Path, target: Path, kind: str, index: str = "gspo", *, at: float = 0.5) -> Path:
    """A copy of ``store`` at ``target`` with one damage of ``kind`` (in ``index`` for table damage)."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(store, target)
    (target / "LOCK").unlink(missing_ok=True)
    if kind in ("flip", "truncate", "delete"):
        sst = table_of(target, index)
        if kind == "flip":
            data = bytearray(sst.read_bytes())
            data[int(len(data) * at)] ^= 0x10
            sst.write_bytes(bytes(data))
        elif kind == "truncate":
            with sst.open("r+b") as fh:
                fh.truncate(sst.stat().st_size // 2)
        else:
            sst.unlink()
    elif kind == "empty-current":
        (target / "CURRENT").write_text("")
    elif kind in ("flip-manifest", "delete-manifest"):
        manifest = max(target.glob("MANIFEST-*"))
        if kind == "delete-manifest":
            manifest.unlink()
        else:
            data = bytearray(manifest.read_bytes())
            data[len(data) // 3] ^= 0x10
            manifest.write_bytes(bytes(data))
    else:
        raise ValueError(kind)
    return target
