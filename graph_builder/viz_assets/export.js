/* export: the current view as a PNG file (title, what is shown, the canvas, a type legend).
 *
 * The image is composed on a new canvas and downloaded through a data: URL; nothing leaves
 * the machine.
 */
GB.exporter = (function () {
  function slug(s) {
    var t = GB.util.fold(s).replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    return (t || "graph").slice(0, 60);
  }

  function init(V) {
    var FACE = V.labels.font;

    function compose() {
      var src = V.container.querySelector("canvas");
      var ratio = src.width / Math.max(1, src.clientWidth);
      var head = Math.round(48 * ratio), foot = Math.round(28 * ratio);
      var out = document.createElement("canvas");
      out.width = src.width;
      out.height = src.height + head + foot;
      var ctx = out.getContext("2d");
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, out.width, out.height);
      ctx.scale(ratio, ratio);
      var w = out.width / ratio;
      ctx.fillStyle = "#1b1b1b";
      ctx.textBaseline = "top";
      ctx.font = "700 17px " + FACE;
      ctx.fillText(V.meta.title, 12, 8, w - 24);
      ctx.font = "400 12px " + FACE;
      ctx.fillStyle = "#555555";
      ctx.fillText(V.countsText(), 12, 29, w - 24);
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.drawImage(src, 0, head);
      ctx.scale(ratio, ratio);
      var x = 12, y = (head + src.height) / ratio + 8;
      ctx.font = "400 12px " + FACE;
      V.meta.types.forEach(function (t) {
        ctx.fillStyle = t.color;
        ctx.fillText(t.symbol, x, y);
        x += 14;
        ctx.fillStyle = "#333333";
        ctx.fillText(t.name, x, y);
        x += ctx.measureText(t.name).width + 14;
      });
      ctx.fillStyle = "#888888";
      var stamp = "graph_builder \u00b7 " + new Date().toISOString().slice(0, 10);
      ctx.fillText(stamp, w - 12 - ctx.measureText(stamp).width, y);
      return out;
    }

    function exportPng() {
      var out = compose();
      var url = out.toDataURL("image/png");
      var a = document.createElement("a");
      a.href = url;
      a.download = slug(V.meta.title) + ".png";
      document.body.appendChild(a);
      a.click();
      a.remove();
      V.body.dataset.exported = out.width + "x" + out.height;
      return { width: out.width, height: out.height, bytes: url.length };
    }

    document.getElementById("gb-png").addEventListener("click", exportPng);
    return { exportPng: exportPng, compose: compose, slug: slug };
  }
  return { init: init, slug: slug };
})();
