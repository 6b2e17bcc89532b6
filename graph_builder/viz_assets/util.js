/* util: DOM helpers that never parse HTML, name folding, number formats.
 *
 * Every string shown comes from untrusted articles: it reaches the DOM only through
 * textContent, element properties, or vis-network's plain-text tooltips; links only when
 * the URL parses as http(s).
 */
GB.util = (function () {
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  /* case-, accent- and spacing-insensitive form of a name (as analytics.fold in Python) */
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
  function plural(n, one, many) { return n + " " + (n === 1 ? one : (many || one + "s")); }
  function clamp(x, lo, hi) { return x < lo ? lo : (x > hi ? hi : x); }
  return { el: el, fold: fold, safeUrl: safeUrl, link: link, fmt: fmt, plural: plural, clamp: clamp };
})();
