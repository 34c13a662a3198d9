/* oersite search client: instant search over the static index that
 * `oersite build` writes to _search/<lang>/. Index files are classic scripts
 * added with <script> tags, so search works over http and from disk (file://).
 * No framework, no WebAssembly, no third-party host.
 *
 * Markup contract (the theme's search page):
 *   <div id="oersite-search" data-lang="it" data-root="../../" data-labels='{...}'>
 *     <form role="search"><input type="search" name="q"></form>
 *     <fieldset data-facet="kind"><input type="checkbox" name="kind" value="module">...</fieldset>
 *     (also audience, level, digcomp)
 *     <p data-status aria-live="polite"></p>
 *     <ol data-results></ol>
 *   </div>
 * data-labels: {"results":"{count} results","noResults":"...","loading":"...",
 *               "error":"...","kind":{"module":"Module",...},"audience":{...},"level":{...},"digcomp":{...}}
 */
(function () {
  "use strict";
  var registry = window.oersiteSearch = window.oersiteSearch || { files: {}, waiting: {} };
  registry.add = function (lang, name, data) {
    var key = lang + "/" + name;
    registry.files[key] = data;
    var w = registry.waiting[key];
    if (w) { delete registry.waiting[key]; w.forEach(function (f) { f(data); }); }
  };

  var root = document.getElementById("oersite-search");
  if (!root) { return; }
  var lang = root.getAttribute("data-lang") || "en";
  var base = root.getAttribute("data-root") || "";
  var labels = {};
  try { labels = JSON.parse(root.getAttribute("data-labels") || "{}"); } catch (e) { labels = {}; }
  var input = root.querySelector("input[name=q]");
  var form = input && input.form;
  var status = root.querySelector("[data-status]");
  var list = root.querySelector("[data-results]");
  var facetNames = ["kind", "level", "audience", "digcomp"];
  var fromDisk = location.protocol === "file:";

  function load(name) {
    var key = lang + "/" + name;
    if (registry.files[key]) { return Promise.resolve(registry.files[key]); }
    return new Promise(function (resolve, reject) {
      var first = !registry.waiting[key];
      (registry.waiting[key] = registry.waiting[key] || []).push(resolve);
      if (!first) { return; }
      var s = document.createElement("script");
      s.src = base + "_search/" + lang + "/" + name + ".js";
      s.async = true;
      s.onerror = function () { delete registry.waiting[key]; reject(new Error("cannot load " + s.src)); };
      document.head.appendChild(s);
    });
  }

  var keep = { is: "þðæöáéíóúý", bg: "й" };
  function fold(word) {
    var out = "", k = keep[lang] || "";
    Array.from(word.toLowerCase()).forEach(function (ch) {
      if (ch === "ß") { out += "ss"; return; }
      if (k.indexOf(ch) >= 0) { out += ch; return; }
      out += ch.normalize("NFD").replace(/\p{Mn}/gu, "");
    });
    return out;
  }
  function words(text) { return text.split(/[^\p{L}\p{N}\p{Mn}]+/u).filter(Boolean); }
  function hex(s) {
    return Array.from(new TextEncoder().encode(s)).map(function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }
  function shardOf(folded) { return "t-" + hex(Array.from(folded).slice(0, 2).join("")); }

  // within1 reports whether a and b differ by at most one edit (an inserted,
  // deleted or replaced letter, or two neighbours swapped).
  function within1(a, b) {
    if (Math.abs(a.length - b.length) > 1) { return false; }
    if (a.length === b.length) {
      var d = [];
      for (var x = 0; x < a.length && d.length < 3; x++) { if (a[x] !== b[x]) { d.push(x); } }
      if (d.length === 2 && d[1] === d[0] + 1 && a[d[0]] === b[d[1]] && a[d[1]] === b[d[0]]) { return true; }
    }
    var i = 0, j = 0, edits = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { i++; j++; continue; }
      if (++edits > 1) { return false; }
      if (a.length > b.length) { i++; } else if (a.length < b.length) { j++; } else { i++; j++; }
    }
    return edits + (a.length - i) + (b.length - j) <= 1;
  }

  var meta = null;
  function shardExists(name) { return meta.shards.indexOf(name.slice(2)) >= 0; }

  // termsFor finds the terms a query word stands for: exact form, then the
  // typed prefix (last word), then one-typo neighbours for longer words.
  function termsFor(word, isLast) {
    var f = fold(word), name = shardOf(f);
    if (Array.from(f).length < 2 && !isLast) { return Promise.resolve([]); }
    if (!shardExists(name)) { return Promise.resolve([]); }
    return load(name).then(function (sh) {
      var found = [];
      function addKey(key, weight) { (sh.w[key] || []).forEach(function (t) { found.push([t, weight]); }); }
      if (sh.w[f]) { addKey(f, 1); }
      if (isLast) {
        var n = 0;
        Object.keys(sh.w).forEach(function (key) {
          if (key !== f && key.indexOf(f) === 0 && n < 30) { addKey(key, 0.6); n++; }
        });
      }
      if (!found.length && Array.from(f).length >= 5) {
        Object.keys(sh.w).forEach(function (key) { if (within1(f, key)) { addKey(key, 0.5); } });
      }
      return found;
    });
  }

  // postings loads a term's postings from the shard of its own folded form.
  function postings(term) {
    var name = shardOf(fold(term));
    if (!shardExists(name)) { return Promise.resolve(null); }
    return load(name).then(function (sh) { return sh.p[term] || null; });
  }

  function scoreWord(word, isLast) {
    return termsFor(word, isLast).then(function (terms) {
      return Promise.all(terms.map(function (tw) {
        return postings(tw[0]).then(function (p) { return [p, tw[1]]; });
      }));
    }).then(function (lists) {
      var scores = {}, combos = {};
      lists.forEach(function (pw) {
        var p = pw[0], w = pw[1], doc = 0;
        if (!p) { return; }
        for (var i = 0; i < p.length; i += 3) {
          doc += p[i];
          var s = p[i + 1] * w;
          if (!(doc in scores) || scores[doc] < s) { scores[doc] = s; }
          combos[doc] = p[i + 2];
        }
      });
      return { scores: scores, combos: combos };
    });
  }

  function selected() {
    var sel = {};
    facetNames.forEach(function (name) {
      var vals = Array.prototype.map.call(root.querySelectorAll("input[name=" + name + "]:checked"), function (i) { return i.value; });
      if (vals.length) { sel[name] = vals; }
    });
    return sel;
  }
  function matchesFacets(combo, sel) {
    var c = meta.combos[combo], facts = { kind: [c[0]], level: [c[1]], audience: c[2], digcomp: c[3] };
    return Object.keys(sel).every(function (name) {
      return sel[name].some(function (v) { return facts[name].indexOf(v) >= 0; });
    });
  }

  // run answers a query: documents having every word, else any word.
  function run(q) {
    var ws = words(q);
    if (!ws.length) { return Promise.resolve({ ranked: [], words: [], combos: {} }); }
    return Promise.all(ws.map(function (w, i) { return scoreWord(w, i === ws.length - 1); })).then(function (per) {
      var all = {}, combos = {};
      per.forEach(function (r) { Object.keys(r.combos).forEach(function (d) { combos[d] = r.combos[d]; }); });
      var docs = Object.keys(combos);
      var every = docs.filter(function (d) { return per.every(function (r) { return d in r.scores; }); });
      var pool = every.length ? every : docs;
      pool.forEach(function (d) { all[d] = per.reduce(function (s, r) { return s + (r.scores[d] || 0); }, 0); });
      var sel = selected();
      var ranked = pool.filter(function (d) { return matchesFacets(combos[d], sel); })
        .sort(function (a, b) { return all[b] - all[a] || a - b; }).map(Number);
      return { ranked: ranked, words: ws, any: !every.length && ws.length > 1, combos: combos };
    });
  }
  registry.run = run;

  // rowOf finds a document's display row in a loaded shard or chunk.
  function rowOf(id) {
    var chunk = registry.files[lang + "/d-" + Math.floor(id / meta.chunk)];
    if (chunk) { return chunk[id % meta.chunk]; }
    var found = null;
    Object.keys(registry.files).forEach(function (k) {
      var f = registry.files[k];
      if (!found && k.indexOf(lang + "/t-") === 0 && f.d && f.d[id]) { found = f.d[id]; }
    });
    return found;
  }
  function docs(ids) {
    var chunks = {};
    ids.forEach(function (id) { if (!rowOf(id)) { chunks[Math.floor(id / meta.chunk)] = true; } });
    return Promise.all(Object.keys(chunks).map(function (c) { return load("d-" + c); })).then(function () {
      return ids.map(rowOf);
    });
  }

  function label(group, key) { return (labels[group] && labels[group][key]) || key; }
  function text(tag, cls, s) { var e = document.createElement(tag); if (cls) { e.className = cls; } e.textContent = s; return e; }
  function href(url) {
    if (fromDisk && (url === "" || url.slice(-1) === "/")) { url += "index.html"; }
    return base + url;
  }
  function highlight(el, s, ws) {
    var folded = ws.map(fold);
    s.split(/([\p{L}\p{N}\p{Mn}]+)/u).forEach(function (part) {
      var f = fold(part);
      if (part && folded.some(function (w) { return w.length > 1 && f.indexOf(w) === 0; })) {
        el.appendChild(text("mark", "", part));
      } else {
        el.appendChild(document.createTextNode(part));
      }
    });
    return el;
  }

  var shown = 10, current = 0;
  function render(q, res) {
    var mine = ++current;
    if (!res.ranked.length) {
      list.textContent = "";
      setStatus(q ? (labels.noResults || "No results") : "");
      return Promise.resolve();
    }
    var top = res.ranked.slice(0, shown);
    return docs(top).then(function (rows) {
      if (mine !== current) { return; }
      list.textContent = "";
      rows.forEach(function (row, i) {
        var li = document.createElement("li");
        li.className = "search-result";
        var h = document.createElement("h2");
        var a = document.createElement("a");
        a.href = href(row[0]);
        highlight(a, row[1], res.words);
        h.appendChild(a);
        li.appendChild(h);
        var metaLine = text("p", "meta", label("kind", row[2]) + (row[4] ? " · " + row[4] : ""));
        li.appendChild(metaLine);
        if (row[3]) { li.appendChild(highlight(document.createElement("p"), row[3], res.words)); }
        var c = meta.combos[res.combos[top[i]]];
        if (c) {
          var ul = document.createElement("ul");
          ul.className = "badges";
          if (c[1]) { ul.appendChild(text("li", "", label("level", c[1]))); }
          c[2].forEach(function (v) { ul.appendChild(text("li", "", label("audience", v))); });
          c[3].forEach(function (v) { ul.appendChild(text("li", "", label("digcomp", v))); });
          if (ul.childNodes.length) { li.appendChild(ul); }
        }
        list.appendChild(li);
      });
      var msg = (labels.results || "{count} results").replace("{count}", res.ranked.length);
      if (res.any && labels.anyWord) { msg += " " + labels.anyWord; }
      setStatus(msg);
    });
  }
  function setStatus(s) { if (status) { status.textContent = s; } }

  function syncURL(q) {
    var params = new URLSearchParams();
    if (q) { params.set("q", q); }
    var sel = selected();
    Object.keys(sel).forEach(function (k) { sel[k].forEach(function (v) { params.append(k, v); }); });
    var s = params.toString();
    try { history.replaceState(null, "", s ? "?" + s : location.pathname); } catch (e) { /* some file:// setups refuse */ }
  }

  var timer = null;
  function update() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = input.value.trim();
      syncURL(q);
      if (!q) { list.textContent = ""; setStatus(""); return; }
      search(q);
    }, 120);
  }
  function search(q) {
    return run(q).then(function (res) { return render(q, res); })
      .catch(function () { setStatus(labels.error || "Search is not available."); });
  }

  var params = new URLSearchParams(location.search);
  facetNames.forEach(function (name) {
    params.getAll(name).forEach(function (v) {
      var box = root.querySelector("input[name=" + name + "][value=\"" + CSS.escape(v) + "\"]");
      if (box) { box.checked = true; }
    });
  });
  if (input) {
    input.value = params.get("q") || "";
    input.addEventListener("input", update);
  }
  if (form) { form.addEventListener("submit", function (e) { e.preventDefault(); update(); }); }
  root.addEventListener("change", function (e) { if (e.target && facetNames.indexOf(e.target.name) >= 0) { update(); } });
  root.classList.add("search-ready");
  setStatus(labels.loading || "");
  load("index").then(function (m) {
    meta = m;
    setStatus("");
    if (input && input.value.trim()) { search(input.value.trim()); }
  }).catch(function () { setStatus(labels.error || "Search is not available."); });
})();
