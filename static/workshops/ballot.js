/* Ballot counter: "Du har valgt 2 af 3", and a friendly stop at the limit, shown next to
   the card the participant tapped (the notice is a live region inside the fieldset).
   Progressive enhancement: the server checks the same rules without JavaScript and puts
   the same notice after the last ticked card. */
(function () {
  "use strict";
  var form = document.querySelector("form.ballot-form[data-limit]");
  if (!form) {
    return;
  }
  var limit = parseInt(form.getAttribute("data-limit"), 10);
  var template = form.getAttribute("data-counter-text") || "{k} / {n}";
  var counter = form.querySelector("[data-counter]");
  var notice = form.querySelector("[data-limit-message]");
  var message = notice.querySelector("[role=alert]");
  var defaultText = form.getAttribute("data-limit-text") || message.textContent;
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input.domain-check"));

  function chosen() {
    return boxes.filter(function (box) { return box.checked; }).length;
  }

  function update() {
    counter.textContent = template.replace("{k}", chosen()).replace("{n}", limit);
  }

  function showNoticeAfter(box) {
    var card = box.closest("li");
    card.parentNode.insertBefore(notice, card.nextSibling);
    notice.hidden = false;
    // Re-set the text so screen readers announce the alert again.
    message.textContent = "";
    message.textContent = defaultText;
  }

  boxes.forEach(function (box) {
    box.addEventListener("change", function () {
      if (box.checked && chosen() > limit) {
        box.checked = false;
        showNoticeAfter(box);
      } else if (!box.checked) {
        notice.hidden = true;
      }
      update();
    });
  });
  update();
})();
