/* oersite default theme: the certificate of completion (layouts/
 * certificate.html). From the progress kept on this device it decides
 * whether every lesson and knowledge check of the module (or path) is
 * done; if so it shows the certificate with the date the last one was
 * done and the name the learner types, and prints it (the print
 * stylesheet prints the certificate alone). The name is not stored. */
(function () {
  "use strict";
  var page = document.querySelector(".certificate-page");
  var P = window.oersiteProgress;
  if (!page || !P) { return; }
  function list(a) { try { return JSON.parse(page.getAttribute(a) || "[]"); } catch (e) { return []; } }
  var lessons = list("data-lessons"), checks = list("data-checks");
  var todo = page.querySelector(".certificate-todo"), form = page.querySelector(".certificate-form");
  var cert = page.querySelector(".certificate"), name = page.querySelector(".certificate-name");
  var input = form.querySelector("input");
  var lang = document.documentElement.lang || undefined;

  function day(iso) {
    try { return new Date(iso + "T12:00:00").toLocaleDateString(lang, { day: "numeric", month: "long", year: "numeric" }); } catch (e) { return iso; }
  }

  function render() {
    var d = P.data(), done = 0, last = "";
    lessons.forEach(function (k) {
      if (d.l[k]) { done++; if (d.l[k] > last) { last = d.l[k]; } }
    });
    checks.forEach(function (k) {
      var q = d.q[k];
      if (q && q[1] > 0 && q[0] === q[1]) { done++; }
    });
    var all = lessons.length + checks.length, complete = done === all && all > 0;
    page.querySelector("[data-certificate-nojs]").hidden = true;
    todo.hidden = complete;
    form.hidden = !complete;
    cert.hidden = !complete;
    page.querySelector(".certificate-count").textContent = page.getAttribute("data-text-todo").replace("{n}", done).replace("{count}", all);
    page.querySelector(".certificate-date").textContent = last ? day(last) : "";
    page.querySelector(".certificate-date").setAttribute("data-iso", last);
  }

  function showName() {
    var v = input.value.replace(/\s+/g, " ").trim();
    name.textContent = v || name.getAttribute("data-empty");
    name.classList.toggle("empty", !v);
  }
  input.addEventListener("input", showName);
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    if (!input.value.trim()) { input.focus(); return; }
    showName();
    window.print();
  });
  showName();
  render();
  document.addEventListener("oersite:progress", render);
  window.addEventListener("storage", render);
})();
