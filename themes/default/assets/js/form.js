/* oersite request forms: the plain HTML forms work without this script. With it:
 * - one intent at a time (radio choice), the other form hidden;
 * - inline validation messages tied to their fields (aria-describedby);
 * - in-page submit with a clear success or failure state, and retry;
 * - the draft kept in sessionStorage until the endpoint confirms receipt;
 * - ?module=<slug> preselects a module; a time trap records when the form loaded;
 * - without an endpoint, the form composes an e-mail (mailto:) instead.
 */
(function () {
  "use strict";
  var root = document.querySelector(".request-forms");
  if (!root) { return; }
  var msgs = JSON.parse(root.getAttribute("data-messages") || "{}");
  function t(k, fallback) { return msgs[k] || fallback; }
  var forms = Array.prototype.slice.call(root.querySelectorAll("form[data-intent]"));
  var params = new URLSearchParams(location.search);

  // Intent choice.
  var choice = root.querySelector(".intent-choice");
  function showIntent(intent) {
    root.querySelectorAll(".intent-form").forEach(function (s) { s.hidden = s.getAttribute("data-intent") !== intent; });
  }
  if (choice) {
    choice.hidden = false;
    var wanted = params.get("intent");
    if (wanted) { var r = choice.querySelector('input[value="' + CSS.escape(wanted) + '"]'); if (r) { r.checked = true; } }
    choice.addEventListener("change", function (e) { showIntent(e.target.value); });
    showIntent((choice.querySelector("input:checked") || {}).value);
  }

  function field(form, name) { return form.querySelectorAll('[name="' + name + '"]'); }
  function errorEl(el) {
    var ids = (el.getAttribute("aria-describedby") || "").split(/\s+/);
    for (var i = 0; i < ids.length; i++) { if (/-error$/.test(ids[i])) { return document.getElementById(ids[i]); } }
    return null;
  }
  function setError(el, message) {
    var target = el.closest("fieldset[aria-describedby]") || el;
    var err = errorEl(target);
    if (message) {
      target.setAttribute("aria-invalid", "true");
      if (err) { err.textContent = message; err.hidden = false; }
    } else {
      target.removeAttribute("aria-invalid");
      if (err) { err.textContent = ""; err.hidden = true; }
    }
  }
  function messageFor(el) {
    var v = el.validity;
    if (v.valueMissing) { return t("required", "Please fill in this field."); }
    if (v.typeMismatch && el.type === "email") { return t("email", "Please enter an e-mail address such as name@example.org."); }
    if (v.typeMismatch) { return t("format", "Please check the format."); }
    if (v.rangeUnderflow || v.rangeOverflow) { return t("range", "Please enter a number between {min} and {max}.").replace("{min}", el.min).replace("{max}", el.max); }
    if (v.tooLong) { return t("toolong", "This is too long."); }
    return el.validationMessage;
  }
  function validate(form) {
    var first = null;
    form.querySelectorAll("input, select, textarea").forEach(function (el) {
      if (el.type === "hidden" || el.closest(".hp") || el.type === "checkbox" && el.closest("fieldset[data-required]")) { return; }
      if (el.type === "radio") { return; }
      var msg = el.checkValidity() ? "" : messageFor(el);
      setError(el, msg);
      if (msg && !first) { first = el; }
    });
    form.querySelectorAll("fieldset[data-required]").forEach(function (fs) {
      var any = fs.querySelector("input:checked");
      var el = fs.querySelector("input");
      setError(el, any ? "" : t("choose", "Please choose at least one."));
      if (!any && !first) { first = el; }
    });
    return first;
  }

  // Drafts in sessionStorage.
  function save(form) {
    var data = {};
    new FormData(form).forEach(function (v, k) { if (k.charAt(0) !== "_") { (data[k] = data[k] || []).push(v); } });
    try { sessionStorage.setItem(form.getAttribute("data-draft-key"), JSON.stringify(data)); } catch (e) { /* storage off */ }
  }
  function restore(form) {
    var data = null;
    try { data = JSON.parse(sessionStorage.getItem(form.getAttribute("data-draft-key")) || "null"); } catch (e) { data = null; }
    if (!data) { return; }
    Object.keys(data).forEach(function (k) {
      field(form, k).forEach(function (el) {
        if (el.type === "checkbox" || el.type === "radio") { el.checked = data[k].indexOf(el.value) >= 0; }
        else if (el.type !== "hidden") { el.value = data[k][0]; }
      });
    });
  }
  function clearDraft(form) { try { sessionStorage.removeItem(form.getAttribute("data-draft-key")); } catch (e) { /* ignore */ } }

  function status(form, cls, text, retry) {
    var box = form.querySelector(".form-status");
    box.textContent = "";
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

  function mailto(form) {
    var lines = [];
    form.querySelectorAll("input, select, textarea").forEach(function (el) {
      if (el.type === "hidden" || el.closest(".hp") || (el.type === "checkbox" || el.type === "radio") && !el.checked || !el.value) { return; }
      var label = el.closest(".field");
      var name = label ? (label.querySelector("legend, label") || {}).textContent : el.name;
      lines.push((name || el.name).replace(/\s*\*\s*$/, "").trim() + ": " + el.value);
    });
    var subject = (document.getElementById("h-intent-" + form.getAttribute("data-intent")) || {}).textContent || document.title;
    return "mailto:" + form.getAttribute("data-mailto") + "?subject=" + encodeURIComponent(subject) + "&body=" + encodeURIComponent(lines.join("\n"));
  }

  function submit(form) {
    var bad = validate(form);
    if (bad) {
      status(form, "bad", t("fix", "Please correct the fields marked below."));
      bad.focus();
      return;
    }
    save(form);
    if (form.hasAttribute("data-mailto")) {
      var href = mailto(form);
      status(form, "ok", t("mailto", "Your e-mail program opens with the message ready. Send it from there."));
      var a = document.createElement("a");
      a.href = href;
      a.textContent = t("mailtolink", "Open the e-mail again");
      form.querySelector(".form-status").appendChild(a);
      location.href = href;
      return;
    }
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
          var el = field(form, e.field)[0];
          if (el) { setError(el, e.message); }
        });
        status(form, "bad", t("failed", "Your request could not be sent. Nothing you wrote is lost."), true);
      })
      .catch(function () {
        button.disabled = false;
        status(form, "bad", t("offline", "The connection failed. Nothing you wrote is lost: try again when you are online."), true);
      });
  }

  var module = params.get("module");
  forms.forEach(function (form) {
    form.noValidate = true;
    restore(form);
    var started = form.querySelector('input[name="_started"]');
    if (started) { started.value = String(Date.now()); }
    if (module) {
      form.querySelectorAll('input[name="topics"], input[name="skills"]').forEach(function (el) { if (el.value === module) { el.checked = true; } });
    }
    form.addEventListener("input", function (e) { save(form); if (e.target.getAttribute("aria-invalid")) { setError(e.target, e.target.checkValidity() ? "" : messageFor(e.target)); } });
    form.addEventListener("change", function () { save(form); });
    form.addEventListener("submit", function (e) { e.preventDefault(); submit(form); });
  });
  if (module) {
    var training = root.querySelector('.intent-choice input[value="training"]');
    if (training && !params.get("intent")) { training.checked = true; showIntent("training"); }
  }
})();
