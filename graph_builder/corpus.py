"""The annotated corpus: where each split lives, and how real-news-like its articles are.

The corpus is a set of annotated articles in the shape of ``shared/eval/FORMAT.md``, one JSON
file per article. Its splits (``data/corpus/README.md``):

* ``train``: ``data/corpus/train/`` (written for this project from the facts of real news)
  and the annotated demo articles ``data/articles/*.json``; the shared dev set
  ``../shared/eval/dev`` may be trained on too;
* ``blind``: ``data/corpus/blind/``, frozen; only its aggregate score is ever printed.

This module needs only the standard library, so annotators can run it without the models::

    python -m graph_builder.corpus stats data/corpus/train

>>> text = "Mistral AI, the Paris start-up, raised €600 million. It was led by General Catalyst."
>>> sentence_lengths(text)
[8, 6]
>>> s = corpus_stats([{"id": "x", "lang": "en", "text": text, "relations": [
...     {"subject": "General Catalyst", "predicate": "investorIn", "object": "Mistral AI"}]}])
>>> s.by_lang["en"].relations_per_article
1.0
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "PREDICATE_ORDER",
    "SPLITS",
    "LanguageStats",
    "CorpusStats",
    "iter_articles",
    "split_paths",
    "frozen_folder",
    "sentence_lengths",
    "corpus_stats",
    "agreement",
    "main",
]

PREDICATE_ORDER = ("founderOf", "ceoOf", "worksFor", "investorIn", "acquired", "subsidiaryOf",
                   "partnerOf", "competitorOf", "develops", "basedIn")

#: split name -> paths relative to the repository root (``..`` is the repository's parent)
SPLITS: Mapping[str, tuple[str, ...]] = {
    "train": ("data/corpus/train", "data/articles"),
    "dev": ("../shared/eval/dev",),
    "blind": ("data/corpus/blind",),
}

# a sentence ends at . ! ? … (and a closing quote or bracket) before a space and a capital,
# a digit, an opening quote or a dash; common abbreviations do not end one
_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Mt|Inc|Corp|Ltd|Co|Jr|Sr|vs|etc|M|Mme|Mlle|Dr|Pr|p|No|n°|U\.S|U\.K|J\.P|Gen|Sen|Rep|Gov)\.)$")
_BOUNDARY = re.compile(r"(?<=[.!?…])[»\"”’)]*\s+(?=[«\"“(\-–—]?\s*[A-ZÀ-ÖØ-Þ0-9])")
_WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*")


def iter_articles(paths: Iterable[str | Path]) -> Iterator[dict[str, Any]]:
    """Annotated articles from files and folders (``*.json``, searched recursively), sorted by path.

    Files that are not annotated articles (no ``text`` or no ``relations``) are left out.
    """
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(p.rglob("*.json")))
        elif p.suffix == ".json":
            files.append(p)
        elif not p.exists():
            raise FileNotFoundError(f"no such corpus file or folder: {p} (see data/corpus/README.md)")
    for f in files:
        art = json.loads(f.read_text(encoding="utf-8"))
        if isinstance(art, dict) and "text" in art and "relations" in art:
            yield art


def frozen_folder(path: str | Path) -> Path | None:
    """The frozen (blind) folder ``path`` reaches, or None: a folder holding a ``FROZEN`` file that
    is ``path`` itself, one of the folders above it, or one below it (``iter_articles`` reads
    folders recursively, so ``data/corpus`` reaches ``data/corpus/blind``).

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "blind" / "sub").mkdir(parents=True); (root / "blind" / "FROZEN").touch(); (root / "train").mkdir()
    >>> [frozen_folder(p) and frozen_folder(p).name for p in (root, root / "blind" / "sub", root / "train")]
    ['blind', 'blind', None]
    """
    p = Path(path).resolve()
    for folder in [p if p.is_dir() else p.parent, *(p if p.is_dir() else p.parent).parents]:
        if (folder / "FROZEN").is_file():
            return folder
    if p.is_dir():
        for marker in p.rglob("FROZEN"):
            if marker.is_file():
                return marker.parent
    return None


def split_paths(split: str, root: str | Path = ".") -> list[Path]:
    """The folders of a named split (``train``, ``dev``, ``blind``), relative to ``root``.

    >>> [p.as_posix() for p in split_paths("blind")]
    ['data/corpus/blind']
    """
    if split not in SPLITS:
        raise KeyError(f"unknown split {split!r}: choose one of {', '.join(SPLITS)}")
    return [Path(root) / p for p in SPLITS[split]]


def _sentences(paragraph: str) -> list[str]:
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(paragraph):
        head = paragraph[start:m.start()].rstrip("»\"”’)")
        if _ABBREV.search(head):
            continue
        out.append(paragraph[start:m.start()])
        start = m.end()
    out.append(paragraph[start:])
    return [s for s in (x.strip() for x in out) if s]


def sentence_lengths(text: str) -> list[int]:
    """Words per sentence: paragraphs split on blank lines, sentences on final punctuation.

    A line without final punctuation (a headline, a credit) is a sentence of its own.
    """
    lengths = []
    for para in re.split(r"\n\s*\n", text):
        for line in para.split("\n"):
            for sent in _sentences(line.strip()):
                n = len(_WORD.findall(sent))
                if n:
                    lengths.append(n)
    return lengths


@dataclass
class LanguageStats:
    """Realism figures of one language's articles."""

    articles: int = 0
    sentences: int = 0
    words: int = 0
    relations: int = 0
    former: int = 0
    entities: int = 0
    predicates: Counter = field(default_factory=Counter)

    @property
    def mean_sentence_length(self) -> float:
        return round(self.words / self.sentences, 1) if self.sentences else 0.0

    @property
    def relations_per_article(self) -> float:
        return round(self.relations / self.articles, 1) if self.articles else 0.0

    @property
    def words_per_article(self) -> float:
        return round(self.words / self.articles, 1) if self.articles else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, "mean_sentence_length": self.mean_sentence_length,
                "words_per_article": self.words_per_article,
                "relations_per_article": self.relations_per_article, "relations": self.relations,
                "former": self.former, "entities": self.entities,
                "predicates": {p: self.predicates.get(p, 0) for p in PREDICATE_ORDER}}


