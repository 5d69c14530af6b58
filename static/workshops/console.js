/* Live console: polls the workshop's JSON every few seconds and swaps the counts.
   Without JavaScript the "Opdatér" link reloads the page. */
(function () {
  "use strict";
  var root = document.getElementById("console");
  if (!root || !window.fetch) {
    return;
  }
  var url = root.getAttribute("data-live-url");
  var note = root.querySelector("[data-live-note]");
  if (note) {
    note.hidden = false;
  }

  function setText(selector, value) {
    var el = root.querySelector(selector);
    if (el && el.textContent !== String(value)) {
      el.textContent = value;
    }
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
        setText("[data-live-total]", data.total);
        setText("[data-live-paper]", data.paper);
        setText("[data-live-status]", data.status_label);
        var over = document.querySelector("[data-live-over]");
        if (over) {
          over.hidden = !data.over_head_count;
        }
        Object.keys(data.groups).forEach(function (id) {
          setText('[data-group-count="' + id + '"]', data.groups[id]);
        });
      })
      .catch(function () { /* keep the last numbers; the link still works */ });
  }

  window.setInterval(refresh, 3000);
})();
