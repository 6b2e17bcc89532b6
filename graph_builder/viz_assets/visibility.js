/* visibility: which entities and relations the filters leave, and fitting the view to them.
 *
 * A relation is shown when its predicate, confidence and "former" pass and both ends pass
 * the type and community filters. An entity is shown when it passes those and keeps at least
 * "minimum relations" shown relations; an entity a filter leaves without any relation is
 * hidden. Entities that have no relation at all on the page are hidden unless the isolates
 * toggle is on (on from the start when the page has no relation at all, e.g. --depth 0).
 * The view is re-fitted to what is shown after every change.
 */
GB.visibility = (function () {
  var MAX_FIT_SCALE = 1.0;  /* a few nodes are shown at their own size, not blown up */
  var READABLE_SCALE = 0.8;  /* every name can be drawn (labels.js: 12 px x zoom >= 8) */

  function init(V) {
    var meta = V.meta, data = V.data, clamp = GB.util.clamp;
    var legendCommunity = {};
    (meta.communities || []).slice(0, V.LEGEND_COMMUNITIES).forEach(function (c) { legendCommunity[c.id] = true; });
    var F = V.filters = {};

    function reset() {
      F.types = {}; F.preds = {}; F.comms = {};
      meta.types.forEach(function (t) { F.types[t.name] = true; });
      meta.predicates.forEach(function (p) { F.preds[p.name] = true; });
      Object.keys(legendCommunity).forEach(function (c) { F.comms[c] = true; });
      F.comms.other = true;
      F.former = true; F.minConf = 0; F.minDeg = 1;
      F.isolates = meta.isolates > 0 && meta.isolates === data.nodes.length;  /* no relation at all: show them */
    }
    function communityKey(n) { return legendCommunity[n.gb_community] ? String(n.gb_community) : "other"; }

    /* {nodes: Set, edges: Set} of the page's entities and relations the filters leave */
    function compute() {
      var passes = {}, degree = {}, edgeOn = [];
      data.nodes.forEach(function (n) {
        passes[n.id] = F.types[n.gb_type] !== false && F.comms[communityKey(n)] !== false;
      });
      data.edges.forEach(function (e) {
        var on = F.preds[e.gb_predicate] !== false && e.gb_confidence >= F.minConf - 1e-9 &&
          (F.former || !e.gb_former) && passes[e.from] && passes[e.to];
        if (!on) return;
        edgeOn.push(e);
        degree[e.from] = (degree[e.from] || 0) + 1;
        if (e.to !== e.from) degree[e.to] = (degree[e.to] || 0) + 1;
      });
      var nodes = new Set(), edges = new Set(), used = {};
      data.nodes.forEach(function (n) {
        if (passes[n.id] && (degree[n.id] || 0) >= F.minDeg) nodes.add(n.id);
      });
      edgeOn.forEach(function (e) {
        if (nodes.has(e.from) && nodes.has(e.to)) { edges.add(e.id); used[e.from] = used[e.to] = true; }
      });
      nodes.forEach(function (id) { if (!used[id]) nodes.delete(id); }); /* left without relations */
      if (F.isolates) {
        data.nodes.forEach(function (n) { if (n.gb_degree === 0 && passes[n.id]) nodes.add(n.id); });
      }
      return { nodes: nodes, edges: edges };
    }

    /* move the view so that ids (default: everything drawn) fill the canvas; with around, never
     * below a readable zoom: when ids would need less, centre on that node instead (a searched
     * entity is read, its far neighbours stay highlighted off-screen and listed in the panel) */
    function fit(ids, animate, around) {
      ids = ids || V.drawnIds();
      if (!ids.length) return;
      var pos = V.network.getPositions(ids);
      var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      ids.forEach(function (id) {
        var item = V.item(id) || { size: 10 }, p = pos[id], r = item.gb_extent || item.size;
        if (!p) return;
        x0 = Math.min(x0, p.x - r); x1 = Math.max(x1, p.x + r);
        y0 = Math.min(y0, p.y - r); y1 = Math.max(y1, p.y + r);
      });
      if (!isFinite(x0)) return;
      /* room for the labels of the outermost nodes: beside them, and below the lowest */
      var W = V.container.clientWidth, H = V.container.clientHeight, mx = 56, my = 30;
      var scale = Math.min((W - 2 * mx) / Math.max(x1 - x0, 1), (H - 2 * my - 18) / Math.max(y1 - y0, 1));
      scale = clamp(scale, 0.03, MAX_FIT_SCALE);
      var target = { position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 + 9 / scale }, scale: scale };
      if (around && scale < READABLE_SCALE) {
        var c = V.network.getPositions([around])[around];
        if (c) target = { position: { x: c.x, y: c.y }, scale: READABLE_SCALE };
      }
      V.fits = (V.fits || 0) + 1;
      V.body.dataset.fits = String(V.fits);
      if (animate && V.ready) {
        V.body.dataset.moving = "1";
        target.animation = { duration: 350, easingFunction: "easeInOutQuad" };
      }
      V.network.moveTo(target);
    }

    reset();
    return { compute: compute, reset: reset, fit: fit, communityKey: communityKey, maxFitScale: MAX_FIT_SCALE,
             readableScale: READABLE_SCALE };
  }
  return { init: init };
})();
