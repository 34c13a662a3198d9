/* oersite search client over the static index that `oersite build` writes to
 * _search/<lang>/ (see the search package's documentation for the files).
 * Index files are classic scripts added with <script> tags, so search works
 * over http and from disk (file://). No framework, no WebAssembly, no
 * third-party host. Two places use it:
 *
 * The search page:
 *   <div id="oersite-search" data-lang="it" data-root="../../" data-labels='{...}'>
 *     <form role="search"><input type="search" name="q"></form>
 *     <fieldset data-facet="kind"><input type="checkbox" name="kind" value="module">...</fieldset>
 *     (also audience, level, digcomp)
 *     <p data-status aria-live="polite"></p>
 *     <ol data-results></ol>
 *   </div>
 *   It sets data-state="done" on the root once results and excerpts are shown.
 * A search box anywhere (the header's): results as you type, under the box.
 *   <form data-search-suggest data-lang="it" data-root="../../" data-labels='{...}' action=".../search/">
 *     <input type="search" name="q"></form>
 * data-labels: {"results":{"one":"{count} result","other":"{count} results"},"atLeast":{...},
 *   "noResults","loading","error","anyWord","more","fallback":"Only in {language}",
 *   "ignored":"Left out: {words}","all":"All results","sections":"Also on this page",
 *   "languages":{"en":"English",...},"kind":{...},"audience":{...},"level":{...},"digcomp":{...}}
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
  if (registry.started) { return; }
  registry.started = true;
  var fromDisk = location.protocol === "file:";

  // Words, as the export cuts and folds them (search/fold.go).
  var LETTERS = { "þ": "th", "ð": "d", "æ": "ae", "œ": "oe", "ø": "o", "ß": "ss", "ł": "l", "đ": "d", "ı": "i" };
  function folder(lang) {
    return function (word) {
      var out = "";
      Array.from(word.toLowerCase()).forEach(function (ch) {
        if (LETTERS[ch]) { out += LETTERS[ch]; } else if (ch < "\x80" || (lang === "bg" && ch === "й")) { out += ch; } else { out += ch.normalize("NFD").replace(/\p{Mn}/gu, ""); }
      });
      return out;
    };
  }
  function words(text) { return text.split(/[^\p{L}\p{N}\p{Mn}]+/u).filter(Boolean); }
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  // nums reads the export's numbers: 5 bits a character, 32 meaning "more follows".
  function nums(s) {
    var out = [], n = 0, shift = 0;
    for (var i = 0; i < s.length; i++) {
      var d = DIGITS.indexOf(s[i]);
      n += (d & 31) * Math.pow(2, shift);
      if (d & 32) { shift += 5; } else { out.push(n); n = 0; shift = 0; }
    }
    return out;
  }
  // cmp orders strings by code point, as the export sorts them.
  function cmp(a, b) {
    var x = Array.from(a), y = Array.from(b);
    for (var i = 0; i < x.length && i < y.length; i++) {
      if (x[i] !== y[i]) { return x[i].codePointAt(0) - y[i].codePointAt(0); }
    }
    return x.length - y.length;
  }
  // within1 reports whether a and b differ by at most one edit.
  function within1(a, b) {
    if (Math.abs(a.length - b.length) > 1) { return false; }
    var i = 0, j = 0, edits = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { i++; j++; continue; }
      if (++edits > 1) { return false; }
      if (a.length === b.length && a[i + 1] === b[j] && a[i] === b[j + 1] && a.slice(i + 2) === b.slice(j + 2)) { return true; }
      if (a.length > b.length) { i++; } else if (a.length < b.length) { j++; } else { i++; j++; }
    }
    return edits + (a.length - i) + (b.length - j) <= 1;
  }

  // Index is one language's static index.
  function Index(lang, base) {
    this.lang = lang; this.base = base; this.fold = folder(lang); this.entries = {}; this.rowCache = {};
  }
  Index.prototype.load = function (name) {
    var key = this.lang + "/" + name, src = this.base + "_search/" + key + ".js";
    if (registry.files[key]) { return Promise.resolve(registry.files[key]); }
    return new Promise(function (resolve, reject) {
      var first = !registry.waiting[key];
      (registry.waiting[key] = registry.waiting[key] || []).push(resolve);
      if (!first) { return; }
      var s = document.createElement("script");
      s.src = src;
      s.async = true;
      s.onerror = function () { delete registry.waiting[key]; reject(new Error("cannot load " + src)); };
      document.head.appendChild(s);
    });
  };
  Index.prototype.meta = function () {
    var ix = this;
    return this.load("index").then(function (m) {
      ix.m = m; ix.keys = [""].concat(m.keys ? m.keys.split(" ") : []); ix.stop = {};
      m.stop.split(" ").forEach(function (w) { ix.stop[w] = true; });
      return m;
    });
  };
  Index.prototype.shard = function (key) {
    var lo = 0, hi = this.keys.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (cmp(this.keys[mid], key) <= 0) { lo = mid; } else { hi = mid - 1; }
    }
    return this.load("t-" + lo);
  };
  // termsOf reads a word form's terms from its shard entry.
  function termsOf(sh, key) {
    var v = sh.w && sh.w[key];
    if (v === undefined) { return sh.p && sh.p[key] !== undefined ? [key] : []; }
    if (typeof v === "number") { return [key.slice(0, key.length - v)]; }
    return typeof v === "string" ? [v] : v;
  }
  // lookup finds what a query word stands for: its own terms (each one
  // required), else for the last word the words it begins, else words one
  // typo away (any of them).
  Index.prototype.lookup = function (word, isLast) {
    var k = this.fold(word);
    if (this.stop[k]) { return Promise.resolve({ stop: true, word: word }); }
    var stem = this.m.stem;
    return this.shard(k).then(function (sh) {
      var exact = termsOf(sh, k), keys = Object.keys(sh.w || {}).concat(Object.keys(sh.p || {})), alt = [], seen = {};
      function take(key, weight) {
        termsOf(sh, key).forEach(function (t) { if (!seen[t]) { seen[t] = true; alt.push([t, weight]); } });
      }
      // Without a stemmer, a word also finds the words it begins ("профил": "профила").
      if (exact.length && (stem || k.length < 4)) { return { groups: exact.map(function (t) { return [[t, 1]]; }) }; }
      exact.forEach(function (t) { take(t, 1); });
      if ((isLast || !stem) && k.length >= 2) { keys.forEach(function (key) { if (key.indexOf(k) === 0 && alt.length < 20) { take(key, 0.6); } }); }
      if (!alt.length && k.length >= 4) { keys.forEach(function (key) { if (within1(k, key)) { take(key, 0.5); } }); }
      return { groups: [alt] };
    });
  };
  // entry decodes a term's shard entry: frequency, files, best postings.
  // A loaded shard may hold a copy of a term sorted into another shard (the
  // shard of a word that stands for it): then that one is read.
  Index.prototype.entry = function (term) {
    var ix = this, prefix = this.lang + "/t-";
    if (this.entries[term]) { return Promise.resolve(this.entries[term]); }
    var held = Object.keys(registry.files).filter(function (k) {
      var f = registry.files[k];
      return k.indexOf(prefix) === 0 && f.p && f.p[term] !== undefined;
    })[0];
    if (held) { return Promise.resolve(this.decode(registry.files[held], term)); }
    return this.shard(term).then(function (sh) { return ix.decode(sh, term); });
  };
  Index.prototype.decode = function (sh, term) {
    var e = this.entries[term];
    if (e) { return e; }
    e = { docs: [], levels: [], df: 0, x: 0, tail: 0, chunks: 0, complete: true };
    if (sh.p && sh.p[term] !== undefined) {
      var n = nums(sh.p[term]);
      e.df = n[0]; e.x = n[1]; e.tail = n[2]; e.chunks = n[3]; e.complete = !e.tail;
      bands(n.slice(4), e);
    }
    this.entries[term] = e;
    return e;
  };
  function bands(n, e) {
    for (var i = 0, lvl = -1; i < n.length;) {
      lvl = lvl < 0 ? n[i] : lvl - n[i];
      var count = n[i + 1], doc = 0;
      i += 2;
      for (var k = 0; k < count; k++) { doc += n[i + k]; e.docs.push(doc); e.levels.push(lvl); }
      i += count;
    }
  }
  // loadTail loads the rest of a term's postings; loadChunk the next file
  // of them. Chunks are taken in order (best scores first), so what is
  // loaded is always a term's best postings.
  Index.prototype.loadTail = function (term) {
    var ix = this, e = this.entries[term], names = [], from = e.loaded || 0;
    if (e.complete) { return Promise.resolve(); }
    for (var c = from; c < e.chunks; c++) { names.push("p-" + (e.tail - 1 + c)); }
    return Promise.all(names.map(function (n) { return ix.load(n); })).then(function (files) {
      if (e.complete) { return; }
      // a chunk loaded meanwhile (loadChunk) is not added twice
      files.slice((e.loaded || 0) - from).forEach(function (f) { bands(nums(f[term]), e); });
      e.loaded = e.chunks;
      e.complete = true;
    });
  };
  Index.prototype.loadChunk = function (term) {
    var e = this.entries[term], c = e.loaded || 0;
    return this.load("p-" + (e.tail - 1 + c)).then(function (f) {
      if (e.complete || (e.loaded || 0) !== c) { return; }
      bands(nums(f[term]), e);
      e.loaded = c + 1;
      e.complete = e.loaded === e.chunks;
    });
  };
  // nextChunk picks the term whose tail to read next: the one with the
  // fewest files left (a complete term rules out every document it lacks),
  // then the one whose unread postings could score highest.
  function nextChunk(ix, terms) {
    var best = null, left = 0, bound = 0;
    terms.forEach(function (tw) {
      var e = ix.entries[tw[0]];
      if (e.complete) { return; }
      var l = e.chunks - (e.loaded || 0), b = tw[1] * Math.pow(ix.m.step, e.levels[e.levels.length - 1]);
      if (!best || l < left || (l === left && b > bound)) { best = tw[0]; left = l; bound = b; }
    });
    return best;
  }

  // rank scores the documents: every group required, else any group (with
  // bleve's share of groups matched). From the heads alone while they hold a
  // screen of results; when they do not, run reads the tails a file at a
  // time until the first results are proven (see proven), or all are read.
  function rank(ix, groups, need) {
    var step = ix.m.step, per = [], complete = true;
    groups.forEach(function (g) {
      var s = {};
      g.forEach(function (tw) {
        var e = ix.entries[tw[0]];
        for (var i = 0; i < e.docs.length; i++) {
          var v = tw[1] * Math.pow(step, e.levels[i]);
          if (!(s[e.docs[i]] >= v)) { s[e.docs[i]] = v; }
        }
        complete = complete && e.complete;
      });
      per.push(s);
    });
    var all = {}, hits = {};
    per.forEach(function (s) { Object.keys(s).forEach(function (d) { all[d] = (all[d] || 0) + s[d]; hits[d] = (hits[d] || 0) + 1; }); });
    var every = Object.keys(all).filter(function (d) { return hits[d] === per.length; });
    var any = !every.length && per.length > 1;
    var pool = any ? Object.keys(all) : every, score = {};
    pool.forEach(function (d) { score[d] = any ? all[d] * hits[d] / per.length : all[d]; });
    var ranked = pool.map(Number).sort(function (a, b) { return score[b] - score[a] || a - b; });
    return { ranked: ranked, score: score, any: any, decided: complete || (!any && ranked.length >= need), complete: complete, per: per };
  }
  // proven reports whether the first `need` documents of ranked (those
  // holding every word, by the postings loaded so far) are the first `need`
  // that every posting would give, in the same order. A term not loaded
  // whole can add at most its last loaded score to a document it has not
  // shown yet (postings come best first): no other document may reach the
  // need-th score with that, and the first documents' own scores must be
  // final.
  function proven(ix, groups, per, ranked, score, need) {
    if (ranked.length < need) { return false; }
    var step = ix.m.step, open = groups.map(function (g) {
      var b = 0;
      g.forEach(function (tw) {
        var e = ix.entries[tw[0]];
        if (!e.complete) { b = Math.max(b, tw[1] * Math.pow(step, e.levels[e.levels.length - 1])); }
      });
      return b;
    });
    function bound(d) {
      var ub = 0;
      for (var g = 0; g < per.length; g++) {
        var v = per[g][d];
        if (v === undefined && !open[g]) { return -1; } // lacks a word whose postings are all loaded
        ub += Math.max(v || 0, open[g]);
      }
      return ub;
    }
    for (var i = 0; i < need; i++) {
      if (bound(ranked[i]) > score[ranked[i]]) { return false; } // could still rise
    }
    var last = ranked[need - 1], floor = score[last], top = {}, unseen = 0;
    ranked.slice(0, need).forEach(function (d) { top[d] = true; });
    for (var g = 0; g < open.length; g++) {
      if (!open[g]) { unseen = -1; break; }
      unseen += open[g];
    }
    if (unseen >= floor) { return false; } // a document no loaded posting names could pass
    var seen = {};
    for (g = 0; g < per.length; g++) {
      for (var d in per[g]) {
        if (seen[d] || top[d]) { continue; }
        seen[d] = true;
        var ub = bound(d);
        if (ub > floor || (ub === floor && Number(d) < last)) { return false; }
      }
    }
    return true;
  }

  // run answers a query with at least `need` results decided.
  Index.prototype.run = function (q, need, sel) {
    var ix = this, ws = words(q);
    return Promise.all(ws.map(function (w, i) { return ix.lookup(w, i === ws.length - 1); })).then(function (looks) {
      var groups = [], dropped = [], seen = {};
      looks.forEach(function (l) {
        if (l.stop) { dropped.push(l.word); return; }
        l.groups.forEach(function (g) {
          g = g.filter(function (tw) { return !seen[tw[0]] && (seen[tw[0]] = true); });
          if (g.length || !l.groups[0].length) { groups.push(g); }
        });
      });
      var terms = [];
      groups.forEach(function (g) { g.forEach(function (tw) { terms.push(tw); }); });
      var res = { ranked: [], words: ws, dropped: dropped, terms: terms, total: 0 };
      if (!groups.length) { return res; }
      return Promise.all(terms.map(function (tw) { return ix.entry(tw[0]); })).then(function () {
        var r = rank(ix, groups, need);
        if (r.decided && !sel) { return r; }
        if (sel) {
          return Promise.all(terms.map(function (tw) { return ix.loadTail(tw[0]); })).then(function () { return rank(ix, groups, need); });
        }
        // Tails one file at a time, until the first results are proven.
        return (function more(r) {
          if (r.complete || (!r.any && proven(ix, groups, r.per, r.ranked, r.score, need))) { return r; }
          return ix.loadChunk(nextChunk(ix, terms)).then(function () { return more(rank(ix, groups, need)); });
        })(r);
      }).then(function (r) {
        return (sel ? ix.filter(r.ranked, sel) : Promise.resolve(r.ranked)).then(function (ranked) {
          res.ranked = ranked; res.score = r.score; res.any = r.any;
          res.exact = r.complete || (terms.length === 1 && !sel);
          res.total = terms.length === 1 && !sel ? ix.entries[terms[0][0]].df : ranked.length;
          return res;
        });
      });
    });
  };
  // filter keeps the documents whose facets match every chosen filter.
  Index.prototype.filter = function (ranked, sel) {
    var ix = this;
    return this.load("f").then(function (f) {
      var of = ix.comboOf = ix.comboOf || nums(f.c);
      return ranked.filter(function (d) {
        var c = ix.m.combos[of[d]], facts = { kind: [c[0]], level: [c[1]], audience: c[2], digcomp: c[3] };
        return Object.keys(sel).every(function (name) { return sel[name].some(function (v) { return facts[name].indexOf(v) >= 0; }); });
      });
    });
  };
  // rows finds the display rows of documents: in the loaded shards, else
  // (or when the summary is wanted: full[d]) in d-<n>.js.
  Index.prototype.rows = function (docs, full) {
    var ix = this, chunks = {};
    function find(d) {
      var chunk = registry.files[ix.lang + "/d-" + Math.floor(d / ix.m.chunk)];
      if (chunk) { return chunk[d % ix.m.chunk]; }
      if (full && full[d]) { return null; }
      var found = null;
      Object.keys(registry.files).forEach(function (k) {
        var f = registry.files[k];
        if (!found && k.indexOf(ix.lang + "/t-") === 0 && f.d && f.d[d]) { found = f.d[d]; }
      });
      return found;
    }
    docs.forEach(function (d) { if (!find(d)) { chunks[Math.floor(d / ix.m.chunk)] = true; } });
    return Promise.all(Object.keys(chunks).map(function (c) { return ix.load("d-" + c); })).then(function () {
      return docs.map(find);
    });
  };
  // excerpts finds, for each document, the sections of the best-scoring
  // query term whose excerpt file holds it, and the other terms' sections.
  Index.prototype.excerpts = function (docs, terms) {
    var ix = this, want = {}, files = {};
    terms.forEach(function (tw) {
      var e = ix.entries[tw[0]];
      if (!e.x) { return; }
      docs.forEach(function (d) {
        var i = e.docs.indexOf(d), v = tw[1] * Math.pow(ix.m.step, e.levels[i]);
        if (i >= 0 && i < ix.m.rows && !(want[d] && want[d][0][1] >= v)) { want[d] = [[tw[0], v]]; }
      });
    });
    Object.keys(want).forEach(function (d) { files[ix.entries[want[d][0][0]].x - 1] = true; });
    var out = {};
    return Promise.all(Object.keys(files).map(function (n) { return ix.load("x-" + n).catch(function () { return null; }); })).then(function () {
      docs.forEach(function (d) {
        (want[d] || []).sort(function (a, b) { return b[1] - a[1]; }).forEach(function (tv) {
          var f = registry.files[ix.lang + "/x-" + (ix.entries[tv[0]].x - 1)], list = f && f[tv[0]] || [];
          list.forEach(function (x) {
            if (x[0] !== d) { return; }
            var o = out[d] = out[d] || { secs: [], seen: {} }, info = f.D[d] || {};
            x.slice(2).forEach(function (n, i) {
              var sec = info[n] || ["", ""];
              if (o.seen[sec[0]]) { return; }
              o.seen[sec[0]] = true;
              o.secs.push({ anchor: sec[0], heading: sec[1], passage: i ? "" : (x[1] === 0 ? info.s : x[1]) });
            });
          });
        });
      });
      return out;
    });
  };

  // Display helpers.
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function fill(s, vars) { return s.replace(/\{(\w+)\}/g, function (m, k) { return k in vars ? vars[k] : m; }); }
  function plural(labels, key, n, lang) {
    var t = labels[key] || "{count}";
    if (typeof t !== "string") {
      var form = "other";
      try { form = new Intl.PluralRules(lang).select(n); } catch (e) { /* old browser */ }
      t = t[form] || t.other;
    }
    return fill(t, { count: n });
  }
  function href(base, url, anchor) {
    if (external(url)) { return url; } // a partner's item: it lives on their site
    if (fromDisk && (url === "" || url.slice(-1) === "/")) { url += "index.html"; }
    return base + url + (anchor ? "#" + encodeURIComponent(anchor) : "");
  }
  function external(url) { return /^https?:\/\//.test(url); }
  // marker highlights the words of a text that a query matched: the typed
  // words (and words they begin), words of the same stem, corrected words.
  function marker(ix, res) {
    var typed = res.words.map(ix.fold), terms = res.terms.map(function (tw) { return tw[0]; });
    function hit(w) {
      var f = ix.fold(w);
      return typed.some(function (q) { return q.length > 1 && f.indexOf(q) === 0; }) ||
        terms.some(function (t) { return t.length > 2 && f.indexOf(t) === 0; });
    }
    return function (parent, s) {
      (s || "").split(/([\p{L}\p{N}\p{Mn}]+)/u).forEach(function (part) {
        parent.appendChild(part && hit(part) ? el("mark", "", part) : document.createTextNode(part));
      });
      return parent;
    };
  }
  function languageName(labels, code) { return (labels.languages && labels.languages[code]) || code; }

  // result renders one result: title linking to the best section, that
  // section's heading and passage, the page's other matching sections.
  function result(ix, labels, row, ex, mark) {
    var li = el("li", "search-result"), secs = ex ? ex.secs : [], best = secs[0] || {};
    var combo = ix.m.combos[+row[2]] || [], origin = row[4];
    var h = el("h2"), a = el("a");
    a.href = href(ix.base, row[0], best.anchor);
    if (external(row[0])) { a.rel = "external nofollow"; }
    mark(a, row[1]);
    h.appendChild(a);
    li.appendChild(h);
    if (origin) { h.lang = origin; }
    function add(node) { if (origin) { node.lang = origin; } li.appendChild(node); }
    if (best.heading) { add(mark(el("p", "search-section"), best.heading)); }
    var text = best.passage || row[5];
    if (text) { add(mark(el("p", "search-excerpt"), text)); }
    if (secs.length > 1) {
      var ul = el("ul", "search-sections");
      ul.setAttribute("aria-label", labels.sections || "");
      secs.slice(1, 4).forEach(function (s) {
        if (!s.heading) { return; }
        var sa = el("a");
        sa.href = href(ix.base, row[0], s.anchor);
        // One span inside the link: a theme may lay links out as flex boxes,
        // which would drop the spaces around each highlighted word.
        sa.appendChild(mark(el("span"), s.heading));
        var sl = el("li");
        sl.appendChild(sa);
        ul.appendChild(sl);
      });
      if (ul.childNodes.length) { add(ul); }
    }
    var metaLine = [(labels.kind && labels.kind[combo[0]]) || combo[0]];
    if (row[3]) { metaLine.push(row[3]); }
    li.appendChild(el("p", "search-meta", metaLine.join(" · ")));
    if (origin) { li.appendChild(el("p", "search-fallback", fill(labels.fallback || "{language}", { language: languageName(labels, origin) }))); }
    var badges = el("ul", "badges");
    if (combo[1]) { badges.appendChild(el("li", "", (labels.level && labels.level[combo[1]]) || combo[1])); }
    (combo[2] || []).forEach(function (v) { badges.appendChild(el("li", "", (labels.audience && labels.audience[v]) || v)); });
    (combo[3] || []).forEach(function (v) { badges.appendChild(el("li", "", (labels.digcomp && labels.digcomp[v]) || v)); });
    if (badges.childNodes.length) { li.appendChild(badges); }
    return li;
  }
  function readLabels(node) {
    try { return JSON.parse(node.getAttribute("data-labels") || "{}"); } catch (e) { return {}; }
  }

  // page runs the search page.
  function page(root) {
    var ix = new Index(root.getAttribute("data-lang") || "en", root.getAttribute("data-root") || "");
    var labels = readLabels(root), input = root.querySelector("input[name=q]"), form = input && input.form;
    var status = root.querySelector("[data-status]"), list = root.querySelector("[data-results]");
    var facetNames = ["kind", "level", "audience", "digcomp"], shown = 0, current = 0, timer = null;
    var more = el("button", "search-more", labels.more || "More");
    more.type = "button";
    more.hidden = true;
    list.parentNode.insertBefore(more, list.nextSibling);
    function setStatus(s) { if (status) { status.textContent = s; } }
    function selected() {
      var sel = null;
      facetNames.forEach(function (name) {
        var vals = Array.prototype.map.call(root.querySelectorAll("input[name=" + name + "]:checked"), function (i) { return i.value; });
        if (vals.length) { (sel = sel || {})[name] = vals; }
      });
      return sel;
    }
    function render(q, res, from) {
      var docs = res.ranked.slice(from, shown), mark = marker(ix, res), mine = current, ex = null;
      // Rows come from the shards already loaded, else from d-<n>.js, whose
      // rows also carry the summary shown when a result has no passage:
      // every result on screen shows a passage or its summary.
      return ix.excerpts(docs, res.terms).then(function (x) {
        var full = {};
        ex = x;
        docs.forEach(function (d) { full[d] = !(x[d] && x[d].secs[0].passage); });
        return ix.rows(docs, full);
      }).then(function (rows) {
        var got = [rows, ex];
        if (mine !== current) { return; }
        if (!from) { list.textContent = ""; }
        var firstNew = null;
        docs.forEach(function (d, i) {
          if (!got[0][i]) { return; }
          var li = result(ix, labels, got[0][i], got[1][d], mark);
          list.appendChild(li);
          firstNew = firstNew || li;
        });
        var msg = res.ranked.length ? plural(labels, res.exact ? "results" : "atLeast", res.total, ix.lang) : (q ? labels.noResults || "" : "");
        if (res.any && labels.anyWord) { msg += " " + labels.anyWord; }
        if (res.dropped.length && labels.ignored) { msg += " " + fill(labels.ignored, { words: res.dropped.join(", ") }); }
        setStatus(msg);
        more.hidden = res.ranked.length <= shown;
        root.setAttribute("data-state", "done");
        return firstNew;
      });
    }
    function search(q, from) {
      var mine = ++current;
      root.setAttribute("data-state", "busy");
      if (!q) { list.textContent = ""; setStatus(""); more.hidden = true; root.setAttribute("data-state", "done"); return Promise.resolve(); }
      return ix.run(q, shown, selected()).then(function (res) {
        if (mine !== current) { return; }
        return render(q, res, from);
      }).catch(function () { setStatus(labels.error || "Search is not available."); root.setAttribute("data-state", "done"); });
    }
    function syncURL(q) {
      var params = new URLSearchParams();
      if (q) { params.set("q", q); }
      var sel = selected() || {};
      Object.keys(sel).forEach(function (k) { sel[k].forEach(function (v) { params.append(k, v); }); });
      var s = params.toString();
      try { history.replaceState(null, "", s ? "?" + s : location.pathname); } catch (e) { /* some file:// setups refuse */ }
    }
    function update() {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value.trim();
        syncURL(q);
        ready.then(function () {
          shown = ix.m.rows;
          search(q, 0);
        });
      }, 120);
    }
    more.addEventListener("click", function () {
      var from = list.children.length;
      shown += ix.m.rows;
      search(input.value.trim(), from).then(function (first) {
        var a = first && first.querySelector("a");
        if (a) { a.focus(); }
      });
    });
    var params = new URLSearchParams(location.search);
    facetNames.forEach(function (name) {
      params.getAll(name).forEach(function (v) {
        var box = root.querySelector("input[name=" + name + "][value=\"" + CSS.escape(v) + "\"]");
        if (box) { box.checked = true; }
      });
    });
    input.value = params.get("q") || "";
    input.addEventListener("input", update);
    if (form) { form.addEventListener("submit", function (e) { e.preventDefault(); update(); }); }
    root.addEventListener("change", function (e) { if (e.target && facetNames.indexOf(e.target.name) >= 0) { update(); } });
    root.classList.add("search-ready");
    setStatus(labels.loading || "");
    var ready = ix.meta();
    ready.then(function () {
      shown = ix.m.rows;
      setStatus("");
      return search(input.value.trim(), 0);
    }).catch(function () { setStatus(labels.error || "Search is not available."); root.setAttribute("data-state", "done"); });
    // A hook for tests and benchmarks: the first n addresses for a query
    // (full: from every posting, as when filtering).
    registry.rank = function (q, n, full) {
      return ix.run(q, n || 10, full ? {} : null).then(function (res) {
        return ix.rows(res.ranked.slice(0, n || 10)).then(function (rows) { return rows.map(function (r) { return r && r[0]; }); });
      });
    };
  }

  // suggest shows the first results under a search box as the visitor types.
  function suggest(form) {
    var input = form.querySelector("input[type=search]");
    if (!input || form.suggest) { return; }
    form.suggest = true;
    var ix = new Index(form.getAttribute("data-lang") || "en", form.getAttribute("data-root") || "");
    var labels = readLabels(form), box = el("div", "search-suggest"), list = el("ul"), live = el("p", "visually-hidden");
    var id = "search-suggest-" + ix.lang, timer = null, current = 0, ready = ix.meta();
    live.setAttribute("role", "status");
    box.id = id;
    box.hidden = true;
    box.appendChild(list);
    form.appendChild(box);
    form.appendChild(live);
    input.setAttribute("aria-controls", id);
    function close() { box.hidden = true; }
    function show(q) {
      var mine = ++current;
      if (q.length < 2) { close(); live.textContent = ""; return; }
      ready.then(function () { return ix.run(q, 5); }).then(function (res) {
        var docs = res.ranked.slice(0, 5);
        return Promise.all([ix.rows(docs), ix.excerpts(docs, res.terms)]).then(function (got) {
          if (mine !== current) { return; }
          list.textContent = "";
          var mark = marker(ix, res);
          docs.forEach(function (d, i) {
            var row = got[0][i], best = (got[1][d] || { secs: [] }).secs[0] || {};
            if (!row) { return; }
            var a = el("a"), li = el("li");
            a.href = href(ix.base, row[0], best.anchor);
            mark(a, row[1]);
            var more = el("span", "search-suggest-section");
            if (best.heading) { mark(more, best.heading); }
            if (row[4]) {
              a.lang = row[4];
              more.lang = ix.lang;
              more.appendChild(document.createTextNode((best.heading ? " · " : "") + fill(labels.fallback || "{language}", { language: languageName(labels, row[4]) })));
            }
            if (more.childNodes.length) { a.appendChild(more); }
            li.appendChild(a);
            list.appendChild(li);
          });
          var all = el("a", "search-suggest-all", labels.all || "All results");
          all.href = form.getAttribute("action") + "?q=" + encodeURIComponent(q);
          var li = el("li");
          li.appendChild(all);
          list.appendChild(li);
          box.hidden = false;
          live.textContent = docs.length ? plural(labels, "results", res.total, ix.lang) : labels.noResults || "";
        });
      }).catch(close);
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { show(input.value.trim()); }, 150); });
    form.addEventListener("keydown", function (e) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a")), i = links.indexOf(document.activeElement);
      if (e.key === "Escape") { close(); input.focus(); return; }
      if ((e.key !== "ArrowDown" && e.key !== "ArrowUp") || box.hidden || !links.length) { return; }
      e.preventDefault();
      i = e.key === "ArrowDown" ? Math.min(i + 1, links.length - 1) : i - 1;
      (i < 0 ? input : links[i]).focus();
    });
    form.addEventListener("focusout", function (e) { if (!form.contains(e.relatedTarget)) { close(); } });
    if (input.value.trim()) { show(input.value.trim()); }
  }

  var root = document.getElementById("oersite-search");
  if (root) { page(root); }
  Array.prototype.forEach.call(document.querySelectorAll("form[data-search-suggest]"), function (f) { if (!root) { suggest(f); } });
})();
