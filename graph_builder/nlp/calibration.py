"""The last stage of extraction: each relation's confidence replaced by its calibrated value.

Reads ``data/models/<lang>/calibration.json`` (written by ``graph-builder train``,
:mod:`graph_builder.learn.calibrate`); without it, confidences stay as the readers set them.

>>> from graph_builder.learn.calibrate import CalibrationTable
>>> CalibrationTable({"ceoOf|ceo|named": 0.93}).confidence("en.ceo.appos", "ceoOf")
0.93
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from graph_builder.learn.calibrate import CalibrationTable
from graph_builder.resources import data_dir

__all__ = ["Calibrator", "calibration_path"]


def calibration_path(lang: str) -> Path:
    return data_dir() / "models" / lang / "calibration.json"


class Calibrator:
    """Maps each relation's confidence through the language's calibration table."""

    def __init__(self, nlp: Language, *, lang: str, table: str | None = None, enabled: bool = True) -> None:
        self.lang = lang
        self.enabled = enabled
        path = Path(table) if table else calibration_path(lang)
        self.table: CalibrationTable | None = CalibrationTable.from_disk(path) if path.is_file() else None

    def __call__(self, doc: Doc) -> Doc:
        if not self.enabled or self.table is None or not doc._.gb_relations:
            return doc
        table = self.table
        doc._.gb_relations = [replace(r, confidence=round(table.confidence(r.rule, r.predicate), 3))
                              for r in doc._.gb_relations]
        return doc


@Language.factory("gb_calibration", default_config={"lang": "fr", "table": None, "enabled": True},
                  requires=["doc._.gb_relations"], assigns=["doc._.gb_relations"])
def make_calibration(nlp: Language, name: str, *, lang: str, table: str | None, enabled: bool) -> Calibrator:
    """The calibration stage of ``lang`` (last in the pipeline)."""
    return Calibrator(nlp, lang=lang, table=table, enabled=enabled)
