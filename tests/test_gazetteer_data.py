"""Validation of the gazetteer data files (``data/gazetteers/*.jsonl``) and the demonym lexicons.

These tests read the files directly with :mod:`json` and :mod:`csv`; they import nothing
from ``graph_builder`` so a broken data file is reported here, by file and line, before any
pipeline loads it.

Example
-------
Run just these checks::

    .venv/bin/python -m pytest tests/test_gazetteer_data.py -q
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

__all__: list[str] = []

ROOT = Path(__file__).resolve().parent.parent
GAZ_DIR = ROOT / "data" / "gazetteers"
LEX_DIR = ROOT / "data" / "lexicons"

#: file stem -> the one entity type its lines may have
FILES: dict[str, str] = {
    "organizations": "Organization",
    "people": "Person",
    "products": "Product",
    "places": "Place",
}
KINDS: dict[str, set[str]] = {
    "Organization": {
        "company", "lab", "fund", "university", "government", "media", "nonprofit", "accelerator",
    },
    "Person": {"person"},
    "Product": {"model", "chatbot", "service", "hardware", "software"},
    "Place": {"country", "city", "region", "continent"},
}
REQUIRED = {"id", "name", "type", "labels", "aliases", "short", "kind"}
OPTIONAL = {"ambiguous", "headquarters", "established", "maker"}
QID = re.compile(r"^Q[1-9][0-9]*$")
LANGS = ("en", "fr")
MIN_TOTAL = 2400
#: floors per type (the counts of data/gazetteers/README.md, rounded down)
MIN_PER_TYPE = {"Organization": 900, "Person": 450, "Product": 500, "Place": 500}
#: common first names: a full form equal to one of them turns "Virginie Martin" into a place
#: (gazetteer spans win over the model's person span), so they are never full forms unless
#: the entry is flagged ambiguous (Claude, Devin) and only short forms otherwise
FIRST_NAMES = {
    "virginie", "virginia", "georgia", "harvey", "charlotte", "jordan", "grace", "sofia", "nancy",
    "lucie", "maurice", "albert", "florence", "madison", "victoria", "chandler", "jasper", "ford",
    "dominique", "chad", "salvador",
}


def norm(form: str) -> str:
    """Case- and accent-insensitive key of a surface form (what matchers compare).

    >>> norm("  États-Unis ") == norm("etats-unis")
    True
    """
    decomposed = unicodedata.normalize("NFKD", form.replace("\u2019", "'"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


def full_forms(entry: dict[str, Any]) -> list[str]:
    """Name, labels and aliases: the forms safe to match anywhere."""
    return [entry["name"], *entry["labels"].values(), *entry["aliases"]]


def load(stem: str) -> list[tuple[int, dict[str, Any]]]:
    """(line number, parsed object) for every non-blank line of one gazetteer file."""
    path = GAZ_DIR / f"{stem}.jsonl"
    rows = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if line.strip():
                rows.append((lineno, json.loads(line)))
    return rows


@pytest.fixture(scope="module")
def entries() -> list[tuple[str, int, dict[str, Any]]]:
    """(file stem, line number, entry) for every entry of every gazetteer file."""
    return [(stem, n, e) for stem in FILES for n, e in load(stem)]


def read_demonyms(lang: str) -> list[dict[str, str]]:
    path = LEX_DIR / lang / "demonyms.tsv"
    with path.open(encoding="utf-8", newline="") as fh:
        lines = fh.read().splitlines()
    assert lines, f"{path} is empty"
    assert lines[0] == "form\tplace\tplace_id", f"{path}: bad header {lines[0]!r}"
    rows = []
    for n, line in enumerate(lines[1:], 2):
        cells = next(csv.reader([line], delimiter="\t"))
        assert len(cells) == 3, f"{path}:{n}: expected 3 tab-separated cells, got {cells!r}"
        assert all(c.strip() == c and c for c in cells), f"{path}:{n}: empty or padded cell"
        rows.append(dict(zip(("form", "place", "place_id"), cells)))
    return rows


def test_every_file_exists_and_every_line_parses() -> None:
    for stem in FILES:
        path = GAZ_DIR / f"{stem}.jsonl"
        assert path.is_file(), f"missing {path}"
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                assert line.strip(), f"{path}:{n}: blank line"
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:  # pragma: no cover - message only
                    pytest.fail(f"{path}:{n}: not JSON ({exc})")
                assert isinstance(obj, dict), f"{path}:{n}: not a JSON object"


def test_fields_and_their_types(entries: list[tuple[str, int, dict[str, Any]]]) -> None:
    for stem, n, e in entries:
        where = f"{stem}.jsonl:{n} ({e.get('name')!r})"
        keys = set(e)
        assert REQUIRED <= keys, f"{where}: missing {sorted(REQUIRED - keys)}"
        assert keys <= REQUIRED | OPTIONAL, f"{where}: unknown fields {sorted(keys - REQUIRED - OPTIONAL)}"
        assert e["type"] == FILES[stem], f"{where}: type {e['type']!r} in {stem}.jsonl"
        assert e["kind"] in KINDS[e["type"]], f"{where}: kind {e['kind']!r} not in {sorted(KINDS[e['type']])}"
        assert isinstance(e["name"], str) and e["name"] == e["name"].strip() and e["name"], where
        assert e["id"] is None or (isinstance(e["id"], str) and QID.match(e["id"])), f"{where}: bad id {e['id']!r}"
        assert isinstance(e["labels"], dict) and set(e["labels"]) == set(LANGS), f"{where}: labels need en and fr"
        for field in ("aliases", "short"):
            assert isinstance(e[field], list), f"{where}: {field} must be a list"
        for form in [*e["labels"].values(), *e["aliases"], *e["short"]]:
            assert isinstance(form, str) and form and form == form.strip(), f"{where}: bad form {form!r}"
        if "ambiguous" in e:
            assert e["ambiguous"] is True, f"{where}: write ambiguous only when true"


def test_no_duplicate_id(entries: list[tuple[str, int, dict[str, Any]]]) -> None:
    seen: dict[str, str] = {}
    for stem, n, e in entries:
        if e["id"] is None:
            continue
        assert e["id"] not in seen, f"{stem}.jsonl:{n}: id {e['id']} also used by {seen[e['id']]}"
        seen[e["id"]] = f"{stem}.jsonl:{n} {e['name']!r}"


def test_no_duplicate_name_and_type(entries: list[tuple[str, int, dict[str, Any]]]) -> None:
    seen: set[tuple[str, str]] = set()
    for stem, n, e in entries:
        key = (e["name"], e["type"])
        assert key not in seen, f"{stem}.jsonl:{n}: duplicate {key}"
        seen.add(key)


def test_no_form_claimed_by_two_entries_of_one_type(
    entries: list[tuple[str, int, dict[str, Any]]],
) -> None:
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for _, _, e in entries:
        for form in full_forms(e):
            owners[(e["type"], norm(form))].add(e["name"])
    clashes = {k: sorted(v) for k, v in owners.items() if len(v) > 1}
    assert not clashes, f"surface forms claimed twice: {clashes}"


def test_no_full_form_shared_across_types(entries: list[tuple[str, int, dict[str, Any]]]) -> None:
    """One entry per thing: a form that is genuinely two things keeps one entry (see README)."""
    owners: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for _, _, e in entries:
        for form in full_forms(e):
            owners[norm(form)].add((e["type"], e["name"]))
    clashes = {k: sorted(v) for k, v in owners.items() if len(v) > 1}
    assert not clashes, f"surface forms shared across types: {clashes}"


def test_short_forms_never_shadow_a_full_form(entries: list[tuple[str, int, dict[str, Any]]]) -> None:
    full = {norm(f) for _, _, e in entries for f in full_forms(e)}
    short_owner: dict[tuple[str, str], str] = {}
    for stem, n, e in entries:
        for s in e["short"]:
            key = (e["type"], norm(s))
            assert norm(s) not in full, f"{stem}.jsonl:{n}: short form {s!r} is another entry's full form"
            assert key not in short_owner, f"{stem}.jsonl:{n}: short {s!r} also short for {short_owner[key]!r}"
            short_owner[key] = e["name"]


def test_no_single_character_form(entries: list[tuple[str, int, dict[str, Any]]]) -> None:
    for stem, n, e in entries:
        for form in [*full_forms(e), *e["short"]]:
            assert len(norm(form)) > 1, f"{stem}.jsonl:{n}: single-character form {form!r}"


def test_known_ambiguous_words_are_flagged_or_short(
    entries: list[tuple[str, int, dict[str, Any]]],
) -> None:
    """Common words and first names are never plain aliases, and names that are such words say so."""
    risky = {"mistral", "claude", "llama", "gemini", "apple", "bard", "grok", "alexa", "scale", "x"}
    for stem, n, e in entries:
        for alias in e["aliases"]:
            assert norm(alias) not in risky, f"{stem}.jsonl:{n}: {alias!r} must be a short form"
        if norm(e["name"]) in risky:
            assert e.get("ambiguous") is True, f"{stem}.jsonl:{n}: {e['name']!r} needs ambiguous: true"


def test_counts(entries: list[tuple[str, int, dict[str, Any]]]) -> None:
    per_type: dict[str, int] = defaultdict(int)
    for _, _, e in entries:
        per_type[e["type"]] += 1
    assert sum(per_type.values()) >= MIN_TOTAL, f"only {sum(per_type.values())} entries"
    for t in FILES.values():
        assert per_type[t] >= MIN_PER_TYPE[t], f"only {per_type[t]} {t} entries"


def test_field_entities_are_present(entries: list[tuple[str, int, dict[str, Any]]]) -> None:
    """A sample of what the dev set names, typed as FORMAT.md says."""
    index = {(e["type"], norm(f)) for _, _, e in entries for f in full_forms(e)}
    expected = [
        ("Organization", "Mistral AI"), ("Organization", "Commission européenne"),
        ("Organization", "Sud Ouest"), ("Organization", "Codeium"), ("Person", "Arthur Mensch"),
        ("Person", "Clément Delangue"), ("Organization", "AWS"), ("Product", "Le Chat"),
        ("Product", "GPT-4o"), ("Place", "États-Unis"), ("Place", "Londres"), ("Place", "Tel-Aviv"),
    ]
    missing = [x for x in expected if (x[0], norm(x[1])) not in index]
    assert not missing, f"missing from the gazetteer: {missing}"


def test_unseen_article_names_are_typed_as_format_md_says(
    entries: list[tuple[str, int, dict[str, Any]]],
) -> None:
    """Names unseen articles used that the first gazetteer missed or spaCy mistyped."""
    index = {(e["type"], norm(f)) for _, _, e in entries for f in full_forms(e)}
    expected = [
        ("Organization", "Flickr"), ("Organization", "Xilinx"), ("Organization", "Tableau"),
        ("Organization", "High-Flyer"), ("Organization", "Watson Health"), ("Organization", "IVP"),
        ("Organization", "Bezos Expeditions"), ("Organization", "Databricks Ventures"),
        ("Organization", "AMD Ventures"), ("Organization", "Alibaba Cloud"),
        ("Organization", "Samsung Research"), ("Organization", "BigScience"),
        ("Organization", "Getty Images"), ("Organization", "Altera"), ("Organization", "Shopify"),
        ("Organization", "Data4"), ("Organization", "LMU"), ("Organization", "Bosch"),
        ("Organization", "TikTok"), ("Organization", "Slack"),
        ("Product", "Teams"), ("Product", "Delta Lake"), ("Product", "Command R+"),
        ("Product", "Snapdragon"), ("Product", "Instinct MI300X"), ("Product", "Gaudi 3"),
        ("Product", "H800"), ("Product", "o1"), ("Product", "Qwen"), ("Product", "WeChat"),
        ("Product", "Exynos"), ("Product", "Galaxy AI"), ("Product", "Gemini Nano"),
        ("Product", "Apache Spark"), ("Product", "DingTalk"), ("Product", "EPYC"),
        ("Product", "App Store"), ("Product", "StarCoder"), ("Product", "Transformers"),
        ("Person", "Lisa Su"), ("Person", "Matei Zaharia"), ("Person", "Daniel De Freitas"),
        ("Person", "Denis Yarats"), ("Person", "Karim Beguir"), ("Person", "Julien Launay"),
        ("Place", "Hyderabad"), ("Place", "Shenzhen"), ("Place", "Pennsylvanie"), ("Place", "Le Caire"),
    ]
    missing = [x for x in expected if (x[0], norm(x[1])) not in index]
    assert not missing, f"missing from the gazetteer or typed otherwise: {missing}"


def test_person_short_forms_are_not_tokens_of_another_person(
    entries: list[tuple[str, int, dict[str, Any]]],
) -> None:
    """"Wang" stays out of Alexandr Wang's shorts because Jeff Wang is listed too (README)."""
    people = [e for _, _, e in entries if e["type"] == "Person"]
    token_owners: dict[str, set[str]] = defaultdict(set)
    for e in people:
        for f in full_forms(e):
            for tok in norm(f).replace("-", " ").split():
                token_owners[tok].add(e["name"])
    for e in people:
        for s in e["short"]:
            others = token_owners.get(norm(s), set()) - {e["name"]}
            assert not others, f"{e['name']!r}: short {s!r} is a token of {sorted(others)}"


