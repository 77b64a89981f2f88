// The Gantt chart: a task table and an SVG timeline drawn from the schedule API.
// Only the rows in view (plus a margin) are in the DOM, so a plan of thousands of tasks
// scrolls as smoothly as one of fifty. Every change is sent to the API, and the chart is
// redrawn from the full schedule it answers: the server's engine is the only scheduler.
//
// This module holds the chart's state and its life cycle: loading and writing, laying
// out the time scale, the window of rows in the DOM, and the wiring of the page's
// controls. What it draws and how it is edited are in gantt/, as methods of the chart.
import { request, toast, endpoints } from "./gantt/api.js";
import { Calendar, parseMoment, shortDate, today } from "./gantt/calendar.js";
import { divider } from "./gantt/divider.js";
import { drag } from "./gantt/drag.js";
import { keyboard } from "./gantt/keyboard.js";
import { live } from "./gantt/live.js";
import { HEAD, ROW, esc } from "./gantt/markup.js";
import { parseDuration } from "./gantt/notation.js";
import { outline } from "./gantt/outline.js";
import { people } from "./gantt/people.js";
import { rows } from "./gantt/rows.js";
import { PX_PER_DAY, scaleOrigin, scaleTail } from "./gantt/scale.js";
import { table } from "./gantt/table.js";
import { timeline } from "./gantt/timeline.js";

var OVERSCAN = 12; // rows drawn beyond each edge of the view, so a short scroll draws nothing

function Gantt(root) {
  this.root = root;
  this.project = root.dataset.project;
  this.urls = endpoints(root.dataset.api || "/api/v1", this.project);
  this.canEdit = root.dataset.canEdit === "true";
  this.scroll = root.querySelector(".g-scroll");
  this.rowsBox = root.querySelector(".g-rows");
  this.tbody = root.querySelector(".g-tbody");
  this.header = root.querySelector(".g-header");
  this.chart = root.querySelector(".g-chart");
  this.status = document.getElementById("gantt-status");
  this.baselineSelect = document.getElementById("gantt-baseline");
  this.zoom = localStorage.getItem("cairn.gantt.zoom") || "week";
  if (!PX_PER_DAY[this.zoom]) this.zoom = "week";
  this.critical = localStorage.getItem("cairn.gantt.critical") !== "false";
  this.baseline = null;          // null: the latest; "none": hidden; or an id
  this.data = null;
  this.all = [];                 // every task, in outline order
  this.tasks = [];               // the rows shown: those under a collapsed summary are not
  this.rowOf = {};               // task key -> row index among the rows shown
  this.indexOf = {};             // task key -> index in this.all
  this.collapsed = this.readCollapsed();
  this.selected = null;          // the key of the selected row, which the outline keys act on
  this.queue = Promise.resolve(); // outline changes, one after the other as they were asked
  this.window = [0, -1];         // the rows in the DOM
  this.selectedLink = null;
  this.drag = null;              // the drag under way (gantt/drag.js)
  this.editing = null;           // the table cell being edited (gantt/table.js)
  this.busy = 0;                 // writes under way
  this.seq = 0;                  // only the latest request's answer is drawn
  this.stale = false;            // someone else changed the plan during an interaction
  this.bind();
  this.applyZoomButtons();
  this.applyCritical();
  this.load();
}

Object.assign(Gantt.prototype, timeline, table, drag, keyboard, live, outline, rows, people, divider);

// ---- the schedule, read and written -------------------------------------------------
Gantt.prototype.baselineId = function () { return this.baseline && this.baseline !== "none" ? this.baseline : null; };

Gantt.prototype.load = function () {
  var self = this, seq = ++this.seq;
  return request("GET", this.urls.schedule(this.baselineId())).then(function (data) {
    if (seq === self.seq) self.show(data);
  }).catch(function (error) {
    self.status.textContent = "The schedule could not be loaded.";
    toast(error.message, "error");
  });
};

// A write answers the whole schedule (or nothing, then we fetch it). Either way the
// chart is redrawn from the server's answer, also after a refusal: what is drawn is
// always what is stored. Answers whether the write was accepted.
Gantt.prototype.write = function (method, url, body) {
  var self = this, seq = ++this.seq;
  this.busy++;
  this.root.classList.add("g-busy");
  return request(method, url, body).then(function (data) {
    var baseline = self.baselineId();
    if (data && data.tasks && !(baseline && String(data.baseline_id) !== String(baseline))) {
      if (seq === self.seq) self.show(data);
      return true;
    }
    return self.load().then(function () { return true; });
  }, function (error) {
    toast(error.message, "error");
    return self.load().then(function () { return false; });
  }).finally(function () {
    if (--self.busy === 0) self.root.classList.remove("g-busy");
  });
};

