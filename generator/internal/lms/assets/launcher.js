/* oersite SCORM 1.2 package: the launcher. It finds the learning
 * platform's API (window.API in a parent or opener frame), shows the lessons
 * in a frame, and reports what the lesson pages tell it: lessons seen
 * (cmi.core.lesson_location, cmi.suspend_data), answers to the knowledge
 * checks (cmi.core.score.raw), and cmi.core.lesson_status "completed" once
 * every lesson is seen and every question answered. Without an API the
 * lessons work as plain pages. */
(function () {
  "use strict";
  var sco = JSON.parse(document.getElementById("sco").textContent);
  var frame = document.getElementById("lesson");
  var status = document.getElementById("status");
  var links = document.querySelectorAll(".toc a[data-n]");
  var state = { s: [], a: {} };
  var api = findAPI(window) || (window.opener && findAPI(window.opener));
  var finished = false, started = new Date().getTime();

  function findAPI(w) {
    for (var i = 0; w && i < 12; i++) {
      try { if (w.API && typeof w.API.LMSInitialize !== "undefined") { return w.API; } } catch (e) { return null; }
      if (w.parent === w) { return null; }
      w = w.parent;
    }
    return null;
  }
  function get(k) { return api ? String(api.LMSGetValue(k) || "") : ""; }
  function set(k, v) { if (api) { api.LMSSetValue(k, String(v)); } }

  if (api) {
    api.LMSInitialize("");
    try {
      var saved = JSON.parse(get("cmi.suspend_data") || "{}");
      if (saved && saved.s && saved.a) { state = saved; }
    } catch (e) { /* a platform's own data: start afresh */ }
    var where = get("cmi.core.lesson_location");
    if (where && sco.lessons.indexOf(where) >= 0) { frame.src = where; }
    if (get("cmi.core.lesson_status") === "not attempted" || get("cmi.core.lesson_status") === "") {
      set("cmi.core.lesson_status", "incomplete");
    }
  }

  function fill(s, n, count) { return s.replace("{n}", n).replace("{count}", count); }
  function seenLessons() { return state.s.filter(function (n) { return n > 0; }).length; }
  function answered() {
    var total = 0, done = 0, right = 0;
    Object.keys(sco.questions).forEach(function (n) {
      sco.questions[n].forEach(function (q) {
        total++;
        var a = state.a[n + ":" + q];
        if (a) { done++; if (a[1]) { right++; } }
      });
    });
    return { total: total, done: done, right: right };
  }

  function show(current) {
    var seen = seenLessons(), count = sco.lessons.length - 1, q = answered();
    var complete = seen === count && q.done === q.total;
    status.textContent = complete ? sco.done : fill(sco.progress, seen, count);
    links.forEach(function (a) {
      var n = Number(a.getAttribute("data-n"));
      a.classList.toggle("is-seen", n > 0 && state.s.indexOf(n) >= 0);
      if (n === current) { a.setAttribute("aria-current", "page"); } else { a.removeAttribute("aria-current"); }
    });
    return { complete: complete, q: q };
  }

  function save(current) {
    var r = show(current);
    if (!api) { return; }
    set("cmi.core.lesson_location", sco.lessons[current]);
    set("cmi.suspend_data", JSON.stringify(state));
    if (r.q.total > 0 && r.q.done > 0) {
      set("cmi.core.score.min", 0);
      set("cmi.core.score.max", 100);
      set("cmi.core.score.raw", Math.round(100 * r.q.right / r.q.total));
    }
    if (r.complete) { set("cmi.core.lesson_status", "completed"); }
    api.LMSCommit("");
  }

  window.addEventListener("message", function (e) {
    var d = e.data;
    if (e.source !== frame.contentWindow || !d || typeof d.n !== "number" || !sco.lessons[d.n]) { return; }
    if (d.oersite === "seen") {
      if (state.s.indexOf(d.n) < 0) { state.s.push(d.n); }
      var restore = {};
      (sco.questions[d.n] || []).forEach(function (q) {
        var a = state.a[d.n + ":" + q];
        if (a) { restore[q] = a[0]; }
      });
      frame.contentWindow.postMessage({ oersite: "restore", answers: restore }, "*");
      save(d.n);
    } else if (d.oersite === "answer" && (sco.questions[d.n] || []).indexOf(d.q) >= 0) {
      state.a[d.n + ":" + d.q] = [String(d.chosen), d.right ? 1 : 0];
      save(d.n);
    }
  });

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function finish() {
    if (!api || finished) { return; }
    finished = true;
    var t = Math.round((new Date().getTime() - started) / 1000);
    set("cmi.core.session_time", pad(Math.floor(t / 3600)) + ":" + pad(Math.floor(t / 60) % 60) + ":" + pad(t % 60));
    set("cmi.core.exit", show(-1).complete ? "" : "suspend");
    api.LMSCommit("");
    api.LMSFinish("");
  }
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
  show(-1);
})();
