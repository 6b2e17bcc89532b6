"""Language data, loaded from ``data/``: entity lexicons, relation rules, demonyms, gazetteer.

Nothing language-specific is written in Python: every word list lives in a data file per
language (``data/lexicons/<lang>/``) or in the shared gazetteer (``data/gazetteers/``).

>>> lex = load_entity_lexicon("fr")
>>> lex.label_map["PER"]
'Person'
>>> "conclusion" in lex.stop
True
"""

from __future__ import annotations

import csv
import json
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from graph_builder.errors import ConfigError
from graph_builder.resources import gazetteer_dir, lexicon_dir

__all__ = [
    "fold",
    "EntityLexicon",
    "GazetteerEntry",
    "Gazetteer",
    "Demonym",
    "load_entity_lexicon",
    "load_gazetteer",
    "load_demonyms",
    "load_toml",
    "apply_tokenizer_data",
    "phrase_tokens",
]


def fold(text: str) -> str:
    """Case-, accent- and apostrophe-insensitive key of a surface form.

    >>> fold("  États-Unis ") == fold("etats-unis")
    True
    >>> fold("d’Amazon") == fold("d'amazon")
    True
    """
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ").casefold()
    return " ".join(s.split()).strip(" .,;:'\"()[]«»")


def load_toml(path: Path) -> dict:
    """Read a TOML data file, with an error that names the file and the problem."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"{path}: data file missing; restore it from the repository") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc}); fix the file") from None


@dataclass(frozen=True)
class EntityLexicon:
    """Entity clean-up and typing words of one language (``entities.toml``)."""

    lang: str
    label_map: dict[str, str]
    strip_leading: frozenset[str]
    strip_trailing: frozenset[str]
    stop: frozenset[str]
    org_suffix: frozenset[str]
    org_cue: frozenset[str]
    product_cue: frozenset[str]
    person_cue: frozenset[str]
    place_cue: frozenset[str]
    anaphora: dict[str, tuple[str, ...]] = field(default_factory=dict)
    possessive: frozenset[str] = frozenset()
    abbreviations: frozenset[str] = frozenset()
    keep_together: tuple[str, ...] = ()
    possessive_types: dict[str, str] = field(default_factory=dict)
    org_possessed: frozenset[str] = frozenset()
    org_heads: frozenset[str] = frozenset()
    determiners: frozenset[str] = frozenset()
    clitics: dict[str, frozenset[str]] = field(default_factory=dict)
    linkers: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    any_pronouns: frozenset[str] = frozenset()
    kinship: frozenset[str] = frozenset()
    young: frozenset[str] = frozenset()
    not_young: frozenset[str] = frozenset()
    topical: tuple[str, ...] = ()
    pairs: tuple[str, ...] = ()
    and_word: str = "and"
    ordinals: dict[str, int] = field(default_factory=dict)
    maker_heads: frozenset[str] = frozenset()
    opening_participles: tuple[str, ...] = ()


@lru_cache(maxsize=None)
def load_entity_lexicon(lang: str) -> EntityLexicon:
    data = load_toml(lexicon_dir(lang) / "entities.toml")
    words = data.get("words", {})
    ana = data.get("anaphora", {})

    def fs(key: str) -> frozenset[str]:
        return frozenset(w.casefold() for w in words.get(key, []))

    return EntityLexicon(
        lang=lang,
        label_map=dict(data.get("labels", {})),
        strip_leading=fs("strip_leading"),
        strip_trailing=frozenset(words.get("strip_trailing", [])),
        stop=frozenset(fold(w) for w in words.get("stop", [])),
        org_suffix=fs("org_suffix"),
        org_cue=fs("org_cue"),
        product_cue=fs("product_cue"),
        person_cue=fs("person_cue"),
        place_cue=fs("place_cue"),
        anaphora={k: tuple(v) for k, v in ana.items() if k in ("Organization", "Person")},
        possessive=frozenset(w.casefold() for w in ana.get("possessive", [])),
        abbreviations=frozenset(w.casefold() for w in data.get("tokenizer", {}).get("abbreviations", [])),
        keep_together=tuple(data.get("tokenizer", {}).get("keep_together", [])),
        possessive_types={k.casefold(): v for k, v in ana.get("possessive_types", {}).items()},
        org_possessed=frozenset(w.casefold() for w in ana.get("org_possessed", [])),
        org_heads=frozenset(w.casefold() for w in ana.get("org_heads", [])),
        determiners=frozenset(w.casefold() for w in ana.get("determiners", [])),
        clitics={k.casefold(): frozenset(w.casefold() for w in v) for k, v in ana.get("clitics", {}).items()},
        linkers=frozenset(w.casefold() for w in ana.get("linkers", [])),
        prefixes=tuple(data.get("tokenizer", {}).get("prefixes", [])),
        any_pronouns=frozenset(w.casefold() for w in ana.get("any_pronouns", [])),
        kinship=frozenset(w.casefold() for w in ana.get("kinship", [])),
        young=frozenset(w.casefold() for w in ana.get("young", [])),
        not_young=frozenset(w.casefold() for w in ana.get("not_young", [])),
        topical=tuple(w.casefold() for w in ana.get("topical", [])),
        pairs=tuple(w.casefold() for w in ana.get("pairs", [])),
        and_word=str(ana.get("and", "and")),
        ordinals={k.casefold(): int(v) for k, v in ana.get("ordinals", {}).items()},
        maker_heads=frozenset(w.casefold() for w in ana.get("maker_heads", [])),
        opening_participles=tuple(w.casefold() for w in words.get("opening_participles", [])),
    )


@dataclass(frozen=True)
class GazetteerEntry:
    """One known entity: its key (Wikidata id or ``type:name``), type, and every surface form."""

    key: str
    name: str
    type: str
    wikidata: str | None
    labels: dict[str, str]
    aliases: tuple[str, ...]
    short: tuple[str, ...]
    kind: str | None = None
    ambiguous: bool = False  # the name is also a common word or first name
    headquarters: tuple[str, ...] = ()  # organisations: the places of their head office, city to country
    established: bool = False  # organisations: a large established company, never called a start-up
    maker: str | None = None  # products: the organisation that makes it ("the ChatGPT maker")

    @property
    def forms(self) -> tuple[str, ...]:
        """Every full surface form (name, labels, aliases), without duplicates, longest first."""
        seen: dict[str, None] = {}
        for f in (self.name, *self.labels.values(), *self.aliases):
            if f:
                seen.setdefault(f, None)
        return tuple(sorted(seen, key=len, reverse=True))

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.name


@dataclass(frozen=True)
class Gazetteer:
    """The known entities, indexed by folded surface form."""

    entries: tuple[GazetteerEntry, ...]
    by_form: dict[str, tuple[GazetteerEntry, ...]]
    by_short: dict[str, tuple[GazetteerEntry, ...]]
    by_key: dict[str, GazetteerEntry]

    def lookup(self, form: str) -> tuple[GazetteerEntry, ...]:
        """Entries whose full form folds to ``form``'s fold."""
        return self.by_form.get(fold(form), ())

    def headquarters_forms(self, key: str | None) -> frozenset[str]:
        """Folded forms (both languages) of every place of an organisation's head office.

        >>> g = load_gazetteer()
        >>> {"redmond", "etats-unis", "washington state"} <= g.headquarters_forms(g.lookup("Microsoft")[0].key)
        True
        """
        entry = self.by_key.get(key) if key else None
        if entry is None or not entry.headquarters:
            return frozenset()
        return frozenset(f for name in entry.headquarters for f in self.place_forms(name))

    def place_forms(self, name: str, key: str | None = None) -> frozenset[str]:
        """Folded forms of a place in both languages: its entry's (by ``key``, else by name), and ``name``.

        >>> {"londres", "london"} <= load_gazetteer().place_forms("Londres")
        True
        """
        entry = self.by_key.get(key) if key else None
        places = [entry] if entry is not None else [e for e in self.lookup(name) if e.type == "Place"]
        return frozenset({fold(name), *(fold(f) for e in places for f in e.forms)})

    def __len__(self) -> int:
        return len(self.entries)


