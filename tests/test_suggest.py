"""The closest known names ("did you mean") shared by every lookup."""

from __future__ import annotations

import pytest

from graph_builder.suggest import did_you_mean, fold, unknown

NAMES = ["Mistral AI", "Microsoft", "Meta", "OpenAI", "Société Générale", "fr-101", "fr-110", "fr-116"]


@pytest.mark.parametrize(("typed", "first"), [
    ("Mistrall", "Mistral AI"),          # a typo
    ("mistral", "Mistral AI"),           # a part of the name
    ("societe generale", "Société Générale"),  # accents and case ignored
    ("OPEN  AI", "OpenAI"),
    ("fr-1O1", "fr-101"),                # ties: the nearest length, then alphabetical
    ("Microsfot", "Microsoft"),
])
def test_closest_first(typed: str, first: str) -> None:
    assert did_you_mean(typed, NAMES)[0] == first


def test_nothing_close_and_nothing_typed() -> None:
    assert did_you_mean("Zyxwvut", NAMES) == []
    assert did_you_mean("   ", NAMES) == []


def test_forms_can_show_another_name() -> None:
    assert did_you_mean("SocGen", {"SocGen": "Société Générale", "Meta": "Meta"}) == ["Société Générale"]


def test_messages() -> None:
    assert unknown("entity", "Mistrall", NAMES, hint="h") == "no entity named 'Mistrall'; did you mean: 'Mistral AI'?"
    assert unknown("article", "zzz", NAMES, hint="list them", where="in the graph") == (
        "no article named 'zzz' in the graph, nor any name close to it; list them")
    assert fold("  Société\u00a0Générale ") == "societe generale"
