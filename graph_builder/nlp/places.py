"""The places a nationality or city adjective names, as clusters of the doc.

"la start-up française" names France; "franco-américaine" names France and the United States.
When the article does not name the place, an *implicit* place cluster is added (it is the
object of ``basedIn`` but was not written in the text).

>>> from graph_builder.nlp.lexicon import load_demonyms, load_gazetteer
>>> clusters = []
>>> [clusters[c].name for c in demonym_places("française", clusters, load_demonyms("fr"), load_gazetteer())]
['France']
>>> clusters[0].implicit
True
"""

from __future__ import annotations

from collections.abc import Mapping

from graph_builder.nlp.entities import Cluster
from graph_builder.nlp.lexicon import Demonym, Gazetteer, fold

__all__ = ["demonym_places", "demonym_place"]


def demonym_places(form: str, clusters: list[Cluster], demonyms: Mapping[str, Demonym],
                   gazetteer: Gazetteer | None) -> list[int]:
    """The place clusters a demonym names: one, or each part of a compound ("franco-américaine")."""
    d = demonyms.get(fold(form))
    if d is not None:
        c = demonym_place(d, clusters, gazetteer)
        return [c] if c is not None else []
    *heads, last = form.split("-")
    names = [demonyms.get(fold(h + "-")) or demonyms.get(fold(h)) for h in heads]
    names.append(demonyms.get(fold(last)))
    out: list[int] = []
    for d in names:
        c = demonym_place(d, clusters, gazetteer) if d is not None else None
        if c is not None and c not in out:
            out.append(c)
    return out


def demonym_place(d: Demonym, clusters: list[Cluster], gazetteer: Gazetteer | None) -> int | None:
    """The cluster of the place ``d`` names: the article's own, else a new implicit one."""
    for c in clusters:
        if c.type == "Place" and (fold(c.name) == fold(d.place) or (d.place_id and c.wikidata == d.place_id)
                                  or any(fold(f) == fold(d.place) for f in c.forms)):
            return c.index
    entry = gazetteer.by_key.get(d.place_id) if (gazetteer is not None and d.place_id) else None
    c = Cluster(index=len(clusters), type="Place", forms=[], key=d.place_id,
                wikidata=entry.wikidata if entry else d.place_id, gaz_name=d.place, implicit=True)
    clusters.append(c)
    return c.index
