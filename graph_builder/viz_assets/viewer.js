/* graph_builder viewer: draws the vis-network graph prepared by graph_builder.viz.
 *
 * Every string shown comes from untrusted articles: it reaches the DOM only through
 * textContent, element properties, or vis-network's plain-text tooltips (never parsed
 * as HTML); links only when the URL parses as http(s). No network requests.
 */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("gb-data").textContent);
  var meta = data.meta;
  var body = document.body;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function fold(s) {
    return String(s || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/\u2019/g, "'").replace(/\s+/g, " ").trim().toLowerCase();
  }
  function safeUrl(u) {
    if (typeof u !== "string" || !u) return null;
    try {
      var x = new URL(u);
      return (x.protocol === "http:" || x.protocol === "https:") ? x.href : null;
    } catch (e) { return null; }
  }
  function link(href, text) {
    var url = safeUrl(href);
    if (!url) return el("span", null, text);
    var a = el("a", null, text);
    a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
    return a;
  }
  function fmt(x) { return (typeof x === "number" && isFinite(x)) ? x.toFixed(2) : "?"; }

  document.title = meta.title;
  document.getElementById("gb-title").textContent = meta.title;

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);

  var nodeById = {};
  data.nodes.forEach(function (n) { nodeById[n.id] = n; });
  var edgesByNode = {};
  data.edges.forEach(function (e) {
    (edgesByNode[e.from] = edgesByNode[e.from] || []).push(e);
    if (e.to !== e.from) (edgesByNode[e.to] = edgesByNode[e.to] || []).push(e);
  });

  body.dataset.nodes = String(data.nodes.length);
  body.dataset.edges = String(data.edges.length);
  body.dataset.notShown = String(meta.not_shown);
  body.dataset.totalNodes = String(meta.total_nodes);
  body.dataset.totalEdges = String(meta.total_edges);

  /* ---------- legend + filters ---------- */
  var typeBoxes = {}, predBoxes = {};
  var typesDiv = document.getElementById("gb-types");
  meta.types.forEach(function (t) {
    var lab = el("label", "gb-check");
    var cb = el("input"); cb.type = "checkbox"; cb.checked = true; cb.dataset.type = t.name;
    var sym = el("span", "gb-sym", t.symbol); sym.style.color = t.color;
    lab.appendChild(cb); lab.appendChild(sym);
    lab.appendChild(el("span", null, t.name + " (" + t.count + ")"));
    typesDiv.appendChild(lab); typeBoxes[t.name] = cb;
    cb.addEventListener("change", applyFilters);
  });
  var predsDiv = document.getElementById("gb-preds");
  meta.predicates.forEach(function (p) {
    var lab = el("label", "gb-check");
    var cb = el("input"); cb.type = "checkbox"; cb.checked = true; cb.dataset.predicate = p.name;
    var sw = el("span", "gb-line"); sw.style.borderTopColor = p.color;
    lab.appendChild(cb); lab.appendChild(sw);
    lab.appendChild(el("span", null, p.name + (p.symmetric ? " \u2194" : " \u2192") + " (" + p.count + ")"));
    predsDiv.appendChild(lab); predBoxes[p.name] = cb;
    cb.addEventListener("change", applyFilters);
  });
  var formerBox = document.getElementById("gb-former");
  var minConf = document.getElementById("gb-minconf");
  var minConfVal = document.getElementById("gb-minconf-val");
  var minDeg = document.getElementById("gb-mindeg");
  formerBox.addEventListener("change", applyFilters);
  minConf.addEventListener("input", function () { minConfVal.textContent = Number(minConf.value).toFixed(2); applyFilters(); });
  minDeg.addEventListener("input", applyFilters);

  var counts = document.getElementById("gb-counts");
  var notShown = document.getElementById("gb-not-shown");
  if (meta.not_shown > 0) {
    notShown.hidden = false;
    notShown.textContent = meta.not_shown + " nodes not shown (" + meta.not_shown_reason + ")";
  }

  function updateCounts(vn, ve) {
    body.dataset.visibleNodes = String(vn);
    body.dataset.visibleEdges = String(ve);
    var txt = data.nodes.length + " nodes, " + data.edges.length + " edges";
    if (vn !== data.nodes.length || ve !== data.edges.length) txt += " (showing " + vn + " nodes, " + ve + " edges)";
    if (meta.focus_label) txt += " \u2014 around " + meta.focus_label + " (depth " + meta.depth + ")";
    counts.textContent = txt;
  }

  function applyFilters() {
    var conf = Number(minConf.value) || 0;
    var deg = Math.max(0, parseInt(minDeg.value, 10) || 0);
    var typeOk = {};
    data.nodes.forEach(function (n) { var b = typeBoxes[n.gb_type]; typeOk[n.id] = b ? b.checked : true; });
    var edgeOn = {}, degree = {};
    data.edges.forEach(function (e) {
      var b = predBoxes[e.gb_predicate];
      var on = (b ? b.checked : true) && e.gb_confidence >= conf - 1e-9 &&
        (formerBox.checked || !e.gb_former) && typeOk[e.from] && typeOk[e.to];
      edgeOn[e.id] = on;
      if (on) { degree[e.from] = (degree[e.from] || 0) + 1; if (e.to !== e.from) degree[e.to] = (degree[e.to] || 0) + 1; }
    });
    var nodeOn = {}, nodeUpd = [], edgeUpd = [], vn = 0, ve = 0;
    data.nodes.forEach(function (n) {
      var on = typeOk[n.id] && (degree[n.id] || 0) >= deg;
      nodeOn[n.id] = on; if (on) vn++;
      if (!!n.hidden === on) { n.hidden = !on; nodeUpd.push({ id: n.id, hidden: !on }); }
    });
    data.edges.forEach(function (e) {
      var on = edgeOn[e.id] && nodeOn[e.from] && nodeOn[e.to];
      if (on) ve++;
      if (!!e.hidden === on) { e.hidden = !on; edgeUpd.push({ id: e.id, hidden: !on }); }
    });
    if (nodeUpd.length) nodes.update(nodeUpd);
    if (edgeUpd.length) edges.update(edgeUpd);
    updateCounts(vn, ve);
  }

  function resetFilters() {
    Object.keys(typeBoxes).forEach(function (k) { typeBoxes[k].checked = true; });
    Object.keys(predBoxes).forEach(function (k) { predBoxes[k].checked = true; });
    formerBox.checked = true; minConf.value = "0"; minConfVal.textContent = "0.00"; minDeg.value = "0";
    applyFilters();
  }
  document.getElementById("gb-reset").addEventListener("click", resetFilters);

  /* ---------- side panel ---------- */
  var panel = document.getElementById("gb-panel");
  var panelBody = document.getElementById("gb-panel-body");
  document.getElementById("gb-panel-close").addEventListener("click", function () {
    panel.hidden = true; body.dataset.panel = "";
  });

  function nodeButton(id) {
    var n = nodeById[id];
    var b = el("button", "gb-link", n ? n.gb_label : id);
    b.type = "button";
    b.addEventListener("click", function () { focusNode(id); });
    return b;
  }
  function evidenceList(parent, ev, limit) {
    ev.slice(0, limit).forEach(function (x) {
      var box = el("div", "gb-ev");
      box.appendChild(el("q", null, x.sentence || ""));
      var src = el("div", "gb-src");
      var title = x.title || x.article || "source";
      src.appendChild(link(x.url, title));
      var bits = [];
      if (x.published) bits.push(x.published);
      if (typeof x.confidence === "number") bits.push("confidence " + fmt(x.confidence));
      if (x.rule) bits.push(x.rule);
      if (x.former) bits.push("former");
      if (bits.length) src.appendChild(el("span", null, " \u00b7 " + bits.join(" \u00b7 ")));
      box.appendChild(src);
      parent.appendChild(box);
    });
    if (ev.length > limit) parent.appendChild(el("div", "gb-small", "+ " + (ev.length - limit) + " more sources"));
  }
  function relationBlock(e, evLimit) {
    var box = el("div", "gb-rel");
    var head = el("div", "gb-rel-head");
    head.appendChild(nodeButton(e.from));
    head.appendChild(el("span", null, " " + e.gb_predicate + (e.gb_symmetric ? " \u2194 " : " \u2192 ")));
    head.appendChild(nodeButton(e.to));
    if (e.gb_former) head.appendChild(el("span", "gb-badge gb-former", "former"));
    head.appendChild(el("span", "gb-badge", "conf " + fmt(e.gb_confidence)));
    head.appendChild(el("span", "gb-badge", e.gb_support + (e.gb_support === 1 ? " article" : " articles")));
    box.appendChild(head);
    evidenceList(box, e.gb_evidence || [], evLimit);
    return box;
  }
  function showPanel() { panel.hidden = false; panelBody.textContent = ""; panelBody.scrollTop = 0; }

  function showNode(id) {
    var n = nodeById[id];
    if (!n) return;
    showPanel();
    body.dataset.panel = "node";
    panelBody.appendChild(el("h2", null, n.gb_label));
    var dl = el("dl");
    function row(k, v) { dl.appendChild(el("dt", null, k)); var dd = el("dd"); if (v instanceof Node) dd.appendChild(v); else dd.textContent = v; dl.appendChild(dd); }
    row("Type", n.gb_type);
    row("Aliases", (n.gb_aliases && n.gb_aliases.length) ? n.gb_aliases.join(", ") : "\u2014");
    if (n.gb_wikidata && /^Q[0-9]+$/.test(n.gb_wikidata)) row("Wikidata", link("https://www.wikidata.org/wiki/" + n.gb_wikidata, n.gb_wikidata));
    else row("Wikidata", "\u2014");
    row("Mentions", n.gb_mentions + (n.gb_mentions === 1 ? " article" : " articles"));
    row("Importance", fmt(n.gb_importance));
    panelBody.appendChild(dl);
    panelBody.appendChild(el("div", "gb-iri", n.id));
    var rels = (edgesByNode[id] || []).slice().sort(function (a, b) { return b.gb_confidence - a.gb_confidence; });
    panelBody.appendChild(el("h3", null, "Relations (" + rels.length + ")"));
    rels.slice(0, 60).forEach(function (e) { panelBody.appendChild(relationBlock(e, 3)); });
    if (rels.length > 60) panelBody.appendChild(el("div", "gb-small", "+ " + (rels.length - 60) + " more relations"));
  }
  function showEdge(id) {
    var e = edges.get(id);
    if (!e) return;
    showPanel();
    body.dataset.panel = "edge";
    panelBody.appendChild(el("h2", null, e.gb_predicate));
    panelBody.appendChild(relationBlock(e, 25));
  }

  network.on("click", function (params) {
    if (params.nodes && params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges && params.edges.length) showEdge(params.edges[0]);
  });

  /* ---------- search ---------- */
  var search = document.getElementById("gb-search");
  var searchMsg = document.getElementById("gb-search-msg");
  var names = document.getElementById("gb-names");
  var index = [];
  data.nodes.forEach(function (n) {
    index.push({ id: n.id, key: fold(n.gb_label), label: true });
    (n.gb_aliases || []).forEach(function (a) { index.push({ id: n.id, key: fold(a), label: false }); });
  });
  if (data.nodes.length <= 5000) {
    var frag = document.createDocumentFragment();
    data.nodes.forEach(function (n) { var o = document.createElement("option"); o.value = n.gb_label; frag.appendChild(o); });
    names.appendChild(frag);
  }
  function findNode(q) {
    var k = fold(q);
    if (!k) return null;
    var tests = [
      function (x) { return x.label && x.key === k; },
      function (x) { return x.key === k; },
      function (x) { return x.key.indexOf(k) === 0; },
      function (x) { return x.key.indexOf(k) >= 0; }
    ];
    for (var t = 0; t < tests.length; t++) {
      var best = null;
      for (var i = 0; i < index.length; i++) {
        var x = index[i];
        if (tests[t](x) && (!best || nodeById[x.id].gb_importance > nodeById[best].gb_importance)) best = x.id;
      }
      if (best !== null) return best;
    }
    return null;
  }
  function focusNode(id) {
    if (!nodeById[id]) return false;
    if (nodeById[id].hidden) resetFilters();
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    body.dataset.focused = id;
    showNode(id);
    return true;
  }
  function doSearch() {
    var id = findNode(search.value);
    if (id === null) { searchMsg.textContent = "No entity matches \u201c" + search.value + "\u201d."; body.dataset.focused = ""; return; }
    searchMsg.textContent = "";
    focusNode(id);
  }
  document.getElementById("gb-search-btn").addEventListener("click", doSearch);
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { ev.preventDefault(); doSearch(); } });
  search.addEventListener("change", function () { if (findNode(search.value) !== null && fold(search.value) === fold(nodeById[findNode(search.value)].gb_label)) doSearch(); });

  /* ---------- ready ---------- */
  updateCounts(data.nodes.length, data.edges.length);
  network.once("afterDrawing", function () {
    window.__ready = performance.now();
    body.dataset.ready = "1";
  });
  if (data.nodes.length) network.fit({ animation: false });
  else { window.__ready = performance.now(); body.dataset.ready = "1"; }
  if (meta.focus) { network.selectNodes([meta.focus]); }

  window.gbViewer = {
    network: network, nodes: nodes, edges: edges, meta: meta,
    findNode: findNode, focusNode: focusNode, showNode: showNode, showEdge: showEdge,
    applyFilters: applyFilters, resetFilters: resetFilters
  };
})();
