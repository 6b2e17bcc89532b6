/* viewer: boots the page prepared by graph_builder.viz — the data, vis-network, the modules
 * (visibility, clusters, halos, highlight, labels, panel, search, legend, export), the events
 * and the first view. Everything the modules share lives on V. Performance marks (gb:boot,
 * gb:datasets, gb:network, gb:modules, gb:first-view) let bench/bench_viz.py split the time to
 * interactive (window.__ready: the first frame drawn).
 */
(function boot() {
  performance.mark("gb:boot");
  var data = JSON.parse(document.getElementById("gb-data").textContent);
  var meta = data.meta, body = document.body;
  var V = {
    data: data, meta: meta, body: body, container: document.getElementById("mynetwork"),
    LEGEND_COMMUNITIES: meta.legend_communities || 10, node: {}, edge: {}, edgesOf: {}, hidden: {}, ready: false,
    clusterItem: {}, clusterEdge: {}, adj: new Map()
  };
  document.title = meta.title;
  document.getElementById("gb-title").textContent = meta.title;

  data.nodes.forEach(function (n) { V.node[n.id] = n; V.hidden[n.id] = !!n.hidden; });
  data.edges.forEach(function (e) {
    V.edge[e.id] = e; V.hidden[e.id] = !!e.hidden;
    (V.edgesOf[e.from] = V.edgesOf[e.from] || []).push(e);
    if (e.to !== e.from) (V.edgesOf[e.to] = V.edgesOf[e.to] || []).push(e);
  });
  /* vis-network gets the drawing fields only; names, evidence and the rest stay here */
  V.visItem = function (x) {
    var o = {};
    for (var k in x) if (Object.prototype.hasOwnProperty.call(x, k) && k.lastIndexOf("gb_", 0) !== 0) o[k] = x[k];
    return o;
  };
  V.nodes = new vis.DataSet(data.nodes.map(V.visItem));
  V.edges = new vis.DataSet(data.edges.map(V.visItem));
  performance.mark("gb:datasets");
  V.network = new vis.Network(V.container, { nodes: V.nodes, edges: V.edges }, data.options);
  var network = V.network;
  performance.mark("gb:network");

  /* one redraw at the next frame, however many changes ask for it */
  var redrawPending = false;
  V.redraw = function () {
    if (redrawPending) return;
    redrawPending = true;
    requestAnimationFrame(function () { redrawPending = false; network.redraw(); });
  };
  V.item = function (id) { return V.node[id] || V.clusterItem[id]; };
  V.edgeItem = function (id) { return V.edge[id] || V.clusterEdge[id]; };
  V.drawn = { nodes: new Set(), edges: new Set(), nodeList: [], edgeList: [] };
  V.drawnIds = function () { return V.drawn.nodeList; };
  V.drawnEdgeIds = function () { return V.drawn.edgeList; };
  V.drawnEdgeCount = function () { return V.drawn.edgeList.length; };
  V.isDrawn = function (id) { return V.drawn.nodes.has(id); };
  V.isEdgeDrawn = function (id) { return V.drawn.edges.has(id); };

  V.visibilityModule = GB.visibility.init(V);
  V.fit = V.visibilityModule.fit;
  V.clusters = GB.clusters.init(V);
  V.halos = GB.halos.init(V);
  V.highlighter = GB.highlight.init(V);
  V.labels = GB.labels.init(V);
  V.panel = GB.panel.init(V);
  V.search = GB.search.init(V);
  V.legend = GB.legend.init(V);
  var F = V.filters;

  /* ---------- counts and banner ---------- */
  var counts = document.getElementById("gb-counts");
  V.countsText = function () {
    var s = V.base.nodes.size, t = data.nodes.length, es = V.base.edges.size, et = data.edges.length;
    var txt = (s === t ? String(t) : s + " of " + t) + " entities, " + (es === et ? String(et) : es + " of " + et) + " relations";
    if (!F.isolates && meta.isolates) txt += " \u00b7 " + meta.isolates + " without relations hidden";
    if (V.clusters.count()) txt += " \u00b7 " + V.clusters.count() + " communities grouped";
    if (meta.focus_label) txt += " \u2014 around " + meta.focus_label + " (depth " + meta.depth + ")";
    return txt;
  };
  if (meta.cut) {
    var cut = document.getElementById("gb-not-shown");
    cut.hidden = false;
    cut.textContent = "Showing " + data.nodes.length + " of " + meta.total_nodes + " entities (max " +
      meta.cut.max_nodes + ", a share of each type, best connected first); left out: " + meta.cut.text + ".";
  }
  V.exporter = GB.exporter.init(V);

  /* ---------- one pass: filters -> clusters -> vis-network -> highlight, halos, labels ---------- */
  V.refresh = function (opts) {
    opts = opts || {};
    var base = V.visibilityModule.compute();
    var drawn = V.clusters.transform(base);
    var nu = [], eu = [];
    data.nodes.forEach(function (n) {
      var hide = !drawn.nodes.has(n.id);
      if (V.hidden[n.id] !== hide) { V.hidden[n.id] = hide; nu.push({ id: n.id, hidden: hide }); }
    });
    data.edges.forEach(function (e) {
      var hide = !drawn.edges.has(e.id);
      if (V.hidden[e.id] !== hide) { V.hidden[e.id] = hide; eu.push({ id: e.id, hidden: hide }); }
    });
    if (nu.length) V.nodes.update(nu);
    if (eu.length) V.edges.update(eu);
    var ids = Array.from(drawn.nodes).concat(Object.keys(V.clusterItem));
    var eids = Array.from(drawn.edges).concat(Object.keys(V.clusterEdge));
    V.drawn = { nodes: new Set(ids), edges: new Set(eids), nodeList: ids, edgeList: eids };
    V.adj = new Map();
    eids.forEach(function (eid) {
      var e = V.edgeItem(eid);
      if (!V.adj.has(e.from)) V.adj.set(e.from, []);
      if (!V.adj.has(e.to)) V.adj.set(e.to, []);
      V.adj.get(e.from).push([eid, e.to]);
      if (e.to !== e.from) V.adj.get(e.to).push([eid, e.from]);
    });
    V.base = base;
    V.highlighter.refresh();
    V.halos.invalidate();
    V.labels.invalidate();
    body.dataset.visibleNodes = String(base.nodes.size);
    body.dataset.visibleEdges = String(base.edges.size);
    body.dataset.drawnNodes = String(ids.length);
    counts.textContent = V.countsText();
    V.legend.counts(base);
    if (opts.fit) V.fit(null, true); else if (opts.draw !== false) V.redraw();
  };
  V.resetFilters = function () {
    V.visibilityModule.reset();
    V.legend.sync();
    V.refresh({ fit: true });
  };

  /* ---------- focus: search results, names in the panel ---------- */
  V.focusNode = function (id) {
    var n = V.node[id];
    if (!n) return false;
    var note = "", changed = false;
    if (!V.base.nodes.has(id)) {
      V.visibilityModule.reset();
      if (n.gb_degree === 0) { F.isolates = true; note = "Entities without relations are now shown."; }
      else note = "Filters were reset to show " + n.gb_label + ".";
      V.legend.sync();
      changed = true;
    }
    if (V.clusters.reveal(id)) changed = true;
    if (changed) V.refresh({ fit: false, draw: false });
    network.selectNodes([id]);
    V.highlighter.set(id, 1);
    V.panel.showNode(id);
    body.dataset.focused = id;
    document.getElementById("gb-search-msg").textContent = note;
    V.fit(Array.from(V.hl ? V.hl.nodes : [id]), true, id);
    return true;
  };
  V.reset = function () {
    V.search.close();
    V.highlighter.clear();
    network.unselectAll();
    V.panel.close();
    body.dataset.focused = "";
    V.fit(null, true);
  };

  /* ---------- events ---------- */
  network.on("click", function (params) {
    if (params.nodes && params.nodes.length) {
      var id = params.nodes[0];
      if (V.clusters.isCluster(id)) { V.clusters.expand(id); return; }
      if (!V.hl || V.hl.center !== id) V.highlighter.set(id, 1);
      V.panel.showNode(id);
      body.dataset.focused = id;
    } else if (params.edges && params.edges.length) {
      var eid = params.edges[0];
      V.highlighter.setEdge(eid);
      if (V.edge[eid]) V.panel.showEdge(eid);
    } else {
      V.highlighter.clear();
    }
  });
  network.on("doubleClick", function (params) {
    if (!params.nodes || !params.nodes.length || V.clusters.isCluster(params.nodes[0])) return;
    var id = params.nodes[0];
    if (V.hl && V.hl.center === id) V.highlighter.expand(); else V.highlighter.set(id, 2);
  });
  network.on("animationFinished", function () { body.dataset.moving = "0"; });
  document.addEventListener("keydown", function (ev) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test((ev.target && ev.target.tagName) || "");
    if (ev.key === "Escape") V.reset();
    else if (ev.key === "/" && !typing) { ev.preventDefault(); document.getElementById("gb-search").focus(); }
  });
  document.getElementById("gb-reset").addEventListener("click", V.resetFilters);
  document.getElementById("gb-fit").addEventListener("click", function () { V.fit(null, true); });
  var clusterBtn = document.getElementById("gb-cluster");
  if (!(meta.communities || []).length) clusterBtn.disabled = true;
  clusterBtn.addEventListener("click", function () {
    var on = !V.clusters.isOn();
    clusterBtn.setAttribute("aria-pressed", on ? "true" : "false");
    V.clusters.setOn(on);
  });

  /* ---------- first view ---------- */
  body.dataset.nodes = String(data.nodes.length);
  body.dataset.edges = String(data.edges.length);
  body.dataset.notShown = String(meta.not_shown);
  body.dataset.totalNodes = String(meta.total_nodes);
  body.dataset.totalEdges = String(meta.total_edges);
  body.dataset.isolates = String(meta.isolates);
  body.dataset.moving = "0";
  performance.mark("gb:modules");
  V.refresh({ fit: false, draw: false });
  V.fit(null, false);
  performance.mark("gb:first-view");
  if (meta.focus && V.isDrawn(meta.focus)) network.selectNodes([meta.focus]);
  function ready() { V.ready = true; window.__ready = performance.now(); body.dataset.ready = "1"; }
  if (data.nodes.length && V.drawnIds().length) network.once("afterDrawing", ready);
  else ready();

  window.gbViewer = {
    V: V, network: network, nodes: V.nodes, edges: V.edges, meta: meta,
    findNode: V.search.findNode, matches: V.search.matches, focusNode: V.focusNode,
    showNode: V.panel.showNode, showEdge: V.panel.showEdge,
    applyFilters: function () { V.refresh({ fit: true }); }, resetFilters: V.resetFilters,
    highlight: V.highlighter, clusters: V.clusters, fit: V.fit, reset: V.reset,
    labelBoxes: function () { return V.labels.boxes(); }, exportPng: V.exporter.exportPng
  };
})();
