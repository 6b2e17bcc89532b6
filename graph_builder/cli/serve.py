"""``graph-builder serve`` (a SPARQL endpoint over a store) and ``graph-builder push`` (load it elsewhere).

    graph-builder serve out/store                       # http://127.0.0.1:7878/, read-only
    graph-builder serve out/store --port 0 --timeout 10 --max-results 1000
    graph-builder push out/store --endpoint http://127.0.0.1:7879
    graph-builder push out/store --gsp http://localhost:3030/ds/data --graph https://example.org/kg
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import typer

from graph_builder.cli.app import app, console, err_console, warn_if_stale
from graph_builder.errors import ConfigError

__all__ = ["serve_command", "push_command", "client_snippet"]

_LOOPBACK = ("127.0.0.1", "localhost", "::1")


def client_snippet(query_url: str) -> str:
    """Python code querying ``query_url`` with SPARQLWrapper (printed by ``serve``).

    >>> "SPARQLWrapper(\\"http://h/query\\"" in client_snippet("http://h/query")
    True
    """
    return (
        "from SPARQLWrapper import SPARQLWrapper, JSON\n"
        f"w = SPARQLWrapper(\"{query_url}\", returnFormat=JSON)\n"
        "w.setQuery(\"PREFIX gb: <https://w3id.org/graph-builder/ontology#> "
        "SELECT ?s ?o WHERE { ?s gb:founderOf ?o } LIMIT 10\")\n"
        "print(w.queryAndConvert()[\"results\"][\"bindings\"])"
    )


@app.command("serve")
def serve_command(
    store: Path = typer.Argument(..., help="Store directory (written by `graph-builder build`)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (127.0.0.1: this machine only)."),
    port: int = typer.Option(7878, "--port", help="Port to listen on (0: any free port)."),
    timeout: float = typer.Option(30, "--timeout", help="Seconds a query may run before it is stopped (HTTP 503)."),
    max_results: int = typer.Option(10_000, "--max-results", help="Rows (or triples) returned at most per query."),
    allow_updates: bool = typer.Option(False, "--allow-updates",
                                       help="Accept SPARQL updates and Graph Store writes (default: read-only)."),
    allow_host: list[str] = typer.Option([], "--allow-host",
                                         help="Another name clients may use for this server in the Host header "
                                              "(repeatable; others get 403: DNS rebinding)."),
    workers: Optional[int] = typer.Option(None, "--workers", min=1,  # noqa: UP007
                                          help="Query processes (default 2-4; 1 with --allow-updates)."),
) -> None:
    """Serve STORE as a SPARQL 1.1 endpoint (query page at /, queries at /query) until Ctrl-C."""
    from graph_builder.server import serve_forever

    warn_if_stale(store)

    def ready(server) -> None:  # noqa: ANN001
        mode = "read-write" if allow_updates else "read-only"
        console.print(f"SPARQL endpoint ({mode}) on [bold]{server.url}/[/]  queries: {server.query_url}", soft_wrap=True,
                      highlight=False)
        console.print(f"limits: {server.timeout_s:g} s per query, {server.max_results} rows; "
                      "queries see the union of all graphs", highlight=False)
        if host not in _LOOPBACK:
            err_console.print(f"[yellow]warning:[/] listening on {host}: anyone who can reach this address "
                              "can query the store (there is no authentication)")
        console.print("[dim]From Python:[/]")
        console.print(client_snippet(server.query_url), highlight=False, markup=False, soft_wrap=True)
        console.print("[dim]Ctrl-C stops the server.[/]")

    serve_forever(store, on_ready=ready, host=host, port=port, timeout_s=timeout, max_results=max_results,
                  allow_updates=allow_updates, allow_hosts=allow_host, workers=workers)
    console.print("server stopped")


@app.command("push")
def push_command(
    store: Path = typer.Argument(..., help="Store directory (opened read-only)."),
    endpoint: Optional[str] = typer.Option(None, "--endpoint",  # noqa: UP007 - typer needs Optional on 3.11
                                           help="Base URL of the target SPARQL server (Oxigraph layout: /store, /update)."),
    gsp: Optional[str] = typer.Option(None, "--gsp", help="Graph Store Protocol URL, when not ENDPOINT/store."),  # noqa: UP007
    update: Optional[str] = typer.Option(None, "--update", help="SPARQL Update URL, when not ENDPOINT/update."),  # noqa: UP007
    graph: Optional[str] = typer.Option(None, "--graph", help="Target graph IRI (default: the default graph)."),  # noqa: UP007
    batch_size: int = typer.Option(50_000, "--batch-size", help="Triples per request."),
    method: str = typer.Option("gsp", "--method", help="gsp (Graph Store Protocol) or update (INSERT DATA)."),
    user: Optional[str] = typer.Option(None, "--user",  # noqa: UP007
                                       help="User for HTTP Basic auth; the password comes from "
                                            "$GRAPH_BUILDER_PASSWORD or a prompt."),
    quiet: bool = typer.Option(False, "--quiet", help="No progress bar."),
) -> None:
    """Load every triple of STORE (all graphs, flattened) into another SPARQL 1.1 server."""
    from graph_builder.push import push

    if endpoint is None and gsp is None and update is None:
        raise ConfigError("give the target server: --endpoint URL (or --gsp URL / --update URL)")
    if method not in ("gsp", "update"):
        raise ConfigError(f"--method {method!r} is not gsp or update")
    auth = None
    if user:
        password = os.environ.get("GRAPH_BUILDER_PASSWORD")
        if password is None:
            password = typer.prompt(f"password for {user}", hide_input=True)
        auth = (user, password)
    warn_if_stale(store)
    report = push(store, endpoint, graph=graph, batch_size=batch_size, method=method,  # type: ignore[arg-type]
                  auth=auth, progress=not quiet, gsp_url=gsp, update_url=update)
    console.print(str(report), highlight=False)
