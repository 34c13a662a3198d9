/* oersite default theme: the learner's progress, kept in this browser only
 * (localStorage; nothing is sent anywhere) and keyed by the pages'
 * translation keys, so that it is the same in every language. The pages
 * work without it; it adds:
 * - "Mark as done" on lessons, and ticks wherever lessons are listed;
 * - "Continue: lesson 3" / "Completed on ..." on module and path pages;
 * - progress on module cards and path steps, "Continue where you left off"
 *   on the home page;
 * - a link to the certificate once a module or path is done.
 * Moving progress to another device and forgetting it: progress-tools.js;
 * the certificate: certificate.js.
 * Strings come from data-* attributes the templates write in the page's
 * language. window.oersiteProgress is the store, for quiz.js. */
(function () {
  "use strict";
  var KEY = "oersite-progress";
  var doc = document;
  var lang = doc.documentElement.lang || undefined;

  function get(k) { try { return JSON.parse(localStorage.getItem(k) || "null"); } catch (e) { return null; } }
  function put(k, v) { try { localStorage.setItem(k, JSON.stringify(v)); return true; } catch (e) { return false; } }
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  }

  // The store: v = version, l = lessons done (date), q = knowledge checks
  // ([right, of]), m = modules completed (date), last = last lesson opened.
  var P = {
    data: function () {
      var d = get(KEY);
      if (!d || d.v !== 1) { d = { v: 1, l: {}, q: {}, m: {} }; }
      var old = get("oersite-done"); // before 2026-12: lessons done by address
      if (old) {
        Object.keys(old).forEach(function (u) {
          var m = /^[^/]+\/(modules\/.+)\/$/.exec(u);
          if (m && !d.l[m[1]]) { d.l[m[1]] = today(); }
        });
        try { localStorage.removeItem("oersite-done"); } catch (e) { /* keep it */ }
        put(KEY, d);
      }
      return d;
    },
    save: function (d) {
      put(KEY, d);
      doc.dispatchEvent(new CustomEvent("oersite:progress"));
    },
    // setLesson marks lesson k done or not; the module is completed, with
    // the date, when all its lessons are.
    setLesson: function (k, done, mod, lessons) {
      var d = P.data();
      if (done) { d.l[k] = d.l[k] || today(); } else { delete d.l[k]; }
      if (mod) {
        if (lessons.every(function (x) { return d.l[x]; })) { d.m[mod] = d.m[mod] || today(); } else { delete d.m[mod]; }
      }
      P.save(d);
    },
    quiz: function (k, id, right, of) {
      var d = P.data();
      d.q[k + "#" + id] = [right, of];
      P.save(d);
    }
  };
  window.oersiteProgress = P;

  function attr(el, a) { return el.getAttribute(a) || ""; }
  function lessonKeys(el) { try { return JSON.parse(attr(el, "data-lessons") || "[]"); } catch (e) { return []; } }
  function fill(s, map) { return s.replace(/\{(\w+)\}/g, function (m, k) { return k in map ? map[k] : m; }); }
  function day(iso) {
    try { return new Date(iso + "T12:00:00").toLocaleDateString(lang, { day: "numeric", month: "long", year: "numeric" }); } catch (e) { return iso; }
  }
  function count(d, keys) { return keys.filter(function (k) { return d.l[k]; }).length; }

  // The lesson page: "Mark as done", and the lesson opened last.
  var lesson = doc.querySelector("article.lesson[data-key]");
  var box = doc.querySelector(".mark-done");
  if (lesson) {
    var id = attr(lesson, "data-key");
    var d0 = P.data();
    d0.last = id;
    put(KEY, d0);
    if (box) {
      var btn = box.querySelector("button");
      btn.addEventListener("click", function () {
        P.setLesson(id, !P.data().l[id], attr(lesson, "data-module-key"), JSON.parse(attr(lesson, "data-module-lessons") || "[]"));
      });
      box.hidden = false;
    }
  }

  // "Continue" buttons: a[data-continue] inside an element listing lessons
  // (li[data-key] with a link); its text becomes "Continue: <title>" once
  // one lesson is done, and it leads to the first lesson not done.
  function continueButton(scope, d) {
    var a = scope.querySelector("a[data-continue]");
    if (!a) { return; }
    if (!a.hasAttribute("data-start-href")) {
      a.setAttribute("data-start-href", attr(a, "href"));
      a.setAttribute("data-start-html", a.innerHTML);
    }
    var items = scope.querySelectorAll(".lessons li[data-key], .lesson-list li[data-key]");
    var done = 0, next = null;
    items.forEach(function (li) {
      if (d.l[attr(li, "data-key")]) { done++; } else if (!next) { next = li; }
    });
    if (done > 0 && next) {
      var link = next.querySelector("a");
      var icon = a.querySelector("svg");
      a.href = attr(link, "href");
      a.textContent = fill(attr(a, "data-text"), { title: (link.querySelector(".lesson-title") || link).textContent });
      if (icon) { a.appendChild(icon); }
    } else {
      a.href = attr(a, "data-start-href");
      a.innerHTML = attr(a, "data-start-html");
    }
  }

  function render() {
    var d = P.data();
    if (lesson && box) {
      var b = box.querySelector("button"), isDone = !!d.l[attr(lesson, "data-key")];
      b.setAttribute("aria-pressed", isDone ? "true" : "false");
      b.textContent = attr(b, isDone ? "data-label-done" : "data-label-todo");
    }
    // ticks wherever lessons are listed
    doc.querySelectorAll(".lessons li[data-key], .lesson-list li[data-key]").forEach(function (li) {
      var isDone = !!d.l[attr(li, "data-key")];
      li.classList.toggle("done", isDone);
      var m = li.querySelector(".done-mark");
      if (m) { m.hidden = !isDone; }
    });
    // a module page: continue, or completed with the date
    doc.querySelectorAll("article.module[data-key]").forEach(function (mod) {
      var keys = Array.prototype.map.call(mod.querySelectorAll(".lessons li[data-key]"), function (li) { return attr(li, "data-key"); });
      var n = count(d, keys);
      var status = mod.querySelector(".module-status");
      var when = d.m[attr(mod, "data-key")];
      if (status) {
        status.hidden = !(n > 0);
        status.textContent = when ? fill(attr(status, "data-done"), { date: day(when) }) : fill(attr(status, "data-text"), { n: n, count: keys.length });
        status.classList.toggle("completed", !!when);
      }
      if (!when && keys.length && n === keys.length) { // done elsewhere (imported, another tab)
        d.m[attr(mod, "data-key")] = today();
        put(KEY, d);
      }
      var start = mod.querySelector(".start");
      if (start) { start.hidden = !!when; }
      certificate(mod, keys.length && n === keys.length);
      continueButton(mod, d);
    });
    // module cards and path steps: n of count lessons done, or completed
    doc.querySelectorAll("[data-lessons][data-key]").forEach(function (el) {
      var keys = lessonKeys(el), n = count(d, keys), out = el.querySelector(".progress-status");
      var complete = keys.length > 0 && n === keys.length;
      el.classList.toggle("done", complete);
      if (!out) { return; }
      out.hidden = n === 0;
      out.textContent = complete ? attr(out, "data-done") : fill(attr(out, "data-text"), { n: n, count: keys.length });
    });
    doc.querySelectorAll("article.path").forEach(function (path) {
      var steps = path.querySelectorAll(".step[data-lessons]");
      certificate(path, steps.length > 0 && Array.prototype.every.call(steps, function (s) { return s.classList.contains("done"); }));
      continueButton(path, d);
    });
    home(d);
  }

  // The link to the certificate, shown once everything is done.
  function certificate(scope, complete) {
    var c = scope.querySelector("[data-certificate]");
    if (c) { c.hidden = !complete; }
  }

  // The home page: continue where you left off, from the lesson opened last,
  // found in this language's list of lessons (data-lessons-index).
  function home(d) {
    var p = doc.querySelector("[data-continue-home]");
    if (!p) { return; }
    p.hidden = true;
    if (!d.last) { return; }
    var index;
    try { index = JSON.parse(attr(p, "data-lessons-index")); } catch (e) { return; }
    var l = index[d.last];
    if (!l) { return; }
    var a = p.querySelector("a");
    a.href = l[0];
    a.querySelector(".continue-title").textContent = l[1];
    p.hidden = false;
  }

  render();
  doc.addEventListener("oersite:progress", render);
  window.addEventListener("storage", function (e) { if (e.key === KEY) { render(); } });
})();
