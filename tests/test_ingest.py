"""Tests of graph_builder.ingest: formats, encodings, bad inputs, folders, dedup, stdin."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph_builder.ingest import (
    IngestOptions,
    IngestReport,
    detect_language,
    iter_articles,
    iter_bytes,
    sniff_format,
)
from graph_builder.types import Article, Skip, text_hash

HERE = Path(__file__).resolve().parent
FIX = HERE / "data" / "ingest"
SAMPLES = HERE.parent / "data" / "samples"
FR = ("La start-up française Mistral AI, fondée à Paris en 2023 par Arthur Mensch, Guillaume Lample "
      "et Timothée Lacroix, a levé 385 millions d’euros auprès d’Andreessen Horowitz.")
EN = ("OpenAI, the San Francisco company led by Sam Altman, released GPT-4 in March 2023, a few "
      "months after ChatGPT became the fastest-growing consumer application in history.")


def one(path: Path | str, options: IngestOptions = IngestOptions()) -> Article | Skip:
    items = list(iter_articles([path], options))
    assert len(items) == 1, items
    return items[0]


def articles(items: list[Article | Skip]) -> list[Article]:
    return [x for x in items if isinstance(x, Article)]


# ------------------------------------------------------------------ formats (samples)


def test_html_main_text_without_boilerplate_and_metadata() -> None:
    a = one(SAMPLES / "html" / "mistral-ai-levee-fr.html")
    assert isinstance(a, Article)
    assert a.text.startswith("La start-up française Mistral AI a annoncé avoir levé 385 millions d’euros")
    assert "Mixtral 8x7B, un modèle à « mélange d’experts »" in a.text
    for junk in ("Accueil", "PUBLICITÉ", "Lire aussi", "Un tour d’amorçage", "Jean-Pierre",
                 "Bravo à eux", "Mentions légales", "GPU d’occasion", "Hugging Face"):
        assert junk not in a.text, junk
    assert a.text.count("\n\n") == 4  # five paragraphs kept apart
    assert a.title == "Mistral AI lève 385 millions d’euros et ouvre sa plateforme"
    assert a.published == "2023-12-11"
    assert a.url == "https://journal-ia.example.fr/startups/2023/12/mistral-ai-leve-385-millions"
    assert a.id == "journal-ia.example.fr/startups/2023/12/mistral-ai-leve-385-millions"
    assert (a.author, a.site_name, a.lang) == ("Claire Martin", "Le Journal de l’IA", "fr")


def test_rss_entries_with_content_and_summary_only() -> None:
    items = list(iter_articles([SAMPLES / "feeds" / "actu-ia.rss"]))
    assert [type(x) for x in items] == [Article] * 3
    ms, hf, claude = items
    assert ms.lang == "en" and hf.lang == "fr" and claude.lang == "en"
    assert ms.url == "https://veille-ia.example.org/en/2023/01/microsoft-openai-investment"
    assert ms.published == "2023-01-23" and ms.author == "Sarah Collins"
    assert ms.text.startswith("Microsoft said on Monday") and ms.text.count("\n\n") == 2
    assert "4,5\u00a0milliards" in hf.text  # &nbsp; kept as a non-breaking space
    assert hf.title.startswith("Hugging Face lève 235 millions")
    assert not ms.is_summary and claude.is_summary
    assert claude.text.startswith("Anthropic, the San Francisco start-up") and "<p>" not in claude.text
    assert ms.source == "https://veille-ia.example.org/" and ms.site_name == "Veille IA — export RSS"


def test_atom_entries_dates_and_summary() -> None:
    items = list(iter_articles([SAMPLES / "feeds" / "ai-watch.atom"]))
    assert [a.lang for a in items] == ["fr", "en", "fr"]
    deepmind, amazon, llama = items
    assert deepmind.published == "2023-04-20"  # published wins over updated
    assert llama.published == "2023-07-18" and llama.is_summary  # only <updated>, only <summary>
    assert "Demis Hassabis" in deepmind.text and "&lt;" not in deepmind.text
    assert amazon.id == "aiwatch.example.com/en/2023/09/amazon-anthropic"
    assert deepmind.author == "Marc Lefèvre"


def test_jsonl_with_custom_text_field() -> None:
    items = list(iter_articles([SAMPLES / "jsonl" / "crawl-dump.jsonl"], IngestOptions(text_field="body")))
    assert [a.id for a in items] == ["dump-0001", "dump-0002", "dump-0003", "dump-0004"]
    assert [a.line for a in items] == [1, 2, 3, 4]
    assert [a.lang for a in items] == ["en", "fr", "en", "fr"]  # dump-0003 has no lang: detected
    assert items[1].published == "2023-11-17" and items[2].published == "2024-02-26"
    assert items[0].title == "Google launches Gemini, its answer to GPT-4"
    assert items[0].source == "crawl-2024-01"
    assert items[0].location.endswith("crawl-dump.jsonl:1")


def test_jsonl_default_field_names_the_missing_field() -> None:
    items = list(iter_articles([SAMPLES / "jsonl" / "crawl-dump.jsonl"]))
    assert {x.reason for x in items} == {"no-text"}
    assert "crawl-dump.jsonl:1" in items[0].message
    assert "'text'" in items[0].message and "body" in items[0].message


def test_json_annotated_shape() -> None:
    a = one(SAMPLES / "json" / "altman-openai-fr.json")
    assert (a.id, a.lang, a.source, a.published) == ("sample-altman-2023", "fr", "original", "2023-11-22")
    assert a.text.startswith("Le conseil d’administration d’OpenAI")


@pytest.mark.parametrize(("fields", "url"), [
    ({"source": "https://www.example.com/news/mistral/?utm_source=rss"}, "https://www.example.com/news/mistral"),
    ({"source": "original"}, None),
    ({"source": "https://a.example/x", "url": "https://b.example/y"}, "https://b.example/y"),  # url wins
    ({"url": "https://b.example/y"}, "https://b.example/y"),
])
def test_a_link_given_as_source_is_the_article_link(tmp_path: Path, fields: dict[str, str], url: str | None) -> None:
    record = {"id": "x-1", "lang": "en", "text": "Mistral AI raised money from investors in Paris. " * 3, **fields}
    (tmp_path / "a.json").write_text(json.dumps(record))
    a = one(tmp_path / "a.json")
    assert isinstance(a, Article) and a.url == url and a.source == fields.get("source", url)
    (tmp_path / "b.md").write_text("---\n" + "".join(f"{k}: {v}\n" for k, v in fields.items()) +
                                   "---\n# Title\n\n" + record["text"])
    assert one(tmp_path / "b.md").url == url  # front matter: the same rule


def test_json_list_and_wrapped_list(tmp_path: Path) -> None:
    recs = [{"id": "a", "text": FR}, {"id": "b", "text": EN}, "oops"]
    (tmp_path / "list.json").write_text(json.dumps(recs), encoding="utf-8")
    (tmp_path / "wrapped.json").write_text(json.dumps({"articles": [{"id": "c", "text": FR + " Bis."}]}))
    items = list(iter_articles([tmp_path]))
    assert [getattr(x, "id", None) or x.reason for x in items] == ["a", "b", "json", "c"]
    assert items[2].location.endswith("list.json#3")


def test_markdown_stripped_with_front_matter() -> None:
    a = one(SAMPLES / "markdown" / "chatgpt-launch-en.md")
    assert a.title == "OpenAI opens ChatGPT to the public"
    assert (a.published, a.lang, a.source) == ("2022-12-01", "en", "original")
    assert a.text.startswith("San Francisco. OpenAI has released ChatGPT, a conversational assistant")
    for mark in ("**", "](", "# ", "---", "> ", "- OpenAI", "_automatically"):
        assert mark not in a.text, mark
    paragraphs = a.text.split("\n\n")
    assert "A very fast start" in paragraphs and "Why it matters" in paragraphs
    assert "OpenAI's partner Microsoft runs the service on its Azure cloud." in paragraphs
    assert "\n" not in paragraphs[0]  # soft-wrapped lines joined


def test_latin1_and_utf16_samples() -> None:
    lecun = one(SAMPLES / "text" / "yann-lecun-latin1-fr.txt")
    assert lecun.title == "Yann LeCun, pionnier de l'apprentissage profond"
    assert "diplômé de l'ESIEE Paris" in lecun.text and "« Les plateformes" in lecun.text
    assert lecun.lang == "fr" and lecun.id == "sha-" + text_hash(lecun.text)
    anthropic = one(SAMPLES / "text" / "anthropic-utf16-en.txt")
    assert anthropic.lang == "en" and anthropic.text.startswith("Anthropic was founded in 2021")
    assert "\ufeff" not in anthropic.text and "\x00" not in anthropic.text


# ------------------------------------------------------------------ encodings (fixtures)


def test_cp1252_typography_decoded_and_crlf_normalised() -> None:
    a = one(FIX / "enc" / "cp1252-fr.txt")
    assert "d’Inflection" in a.text and "« à 650 millions de dollars »" in a.text
    assert "cœur" in a.text and "— une prise" in a.text and "\r" not in a.text


def test_utf8_bom_keeps_nbsp_and_narrow_nbsp_exactly() -> None:
    a = one(FIX / "enc" / "utf8-bom-fr.txt")
    assert a.title == "Titre : l’IA en France" and "\ufeff" not in (a.title + a.text)
    assert "100\u00a0millions" in a.text and "«\u00a0Mistral\u00a0AI\u00a0»" in a.text
    assert "réjouit\u202f!" in a.text


def test_utf16_be_and_crlf() -> None:
    assert one(FIX / "enc" / "utf16-be-en.txt").text.startswith("OpenAI, the San Francisco")
    a = one(FIX / "enc" / "crlf-en.txt")
    assert a.title == "A headline" and "\r" not in a.text
    assert a.text.endswith("history.\nSecond line.\nThird line.")


def test_name_with_spaces_and_accents() -> None:
    a = one(FIX / "names" / "article avec espaces é.md")
    assert a.title == "Un titre" and a.path.endswith("article avec espaces é.md")


# ------------------------------------------------------------------ bad inputs

BAD = [
    ("empty.txt", "empty"),
    ("whitespace.txt", "empty"),
    ("report.pdf", "binary"),
    ("pixel.png", "binary"),
    ("articles.zip", "binary"),
    ("data.bin.txt", "binary"),
    ("invalid-utf8.txt", "encoding"),
    ("broken.json", "json"),
    ("no-text.json", "no-text"),
    ("german.txt", "language"),
    ("garbage.html", "no-text"),
    ("not-a-feed.xml", "feed"),
]


@pytest.mark.parametrize(("name", "reason"), BAD)
def test_bad_input_is_one_skip_naming_the_file(name: str, reason: str) -> None:
    s = one(FIX / "bad" / name)
    assert isinstance(s, Skip)
    assert s.reason == reason
    assert name in s.message and name in s.location
    assert "\n" not in s.message and "; " in s.message  # what was wrong; what to do


def test_language_skip_message_and_forcing() -> None:
    s = one(FIX / "bad" / "german.txt")
    # names the languages graph_builder reads; --lang is offered for a wrong detection only
    assert "language 'de'" in s.message and "reads French (fr) and English (en)" in s.message
    assert "if the detection is wrong" in s.message
    a = one(FIX / "bad" / "german.txt", IngestOptions(lang="fr"))
    assert isinstance(a, Article) and a.lang == "fr"
    assert one(FIX / "bad" / "german.txt", IngestOptions(languages=("fr", "en", "de"))).lang == "de"


def test_broken_jsonl_line_is_skipped_and_the_rest_goes_on() -> None:
    items = list(iter_articles([FIX / "bad" / "broken.jsonl"]))
    got = [(x.id, x.line) if isinstance(x, Article) else (x.reason, x.location.rsplit(":", 1)[1])
           for x in items]
    assert got == [("ok-1", 1), ("json", "2"), ("no-text", "4"), ("ok-5", 5)]
    assert "broken.jsonl:2" in items[1].message
    assert "keys found: id, headline, corps" in items[2].message


def test_truncated_html_is_best_effort() -> None:
    a = one(FIX / "bad" / "truncated.html")
    assert isinstance(a, Article) and a.text.startswith("La start-up française Mistral AI")
    assert "Jean-Pierre" not in a.text


def test_missing_path_and_unmatched_glob(tmp_path: Path) -> None:
    s = one(tmp_path / "nope.txt")
    assert s.reason == "missing" and "nope.txt" in s.message
    assert one(str(tmp_path / "*.nothing")).reason == "missing"


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "secret.txt"
    f.write_text(FR, encoding="utf-8")

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    s = one(f)
    assert s.reason == "unreadable" and "secret.txt" in s.message and "permission" in s.message


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_by_mode(tmp_path: Path) -> None:
    f = tmp_path / "locked.txt"
    f.write_text(FR, encoding="utf-8")
    f.chmod(0)
    try:
        assert one(f).reason == "unreadable"
    finally:
        f.chmod(0o644)


def test_too_large(tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    f.write_text(FR * 20, encoding="utf-8")
    s = one(f, IngestOptions(max_bytes=1000))
    assert s.reason == "too-large" and "big.txt" in s.message and "max" in s.message.lower()


@pytest.mark.slow
def test_fifty_megabyte_text_file_is_read_in_parts(tmp_path: Path) -> None:
    """A big text file is read a megabyte at a time and cut at paragraph breaks into parts of a
    few thousand words, one article each (graph_builder.ingest.bigtext): nothing is lost."""
    f = tmp_path / "huge.txt"
    with f.open("w", encoding="utf-8") as out:
        out.write("Une archive\n\n")
        i = 0
        while out.tell() < 50 * 1024 * 1024:
            out.write(f"{FR} (dépêche {i})\n\n")
            i += 1
    report = IngestReport()
    notices: list[str] = []
    parts = list(iter_articles([f], report=report, on_notice=lambda n: notices.append(n.message)))
    assert all(isinstance(a, Article) and a.lang == "fr" for a in parts)
    assert len(parts) > 2000 and report.read == len(parts) and report.bytes_read == f.stat().st_size
    assert all(len(a.text) <= 25_000 for a in parts)
    assert parts[0].title == "Une archive (part 1)" and parts[1].id == parts[0].id[:-1] + "2"
    assert [a.line for a in parts[:2]] == [1, 1 + parts[0].text.count("\n") + 4]
    assert "\n\n".join(a.text for a in parts) == f.read_text(encoding="utf-8").split("\n\n", 1)[1].strip()
    assert len(notices) == 1 and "read in parts" in notices[0]


# ------------------------------------------------------------------ folders, globs, options


def test_samples_folder_mixing_all_formats() -> None:
    report = IngestReport()
    items = list(iter_articles([SAMPLES], IngestOptions(text_field="body|text"), report=report))
    assert all(isinstance(x, Article) for x in items), [x for x in items if isinstance(x, Skip)]
    assert len(items) == 15 and report.read == 15 and report.files == 8  # README.md passed over
    assert report.languages == {"fr": 8, "en": 7} and report.summaries == 2
    assert len({a.id for a in items}) == 15
    assert all(a.path and a.text and a.lang in ("fr", "en") for a in items)
    paths = [a.path for a in items]
    assert paths == sorted(paths)  # walked in sorted order


def test_include_exclude_and_hidden(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(FR, encoding="utf-8")
    (tmp_path / "b.md").write_text("# T\n\n" + EN, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(EN + " hidden", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text(EN + " git", encoding="utf-8")
    names = lambda opts: [Path(a.path).name for a in iter_articles([tmp_path], opts)]  # noqa: E731
    assert names(IngestOptions()) == ["b.md", "a.txt"]
    assert names(IngestOptions(include=("*.txt",))) == ["a.txt"]
    assert names(IngestOptions(exclude=("sub/*",))) == ["b.md"]
    assert [Path(a.path).name for a in iter_articles([str(tmp_path / "**" / "*.txt")])] == ["a.txt"]


def test_field_mapping_dotted_and_alternatives(tmp_path: Path) -> None:
    rec = {"meta": {"key": "k1", "day": "2024-02-26"}, "content": {"body": EN}, "headline": "H"}
    (tmp_path / "r.jsonl").write_text(json.dumps(rec) + "\n", encoding="utf-8")
    opts = IngestOptions(text_field="text|content.body", id_field="meta.key",
                         date_field="meta.day", title_field="headline")
    a = one(tmp_path / "r.jsonl", opts)
    assert (a.id, a.published, a.title, a.lang) == ("k1", "2024-02-26", "H", "en")


# ------------------------------------------------------------------ dedup


def test_exact_duplicates_skipped_and_near_duplicates_reported() -> None:
    report = IngestReport()
    items = list(iter_articles([FIX / "dedup"], report=report))
    kinds = [(Path(x.path).name if isinstance(x, Article) else x.reason) for x in items]
    assert kinds == ["01-wire.txt", "02-wire-copy.txt", "duplicate", "04-other.txt"]
    assert "01-wire.txt" in items[2].message and "03-exact-copy.txt" in items[2].message
    assert report.duplicates == 1
    [pair] = report.near_duplicates
    assert pair.first.endswith("01-wire.txt") and pair.second.endswith("02-wire-copy.txt")
    assert 0.8 <= pair.similarity < 1.0
    assert report.to_dict()["near_duplicates"][0]["similarity"] == round(pair.similarity, 3)
    assert any("near-duplicates: 1 pair" in line for line in report.summary_lines())


def test_dedup_off_keeps_duplicates() -> None:
    items = list(iter_articles([FIX / "dedup"], IngestOptions(dedup=False)))
    assert all(isinstance(x, Article) for x in items) and len(items) == 4


def test_same_url_is_a_duplicate_and_reused_id_is_flagged(tmp_path: Path) -> None:
    lines = [{"id": "a", "url": "https://x.example/a?utm_source=rss", "text": FR},
             {"id": "b", "url": "https://X.example/a/", "text": EN},
             {"id": "a", "text": EN + " Different."}]
    (tmp_path / "d.jsonl").write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    reasons = [getattr(x, "reason", "ok") for x in iter_articles([tmp_path / "d.jsonl"])]
    assert reasons == ["ok", "duplicate", "duplicate-id"]


@pytest.mark.slow
def test_near_duplicate_detection_scales(tmp_path: Path) -> None:
    import random
    import time

    rng = random.Random(3)
    vocab = [f"mot{i}" for i in range(5000)]
    recs = [{"id": f"r{i}", "lang": "fr", "text": " ".join(rng.choices(vocab, k=400))} for i in range(3000)]
    recs.append({"id": "copy", "lang": "fr", "text": recs[10]["text"] + " fin de dépêche"})
    (tmp_path / "many.jsonl").write_text("\n".join(json.dumps(r) for r in recs), encoding="utf-8")
    report = IngestReport()
    t = time.perf_counter()
    n = sum(1 for _ in iter_articles([tmp_path / "many.jsonl"], report=report))
    elapsed = time.perf_counter() - t
    assert n == 3001 and [(p.first[-3:], p.second[-5:]) for p in report.near_duplicates] == [(":11", ":3001")]
    assert elapsed < 30, f"{elapsed:.1f} s for 3,001 articles"


# ------------------------------------------------------------------ stdin, bytes, sniffing


def test_iter_bytes_sniffs_formats() -> None:
    jsonl = (json.dumps({"id": "1", "text": FR}) + "\n" + json.dumps({"id": "2", "text": EN})).encode()
    assert [a.id for a in iter_bytes(jsonl)] == ["1", "2"]
    rss = (SAMPLES / "feeds" / "actu-ia.rss").read_bytes()
    assert len(list(iter_bytes(rss))) == 3
    html = (SAMPLES / "html" / "mistral-ai-levee-fr.html").read_bytes()
    assert next(iter_bytes(html)).published == "2023-12-11"
    assert next(iter_bytes(b"%PDF-1.5")).reason == "binary"
    assert sniff_format("[{}]") == "json" and sniff_format("<?xml version='1.0'?><feed>") == "feed"


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    data = ("Un titre\n\n" + FR).encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    [a] = list(iter_articles(["-"]))
    assert a.title == "Un titre" and a.lang == "fr" and a.source == "<stdin>" and a.location


@pytest.mark.slow
def test_stdin_in_a_subprocess() -> None:
    code = ("import sys; from graph_builder.ingest import iter_articles; "
            "print(*[getattr(x, 'id', None) or x.reason for x in iter_articles(['-'])])")
    out = subprocess.run([sys.executable, "-c", code], input=(json.dumps({"id": "s1", "text": EN}) + "\n"
                         + json.dumps({"id": "s2", "text": FR})).encode(), capture_output=True, check=True)
    assert out.stdout.decode().split() == ["s1", "s2"]


# ------------------------------------------------------------------ language


def test_detect_language() -> None:
    assert detect_language(FR)[0] == "fr" and detect_language(EN)[0] == "en"
    lang, conf = detect_language(FR * 3)
    assert lang == "fr" and 0.5 < conf <= 1.0
    assert detect_language("") == (None, 0.0) and detect_language("12 345 !!!") == (None, 0.0)


# ------------------------------------------------------------------ special files, unreadable folders


def _read_all(paths: list[Path], timeout: float = 20.0) -> list[Article | Skip]:
    """iter_articles in a thread: a test fails, instead of hanging, if reading blocks."""
    import threading

    out: list[Article | Skip] = []
    t = threading.Thread(target=lambda: out.extend(iter_articles(paths, IngestOptions(lang="fr"))), daemon=True)
    t.start()
    t.join(timeout)
    assert not t.is_alive(), "reading blocked"
    return out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_or_a_socket_is_skipped_unopened(tmp_path: Path) -> None:
    import socket

    (tmp_path / "a.txt").write_text(FR, encoding="utf-8")
    os.mkfifo(tmp_path / "b-pipe.txt")  # no writer: opening it would block forever
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "c.sock"))
    (tmp_path / "d.txt").write_text(FR.replace("2023", "2024"), encoding="utf-8")
    try:
        items = _read_all([tmp_path])
        skips = {Path(s.location).name: s for s in items if isinstance(s, Skip)}
        assert sorted(skips) == ["b-pipe.txt", "c.sock"]
        assert "named pipe (FIFO)" in skips["b-pipe.txt"].message and "a socket" in skips["c.sock"].message
        assert all(s.reason == "special" and "standard input" in s.message for s in skips.values())
        assert sum(isinstance(a, Article) for a in items) == 2
        named = _read_all([tmp_path / "b-pipe.txt"])  # given by name too
        assert len(named) == 1 and named[0].reason == "special"
        dev = _read_all([Path("/dev/zero")]) if Path("/dev/zero").exists() else []
        assert not dev or "a character device" in dev[0].message
    finally:
        sock.close()


def test_an_unreadable_subfolder_is_one_skip_and_the_rest_is_read(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated (a non-root run of the real thing: tests/test_reliability.py): the folder cannot be
    looked into, so asking whether it holds a store raises PermissionError."""
    (tmp_path / "a.txt").write_text(FR, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "x.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "z.txt").write_text(FR.replace("2023", "2024"), encoding="utf-8")
    real_is_file, real_scandir = Path.is_file, os.scandir

    def is_file(self: Path) -> bool:
        if self.parent.name == "locked":
            raise PermissionError(13, "Permission denied", str(self))
        return real_is_file(self)

    def scandir(path: object = ".") -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "is_file", is_file)
    monkeypatch.setattr(os, "scandir", scandir)
    items = list(iter_articles([tmp_path], IngestOptions(lang="fr")))
    skips = [s for s in items if isinstance(s, Skip)]
    assert len(skips) == 1 and skips[0].location.endswith("locked") and "Permission denied" in skips[0].message
    assert sorted(Path(a.path or "").name for a in items if isinstance(a, Article)) == ["a.txt", "z.txt"]


