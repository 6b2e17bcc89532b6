"""`graph-builder build --store URL`: build straight into a remote SPARQL server (a real Oxigraph)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_builder.cli import main
from graph_builder.push import remote_named, remote_query

pytestmark = pytest.mark.slow


def test_build_into_a_remote_oxigraph(tmp_path: Path, root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.test_push import RawOxigraph  # the helper that starts a plain `oxigraph serve`

    server = RawOxigraph(tmp_path / "remote")
    try:
        seed = root / "data" / "articles" / "bezos-ai-startup-fr.txt"
        assert main(["build", str(seed), "--store", server.url, "--quiet"]) == 0
        assert "loaded" in capsys.readouterr().out
        founders = remote_named(server.url, "founders", org="Amazon")
        assert "Jeff Bezos" in founders.column("founder")
        n = remote_query(server.url, "SELECT (COUNT(*) AS ?n) WHERE { ?e gb:sentence ?s }").rows[0][0]
        assert int(n) >= 1  # provenance travelled too
    finally:
        server.stop()
