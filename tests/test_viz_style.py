"""graph_builder.viz.style: the palette stays distinct for colour-blind readers.

Colour-vision deficiency is simulated with the matrices of Machado, Oliveira & Fernandes (2009,
severity 1) in linear sRGB; distances are CIEDE2000 in CIELAB (D65).
"""

from __future__ import annotations

import itertools
import math

import pytest

from graph_builder.viz.style import (
    COMMUNITY_TINTS,
    FORMER_COLOR,
    OTHER_PREDICATE_COLOR,
    PREDICATE_COLORS,
    TYPE_STYLES,
    community_tint,
    predicate_color,
    shade,
    tint,
    type_groups,
)

MACHADO = {
    "normal": None,
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}


def _lab(color: str, vision: str) -> tuple[float, float, float]:
    h = color.lstrip("#")
    srgb = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    rgb = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in srgb]
    m = MACHADO[vision]
    if m is not None:
        rgb = [min(1.0, max(0.0, sum(m[r][c] * rgb[c] for c in range(3)))) for r in range(3)]
    xyz = [sum(k * c for k, c in zip(row, rgb)) for row in
           ((0.4124, 0.3576, 0.1805), (0.2126, 0.7152, 0.0722), (0.0193, 0.1192, 0.9505))]
    t = [v / w for v, w in zip(xyz, (0.95047, 1.0, 1.08883))]
    f = [v ** (1 / 3) if v > 216 / 24389 else (24389 / 27 * v + 16) / 116 for v in t]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def _ciede2000(c1: tuple[float, float, float], c2: tuple[float, float, float]) -> float:
    (l1, a1, b1), (l2, a2, b2) = c1, c2
    cb = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(cb**7 / (cb**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p, h2p = math.degrees(math.atan2(b1, a1p)) % 360, math.degrees(math.atan2(b2, a2p)) % 360
    dh = 0.0 if c1p * c2p == 0 else (h2p - h1p + 180) % 360 - 180
    dl, dc = l2 - l1, c2p - c1p
    dhh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    lb, cbp = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        hb = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hb = (h1p + h2p) / 2
    else:
        hb = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(hb - 30)) + 0.24 * math.cos(math.radians(2 * hb))
         + 0.32 * math.cos(math.radians(3 * hb + 6)) - 0.20 * math.cos(math.radians(4 * hb - 63)))
    rt = -math.sin(math.radians(60 * math.exp(-(((hb - 275) / 25) ** 2)))) * 2 * math.sqrt(cbp**7 / (cbp**7 + 25**7))
    sl = 1 + 0.015 * (lb - 50) ** 2 / math.sqrt(20 + (lb - 50) ** 2)
    sc, sh = 1 + 0.045 * cbp, 1 + 0.015 * cbp * t
    return math.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (dhh / sh) ** 2 + rt * (dc / sc) * (dhh / sh))


PALETTE = {**{t: s.color for t, s in TYPE_STYLES.items()}, **PREDICATE_COLORS, "former": FORMER_COLOR,
           "other predicate": OTHER_PREDICATE_COLOR}


def test_ciede2000_matches_the_published_test_data() -> None:
    # Sharma, Wu & Dalal (2005), pairs 1 and 17
    assert _ciede2000((50, 2.6772, -79.7751), (50, 0, -82.7485)) == pytest.approx(2.0425, abs=1e-4)
    assert _ciede2000((50, 2.5, 0), (73, 25, -18)) == pytest.approx(27.1492, abs=1e-4)


@pytest.mark.parametrize("vision", list(MACHADO))
def test_every_type_and_predicate_colour_is_distinct(vision: str) -> None:
    worst = min(
        (_ciede2000(_lab(c1, vision), _lab(c2, vision)), n1, n2)
        for (n1, c1), (n2, c2) in itertools.combinations(PALETTE.items(), 2)
    )
    assert worst[0] >= 10, f"{worst[1]} and {worst[2]} look alike with {vision} (CIEDE2000 {worst[0]:.1f})"


@pytest.mark.parametrize("predicate", list(PREDICATE_COLORS))
def test_no_predicate_has_the_hue_of_an_entity_type(predicate: str) -> None:
    def hue(color: str) -> float:
        _l, a, b = _lab(color, "normal")
        return math.degrees(math.atan2(b, a)) % 360

    for t, s in TYPE_STYLES.items():
        gap = abs(hue(PREDICATE_COLORS[predicate]) - hue(s.color)) % 360
        assert min(gap, 360 - gap) >= 20, f"{predicate} has nearly the hue of {t}"


def test_lines_stand_out_from_fills() -> None:
    # predicates are drawn as thin lines on white: darker than any node fill
    lightest_line = max(_lab(c, "normal")[0] for c in PREDICATE_COLORS.values())
    darkest_fill = min(_lab(s.color, "normal")[0] for s in TYPE_STYLES.values())
    assert lightest_line < darkest_fill


def test_community_tints_are_pale_and_distinct() -> None:
    labs = [_lab(c, "normal") for c in COMMUNITY_TINTS]
    assert all(lab[0] >= 88 for lab in labs)  # halos stay behind the drawing
    assert min(_ciede2000(a, b) for a, b in itertools.combinations(labs, 2)) >= 4
    assert community_tint(len(COMMUNITY_TINTS)) == community_tint(-1)  # the neutral one


@pytest.mark.parametrize(
    ("fn", "color", "amount", "expected"),
    [(tint, "#102030", 0.0, "#102030"), (tint, "#000000", 1.0, "#FFFFFF"), (shade, "#FFFFFF", 1.0, "#000000"),
     (shade, "#80A0C0", 0.5, "#405060")],
)
def test_tint_and_shade(fn, color: str, amount: float, expected: str) -> None:  # noqa: ANN001
    assert fn(color, amount) == expected


def test_bad_colour_says_what_is_expected() -> None:
    with pytest.raises(ValueError, match="#RRGGBB"):
        tint("red", 0.5)


def test_former_and_unknown_predicates() -> None:
    assert predicate_color("founderOf", former=True) == FORMER_COLOR
    assert predicate_color("likes") == OTHER_PREDICATE_COLOR
    groups = type_groups(["Person", "Robot"])
    assert groups["Robot"]["shape"] == "dot" and groups["Person"]["color"]["background"] == TYPE_STYLES["Person"].color
