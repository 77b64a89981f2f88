// The widths of the task table: a divider between table and timeline that is dragged
// (or moved with the arrow keys) and remembered, and a Predecessors column as wide as
// its longest list, so no list is ever cut. Methods of the chart (gantt.js).

var STORE = "cairn.gantt.table-width";
var DEFAULT_WIDTH = 760;
// Every column but the task's name and the predecessors (keep in step with gantt.css).
var FIXED = 44 + 62 + 80 + 80 + 120 + 52 + 52;
// PAD: the cell's and its button's padding and border, and a little air.
var NAME_MIN = 140, PREDS_MIN = 116, PAD = 30;

export var divider = {
  bindDivider: function () {
    var self = this, handle = this.root.querySelector(".g-divider");
    this.tableWidth = Number(localStorage.getItem(STORE)) || DEFAULT_WIDTH;
    this.narrow = window.matchMedia("(max-width: 900px)");
    if (!handle) return;
    this.handle = handle;
    handle.addEventListener("pointerdown", function (event) {
      if (event.button !== 0) return;
      event.preventDefault();
      handle.setPointerCapture(event.pointerId);
      var x0 = event.clientX, w0 = self.currentWidth();
      var move = function (e) { self.setTableWidth(w0 + e.clientX - x0, false); };
      var up = function () {
        handle.removeEventListener("pointermove", move);
        handle.removeEventListener("pointerup", up);
        handle.removeEventListener("pointercancel", up);
        self.root.classList.remove("g-resizing");
        self.setTableWidth(self.currentWidth(), true);
      };
      self.root.classList.add("g-resizing");
      handle.addEventListener("pointermove", move);
      handle.addEventListener("pointerup", up);
      handle.addEventListener("pointercancel", up);
    });
    handle.addEventListener("keydown", function (event) {
      var by = { ArrowLeft: -1, ArrowRight: 1 }[event.key];
      if (event.key === "Home") by = -Infinity;
      if (!by) return;
      event.preventDefault();
      self.setTableWidth(by === -Infinity ? 0 : self.currentWidth() + by * (event.shiftKey ? 80 : 20), true);
    });
  },

  minTableWidth: function () { return FIXED + NAME_MIN + (this.predsWidth || PREDS_MIN); },
  maxTableWidth: function () { return Math.max(this.minTableWidth(), this.root.clientWidth - 160); },
  currentWidth: function () { return this.tbody.offsetWidth; },

  // While dragging only the table moves; on release the timeline is laid out again for
  // the width it has left, and the width is remembered.
  setTableWidth: function (width, done) {
    var w = Math.round(Math.max(this.minTableWidth(), Math.min(this.maxTableWidth(), width)));
    this.tableWidth = w;
    this.applyWidths();
    if (!done) return;
    localStorage.setItem(STORE, String(w));
    if (this.data) { this.layout(); this.render(true); }
  },

  applyWidths: function () {
    var style = this.root.style;
    style.setProperty("--g-preds-w", (this.predsWidth || PREDS_MIN) + "px");
    if (this.narrow && this.narrow.matches) { style.removeProperty("--g-table-w"); return; }
    var w = Math.max(this.minTableWidth(), this.tableWidth || DEFAULT_WIDTH);
    style.setProperty("--g-table-w", w + "px");
    if (this.handle) {
      this.handle.setAttribute("aria-valuenow", String(w));
      this.handle.setAttribute("aria-valuemin", String(this.minTableWidth()));
      this.handle.setAttribute("aria-valuemax", String(this.maxTableWidth()));
    }
  },

  // The Predecessors column fits its longest list, measured in the table's own font.
  fitColumns: function () {
    var ctx = this.measure || (this.measure = document.createElement("canvas").getContext("2d"));
    var sample = this.root.querySelector(".g-head-row");
    var font = getComputedStyle(sample || this.root);
    ctx.font = "400 " + parseFloat(getComputedStyle(document.documentElement).fontSize) * 0.82 + "px " + font.fontFamily;
    var widest = 0;
    for (var i = 0; i < this.all.length; i++) {
      var text = this.predecessorsOf(this.all[i]);
      if (text) widest = Math.max(widest, ctx.measureText(text).width);
    }
    this.predsWidth = Math.max(PREDS_MIN, Math.ceil(widest) + PAD);
    this.applyWidths();
  },
};
