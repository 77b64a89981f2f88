// The keyboard: zoom and today from anywhere on the page, a focused bar moved or
// stretched a working day at a time, and the selected link removed with Delete. The
// keys of the table's rows are in gantt/outline.js.
// Methods of the chart (gantt.js).
import { isoMoment } from "./calendar.js";
import { toast } from "./api.js";
import { ZOOM_ORDER } from "./scale.js";

var ZOOM_KEYS = { d: "day", w: "week", m: "month", q: "quarter" };

export var keyboard = {
  onKey: function (event) {
    var target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable=true], dialog")) return;
    if (this.rowKey(event)) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target.classList && target.classList.contains("g-task") && this.canEdit &&
        (event.key === "ArrowLeft" || event.key === "ArrowRight")) {
      event.preventDefault();
      this.nudge(target.dataset.key, event.key === "ArrowRight" ? 1 : -1, event.shiftKey);
      return;
    }
    if ((event.key === "Delete" || event.key === "Backspace") && this.selectedLink && this.canEdit) {
      event.preventDefault();
      this.removeLink(this.selectedLink);
      return;
    }
    if (event.key === "Escape" && this.selectedLink) { this.selectLink(null); return; }
    // "+" needs Shift on most layouts; other shifted keys belong to the browser.
    if (event.shiftKey && event.key !== "+") return;
    var key = event.key.toLowerCase(), at = ZOOM_ORDER.indexOf(this.zoom);
    if (ZOOM_KEYS[key]) { event.preventDefault(); this.setZoom(ZOOM_KEYS[key]); }
    else if (key === "+" || key === "=") { event.preventDefault(); this.setZoom(ZOOM_ORDER[Math.max(0, at - 1)]); }
    else if (key === "-") { event.preventDefault(); this.setZoom(ZOOM_ORDER[Math.min(ZOOM_ORDER.length - 1, at + 1)]); }
    else if (key === "t") { event.preventDefault(); this.scrollToToday(); }
  },

  // A working day later or earlier; with resize, a working day longer or shorter.
  nudge: function (key, step, resize) {
    var t = this.tasks[this.rowOf[key]];
    if (!t || t.summary || !t._s) return;
    if (resize) {
      if (t.milestone) return;
      this.write("PATCH", this.urls.task(key), { duration_minutes: Math.max(60, t.duration_minutes + step * this.perDay) });
    } else {
      var to = this.dropStart(t, step);
      this.write("PATCH", this.urls.task(key), { start: isoMoment(to.day, to.min) });
    }
  },

  selectLink: function (id, focus) {
    this.selectedLink = id;
    this.linksLayer.querySelectorAll(".g-link").forEach(function (g) {
      var on = g.dataset.linkId === String(id);
      g.classList.toggle("selected", on);
      if (on) {
        g.parentNode.appendChild(g); // draw it above the others
        if (focus && document.activeElement !== g) g.focus({ preventScroll: true });
        g.setAttribute("aria-label", "Link " + g.dataset.from + " → " + g.dataset.to + ", selected: press Delete to remove");
      }
    });
    if (id) this.status.textContent = "Link selected: press Delete to remove it, Esc to keep it.";
    else if (this.data) this.showStatus();
  },

  removeLink: function (id) {
    var link = this.linksLayer.querySelector('[data-link-id="' + id + '"]');
    var name = link ? link.dataset.from + " → " + link.dataset.to : "this link";
    if (!window.confirm("Remove the link " + name + "?")) return;
    var self = this;
    this.selectedLink = null;
    return this.write("DELETE", this.urls.links(id)).then(function (ok) { if (ok) toast("Link " + name + " removed."); self.showStatus(); });
  },
};
