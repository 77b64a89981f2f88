// The outline of the task table: which rows are shown (a collapsed summary hides what is
// under it), the selected row, and the changes to the outline the selected row takes —
// indent, outdent, move up and down, off the plan — from the keyboard and the toolbar.
// Methods of the chart (gantt.js).
import { toast } from "./api.js";
import { HEAD, ROW } from "./markup.js";

var ACTIONS = { indent: "indent", outdent: "outdent", up: "up", down: "down" };
var NEEDS_ROW = ["indent", "outdent", "up", "down", "remove", "people"];

export var outline = {
  // ---- collapsed summaries -------------------------------------------------------------
  collapsedKey: function () { return "cairn.gantt.collapsed." + this.project; },
  readCollapsed: function () {
    try { return new Set(JSON.parse(localStorage.getItem(this.collapsedKey()) || "[]")); } catch (e) { return new Set(); }
  },
  saveCollapsed: function () { localStorage.setItem(this.collapsedKey(), JSON.stringify(Array.from(this.collapsed))); },

  // The rows shown: every task not under a collapsed summary, in outline order.
  showRows: function () {
    var shown = [], hideBelow = Infinity, collapsed = this.collapsed;
    this.all.forEach(function (t) {
      if (t.outline_level > hideBelow) return;
      hideBelow = t.summary && collapsed.has(t.key) ? t.outline_level : Infinity;
      shown.push(t);
    });
    this.tasks = shown;
    this.rowOf = {};
    for (var i = 0; i < shown.length; i++) this.rowOf[shown[i].key] = i;
  },

  toggle: function (key) {
    var t = this.all[this.indexOf[key]];
    if (!t || !t.summary) return;
    if (this.collapsed.has(key)) this.collapsed.delete(key); else this.collapsed.add(key);
    this.saveCollapsed();
    this.redrawRows();
  },
  // Opens every summary above a task, so a task just moved under a collapsed one is seen.
  expandTo: function (key) {
    var t = this.all[this.indexOf[key]], changed = false;
    while (t && t.parent) {
      if (this.collapsed.delete(t.parent)) changed = true;
      t = this.all[this.indexOf[t.parent]];
    }
    if (changed) { this.saveCollapsed(); this.redrawRows(); }
  },
  redrawRows: function () {
    var focus = this.focusMemo();
    this.showRows();
    this.layout();
    this.window = [0, -1];
    this.render(true);
    this.restoreFocus(focus);
  },

  // ---- the selected row -----------------------------------------------------------------
  select: function (key) {
    if (this.selected === key) return;
    this.selected = key;
    this.rowsBox.querySelectorAll(".g-row[data-key]").forEach(function (row) {
      var on = row.dataset.key === key;
      row.classList.toggle("g-selected", on);
      row.setAttribute("aria-selected", String(on));
      row.tabIndex = on ? 0 : -1;
    });
    this.applySelection();
  },
  applySelection: function () {
    var none = !this.selected, t = this.selected ? this.all[this.indexOf[this.selected]] : null;
    document.querySelectorAll(".gantt-edit [data-action]").forEach(function (button) {
      var name = button.dataset.action;
      // A summary's people are those of its tasks: it has none of its own.
      if (NEEDS_ROW.indexOf(name) >= 0) button.disabled = none || (name === "people" && t.summary);
    });
    var where = document.getElementById("gantt-selected");
    if (where) where.textContent = t ? "Selected: " + t.wbs + " " + t.title : "Select a row to indent, move or staff it.";
  },
  // Brings a row into the rows drawn, scrolled into view, and focuses it.
  focusRow: function (key) {
    var i = this.rowOf[key];
    if (i === undefined) return;
    var top = i * ROW, view = this.scroll.clientHeight - HEAD;
    if (top < this.scroll.scrollTop) this.scroll.scrollTop = top;
    else if (top + ROW > this.scroll.scrollTop + view) this.scroll.scrollTop = top + ROW - view;
    this.render(false);
    var row = this.rowsBox.querySelector('.g-row[data-key="' + key + '"]');
    if (row) row.focus({ preventScroll: true });
  },
  step: function (by) {
    var i = this.selected in this.rowOf ? this.rowOf[this.selected] + by : 0;
    var t = this.tasks[Math.max(0, Math.min(this.tasks.length - 1, i))];
    if (!t) return;
    this.select(t.key);
    this.focusRow(t.key);
  },

  // Keys on a focused row: ↑ ↓ choose the row, ← → collapse and expand a summary,
  // Alt with an arrow changes the outline, Insert or Enter adds a row below, Delete takes
  // the task off the plan. Answers whether the key was used.
  rowKey: function (event) {
    var row = event.target.closest && event.target.closest(".g-row[data-key]");
    var onRow = row && event.target === row, key = event.key;
    if (event.altKey && !event.ctrlKey && !event.metaKey && this.selected && this.canEdit) {
      var action = { ArrowRight: "indent", ArrowLeft: "outdent", ArrowUp: "up", ArrowDown: "down" }[key];
      if (action) { event.preventDefault(); this.reshape(action); return true; }
    }
    if (!onRow || event.altKey || event.ctrlKey || event.metaKey) return false;
    var t = this.all[this.indexOf[row.dataset.key]];
    if (key === "ArrowDown" || key === "ArrowUp") { event.preventDefault(); this.step(key === "ArrowDown" ? 1 : -1); return true; }
    if ((key === "ArrowLeft" || key === "ArrowRight") && t.summary &&
        this.collapsed.has(t.key) === (key === "ArrowRight")) { event.preventDefault(); this.toggle(t.key); return true; }
    if (!this.canEdit) return false;
    if (key === "Insert" || key === "Enter") { event.preventDefault(); this.askNewRow(); return true; }
    if (key === "Delete") { event.preventDefault(); this.removeSelected(); return true; }
    return false;
  },

  // The toolbar's buttons, by their data-action.
  editAction: function (name) {
    if (ACTIONS[name]) this.reshape(ACTIONS[name]);
    else if (name === "add-task") this.askNewRow(false);
    else if (name === "add-milestone") this.askNewRow(true);
    else if (name === "add-issues") this.askIssues();
    else if (name === "people" && this.selected) this.editPeople(this.selected);
    else if (name === "remove") this.removeSelected();
  },

  // One outline change after the other, in the order asked: each is judged by the server
  // against the plan the one before left.
  enqueue: function (job) {
    var self = this;
    this.queue = this.queue.then(job).catch(function (error) { toast(error.message, "error"); });
    return this.queue.then(function () { self.afterInteraction(); });
  },
  reshape: function (action) {
    var key = this.selected, self = this;
    if (!key) return;
    var hadFocus = document.activeElement && document.activeElement.closest &&
                   document.activeElement.closest('.g-row[data-key="' + key + '"]') === document.activeElement;
    return this.enqueue(function () {
      return self.write("POST", self.urls.outline(key), { action: action }).then(function (ok) {
        if (!ok) return;
        self.expandTo(key);
        self.status.textContent = self.describe(key, action);
        if (hadFocus) self.focusRow(key);
      });
    });
  },
  describe: function (key, action) {
    var t = this.all[this.indexOf[key]];
    if (!t) return "";
    var verb = { indent: "indented", outdent: "outdented", up: "moved up", down: "moved down" }[action];
    return key + " " + verb + ": now " + t.wbs + (t.parent ? ", under " + this.all[this.indexOf[t.parent]].wbs : ", at the top level") + ".";
  },
  removeSelected: function () {
    var key = this.selected, self = this, t = key && this.all[this.indexOf[key]];
    if (!t) return;
    if (!window.confirm("Take " + key + " " + t.title + " off the plan? The issue stays; its links go.")) return;
    return this.enqueue(function () {
      return self.write("DELETE", self.urls.task(key)).then(function (ok) { if (ok) toast(key + " is off the plan."); });
    });
  },
};
