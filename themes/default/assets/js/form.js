/* oersite request forms. The plain HTML forms work without this script: with a form service
 * they post to it; without one the browser composes the e-mail itself (action="mailto:",
 * enctype="text/plain"), and the intent choice shows one form with CSS alone. With it:
 * - an error summary at the top of the form, each message a link to its field, and the same
 *   message above the field (GOV.UK's pattern); messages name what to do for that field;
 * - without a form service: a review step showing the prepared e-mail, its address and
 *   "Copy" buttons, then a link offering to open it in the e-mail program (webmail users
 *   copy and paste: nothing here claims that a program opens);
 * - with one: in-page submit with a clear success or failure state, and retry;
 * - the consent text names who receives the request (the partner in the chosen country);
 * - the draft kept in sessionStorage until the endpoint confirms receipt;
 * - ?intent=<id> chooses the form, ?module=<slug> preselects a module; a time trap records
 *   when the form loaded.
 * Fields are found by data-name (their name in config.toml) and choices by data-value: without
 * a form service the name and value attributes hold the labels the e-mail shows.
 */
(function () {
  "use strict";
  var root = document.querySelector(".request-forms");
  if (!root) { return; }
  var msgs = JSON.parse(root.getAttribute("data-messages") || "{}");
  function t(k, fallback) { return msgs[k] || fallback; }
  function fill(s, vals) { return String(s).replace(/\{(\w+)\}/g, function (m, k) { return vals[k] !== undefined ? String(vals[k]) : m; }); }
  var forms = Array.prototype.slice.call(root.querySelectorAll("form[data-intent]"));
  var params = new URLSearchParams(location.search);

  // ---- Intent choice: one form at a time.
  var choice = root.querySelector(".intent-choice");
  function showIntent(intent) {
    root.querySelectorAll(".intent-form").forEach(function (s) { s.hidden = s.getAttribute("data-intent") !== intent; });
  }
  function choose(intent) {
    var r = choice && choice.querySelector('input[value="' + CSS.escape(intent) + '"]');
    if (r) { r.checked = true; showIntent(intent); }
  }

  // ---- Values of a field by its name: [{code, label}], what was chosen or typed.
  function controls(form, name) { return form.querySelectorAll('[data-name="' + CSS.escape(name) + '"]'); }
  function textOf(el) {
    var label = el.closest("label");
    var span = label && label.querySelector("span");
    return (span || label || el).textContent.trim();
  }
  function values(form, name) {
    var out = [];
    controls(form, name).forEach(function (el) {
      if (el.tagName === "SELECT") {
        var o = el.options[el.selectedIndex];
        if (o && o.value) { out.push({ code: o.getAttribute("data-value") || o.value, label: o.textContent.trim() }); }
      } else if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) { out.push({ code: el.getAttribute("data-value") || el.value, label: el.value === "yes" ? textOf(el) : el.value }); }
      } else if (el.value.trim()) {
        out.push({ code: el.value.trim(), label: el.value.trim() });
      }
    });
    return out;
  }

  // ---- Validation: one message per field, specific to it.
  var EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
  function problem(field) {
    var form = field.closest("form"), name = field.getAttribute("data-field");
    var first = controls(form, name)[0];
    if (!first) { return ""; }
    var missing = field.getAttribute("data-missing") || first.validationMessage;
    if (field.querySelector("fieldset")) {
      var required = field.querySelector("fieldset[data-required]");
      return required && !values(form, name).length ? missing : "";
    }
    var v = first.validity, value = (first.value || "").trim();
    if (v.badInput) { return fill(t("range", "Enter a whole number from {min} to {max}"), { min: first.min, max: first.max }); } // "abc" in a number field reads as empty
    if (v.valueMissing || first.required && first.type !== "checkbox" && !value) { return missing; }
    if (!value && first.type !== "checkbox") { return ""; }
    if (first.type === "email" && (v.typeMismatch || v.patternMismatch || !EMAIL.test(value))) { return t("email", "Enter an e-mail address in the right format, like name@example.org"); }
    if (first.type === "tel" && v.patternMismatch) { return t("tel", "Enter a phone number with digits, spaces and + only"); }
    if (v.rangeUnderflow || v.rangeOverflow || v.stepMismatch) { return fill(t("range", "Enter a whole number from {min} to {max}"), { min: first.min, max: first.max }); }
    if (v.tooLong || first.maxLength > 0 && value.length > first.maxLength) { return fill(t("toolong", "This is too long: write at most {max} characters"), { max: first.maxLength }); }
    if (v.typeMismatch || v.patternMismatch) { return t("format", "Check the format of this field."); }
    return "";
  }
  function setError(field, message) {
    var err = field.querySelector(".error");
    field.classList.toggle("has-error", !!message);
    if (err) { err.textContent = message; err.hidden = !message; }
    field.querySelectorAll("input, select, textarea").forEach(function (el) {
      if (el.type === "radio") { return; }
      if (message) { el.setAttribute("aria-invalid", "true"); } else { el.removeAttribute("aria-invalid"); }
    });
  }
  // The summary lists the fields now in error, each a link that moves focus to the field.
  function summarize(form) {
    var box = form.querySelector(".error-summary");
    if (!box) { return 0; }
    var list = box.querySelector("ul");
    list.textContent = "";
    form.querySelectorAll(".field.has-error").forEach(function (field) {
      var target = controls(form, field.getAttribute("data-field"))[0];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "#" + target.id;
      a.textContent = field.querySelector(".error").textContent;
      a.addEventListener("click", function (e) {
        e.preventDefault();
        var label = field.querySelector("legend") || field.querySelector('label[for="' + CSS.escape(target.id) + '"]') || field;
        label.scrollIntoView({ block: "start" });
        target.focus({ preventScroll: true });
      });
      li.appendChild(a);
      list.appendChild(li);
    });
    box.hidden = !list.children.length;
    return list.children.length;
  }
  function validate(form) {
    form.querySelectorAll(".field[data-field]").forEach(function (field) { setError(field, problem(field)); });
    return summarize(form);
  }

  // ---- Who receives the request: the partner for the chosen country, else the central address.
  var recipients = JSON.parse(root.getAttribute("data-recipients") || "null");
  var route = root.getAttribute("data-route");
  var central = { name: root.getAttribute("data-recipient") || "", email: root.getAttribute("data-mailto") || "" };
  function recipientFor(form) {
    var v = recipients && route ? values(form, route)[0] : null;
    return (v && recipients[v.code]) || central;
  }
  function showRecipient(form) {
    var r = recipientFor(form);
    form.querySelectorAll(".gdpr-text[data-template]").forEach(function (s) { s.textContent = fill(s.getAttribute("data-template"), { recipient: r.name }); });
  }

  // ---- The e-mail: each field on a line under its label, choices by their names.
  function message(form) {
    var out = "", prevLong = false;
    form.querySelectorAll(".field[data-field]").forEach(function (field) {
      var name = field.getAttribute("data-field"), vals = values(form, name);
      if (!vals.length) { return; }
      var label = controls(form, name)[0].name;
      var labels = vals.map(function (v) { return v.label; });
      var part = field.querySelector('input[type="checkbox"]:not([data-name="consent"])') || /\n/.test(labels[0])
        ? label + (/[?:]$/.test(label) ? "\n" : ":\n") + labels.map(function (l) { return field.querySelector("fieldset") ? "- " + l : l; }).join("\n")
        : label + (/[?:]$/.test(label) ? " " : ": ") + labels[0];
      var long = /\n/.test(part);
      if (out && (long || prevLong)) { out += "\n"; }
      out += part + "\n";
      prevLong = long;
    });
    return out;
  }
  function mailtoURL(to, subject, body) {
    return "mailto:" + to + "?subject=" + encodeURIComponent(subject) + "&body=" + encodeURIComponent(body.replace(/\r?\n/g, "\r\n"));
  }
  function review(form) {
    var box = form.closest(".intent-form").querySelector(".review");
    var r = recipientFor(form), subject = form.getAttribute("data-subject") || document.title, body = message(form);
    var to = box.querySelector(".review-to"), at = r.email.indexOf("@") + 1;
    to.textContent = r.email.slice(0, at); // a long address breaks after the @ on a phone
    to.appendChild(document.createElement("wbr"));
    to.appendChild(document.createTextNode(r.email.slice(at)));
    box.querySelector(".review-subject").textContent = subject;
    box.querySelector(".review-body").value = body;
    box.querySelector(".review-open").href = mailtoURL(r.email, subject, body);
    box.querySelector(".copy-status").textContent = "";
    form.hidden = true;
    box.hidden = false;
    var ta = box.querySelector(".review-body"); // the whole message, without a scroll box inside the page
    ta.style.height = "auto";
    ta.style.height = (ta.scrollHeight + ta.offsetHeight - ta.clientHeight) + "px";
    box.querySelector("h3").focus();
  }
  function copy(text, field, done) {
    function bySelection() {
      var ta = field;
      if (!ta) {
        ta = document.createElement("textarea");
        ta.value = text;
        ta.setAttribute("readonly", "");
        ta.className = "visually-hidden";
        document.body.appendChild(ta);
      }
      ta.focus();
      ta.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      if (!field) { document.body.removeChild(ta); }
      done(ok);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, bySelection);
    } else {
      bySelection();
    }
  }
  root.querySelectorAll(".review").forEach(function (box) {
    var section = box.closest(".intent-form"), form = section.querySelector("form");
    var status = box.querySelector(".copy-status");
    box.querySelectorAll("[data-copy]").forEach(function (b) {
      b.addEventListener("click", function () {
        var body = b.getAttribute("data-copy") === "body";
        var field = body ? box.querySelector(".review-body") : null;
        copy(body ? field.value : box.querySelector(".review-to").textContent, field, function (ok) {
          status.textContent = ok ? (body ? t("copied", "Copied. Now paste it into a new e-mail.") : t("copiedaddress", "Address copied."))
            : t("copyfailed", "Copying did not work here: select the text and copy it yourself.");
          if (!ok && field) { field.focus(); field.select(); }
        });
      });
    });
    box.querySelector("[data-edit]").addEventListener("click", function () {
      box.hidden = true;
      form.hidden = false;
      var first = form.querySelector("[data-name]");
      if (first) { first.focus(); }
    });
  });

  // ---- Drafts in sessionStorage, by field name and choice code.
  function save(form) {
    var data = {};
    form.querySelectorAll(".field[data-field]").forEach(function (field) {
      var name = field.getAttribute("data-field");
      data[name] = values(form, name).map(function (v) { return v.code; });
    });
    try { sessionStorage.setItem(form.getAttribute("data-draft-key"), JSON.stringify(data)); } catch (e) { /* storage off */ }
  }
  function restore(form) {
    var data = null;
    try { data = JSON.parse(sessionStorage.getItem(form.getAttribute("data-draft-key")) || "null"); } catch (e) { data = null; }
    if (!data) { return; }
    Object.keys(data).forEach(function (name) {
      var codes = data[name] || [];
      controls(form, name).forEach(function (el) {
        if (el.tagName === "SELECT") {
          Array.prototype.forEach.call(el.options, function (o) { if (o.value && codes.indexOf(o.getAttribute("data-value") || o.value) >= 0) { o.selected = true; } });
        } else if (el.type === "checkbox" || el.type === "radio") {
          el.checked = codes.indexOf(el.getAttribute("data-value") || el.value) >= 0;
        } else if (codes.length) {
          el.value = codes[0];
        }
      });
    });
  }
  function clearDraft(form) { try { sessionStorage.removeItem(form.getAttribute("data-draft-key")); } catch (e) { /* ignore */ } }

  // ---- Sending to a form service.
  function status(form, cls, text, retry) {
    var box = form.querySelector(".form-status");
    box.textContent = "";
    if (!text) { return; }
    var p = document.createElement("p");
    p.className = cls;
    p.textContent = text;
    box.appendChild(p);
    if (retry) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "button secondary";
      b.textContent = t("retry", "Try again");
      b.addEventListener("click", function () { submit(form); });
      box.appendChild(b);
    }
  }
  function send(form) {
    if (!/^https?:$/.test(location.protocol)) { form.submit(); return; }
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    status(form, "", t("sending", "Sending…"));
    fetch(form.action, { method: "POST", body: new FormData(form), headers: { "Accept": "application/json" } })
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (body) { return { ok: r.ok, body: body }; });
      })
      .then(function (res) {
        button.disabled = false;
        if (res.ok) {
          clearDraft(form);
          form.reset();
          status(form, "ok", t("sent", "Thank you! Your request has been received. We will reply within five working days."));
          return;
        }
        (res.body.errors || []).forEach(function (e) {
          var field = form.querySelector('.field[data-field="' + CSS.escape(e.field) + '"]');
          if (field) { setError(field, e.message); }
        });
        summarize(form);
        status(form, "bad", t("failed", "Your request could not be sent. Nothing you wrote is lost."), true);
      })
      .catch(function () {
        button.disabled = false;
        status(form, "bad", t("offline", "The connection failed. Nothing you wrote is lost: try again when you are online."), true);
      });
  }
  function submit(form) {
    if (validate(form)) {
      status(form, "", "");
      form.querySelector(".error-summary").focus();
      return;
    }
    save(form);
    if (form.hasAttribute("data-mailto")) { review(form); } else { send(form); }
  }

  // ---- An opportunity's reply button: ?opportunity=<slug> starts the
  // message with what it is about, unless the visitor has written one.
  function aboutOpportunity(form) {
    var refs = JSON.parse(root.getAttribute("data-opportunities") || "{}");
    var ref = Object.prototype.hasOwnProperty.call(refs, params.get("opportunity") || "") ? refs[params.get("opportunity")] : null;
    var box = form.querySelector('textarea[data-name="message"]');
    if (!ref || !box || box.value.trim()) { return; }
    var d = new Date(), today = d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
    if (ref.c && ref.c < today) { return; } // closed by the visitor's clock
    box.value = t("opportunity", "About") + ": " + ref.t + " (" + ref.u + ")\n\n";
  }

  // ---- Start.
  var module = params.get("module");
  forms.forEach(function (form) {
    form.noValidate = true;
    restore(form);
    aboutOpportunity(form);
    var started = form.querySelector('input[name="_started"]');
    if (started) { started.value = String(Date.now()); }
    if (module) {
      form.querySelectorAll('input[data-name="topics"], input[data-name="skills"]').forEach(function (el) { if (el.getAttribute("data-value") === module) { el.checked = true; } });
    }
    showRecipient(form);
    form.addEventListener("input", function (e) {
      save(form);
      var field = e.target.closest(".field[data-field]");
      if (field && field.classList.contains("has-error")) { setError(field, problem(field)); summarize(form); }
    });
    form.addEventListener("change", function (e) {
      save(form);
      var field = e.target.closest(".field[data-field]");
      if (field && field.getAttribute("data-field") === route) { showRecipient(form); }
      if (field && field.classList.contains("has-error")) { setError(field, problem(field)); summarize(form); }
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); submit(form); });
  });
  if (choice) {
    choice.addEventListener("change", function (e) { showIntent(e.target.value); });
    showIntent((choice.querySelector("input:checked") || {}).value);
    var wanted = params.get("intent");
    if (!wanted && module) {
      // the form that offers this module
      var owner = root.querySelector('.intent-form input[data-value="' + CSS.escape(module) + '"]');
      wanted = owner ? owner.closest(".intent-form").getAttribute("data-intent") : null;
    }
    if (wanted) { choose(wanted); }
  }
})();
