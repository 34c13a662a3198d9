/* oersite opportunities: hide what has closed by the visitor's own clock.
 * The build leaves out opportunities whose closing date had passed when it
 * ran; a page built earlier may still list one. Each element with
 * data-closes="YYYY-MM-DD" is open to the end of that day in the visitor's
 * time zone: after it, a list entry is hidden and an opportunity's page
 * says it has closed and hides its contact button. Without JavaScript the
 * build's date decides alone.
 * (Webinars move from upcoming to past by the same clock in their own
 * script; the two can share one helper.)
 */
(function () {
  "use strict";
  function closed(day, now) {
    var p = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day || "");
    if (!p) { return false; }
    var end = new Date(+p[1], +p[2] - 1, +p[3] + 1); // local midnight after the closing day
    return now >= end;
  }
  function apply(now) {
    document.querySelectorAll("[data-closes]").forEach(function (el) {
      if (!closed(el.getAttribute("data-closes"), now)) { return; }
      if (el.tagName === "LI") {
        el.hidden = true;
        el.setAttribute("data-closed", "");
        return;
      }
      var note = el.querySelector("[data-closed-note]");
      if (note) { note.hidden = false; }
      el.querySelectorAll("[data-open-only]").forEach(function (x) { x.hidden = true; });
    });
    document.dispatchEvent(new CustomEvent("oersite:closed"));
  }
  window.oersiteClosing = { closed: closed, apply: apply };
  apply(new Date());
})();
