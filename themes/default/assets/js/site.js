/* oersite default theme: small enhancements. The site works without them.
 * - "mark as done" for lessons, kept in this browser's localStorage only
 * - webinar times shown in the visitor's own time zone
 * - videos loaded from their host only when the reader asks
 * - the root page offers the browser's preferred language
 */
(function () {
  "use strict";
  var store = {
    get: function (k) { try { return JSON.parse(localStorage.getItem(k) || "null"); } catch (e) { return null; } },
    set: function (k, v) { try { localStorage.setItem(k, JSON.stringify(v)); } catch (e) { /* private mode */ } }
  };
  var DONE = "oersite-done";
  function doneSet() { return store.get(DONE) || {}; }

  // Mark a lesson as done.
  var lesson = document.querySelector("article.lesson[data-lesson]");
  var box = document.querySelector(".mark-done");
  if (lesson && box) {
    var id = lesson.getAttribute("data-lesson");
    var btn = box.querySelector("button");
    var render = function () {
      var done = !!doneSet()[id];
      btn.setAttribute("aria-pressed", done ? "true" : "false");
      btn.textContent = btn.getAttribute(done ? "data-label-done" : "data-label-todo");
    };
    btn.addEventListener("click", function () {
      var d = doneSet();
      if (d[id]) { delete d[id]; } else { d[id] = true; }
      store.set(DONE, d);
      render();
    });
    box.hidden = false;
    render();
  }

  // Show progress on a module page.
  var items = document.querySelectorAll(".module .lessons li[data-lesson]");
  if (items.length) {
    var d = doneSet(), n = 0;
    items.forEach(function (li) {
      if (d[li.getAttribute("data-lesson")]) {
        n++;
        li.classList.add("done");
        var m = li.querySelector(".done-mark");
        if (m) { m.hidden = false; }
      }
    });
    var summary = document.querySelector(".progress-summary");
    if (summary && n > 0) {
      summary.textContent = summary.getAttribute("data-progress-text").replace("{n}", n).replace("{count}", items.length);
      summary.hidden = false;
    }
  }

  // Webinar times in the visitor's time zone, keeping the event's own time in a tooltip.
  var lang = document.documentElement.lang || undefined;
  document.querySelectorAll("time[data-local]").forEach(function (t) {
    var when = new Date(t.getAttribute("datetime"));
    if (isNaN(when)) { return; }
    try {
      var local = when.toLocaleString(lang, { weekday: "short", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" });
      t.title = t.textContent;
      t.textContent = local;
    } catch (e) { /* keep the event's own time */ }
  });

  // Videos: load the player only on request.
  document.querySelectorAll("figure.embed[data-embed-src]").forEach(function (fig) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "button secondary";
    var label = document.documentElement.getAttribute("data-embed-label") || "Load video from";
    b.textContent = "▶ " + label + " " + fig.getAttribute("data-embed-host");
    b.addEventListener("click", function () {
      var f = document.createElement("iframe");
      f.src = fig.getAttribute("data-embed-src");
      f.title = fig.getAttribute("data-embed-title") || "video";
      f.allow = "fullscreen; picture-in-picture";
      f.setAttribute("sandbox", "allow-scripts allow-same-origin allow-presentation");
      f.loading = "lazy";
      fig.replaceChild(f, b);
    });
    fig.insertBefore(b, fig.firstChild);
  });

  // Root page: offer the browser's own language first.
  var choice = document.getElementById("language-choice");
  if (choice && navigator.languages) {
    var codes = Array.prototype.map.call(choice.querySelectorAll("a[data-lang]"), function (a) { return a.getAttribute("data-lang"); });
    var want = navigator.languages.map(function (l) { return l.toLowerCase().split("-")[0]; }).filter(function (l) { return codes.indexOf(l) >= 0; })[0];
    if (want) {
      var a = choice.querySelector('a[data-lang="' + want + '"]');
      if (a) { choice.insertBefore(a.parentNode, choice.firstChild); a.focus(); }
    }
  }
})();

/* Header and disclosures (the page works without this):
 * - on phones the search button opens the header's search box in place;
 * - one disclosure (Menu, language) open at a time, closed by Escape or a click elsewhere;
 * - "needs an internet connection" notes are hidden from visitors who are online. */
(function () {
  "use strict";
  var toggle = document.querySelector(".search-toggle");
  var form = document.getElementById("header-search");
  if (toggle && form) {
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("role", "button");
    toggle.addEventListener("click", function (e) {
      e.preventDefault();
      var open = form.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) {
        closeDisclosures(null);
        form.querySelector("input").focus();
      }
    });
  }
  var disclosures = Array.prototype.slice.call(document.querySelectorAll("details.disclosure"));
  function closeDisclosures(except) {
    disclosures.forEach(function (d) { if (d !== except) { d.open = false; } });
  }
  disclosures.forEach(function (d) {
    d.addEventListener("toggle", function () {
      if (d.open) {
        closeDisclosures(d);
        if (form) { form.classList.remove("open"); }
        if (toggle) { toggle.setAttribute("aria-expanded", "false"); }
      }
    });
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") { return; }
    disclosures.forEach(function (d) {
      if (d.open) { d.open = false; d.querySelector("summary").focus(); }
    });
    if (form && form.classList.contains("open")) { form.classList.remove("open"); toggle.setAttribute("aria-expanded", "false"); toggle.focus(); }
  });
  document.addEventListener("click", function (e) {
    disclosures.forEach(function (d) { if (d.open && !d.contains(e.target)) { d.open = false; } });
  });
  // Diagrams: a link under each, to open the picture on its own, full size.
  var enlarge = document.documentElement.getAttribute("data-enlarge-label");
  document.querySelectorAll('.prose img[src$=".svg"]').forEach(function (img) {
    if (!enlarge || img.closest("a")) { return; }
    var p = document.createElement("span");
    p.className = "enlarge";
    var a = document.createElement("a");
    a.href = img.getAttribute("src");
    a.textContent = enlarge;
    p.appendChild(a);
    img.insertAdjacentElement("afterend", p);
  });
  function internetNotes() {
    document.querySelectorAll(".needs-internet").forEach(function (n) { n.hidden = navigator.onLine; });
  }
  window.addEventListener("online", internetNotes);
  window.addEventListener("offline", internetNotes);
  internetNotes();
})();
