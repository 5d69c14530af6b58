/* Signed-in pages: warn before the idle session ends, and keep what was typed.

   1. The page says (data attributes on <body>, templates/base.html) how many seconds of
      idleness end the session and how long before that to warn. A live region then
      offers "Fortsæt", which pings the keep-alive endpoint (POST with the CSRF token
      of the page's forms) and starts the count again.
   2. When a form is sent, its fields (never passwords, files or hidden fields) are put
      in sessionStorage (this tab only, never on the server). A page that means the
      sending failed because the session ended (the sign-in page, "Siden er udløbet")
      keeps them; back on the form's page after signing in, the user is offered the text
      again. Any other page means it arrived: the copy is deleted.
*/
(function () {
  "use strict";
  var body = document.body;
  var KEY = "aktiv-saved-form";
  // The words come translated from the page (templates/aktiv/_session_texts.html).
  var words = document.getElementById("session-texts");
  function say(name) {
    return words ? words.getAttribute("data-" + name) || "" : "";
  }
  var TEXT = {
    warn: function (m) { return say("warn").replace("{minutes}", m); },
    cont: say("continue"),
    continued: say("continued"),
    ended: say("ended"),
    offer: say("offer"),
    restore: say("restore"),
    discard: say("discard"),
    restored: say("restored")
  };

  function read() {
    try {
      return JSON.parse(window.sessionStorage.getItem(KEY) || "null");
    } catch (e) {
      return null;
    }
  }

  function write(value) {
    try {
      if (value === null) {
        window.sessionStorage.removeItem(KEY);
      } else {
        window.sessionStorage.setItem(KEY, JSON.stringify(value));
      }
    } catch (e) {
      /* storage full or off: nothing kept */
    }
  }

  // --- 2. keeping what was typed ------------------------------------------------------
  // A form's own fields can hide its properties (the story form has a field "method"):
  // read the attributes.
  function actionOf(form) {
    return new URL(form.getAttribute("action") || location.href, location.href).pathname;
  }

  function fieldsOf(form) {
    var fields = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled) return;
      var type = (el.type || "").toLowerCase();
      if (["password", "file", "hidden", "submit", "button", "reset"].indexOf(type) >= 0) return;
      if (type === "checkbox" || type === "radio") {
        fields.push({ name: el.name, value: el.value, checked: el.checked });
      } else if (el.tagName === "SELECT" && el.multiple) {
        fields.push({
          name: el.name,
          values: Array.prototype.filter.call(el.options, function (o) { return o.selected; })
            .map(function (o) { return o.value; })
        });
      } else {
        fields.push({ name: el.name, value: el.value });
      }
    });
    return fields;
  }

  function restore(form, fields) {
    fields.forEach(function (f) {
      var els = form.querySelectorAll('[name="' + CSS.escape(f.name) + '"]');
      Array.prototype.forEach.call(els, function (el) {
        var type = (el.type || "").toLowerCase();
        if (type === "checkbox" || type === "radio") {
          if (el.value === f.value) el.checked = f.checked;
        } else if (f.values) {
          Array.prototype.forEach.call(el.options, function (o) {
            o.selected = f.values.indexOf(o.value) >= 0;
          });
        } else if (type !== "hidden" && type !== "password" && type !== "file") {
          el.value = f.value;
        }
      });
    });
  }

  function offer(saved) {
    var form = null;
    Array.prototype.some.call(document.querySelectorAll("main form[method=post]"), function (f) {
      if (actionOf(f) === saved.action) {
        form = f;
        return true;
      }
      return false;
    });
    if (!form) return;
    var box = document.createElement("div");
    box.className = "alert alert-info saved-form-offer";
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", TEXT.offer);
    box.tabIndex = -1;
    var p = document.createElement("p");
    p.textContent = TEXT.offer;
    var yes = document.createElement("button");
    yes.type = "button";
    yes.className = "btn btn-primary me-2";
    yes.textContent = TEXT.restore;
    var no = document.createElement("button");
    no.type = "button";
    no.className = "btn btn-outline-primary";
    no.textContent = TEXT.discard;
    box.append(p, yes, no);
    form.parentNode.insertBefore(box, form);
    box.focus();
    yes.addEventListener("click", function () {
      restore(form, saved.fields);
      write(null);
      p.textContent = TEXT.restored;
      yes.remove();
      no.remove();
      box.setAttribute("role", "status");
      var first = form.querySelector("input:not([type=hidden]), textarea, select");
      if (first) first.focus();
    });
    no.addEventListener("click", function () {
      write(null);
      box.remove();
    });
  }

  var saved = read();
  if (saved) {
    if (body.hasAttribute("data-keeps-saved-form")) {
      saved.interrupted = true;
      write(saved);
    } else if (saved.interrupted && body.hasAttribute("data-session-idle") &&
               location.pathname === saved.path) {
      offer(saved);
    } else if (!saved.interrupted || location.pathname !== saved.path) {
      write(null); // it arrived (or the user went elsewhere): never kept longer
    }
  }

  if (!body.hasAttribute("data-session-idle")) return;

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var method = (form.getAttribute("method") || "get").toLowerCase();
    if (method !== "post" || !form.closest("main")) return;
    var fields = fieldsOf(form);
    if (!fields.length) return;
    write({
      path: location.pathname,
      action: actionOf(form),
      fields: fields,
      at: Date.now()
    });
  });

  // --- 1. the warning ----------------------------------------------------------------
  var idle = parseInt(body.getAttribute("data-session-idle"), 10) * 1000;
  var warnBefore = parseInt(body.getAttribute("data-session-warn"), 10) * 1000;
  var ping = body.getAttribute("data-session-ping");
  if (!idle || !ping) return;

  var box = document.createElement("div");
  box.className = "session-warning";
  box.hidden = true;
  var live = document.createElement("p");
  live.setAttribute("role", "alert");
  live.className = "mb-2";
  var button = document.createElement("button");
  button.type = "button";
  button.className = "btn btn-primary";
  button.textContent = TEXT.cont;
  box.append(live, button);
  body.appendChild(box);

  var start = Date.now();
  var timer = null;
  var previousFocus = null;

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function ended() {
    live.textContent = TEXT.ended;
    button.hidden = true;
    box.hidden = false;
  }

  function tick() {
    var left = idle - (Date.now() - start);
    if (left <= 0) {
      ended();
      return;
    }
    if (left <= warnBefore) {
      var minutes = Math.max(1, Math.ceil(left / 60000));
      var text = TEXT.warn(minutes);
      if (live.textContent !== text) live.textContent = text;
      if (box.hidden) {
        previousFocus = document.activeElement;
        box.hidden = false;
        button.focus();
      }
    }
    timer = window.setTimeout(tick, Math.min(15000, Math.max(1000, left - warnBefore)));
  }

  button.addEventListener("click", function () {
    var data = new FormData();
    fetch(ping, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken() }
    }).then(function (response) {
      if (response.ok) {
        start = Date.now();
        live.textContent = TEXT.continued;
        window.setTimeout(function () {
          box.hidden = true;
          if (previousFocus && previousFocus.focus) previousFocus.focus();
        }, 1500);
        window.clearTimeout(timer);
        timer = window.setTimeout(tick, 1000);
      } else {
        ended();
      }
    }, ended);
  });

  timer = window.setTimeout(tick, Math.max(1000, idle - warnBefore));
})();