@dataclass
class CorpusStats:
    """Realism figures per language (``by_lang``) and for all languages (``all``)."""

    by_lang: dict[str, LanguageStats]
    all: LanguageStats

    def to_dict(self) -> dict[str, Any]:
        return {"all": self.all.to_dict(), **{k: v.to_dict() for k, v in sorted(self.by_lang.items())}}


def corpus_stats(articles: Iterable[Mapping[str, Any]]) -> CorpusStats:
    """Sentence length, relations per article and predicate counts, per language."""
    by_lang: dict[str, LanguageStats] = {}
    total = LanguageStats()
    for art in articles:
        lens = sentence_lengths(art.get("text", ""))
        rels = art.get("relations", [])
        for st in (by_lang.setdefault(art.get("lang", "?"), LanguageStats()), total):
            st.articles += 1
            st.sentences += len(lens)
            st.words += sum(lens)
            st.relations += len(rels)
            st.former += sum(1 for r in rels if r.get("former"))
            st.entities += sum(1 for e in art.get("entities", []) if not e.get("implicit"))
            st.predicates.update(r["predicate"] for r in rels)
    return CorpusStats(by_lang, total)


def _norm(s: str) -> str:
    """The scorer's normalisation of a surface form (shared/eval/score.py)."""
    t = unicodedata.normalize("NFKD", s)
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = t.replace("\u2019", "'").replace("\u00a0", " ").casefold()
    return " ".join(t.split()).strip(" .,;:'\"()[]«»")


def _f1(tp: int, a: int, b: int) -> float:
    return round(2 * tp / (a + b), 3) if a + b else 1.0