// Draws a schedule from scratch, keeping the date in view and the focused element.
Gantt.prototype.show = function (data) {
  var t0 = performance.now();
  var anchor = this.data ? this.dayAtScroll(0) : null, focus = this.focusMemo();
  this.data = data;
  this.cal = new Calendar(data.calendar || {});
  this.perDay = data.minutes_per_day || 480;
  this.all = data.tasks || [];
  this.indexOf = {};
  var violations = this.violations = {};
  (data.violations || []).forEach(function (v) { (violations[v.key] = violations[v.key] || []).push(v.message); });
  for (var i = 0; i < this.all.length; i++) {
    var t = this.all[i];
    this.indexOf[t.key] = i;
    t._s = parseMoment(t.start); t._f = parseMoment(t.finish);
    t._b = t.baseline ? { s: parseMoment(t.baseline.start), f: parseMoment(t.baseline.finish) } : null;
  }
  if (this.selected && !(this.selected in this.indexOf)) this.selected = null;
  this.showRows();
  this.applySelection();
  this.fitColumns();
  this.fillBaselines();
  this.layout();
  var start = parseMoment(data.start);
  if (anchor !== null) this.scroll.scrollLeft = Math.max(0, (anchor - this.origin) * this.px);
  else this.scrollToDay(start ? start.day - 2 : this.origin);
  this.window = [0, -1];
  this.render(true);
  this.restoreFocus(focus);
  this.showStatus();
  this.root.dataset.revision = data.revision;
  this.root.dataset.renderMs = (performance.now() - t0).toFixed(1);
  this.root.classList.add("g-ready");
};

Gantt.prototype.showStatus = function () {
  var d = this.data, count = this.all.length, vio = (d.violations || []).length;
  var text = count === 0 ? (this.canEdit ? "No tasks are scheduled yet: add a task, or issues of " + this.project + ", with the buttons above."
                                         : "No tasks are scheduled yet.") :
    count + " task" + (count === 1 ? "" : "s") + " · " + shortDate(d.start) + " to " + shortDate(d.finish);
  if (vio) text += " · ⚠ " + vio + " violation" + (vio === 1 ? "" : "s");
  this.status.textContent = text;
  this.status.title = (d.violations || []).map(function (v) { return v.message; }).join("\n");
};

Gantt.prototype.fillBaselines = function () {
  var select = this.baselineSelect, d = this.data;
  if (!select) return;
  var current = this.baseline === "none" ? "none" : String(d.baseline_id == null ? "none" : d.baseline_id);
  var html = '<option value="none">None</option>';
  (d.baselines || []).forEach(function (b) {
    html += '<option value="' + b.id + '">' + esc(b.name) + " (" + esc(String(b.created_at).slice(0, 10)) + ")</option>";
  });
  select.innerHTML = html;
  select.value = current;
  this.root.classList.toggle("g-no-baseline", current === "none");
};

// ---- the time scale and the viewport -------------------------------------------------
// The visible span: from a little before the first date to well after the last, and at
// least as wide as the viewport, aligned to the zoom's unit.
Gantt.prototype.layout = function () {
  var lo = Infinity, hi = -Infinity;
  function see(p) { if (p) { lo = Math.min(lo, p.day); hi = Math.max(hi, p.day); } }
  // All tasks, shown or not: collapsing a summary does not change the time scale.
  this.all.forEach(function (t) { see(t._s); see(t._f); if (t._b) { see(t._b.s); see(t._b.f); } });
  see(parseMoment(this.data.calendar && this.data.calendar.start_date));
  if (lo === Infinity) { lo = hi = today().day; }
  this.px = PX_PER_DAY[this.zoom];
  this.origin = scaleOrigin(lo, this.zoom);
  this.days = Math.max(hi - this.origin + scaleTail(this.zoom), Math.ceil(this.viewWidth() / this.px) + 1);
  this.width = Math.ceil(this.days * this.px);
  this.height = Math.max(this.tasks.length * ROW, ROW);
  this.root.style.setProperty("--g-timeline-w", this.width + "px");
  this.tbody.style.height = this.height + "px";
  this.header.setAttribute("width", this.width);
  this.header.setAttribute("height", HEAD);
  this.chart.setAttribute("width", this.width);
  this.chart.setAttribute("height", this.height);
  this.drawHeader();
  this.drawBackground();
};