# ------------------------------------------------------------------ honest skip messages and NUL bytes


@pytest.mark.parametrize(("text", "says"), [
    ("OpenAI", "too short to detect the language (1 word); pass --lang fr or --lang en"),  # was: language 'it'
    ("Mistral AI", "too short to detect the language (2 words)"),
    ("Die Berliner Firma Aleph Alpha hat eine neue Finanzierungsrunde abgeschlossen und will mit dem Geld "
     "ihre Sprachmodelle für Behörden und Unternehmen in Europa weiterentwickeln.",
     "language 'de' (detected, confidence 1.00) is not supported: graph_builder reads French (fr) and English (en)"),
    ("北京的人工智能公司智谱发布了新的大语言模型，并表示将在今年晚些时候向企业客户开放。该公司去年完成了新一轮融资。",
     "is not supported: graph_builder reads French (fr) and English (en)"),
])
def test_language_skips_say_what_is_wrong(text: str, says: str) -> None:
    s = next(iter_bytes(text.encode("utf-8"), "t.txt"))
    assert isinstance(next(iter_bytes(b"Bonjour", "t.txt")), Article)  # short, but told with confidence
    assert isinstance(s, Skip) and s.reason == "language" and says in s.message, s.message
    assert "--lang fr to force" not in s.message  # never told to force a language we do not read


def test_nul_bytes_in_text_are_removed_with_a_notice() -> None:
    notices: list[str] = []
    report = IngestReport()
    data = FR.encode("utf-8")
    data = data[:40] + b"\x00" + data[40:80] + b"\x00\x00" + data[80:]
    items = list(iter_bytes(data, "t.txt", report=report, on_notice=lambda n: notices.append(n.message)))
    assert len(items) == 1 and isinstance(items[0], Article) and items[0].text == FR
    assert notices == ["t.txt: 3 NUL bytes removed from the text; the rest was read"]
    assert report.notices == {"nul-bytes": 1} and "notices 1: nul-bytes 1" in report.summary_lines()
    binary = next(iter_bytes(b"\x00\x01\x02\x03" * 200, "x.txt"))
    assert isinstance(binary, Skip) and binary.reason == "binary"


def test_input_bytes_is_what_a_build_will_read(tmp_path: Path) -> None:
    from graph_builder.ingest import input_bytes

    (tmp_path / "a.txt").write_text("x" * 100)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("y" * 50)
    (tmp_path / ".hidden.txt").write_text("z" * 1000)
    assert input_bytes([tmp_path]) == 150 and input_bytes([tmp_path, "-"]) is None
