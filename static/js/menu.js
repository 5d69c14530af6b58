/* The fold-out menu on phones is a <details>: it works without this script.
   This only closes it with Escape (focus back on "Menu") and when clicking elsewhere. */
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
})();
