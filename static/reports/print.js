// The print layout: show the "Åbn udskrift" button and open the print dialog on click.
document.querySelectorAll(".js-print").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
});
