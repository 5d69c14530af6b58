/* The LIX of the easy-read statement while it is typed (domains/readability.py counts the
   same way and shows it on save): words / sentences + 100 x words over six letters / words. */
(function () {
  "use strict";
  var output = document.querySelector("[data-lix-for]");
  if (!output) {
    return;
  }
  var field = document.getElementById(output.getAttribute("data-lix-for"));
  var template = output.getAttribute("data-lix-text") || "LIX {n}";
  var limit = parseInt(output.getAttribute("data-lix-limit"), 10);
  var overText = output.getAttribute("data-lix-over") || "";
  var emptyText = output.getAttribute("data-lix-empty") || "";
  var word = /[\p{L}]+(?:[-'’][\p{L}]+)*/gu;

  function lix(text) {
    var words = text.match(word) || [];
    if (!words.length) {
      return null;
    }
    var sentences = (text.trim().match(/[.!?:]+(?=\s|$)/g) || []).length || 1;
    var long = words.filter(function (w) { return w.replace(/[-'’]/g, "").length > 6; }).length;
    return Math.round(words.length / sentences + (100 * long) / words.length);
  }

  function update() {
    var n = lix(field.value);
    if (n === null) {
      output.textContent = emptyText;
      return;
    }
    output.textContent = template.replace("{n}", n) + (n > limit ? " " + overText : "");
  }

  field.addEventListener("input", update);
  update();
})();
