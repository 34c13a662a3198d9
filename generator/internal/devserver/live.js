// oersite dev server: reloads the page after each rebuild and shows build
// errors in an overlay. Injected by `oersite serve` only, never published.
(function () {
  "use strict";
  // With `oersite serve --edit`: a link to edit this page in the browser.
  var self = document.currentScript;
  var edit = self && self.getAttribute("data-edit");
  if (edit) {
    var a = document.createElement("a");
    a.href = edit + "&url=" + encodeURIComponent(location.pathname);
    a.id = "oersite-edit";
    a.textContent = self.getAttribute("data-edit-text"); // the words come with the tag (authorwords), in the author's language
    a.style.cssText = "position:fixed;right:1rem;bottom:1rem;z-index:2147483646;padding:.75rem 1rem;min-height:44px;box-sizing:border-box;background:#0b4f6c;color:#fff;font:600 16px/1.4 system-ui,sans-serif;border-radius:8px;text-decoration:underline;box-shadow:0 2px 8px rgba(0,0,0,.3)";
    document.addEventListener("DOMContentLoaded", function () { document.body.appendChild(a); });
    if (document.readyState !== "loading") { document.body.appendChild(a); }
  }
  var overlay = null;
  function show(errors) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "oersite-errors";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:#181818;color:#fff;font:15px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:2rem";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var h = document.createElement("h2");
    h.textContent = self.getAttribute("data-failed");
    h.lang = self.getAttribute("data-lang");
    h.style.cssText = "color:#ffb4a9;font:bold 18px system-ui,sans-serif;margin:0 0 1rem";
    overlay.appendChild(h);
    errors.forEach(function (e) {
      var p = document.createElement("pre");
      p.style.cssText = "white-space:pre-wrap;margin:0 0 1rem;padding:.75rem;border-left:4px solid #ff6b5a;background:#2a2a2a";
      p.textContent = (e.file ? e.file + (e.line ? ":" + e.line : "") + ": " : "") + e.message + (e.hint ? "\n  " + e.hint : "");
      overlay.appendChild(p);
      // With the editor on, a page's mistake can be corrected there (a page
      // it cannot open shows as its text, the mistake's line marked).
      if (edit && /^content\/.+\.md$/.test(e.file || "")) {
        var a = document.createElement("a");
        a.href = edit + "&page=" + encodeURIComponent(e.file);
        a.className = "oersite-correct";
        a.textContent = self.getAttribute("data-correct-text");
        a.style.cssText = "display:inline-block;margin:-0.5rem 0 1rem;padding:.6rem 0;min-height:44px;box-sizing:border-box;color:#9ed8ff;font:600 16px/1.4 system-ui,sans-serif;text-decoration:underline";
        overlay.appendChild(a);
      }
    });
  }
  var es = new EventSource("/_oersite/events");
  var hadError = false;
  es.addEventListener("reload", function () { location.reload(); });
  // Only stylesheets changed: point each <link> at the new fingerprinted file.
  es.addEventListener("css", function (ev) {
    var sheets = JSON.parse(ev.data).stylesheets || {};
    var swapped = 0;
    Object.keys(sheets).forEach(function (name) {
      var dot = name.lastIndexOf(".");
      var stem = "assets/" + name.slice(0, dot), ext = name.slice(dot);
      var old = new RegExp(stem.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "\\.[0-9a-f]+\\" + ext + "$");
      document.querySelectorAll('link[rel~="stylesheet"]').forEach(function (link) {
        var href = link.getAttribute("href");
        if (old.test(href)) {
          link.setAttribute("href", href.replace(old, sheets[name]));
          swapped++;
        }
      });
    });
    if (!swapped) { location.reload(); }
  });
  es.addEventListener("error", function (ev) {
    if (!ev.data) { return; }
    hadError = true;
    show(JSON.parse(ev.data).errors || []);
  });
  es.addEventListener("hello", function (ev) {
    if (hadError && overlay) { overlay.remove(); overlay = null; hadError = false; }
    // a rebuild ended between this page's request and this connection:
    // its reload was sent before the tab listened
    var built = self && self.getAttribute("data-built");
    var now = JSON.parse(ev.data || "{}").built;
    if (built !== null && now !== undefined && String(now) !== built) { location.reload(); }
  });
})();
