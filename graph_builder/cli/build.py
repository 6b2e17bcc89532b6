"""``graph-builder build`` (files → store) and ``graph-builder extract`` (files → JSON Lines)."""

from __future__ import annotations

import json
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from graph_builder.cli.app import app, console, err_console, print_notes
from graph_builder.errors import ConfigError
from graph_builder.ingest import IngestOptions, Notice
from graph_builder.types import Skip

__all__ = ["Terminated", "build_command", "extract_command", "ingest_options", "sigterm_interrupts"]


def ingest_options(include: list[str], exclude: list[str], text_field: str, id_field: str, title_field: str,
                   date_field: str, url_field: str, lang: Optional[str], no_dedup: bool,
                   max_bytes: int) -> IngestOptions:
    """The ingestion options shared by ``build`` and ``extract``."""
    return IngestOptions(include=tuple(include), exclude=tuple(exclude), text_field=text_field, id_field=id_field,
                         title_field=title_field, date_field=date_field, url_field=url_field, lang=lang,
                         dedup=not no_dedup, max_bytes=max_bytes)


# Options shared by build and extract (Typer declares them per command).
_INCLUDE = typer.Option([], "--include", help="glob of files to read in folders (repeatable)")
_EXCLUDE = typer.Option([], "--exclude", help="glob of files to leave out (repeatable)")
_TEXT = typer.Option("text", "--text-field", help="JSON field with the text ('a|b' tries a then b; 'a.b' nests)")
_ID = typer.Option("id", "--id-field", help="JSON field with the article id")
_TITLE = typer.Option("title", "--title-field", help="JSON field with the title")
_DATE = typer.Option("published", "--date-field", help="JSON field with the publication date")
_URL = typer.Option("url", "--url-field", help="JSON field with the URL")
_LANG = typer.Option(None, "--lang", help="force the language of every article (fr or en): no detection")
_NODEDUP = typer.Option(False, "--no-dedup", help="keep duplicate articles")
_MAXBYTES = typer.Option(200 * 1024 * 1024, "--max-bytes", help="skip files larger than this")
_WORKERS = typer.Option(1, "--workers", "-w", min=1, help="processes on this machine (models loaded once each)")
_ENGINE = typer.Option("local", "--engine", help="local, or dask to distribute over a Dask cluster")
_SCHED = typer.Option(None, "--scheduler", help="Dask scheduler address (default: a LocalCluster)")
_BATCH = typer.Option(16, "--batch-size", min=1, help="articles per nlp.pipe batch and per unit of work")
_STRICT = typer.Option(False, "--strict", help="stop at the first input that cannot be read")


def _print_skip(skip: Skip) -> None:
    # the message holds file names and JSON keys from the input: escaped, never read as markup
    err_console.print(f"[yellow]skipped[/] {escape(skip.message)}", markup=True, highlight=False, soft_wrap=True)


def _print_notice(item: Notice) -> None:
    err_console.print(f"[yellow]warning[/] {escape(item.message)}", markup=True, highlight=False, soft_wrap=True)


class Terminated(KeyboardInterrupt):
    """SIGTERM (sent by ``timeout``, Docker, systemd), turned into an interruption like Ctrl-C."""


@contextmanager
def sigterm_interrupts() -> Iterator[None]:
    """While the block runs (in the main thread), SIGTERM raises :class:`Terminated`: the build
    stops as on Ctrl-C (whole articles written, derived data refreshed, one line said)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: object) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _progress(quiet: bool) -> Progress:
    """Articles, words/s, and (when the input's size is known) a bar and the time left."""
    return Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(bar_width=None),
                    TextColumn("{task.fields[articles]:,} articles"), TextColumn("{task.fields[speed]} words/s"),
                    TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=err_console,
                    transient=True, disable=quiet or not err_console.is_terminal)


def _say(line: str) -> None:
    """One line on stdout, as is: no markup (names come from the input), no wrapping."""
    console.print(line, markup=False, highlight=False, soft_wrap=True)


