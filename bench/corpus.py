"""A benchmark corpus made from the sample articles, scaled to any size, as JSON Lines.

The sample articles (``data/articles/*.json`` and ``*.txt``, French and English, ~250 words
each) are cut into paragraphs. Article ``i`` of the corpus takes a *lead* sample article (its
title, date and language, the title suffixed with ``(#i)``), keeps a random 2-3 of its
paragraphs, adds random paragraphs of other articles in the same language until it has as
many paragraphs as the lead, and shuffles them. So:

- every record has its own id (``bench-000042``) and its own text (no exact duplicate: ingest
  would drop those), of realistic length, in one language, made of real news sentences;
- two records share at most a few paragraphs, so they are not *near*-duplicates either
  (shingle Jaccard well under the deduplicator's 0.8): a corpus of 10,000 shuffled copies of
  33 articles would instead be 33 clusters of near-duplicates, which the deduplicator reports
  pair by pair (``mode="shuffle"`` makes that corpus, to measure exactly that).

Records carry no ``lang`` field by default, so ingest detects the language as it would for
scraped text (``with_lang=True`` adds it). Files go to ``bench/corpus/`` (git-ignored) and
are reused when they already exist.

>>> from bench.corpus import make_corpus
>>> info = make_corpus(words=3_000, seed=1)               # doctest: +SKIP
>>> info.words >= 3_000, info.path.suffix                 # doctest: +SKIP
(True, '.jsonl')
>>> from itertools import islice
>>> recs = list(islice(iter_records(seed=1), 50))
>>> len({r["id"] for r in recs}), len({r["text"] for r in recs})
(50, 50)
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from graph_builder.resources import data_dir
from graph_builder.types import text_hash

__all__ = ["CORPUS_DIR", "CorpusInfo", "source_articles", "iter_records", "make_corpus", "main"]

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
_PARA = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class CorpusInfo:
    """A corpus file: where it is, how many records and words, words per language."""

    path: Path
    articles: int
    words: int
    words_by_lang: dict[str, int]


def source_articles() -> list[dict[str, object]]:
    """The sample articles as dicts: id, lang, title, published, paragraphs (non-empty)."""
    folder = data_dir() / "articles"
    out: list[dict[str, object]] = []
    for f in sorted(folder.glob("*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        paras = [p.strip() for p in _PARA.split(d["text"]) if p.strip()]
        out.append({"id": d["id"], "lang": d["lang"], "title": d.get("title") or d["id"],
                    "published": d.get("published"), "paragraphs": paras})
    for f in sorted(folder.glob("*.txt")):
        paras = [p.strip() for p in _PARA.split(f.read_text(encoding="utf-8")) if p.strip()]
        title = paras[0]
        body = [p for p in paras[1:] if p != title]
        lang = "en" if f.stem.endswith("-en") else "fr"
        out.append({"id": f.stem, "lang": lang, "title": title, "published": None, "paragraphs": body})
    if not out:
        raise FileNotFoundError(f"no sample articles in {folder}; the benchmark corpus is made from them")
    return out


def iter_records(*, seed: int = 0, mode: str = "mix", with_lang: bool = False,
                 max_words: int | None = None) -> Iterator[dict[str, object]]:
    """An endless stream of distinct corpus records (dicts ready for JSON Lines).

    ``mode="mix"``: lead paragraphs mixed with other articles' (default, no near-duplicates);
    ``mode="shuffle"``: the lead's paragraphs only, shuffled (near-duplicate clusters).
    ``max_words`` cuts each text at the first sentence end after that many words.
    """
    if mode not in ("mix", "shuffle"):
        raise ValueError(f"unknown corpus mode {mode!r}; use 'mix' or 'shuffle'")
    rng = random.Random(seed)
    sources = source_articles()
    pool: dict[str, list[str]] = {}
    for s in sources:
        pool.setdefault(str(s["lang"]), []).extend(s["paragraphs"])  # type: ignore[arg-type]
    seen: set[str] = set()
    i = misses = 0
    while True:
        lead = sources[i % len(sources)]
        own: list[str] = list(lead["paragraphs"])  # type: ignore[arg-type]
        n = len(own)
        if mode == "shuffle":
            paras = own[:]
        else:
            keep = min(n, rng.randint(2, 3))
            paras = rng.sample(own, keep)
            others = pool[str(lead["lang"])]
            while len(paras) < max(n, keep + 1):
                p = rng.choice(others)
                if p not in paras:
                    paras.append(p)
        rng.shuffle(paras)
        text = "\n\n".join(paras)
        if max_words:  # cut after the first sentence end past max_words (texts still differ: mixed starts)
            words = text.split(" ")
            if len(words) > max_words:
                head = " ".join(words[:max_words])
                tail = " ".join(words[max_words:])
                end = min((k for k in (tail.find(". "), tail.find(".\n")) if k >= 0), default=-1)
                text = head + " " + tail[:end + 1] if 0 <= end < 300 else head
        digest = text_hash(text)
        if digest in seen:  # the same draw twice: draw again (ingest would drop it as a duplicate)
            misses += 1
            if misses > 10_000:
                raise ValueError(f"cannot make more than {i} distinct records with max_words={max_words}; "
                                 "raise max_words")
            continue
        misses = 0
        seen.add(digest)
        rec: dict[str, object] = {"id": f"bench-{i:06d}", "title": f"{lead['title']} (#{i})", "text": text,
                                  "source": "bench", "url": f"https://bench.example.org/a/{i}"}
        if lead["published"]:
            rec["published"] = lead["published"]
        if with_lang:
            rec["lang"] = lead["lang"]
        yield rec
        i += 1


def make_corpus(words: int | None = 500_000, *, articles: int | None = None, seed: int = 0, mode: str = "mix",
                with_lang: bool = False, max_words: int | None = None, out: Path | None = None,
                force: bool = False) -> CorpusInfo:
    """Write a corpus of at least ``words`` words (or exactly ``articles`` records) as JSON Lines.

    The file name encodes the parameters, so an existing file is reused (``force`` rewrites it).
    """
    if (words is None) == (articles is None):
        raise ValueError("give exactly one of words= or articles=")
    size = f"{articles}a" if articles else f"{words}w"
    name = f"corpus-{size}-{mode}-s{seed}{'-lang' if with_lang else ''}{f'-max{max_words}' if max_words else ''}.jsonl"
    path = out or CORPUS_DIR / name
    meta = path.with_suffix(".meta.json")
    if path.exists() and meta.exists() and not force:
        m = json.loads(meta.read_text())
        return CorpusInfo(path, m["articles"], m["words"], m["words_by_lang"])
    path.parent.mkdir(parents=True, exist_ok=True)
    n = total = 0
    by_lang: dict[str, int] = {}
    lang_of = {f"{s['title']}": str(s["lang"]) for s in source_articles()}
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        stream = iter_records(seed=seed, mode=mode, with_lang=with_lang, max_words=max_words)
        for rec in (islice(stream, articles) if articles else stream):
            w = len(str(rec["text"]).split())
            lang = lang_of[str(rec["title"]).rsplit(" (#", 1)[0]]
            by_lang[lang] = by_lang.get(lang, 0) + w
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
            total += w
            if words is not None and total >= words:
                break
    tmp.replace(path)
    meta.write_text(json.dumps({"articles": n, "words": total, "words_by_lang": by_lang}))
    return CorpusInfo(path, n, total, by_lang)


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.corpus --words 500000``: write a corpus and print where it is."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--words", type=int, default=500_000)
    ap.add_argument("--articles", type=int, default=None, help="exactly this many records (instead of --words)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--mode", choices=["mix", "shuffle"], default="mix")
    ap.add_argument("--with-lang", action="store_true", help="add each record's lang (no detection)")
    ap.add_argument("--force", action="store_true")
    a = ap.parse_args(argv)
    info = make_corpus(None if a.articles else a.words, articles=a.articles, seed=a.seed, mode=a.mode,
                       with_lang=a.with_lang, force=a.force)
    print(f"{info.path}: {info.articles:,} articles, {info.words:,} words {info.words_by_lang}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
