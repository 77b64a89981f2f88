// The hand-ranked backlog: drag a row (SortableJS) or press Alt+Up/Down on a focused row;
// the move is saved at once through the API, naming the rows now above and below it.
(function () {
  "use strict";

  function csrfToken() {
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"]; } catch (e) { return ""; }
  }

  function neighbourId(row, direction) {
    var next = direction === "after" ? row.previousElementSibling : row.nextElementSibling;
    return next && next.dataset.id ? Number(next.dataset.id) : null;
  }

  function save(table, row) {
    var url = "/api/v1/products/" + table.dataset.product + "/" + table.dataset.kind + "/" + row.dataset.id + "/move";
    row.classList.add("saving");
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify({ after: neighbourId(row, "after"), before: neighbourId(row, "before") }),
    }).then(function (response) {
      row.classList.remove("saving");
      if (!response.ok) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (window.cairnToast) window.cairnToast(body.message || "The move was not saved.", "error");
          window.location.reload();
        });
      }
      row.dataset.saved = "true";
      document.dispatchEvent(new CustomEvent("backlog:moved", { detail: { id: row.dataset.id } }));
    }, function () {
      row.classList.remove("saving");
      if (window.cairnToast) window.cairnToast("The server cannot be reached; the move was not saved.", "error");
    });
  }

  function wire(table) {
    var body = table.querySelector("tbody");
    if (window.Sortable) {
      window.Sortable.create(body, {
        handle: ".drag-handle", animation: 120, ghostClass: "sortable-ghost",
        onEnd: function (event) { if (event.oldIndex !== event.newIndex) save(table, event.item); },
      });
    }
    body.addEventListener("keydown", function (event) {
      if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
      var row = event.target.closest("tr");
      if (!row || row !== event.target) return;
      var other = event.key === "ArrowUp" ? row.previousElementSibling : row.nextElementSibling;
      if (!other) return;
      event.preventDefault();
      if (event.key === "ArrowUp") body.insertBefore(row, other);
      else body.insertBefore(other, row);
      row.focus();
      save(table, row);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var table = document.querySelector("table.backlog[data-sortable]");
    if (table) wire(table);
  });
})();
