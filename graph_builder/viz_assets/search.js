/* search: names and aliases, whole or in part, case- and accent-insensitive, with
 * suggestions as you type (arrow keys, Enter, Escape, or a click).
 *
 * Ranking: exact name, exact alias, name starting with the text, alias starting with it,
 * a word of the name starting with it, of an alias, then anywhere; ties go to the more
 * important entity.
 */
GB.search = (function () {
  var LIMIT = 8;

  function init(V) {
    var util = GB.util, el = util.el, fold = util.fold;
    var input = document.getElementById("gb-search");
    var list = document.getElementById("gb-suggest");
    var msg = document.getElementById("gb-search-msg");
    var index = [], shown = [], active = -1;
    var typeOf = {};
    V.meta.types.forEach(function (t) { typeOf[t.name] = t; });
    V.data.nodes.forEach(function (n) {
      index.push({ id: n.id, key: fold(n.gb_label), text: n.gb_label, alias: false });
      (n.gb_aliases || []).forEach(function (a) { index.push({ id: n.id, key: fold(a), text: a, alias: true }); });
    });

    function rank(x, q) {
      var k = x.key, a = x.alias ? 1 : 0;
      if (k === q) return a;
      if (k.indexOf(q) === 0) return 2 + a;
      if (k.indexOf(" " + q) >= 0 || k.indexOf("-" + q) >= 0) return 4 + a;
      if (k.indexOf(q) >= 0) return 6 + a;
      return -1;
    }
    /* best matches: [{id, score, via (alias text or null)}] */
    function matches(text, limit) {
      var q = fold(text);
      if (!q) return [];
      var best = new Map();
      index.forEach(function (x) {
        var s = rank(x, q);
        if (s < 0) return;
        var b = best.get(x.id);
        if (!b || s < b.score) best.set(x.id, { id: x.id, score: s, via: x.alias ? x.text : null });
      });
      var out = Array.from(best.values());
      out.sort(function (a, b) { return a.score - b.score || V.node[a.id].gb_rank - V.node[b.id].gb_rank; });
      return out.slice(0, limit || LIMIT);
    }
    function findNode(text) { var m = matches(text, 1); return m.length ? m[0].id : null; }

    function close() {
      list.hidden = true; list.textContent = ""; shown = []; active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }
    function render() {
      list.textContent = "";
      shown.forEach(function (m, i) {
        var n = V.node[m.id], t = typeOf[n.gb_type];
        var li = el("li", "gb-sug" + (i === active ? " gb-active" : ""));
        li.id = "gb-sug-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", i === active ? "true" : "false");
        li.dataset.id = m.id;
        var sym = el("span", "gb-sym", t ? t.symbol : "\u25cf");
        if (t) sym.style.color = t.color;
        li.appendChild(sym);
        li.appendChild(el("span", "gb-sug-name", n.gb_label));
        var info = (m.via ? "aka " + m.via + " \u00b7 " : "") + n.gb_type + " \u00b7 " + util.plural(n.gb_degree, "relation");
        li.appendChild(el("span", "gb-sug-info", info));
        li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(m.id); });
        list.appendChild(li);
      });
      list.hidden = shown.length === 0;
      input.setAttribute("aria-expanded", shown.length ? "true" : "false");
      if (active >= 0) input.setAttribute("aria-activedescendant", "gb-sug-" + active);
      else input.removeAttribute("aria-activedescendant");
    }
    function suggest() {
      shown = matches(input.value);
      active = shown.length ? 0 : -1;
      msg.textContent = (input.value.trim() && !shown.length) ? "No entity matches \u201c" + input.value.trim() + "\u201d." : "";
      render();
    }
    function choose(id) {
      close();
      input.value = V.node[id].gb_label;
      msg.textContent = "";
      V.focusNode(id);
    }
    function go() {
      var id = active >= 0 && shown[active] ? shown[active].id : findNode(input.value);
      if (id === null || id === undefined) {
        close();
        msg.textContent = "No entity matches \u201c" + input.value.trim() + "\u201d.";
        V.body.dataset.focused = "";
        return;
      }
      choose(id);
    }

    input.addEventListener("input", suggest);
    input.addEventListener("focus", function () { if (input.value.trim()) suggest(); });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        if (!shown.length) suggest();
        if (shown.length) {
          active = (active + (ev.key === "ArrowDown" ? 1 : shown.length - 1)) % shown.length;
          render();
        }
        ev.preventDefault();
      } else if (ev.key === "Enter") {
        ev.preventDefault();
        go();
      } else if (ev.key === "Escape") {
        if (!list.hidden) { ev.stopPropagation(); close(); }
      }
    });
    document.getElementById("gb-search-btn").addEventListener("click", function () { active = -1; go(); });
    return { matches: matches, findNode: findNode, close: close };
  }
  return { init: init };
})();
