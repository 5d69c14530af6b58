// Progressive enhancement: while a large file uploads and is read, say so and stop
// a second submit. Without JavaScript the form works the same.
(function () {
  "use strict";
  var form = document.getElementById("import-form");
  if (!form) return;
  form.addEventListener("submit", function () {
    var button = form.querySelector("button[type=submit]");
    var status = document.getElementById("import-progress");
    if (button) {
      button.disabled = true;
      if (button.dataset.busyText) button.textContent = button.dataset.busyText;
    }
    if (status && button && button.dataset.busyText) {
      status.textContent = button.dataset.busyText;
    }
  });
})();
