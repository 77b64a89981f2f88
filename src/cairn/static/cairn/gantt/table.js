// The task table left of the timeline: its rows in the window, and the duration and
// predecessor cells edited in place (the people cell opens gantt/people.js's dialog).
// Methods of the chart (gantt.js).
import { request, toast } from "./api.js";
import { longDate, shortDate } from "./calendar.js";
import { ROW, esc } from "./markup.js";
import { formatDays, parseDuration, predecessorText } from "./notation.js";
import { peopleText } from "./people.js";

export var table = {
  renderTable: function (first, last) {
    var out = [];
    for (var i = first; i <= last; i++) out.push(this.rowMarkup(this.tasks[i], i));
    this.rowsBox.innerHTML = out.join("");
    if (this.editing && this.rowOf[this.editing.key] >= first && this.rowOf[this.editing.key] <= last) this.openEditor(this.editing);
  },

  // Predecessors as the first column names rows: by WBS code.
  predecessorsOf: function (t) { return predecessorText(t.predecessors || [], this.perDay); },
  predecessorTitle: function (t) {
    var perDay = this.perDay;
    return (t.predecessors || []).map(function (p) {
      return predecessorText([p], perDay) + " = " + p.key;
    }).join("\n");
  },

  rowMarkup: function (t, i) {
    var edit = this.canEdit, selected = this.selected === t.key;
    var cls = "g-row" + (t.summary ? " g-row-summary" : "") + (t.critical ? " g-row-critical" : "") + (selected ? " g-selected" : "");
    var days = t.summary ? this.spanDays(t) : formatDays(t.duration_minutes, this.perDay);
    var preds = this.predecessorsOf(t), staff = peopleText(t.assignments);
    var open = !this.collapsed.has(t.key);
    var twisty = t.summary
      ? '<button type="button" class="g-twisty" data-action="toggle" tabindex="-1" aria-expanded="' + open + '" aria-label="' +
        esc((open ? "Collapse " : "Expand ") + t.wbs + " " + t.title) + '">' + (open ? "▾" : "▸") + "</button>"
      : "";
    var marks = "";
    if (t.constraint) {
      var label = t.constraint.type + " " + (t.constraint.date || "").replace("T", " ");
      marks += edit
        ? '<button type="button" class="g-mark g-constraint" data-action="clear-constraint" title="' + esc(label + " — click to schedule as soon as possible") + '" aria-label="' + esc("Constraint " + label + ", remove") + '">' + esc(t.constraint.type) + "</button>"
        : '<span class="g-mark g-constraint" title="' + esc(label) + '">' + esc(t.constraint.type) + "</span>";
    }
    if (t.mode === "manual") marks += '<span class="g-mark g-manual" title="Manually scheduled">manual</span>';
    if (this.violations[t.key]) marks += '<span class="g-mark g-violation" title="' + esc(this.violations[t.key].join("\n")) + '">⚠</span>';
    // The selected row (or, with none, the first drawn) is the table's one stop in the Tab order.
    var stop = selected || (!this.selected && i === this.window[0]);
    return '<div class="' + cls + '" role="row" aria-rowindex="' + (i + 2) + '" aria-level="' + t.outline_level + '"' +
      (t.summary ? ' aria-expanded="' + open + '"' : "") + ' aria-selected="' + selected + '" tabindex="' + (stop ? 0 : -1) + '"' +
      ' aria-label="' + esc(t.wbs + " " + t.title) + '" data-key="' + esc(t.key) + '" style="top:' + i * ROW + 'px">' +
      '<span role="cell" class="g-wbs">' + esc(t.wbs) + "</span>" +
      '<span role="cell" class="g-name" style="padding-left:' + (4 + (t.outline_level - 1) * 16 + (t.summary ? 0 : 16)) + 'px">' + twisty +
        '<a href="/issues/' + encodeURIComponent(t.key) + '/" title="' + esc(t.key + " " + t.title) + '">' + esc(t.title) + "</a>" + marks + "</span>" +
      '<span role="cell" class="g-num">' + (edit && !t.summary
        ? '<button type="button" class="g-cell" data-edit="duration" aria-label="' + esc("Duration of " + t.key + ": " + days + ", edit") + '">' + esc(days) + "</button>"
        : esc(days)) + "</span>" +
      '<span role="cell" class="g-start" title="' + esc(longDate(t.start)) + '">' + esc(shortDate(t.start)) + "</span>" +
      '<span role="cell" class="g-finish" title="' + esc(longDate(t.finish)) + '">' + esc(shortDate(t.finish)) + "</span>" +
      '<span role="cell" class="g-preds" title="' + esc(this.predecessorTitle(t)) + '">' + (edit
        ? '<button type="button" class="g-cell" data-edit="predecessors" aria-label="' + esc("Predecessors of " + t.key + ": " + (preds || "none") + ", edit") + '">' + esc(preds) + "</button>"
        : esc(preds)) + "</span>" +
      '<span role="cell" class="g-people" title="' + esc(staff) + '">' + (edit && !t.summary
        ? '<button type="button" class="g-cell" data-edit="people" aria-label="' + esc("People on " + t.key + ": " + (staff || "nobody") + ", edit") + '">' + esc(staff) + "</button>"
        : esc(staff)) + "</span>" +
      this.floatCell("g-total-float", t.total_float_minutes) + this.floatCell("g-free-float", t.free_float_minutes) + "</div>";
  },

  // Negative float: a constraint or deadline the plan cannot meet by that much.
  floatCell: function (cls, minutes) {
    var text = minutes == null ? "" : formatDays(minutes, this.perDay);
    return '<span role="cell" class="g-float ' + cls + (minutes < 0 ? " g-late" : "") + '">' + esc(text) + "</span>";
  },

  // A summary's length is the working time its children span, not a stored duration.
  spanDays: function (t) {
    if (!t._s || !t._f) return "";
    return formatDays(this.cal.minutesBetween(t._s, t._f.day) - this.cal.minutesBetween(t._f, t._f.day), this.perDay);
  },

  cellOf: function (key, field) {
    return this.rowsBox.querySelector('.g-row[data-key="' + key + '"] [data-edit="' + field + '"]');
  },

  // The edit lives in this.editing, not in the input: a redraw (scrolling, a live update)
  // replaces the row, and renderTable opens the editor again with what was typed.
  startEditing: function (cell) {
    if (cell.dataset.edit === "people") return this.editPeople(cell.closest("[data-key]").dataset.key);
    this.editing = { key: cell.closest("[data-key]").dataset.key, field: cell.dataset.edit, value: null, error: null };
    this.openEditor(this.editing, true);
  },

  openEditor: function (state, fresh) {
    var cell = this.cellOf(state.key, state.field);
    if (!cell) return;
    var t = this.tasks[this.rowOf[state.key]], self = this, duration = state.field === "duration";
    var current = duration ? formatDays(t.duration_minutes, this.perDay) : this.predecessorsOf(t);
    var input = document.createElement("input");
    input.className = "g-input" + (state.error ? " g-invalid" : "");
    input.value = state.value == null ? current : state.value;
    input.dataset.edit = state.field;
    input.setAttribute("aria-label", duration ? "Duration in days of " + t.key
      : "Predecessors of " + t.key + " by WBS code or key, like 1.2, 1.2FS+2d, " + this.project + "-12SS-1d");
    if (state.error) { input.setAttribute("aria-invalid", "true"); input.title = state.error; }
    cell.replaceWith(input);
    if (state.error) {
      var note = document.createElement("span");
      note.className = "g-error"; note.setAttribute("role", "alert"); note.textContent = state.error;
      input.after(note);
    }
    input.addEventListener("input", function () { state.value = input.value; });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); self.saveEditor(state, t.key, input.value, current); }
      else if (event.key === "Escape") { event.preventDefault(); self.closeEditor(true); }
    });
    input.addEventListener("blur", function () {
      // Leaving the cell (not a redraw replacing it) abandons the edit, like Esc.
      setTimeout(function () { if (self.editing === state && !state.saving && !self.rowsBox.contains(document.activeElement)) self.closeEditor(false); }, 0);
    });
    if (fresh || state.error) { input.focus(); if (fresh) input.select(); }
  },

  closeEditor: function (refocus) {
    var state = this.editing;
    this.editing = null;
    this.render(true);
    if (refocus && state) {
      var cell = this.cellOf(state.key, state.field);
      if (cell) cell.focus();
    }
    this.afterInteraction();
  },

  // A refused edit stays open with the text as typed and the reason under it.
  saveEditor: function (state, key, text, current) {
    var self = this, t = this.tasks[this.rowOf[key]];
    if (text.trim() === current.trim()) return this.closeEditor(true);
    var fail = function (message) {
      state.error = message; state.value = text; state.saving = false;
      self.render(true);
      toast(message, "error");
    };
    var job;
    if (state.field === "duration") {
      var minutes = parseDuration(text, this.perDay);
      if (minutes === null) return fail("“" + text + "” is not a duration like 5, 5d, 4h or 2w");
      job = request("PATCH", this.urls.task(key), { duration_minutes: minutes });
    } else {
      // The server reads the list, by the outline it holds: one change, all or nothing.
      job = request("PUT", this.urls.predecessors(key), { predecessors: text });
    }
    state.saving = true;
    this.busy++;
    job.then(function (data) {
      self.editing = null;
      self.busy--;
      if (data && data.tasks) self.show(data); else return self.load();
    }, function (error) {
      self.busy--;
      var said = error.fields && (error.fields.predecessors || error.fields.duration_minutes);
      self.load().then(function () { fail(said || error.message); });
    }).then(function () {
      if (!self.editing) {
        var cell = self.cellOf(key, state.field);
        if (cell) cell.focus({ preventScroll: true });
        self.afterInteraction();
      }
    });
  },
};