def test_first_names_are_not_full_forms(entries: list[tuple[str, int, dict[str, Any]]]) -> None:
    for stem, n, e in entries:
        for form in full_forms(e):
            if norm(form) in FIRST_NAMES:
                assert e.get("ambiguous") is True, f"{stem}.jsonl:{n}: {form!r} is a first name"


@pytest.mark.parametrize("lang", LANGS)
def test_demonyms_parse_and_resolve_to_places(lang: str) -> None:
    places = {e["id"]: e for _, e in load("places") if e["id"]}
    rows = read_demonyms(lang)
    assert len(rows) >= {"fr": 450, "en": 110}[lang], f"{lang}: only {len(rows)} demonyms"
    seen: set[str] = set()
    for row in rows:
        form = row["form"]
        assert form not in seen, f"{lang}/demonyms.tsv: duplicate form {form!r}"
        seen.add(form)
        assert QID.match(row["place_id"]), f"{lang}/demonyms.tsv: {form!r}: bad id {row['place_id']!r}"
        place = places.get(row["place_id"])
        assert place is not None, f"{lang}/demonyms.tsv: {form!r}: {row['place_id']} not in places.jsonl"
        assert place["labels"][lang] == row["place"], (
            f"{lang}/demonyms.tsv: {form!r}: place {row['place']!r} is not the {lang} label "
            f"{place['labels'][lang]!r} of {row['place_id']}"
        )


