"""Helpers of the viewer's browser tests: a page opened offline, its state, PNG decoding."""

from __future__ import annotations

import struct
import time
import zlib
from pathlib import Path
from typing import Any

__all__ = ["Opened", "png_size", "png_colours"]


class Opened:
    """A page on a file:// viewer with every other request aborted and recorded."""

    def __init__(self, browser: Any, path: Path, width: int = 1280, height: int = 800) -> None:
        self.ctx = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
        self.page = self.ctx.new_page()
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.route("**/*", self._route)
        self.page.goto(path.as_uri())
        self.wait("window.__ready !== undefined")

    def _route(self, route: Any) -> None:
        if route.request.url.startswith(("file:", "data:", "about:")):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def wait(self, expr: str, timeout: float = 20.0) -> None:
        # page.wait_for_function evaluates strings with eval(), which our CSP forbids: poll instead
        end = time.monotonic() + timeout
        while not self.page.evaluate(f"() => Boolean({expr})"):
            if time.monotonic() > end:
                raise AssertionError(f"timed out waiting for {expr}")
            time.sleep(0.05)

    def idle(self) -> None:
        """Wait for the end of any view animation and for one more frame drawn."""
        self.wait("document.body.dataset.moving === '0'")
        self.page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")

    def js(self, expr: str, arg: Any = None) -> Any:
        return self.page.evaluate(expr, arg)

    def dataset(self) -> dict[str, str]:
        return self.page.evaluate("() => Object.assign({}, document.body.dataset)")

    def drawn(self) -> set[str]:
        return set(self.page.evaluate("() => gbViewer.V.drawnIds()"))

    def dom(self, ids: list[str] | None = None) -> dict[str, dict[str, float]]:
        """DOM positions (x, y) and reach r (CSS px of the canvas: a square's corner) of drawn nodes."""
        return self.page.evaluate("""(ids) => {
            const V = gbViewer.V, n = V.network, s = n.getScale(), out = {};
            ids = ids || V.drawnIds();
            const pos = n.getPositions(ids);
            ids.forEach(id => { if (!pos[id]) return; const p = n.canvasToDOM(pos[id]);
                                const it = V.item(id); out[id] = {x: p.x, y: p.y, r: (it.gb_extent || it.size) * s}; });
            return out;
        }""", ids)

    def canvas_size(self) -> tuple[float, float]:
        return tuple(self.page.evaluate("() => [gbViewer.V.container.clientWidth, gbViewer.V.container.clientHeight]"))

    def click_node(self, node_id: str, double: bool = False) -> None:
        pos = self.dom([node_id])[node_id]
        box = self.page.locator("#mynetwork").bounding_box()
        if double:
            self.page.mouse.dblclick(box["x"] + pos["x"], box["y"] + pos["y"])
        else:
            self.page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])

    def close(self) -> None:
        self.ctx.close()


def _chunks(png: bytes) -> Any:
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos = 8
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        yield kind, png[pos + 8:pos + 8 + length]
        pos += 12 + length


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) of a PNG."""
    for kind, chunk in _chunks(png):
        if kind == b"IHDR":
            return struct.unpack(">II", chunk[:8])
    raise AssertionError("PNG without IHDR")


def png_colours(png: bytes, step: int = 7) -> int:
    """Distinct colours of a PNG (8-bit RGB/RGBA, sampled), decoded with zlib only."""
    idat, width, height, bpp = b"", 0, 0, 3
    for kind, chunk in _chunks(png):
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and ctype in (2, 6)
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    colours: set[bytes] = set()
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        if y % step == 0:
            colours.update(bytes(line[x:x + 3]) for x in range(0, stride, bpp * step))
        prev = line
    return len(colours)
