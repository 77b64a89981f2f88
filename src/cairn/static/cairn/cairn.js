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
  // A refusal as plain text (the server's message for a form that has nowhere to show
  // it, such as bulk edit) becomes a toast instead of being swapped into the page.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (xhr.status === 422 && (xhr.getResponseHeader("Content-Type") || "").indexOf("text/plain") === 0) {
      event.detail.shouldSwap = false;
      toast(xhr.responseText, "error");
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
  document.addEventListener("cairn:toast", function (e) { toast(e.detail.value || e.detail); });
  // A change made from the list (bulk edit) redraws the table with the filters in the address.
  document.addEventListener("cairn:issues-changed", function () {
    if (document.getElementById("issue-table")) {
      htmx.ajax("GET", location.href, { target: "#issue-table", swap: "innerHTML" });
    }
  });
  document.addEventListener("cairn:dialog-done", function () {
    var dialog = document.getElementById("dialog");
    if (dialog && dialog.open) dialog.close();
  });

  // Live updates: another person's change to what this page shows appears without a reload.
  function listen() {
    var body = document.body, url = body.dataset.events;
    if (!url || !window.EventSource) return;
    var me = body.dataset.userId, timer = null;
    var source = new EventSource(url);
    window.cairnEvents = source;
    function refresh(options) {
      clearTimeout(timer);
      timer = setTimeout(function () { htmx.ajax("GET", location.href, options); }, 300);
    }
    function handle(event) {
      var data = JSON.parse(event.data);
      document.dispatchEvent(new CustomEvent("cairn:live", { detail: data }));
      if (String(data.actor_id) === me) return;
      var issue = body.dataset.liveIssue, list = body.dataset.liveList;
      // A reschedule names every issue it moved in one event (issues.dates_moved).
      var named = data.payload && (data.payload.key === issue || (data.payload.keys || []).indexOf(issue) >= 0);
      if (issue && named) {
        if (document.querySelector("form.editing")) {
          toast(issue + " was just changed by someone else; your open edit may be refused.", "error");
        } else {
          refresh({ target: "#main", select: "#main", swap: "outerHTML" });
          toast(issue + " was updated by someone else.");
        }
      } else if (list) {
        refresh({ target: "#" + list, swap: "innerHTML" });
      }
    }
    ["issue.created", "issue.updated", "issues.dates_moved", "comment.added", "comment.edited", "attachment.added",
     "schedule.changed"].forEach(function (name) {
      source.addEventListener(name, handle);
    });
  }
  document.addEventListener("DOMContentLoaded", listen);

  // Dates in the reader's own locale and time zone; the server wrote ISO.
  var dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });
  var momentFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
  function showDates(root) {
    (root || document).querySelectorAll("time[data-show]").forEach(function (el) {
      var iso = el.getAttribute("datetime"), kind = el.dataset.show;
      var when = new Date(kind === "day" ? iso + "T00:00:00Z" : iso);
      if (isNaN(when)) return;
      if (kind === "day") el.textContent = dayFormat.format(when);
      else if (kind === "moment") el.textContent = momentFormat.format(when);
      el.title = kind === "day" ? iso : momentFormat.format(when);
      el.removeAttribute("data-show");
    });
  }
  window.cairnShowDates = showDates;
  document.addEventListener("DOMContentLoaded", function () { showDates(); });
  document.addEventListener("htmx:afterSwap", function (event) { showDates(event.detail.target.parentNode || document); });
  document.addEventListener("htmx:oobAfterSwap", function () { showDates(); });

  // Small screens (the stylesheet hides the menus at 900 px and below): the menu button
  // shows the main and project menus, the search button the search box. Esc closes
  // either and gives focus back to its button.
  function disclosure(button, openClass, firstFocus) {
    function setOpen(open, quietly) {
      document.body.classList.toggle(openClass, open);
      button.setAttribute("aria-expanded", String(open));
      var target = open && !quietly && firstFocus();
      if (target) target.focus();
    }
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || button.getAttribute("aria-expanded") !== "true") return;
      setOpen(false);
      button.focus();
    });
    return setOpen;
  }
  document.addEventListener("DOMContentLoaded", function () {
    var menu = document.querySelector(".menu-toggle"), searchButton = document.querySelector(".search-toggle");
    if (menu) {
      // The project menu lives beside the page, not in the header; the button shows both.
      if (document.getElementById("project-nav")) menu.setAttribute("aria-controls", "main-nav project-nav");
      disclosure(menu, "menu-open", function () { return document.querySelector("#main-nav a"); });
    }
    if (searchButton) {
      var openSearch = disclosure(searchButton, "search-open", function () { return document.querySelector("#search input"); });
      // "/" focuses the search box; where it is hidden behind its button, open it first
      // (capture runs before the shortcut handler below, which then finds it visible).
      document.addEventListener("keydown", function (event) {
        if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
        if (searchButton.offsetParent !== null) openSearch(true);
      }, true);
    }
    // On a phone the issue list folds the filters past the text behind a button, except
    // those in use: no filter that narrows the list is ever out of sight.
    var filters = document.getElementById("issue-filters"), more = document.querySelector(".filters-toggle");
    if (filters && more) {
      disclosure(more, "filters-open", function () { return filters.querySelector("label:not(:first-child, .in-use) :is(select, input)"); });
      var markInUse = function () {
        filters.querySelectorAll("label").forEach(function (label) {
          var field = label.querySelector("select, input");
          label.classList.toggle("in-use", !!field && (field.type === "checkbox" ? field.checked : !!field.value));
        });
      };
      markInUse();
      filters.addEventListener("change", markInUse);
    }
  });

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
      event.preventDefault();
      showShortcuts();
    }
  });

  // The list shows only the keys that act on something on this page.
  function showShortcuts() {
    var help = document.getElementById("shortcuts");
    if (!help || help.open) return;
    help.querySelectorAll("[data-needs]").forEach(function (entry) {
      entry.hidden = !document.querySelector(entry.dataset.needs);
    });
    help.showModal();
  }
  document.addEventListener("click", function (event) {
    if (!event.target.closest("[data-open-shortcuts]")) return;
    var menu = event.target.closest("details");
    if (menu) menu.open = false;
    showShortcuts();
  });
})();
