"""networkx → one self-contained, offline, interactive HTML viewer (vis-network through pyvis).

One module per concern:

- :mod:`~graph_builder.viz.select` — what to draw: the ego network of ``focus``, the
  ``max_nodes`` cut that keeps a share of every entity type, what was left out;
- :mod:`~graph_builder.viz.layout` — where: Louvain communities laid out apart, isolates in a
  grid, no overlapping nodes (computed in Python, the page opens with physics off);
- :mod:`~graph_builder.viz.style` — colours and shapes (a colour-blind-checked palette);
- :mod:`~graph_builder.viz.assets` — the inlined vis-network and viewer script, the CSP;
- :mod:`~graph_builder.viz.page` — the page itself: :func:`render_html`, :func:`to_html_string`,
  :func:`show` for notebooks.

The page (``graph_builder/viz_assets/``) hides entities without relations (a toggle shows
them), fits the view to what is visible after every filter, labels large nodes at every zoom
and the others once they are readable (never on top of each other), draws a halo per
community, collapses communities into one node each on demand, highlights a node's
neighbourhood on click or search (double-click: one more hop; Escape: back), and exports the
current view as PNG.

>>> import networkx as nx, tempfile, os
>>> g = nx.MultiDiGraph(title="Demo")
>>> _ = g.add_edge("e:a", "e:b", key="ceoOf", predicate="ceoOf")
>>> render_html(g, os.path.join(tempfile.mkdtemp(), "g.html")).nodes
2
"""

from __future__ import annotations

from graph_builder.viz.assets import ASSETS
from graph_builder.viz.layout import layout_positions
from graph_builder.viz.page import VizSummary, render_html, script_json, show, to_html_string
from graph_builder.viz.select import Selection, select_view
from graph_builder.viz.style import FORMER_COLOR, PREDICATE_COLORS, TYPE_STYLES

__all__ = [
    "ASSETS",
    "VizSummary",
    "Selection",
    "TYPE_STYLES",
    "PREDICATE_COLORS",
    "FORMER_COLOR",
    "render_html",
    "to_html_string",
    "show",
    "select_view",
    "layout_positions",
    "script_json",
]
