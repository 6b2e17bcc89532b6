"""The ontology, and the GB namespace generated from it."""

from __future__ import annotations

import subprocess
import sys

import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from graph_builder.rdf import gen_ns
from graph_builder.rdf.ns import GB
from graph_builder.types import ENTITY_TYPES, PREDICATES, SYMMETRIC_PREDICATES

WDT = rdflib.Namespace("http://www.wikidata.org/prop/direct/")


def _onto() -> rdflib.Graph:
    return rdflib.Graph().parse(gen_ns.ontology_path(), format="turtle")


def test_ns_py_is_up_to_date_with_the_ontology() -> None:
    assert gen_ns.is_fresh(), "graph_builder/rdf/ns.py is stale: run python -m graph_builder.rdf.gen_ns"


def test_check_flag_exits_1_when_stale(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    r = subprocess.run([sys.executable, "-m", "graph_builder.rdf.gen_ns", "--check"], capture_output=True, text=True)
    assert r.returncode == 0
    fake = tmp_path / "ns.py"
    fake.write_text("# old\n")
    monkeypatch.setattr(gen_ns, "ns_path", lambda: fake)
    assert gen_ns.main(["--check"]) == 1
    assert gen_ns.main([]) == 0 and gen_ns.is_fresh()


def test_every_relation_and_class_is_in_the_namespace_with_bilingual_docs() -> None:
    g = _onto()
    for name in (*PREDICATES, *ENTITY_TYPES, "Fact", "Evidence", "Article"):
        term = GB[name]
        langs = {o.language for o in g.objects(term, RDFS.label)}
        assert {"en", "fr"} <= langs, name
        assert {"en", "fr"} <= {o.language for o in g.objects(term, RDFS.comment)}, name
    for p in PREDICATES:
        assert (GB[p], RDF.type, OWL.ObjectProperty) in g
        assert g.value(GB[p], RDFS.range) is not None and g.value(GB[p], RDFS.domain) is not None
        assert ((GB[p], RDF.type, OWL.SymmetricProperty) in g) == (p in SYMMETRIC_PREDICATES)


def test_wikidata_alignments_respect_direction() -> None:
    g = _onto()
    assert (GB.founderOf, OWL.inverseOf, WDT.P112) in g  # P112: organization -> founder
    assert (GB.ceoOf, OWL.inverseOf, WDT.P169) in g
    assert (GB.develops, OWL.inverseOf, WDT.P178) in g  # P178: product -> developer
    assert (GB.subsidiaryOf, RDFS.subPropertyOf, WDT.P749) in g  # P749: child -> parent
    assert (GB.founderOf, RDFS.subPropertyOf, WDT.P112) not in g


def test_unknown_terms_fail() -> None:
    import pytest

    with pytest.raises(AttributeError):
        GB.foundedBy  # noqa: B018
