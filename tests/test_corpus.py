"""The annotated corpus (graph_builder.corpus, data/corpus/): counts, coverage, format, the blind protocol.

The blind set is not read here beyond what the protocol allows: file names (ids), languages and
the checker's pass/fail; never its text or its annotations' content.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from graph_builder.corpus import PREDICATE_ORDER, corpus_stats, iter_articles, sentence_lengths, split_paths

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT / "data" / "corpus" / "train"
BLIND = ROOT / "data" / "corpus" / "blind"
AGREEMENT = ROOT / "data" / "corpus" / "agreement"
CHECKER = ROOT.parent / "shared" / "eval" / "check_annotations.py"

#: issue 16: at least 125 new articles per language, every predicate ≥ 150 in all and ≥ 60 per language
MIN_ARTICLES = 125
MIN_PER_PREDICATE = 150
MIN_PER_PREDICATE_LANG = 60
MIN_BLIND = 24


def _train():
    return list(iter_articles([TRAIN]))


def _new(arts):
    """The articles written for the corpus (ids ``<lang>-cNNN``), not the older held-out ones."""
    return [a for a in arts if "-c" in a["id"]]


def test_new_articles_per_language() -> None:
    langs = Counter(a["lang"] for a in _new(_train()))
    assert langs["fr"] >= MIN_ARTICLES and langs["en"] >= MIN_ARTICLES, langs


def test_every_predicate_is_covered_in_each_language() -> None:
    stats = corpus_stats(_train())
    for p in PREDICATE_ORDER:
        assert stats.all.predicates[p] >= MIN_PER_PREDICATE, (p, stats.all.predicates[p])
        for lang in ("fr", "en"):
            n = stats.by_lang[lang].predicates[p]
            assert n >= MIN_PER_PREDICATE_LANG, (lang, p, n)


def test_ids_are_file_names_and_unique_across_splits() -> None:
    seen: dict[str, Path] = {}
    for folder in (TRAIN, BLIND, ROOT / "data" / "articles", AGREEMENT):
        for f in folder.glob("*.json"):
            if folder == AGREEMENT:
                continue
            assert f.stem not in seen, f"{f.stem} is in {seen.get(f.stem)} and {f}"
            seen[f.stem] = f


def test_no_blind_id_in_the_training_data() -> None:
    blind_ids = {f.stem for f in BLIND.glob("*.json")}
    assert len(blind_ids) >= 2 * MIN_BLIND
    train_ids = {a["id"] for a in iter_articles([TRAIN, ROOT / "data" / "articles"])}
    assert not blind_ids & train_ids
    dev = ROOT.parent / "shared" / "eval" / "dev"
    if dev.is_dir():
        assert not blind_ids & {f.stem for f in dev.glob("*.json")}


def test_blind_set_size_and_protocol_files() -> None:
    langs = Counter(f.stem.split("-")[0] for f in BLIND.glob("*.json"))
    assert langs["fr"] >= MIN_BLIND and langs["en"] >= MIN_BLIND, langs
    assert (BLIND / "FROZEN").is_file()
    assert "never" in (BLIND / "README.md").read_text(encoding="utf-8")


def test_the_blind_split_is_frozen_for_eval() -> None:
    from graph_builder.cli.evaluate import frozen_paths

    assert frozen_paths(split_paths("blind", ROOT)) == split_paths("blind", ROOT)
    assert frozen_paths(split_paths("train", ROOT)) == []


def test_a_tenth_of_the_new_articles_is_annotated_twice() -> None:
    twice = sorted(f.stem for f in AGREEMENT.glob("*.json"))
    new = {a["id"] for a in _new(_train())}
    assert set(twice) <= new
    assert len(twice) >= 0.1 * len(new) * 0.95, (len(twice), len(new))


def test_every_new_article_has_a_review_line() -> None:
    reviewed = set()
    for log in (ROOT / "data" / "corpus" / "reviews").glob("*.jsonl"):
        reviewed |= {json.loads(line)["id"] for line in log.read_text(encoding="utf-8").splitlines() if line.strip()}
    missing = sorted({a["id"] for a in _new(_train())} - reviewed)
    assert not missing, f"{len(missing)} articles have no second pass: {missing[:5]}…"


@pytest.mark.slow
@pytest.mark.parametrize("folder", [TRAIN, BLIND, AGREEMENT, AGREEMENT / "first"],
                         ids=["train", "blind", "agreement", "agreement-first"])
def test_check_annotations_is_clean(folder: Path) -> None:
    if not CHECKER.is_file():
        pytest.skip("../shared/eval/check_annotations.py is not next to this checkout")
    files = sorted(str(f) for f in folder.glob("*.json"))  # one folder at a time: the versions share ids
    out = subprocess.run([sys.executable, str(CHECKER), *files], capture_output=True, text=True)
    assert out.returncode == 0, "\n".join(line for line in out.stdout.splitlines() if "error" in line.lower())[:2000]


def test_realism_figures_are_near_real_news() -> None:
    """Real news: about 25 words per sentence (issue 16); the corpus is written to match."""
    stats = corpus_stats(_new(_train()))
    assert 22.0 <= stats.all.mean_sentence_length <= 30.0


@pytest.mark.parametrize(("text", "lengths"), [
    ("One two three. Four five.", [3, 2]),
    ("Headline without a stop\n\nBody sentence here.", [4, 3]),
    ("Mr. Smith met Dr. Jones in the U.S. on Monday. Then he left.", [10, 3]),
    ("« Nous levons », a dit M. Mensch. Il est parti.", [6, 3]),
])
def test_sentence_lengths(text: str, lengths: list[int]) -> None:
    assert sentence_lengths(text) == lengths
