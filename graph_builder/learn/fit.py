"""Fit the pair scorer: one L2 logistic regression per predicate (scikit-learn), exported as a
:class:`~graph_builder.nlp.scorer.PairModel` that runs without scikit-learn.

A predicate's model is trained only on candidates whose types fit its signature (a Person is
never ``develops``), with a fixed seed. Weights under ``prune`` in absolute value are dropped
from the export; the bias is kept.

>>> from graph_builder.learn.dataset import CandidateRecord as C
>>> cands = [C("A", "B", "Person", "Organization", {"c=founder": 1.0}, ("founderOf",), 0, 1),
...          C("A", "B", "Person", "Organization", {"c=ceo": 1.0}, (), 0, 1)] * 5
>>> m = fit_model(cands, lang="en", predicates=("founderOf",), c=1.0)
>>> m.proba({"c=founder": 1.0})["founderOf"] > m.proba({"c=ceo": 1.0})["founderOf"]
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from graph_builder.learn.dataset import CandidateRecord
from graph_builder.nlp.scorer import PairModel
from graph_builder.types import PREDICATE_SIGNATURES, PREDICATES

__all__ = ["fit_model", "fits"]


def fits(pred: str, x_type: str, y_type: str) -> bool:
    sig_s, sig_o = PREDICATE_SIGNATURES[pred]
    return x_type in sig_s and y_type in sig_o


def fit_model(cands: Sequence[CandidateRecord], *, lang: str, predicates: Sequence[str] = PREDICATES,
              c: float = 1.0, prune: float = 1e-3, min_positives: int = 5, seed: int = 0,
              thresholds: Mapping[str, float] | None = None, meta: Mapping[str, object] | None = None) -> PairModel:
    """One logistic regression per predicate over ``cands``; predicates with fewer than
    ``min_positives`` positive examples get no model (their probability stays at the base rate)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    weights: dict[str, dict[str, float]] = {}
    classes: list[str] = []
    bias: list[float] = []
    for pred in predicates:
        rows = [cd for cd in cands if fits(pred, cd.x_type, cd.y_type)]
        y = [pred in cd.labels for cd in rows]
        if sum(y) < min_positives or all(y):
            continue
        vec = DictVectorizer()
        X = vec.fit_transform([cd.features for cd in rows])
        clf = LogisticRegression(C=c, solver="lbfgs", random_state=seed, max_iter=2000)
        clf.fit(X, y)
        classes.append(pred)
        bias.append(float(clf.intercept_[0]))
        for name, w in zip(vec.get_feature_names_out(), clf.coef_[0]):
            if abs(w) >= prune:
                weights.setdefault(str(name), {})[pred] = round(float(w), 4)
    return PairModel(lang=lang, classes=tuple(classes), bias=tuple(bias), weights=weights,
                     thresholds=dict(thresholds or {}), meta=dict(meta or {}))
