/* clusters: "Group communities" collapses each community into one node; a click expands it.
 *
 * Works on what the filters leave: every community with at least 3 shown members becomes one
 * node at the centre of its members (size by member count, its halo colour), and the
 * relations between communities become one edge per pair, as wide as they are many.
 * Expanding a community brings its members and their relations back; toggling the button
 * off (or on again) restores everything.
 */
GB.clusters = (function () {
  var PREFIX = "gb-cluster:", EDGE_PREFIX = "gb-cedge:";

  function init(V) {
    var on = false, expanded = {}, nodeItems = [], edgeItems = [];
    var byId = {};
    (V.meta.communities || []).forEach(function (c) { byId[c.id] = c; });
    V.clusterItem = {};
    V.clusterEdge = {};

    function clearItems() {
      if (nodeItems.length) V.nodes.remove(nodeItems.map(function (n) { return n.id; }));
      if (edgeItems.length) V.edges.remove(edgeItems.map(function (e) { return e.id; }));
      nodeItems = []; edgeItems = []; V.clusterItem = {}; V.clusterEdge = {};
    }

    /* base: {nodes, edges} the filters leave -> what is drawn once communities collapse */
    function transform(base) {
      clearItems();
      if (!on) return base;
      var members = {};
      base.nodes.forEach(function (id) {
        var c = V.node[id].gb_community;
        if (byId[c] && !expanded[c]) (members[c] = members[c] || []).push(id);
      });
      var rep = {};
      Object.keys(members).forEach(function (c) {
        var ids = members[c];
        if (ids.length < 3) return;
        var pos = V.network.getPositions(ids), x = 0, y = 0, hub = ids[0];
        ids.forEach(function (id) {
          x += pos[id].x; y += pos[id].y;
          if (V.node[id].gb_rank < V.node[hub].gb_rank) hub = id;
          rep[id] = PREFIX + c;
        });
        var com = byId[c], names = ids.slice().sort(function (a, b) { return V.node[a].gb_rank - V.node[b].gb_rank; })
          .slice(0, 6).map(function (id) { return V.node[id].gb_label; });
        var item = {
          id: PREFIX + c, x: x / ids.length, y: y / ids.length, shape: "dot",
          size: Math.min(60, 14 + 4 * Math.sqrt(ids.length)),
          color: { background: com.color, border: com.border,
                   highlight: { background: com.color, border: "#111111" }, hover: { background: com.color, border: "#111111" } },
          borderWidth: 3,
          title: ids.length + " entities: " + names.join(", ") + (ids.length > 6 ? ", \u2026" : "") + "\nclick to expand",
          gb_cluster: Number(c), gb_members: ids, gb_label: com.name,
          gb_short: V.node[hub].gb_short + " +" + (ids.length - 1), gb_rank: -ids.length, gb_big: true
        };
        nodeItems.push(item);
        V.clusterItem[item.id] = item;
      });
      var nodes = new Set(), edges = new Set(), agg = new Map();
      base.nodes.forEach(function (id) { if (!rep[id]) nodes.add(id); });
      base.edges.forEach(function (eid) {
        var e = V.edge[eid], a = rep[e.from] || e.from, b = rep[e.to] || e.to;
        if (a === e.from && b === e.to) { edges.add(eid); return; }
        if (a === b) return;
        var key = a < b ? a + "\u0001" + b : b + "\u0001" + a;
        var g = agg.get(key);
        if (!g) { g = { from: a < b ? a : b, to: a < b ? b : a, count: 0, preds: {} }; agg.set(key, g); }
        g.count++;
        g.preds[e.gb_predicate] = (g.preds[e.gb_predicate] || 0) + 1;
      });
      var i = 0;
      agg.forEach(function (g) {
        var parts = Object.keys(g.preds).sort(function (p, q) { return g.preds[q] - g.preds[p]; })
          .map(function (p) { return g.preds[p] + " " + p; });
        var item = {
          id: EDGE_PREFIX + (i++), from: g.from, to: g.to, width: Math.min(8, 1 + Math.log2(g.count)),
          color: { color: "#8C8C8C", highlight: "#555555", hover: "#555555", opacity: 0.8 },
          arrows: { to: { enabled: false } }, smooth: false,
          title: GB.util.plural(g.count, "relation") + ": " + parts.join(", "), gb_count: g.count
        };
        edgeItems.push(item);
        V.clusterEdge[item.id] = item;
      });
      if (nodeItems.length) V.nodes.add(nodeItems.map(V.visItem));
      if (edgeItems.length) V.edges.add(edgeItems.map(V.visItem));
      return { nodes: nodes, edges: edges };
    }

    function setOn(value) {
      on = !!value; expanded = {};
      V.body.dataset.clusters = on ? "1" : "0";
      V.refresh({ fit: true });
    }
    function expand(id) {
      var item = V.clusterItem[id];
      if (!item) return false;
      expanded[item.gb_cluster] = true;
      V.refresh({ fit: false });
      return true;
    }
    /* bring back the community of a node hidden inside a cluster */
    function reveal(nodeId) {
      var n = V.node[nodeId];
      if (!on || !n || !byId[n.gb_community] || expanded[n.gb_community]) return false;
      expanded[n.gb_community] = true;
      return true;
    }
    V.body.dataset.clusters = "0";
    return {
      transform: transform, setOn: setOn, expand: expand, reveal: reveal,
      isOn: function () { return on; },
      count: function () { return nodeItems.length; },
      isCluster: function (id) { return !!V.clusterItem[id]; }
    };
  }
  return { init: init };
})();
