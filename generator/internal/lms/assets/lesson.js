/* oersite learning-platform packages: a lesson page's knowledge checks.
 * Without this script every question keeps its answers in a "Show the
 * answer" disclosure. With it the learner checks a choice in the page. In a
 * SCORM package (body[data-report]) the page tells the package's launcher,
 * its parent frame, that it was seen and what was answered, and the
 * launcher sends back earlier answers to show again. */
(function () {
  "use strict";
  var report = document.body.getAttribute("data-report");
  var parent = window.parent !== window ? window.parent : null;
  var checks = {};

  function send(msg) {
    if (report === null || !parent) { return; }
    msg.oersite = msg.oersite || "";
    msg.n = Number(report);
    parent.postMessage(msg, "*");
  }

  function setup(form) {
    var label = function (k) { return form.getAttribute("data-l-" + k) || ""; };
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.querySelectorAll(".quiz-question").forEach(function (q) {
      var actions = q.querySelector(".quiz-actions");
      var out = q.querySelector(".quiz-feedback");
      var answers = q.querySelector(".quiz-answers");
      if (!actions || !out || !answers) { return; }
      var inputs = q.querySelectorAll("input");
      actions.hidden = false;
      answers.hidden = true;
      function check(quiet) {
        var chosen = [], values = [], right = 0, wrong = 0, total = 0;
        inputs.forEach(function (input) {
          var a = answers.querySelector('[data-option="' + input.value + '"]');
          var ok = !!a && a.classList.contains("quiz-right");
          var li = input.parentNode;
          if (ok) { total++; }
          li.classList.remove("is-right", "is-wrong");
          if (input.checked && a) {
            chosen.push(a);
            values.push(input.value);
            if (ok) { right++; } else { wrong++; }
            li.classList.add(ok ? "is-right" : "is-wrong");
          }
        });
        out.textContent = "";
        if (!chosen.length) {
          out.textContent = label("choose");
          inputs[0].focus();
          return;
        }
        var pass = wrong === 0 && right === total;
        var verdict = document.createElement("p");
        verdict.className = "quiz-result " + (pass ? "is-right" : "is-wrong");
        verdict.textContent = label(pass ? "correct" : right > 0 ? "partly" : "again");
        var list = document.createElement("ul");
        chosen.forEach(function (a) { list.appendChild(a.cloneNode(true)); });
        out.appendChild(verdict);
        out.appendChild(list);
        answers.hidden = false;
        if (!quiet) { send({ oersite: "answer", q: q.id, chosen: values.join(","), right: pass }); }
      }
      checks[q.id] = function (values) {
        inputs.forEach(function (input) { input.checked = values.indexOf(input.value) >= 0; });
        check(true);
      };
      actions.querySelector("button").addEventListener("click", function () { check(false); });
    });
  }

  document.querySelectorAll("form.quiz").forEach(setup);
  window.addEventListener("message", function (e) {
    var d = e.data;
    if (e.source !== parent || !d || d.oersite !== "restore" || !d.answers) { return; }
    Object.keys(d.answers).forEach(function (id) {
      if (checks[id]) { checks[id](String(d.answers[id]).split(",")); }
    });
  });
  var questions = Object.keys(checks);
  send({ oersite: "seen", questions: questions });
})();
