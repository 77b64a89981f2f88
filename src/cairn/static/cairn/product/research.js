// A research note: the passage selected in the body, as offsets in its plain text (what
// the server stored), becomes an insight; a highlighted passage points at its insight.
(function () {
  "use strict";

  function offsets(body, range) {
    // The text before the selection, however many <mark>s it crosses, is its start.
    var before = document.createRange();
    before.selectNodeContents(body);
    before.setEnd(range.startContainer, range.startOffset);
    var start = before.toString().length;
    return [start, start + range.toString().length];
  }

  function setUp() {
    var body = document.getElementById("note-body");
    var button = document.getElementById("make-insight");
    var dialog = document.getElementById("insight-dialog");
    if (!body || !button || !dialog) return;
    var form = dialog.querySelector("form");
    var chosen = null;

    document.addEventListener("selectionchange", function () {
      var selection = window.getSelection();
      if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
      var range = selection.getRangeAt(0);
      if (!body.contains(range.startContainer) || !body.contains(range.endContainer)) return;
      if (!range.toString().trim()) return;
      var span = offsets(body, range);
      chosen = { start: span[0], end: span[1], text: range.toString() };
      button.disabled = false;
      document.getElementById("selection-hint").textContent = "Selected: " + chosen.text.length + " characters.";
    });

    button.addEventListener("click", function () {
      if (!chosen) return;
      form.elements.start.value = chosen.start;
      form.elements.end.value = chosen.end;
      document.getElementById("insight-passage").textContent = chosen.text;
      dialog.showModal();
    });

    body.addEventListener("click", function (event) {
      var mark = event.target.closest("mark[data-insight]");
      if (!mark) return;
      var card = document.getElementById("insight-" + mark.dataset.insight);
      document.querySelectorAll(".focus").forEach(function (el) { el.classList.remove("focus"); });
      mark.classList.add("focus");
      if (card) { card.classList.add("focus"); card.scrollIntoView({ block: "nearest" }); }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