// The table sticks over the left of the scroll box: the timeline shows what is right of it.
Gantt.prototype.viewWidth = function () { return Math.max(100, this.scroll.clientWidth - this.tbody.offsetWidth); };
Gantt.prototype.x = function (p) { return (p.day - this.origin + this.cal.fraction(p)) * this.px; };
Gantt.prototype.dayAtScroll = function (offset) { return this.origin + (this.scroll.scrollLeft + offset) / this.px; };
Gantt.prototype.scrollToDay = function (day) { this.scroll.scrollLeft = Math.max(0, (day - this.origin) * this.px); };
Gantt.prototype.scrollToToday = function () { this.scrollToDay(today().day - 3); };

// Brings a task's start into view, as "scroll to task" does in desktop planners.
Gantt.prototype.reveal = function (key) {
  var t = this.tasks[this.rowOf[key]];
  if (!t || !t._s) return;
  var x = this.x(t._s), left = this.scroll.scrollLeft;
  if (x < left + 20 || x > left + this.viewWidth() - 60) this.scroll.scrollLeft = Math.max(0, x - 3 * this.px - 20);
};

// ---- the window of rows in the DOM -----------------------------------------------------
Gantt.prototype.visibleRange = function () {
  var top = this.scroll.scrollTop, height = this.scroll.clientHeight - HEAD;
  var first = Math.max(0, Math.floor(top / ROW));
  var last = Math.min(this.tasks.length - 1, Math.ceil((top + height) / ROW));
  return [first, last];
};

// Redraws the rows, bars and links around the view; without force, only once the view
// has left the rows already drawn.
Gantt.prototype.render = function (force) {
  if (!this.data) return;
  var seen = this.visibleRange();
  if (!force && seen[0] >= this.window[0] && seen[1] <= this.window[1]) return;
  var first = Math.max(0, seen[0] - OVERSCAN), last = Math.min(this.tasks.length - 1, seen[1] + OVERSCAN);
  var keepFocus = this.focusMemo();
  this.window = [first, last];
  this.renderTable(first, last);
  this.renderBars(first, last);
  this.renderLinks(first, last);
  this.restoreFocus(keepFocus);
};

// A redraw replaces the focused element; these find its successor, so keyboard users
// keep their place.
Gantt.prototype.focusMemo = function () {
  var el = document.activeElement;
  if (!el || !this.root.contains(el)) return null;
  var row = el.closest("[data-key]"), link = el.closest("[data-link-id]");
  if (link) return { link: link.dataset.linkId };
  if (!row) return null;
  return { key: row.dataset.key, field: el.dataset.edit || null, bar: el.classList.contains("g-task"),
           row: el === row, twisty: el.classList.contains("g-twisty") };
};
Gantt.prototype.restoreFocus = function (memo) {
  if (!memo) return;
  var el = null;
  if (memo.link) el = this.chart.querySelector('[data-link-id="' + memo.link + '"]');
  else if (memo.bar) el = this.barOf(memo.key);
  else if (memo.row) el = this.rowsBox.querySelector('.g-row[data-key="' + memo.key + '"]');
  else if (memo.twisty) el = this.rowsBox.querySelector('.g-row[data-key="' + memo.key + '"] .g-twisty');
  else if (memo.field) el = this.rowsBox.querySelector('[data-key="' + memo.key + '"] [data-edit="' + memo.field + '"]');
  if (el) el.focus({ preventScroll: true });
};

// ---- the toolbar ----------------------------------------------------------------------------
Gantt.prototype.applyZoomButtons = function () {
  var zoom = this.zoom;
  document.querySelectorAll("[data-zoom]").forEach(function (b) { b.setAttribute("aria-pressed", String(b.dataset.zoom === zoom)); });
  this.root.dataset.zoom = zoom;
};
// Zooming keeps the date at the middle of the view where it was.
Gantt.prototype.setZoom = function (zoom) {
  if (!PX_PER_DAY[zoom] || zoom === this.zoom && this.data) return;
  var center = this.data ? this.dayAtScroll(this.viewWidth() / 2) : null;
  this.zoom = zoom;
  localStorage.setItem("cairn.gantt.zoom", zoom);
  this.applyZoomButtons();
  if (!this.data) return;
  var focus = this.focusMemo();
  this.layout();
  this.scroll.scrollLeft = Math.max(0, (center - this.origin) * this.px - this.viewWidth() / 2);
  this.render(true);
  this.restoreFocus(focus);
};
Gantt.prototype.applyCritical = function () {
  this.root.classList.toggle("g-show-critical", this.critical);
  var button = document.querySelector("[data-action=critical]");
  if (button) button.setAttribute("aria-pressed", String(this.critical));
};

