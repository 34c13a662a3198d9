/* oersite default theme: knowledge checks (:::quiz). Loaded only on pages
 * that have one. Without it every question keeps its answers and feedback
 * in a "Show the answer" disclosure; with it the learner checks a choice in
 * the page, hears the feedback (aria-live), and the result is kept on this
 * device only (window.oersiteProgress, from site.js).
 *
 * The same script marks the checks inside a module's learning-platform
 * packages (oersite export scorm/cartridge), where there is no site.js. It
 * tells the page what was answered with an "oersite:answer" event on the
 * question (bubbling; detail: question id, chosen values, right, restored)
 * and shows earlier answers again when a question receives
 * "oersite:restore" (detail: the chosen values). */
(function () {
  "use strict";
  var P = window.oersiteProgress;
  var lesson = document.querySelector("article.lesson[data-key]");
  var page = (lesson && lesson.getAttribute("data-key")) || location.pathname;

  function fill(s, n, count) { return s.replace("{n}", n).replace("{count}", count); }

  function setup(form) {
    var questions = form.querySelectorAll(".quiz-question");
    var score = form.querySelector(".quiz-score");
    var passed = {};
    var label = function (k) { return form.getAttribute("data-l-" + k) || ""; };
    form.addEventListener("submit", function (e) { e.preventDefault(); });

    function finish() {
      var right = 0, answered = 0;
      questions.forEach(function (q) {
        if (q.id in passed) { answered++; }
        if (passed[q.id]) { right++; }
      });
      if (answered < questions.length) { return; }
      var all = right === questions.length;
      if (score) { score.textContent = all && lesson ? label("passed") : fill(label("score"), right, questions.length); }
      if (P) {
        P.quiz(page, form.id, right, questions.length);
        if (all && lesson && !P.data().l[page]) {
          P.setLesson(page, true, lesson.getAttribute("data-module-key"), JSON.parse(lesson.getAttribute("data-module-lessons") || "[]"));
        }
      }
    }

    questions.forEach(function (q) {
      var actions = q.querySelector(".quiz-actions");
      var out = q.querySelector(".quiz-feedback");
      var answers = q.querySelector(".quiz-answers");
      if (!actions || !out || !answers) { return; }
      var inputs = q.querySelectorAll("input");
      actions.hidden = false;
      answers.hidden = true;
      function check(restored) {
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
        if (!(q.id in passed) || pass) { passed[q.id] = pass; }
        finish();
        q.dispatchEvent(new CustomEvent("oersite:answer", {
          bubbles: true,
          detail: { question: q.id, chosen: values, right: pass, restored: restored }
        }));
      }
      actions.querySelector("button").addEventListener("click", function () { check(false); });
      q.addEventListener("oersite:restore", function (e) {
        var values = e.detail || [];
        inputs.forEach(function (input) { input.checked = values.indexOf(input.value) >= 0; });
        check(true);
      });
    });
    var before = P && P.data().q[page + "#" + form.id];
    if (before && score) { score.textContent = fill(label("score"), before[0], before[1]); }
  }

  document.querySelectorAll("form.quiz").forEach(setup);
})();
