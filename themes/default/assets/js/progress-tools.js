/* oersite default theme: moving a learner's progress to another device,
 * and forgetting it (partials/progress-tools.html). Nothing is sent
 * anywhere: the learner carries a short code or a small file themselves.
 *
 * The code is a bit for each thing progress can hold on this site (every
 * lesson and knowledge check, data-items, the same list on every page and
 * in every language), written in Crockford's base 32 (no I, L, O or U, so
 * that 1 and 0 cannot be misread), in groups of four:
 *   "1" (the code's version), two characters naming the list of items (a
 *   code made for another version of the site is refused, not misread),
 *   the bits, and one check character (a mistyped code is refused).
 * The file is the progress itself (JSON), dates included. Both add to the
 * progress already on the device; neither removes anything. */
(function () {
  "use strict";
  var box = document.querySelector("[data-progress-tools]");
  if (!box) { return; }
  var ABC = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  var items;
  try { items = JSON.parse(box.getAttribute("data-items") || "[]"); } catch (e) { items = []; }
  var known = Object.create(null);
  items.forEach(function (k) { known[k] = true; });
  var msg = box.querySelector(".progress-message");
  function label(k) { return box.getAttribute("data-l-" + k) || ""; }
  function store() { return window.oersiteProgress; }
  function say(text) { msg.textContent = text; }
  function today() { return new Date().toISOString().slice(0, 10); }

  function hash(s) {
    var h = 2166136261;
    for (var i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619) >>> 0; }
    return h;
  }
  var listMark = hash(items.join("\n")) % 1024;
  function checkChar(s) { return ABC[hash(s) % 32]; }
  function passed(q) { return !!q && q[1] > 0 && q[0] === q[1]; }

  function encode(d) {
    var body = "";
    for (var i = 0; i < items.length; i += 5) {
      var n = 0;
      for (var j = 0; j < 5; j++) {
        var k = items[i + j], on = k !== undefined && (k.indexOf("#") >= 0 ? passed(d.q[k]) : !!d.l[k]);
        n = n * 2 + (on ? 1 : 0);
      }
      body += ABC[n];
    }
    body = body.replace(/0+$/, "");
    var code = "1" + ABC[listMark >> 5] + ABC[listMark & 31] + body;
    code += checkChar(code);
    return code.match(/.{1,4}/g).join("-");
  }

  // decode returns the items a code holds, or a message saying what is wrong.
  function decode(text) {
    var s = text.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1").replace(/U/g, "V");
    if (s.length < 4 || /[^0-9A-Z]/.test(s) || s[0] !== "1" || checkChar(s.slice(0, -1)) !== s.slice(-1)) { return { error: label("bad") }; }
    if (ABC.indexOf(s[1]) * 32 + ABC.indexOf(s[2]) !== listMark) { return { error: label("other") }; }
    var body = s.slice(3, -1), out = [];
    for (var i = 0; i < body.length; i++) {
      var n = ABC.indexOf(body[i]);
      for (var j = 0; j < 5; j++) {
        if (n & (16 >> j) && items[i * 5 + j] !== undefined) { out.push(items[i * 5 + j]); }
      }
    }
    return { items: out };
  }

  // add merges progress into the device's: lessons done keep their first
  // date, knowledge checks their best result.
  function add(lessons, checks) {
    var P = store(), d = P.data(), n = 0;
    Object.keys(lessons).forEach(function (k) {
      if (known[k] && k.indexOf("#") < 0 && !d.l[k]) { d.l[k] = lessons[k]; n++; }
    });
    Object.keys(checks).forEach(function (k) {
      if (known[k] && k.indexOf("#") > 0 && !passed(d.q[k])) { d.q[k] = checks[k]; n++; }
    });
    P.save(d);
    say(label("loaded").replace("{n}", n));
  }

  box.querySelector("[data-progress-show]").addEventListener("click", function () {
    var d = store().data(), p = box.querySelector(".progress-code");
    if (!Object.keys(d.l).length && !Object.keys(d.q).length) { p.hidden = true; say(label("empty")); return; }
    p.querySelector("code").textContent = encode(d);
    p.hidden = false;
    say("");
  });

  box.querySelector("[data-progress-save]").addEventListener("click", function () {
    var d = store().data();
    var file = JSON.stringify({ site: box.getAttribute("data-site"), saved: today(), v: 1, l: d.l, q: d.q }, null, 1);
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([file], { type: "application/json" }));
    a.download = "progress-" + today() + ".json";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  });

  box.querySelector("[data-progress-load]").addEventListener("click", function () {
    var input = box.querySelector("#progress-code-in");
    var r = decode(input.value);
    if (r.error) { say(r.error); input.focus(); return; }
    var lessons = {}, checks = {};
    r.items.forEach(function (k) {
      if (k.indexOf("#") > 0) { checks[k] = [1, 1]; } else { lessons[k] = today(); }
    });
    add(lessons, checks);
    input.value = "";
  });

  box.querySelector("#progress-file-in").addEventListener("change", function (e) {
    var f = e.target.files && e.target.files[0];
    if (!f) { return; }
    var reader = new FileReader();
    reader.onload = function () {
      var d;
      try { d = JSON.parse(reader.result); } catch (err) { d = null; }
      if (!d || d.v !== 1 || typeof d.l !== "object" || typeof d.q !== "object" || !d.l || !d.q) { say(label("badfile")); return; }
      var lessons = {}, checks = {};
      Object.keys(d.l).forEach(function (k) {
        if (typeof d.l[k] === "string" && /^\d{4}-\d\d-\d\d$/.test(d.l[k])) { lessons[k] = d.l[k]; }
      });
      Object.keys(d.q).forEach(function (k) {
        var q = d.q[k];
        if (Array.isArray(q) && q.length === 2 && q.every(function (x) { return typeof x === "number" && x >= 0 && x < 1000; })) { checks[k] = [q[0], q[1]]; }
      });
      add(lessons, checks);
    };
    reader.readAsText(f);
    e.target.value = "";
  });

  var confirmBox = box.querySelector(".forget-confirm");
  box.querySelector("[data-progress-forget]").addEventListener("click", function () {
    confirmBox.hidden = false;
    confirmBox.querySelector("[data-forget-no]").focus();
  });
  confirmBox.querySelector("[data-forget-no]").addEventListener("click", function () {
    confirmBox.hidden = true;
    box.querySelector("[data-progress-forget]").focus();
  });
  confirmBox.querySelector("[data-forget-yes]").addEventListener("click", function () {
    store().save({ v: 1, l: {}, q: {}, m: {} });
    confirmBox.hidden = true;
    box.querySelector(".progress-code").hidden = true;
    say(label("forgotten"));
    box.querySelector("[data-progress-forget]").focus();
  });

  box.hidden = false;
})();
