"""Colours and shapes of the viewer: entity types, predicates, former facts, community halos.

Entity types are told apart by shape first (dot, square, triangle, diamond) and by a light fill;
predicates by a darker line colour. The fifteen colours of :data:`TYPE_STYLES`,
:data:`PREDICATE_COLORS`, :data:`FORMER_COLOR` and :data:`OTHER_PREDICATE_COLOR` were chosen
together so that every pair stays apart (CIEDE2000 ≥ 10) for normal vision and for simulated
protanopia, deuteranopia and tritanopia (Machado et al. 2009), and so that no predicate shares
the hue of an entity type (≥ 20° of hue apart): ``tests/test_viz_style.py`` checks both. Ten
line colours is near what any palette can keep apart for colour-blind readers, so the legend
also filters (untick a relation to hide it) and the neighbourhood view names each highlighted
edge. Former facts are grey and dashed whatever their predicate.

>>> TYPE_STYLES["Person"].shape, PREDICATE_COLORS["founderOf"] != PREDICATE_COLORS["ceoOf"]
('dot', True)
>>> tint("#000000", 0.5)
'#808080'
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = [
    "TypeStyle",
    "TYPE_STYLES",
    "OTHER_STYLE",
    "PREDICATE_COLORS",
    "OTHER_PREDICATE_COLOR",
    "FORMER_COLOR",
    "COMMUNITY_TINTS",
    "NEUTRAL_TINT",
    "TYPE_PLURALS",
    "type_style",
    "predicate_color",
    "community_tint",
    "tint",
    "shade",
    "type_groups",
    "SHAPE_EXTENT",
]


class TypeStyle(NamedTuple):
    """How one entity type is drawn: vis-network shape, fill colour, legend symbol."""

    shape: str
    color: str
    symbol: str


#: entity type -> (vis-network shape, fill colour, legend symbol)
TYPE_STYLES: dict[str, TypeStyle] = {
    "Person": TypeStyle("dot", "#78ADFC", "\u25cf"),
    "Organization": TypeStyle("square", "#F89243", "\u25a0"),
    "Product": TypeStyle("triangle", "#81B885", "\u25b2"),
    "Place": TypeStyle("diamond", "#B180B5", "\u25c6"),
}
OTHER_STYLE = TypeStyle("dot", "#C8C8C8", "\u25cf")

#: how far a vis-network shape of ``size`` r reaches from its centre, in r (a square's corner is
#: r·√2 away, a triangle's vertices 2r/√3): layout spacing and label placement use it
SHAPE_EXTENT: dict[str, float] = {"dot": 1.0, "square": 1.415, "triangle": 1.155, "diamond": 1.0}

#: predicate -> edge colour (former facts are grey and dashed whatever their predicate)
PREDICATE_COLORS: dict[str, str] = {
    "founderOf": "#E51E60",
    "ceoOf": "#5550BB",
    "worksFor": "#8075E6",
    "investorIn": "#A47E1B",
    "acquired": "#8E0049",
    "subsidiaryOf": "#473F76",
    "partnerOf": "#28866A",
    "competitorOf": "#C24C8C",
    "develops": "#766B2E",
    "basedIn": "#3A4D13",
}
OTHER_PREDICATE_COLOR = "#1A1A1A"
FORMER_COLOR = "#A0A0A0"

#: pale fills behind communities (the largest first); smaller communities share NEUTRAL_TINT
COMMUNITY_TINTS: tuple[str, ...] = (
    "#DCE9F7", "#FBE3D4", "#E0F1E4", "#F1E2F3", "#F6F0C9",
    "#D5F0EE", "#F9DDE4", "#E6E2F6", "#E9EFD2", "#F3E6D8",
)
NEUTRAL_TINT = "#EEEEEE"

#: how the banner counts entities of each type ("59 people, 94 organizations")
TYPE_PLURALS: dict[str, tuple[str, str]] = {
    "Person": ("person", "people"),
    "Organization": ("organization", "organizations"),
    "Product": ("product", "products"),
    "Place": ("place", "places"),
}


def type_style(entity_type: str) -> TypeStyle:
    """The style of ``entity_type`` (a neutral grey dot for types the palette does not know).

    >>> type_style("Robot").color
    '#C8C8C8'
    """
    return TYPE_STYLES.get(entity_type, OTHER_STYLE)


def predicate_color(predicate: str, former: bool = False) -> str:
    """The line colour of a fact.

    >>> predicate_color("ceoOf", former=True) == FORMER_COLOR
    True
    """
    if former:
        return FORMER_COLOR
    return PREDICATE_COLORS.get(predicate, OTHER_PREDICATE_COLOR)


def community_tint(rank: int) -> str:
    """The halo colour of the community ranked ``rank`` (0 = largest).

    >>> community_tint(0), community_tint(99)
    ('#DCE9F7', '#EEEEEE')
    """
    return COMMUNITY_TINTS[rank] if 0 <= rank < len(COMMUNITY_TINTS) else NEUTRAL_TINT


def tint(color: str, amount: float) -> str:
    """``color`` mixed with white (``amount`` 0 = unchanged, 1 = white); used to dim.

    >>> tint("#FF0000", 0.0), tint("#FF0000", 1.0)
    ('#FF0000', '#FFFFFF')
    """
    h = color.lstrip("#")
    if len(h) != 6:
        raise ValueError(f"expected a colour as #RRGGBB, got {color!r}")
    rgb = [int(h[i:i + 2], 16) for i in (0, 2, 4)]
    mixed = [round(c + (255 - c) * amount) for c in rgb]
    return "#" + "".join(f"{c:02X}" for c in mixed)


def shade(color: str, amount: float) -> str:
    """``color`` mixed with black (``amount`` 0 = unchanged, 1 = black); node borders.

    >>> shade("#FF8000", 0.5)
    '#804000'
    """
    h = color.lstrip("#")
    if len(h) != 6:
        raise ValueError(f"expected a colour as #RRGGBB, got {color!r}")
    return "#" + "".join(f"{round(int(h[i:i + 2], 16) * (1 - amount)):02X}" for i in (0, 2, 4))


def type_groups(types: list[str]) -> dict[str, dict[str, object]]:
    """vis-network ``groups`` options: one group per entity type (fill, darker border, shape).

    >>> type_groups(["Person"])["Person"]["color"]["border"]
    '#5A82BD'
    """
    groups: dict[str, dict[str, object]] = {}
    for t in types:
        s = type_style(t)
        border = shade(s.color, 0.25)
        groups[t] = {
            "shape": s.shape,
            "color": {"background": s.color, "border": border,
                      "highlight": {"background": s.color, "border": "#111111"},
                      "hover": {"background": s.color, "border": "#111111"}},
        }
    return groups
