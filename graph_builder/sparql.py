"""SPARQL text shared by every place that runs queries: the predeclared prefixes, declaring them in
a query's text (for servers that do not predeclare them), and short syntax-error messages.

The local store predeclares :data:`PREFIXES` through pyoxigraph; the endpoint (``graph-builder
serve``) and remote servers (:mod:`graph_builder.push`) receive the query text, so
:func:`declare_prefixes` writes the missing declarations in front of it, on one line.

Oxigraph's parser reports a syntax error with every token and character class it would have
accepted, several lines of ``['\\u{00C0}'..='\\u{00D6}' | ...]``. :func:`syntax_error` keeps where
(line, column, the line itself with a caret) and what in a few words.

>>> text, added = declare_prefixes("SELECT ?s WHERE { ?s gb:founderOf ?o }")
>>> text.splitlines()[0], added
('PREFIX gb: <https://w3id.org/graph-builder/ontology#>', 1)
>>> print(syntax_error("error at 1:20: expected one of ABS, AVG, [_]", "SELECT * WHERE { ?s ?p FILTR }").one_line())
line 1, column 20: expected one of ABS, AVG, near 'SELECT * WHERE { ?s ?p FILTR }'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from graph_builder.rdf.iri import WD, WDT
from graph_builder.rdf.ns import GB

__all__ = ["PREFIXES", "declare_prefixes", "SparqlSyntaxError", "syntax_error"]

#: Prefixes every query may use without declaring them (local store, endpoint, remote servers).
PREFIXES: dict[str, str] = {
    "gb": str(GB._NS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "skos": str(SKOS),
    "schema": str(SDO),
    "prov": str(PROV),
    "xsd": str(XSD),
    "wd": str(WD),
    "wdt": str(WDT),
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
}

_DECLARED = re.compile(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:")
_USED = re.compile(r"(?<![\w?$<])([A-Za-z][\w-]*):")
_POSITION = re.compile(r"^\s*error at (\d+):(\d+):\s*(.*)$", re.S | re.I)
_MAX_CHOICES = 8
_EXCERPT = 70


def declare_prefixes(sparql: str, prefixes: dict[str, str] | None = None) -> tuple[str, int]:
    """``(text, lines_added)``: ``sparql`` with a ``PREFIX`` line for each of ``prefixes`` (default
    :data:`PREFIXES`) it uses without declaring, all on one first line (0 or 1 line added).

    >>> declare_prefixes("PREFIX gb: <x#> SELECT * { ?s gb:p ?o }")[1]
    0
    """
    table = PREFIXES if prefixes is None else prefixes
    declared = {m.group(1) for m in _DECLARED.finditer(sparql)}
    used = set(_USED.findall(sparql))
    missing = [p for p in table if p in used and p not in declared]
    if not missing:
        return sparql, 0
    return " ".join(f"PREFIX {p}: <{table[p]}>" for p in missing) + "\n" + sparql, 1


@dataclass(frozen=True)
class SparqlSyntaxError:
    """Where a query does not parse, and what the parser wanted there, in a few words."""

    line: int | None
    column: int | None
    what: str
    text: str  # the offending line of the query ("" when unknown)

    def _near(self) -> str:
        t = self.text.strip()
        if len(t) <= _EXCERPT:
            return t
        lead = len(self.text) - len(self.text.lstrip())
        at = max(0, (self.column or 1) - 1 - lead - _EXCERPT // 2)
        return ("…" if at else "") + t[at:at + _EXCERPT] + ("…" if at + _EXCERPT < len(t) else "")

    def where(self) -> str:
        return f"line {self.line}, column {self.column}" if self.line else "somewhere in the query"

    def one_line(self) -> str:
        """``line 3, column 17: expected ..., near 'FILTER(?o = ) }'`` (the CLI's one-line errors)."""
        near = self._near()
        return f"{self.where()}: {self.what}" + (f", near {near!r}" if near else "")

    def block(self) -> str:
        """The line with a caret under the column, then what was expected (the endpoint's 400 answer)."""
        lines = [f"{self.where()}: {self.what}"]
        if self.text and self.column and len(self.text) <= 200:
            lines += ["  " + self.text.rstrip(), "  " + " " * (self.column - 1) + "^"]
        elif self.text:
            lines.append("  near " + self._near())
        return "\n".join(lines)


_CHOICE = re.compile(r""""(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\[(?:[^\]'"]|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")*\]|[^,\s][^,]*""")
_FORM = re.compile(r"^(?:\s|#[^\n]*\n)*(?:(?:PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)(?:\s|#[^\n]*\n)*)*([A-Za-z]+)", re.I)


def _choices(spec: str) -> list[str]:
    """The items of ``A, "(", ['0'..='9'], The X is Y`` (commas inside quotes or brackets kept)."""
    return [c.strip() for c in _CHOICE.findall(spec) if c.strip()]


def _wrong_query_form(query: str) -> SparqlSyntaxError | None:
    """A query whose first word (after PREFIX and BASE) is not a query form: say so, rather than the
    parser's "expected CONSTRUCT" at an odd column."""
    m = _FORM.match(query)
    if not m or m.group(1).upper() in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE", "PREFIX", "BASE"):
        return None
    line = query.count("\n", 0, m.start(1)) + 1
    column = m.start(1) - (query.rfind("\n", 0, m.start(1)) + 1) + 1
    return SparqlSyntaxError(line, column, f"a query starts with SELECT, CONSTRUCT, ASK or DESCRIBE, not "
                             f"{m.group(1)!r}", query.splitlines()[line - 1])


def _prefix_at(text: str, column: int) -> str | None:
    """The prefix of the prefixed name that ends at (or starts after) ``column`` in ``text``."""
    before = re.search(r"([A-Za-z][\w.-]*):\S*$", text[: max(0, column - 1)])
    after = re.search(r"([A-Za-z][\w.-]*):", text[max(0, column - 1):])
    m = before or after
    return m.group(1) if m else None


def syntax_error(message: str, query: str, *, line_offset: int = 0, update: bool = False) -> SparqlSyntaxError:
    """Read a parser message (``error at L:C: expected ...``) about ``query``.

    ``line_offset`` lines were added in front of ``query`` before it was parsed (see
    :func:`declare_prefixes`); positions are given in ``query`` as the user wrote it. ``update``: the
    text is a SPARQL update, not a query.
    """
    m = _POSITION.match(message.strip())
    wrong_form = None if update else _wrong_query_form(query)
    if wrong_form is not None:
        return wrong_form
    if not m:
        first = message.strip().splitlines()[0] if message.strip() else "the query does not parse"
        return SparqlSyntaxError(None, None, first[:200], "")
    line, column, rest = int(m.group(1)) - line_offset, int(m.group(2)), m.group(3)
    lines = query.splitlines() or [""]
    text = lines[line - 1] if 1 <= line <= len(lines) else ""
    spec = rest[len("expected"):].strip() if rest.lower().startswith("expected") else rest
    if spec.lower().startswith("one of "):
        spec = spec[len("one of "):]
    choices = _choices(spec)
    sentences = [c for c in choices if " " in c and c[:1].isupper() and not c.startswith(("[", '"', "'"))]
    tokens = [c for c in choices if c not in sentences and not c.startswith("[")]
    if "Prefix not found" in sentences:
        prefix = _prefix_at(text, column)
        known = ", ".join(PREFIXES)
        what = (f"unknown prefix {prefix + ':' if prefix else ''}; declare it (PREFIX {prefix or 'x'}: <...>) "
                f"or use a predeclared one ({known})")
    elif sentences:
        what = "; ".join(dict.fromkeys(s.rstrip(".") for s in sentences))
    elif tokens:
        shown = ", ".join(tokens[:_MAX_CHOICES])
        more = len(tokens) - _MAX_CHOICES
        what = "expected " + ("one of " if len(tokens) > 1 else "") + shown + (f" … ({more} more)" if more > 0 else "")
    else:
        what = "unexpected text here" if column <= len(text) else "the query ends too early"
    return SparqlSyntaxError(line if line >= 1 else None, column if line >= 1 else None, what, text)
