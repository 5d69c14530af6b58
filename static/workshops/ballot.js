/* Ballot counter: "Du har valgt 2 af 3", and a friendly stop at the limit.
   Progressive enhancement: the server checks the same rules without JavaScript. */
(function () {
  "use strict";
  var form = document.querySelector("form.ballot-form[data-limit]");
  if (!form) {
    return;
  }
  var limit = parseInt(form.getAttribute("data-limit"), 10);
  var template = form.getAttribute("data-counter-text") || "{k} / {n}";
  var counter = form.querySelector("[data-counter]");
  var message = form.querySelector("[data-limit-message]");
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input.domain-check"));

  function chosen() {
    return boxes.filter(function (box) { return box.checked; }).length;
  }

  function update() {
    counter.textContent = template.replace("{k}", chosen()).replace("{n}", limit);
  }

  boxes.forEach(function (box) {
    box.addEventListener("change", function () {
      if (box.checked && chosen() > limit) {
        box.checked = false;
        message.hidden = false;
        // Re-set the text so screen readers announce the alert again.
        var text = message.textContent;
        message.textContent = "";
        message.textContent = text;
      } else if (!box.checked) {
        message.hidden = true;
      }
      update();
    });
  });
  update();
})();
