"""Property-based tests: random text and bytes thrown at ingestion and language detection.

Whatever comes in, ingestion yields only Article or Skip (never raises), a Skip message is
one line naming its input, and an Article's text is non-empty with a supported language.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph_builder.ingest import IngestOptions, detect_language, iter_articles, iter_bytes
from graph_builder.ingest.meta import canonical_url, iso_date, url_id
from graph_builder.ingest.textfmt import parse_markdown, parse_text
from graph_builder.types import Article, Skip

FORMATS = [None, "text", "markdown", "json", "jsonl", "html", "feed"]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# text that looks a little like articles and markup, plus anything at all
snippets = st.sampled_from([
    "Mistral AI lève des fonds. ", "OpenAI launches GPT-4. ", "\n\n", "\r\n", "# ", "**", "[a](b)",
    "<p>", "</p>", "<html lang='fr'>", '{"text": ', "}", "\n", "\u00a0", "’", "«", "»", "\ufeff",
    "---\n", "<rss>", "<item>", "\x00", "é", "\ud800",
])
articleish = st.lists(st.one_of(snippets, st.text(max_size=40)), max_size=30).map("".join)


def check(items: list[Article | Skip], name: str) -> None:
    for x in items:
        assert isinstance(x, (Article, Skip)), x
        if isinstance(x, Skip):
            assert name in x.message and "\n" not in x.message and x.reason
        else:
            assert x.text.strip() and x.lang in ("fr", "en") and x.id


@pytest.mark.slow
@SETTINGS
@given(data=st.binary(max_size=2000), fmt=st.sampled_from(FORMATS))
def test_random_bytes_never_raise(data: bytes, fmt: str | None) -> None:
    check(list(iter_bytes(data, "random.bin", fmt=fmt)), "random.bin")


@pytest.mark.slow  # loads lingua's high-accuracy models (~5 s) for short texts
@SETTINGS
@given(text=articleish, fmt=st.sampled_from(FORMATS),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]))
def test_random_text_never_raises(text: str, fmt: str | None, encoding: str) -> None:
    data = text.encode(encoding, errors="replace")
    check(list(iter_bytes(data, "random.txt", fmt=fmt)), "random.txt")


@SETTINGS
@given(text=articleish)
def test_utf8_text_round_trips_exactly(text: str) -> None:
    """Valid UTF-8 plain text: the article text is the input (newlines normalised, trimmed)."""
    clean = text.encode("utf-8", "ignore").decode("utf-8")
    items = list(iter_bytes(clean.encode("utf-8"), "t.txt", IngestOptions(lang="fr"), fmt="text"))
    if items and isinstance(items[0], Article):
        a = items[0]
        body = clean.replace("\r\n", "\n").replace("\r", "\n")
        body = body[1:] if body.startswith("\ufeff") else body  # one BOM is the encoding's; a second is text
        body = body.replace("\x00", "")  # a few NUL bytes in text are removed (with a notice)
        assert a.text in body and "\r" not in a.text
        assert (a.title or "") in body


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=300))
def test_detect_language_never_raises(text: str) -> None:
    lang, conf = detect_language(text)
    assert (lang is None and conf == 0.0) or (isinstance(lang, str) and 0.0 < conf <= 1.0)


@SETTINGS
@given(text=articleish)
def test_text_parsers_never_raise(text: str) -> None:
    for parse in (parse_text, parse_markdown):
        title, body, meta = parse(text)
        assert isinstance(body, str) and isinstance(meta, dict)
        assert title is None or isinstance(title, str)


@SETTINGS
@given(value=st.one_of(st.text(max_size=60), st.integers(), st.floats(), st.none()))
def test_metadata_helpers_never_raise(value: object) -> None:
    d = iso_date(value)
    assert d is None or (len(d) == 10 and d[4] == "-")
    if isinstance(value, str):
        canonical_url(value)
        url_id(value)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(files=st.lists(st.tuples(st.sampled_from([".txt", ".md", ".json", ".jsonl", ".html", ".xml", ""]),
                                st.binary(max_size=400)), max_size=6))
def test_random_folder_never_raises(files: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as d:
        for i, (ext, data) in enumerate(files):
            (Path(d) / f"f {i}é{ext}").write_bytes(data)
        items = list(iter_articles([d]))
        assert all(isinstance(x, (Article, Skip)) for x in items)
        assert len(items) >= len(files)  # every file gives at least one Article or Skip


@settings(max_examples=150, deadline=None)
@given(paragraphs=st.lists(st.text(alphabet=st.sampled_from("ab .é\n"), max_size=120), max_size=40),
       target=st.integers(10, 200), chunk=st.integers(1, 300))
def test_big_text_parts_cover_the_text_and_end_at_paragraph_breaks(paragraphs: list[str], target: int,
                                                                   chunk: int) -> None:
    from graph_builder.ingest import bigtext

    text = "\n\n".join(paragraphs)
    chunks = [text[i:i + chunk] for i in range(0, len(text), chunk)]
    parts = list(bigtext.cut_parts(chunks, target))
    assert "".join(p for _, p in parts) == text
    assert [line for line, _ in parts] == [1 + sum(p.count("\n") for _, p in parts[:i]) for i in range(len(parts))]
    for _, p in parts[:-1]:
        assert len(p) <= bigtext.HARD_LIMIT
        assert p.endswith("\n") or len(p) > target  # a cut at a paragraph break, else only a too-long paragraph
