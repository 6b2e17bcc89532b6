"""SPARQL text helpers: declaring the usual prefixes, and short syntax-error messages with where."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph_builder.sparql import PREFIXES, declare_prefixes, syntax_error


@pytest.mark.parametrize(("query", "declared", "added"), [
    ("SELECT * WHERE { ?s gb:founderOf ?o }", ["gb"], 1),
    ("SELECT * WHERE { ?s gb:founderOf ?o ; skos:prefLabel ?n }", ["gb", "skos"], 1),
    ("PREFIX gb: <https://example.org/other#> SELECT * WHERE { ?s gb:p ?o }", [], 0),  # the user's own wins
    ("SELECT * WHERE { ?s <http://schema.org/name> ?o }", [], 0),  # IRIs are not prefixed names
    ("ASK {}", [], 0),
])
def test_declare_prefixes_adds_one_line_for_what_is_used_and_undeclared(query: str, declared: list[str],
                                                                        added: int) -> None:
    text, n = declare_prefixes(query)
    assert n == added and text.endswith(query)
    first = text.splitlines()[0] if added else ""
    assert sorted(p.split(":")[0] for p in first.split("PREFIX ")[1:]) == sorted(declared)
    ox.Store().query(text)  # parses as it is: no prefix left undeclared


def _error(query: str, *, prefixes: bool = True) -> str:
    text, n = declare_prefixes(query) if prefixes else (query, 0)
    with pytest.raises(SyntaxError) as exc:
        ox.Store().query(text)
    return syntax_error(str(exc.value), query, line_offset=n).block()


# query, the position reported (in the user's text), words of the message
CASES = [
    ("SELECT * WHERE { ?s nope:x ?o }", "line 1, column 27", "unknown prefix nope:"),
    ("SELECT * WHERE {\n  ?s gb:founderOf ?o .\n  FILTER(?o = ) }", "line 3, column 18", "expected one of ABS, AVG"),
    ("SELCT ?s WHERE { ?s ?p ?o }", "line 1, column 1", "a query starts with SELECT, CONSTRUCT, ASK or DESCRIBE"),
    ("# my query\nselct ?s { }", "line 2, column 1", "not 'selct'"),
    ("SELECT (COUNT(*) AS ?n) ?s WHERE { ?s ?p ?o }", "line 1, column 46", "unbound"),
    ("SELECT * WHERE { ?s ?p ?o } GROUP BY", "line 1, column 37", 'expected one of "$", "("'),
    ('SELECT * WHERE { ?s ?p "unterminated }', "line 1, column 39", "expected"),
]


@pytest.mark.parametrize(("query", "where", "what"), CASES)
def test_syntax_errors_say_where_and_what_briefly(query: str, where: str, what: str) -> None:
    message = _error(query)
    assert message.startswith(where) and what in message
    lines = message.splitlines()
    assert len(lines) <= 3 and all(len(line) < 220 for line in lines)
    assert "\\u{" not in message and "..=" not in message  # no character classes from the parser
    if len(lines) == 3:  # the line, then a caret under the column
        column = int(where.rsplit(" ", 1)[1])
        assert lines[2].index("^") == column - 1 + 2 and lines[1].strip() in query


def test_one_line_form_is_one_line_and_quotes_the_place() -> None:
    text, n = declare_prefixes("SELECT * WHERE {\n ?s gb:p ?o FILTER(?o = ) }")
    with pytest.raises(SyntaxError) as exc:
        ox.Store().query(text)
    line = syntax_error(str(exc.value), "SELECT * WHERE {\n ?s gb:p ?o FILTER(?o = ) }", line_offset=n).one_line()
    assert "\n" not in line and line.startswith("line 2, column 28") and "near '?s gb:p ?o FILTER(?o = ) }'" in line


def test_updates_are_not_told_to_start_with_select() -> None:
    with pytest.raises(SyntaxError) as exc:
        ox.Store().update("INSERT DATA { <a:b> <a:c> }")
    message = syntax_error(str(exc.value), "INSERT DATA { <a:b> <a:c> }", update=True).one_line()
    assert "SELECT" not in message and message.startswith("line 1")


def test_a_message_without_a_position_is_kept_short() -> None:
    e = syntax_error("something odd happened\nand more\nand more", "ASK {}")
    assert e.one_line() == "somewhere in the query: something odd happened"


def test_the_prefixes_are_the_usual_ones() -> None:
    assert {"gb", "rdf", "rdfs", "owl", "skos", "schema", "prov", "xsd", "wd", "dcterms"} <= set(PREFIXES)
    assert PREFIXES["gb"] == "https://w3id.org/graph-builder/ontology#"
