/* oersite editor: live preview through the server's renderer, and pictures
 * added where the cursor is. The editor works without it (save, then look). */
(function () {
  "use strict";
  var form = document.querySelector("form.ed-form");
  var body = document.getElementById("body");
  var out = document.getElementById("preview");
  if (!form || !body || !out) { return; }
  var token = form.querySelector("input[name=token]").value;
  var page = form.querySelector("input[name=page]").value;
  var timer = null, seq = 0;
  function preview() {
    var n = ++seq;
    var data = new FormData();
    data.append("token", token);
    data.append("page", page);
    data.append("body", body.value);
    fetch(form.getAttribute("data-preview"), { method: "POST", body: data, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        if (n !== seq) { return; }
        // the server's renderer escapes raw HTML unless the site allows it;
        // the page's own CSP forbids scripts in any case
        out.innerHTML = html;
        rebase(out);
      })
      .catch(function () { /* keep the last preview */ });
  }
  // Links and pictures in the page's text are written relative to its
  // file; the preview resolves them from the file's folder on the site
  // (data-base), not from the editor's address, so that the page's own
  // pictures show. A link to another page's file (x.md) goes to its page.
  function rebase(root) {
    var base = root.getAttribute("data-base");
    if (!base) { return; }
    base = new URL(base, location.href);
    Array.prototype.forEach.call(root.querySelectorAll("[src], [href]"), function (el) {
      ["src", "href"].forEach(function (attr) {
        var v = el.getAttribute(attr);
        if (!v || v.charAt(0) === "#" || /^[a-z][a-z0-9+.-]*:/i.test(v) || v.charAt(0) === "/") { return; }
        var u = new URL(v, base);
        var p = u.pathname.replace(/(^|\/)_?index\.md$/, "$1").replace(/\.md$/, "/");
        el.setAttribute(attr, p + u.search + u.hash);
      });
    });
  }
  body.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(preview, 250);
  });
  preview();

  var up = document.querySelector("form.ed-upload");
  if (!up) { return; }
  var status = up.querySelector(".ed-status");
  up.addEventListener("submit", function (ev) {
    ev.preventDefault();
    status.textContent = up.getAttribute("data-adding");
    fetch(up.getAttribute("action"), { method: "POST", body: new FormData(up), credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : r.text().then(function (t) { return Promise.reject(t); }); })
      .then(function (res) {
        var at = body.selectionStart || body.value.length;
        var text = "\n\n" + res.markdown + "\n\n";
        body.value = body.value.slice(0, at) + text + body.value.slice(at);
        body.focus();
        body.setSelectionRange(at + text.length, at + text.length);
        status.textContent = up.getAttribute("data-done").split("{file}").join(res.file);
        up.reset();
        preview();
      })
      .catch(function (msg) { status.textContent = String(msg || up.getAttribute("data-failed")); });
  });
})();
