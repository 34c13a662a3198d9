/* oersite learning-platform packages: the bridge between a lesson page of a
 * SCORM package (body[data-report]) and the package's launcher, its parent
 * frame. The knowledge checks themselves are marked by the theme's quiz
 * script, included before this one: it announces each answer with an
 * "oersite:answer" event and shows an earlier answer again on
 * "oersite:restore". This script tells the launcher that the page was seen
 * and what the learner answered, and passes the answers the launcher sends
 * back to their questions. */
(function () {
  "use strict";
  var report = document.body.getAttribute("data-report");
  var parent = window.parent !== window ? window.parent : null;
  if (report === null || !parent) { return; }

  function send(msg) {
    msg.n = Number(report);
    parent.postMessage(msg, "*");
  }

  document.addEventListener("oersite:answer", function (e) {
    var d = e.detail;
    if (!d || d.restored) { return; }
    send({ oersite: "answer", q: d.question, chosen: d.chosen.join(","), right: d.right });
  });
  window.addEventListener("message", function (e) {
    var d = e.data;
    if (e.source !== parent || !d || d.oersite !== "restore" || !d.answers) { return; }
    Object.keys(d.answers).forEach(function (id) {
      var q = document.getElementById(id);
      if (q && q.classList.contains("quiz-question")) {
        q.dispatchEvent(new CustomEvent("oersite:restore", { detail: String(d.answers[id]).split(",") }));
      }
    });
  });
  send({ oersite: "seen" });
})();
