/* halos: a pale rounded hull behind each community (computed in Python, meta.communities):
 * the hull of its members widened by PAD, plus a disc PAD wider than each larger node.
 *
 * Drawn before the edges and nodes; the hull of the visible members is cached and rebuilt
 * when the visible set changes or a node is dragged. In a neighbourhood view the halos fade.
 */
GB.halos = (function () {
  var PAD = 16;  /* graph_builder.viz.layout keeps HALO_PX (18) of room around each community */

  /* convex hull (monotone chain) of [{x, y}], counter-clockwise */
  function hull(points) {
    if (points.length < 3) return points.slice();
    var p = points.slice().sort(function (a, b) { return a.x - b.x || a.y - b.y; });
    function cross(o, a, b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }
    var lower = [], upper = [], i;
    for (i = 0; i < p.length; i++) {
      while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p[i]) <= 0) lower.pop();
      lower.push(p[i]);
    }
    for (i = p.length - 1; i >= 0; i--) {
      while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p[i]) <= 0) upper.pop();
      upper.push(p[i]);
    }
    upper.pop(); lower.pop();
    return lower.concat(upper);
  }

  function init(V) {
    var network = V.network, shapes = null;
    var byId = {};
    (V.meta.communities || []).forEach(function (c) { byId[c.id] = c; });

    function build() {
      var members = {};
      V.drawnIds().forEach(function (id) {
        var n = V.node[id];
        if (!n || !byId[n.gb_community]) return;
        (members[n.gb_community] = members[n.gb_community] || []).push(id);
      });
      shapes = [];
      Object.keys(members).forEach(function (c) {
        var ids = members[c];
        if (ids.length < 2) return;
        var pos = network.getPositions(ids), pts = [], big = [], small = Infinity;
        ids.forEach(function (id) {
          var r = V.node[id].gb_extent || V.node[id].size;
          pts.push(pos[id]);
          small = Math.min(small, r);
          big.push({ x: pos[id].x, y: pos[id].y, r: r + PAD });
        });
        shapes.push({ id: Number(c), color: byId[c].color, points: hull(pts), pad: small + PAD,
                      discs: big.filter(function (d) { return d.r > small + PAD; }) });
      });
    }

    function draw(ctx) {
      if (!shapes) build();
      if (!shapes.length) return;
      ctx.save();
      ctx.globalAlpha = V.hl ? 0.35 : 1;
      ctx.lineJoin = "round";
      ctx.lineCap = "round";
      shapes.forEach(function (s) {
        var p = s.points;
        ctx.fillStyle = s.color;
        ctx.strokeStyle = s.color;
        ctx.lineWidth = 2 * s.pad;
        ctx.beginPath();
        ctx.moveTo(p[0].x, p[0].y);
        for (var i = 1; i < p.length; i++) ctx.lineTo(p[i].x, p[i].y);
        ctx.closePath();
        ctx.stroke();
        if (p.length > 2) ctx.fill();
        s.discs.forEach(function (d) {
          ctx.beginPath(); ctx.arc(d.x, d.y, d.r, 0, 2 * Math.PI); ctx.fill();
        });
      });
      ctx.restore();
    }

    network.on("beforeDrawing", draw);
    network.on("dragEnd", function (params) { if (params.nodes && params.nodes.length) shapes = null; });
    return {
      invalidate: function () { shapes = null; },
      shapes: function () { if (!shapes) build(); return shapes; }
    };
  }
  return { init: init, hull: hull };
})();