Gantt.prototype.askBaseline = function () {
  var dialog = document.getElementById("gantt-baseline-dialog"), self = this;
  if (!dialog) return;
  var input = dialog.querySelector("input[name=name]");
  input.value = "";
  dialog.returnValue = "";
  dialog.showModal();
  dialog.addEventListener("close", function onClose() {
    dialog.removeEventListener("close", onClose);
    if (dialog.returnValue !== "save") return;
    request("POST", self.urls.baselines(), { name: input.value })
      .then(function (made) { toast("Baseline “" + made.name + "” saved."); self.baseline = String(made.id); return self.load(); })
      .catch(function (error) { toast(error.message, "error"); });
  });
};

Gantt.prototype.clearConstraint = function (key) {
  var t = this.tasks[this.rowOf[key]];
  if (!t || !t.constraint) return;
  if (!window.confirm("Remove the " + t.constraint.type + " constraint of " + key + " and schedule it as soon as possible?")) return;
  this.write("PATCH", this.urls.task(key), { constraint: "ASAP" });
};

// ---- wiring ---------------------------------------------------------------------------------
Gantt.prototype.bind = function () {
  var self = this;
  this.scroll.addEventListener("scroll", function () {
    if (self.frame) return;
    self.frame = requestAnimationFrame(function () { self.frame = null; self.render(false); });
  }, { passive: true });
  window.addEventListener("resize", function () { if (self.data) { self.layout(); self.render(true); } });
  document.querySelectorAll("[data-zoom]").forEach(function (b) {
    b.addEventListener("click", function () { self.setZoom(b.dataset.zoom); });
  });
  document.addEventListener("click", function (event) {
    var action = event.target.closest("[data-action]");
    if (!action) return;
    var name = action.dataset.action;
    if (name === "today") self.scrollToToday();
    else if (name === "critical") { self.critical = !self.critical; localStorage.setItem("cairn.gantt.critical", String(self.critical)); self.applyCritical(); }
    else if (name === "save-baseline") self.askBaseline();
    else if (name === "clear-constraint") self.clearConstraint(action.closest("[data-key]").dataset.key);
    else if (name === "toggle") self.toggle(action.closest("[data-key]").dataset.key);
    else if (self.canEdit) self.editAction(name);
  });
  if (this.baselineSelect) this.baselineSelect.addEventListener("change", function () {
    self.baseline = self.baselineSelect.value;
    self.root.classList.toggle("g-no-baseline", self.baseline === "none");
    if (self.baseline !== "none") self.load();
  });
  document.addEventListener("keydown", function (event) { self.onKey(event); });
  this.rowsBox.addEventListener("click", function (event) {
    var cell = event.target.closest("[data-edit]"), row = event.target.closest(".g-row[data-key]");
    if (row) self.select(row.dataset.key);
    if (cell && cell.tagName === "BUTTON") self.startEditing(cell);
    else if (row && !event.target.closest("a, button, input")) {
      // A click elsewhere on a row selects it and brings its bar into view.
      row.focus({ preventScroll: true });
      self.reveal(row.dataset.key);
    }
  });
  this.chart.addEventListener("click", function (event) {
    var link = event.target.closest(".g-link");
    if (link && self.canEdit) self.selectLink(link.dataset.linkId, true);
    else if (!event.target.closest(".g-task") && self.selectedLink) self.selectLink(null);
  });
  this.chart.addEventListener("focusin", function (event) {
    var task = event.target.closest(".g-task");
    if (task && !self.drag) { self.select(task.dataset.key); self.reveal(task.dataset.key); }
    var link = event.target.closest(".g-link");
    if (link && String(self.selectedLink) !== link.dataset.linkId) self.selectLink(link.dataset.linkId, true);
  });
  if (this.canEdit) this.chart.addEventListener("pointerdown", function (event) { self.startDrag(event); });
  this.listen();
  this.bindDivider();
  if (this.canEdit) { this.bindRows(); this.bindPeople(); }
};

// For tests and measurements: the pure parts, and the chart itself (its root also says
// how long the last full draw took, in data-render-ms).
window.cairnGantt = { Calendar: Calendar, parseDuration: parseDuration };

function start() {
  var root = document.getElementById("gantt");
  if (root && !root.gantt) { root.gantt = new Gantt(root); window.cairnGantt.chart = root.gantt; }
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
