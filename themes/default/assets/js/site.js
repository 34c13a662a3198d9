/* oersite default theme: small enhancements. The site works without them.
 * - webinar times in the visitor's own time zone and language; past or upcoming by the visitor's clock
 * - videos loaded from their host only when the reader asks
 * - the root page offers the browser's preferred language
 */
(function () {
  "use strict";
  // ---- Webinar time and status (markup: partials/webinar-time.html, webinar.html,
  // section-webinars.html). The build writes the event's own time in the page's language;
  // here it is shown again in the visitor's zone, in the page's language (24-hour where that
  // locale uses it), with the event's zone in words and a relative day. Past or upcoming is
  // decided again against this device's clock: a copy opened long after its build (the
  // offline zip, a site not rebuilt) must not offer "Join" for a webinar that is over.
  var WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  function fill(tpl, vals) { return String(tpl || "").replace(/\{(\w+)\}/g, function (m, k) { return vals[k] !== undefined ? vals[k] : m; }); }
  // The locale for a page language: the visitor's own variant of it (en-GB, de-AT) when the
  // system's or the browser's locale is one, else the language itself; null when Intl does
  // not know the language at all.
  function whenLocale(lang) {
    var base = lang.toLowerCase().split("-")[0];
    var system = new Intl.DateTimeFormat().resolvedOptions().locale;
    var cands = [system].concat(navigator.languages || [navigator.language]).filter(function (l) { return l && l.toLowerCase().split("-")[0] === base; });
    cands.push(lang);
    for (var i = 0; i < cands.length; i++) {
      try { if (Intl.DateTimeFormat.supportedLocalesOf([cands[i]]).length) { return cands[i]; } } catch (e) { /* not a locale tag */ }
    }
    return null;
  }
  // Numeric parts of a time in a zone (undefined: the visitor's), whatever the language.
  function timeParts(d, zone) {
    var o = { year: "numeric", month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", weekday: "short" };
    if (zone) { o.timeZone = zone; }
    var out = {};
    new Intl.DateTimeFormat("en-US", o).formatToParts(d).forEach(function (p) { out[p.type] = p.value; });
    out.wd = WEEKDAYS.indexOf(out.weekday);
    out.dayNumber = Date.UTC(+out.year, out.month - 1, +out.day) / 86400000;
    return out;
  }
  function dateText(d, zone, long, loc, T) {
    if (loc) {
      var o = long ? { weekday: "long", day: "numeric", month: "long", year: "numeric" } : { day: "numeric", month: "long", year: "numeric" };
      if (zone) { o.timeZone = zone; }
      return new Intl.DateTimeFormat(loc, o).format(d);
    }
    var p = timeParts(d, zone);
    return fill(long ? T.long : T.date, { weekday: T.weekdays[p.wd], day: +p.day, month: T.months[p.month - 1], year: p.year });
  }
  function clockText(d, zone, loc) {
    if (loc) {
      var o = { hour: "numeric", minute: "2-digit" };
      if (zone) { o.timeZone = zone; }
      return new Intl.DateTimeFormat(loc, o).format(d);
    }
    var p = timeParts(d, zone);
    return p.hour + ":" + p.minute;
  }
  function weekdayText(d, zone, loc, T) {
    return loc ? new Intl.DateTimeFormat(loc, { weekday: "long", timeZone: zone }).format(d) : T.weekdays[timeParts(d, zone).wd];
  }
  function relativeDay(days, loc, T) {
    var rtf = null;
    try { rtf = loc && Intl.RelativeTimeFormat.supportedLocalesOf([loc]).length ? new Intl.RelativeTimeFormat(loc, { numeric: "auto" }) : null; } catch (e) { rtf = null; }
    if (!rtf) { return days === 0 ? T.today : days === 1 ? T.tomorrow : ""; }
    var a = Math.abs(days);
    if (a < 21) { return rtf.format(days, "day"); }
    if (a < 60) { return rtf.format(Math.round(days / 7), "week"); }
    if (a < 730) { return rtf.format(Math.round(days / 30.44), "month"); }
    return rtf.format(Math.round(days / 365.25), "year");
  }
  function showWhen(t, now) {
    var start = new Date(t.getAttribute("datetime")), end = Date.parse(t.getAttribute("data-end"));
    if (isNaN(start)) { return; }
    var T = JSON.parse(t.getAttribute("data-when-text") || "{}");
    var zone = t.getAttribute("data-zone"), place = t.getAttribute("data-place");
    var loc = whenLocale((t.closest("[lang]") || document.documentElement).lang || "en");
    var mine = timeParts(start), theirs = zone ? timeParts(start, zone) : null;
    var rel = start <= now && now < end ? T.live : relativeDay(mine.dayNumber - timeParts(now).dayNumber, loc, T);
    var local = clockText(start, undefined, loc, T);
    var yours = fill(T.your, { time: local });
    var day = dateText(start, undefined, t.getAttribute("data-when") === "long", loc, T);
    if (t.getAttribute("data-when") !== "long") {
      t.textContent = day + ", " + yours + (rel ? " · " + rel : "");
      return;
    }
    var clock = yours;
    if (theirs && place) {
      var same = theirs.dayNumber === mine.dayNumber && theirs.hour === mine.hour && theirs.minute === mine.minute;
      clock = same ? fill(T.same, { time: local, place: place })
        : yours + " · " + fill(T.at, { time: clockText(start, zone, loc, T), place: place }) +
          (theirs.dayNumber !== mine.dayNumber ? " (" + weekdayText(start, zone, loc, T) + ")" : "");
    }
    t.textContent = "";
    [day + (rel ? " · " + rel : ""), clock].forEach(function (text, i) {
      var span = document.createElement("span");
      span.className = i ? "when-clock" : "when-day";
      span.textContent = text;
      t.appendChild(span);
    });
  }
  function updateWebinars() {
    var now = new Date();
    document.querySelectorAll("time[data-when-text]").forEach(function (t) {
      try { showWhen(t, now); } catch (e) { /* an old browser, an unknown zone or locale: keep the build's text */ }
    });
    document.querySelectorAll("[data-webinar-end]").forEach(function (box) {
      var end = Date.parse(box.getAttribute("data-webinar-end"));
      if (isNaN(end)) { return; }
      box.querySelectorAll(".webinar-upcoming").forEach(function (el) { el.hidden = end <= now; });
      box.querySelectorAll(".webinar-past").forEach(function (el) { el.hidden = end > now; });
    });
    // Webinars, and partners' events, that have ended since the build move to the past list (newest first).
    ["data-webinars", "data-partner-events"].forEach(function (attr) {
      var pastList = document.querySelector("ul[" + attr + '="past"]');
      document.querySelectorAll("ul[" + attr + '="upcoming"] > li').forEach(function (li) {
        var t = li.querySelector("time[data-end]");
        if (!t || Date.parse(t.getAttribute("data-end")) > now) { return; }
        if (pastList) { pastList.insertBefore(li, pastList.firstChild); } else { li.parentNode.removeChild(li); }
      });
    });
    document.querySelectorAll("ul[data-partner-events]").forEach(function (ul) {
      var empty = !ul.querySelector("li"), title = ul.previousElementSibling;
      ul.hidden = empty;
      if (title && title.classList.contains("partner-events-title")) { title.hidden = empty; }
    });
    document.querySelectorAll("ul[data-webinars]").forEach(function (ul) {
      var empty = !ul.querySelector("li");
      ul.hidden = empty;
      var none = ul.nextElementSibling;
      if (none && none.classList.contains("webinars-none")) { none.hidden = !empty; }
    });
    // Again when the next webinar on the page starts or ends, if that is within a day.
    var next = Infinity;
    document.querySelectorAll("time[data-when-text]").forEach(function (t) {
      [Date.parse(t.getAttribute("datetime")), Date.parse(t.getAttribute("data-end"))].forEach(function (x) { if (x > now && x < next) { next = x; } });
    });
    if (next - now < 86400000) { setTimeout(updateWebinars, next - now + 1000); }
  }
  updateWebinars();
  // ---- end of webinar time and status

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

  // Search box (partials/site-search.html): the search client is loaded on
  // first use, so that pages which are only read do not download it.
  document.querySelectorAll("form[data-search-src]").forEach(function (form) {
    var input = form.querySelector("input[type=search]");
    function load() {
      if ((window.oersiteSearch && window.oersiteSearch.started) || document.querySelector("script[data-search-client]")) { return; }
      var s = document.createElement("script");
      s.src = form.getAttribute("data-search-src");
      s.setAttribute("data-search-client", "");
      document.head.appendChild(s);
    }
    if (input) {
      input.addEventListener("focus", load);
      input.addEventListener("input", load);
    }
  });
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
  // A table or code block wider than the screen scrolls sideways: while it
  // does, it takes the keyboard focus, so it can be scrolled without a mouse.
  function scrollers() {
    document.querySelectorAll(".prose table, .prose pre").forEach(function (el) {
      if (el.scrollWidth > el.clientWidth + 1) { el.tabIndex = 0; } else { el.removeAttribute("tabindex"); }
    });
  }
  scrollers();
  window.addEventListener("resize", scrollers);
  function internetNotes() {
    document.querySelectorAll(".needs-internet").forEach(function (n) { n.hidden = navigator.onLine; });
  }
  window.addEventListener("online", internetNotes);
  window.addEventListener("offline", internetNotes);
  internetNotes();
  // ---- "Print this module" (print.html): the button shows where a script can print.
  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  });
})();