@app.command("build")
def build_command(
    paths: list[str] = typer.Argument(..., help="files, folders, globs, or - for standard input"),
    store: str = typer.Option("out/store", "--store", "-s",
                              help="store folder (created or grown), or http(s) URL of a SPARQL server to load"),
    ttl: Optional[Path] = typer.Option(None, "--ttl", help="also export the whole graph as Turtle"),
    html: Optional[Path] = typer.Option(None, "--html", help="also draw the graph as one offline HTML file"),
    force: bool = typer.Option(False, "--force", help="re-extract articles even when unchanged"),
    workers: int = _WORKERS, engine: str = _ENGINE, scheduler: Optional[str] = _SCHED, batch_size: int = _BATCH,
    strict: bool = _STRICT, include: list[str] = _INCLUDE, exclude: list[str] = _EXCLUDE,
    text_field: str = _TEXT, id_field: str = _ID, title_field: str = _TITLE, date_field: str = _DATE,
    url_field: str = _URL, lang: Optional[str] = _LANG, no_dedup: bool = _NODEDUP, max_bytes: int = _MAXBYTES,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar (it is shown only on a terminal)"),
) -> None:
    """Build (or grow) the knowledge graph from articles: extract entities and facts, store them."""
    from graph_builder.build import BuildReport, build
    from graph_builder.ingest import input_bytes
    from graph_builder.rdf.store import GraphStore

    if engine not in ("local", "dask"):
        raise ConfigError(f"--engine {engine!r} is unknown; use local or dask")
    opts = ingest_options(include, exclude, text_field, id_field, title_field, date_field, url_field, lang,
                          no_dedup, max_bytes)
    remote = store.startswith(("http://", "https://"))
    folder = Path(tempfile.mkdtemp(prefix="graph-builder-")) / "store" if remote else Path(store)
    progress = _progress(quiet)
    report = BuildReport()
    started = time.perf_counter()

    def advance(ex: object, status: str) -> None:
        elapsed = time.perf_counter() - started
        progress.update(task, completed=report.ingest.bytes_read, articles=report.processed + report.unchanged,
                        speed=f"{report.words / elapsed:,.0f}" if elapsed > 0 else "-")

    with sigterm_interrupts(), GraphStore(folder) as st, progress:
        print_notes(st.notes)
        total = input_bytes(paths, opts) if not progress.disable else None
        task = progress.add_task("extracting", total=total or None, articles=0, speed="-")
        try:
            report = build(paths, st, options=opts, workers=workers, engine=engine, scheduler=scheduler,  # type: ignore[arg-type]
                           batch_size=batch_size, strict=strict, force=force, on_article=advance,
                           on_skip=_print_skip, on_notice=_print_notice, report=report,
                           on_refresh=lambda: progress.update(task, description="refreshing the derived data"))
        except KeyboardInterrupt as exc:
            # said here: Typer turns KeyboardInterrupt into a silent Exit(130) before main() sees it
            progress.stop()
            what, code = ("terminated (SIGTERM)", 143) if isinstance(exc, Terminated) else ("interrupted", 130)
            err_console.print(f"{what}: the store {folder} keeps whole articles only; "
                              "run the same build again to finish.", markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(code) from None
        for line in report.summary_lines():
            _say(line)
        if ttl:
            from graph_builder.rdf.export import export

            export(st, ttl)
            _say(f"wrote {ttl}")
        if html:
            from graph_builder.network import store_to_networkx
            from graph_builder.viz import render_html

            render_html(store_to_networkx(st), html)
            _say(f"wrote {html}")
    if remote:
        from graph_builder.push import push

        rep = push(folder, store, progress=not quiet)
        _say(f"loaded {rep.triples:,} triples into {store}")
        shutil.rmtree(folder.parent, ignore_errors=True)
    else:
        _say(f"store: {folder}")


@app.command("extract")
def extract_command(
    paths: list[str] = typer.Argument(..., help="files, folders, globs, or - for standard input"),
    format: str = typer.Option("jsonl", "--format", "-f", help="jsonl (one article per line, FORMAT.md shape) or table"),  # noqa: A002
    with_text: bool = typer.Option(False, "--with-text", help="include each article's text in the output"),
    workers: int = _WORKERS, engine: str = _ENGINE, scheduler: Optional[str] = _SCHED, batch_size: int = _BATCH,
    strict: bool = _STRICT, include: list[str] = _INCLUDE, exclude: list[str] = _EXCLUDE,
    text_field: str = _TEXT, id_field: str = _ID, title_field: str = _TITLE, date_field: str = _DATE,
    url_field: str = _URL, lang: Optional[str] = _LANG, no_dedup: bool = _NODEDUP, max_bytes: int = _MAXBYTES,
) -> None:
    """Extract entities and relations and print them (no store): the shape `eval` scores."""
    from graph_builder.build import extract_paths

    if format not in ("jsonl", "table"):
        raise ConfigError(f"--format {format!r} is unknown; use jsonl or table")
    opts = ingest_options(include, exclude, text_field, id_field, title_field, date_field, url_field, lang,
                          no_dedup, max_bytes)
    out = sys.stdout
    for ex in extract_paths(paths, options=opts, workers=workers, engine=engine, scheduler=scheduler,  # type: ignore[arg-type]
                            batch_size=batch_size, strict=strict, on_skip=_print_skip, on_notice=_print_notice):
        if format == "jsonl":
            out.write(json.dumps(ex.to_json(with_text=with_text), ensure_ascii=False) + "\n")
            out.flush()
        else:
            console.rule(f"{ex.article.id} ({ex.article.lang})")
            for e in ex.entities:
                console.print(f"  {e.type:<12} {e.name}" + (f"  ({', '.join(e.aliases)})" if e.aliases else ""),
                              highlight=False, markup=False)
            for r in ex.relations:
                flag = " [former]" if r.former else ""
                console.print(f"  {r.subject} --{r.predicate}--> {r.object}{flag}  ({r.confidence:.2f}, {r.rule})",
                              highlight=False, markup=False)