@lru_cache(maxsize=None)
def load_gazetteer(directory: str | None = None) -> Gazetteer:
    """Read every ``*.jsonl`` of the gazetteer folder (see ``data/gazetteers/README.md``)."""
    folder = Path(directory) if directory else gazetteer_dir()
    entries: list[GazetteerEntry] = []
    for path in sorted(folder.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                qid = d.get("id") or None
                key = qid or f"{d['type']}:{d['name']}"
                entries.append(GazetteerEntry(
                    key=key, name=d["name"], type=d["type"], wikidata=qid,
                    labels=dict(d.get("labels") or {}), aliases=tuple(d.get("aliases") or ()),
                    short=tuple(d.get("short") or ()), kind=d.get("kind"),
                    ambiguous=bool(d.get("ambiguous", False)),
                    headquarters=tuple(d.get("headquarters") or ()),
                    established=bool(d.get("established", False)),
                    maker=d.get("maker") or None,
                ))
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise ConfigError(f"{path}:{n}: invalid gazetteer entry ({exc}); fix that line") from None
    by_form: dict[str, list[GazetteerEntry]] = {}
    by_short: dict[str, list[GazetteerEntry]] = {}
    for e in entries:
        for f in e.forms:
            lst = by_form.setdefault(fold(f), [])
            if e not in lst:
                lst.append(e)
        for f in e.short:
            by_short.setdefault(fold(f), []).append(e)
    return Gazetteer(
        entries=tuple(entries),
        by_form={k: tuple(v) for k, v in by_form.items()},
        by_short={k: tuple(v) for k, v in by_short.items()},
        by_key={e.key: e for e in entries},
    )


@dataclass(frozen=True)
class Demonym:
    """A nationality or city adjective and the place it names (in the same language)."""

    form: str
    place: str
    place_id: str | None


@lru_cache(maxsize=None)
def load_demonyms(lang: str) -> dict[str, Demonym]:
    """``data/lexicons/<lang>/demonyms.tsv`` indexed by folded form (empty if absent)."""
    path = lexicon_dir(lang) / "demonyms.tsv"
    if not path.exists():
        return {}
    out: dict[str, Demonym] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if not row.get("form") or not row.get("place"):
                continue
            out[fold(row["form"])] = Demonym(row["form"], row["place"], (row.get("place_id") or None))
    return out


def apply_tokenizer_data(nlp, lang: str) -> None:
    """Tokenizer special cases from the lexicon (``[tokenizer]`` of ``entities.toml``): hyphenated
    words kept as one token ("start-up"), prefixes cut off ("ex-Meta" → "ex-" "Meta")."""
    from spacy.symbols import ORTH

    lex = load_entity_lexicon(lang)
    for word in lex.keep_together:
        for variant in {word, word.capitalize(), word.upper()}:
            nlp.tokenizer.add_special_case(variant, [{ORTH: variant}])
    if lex.prefixes:
        from spacy.util import compile_prefix_regex

        nlp.tokenizer.prefix_search = compile_prefix_regex([*lex.prefixes, *nlp.Defaults.prefixes]).search


@lru_cache(maxsize=None)
def _blank(lang: str):
    import spacy

    nlp = spacy.blank(lang)
    apply_tokenizer_data(nlp, lang)
    return nlp


def phrase_tokens(phrase: str, lang: str) -> tuple[str, ...]:
    """A lexicon phrase as the pipeline of ``lang`` tokenizes it, lower-cased
    ("s'associent" → ("s'", "associent"); "Paris-based" → ("paris", "-", "based")).

    >>> phrase_tokens("s'associent", "fr")
    ("s'", 'associent')
    """
    return tuple(t.lower_ for t in _blank(lang).make_doc(phrase.strip()))
