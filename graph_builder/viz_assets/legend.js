/* legend: the legend is the filter. Each entity type, relation and community is a row with
 * its symbol, colour and "shown / total" count; ticking a row shows or hides it, "only"
 * keeps that row alone (again: everything back). Confidence, minimum relations and the
 * isolates toggle sit below.
 */
GB.legend = (function () {
  function init(V) {
    var util = GB.util, el = util.el, F = V.filters, meta = V.meta;
    var rows = { types: {}, preds: {}, comms: {} };

    function row(parent, group, key, attr, swatch, name, title) {
      var wrap = el("div", "gb-legend-row");
      var lab = el("label", "gb-check gb-item");
      lab.title = title || "";
      var cb = el("input");
      cb.type = "checkbox"; cb.checked = true; cb.dataset[attr] = key;
      lab.appendChild(cb); lab.appendChild(swatch);
      lab.appendChild(el("span", "gb-name", name));
      var count = el("span", "gb-count");
      lab.appendChild(count);
      var only = el("button", "gb-only", "only");
      only.type = "button";
      only.title = "Show only " + name + " (again: show all)";
      wrap.appendChild(lab); wrap.appendChild(only);
      parent.appendChild(wrap);
      cb.addEventListener("change", function () { F[group][key] = cb.checked; V.refresh({ fit: true }); });
      only.addEventListener("click", function () {
        var alone = Object.keys(F[group]).every(function (k) { return (k === key) === (F[group][k] !== false); });
        Object.keys(F[group]).forEach(function (k) { F[group][k] = alone || k === key; });
        sync();
        V.refresh({ fit: true });
      });
      rows[group][key] = { cb: cb, count: count };
    }

    var types = document.getElementById("gb-types");
    meta.types.forEach(function (t) {
      var sym = el("span", "gb-sym", t.symbol);
      sym.style.color = t.color;
      row(types, "types", t.name, "type", sym, t.name);
    });
    var preds = document.getElementById("gb-preds");
    meta.predicates.forEach(function (p) {
      var sw = el("span", "gb-line");
      sw.style.borderTopColor = p.color;
      row(preds, "preds", p.name, "predicate", sw, p.name + (p.symmetric ? " \u2194" : " \u2192"));
    });
    var comms = document.getElementById("gb-communities");
    var shownComms = (meta.communities || []).slice(0, V.LEGEND_COMMUNITIES);
    shownComms.forEach(function (c) {
      var sw = el("span", "gb-halo");
      sw.style.background = c.color; sw.style.borderColor = c.border;
      row(comms, "comms", String(c.id), "community", sw, c.name, c.name + ": " + c.size + " entities");
    });
    if (shownComms.length) {
      var sw = el("span", "gb-halo gb-halo-none");
      var rest = (meta.communities || []).length - shownComms.length;
      row(comms, "comms", "other", "community", sw, rest > 0 ? "other groups (" + rest + " communities)" : "other groups");
    } else {
      document.getElementById("gb-communities-section").hidden = true;
    }

    var former = document.getElementById("gb-former");
    var minConf = document.getElementById("gb-minconf");
    var minConfVal = document.getElementById("gb-minconf-val");
    var minDeg = document.getElementById("gb-mindeg");
    var isolates = document.getElementById("gb-isolates");
    var isolatesLabel = document.getElementById("gb-isolates-label");
    isolatesLabel.textContent = "show " + util.plural(meta.isolates, "entity", "entities") + " without relations";
    if (!meta.isolates) isolates.disabled = true;
    isolates.checked = F.isolates;
    former.addEventListener("change", function () { F.former = former.checked; V.refresh({ fit: true }); });
    minConf.addEventListener("input", function () {
      F.minConf = Number(minConf.value) || 0;
      minConfVal.textContent = F.minConf.toFixed(2);
      V.refresh({ fit: true });
    });
    minDeg.addEventListener("input", function () {
      F.minDeg = Math.max(1, parseInt(minDeg.value, 10) || 1);
      V.refresh({ fit: true });
    });
    isolates.addEventListener("change", function () { F.isolates = isolates.checked; V.refresh({ fit: true }); });

    /* controls <- filters (after a reset or an "only") */
    function sync() {
      ["types", "preds", "comms"].forEach(function (g) {
        Object.keys(rows[g]).forEach(function (k) { rows[g][k].cb.checked = F[g][k] !== false; });
      });
      former.checked = F.former;
      minConf.value = String(F.minConf); minConfVal.textContent = F.minConf.toFixed(2);
      minDeg.value = String(F.minDeg);
      isolates.checked = F.isolates;
    }
    /* "shown / total" on every row */
    function counts(base) {
      var n = { types: {}, comms: {} }, p = {}, totalT = {}, totalC = {}, totalP = {};
      V.data.nodes.forEach(function (x) {
        var c = V.visibilityModule.communityKey(x);
        totalT[x.gb_type] = (totalT[x.gb_type] || 0) + 1;
        totalC[c] = (totalC[c] || 0) + 1;
        if (base.nodes.has(x.id)) {
          n.types[x.gb_type] = (n.types[x.gb_type] || 0) + 1;
          n.comms[c] = (n.comms[c] || 0) + 1;
        }
      });
      V.data.edges.forEach(function (e) {
        totalP[e.gb_predicate] = (totalP[e.gb_predicate] || 0) + 1;
        if (base.edges.has(e.id)) p[e.gb_predicate] = (p[e.gb_predicate] || 0) + 1;
      });
      function put(group, shown, total) {
        Object.keys(rows[group]).forEach(function (k) {
          var s = shown[k] || 0, t = total[k] || 0;
          rows[group][k].count.textContent = s === t ? String(t) : s + " / " + t;
        });
      }
      put("types", n.types, totalT); put("preds", p, totalP); put("comms", n.comms, totalC);
    }
    return { sync: sync, counts: counts };
  }
  return { init: init };
})();