def test_demonyms_cover_the_brief() -> None:
    fr = {r["form"]: r["place"] for r in read_demonyms("fr")}
    en = {r["form"]: r["place"] for r in read_demonyms("en")}
    assert fr["française"] == "France" and fr["américaines"] == "États-Unis"
    assert fr["coréen"] == "Corée du Sud" and fr["londoniennes"] == "Londres"
    assert en["U.S."] == "United States" and en["Dutch"] == "Netherlands" and en["Korean"] == "South Korea"


def test_headquarters_and_established_belong_to_organisations(entries: list[tuple[str, int, dict[str, Any]]]) -> None:
    """``headquarters`` lists places of places.jsonl (city to country); ``established`` is ``true``."""
    places = {e["name"] for stem, _, e in entries if stem == "places"}
    with_hq = 0
    for stem, n, e in entries:
        where = f"{stem}.jsonl:{n} ({e.get('name')!r})"
        if "headquarters" in e:
            with_hq += 1
            assert stem == "organizations", f"{where}: only organisations have headquarters"
            hq = e["headquarters"]
            assert isinstance(hq, list) and hq, f"{where}: headquarters must be a non-empty list"
            unknown = [p for p in hq if p not in places]
            assert not unknown, f"{where}: headquarters {unknown} not in places.jsonl; add them there first"
        if "established" in e:
            assert stem == "organizations" and e["established"] is True, f"{where}: established is true, on organisations"
    assert with_hq >= 50


def test_a_maker_is_an_organisation_of_the_gazetteer(entries: list[tuple[str, int, dict[str, Any]]]) -> None:
    orgs = {e["name"] for stem, _, e in entries if stem == "organizations"}
    makers = 0
    for stem, n, e in entries:
        if "maker" in e:
            makers += 1
            where = f"{stem}.jsonl:{n} ({e.get('name')!r})"
            assert stem == "products", f"{where}: only products have a maker"
            assert e["maker"] in orgs, f"{where}: maker {e['maker']!r} not in organizations.jsonl; add it there first"
    assert makers >= 30

