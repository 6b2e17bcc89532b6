/* panel: what is known about the clicked entity or relation, with its evidence.
 *
 * The panel is a list of sections, one function each: GB.panel.nodeSections for an entity,
 * GB.panel.edgeSections for a relation. A section is function (P, item, parent) that appends
 * to parent (P gives the helpers below); add a function to a list to add a section.
 */
GB.panel = (function () {
  var util = GB.util, el = util.el, fmt = util.fmt;

  /* ---- helpers shared by the sections ---- */
  function evidenceList(P, parent, ev, limit) {
    ev.slice(0, limit).forEach(function (x) {
      var box = el("div", "gb-ev");
      box.appendChild(el("q", null, x.sentence || ""));
      var src = el("div", "gb-src");
      src.appendChild(util.link(x.url, x.title || x.article || "source"));
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
  function relationBlock(P, e, evLimit) {
    var box = el("div", "gb-rel");
    var head = el("div", "gb-rel-head");
    var sw = el("span", "gb-line"); sw.style.borderTopColor = e.gb_former ? P.meta.former_color : (P.predColor[e.gb_predicate] || "#888");
    if (e.gb_former) sw.classList.add("gb-dashed");
    head.appendChild(sw);
    head.appendChild(P.nodeButton(e.from));
    head.appendChild(el("span", null, " " + e.gb_predicate + (e.gb_symmetric ? " \u2194 " : " \u2192 ")));
    head.appendChild(P.nodeButton(e.to));
    if (e.gb_former) head.appendChild(el("span", "gb-badge gb-former", "former"));
    head.appendChild(el("span", "gb-badge", "conf " + fmt(e.gb_confidence)));
    head.appendChild(el("span", "gb-badge", util.plural(e.gb_support, "article")));
    box.appendChild(head);
    evidenceList(P, box, e.gb_evidence || [], evLimit);
    return box;
  }

  /* ---- entity sections ---- */
  function nodeHeading(P, n, parent) {
    parent.appendChild(el("h2", null, n.gb_label));
  }
  function nodeFacts(P, n, parent) {
    var dl = el("dl");
    function row(k, v) {
      dl.appendChild(el("dt", null, k));
      var dd = el("dd");
      if (v instanceof Node) dd.appendChild(v); else dd.textContent = v;
      dl.appendChild(dd);
    }
    row("Type", n.gb_type);
    row("Aliases", (n.gb_aliases && n.gb_aliases.length) ? n.gb_aliases.join(", ") : "\u2014");
    if (n.gb_wikidata && /^Q[0-9]+$/.test(n.gb_wikidata)) row("Wikidata", util.link("https://www.wikidata.org/wiki/" + n.gb_wikidata, n.gb_wikidata));
    else row("Wikidata", "\u2014");
    row("Mentions", util.plural(n.gb_mentions, "article"));
    row("Relations", String(n.gb_degree));
    var com = P.community[n.gb_community];
    row("Community", com ? com.name + " (" + com.size + ")" : "\u2014");
    row("Importance", fmt(n.gb_importance));
    parent.appendChild(dl);
  }
  function nodeIri(P, n, parent) {
    parent.appendChild(el("div", "gb-iri", n.id));
  }
  function nodeRelations(P, n, parent) {
    var rels = (P.edgesOf[n.id] || []).slice().sort(function (a, b) { return b.gb_confidence - a.gb_confidence; });
    parent.appendChild(el("h3", null, "Relations (" + rels.length + ")"));
    rels.slice(0, 60).forEach(function (e) { parent.appendChild(relationBlock(P, e, 3)); });
    if (rels.length > 60) parent.appendChild(el("div", "gb-small", "+ " + (rels.length - 60) + " more relations"));
  }

  /* ---- funding rounds ---- */
  function money(r) {
    if (typeof r.amount !== "number") return "amount not stated";
    var v = r.amount, unit = "";
    if (v >= 1e9) { v = v / 1e9; unit = " bn"; } else if (v >= 1e6) { v = v / 1e6; unit = " m"; }
    return (Math.round(v * 100) / 100) + unit + " " + (r.currency || "");
  }
  function roundBlock(P, r, heading) {
    var box = el("div", "gb-round");
    box.appendChild(el("div", "gb-rel-head", heading + " · " + money(r) + (r.type ? " · " + r.type : "") +
                                                (r.date ? " · " + r.date : "")));
    if (r.leads && r.leads.length) box.appendChild(el("div", "gb-small", "Led by " + r.leads.join(", ")));
    var others = (r.investors || []).filter(function (x) { return (r.leads || []).indexOf(x) < 0; });
    if (others.length) box.appendChild(el("div", "gb-small", "With " + others.join(", ")));
    evidenceList(P, box, (r.sentences || []).map(function (s) {
      return { sentence: s, article: r.article, title: r.title, url: r.url, published: r.date };
    }), 2);
    return box;
  }
  function nodeRounds(P, n, parent) {
    var raised = n.gb_rounds || [], joined = n.gb_rounds_in || [];
    if (!raised.length && !joined.length) return;
    parent.appendChild(el("h3", null, "Funding rounds (" + (raised.length + joined.length) + ")"));
    raised.forEach(function (r) { parent.appendChild(roundBlock(P, r, "Raised")); });
    joined.forEach(function (r) {
      parent.appendChild(roundBlock(P, r, (r.lead ? "Led " : "Joined ") + r.company + "'s round"));
    });
  }
  function edgeRounds(P, e, parent) {
    if (e.gb_predicate !== "investorIn") return;
    var company = P.nodeById(e.to), investor = P.nodeById(e.from);
    if (!company || !investor) return;
    var rounds = (company.gb_rounds || []).filter(function (r) {
      return (r.investors || []).indexOf(investor.gb_label) >= 0;
    });
    if (!rounds.length) return;
    parent.appendChild(el("h3", null, "In the funding rounds"));
    rounds.forEach(function (r) { parent.appendChild(roundBlock(P, r, "Round")); });
  }

  /* ---- relation sections ---- */
  function edgeHeading(P, e, parent) {
    parent.appendChild(el("h2", null, e.gb_predicate));
  }
  function edgeEvidence(P, e, parent) {
    parent.appendChild(relationBlock(P, e, 25));
  }

  var nodeSections = [nodeHeading, nodeFacts, nodeIri, nodeRounds, nodeRelations];
  var edgeSections = [edgeHeading, edgeEvidence, edgeRounds];

  function init(V) {
    var panel = document.getElementById("gb-panel");
    var body = document.getElementById("gb-panel-body");
    var P = {
      meta: V.meta, edgesOf: V.edgesOf, community: {}, predColor: {},
      nodeById: function (id) { return V.node[id] || null; },
      nodeButton: function (id) {
        var n = V.node[id];
        var b = el("button", "gb-link", n ? n.gb_label : id);
        b.type = "button";
        b.addEventListener("click", function () { V.focusNode(id); });
        return b;
      },
      relationBlock: function (e, limit) { return relationBlock(P, e, limit); },
      evidenceList: function (parent, ev, limit) { return evidenceList(P, parent, ev, limit); }
    };
    (V.meta.communities || []).forEach(function (c) { P.community[c.id] = c; });
    V.meta.predicates.forEach(function (p) { P.predColor[p.name] = p.color; });

    function open(kind, item, sections) {
      panel.hidden = false;
      body.textContent = "";
      body.scrollTop = 0;
      V.body.dataset.panel = kind;
      sections.forEach(function (section) { section(P, item, body); });
    }
    function showNode(id) {
      var n = V.node[id];
      if (!n) return false;
      open("node", n, GB.panel.nodeSections);
      return true;
    }
    function showEdge(id) {
      var e = V.edge[id];
      if (!e) return false;
      open("edge", e, GB.panel.edgeSections);
      return true;
    }
    function close() { panel.hidden = true; V.body.dataset.panel = ""; }
    document.getElementById("gb-panel-close").addEventListener("click", close);
    return { showNode: showNode, showEdge: showEdge, close: close };
  }

  return { init: init, nodeSections: nodeSections, edgeSections: edgeSections };
})();
