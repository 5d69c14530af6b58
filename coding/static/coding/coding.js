// The coding page without JavaScript: type or paste the passage. With it, a selection in
// the story's text fills in the passage and where it starts (counted in characters as
// the server counts them: code points, not UTF-16 units).
(function () {
  "use strict";
  var text = document.querySelector("[data-coding-text]");
  var passage = document.getElementById("id_passage");
  var start = document.getElementById("id_start");
  var end = document.getElementById("id_end");
  if (!text || !passage) {
    return;
  }
  function codePoints(value) {
    return Array.from(value).length;
  }
  function fill() {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) {
      return;
    }
    var range = selection.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) {
      return;
    }
    var before = document.createRange();
    before.selectNodeContents(text);
    before.setEnd(range.startContainer, range.startOffset);
    var chosen = range.toString();
    if (!chosen.trim()) {
      return;
    }
    var offset = codePoints(before.toString());
    passage.value = chosen;
    if (start) {
      start.value = String(offset);
    }
    if (end) {
      end.value = String(offset + codePoints(chosen));
    }
  }
  text.addEventListener("mouseup", fill);
  text.addEventListener("keyup", fill);
})();
