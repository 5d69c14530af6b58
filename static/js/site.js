/* Small enhancements of the page frame; every page works without them.
   - The fold-out menu on phones is a <details>: Escape closes it (focus back on "Menu"),
     and so does a click elsewhere.
   - After a form was sent with errors, focus goes to the error summary (the first thing a
     screen reader then reads); its links put focus in the field they name. */
(function () {
  "use strict";
  document.querySelectorAll("details.mobile-menu").forEach(function (menu) {
    var summary = menu.querySelector("summary");
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open) {
        menu.open = false;
        summary.focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (menu.open && !menu.contains(event.target)) {
        menu.open = false;
      }
    });
  });

  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) return;
      var field = document.getElementById(link.getAttribute("href").slice(1));
      if (!field) return;
      event.preventDefault();
      var label = document.querySelector("label[for='" + field.id + "']") || field;
      label.scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }
})();
