/* Live console: polls the workshop's JSON every few seconds and swaps the counts.
   Without JavaScript the "Opdatér" link reloads the page.
   What changed is said once in a polite live region, in words ("Gruppe 2: 5.",
   "12 stemmesedler i alt.", "Afstemningen er nu: Lukket."), never as a bare number.
   When the vote was opened or closed elsewhere (another tab, a colleague), the action
   buttons are hidden and the page offers to load itself again. */
(function () {
  "use strict";
  var root = document.getElementById("console");
  if (!root || !window.fetch) {
    return;
  }
  var url = root.getAttribute("data-live-url");
  var pageStatus = root.getAttribute("data-status");
  var announce = root.querySelector("[data-live-announce]");
  var note = root.querySelector("[data-live-note]");
  if (note) {
    note.hidden = false;
  }

  function text(name, values) {
    var t = root.getAttribute("data-text-" + name) || "";
    Object.keys(values).forEach(function (key) {
      t = t.replace("{" + key + "}", values[key]);
    });
    return t;
  }

  function setText(el, value) {
    if (el && el.textContent !== String(value)) {
      el.textContent = value;
      return true;
    }
    return false;
  }

  function groupName(cell) {
    var row = cell.closest("tr");
    var th = row && row.querySelector("th");
    return th ? th.textContent.trim() : "";
  }

  function refresh() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (data) {
        var said = [];
        if (setText(root.querySelector("[data-live-status]"), data.status_label)) {
          said.push(text("status", { status: data.status_label }));
        }
        if (data.status !== pageStatus) {
          var stale = root.querySelector("[data-live-stale]");
          var actions = root.querySelector("[data-live-actions]");
          if (stale && stale.hidden) {
            stale.hidden = false;
            if (actions) {
              actions.hidden = true;
            }
          }
        }
        Object.keys(data.groups).forEach(function (id) {
          var cell = root.querySelector('[data-group-count="' + id + '"]');
          if (setText(cell, data.groups[id])) {
            said.push(text("group", { group: groupName(cell), n: data.groups[id] }));
          }
        });
        if (setText(root.querySelector("[data-live-total]"), data.total)) {
          said.push(text("total", { n: data.total }));
        }
        setText(root.querySelector("[data-live-paper]"), data.paper);
        var over = document.querySelector("[data-live-over]");
        if (over) {
          over.hidden = !data.over_head_count;
        }
        if (said.length && announce) {
          announce.textContent = said.join(" ");
        }
      })
      .catch(function () { /* keep the last numbers; the link still works */ });
  }

  window.setInterval(refresh, 3000);
})();
