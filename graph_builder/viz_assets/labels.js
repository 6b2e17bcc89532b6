/* labels: node names (and, in a neighbourhood, relation names) drawn by us on the canvas.
 *
 * vis-network's own labels are off (font size 0): they scale with the zoom, so the first view
 * showed 4 px text, and they are drawn over each other. Here every label is placed on each
 * redraw, greedily, in priority order (highlighted neighbourhood, community nodes, big nodes,
 * then by importance). A label tries below, above, right and left of its node and is dropped
 * if every place overlaps a label already placed or another node (a big node's label may
 * cover small nodes when nothing else is free, never another label or a big node). Sizes
 * follow the zoom: big nodes always get a readable label (at least 11 px); the others appear
 * once 12 px x zoom reaches READABLE (8 px), drawn at 10 px or more.
 * V.labelBoxes lists what was drawn, in CSS pixels of the canvas (the tests measure it).
 */
GB.labels = (function () {
  var FACE = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  var CELL = 40;
  var PAD = 2;
  var READABLE = 8;  /* a small node's label appears once 12 px x zoom reaches this */

  function Grid() { this.cells = new Map(); }
  Grid.prototype.each = function (x0, y0, x1, y1, fn) {
    var cx0 = Math.floor(x0 / CELL), cx1 = Math.floor(x1 / CELL);
    var cy0 = Math.floor(y0 / CELL), cy1 = Math.floor(y1 / CELL);
    for (var cx = cx0; cx <= cx1; cx++) {
      for (var cy = cy0; cy <= cy1; cy++) {
        if (fn(cx + "," + cy)) return true;
      }
    }
    return false;
  };
  Grid.prototype.add = function (item, x0, y0, x1, y1) {
    var cells = this.cells;
    this.each(x0, y0, x1, y1, function (k) {
      var c = cells.get(k);
      if (!c) cells.set(k, [item]); else c.push(item);
      return false;
    });
  };
  Grid.prototype.any = function (x0, y0, x1, y1, test) {
    var cells = this.cells;
    return this.each(x0, y0, x1, y1, function (k) {
      var c = cells.get(k);
      if (!c) return false;
      for (var i = 0; i < c.length; i++) if (test(c[i])) return true;
      return false;
    });
  };

  function boxHitsBox(a, b) {
    return a.x < b.x + b.w + PAD && a.x + a.w + PAD > b.x && a.y < b.y + b.h + PAD && a.y + a.h + PAD > b.y;
  }
  function boxHitsDisc(b, d) {
    var nx = Math.max(b.x, Math.min(d.x, b.x + b.w)), ny = Math.max(b.y, Math.min(d.y, b.y + b.h));
    var dx = d.x - nx, dy = d.y - ny;
    return dx * dx + dy * dy < (d.r + 1) * (d.r + 1);
  }

  function init(V) {
    var network = V.network, container = V.container, clamp = GB.util.clamp;
    var measure = document.createElement("canvas").getContext("2d");
    var widths = new Map();
    var order = null;

    function textWidth(text, weight) {
      var key = weight + "|" + text;
      var w = widths.get(key);
      if (w === undefined) {
        measure.font = weight + " 10px " + FACE;
        w = measure.measureText(text).width;
        widths.set(key, w);
      }
      return w;
    }
    /* [px, weight, may cover small nodes] of a node's label at this zoom, or null: not drawn */
    function style(item, scale, hl) {
      if (hl) {
        if (!hl.nodes.has(item.id)) return null;
        if (item.id === hl.center) return [clamp(13 * scale, 12.5, 17), "700", true];
        return [clamp(12 * scale, 10.5, 15), item.gb_big ? "600" : "400", false];
      }
      if (item.gb_cluster !== undefined) return [clamp(13 * scale, 11.5, 16), "700", true];
      if (item.gb_big) return [clamp(13 * scale, 11, 16), "600", true];
      var natural = 12 * scale;
      return natural < READABLE ? null : [clamp(natural, 10, 15), "400", false];
    }
    /* visible ids, most important label first */
    function labelOrder() {
      if (order) return order;
      var hl = V.hl, ids = [];
      V.drawnIds().forEach(function (id) { ids.push(id); });
      ids.sort(function (a, b) {
        var x = V.item(a), y = V.item(b);
        var px = (hl && hl.center === a ? 0 : (hl && hl.nodes.has(a) ? 1 : (x.gb_cluster !== undefined ? 2 : (x.gb_big ? 3 : 4))));
        var py = (hl && hl.center === b ? 0 : (hl && hl.nodes.has(b) ? 1 : (y.gb_cluster !== undefined ? 2 : (y.gb_big ? 3 : 4))));
        return px - py || (x.gb_rank - y.gb_rank);
      });
      order = ids;
      return order;
    }

    function place(ctx) {
      var scale = network.getScale(), hl = V.hl;
      var W = container.clientWidth, H = container.clientHeight;
      var ids = labelOrder();
      var pos = network.getPositions(ids);
      var discs = new Grid(), labels = new Grid(), boxes = [];
      var screen = {};
      ids.forEach(function (id) {
        var p = pos[id];
        if (!p) return;
        var d = network.canvasToDOM(p), item = V.item(id);
        d.r = Math.max(2, (item.gb_extent || item.size) * scale);
        d.id = id;
        d.major = !!item.gb_big || item.gb_cluster !== undefined || (hl && hl.center === id);
        screen[id] = d;
        if (hl && !hl.nodes.has(id)) return;  /* dimmed nodes may be written over */
        if (d.x + d.r < 0 || d.y + d.r < 0 || d.x - d.r > W || d.y - d.r > H) return;
        discs.add(d, d.x - d.r, d.y - d.r, d.x + d.r, d.y + d.r);
      });
      /* strict: no label and no node under the box; otherwise only the small nodes may be */
      function free(b, own, strict) {
        if (b.x < 0 || b.y < 0 || b.x + b.w > W || b.y + b.h > H) return false;
        if (labels.any(b.x, b.y, b.x + b.w, b.y + b.h, function (o) { return boxHitsBox(b, o); })) return false;
        return !discs.any(b.x, b.y, b.x + b.w, b.y + b.h, function (d) {
          return d.id !== own && (strict || d.major) && boxHitsDisc(b, d);
        });
      }
      function keep(b) {
        labels.add(b, b.x - PAD, b.y - PAD, b.x + b.w + PAD, b.y + b.h + PAD);
        boxes.push(b);
      }
      ids.forEach(function (id) {
        var d = screen[id];
        if (!d) return;
        var item = V.item(id), st = style(item, scale, hl);
        if (!st) return;
        if (d.x + d.r < 0 || d.y + d.r < 0 || d.x - d.r > W || d.y - d.r > H) return;
        var text = item.gb_short, f = st[0];
        var w = textWidth(text, st[1]) * f / 10 * 1.03 + 1, h = Math.ceil(f * 1.25);
        var spots = [[d.x - w / 2, d.y + d.r + 2], [d.x - w / 2, d.y - d.r - 2 - h],
                     [d.x + d.r + 4, d.y - h / 2], [d.x - d.r - 4 - w, d.y - h / 2]];
        var passes = st[2] ? [true, false] : [true];
        search: for (var k = 0; k < passes.length; k++) {
          for (var i = 0; i < spots.length; i++) {
            var b = { id: id, kind: "node", text: text, x: spots[i][0], y: spots[i][1], w: w, h: h, px: f, weight: st[1] };
            if (free(b, id, passes[k])) { keep(b); break search; }
          }
        }
      });
      /* relation names: in a neighbourhood, or when few relations are shown */
      var edgeIds = hl ? Array.from(hl.edges) : (V.drawnEdgeCount() <= 40 ? V.drawnEdgeIds() : []);
      if (edgeIds.length <= 200) {
        edgeIds.forEach(function (eid) {
          var e = V.edgeItem(eid);
          if (!e || !e.gb_predicate) return;
          var a = screen[e.from], c = screen[e.to];
          if (!a || !c) return;
          var text = e.gb_predicate + (e.gb_former ? " (former)" : ""), f = 10;
          var w = textWidth(text, "400") * 1.03 + 1, h = Math.ceil(f * 1.25);
          var b = { id: eid, kind: "edge", text: text, x: (a.x + c.x) / 2 - w / 2, y: (a.y + c.y) / 2 - h / 2,
                    w: w, h: h, px: f, weight: "400", color: e.gb_former ? "#777" : "#333" };
          if (free(b, null, true)) keep(b);
        });
      }
      return boxes;
    }

    function draw(ctx) {
      var boxes = place(ctx);
      var canvas = ctx.canvas, ratio = canvas.width / Math.max(1, canvas.clientWidth);
      ctx.save();
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.textBaseline = "top";
      ctx.lineJoin = "round";
      boxes.forEach(function (b) {
        ctx.font = b.weight + " " + b.px.toFixed(1) + "px " + FACE;
        ctx.lineWidth = b.kind === "edge" ? 3 : 3.5;
        ctx.strokeStyle = "rgba(255,255,255,0.94)";
        ctx.strokeText(b.text, b.x, b.y + 1);
        ctx.fillStyle = b.color || "#1b1b1b";
        ctx.fillText(b.text, b.x, b.y + 1);
      });
      ctx.restore();
      V.labelBoxes = boxes;
    }

    network.on("afterDrawing", draw);
    return {
      invalidate: function () { order = null; },
      boxes: function () { return V.labelBoxes || []; },
      font: FACE
    };
  }
  return { init: init };
})();
