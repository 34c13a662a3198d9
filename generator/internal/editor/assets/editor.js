/* oersite editor: live preview through the server's renderer, and pictures
 * added where the cursor is. The editor works without it (save, then look). */
(function () {
  "use strict";
  // A page to correct as a whole text: each error at a line gets a button
  // that selects that line in the text box, for phones where counting
  // lines in a box is hard, and, where check knows the line as it should
  // be written, one that puts it in place (the author then saves).
  var fix = document.querySelector("form.ed-fix textarea");
  var check = document.querySelector(".ed-check[data-goto]");
  // Under the box, the line the cursor is on, as check counts lines.
  var caret = document.getElementById("text-caret");
  var sayLine = function () {};
  if (fix && caret) {
    sayLine = function () {
      var line = fix.value.slice(0, fix.selectionStart).split("\n").length;
      caret.textContent = caret.getAttribute("data-line").split("{line}").join(String(line));
    };
    ["keyup", "click", "select", "input", "focus"].forEach(function (e) { fix.addEventListener(e, sayLine); });
    caret.hidden = false;
    sayLine();
  }
  if (fix && check) {
    Array.prototype.forEach.call(check.querySelectorAll("li[data-line]"), function (li) {
      var line = parseInt(li.getAttribute("data-line"), 10);
      var said = li.getAttribute("data-fix");
      if (said !== null) {
        li.appendChild(button(check.getAttribute("data-apply"), "ed-apply", function () { replaceLine(fix, line, said); }));
      }
      li.appendChild(button(check.getAttribute("data-goto").split("{line}").join(String(line)), "ed-goto", function () { selectLine(fix, line); }));
    });
  }
  function button(text, kind, click) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "button secondary " + kind;
    b.textContent = text;
    b.addEventListener("click", click);
    return b;
  }
  function replaceLine(box, line, text) {
    var lines = box.value.split("\n");
    if (line < 1 || line > lines.length) { return; }
    lines[line - 1] = text;
    box.value = lines.join("\n");
    selectLine(box, line);
  }
  function selectLine(box, line) {
    var lines = box.value.split("\n");
    var start = 0;
    for (var i = 0; i < line - 1 && i < lines.length; i++) { start += lines[i].length + 1; }
    var end = start + (lines[line - 1] || "").length;
    box.focus();
    box.setSelectionRange(start, end);
    sayLine();
    var height = parseFloat(getComputedStyle(box).lineHeight) || 24;
    box.scrollTop = Math.max(0, (line - 3) * height);
    box.scrollIntoView({ block: "center" });
  }

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
