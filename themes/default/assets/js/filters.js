/* oersite list filters. Without JavaScript each filter value is a link to
 * a page listing what carries it. With it, the links become checkboxes
 * that filter at once: values of one filter widen the list (or), filters
 * together narrow it (and); a live status says how many entries are shown.
 * Lists of the site's pages filter their entries (data-facets="country:IT
 * kind:offer"); the partners' catalogue filters every item of every
 * partner from window.oersitePartners (_partners/catalogue.js), not only
 * the page on screen.
 */
(function () {
  "use strict";
  var box = document.querySelector("[data-filters]");
  var nav = box && box.querySelector("[data-facets]");
  var list = document.querySelector("[data-list]");
  if (!box || !nav || !list) { return; }
  var labels = JSON.parse(box.getAttribute("data-labels") || "{}");
  var status = document.querySelector("[data-status]");
  var pager = document.querySelector("[data-pager]");
  var mode = box.getAttribute("data-filters");
  var data = mode === "partners" ? window.oersitePartners : null;
  if (mode === "partners" && !data) { return; } // a filtered page: its links work as they are
  var original = Array.prototype.slice.call(list.children);
  var serverStatus = status ? status.textContent : "";

  // Links become checkboxes with the same words.
  var n = 0;
  nav.querySelectorAll("a[data-facet]").forEach(function (a) {
    var id = "flt-" + (n++);
    var input = document.createElement("input");
    input.type = "checkbox";
    input.id = id;
    input.name = a.getAttribute("data-facet");
    input.value = a.getAttribute("data-value");
    input.checked = a.getAttribute("aria-current") === "page";
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = a.textContent;
    var li = a.parentNode;
    li.className = "filter-check";
    li.textContent = "";
    li.appendChild(input);
    li.appendChild(label);
  });
  var all = nav.querySelector(".filter-all");
  if (all) { all.hidden = true; }

  function selected() {
    var sel = {};
    nav.querySelectorAll("input:checked").forEach(function (i) { (sel[i.name] = sel[i.name] || []).push(i.value); });
    return sel;
  }
  function matches(values, sel) {
    return Object.keys(sel).every(function (f) {
      return sel[f].some(function (v) { return values.indexOf(f + ":" + v) >= 0; });
    });
  }
  function say(count) {
    if (status) { status.textContent = (count === 0 ? labels.none : labels.shown || "{count}").replace("{count}", count); }
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text) { e.textContent = text; }
    return e;
  }
  // The card of a partner's item, as the server writes it.
  function card(row) {
    var p = data.partners[row[6]];
    var li = el("li", "card card-partner");
    var kind = el("p", "card-kind");
    kind.appendChild(el("span", "kind", labels.from + " " + p[1]));
    li.appendChild(kind);
    var h = el("h2");
    var a = el("a", "", row[0]);
    a.href = row[1];
    a.rel = p[3] ? "external" : "external nofollow";
    h.appendChild(a);
    li.appendChild(h);
    if (row[2]) { li.appendChild(el("p", "summary", row[2])); }
    var meta = el("p", "meta attribution");
    if (row[9]) { meta.appendChild(document.createTextNode(labels.by + " " + row[9])); meta.appendChild(el("br")); }
    if (row[8]) {
      var lic = el("a", "licence-link", row[7]);
      lic.href = row[8];
      lic.rel = "license";
      meta.appendChild(lic);
    } else if (row[7]) {
      meta.appendChild(document.createTextNode(row[7]));
    }
    li.appendChild(meta);
    return li;
  }
  function partnerValues(row) {
    var p = data.partners[row[6]], out = ["partner:" + p[0], "country:" + p[2], "licence:" + row[7]];
    row[4].split(" ").forEach(function (t) { if (t) { out.push("type:" + t); } });
    row[5].split(" ").forEach(function (l) { if (l) { out.push("language:" + l); } });
    return out;
  }
  function update() {
    var sel = selected();
    var active = Object.keys(sel).length > 0;
    if (pager) { pager.hidden = active; }
    if (mode === "partners") {
      list.textContent = "";
      if (!active) {
        original.forEach(function (li) { list.appendChild(li); });
        if (status) { status.textContent = serverStatus; }
        return;
      }
      var count = 0;
      data.items.forEach(function (row) {
        if (matches(partnerValues(row), sel)) { count++; list.appendChild(card(row)); }
      });
      say(count);
      return;
    }
    var shown = 0;
    original.forEach(function (li) {
      var ok = matches((li.getAttribute("data-facets") || "").split(" "), sel) && !li.hasAttribute("data-closed");
      li.hidden = !ok;
      if (ok) { shown++; }
    });
    say(shown);
  }
  nav.addEventListener("change", update);
  document.addEventListener("oersite:closed", update);
  if (nav.querySelector("input:checked")) { update(); }
})();
