// Small behaviours shared by every page: keyboard shortcuts, htmx error handling, toasts.
(function () {
  "use strict";

  function toast(text, kind) {
    var box = document.getElementById("toast");
    if (!box) return;
    var item = document.createElement("p");
    item.className = "toast " + (kind || "");
    item.textContent = text;
    box.appendChild(item);
    setTimeout(function () { item.remove(); }, 5000);
  }
  window.cairnToast = toast;

  document.addEventListener("htmx:configRequest", function () {});
  document.addEventListener("DOMContentLoaded", function () {
    if (window.htmx) {
      // Form errors come back as 422 with the re-rendered form: swap them in like a 200.
      htmx.config.responseHandling = [
        { code: "204", swap: false },
        { code: "[23]..", swap: true },
        { code: "422", swap: true, error: false },
        { code: "[45]..", swap: false, error: true },
      ];
    }
  });
  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr, message = "Something went wrong (" + xhr.status + ")";
    try { message = JSON.parse(xhr.responseText).message || message; } catch (e) {
      var text = (xhr.responseText || "").replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
      if (text && text.length < 300) message = text;
    }
    toast(message, "error");
  });
  document.addEventListener("htmx:sendError", function () { toast("The server cannot be reached.", "error"); });
  document.body && document.body.addEventListener("cairn:toast", function (e) { toast(e.detail.value); });
  document.addEventListener("cairn:toast", function (e) { toast(e.detail.value || e.detail); });

  function typing(target) {
    return target.closest("input, textarea, select, [contenteditable=true]");
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (event.key === "/") {
      var search = document.querySelector("[data-shortcut='/']");
      if (search) { event.preventDefault(); search.focus(); }
    } else if (event.key === "c") {
      var create = document.querySelector("[data-shortcut='c']");
      if (create) { event.preventDefault(); create.click(); }
    } else if (event.key === "?") {
      var help = document.getElementById("shortcuts");
      if (help) help.showModal();
    }
  });
})();
