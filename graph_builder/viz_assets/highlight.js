/* highlight: a node and its neighbours stand out, the rest is dimmed.
 *
 * Click (or search) a node: it and its neighbours stay, every other node and relation fades,
 * the relations in view are named. Double-click: one more hop. Escape or a click on empty
 * space: back to the whole graph. Clicking a relation highlights its two ends.
 */
GB.highlight = (function () {
  var NODE_DIM = 0.16, EDGE_DIM = 0.07;

  function init(V) {
    var dimNodes = new Set(), dimEdges = new Set();
    var edgeOpacity = ((V.data.options.edges || {}).color || {}).opacity;
    /* an edge's own colour, opacity included (an update merges: a dimmed opacity would stay) */
    function normal(c) { return Object.assign({ opacity: edgeOpacity === undefined ? 1 : edgeOpacity }, c); }
    V.hl = null;

    function around(center, depth) {
      var nodes = new Set([center]), frontier = [center];
      for (var d = 0; d < depth && frontier.length; d++) {
        var next = [];
        frontier.forEach(function (v) {
          (V.adj.get(v) || []).forEach(function (x) {
            if (!nodes.has(x[1])) { nodes.add(x[1]); next.push(x[1]); }
          });
        });
        frontier = next;
      }
      var edges = new Set();
      nodes.forEach(function (v) {
        (V.adj.get(v) || []).forEach(function (x) { if (nodes.has(x[1])) edges.add(x[0]); });
      });
      return { nodes: nodes, edges: edges };
    }

    /* Fading thousands of items through DataSet.update re-parses every item's options (half a
     * second at 3,000 nodes). vis-network 9.1.2 reads a node's options.opacity and an edge's
     * options.color.opacity at each draw, so they are set there directly, then one redraw;
     * DataSet updates remain the fallback if those internals ever move. */
    var body = V.network.body;
    var direct = !!(body && body.nodes && body.edges);
    function fadeNodes(list) {
      if (!list.length) return;
      if (!direct) { V.nodes.update(list.map(function (x) { return { id: x[0], opacity: x[1] }; })); return; }
      list.forEach(function (x) { var n = body.nodes[x[0]]; if (n) n.options.opacity = x[1]; });
    }
    function fadeEdges(list) {
      if (!list.length) return;
      if (!direct) {
        V.edges.update(list.map(function (x) {
          var c = V.edgeItem(x[0]).color;
          return { id: x[0], color: x[1] === null ? normal(c) : { color: c.color, highlight: c.highlight, hover: c.hover, opacity: x[1] } };
        }));
        return;
      }
      list.forEach(function (x) {
        var e = body.edges[x[0]];
        if (!e) return;
        var own = V.edgeItem(x[0]).color;
        var c = Object.create(Object.getPrototypeOf(e.options.color));
        Object.assign(c, e.options.color, { opacity: x[1] === null ? normal(own).opacity : x[1] });
        e.options.color = c;
      });
    }
    /* the opacity an item is drawn with (tests read it) */
    V.opacityOf = function (id) {
      if (direct && body.nodes[id]) return body.nodes[id].options.opacity === undefined ? 1 : body.nodes[id].options.opacity;
      if (direct && body.edges[id]) return body.edges[id].options.color.opacity;
      var item = V.nodes.get(id) || V.edges.get(id);
      return item && item.opacity !== undefined ? item.opacity : 1;
    };

    function restyle() {
      var hl = V.hl, nu = [], eu = [];
      V.drawnIds().forEach(function (id) {
        var dim = !!hl && !hl.nodes.has(id);
        if (dim !== dimNodes.has(id)) {
          if (dim) dimNodes.add(id); else dimNodes.delete(id);
          nu.push([id, dim ? NODE_DIM : 1]);
        }
      });
      dimNodes.forEach(function (id) {  /* hidden since: undim so they come back normal */
        if (!V.isDrawn(id)) { dimNodes.delete(id); nu.push([id, 1]); }
      });
      V.drawnEdgeIds().forEach(function (eid) {
        var dim = !!hl && !hl.edges.has(eid);
        if (dim !== dimEdges.has(eid)) {
          if (dim) dimEdges.add(eid); else dimEdges.delete(eid);
          eu.push([eid, dim ? EDGE_DIM : null]);
        }
      });
      dimEdges.forEach(function (eid) {
        if (!V.isEdgeDrawn(eid)) { dimEdges.delete(eid); eu.push([eid, null]); }
      });
      fadeNodes(nu);
      fadeEdges(eu);
      var b = V.body.dataset;
      b.highlight = hl ? (hl.center || "") : "";
      b.hlDepth = hl ? String(hl.depth) : "";
      b.hlNodes = hl ? String(hl.nodes.size) : "";
      V.labels.invalidate();
      V.redraw();
    }

    function set(center, depth) {
      if (!V.isDrawn(center)) return false;
      var nb = around(center, depth);
      V.hl = { center: center, depth: depth, nodes: nb.nodes, edges: nb.edges };
      restyle();
      return true;
    }
    function setEdge(eid) {
      var e = V.edgeItem(eid);
      if (!e) return false;
      V.hl = { center: null, depth: 0, nodes: new Set([e.from, e.to]), edges: new Set([eid]) };
      restyle();
      return true;
    }
    function expand() { return V.hl && V.hl.center ? set(V.hl.center, V.hl.depth + 1) : false; }
    function clear() { if (V.hl) { V.hl = null; restyle(); } }
    /* after a filter: same centre and depth on what is drawn now */
    function refresh() {
      if (!V.hl) return restyle();
      if (V.hl.center && V.isDrawn(V.hl.center)) return set(V.hl.center, V.hl.depth);
      V.hl = null;
      restyle();
    }

    /* a ring around the highlighted (or --focus) node: a searched node is easy to see */
    V.network.on("afterDrawing", function (ctx) {
      var id = V.hl ? V.hl.center : V.meta.focus;
      if (!id || !V.isDrawn(id)) return;
      var p = V.network.getPositions([id])[id], s = V.network.getScale();
      if (!p) return;
      var r = (V.item(id).gb_extent || V.item(id).size) + 6 / s;
      ctx.save();
      ctx.lineWidth = 5 / s; ctx.strokeStyle = "rgba(255,255,255,0.95)";
      ctx.beginPath(); ctx.arc(p.x, p.y, r, 0, 2 * Math.PI); ctx.stroke();
      ctx.lineWidth = 2.5 / s; ctx.strokeStyle = "#111111";
      ctx.beginPath(); ctx.arc(p.x, p.y, r, 0, 2 * Math.PI); ctx.stroke();
      ctx.restore();
    });

    return { set: set, setEdge: setEdge, expand: expand, clear: clear, refresh: refresh, around: around };
  }
  return { init: init };
})();
