"""Language identification with lingua, restricted to a dozen common languages.

Two detectors are built lazily, once per process: lingua's low-accuracy mode (trigram
models, ~0.3 s to load) for texts of 200 characters or more, where it is as reliable as
the full mode, and the high-accuracy mode (~5 s to load its models) only for short texts.
Only the first 5,000 characters are looked at.

>>> detect_language("La start-up française Mistral AI a levé 385 millions d’euros auprès "
...                 "du fonds américain Andreessen Horowitz, huit mois seulement après sa "
...                 "création par d’anciens chercheurs de Google DeepMind et de Meta.")[0]
'fr'
>>> detect_language("   ")
(None, 0.0)
>>> normalize_lang("fr-FR"), normalize_lang("English"), normalize_lang("xx-unknown")
('fr', 'en', None)
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

__all__ = ["DETECTED_LANGUAGES", "detect_language", "normalize_lang"]

#: ISO 639-1 codes lingua chooses among (French and English plus common neighbours, so
#: that a German or Spanish article is recognised as such rather than forced into fr/en)
DETECTED_LANGUAGES: tuple[str, ...] = (
    "fr", "en", "de", "es", "it", "pt", "nl", "ca", "pl", "ru", "ar", "zh", "ja", "tr",
)
_SHORT = 200
_MAX_CHARS = 5000
_lock = threading.Lock()

_NAMES = {
    "french": "fr", "français": "fr", "francais": "fr", "fra": "fr", "fre": "fr",
    "english": "en", "anglais": "en", "eng": "en",
    "german": "de", "deutsch": "de", "allemand": "de", "deu": "de", "ger": "de",
    "spanish": "es", "español": "es", "espagnol": "es", "spa": "es",
    "italian": "it", "italiano": "it", "italien": "it", "ita": "it",
}


def normalize_lang(value: object) -> str | None:
    """An ISO 639-1 code from ``"fr"``, ``"fr-FR"``, ``"fr_CA"``, ``"French"``, ``"fra"``; else None."""
    if not isinstance(value, str):
        return None
    v = value.strip().casefold().replace("_", "-")
    if not v:
        return None
    if v in _NAMES:
        return _NAMES[v]
    head = v.split("-", 1)[0]
    if len(head) == 2 and head.isascii() and head.isalpha():
        from lingua import IsoCode639_1

        return head if hasattr(IsoCode639_1, head.upper()) else None
    return _NAMES.get(head)


@lru_cache(maxsize=2)
def _detector(low_accuracy: bool) -> LanguageDetector:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, c.upper()) for c in DETECTED_LANGUAGES]
    builder = LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
    if low_accuracy:
        builder = builder.with_low_accuracy_mode()
    return builder.build()


def detect_language(text: str) -> tuple[str | None, float]:
    """``(iso 639-1 code, confidence in [0, 1])`` of ``text``; ``(None, 0.0)`` when it has no
    letters or lingua cannot decide. Never raises on any string."""
    if not isinstance(text, str):
        return None, 0.0
    sample = text[:_MAX_CHARS]
    # lone surrogates cannot cross into Rust: drop them from the sample
    sample = sample.encode("utf-8", "ignore").decode("utf-8")
    if not any(ch.isalpha() for ch in sample):
        return None, 0.0
    low = len(sample.strip()) >= _SHORT
    with _lock:  # building is not worth doing twice from two threads
        detector = _detector(low)
    try:
        values = detector.compute_language_confidence_values(sample)
    except Exception:  # noqa: BLE001 - a detector failure must not stop ingestion
        return None, 0.0
    if not values or values[0].value <= 0:
        return None, 0.0
    best = values[0]
    return best.language.iso_code_639_1.name.lower(), float(best.value)