def agreement(first: Mapping[str, Any], second: Mapping[str, Any]) -> dict[str, float]:
    """Entity and relation F1 between two annotations of one article (symmetric).

    Entities match by any shared name or alias and the same type; relations by (subject,
    predicate, object) once both sides' names are mapped to the first annotation's entities
    (partnerOf and competitorOf in either direction), as the scorer matches.

    >>> a = {"entities": [{"name": "Mistral AI", "type": "Organization", "aliases": ["Mistral"]},
    ...                   {"name": "Paris", "type": "Place"}],
    ...      "relations": [{"subject": "Mistral AI", "predicate": "basedIn", "object": "Paris"}]}
    >>> b = {"entities": [{"name": "Mistral", "type": "Organization"}, {"name": "Paris", "type": "Place"}],
    ...      "relations": [{"subject": "Mistral", "predicate": "basedIn", "object": "Paris"}]}
    >>> agreement(a, b)
    {'entities': 1.0, 'relations': 1.0}
    """
    def index(ann: Mapping[str, Any]) -> dict[str, tuple[str, str]]:
        out: dict[str, tuple[str, str]] = {}
        for e in ann.get("entities", []):
            for f in [e["name"], *e.get("aliases", [])]:
                out.setdefault(_norm(f), (e["name"], e["type"]))
        return out

    ia = index(first)
    a_ents = {(e["name"], e["type"]) for e in first.get("entities", []) if not e.get("implicit")}
    b_ents = [e for e in second.get("entities", []) if not e.get("implicit")]
    matched = set()
    for e in b_ents:
        hit = next((ia[_norm(f)] for f in [e["name"], *e.get("aliases", [])] if _norm(f) in ia), None)
        if hit is not None and hit[1] == e["type"] and hit in a_ents:
            matched.add(hit)
    ib = index(second)

    def key(rel: Mapping[str, Any], idx: Mapping[str, tuple[str, str]]) -> tuple[str, str, str]:
        def to_a(name: str) -> str:
            forms = [name]
            for e in second.get("entities", []):
                if name in (e["name"], *e.get("aliases", [])):
                    forms = [e["name"], *e.get("aliases", [])]
            return next((ia[_norm(f)][0] for f in forms if _norm(f) in ia), "?" + name)
        s, p, o = to_a(rel["subject"]), rel["predicate"], to_a(rel["object"])
        if p in ("partnerOf", "competitorOf") and o < s:
            s, o = o, s
        return (s, p, o)

    ra = {key(r, ia) for r in first.get("relations", [])}
    rb = {key(r, ib) for r in second.get("relations", [])}
    return {"entities": _f1(len(matched), len(a_ents), len(b_ents)),
            "relations": _f1(len(ra & rb), len(ra), len(rb))}


def _print_stats(stats: CorpusStats) -> None:
    langs = sorted(stats.by_lang)
    cols = [*langs, "all"]
    rows = [("articles", "articles"), ("mean sentence length (words)", "mean_sentence_length"),
            ("words per article", "words_per_article"),
            ("relations per article", "relations_per_article"), ("relations", "relations"),
            ("former", "former")]
    table = {c: (stats.by_lang[c] if c in stats.by_lang else stats.all).to_dict() for c in cols}
    print(f"{'':32}" + "".join(f"{c:>10}" for c in cols))
    for label, key in rows:
        print(f"{label:32}" + "".join(f"{table[c][key]:>10}" for c in cols))
    for p in PREDICATE_ORDER:
        print(f"{'  ' + p:32}" + "".join(f"{table[c]['predicates'][p]:>10}" for c in cols))


def _print_agreement(second: Path, firsts: list[Path]) -> int:
    totals: dict[str, list[float]] = {}
    for f in sorted(second.glob("*.json")):
        b = json.loads(f.read_text(encoding="utf-8"))
        src = next((d / f.name for d in firsts if (d / f.name).is_file()), None)
        if src is None:
            print(f"{f.stem}: no first annotation found", file=sys.stderr)
            continue
        a = json.loads(src.read_text(encoding="utf-8"))
        ag = agreement(a, b)
        print(f"{f.stem:10} entities F1 {ag['entities']:.3f}  relations F1 {ag['relations']:.3f}  ({src.parent})")
        for lang in (b.get("lang", "?"), "all"):
            totals.setdefault(f"{lang} entities", []).append(ag["entities"])
            totals.setdefault(f"{lang} relations", []).append(ag["relations"])
    for k, v in sorted(totals.items()):
        print(f"mean {k}: {sum(v) / len(v):.3f} over {len(v)} articles")
    return 0


def main(argv: list[str] | None = None) -> int:
    """``python -m graph_builder.corpus stats PATH...``: realism figures of annotated articles."""
    ap = argparse.ArgumentParser(prog="python -m graph_builder.corpus",
                                 description="Realism figures of annotated articles.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    st = sub.add_parser("stats", help="sentence length, relations per article, predicate counts")
    st.add_argument("paths", nargs="+", help="annotated articles or folders of them")
    st.add_argument("--json", action="store_true", help="print JSON")
    ag = sub.add_parser("agreement", help="entity and relation F1 between two annotations of the same articles")
    ag.add_argument("second", help="folder of the independent second annotations (data/corpus/agreement)")
    ag.add_argument("first", nargs="+", help="folders holding the first annotations, searched in order")
    args = ap.parse_args(argv)
    if args.cmd == "agreement":
        return _print_agreement(Path(args.second), [Path(p) for p in args.first])
    stats = corpus_stats(iter_articles(args.paths))
    if args.json:
        print(json.dumps(stats.to_dict(), indent=2))
    else:
        _print_stats(stats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
