// Dragging on the timeline: a bar to move it, its right edge to change its length, the
// dot at its end onto another bar to link them. While dragging only the dragged bar and
// the status line change; the drop is one write, and the chart is redrawn from its answer.
// Methods of the chart (gantt.js).
import { isoMoment, shortDate } from "./calendar.js";
import { linkBody, request, toast } from "./api.js";
import { ROW, r1 } from "./markup.js";
import { formatDays } from "./notation.js";

export var drag = {
  startDrag: function (event) {
    if (event.button !== 0) return;
    var bar = event.target.closest(".g-task.g-movable");
    if (!bar) return;
    var t = this.tasks[this.rowOf[bar.dataset.key]];
    if (!t || !t._s) return;
    var kind = event.target.classList.contains("g-link-handle") ? "link" :
               event.target.classList.contains("g-resize") ? "resize" : "move";
    event.preventDefault();
    this.chart.setPointerCapture(event.pointerId);
    var g = this.geometry(t, this.rowOf[t.key]);
    this.drag = { kind: kind, task: t, bar: bar, g: g, x0: event.clientX, scroll0: this.scroll.scrollLeft, moved: false };
    var self = this;
    var move = function (e) { self.dragMove(e); };
    var up = function (e) {
      self.chart.removeEventListener("pointermove", move);
      self.chart.removeEventListener("pointerup", up);
      self.chart.removeEventListener("pointercancel", up);
      self.dragEnd(e, e.type === "pointercancel");
    };
    this.chart.addEventListener("pointermove", move);
    this.chart.addEventListener("pointerup", up);
    this.chart.addEventListener("pointercancel", up);
  },

  // How far the pointer has gone, counting the chart scrolling under it. A few pixels of
  // jitter on a click are not a drag.
  dragDays: function (event) {
    var d = this.drag, dx = event.clientX - d.x0 + this.scroll.scrollLeft - d.scroll0;
    if (Math.abs(dx) > 3) d.moved = true;
    return { dx: dx, days: Math.round(dx / this.px) };
  },

  // Where a moved bar lands: a whole number of days on, then forward to a working day.
  dropStart: function (t, days) {
    var day = this.cal.nextWorking(t._s.day + days, days < 0 ? -1 : 1);
    if (!this.cal.working(day)) day = this.cal.nextWorking(t._s.day + days, 1);
    // A milestone keeps its time of day: one at 17:00 moved to 08:00 the next day would
    // land on the very same spot of the chart.
    return { day: day, min: t.milestone ? t._s.min : this.cal.day(day).first };
  },
  // Where a stretched bar ends: the last whole day under its right edge (at least its first).
  dropMinutes: function (t, g, dx) {
    var endDay = Math.floor((g.x2 + dx) / this.px - 0.5) + this.origin;
    endDay = Math.max(endDay, t._s.day);
    if (!this.cal.working(endDay)) endDay = this.cal.nextWorking(endDay, -1);
    return Math.max(60, this.cal.minutesBetween(t._s, Math.max(endDay, t._s.day)));
  },

  dragMove: function (event) {
    var d = this.drag;
    if (!d) return;
    var step = this.dragDays(event), t = d.task, g = d.g;
    if (!d.moved) return;
    this.root.classList.add("g-dragging");
    if (d.kind === "move") {
      var to = this.dropStart(t, step.days);
      d.bar.setAttribute("transform", "translate(" + r1(this.x(to) - g.x1) + " 0)");
      this.status.textContent = t.key + " → starts " + shortDate(isoMoment(to.day, to.min));
    } else if (d.kind === "resize") {
      var rect = d.bar.querySelector(".g-bar"), minutes = this.dropMinutes(t, g, step.dx);
      rect.setAttribute("width", r1(Math.max(2, g.x2 - g.x1 + step.dx)));
      if (minutes !== d.minutes) {
        d.minutes = minutes;
        this.status.textContent = t.key + " → " + formatDays(minutes, this.perDay);
        this.previewResize(d, minutes);
      }
    } else {
      var box = this.chart.getBoundingClientRect();
      var x = event.clientX - box.left, y = event.clientY - box.top;
      this.overlay.innerHTML = '<path class="g-rubber" d="M' + r1(g.x2 + 9) + " " + (g.mid - 1) + "L" + r1(x) + " " + r1(y) + '"/>';
      var over = this.targetAt(event), linkable = over && over.dataset.key !== t.key;
      this.chart.querySelectorAll(".g-task.g-target").forEach(function (el) { el.classList.remove("g-target"); });
      if (linkable) over.classList.add("g-target");
      this.status.textContent = linkable ? "Link " + t.key + " → " + over.dataset.key + " (finish to start)" : "Drop on the task that follows " + t.key;
    }
  },

  // The engine says where the stretched task would land, so the status line can tell
  // before the drop — above all when a finish-to-finish link holds its finish and the
  // longer task starts earlier instead of finishing later.
  previewResize: function (d, minutes) {
    var self = this, t = d.task;
    clearTimeout(this.previewTimer);
    this.previewTimer = setTimeout(function () {
      request("GET", self.urls.preview(t.key, minutes)).then(function (p) {
        if (self.drag !== d || d.minutes !== minutes) return;
        self.status.textContent = self.resizeText(t, minutes, p);
        d.note = p.finish_held_by.length ? self.status.textContent : null;
        d.bar.classList.toggle("g-held", !!d.note);
      }, function () { /* the drop will say what is wrong */ });
    }, 80);
  },
  resizeText: function (t, minutes, p) {
    var text = t.key + " → " + formatDays(minutes, this.perDay);
    if (!p.finish_held_by.length) return text + ": finishes " + shortDate(p.finish);
    var by = p.finish_held_by.map(function (l) { return "the " + l.type + " link from " + l.wbs + " (" + l.key + ")"; }).join(" and ");
    return text + ": " + by + " holds its finish at " + shortDate(p.finish) + ", so it will start earlier, on " + shortDate(p.start) + ".";
  },

  // The bar a link would go to: the one under the pointer, or the one of the row under it,
  // in the table or anywhere across the timeline.
  targetAt: function (event) {
    var el = document.elementFromPoint(event.clientX, event.clientY);
    if (!el) return null;
    var row = el.closest(".g-row[data-key]");
    var bar = el.closest(".g-task") || (row && this.barOf(row.dataset.key));
    if (bar) return bar;
    var box = this.chart.getBoundingClientRect();
    if (event.clientX < box.left || event.clientY < box.top) return null;
    var t = this.tasks[Math.floor((event.clientY - box.top) / ROW)];
    return t ? this.barOf(t.key) : null;
  },

  dragEnd: function (event, cancelled) {
    var d = this.drag;
    if (!d) return;
    var step = this.dragDays(event), t = d.task, done = null;
    this.drag = null;
    clearTimeout(this.previewTimer);
    this.root.classList.remove("g-dragging");
    d.bar.classList.remove("g-held");
    if (this.overlay) this.overlay.innerHTML = "";
    this.chart.querySelectorAll(".g-target").forEach(function (el) { el.classList.remove("g-target"); });
    if (!cancelled && d.moved) {
      if (d.kind === "move") {
        var to = this.dropStart(t, step.days);
        if (to.day !== t._s.day) done = this.write("PATCH", this.urls.task(t.key), { start: isoMoment(to.day, to.min) });
      } else if (d.kind === "resize") {
        var minutes = this.dropMinutes(t, d.g, step.dx);
        if (minutes !== t.duration_minutes) done = this.write("PATCH", this.urls.task(t.key), { duration_minutes: minutes });
      } else {
        var over = this.targetAt(event);
        if (over && over.dataset.key !== t.key) done = this.write("POST", this.urls.links(), linkBody(t.key, over.dataset.key, "FS", 0));
      }
    }
    if (!done) {
      // Nothing to write: put the bar back as it was drawn.
      d.bar.removeAttribute("transform");
      // A stretched bar is redrawn at its stored length, also when the browser cancelled the drag.
      if (d.kind === "resize" && d.moved) this.render(true);
      this.showStatus();
      return this.afterInteraction();
    }
    var self = this;
    d.bar.classList.add("g-pending");
    done.then(function (ok) {
      // Said again once it is done: the status line shows the plan's summary after a redraw.
      if (ok && d.kind === "resize" && d.note && minutes === d.minutes) toast(d.note);
      self.afterInteraction();
    });
  },
};
