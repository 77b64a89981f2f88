// The SVG timeline: the date header, the background (non-working days, grid, today), and
// the bars and link arrows of the rows in the window. Methods of the chart (gantt.js).
import { isoDate, shortDate, today } from "./calendar.js";
import { HEAD, ROW, esc, r1 } from "./markup.js";
import { lagText } from "./notation.js";
import { scaleTicks } from "./scale.js";

export var timeline = {
  // Today's x, or null when today is off the chart.
  todayX: function () {
    var now = today();
    return now.day >= this.origin && now.day <= this.origin + this.days ? r1(this.x(now)) : null;
  },

  drawHeader: function () {
    var zoom = this.zoom, px = this.px, origin = this.origin, cal = this.cal;
    var ticks = scaleTicks(origin, origin + this.days, zoom), half = HEAD / 2, out = [], lines = "";
    var x = function (tick) { return (tick.day - origin) * px; };
    out.push('<rect class="g-head-bg" x="0" y="0" width="' + this.width + '" height="' + HEAD + '"/>');
    ticks.major.forEach(function (t) {
      lines += "M" + r1(x(t)) + " 0V" + half;
      out.push('<text class="g-head-top" x="' + r1(x(t) + 5) + '" y="' + (half - 7) + '">' + esc(t.label) + "</text>");
    });
    ticks.minor.forEach(function (t) {
      lines += "M" + r1(x(t)) + " " + half + "V" + HEAD;
      var off = zoom === "day" && !cal.working(t.day) ? " g-off" : "";
      out.push('<text class="g-head-bottom' + off + '" x="' + r1(x(t) + (zoom === "day" ? px / 2 : 4)) + '" y="' + (HEAD - 7) + '"' +
               (zoom === "day" ? ' text-anchor="middle"' : "") + "><title>" + esc(t.title) + "</title>" + esc(t.label) + "</text>");
    });
    out.push('<path class="g-head-lines" d="' + lines + "M0 " + half + "H" + this.width + "M0 " + (HEAD - 0.5) + "H" + this.width + '"/>');
    var tx = this.todayX();
    if (tx !== null) out.push('<path class="g-today" d="M' + tx + " " + half + "V" + HEAD + '"><title>Today</title></path>');
    this.header.innerHTML = out.join("");
    this.ticks = ticks.minor.map(x);
    this.majorTicks = ticks.major.map(x);
  },

  // Non-working days shaded (day and week zoom), the scale's lines and today: drawn once
  // per layout across the whole height, a few hundred elements at most.
  drawBackground: function () {
    var out = ['<g class="g-bg">'], h = this.height, px = this.px, end = this.origin + this.days;
    if (this.zoom === "day" || this.zoom === "week") {
      var runStart = null;
      for (var day = this.origin; day <= end + 1; day++) {
        var off = day <= end && !this.cal.working(day);
        if (off && runStart === null) runStart = day;
        if (!off && runStart !== null) {
          var names = [];
          for (var k = runStart; k < day; k++) if (k in this.cal.holidays) names.push(isoDate(k) + " " + this.cal.holidays[k]);
          out.push('<rect class="g-nonwork' + (names.length ? " g-holiday" : "") + '" x="' + r1((runStart - this.origin) * px) +
                   '" y="0" width="' + r1((day - runStart) * px) + '" height="' + h + '">' +
                   (names.length ? "<title>" + esc(names.join("\n")) + "</title>" : "") + "</rect>");
          runStart = null;
        }
      }
    }
    var minor = "", major = "";
    this.ticks.forEach(function (x) { minor += "M" + r1(x) + " 0V" + h; });
    this.majorTicks.forEach(function (x) { major += "M" + r1(x) + " 0V" + h; });
    out.push('<path class="g-grid-minor" d="' + minor + '"/><path class="g-grid-major" d="' + major + '"/></g>');
    out.push('<g class="g-links"></g><g class="g-bars"></g>');
    var tx = this.todayX();
    if (tx !== null) out.push('<path class="g-today" d="M' + tx + " 0V" + h + '"><title>Today, ' + isoDate(today().day) + "</title></path>");
    out.push('<g class="g-overlay"></g>');
    this.chart.innerHTML = out.join("");
    this.linksLayer = this.chart.querySelector(".g-links");
    this.barsLayer = this.chart.querySelector(".g-bars");
    this.overlay = this.chart.querySelector(".g-overlay");
    this.chart.insertAdjacentHTML("afterbegin", '<defs>' +
      ['', '-critical', '-selected'].map(function (s) {
        return '<marker id="g-arrow' + s + '" class="g-arrowhead' + s + '" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L8 4L0 8z"/></marker>';
      }).join("") + "</defs>");
  },

  barOf: function (key) { return this.barsLayer.querySelector('.g-task[data-key="' + key + '"]'); },

  geometry: function (t, i) {
    if (!t._s || !t._f) return null;
    var x1 = this.x(t._s), x2 = this.x(t._f);
    if (x2 < x1) x2 = x1;
    return { x1: x1, x2: x2, y: i * ROW, mid: i * ROW + ROW / 2 };
  },

  renderBars: function (first, last) {
    var out = [];
    for (var i = first; i <= last; i++) {
      var t = this.tasks[i], g = this.geometry(t, i);
      if (g) out.push(this.baselineMark(t, g) + this.barMarkup(t, g, i));
    }
    this.barsLayer.innerHTML = out.join("");
  },

  baselineMark: function (t, g) {
    if (!t._b || !t._b.s || !t._b.f) return "";
    var bx1 = this.x(t._b.s), bx2 = Math.max(this.x(t._b.f), bx1 + 2);
    return '<rect class="g-baseline" x="' + r1(bx1) + '" y="' + (g.y + 21) + '" width="' + r1(bx2 - bx1) + '" height="4">' +
           "<title>Baseline: " + esc(shortDate(t.baseline.start) + " to " + shortDate(t.baseline.finish)) + "</title></rect>";
  },

  // A bar, a milestone's diamond or a summary's bracket, with its handles when it can be
  // edited, then the names of the people on it (or its status when the bar is too short).
  barMarkup: function (t, g, i) {
    var edit = this.canEdit, movable = edit && !t.summary, warnings = this.violations[t.key];
    var cls = "g-task" + (t.critical ? " critical" : "") + (t.summary ? " g-summary" : t.milestone ? " g-milestone" : "") +
              " status-" + esc(t.status_category || "todo") + (warnings ? " g-violated" : "") + (movable ? " g-movable" : "");
    var label = t.key + " " + t.title + ", " + shortDate(t.start) + " to " + shortDate(t.finish) + ", " + t.status + (t.critical ? ", critical" : "");
    var attrs = ' class="' + cls + '" data-key="' + esc(t.key) + '" data-start="' + esc(t.start) + '" data-finish="' + esc(t.finish) +
                '" data-x="' + r1(g.x1) + '" data-row="' + i + '"' + (movable ? ' tabindex="0" role="button"' : ' role="img"') +
                ' aria-label="' + esc(label) + '"';
    var shape, w = Math.max(g.x2 - g.x1, 2), y = g.y;
    if (t.summary) {
      shape = '<path class="g-bracket" d="M' + r1(g.x1) + " " + (y + 8) + "H" + r1(g.x1 + w) + "V" + (y + 19) + "L" + r1(g.x1 + w - 5) + " " + (y + 14) +
              "H" + r1(g.x1 + 5) + "L" + r1(g.x1) + " " + (y + 19) + 'Z"/>';
    } else if (t.milestone) {
      var cx = r1(g.x1), cy = g.mid - 1;
      shape = '<path class="g-diamond" d="M' + cx + " " + (cy - 8) + "L" + (cx + 8) + " " + cy + "L" + cx + " " + (cy + 8) + "L" + (cx - 8) + " " + cy + 'Z"/>';
    } else {
      var inside = w > 64 ? '<text class="g-bar-text" x="' + r1(g.x1 + 6) + '" y="' + (y + 17) + '">' +
                   esc(t.status_category === "done" ? "100%" : t.status) + "</text>" : "";
      shape = '<rect class="g-bar" x="' + r1(g.x1) + '" y="' + (y + 6) + '" width="' + r1(w) + '" height="14" rx="3"/>' + inside;
      if (edit) shape += '<rect class="g-resize" x="' + r1(g.x1 + w - 4) + '" y="' + (y + 5) + '" width="8" height="16"><title>Drag to change the length</title></rect>';
    }
    if (movable) shape += '<circle class="g-link-handle" cx="' + r1(t.milestone ? g.x1 + 13 : g.x1 + w + 9) + '" cy="' + (g.mid - 1) + '" r="4"><title>Drag onto another task to link them</title></circle>';
    var right = (t.assignments || []).map(function (a) { return a.name || a.username; }).join(", ");
    if (!right && w <= 64 && !t.summary) right = t.milestone ? shortDate(t.finish) : t.status;
    if (t.summary) right = t.title;
    var after = right ? '<text class="g-after" x="' + r1(g.x1 + w + (movable ? 18 : 8)) + '" y="' + (y + 18) + '">' + esc(right) + "</text>" : "";
    var warn = warnings
      ? '<text class="g-warn" x="' + r1(g.x1 - 14) + '" y="' + (y + 18) + '"><title>' + esc(warnings.join("\n")) + "</title>⚠</text>" : "";
    return "<g" + attrs + "><title>" + esc(label) + "</title>" + shape + "</g>" + after + warn;
  },

  // Elbow connectors. FS leaves the predecessor's finish and enters the successor's start;
  // SS leaves from the start, FF enters the finish, SF both. When the way is clear the line
  // turns once; otherwise it steps back along the row boundary above the successor.
  linkPath: function (type, a, b) {
    var fromFinish = type === "FS" || type === "FF", toStart = type === "FS" || type === "SS";
    var sx = fromFinish ? a.x2 : a.x1, tx = toStart ? b.x1 : b.x2;
    var out = fromFinish ? 1 : -1, inn = toStart ? 1 : -1, e = 8;
    var px = sx + out * e, qx = tx - inn * e, sy = a.mid - 1, ty = b.mid - 1;
    if (out === inn && (inn > 0 ? qx >= px : qx <= px)) {
      return "M" + r1(sx) + " " + sy + "H" + r1(qx) + "V" + ty + "H" + r1(tx - inn);
    }
    var boundary = ty > sy ? b.y : b.y + ROW;
    return "M" + r1(sx) + " " + sy + "H" + r1(px) + "V" + boundary + "H" + r1(qx) + "V" + ty + "H" + r1(tx - inn);
  },

  // Every link with an end in the window, including those whose other end is far off.
  // Links are focusable by click, not in the Tab sequence: Tab goes from the table to the
  // bars, and the table's predecessor cells are the keyboard way to change links.
  renderLinks: function (first, last) {
    var out = [], edit = this.canEdit;
    for (var i = 0; i < this.tasks.length; i++) {
      var t = this.tasks[i], preds = t.predecessors;
      if (!preds || !preds.length) continue;
      for (var k = 0; k < preds.length; k++) {
        var p = preds[k], j = this.rowOf[p.key];
        if (j === undefined || Math.max(i, j) < first || Math.min(i, j) > last) continue;
        var a = this.geometry(this.tasks[j], j), b = this.geometry(t, i);
        if (!a || !b) continue;
        var d = this.linkPath(p.type, a, b);
        var critical = t.critical && this.tasks[j].critical;
        var selected = String(this.selectedLink) === String(p.id);
        var name = p.key + " → " + t.key + " (" + p.type + lagText(p.lag_minutes, this.perDay) + ")";
        out.push('<g class="g-link' + (critical ? " critical" : "") + (selected ? " selected" : "") + '" data-link-id="' + p.id +
                 '" data-from="' + esc(p.key) + '" data-to="' + esc(t.key) + '"' +
                 (edit ? ' tabindex="-1" role="button" aria-label="' + esc("Link " + name + (selected ? ", selected: press Delete to remove" : "")) + '"' : "") +
                 "><title>" + esc(name) + '</title><path class="g-link-hit" d="' + d + '"/><path class="g-link-line" d="' + d + '"/></g>');
      }
    }
    this.linksLayer.innerHTML = out.join("");
  },
};
