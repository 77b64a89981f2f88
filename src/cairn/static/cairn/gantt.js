// The Gantt chart: a task table and an SVG timeline drawn from the schedule API.
// Only the rows in view (plus a margin) are in the DOM, so a plan of thousands of tasks
// scrolls as smoothly as one of fifty. Every change is sent to the API, and the chart is
// redrawn from the full schedule it answers: the server's engine is the only scheduler.
(function () {
  "use strict";

  var ROW = 28, HEAD = 44, OVERSCAN = 12, DAY_MS = 86400000;
  var ZOOMS = { day: 30, week: 12, month: 4, quarter: 1.4 };
  var ORDER = ["day", "week", "month", "quarter"];
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
  var SVGNS = "http://www.w3.org/2000/svg";

  // ---- dates: project-local wall-clock strings, as day numbers and minutes ------------
  function dayNumber(y, m, d) { return Math.round(Date.UTC(y, m - 1, d) / DAY_MS); }
  function parse(iso) {
    if (!iso) return null;
    var m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(iso);
    if (!m) return null;
    return { day: dayNumber(+m[1], +m[2], +m[3]), min: m[4] ? (+m[4]) * 60 + (+m[5]) : 0 };
  }
  function ymd(day) { var d = new Date(day * DAY_MS); return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]; }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function isoDate(day) { var p = ymd(day); return p[0] + "-" + pad(p[1]) + "-" + pad(p[2]); }
  function isoMoment(day, min) { return isoDate(day) + "T" + pad(Math.floor(min / 60)) + ":" + pad(min % 60); }
  function weekday(day) { return ((day % 7) + 10) % 7; } // 1970-01-01 was a Thursday; Monday = 0
  function shortDate(iso) {
    var p = parse(iso); if (!p) return "";
    var d = ymd(p.day);
    return d[2] + " " + MONTHS[d[1] - 1] + " " + String(d[0]).slice(2);
  }
  function longDate(iso) {
    var p = parse(iso); if (!p) return "";
    var d = ymd(p.day);
    return WEEKDAYS[weekday(p.day)] + " " + d[2] + " " + MONTHS[d[1] - 1] + " " + d[0] + " " + pad(Math.floor(p.min / 60)) + ":" + pad(p.min % 60);
  }
  function toMinutes(hhmm) { var p = hhmm.split(":"); return (+p[0]) * 60 + (+p[1]); }

  function Calendar(raw) {
    this.week = (raw.working_week || []).map(function (ranges) {
      var spans = (ranges || []).map(function (r) { var p = r.split("-"); return [toMinutes(p[0]), toMinutes(p[1] === "24:00" ? "24:00" : p[1])]; });
      var work = spans.reduce(function (sum, s) { return sum + s[1] - s[0]; }, 0);
      return { spans: spans, work: work, first: spans.length ? spans[0][0] : 0, last: spans.length ? spans[spans.length - 1][1] : 1440 };
    });
    this.holidays = {};
    (raw.holidays || []).forEach(function (h) { var p = parse(h.date); if (p) this.holidays[p.day] = h.name || "Holiday"; }, this);
  }
  Calendar.prototype.day = function (day) { return this.week[weekday(day)] || { spans: [], work: 0, first: 0, last: 1440 }; };
  Calendar.prototype.working = function (day) { return this.day(day).work > 0 && !(day in this.holidays); };
  Calendar.prototype.nextWorking = function (day, step) {
    for (var i = 0; i < 800 && !this.working(day); i++) day += step || 1;
    return day;
  };
  // Where in its day a moment sits, 0..1. The working hours fill the day's column, so a
  // task from 08:00 to 17:00 fills its day rather than the middle third of it.
  Calendar.prototype.fraction = function (p) {
    var d = this.day(p.day);
    if (d.work > 0 && !(p.day in this.holidays)) return Math.max(0, Math.min(1, (p.min - d.first) / (d.last - d.first)));
    return p.min / 1440;
  };
  // Working minutes from a moment to the end of the given day.
  Calendar.prototype.minutesBetween = function (from, lastDay) {
    var total = 0;
    for (var day = from.day; day <= lastDay; day++) {
      if (!this.working(day)) continue;
      this.day(day).spans.forEach(function (s) {
        var lo = day === from.day ? Math.max(s[0], from.min) : s[0];
        if (s[1] > lo) total += s[1] - lo;
      });
    }
    return total;
  };

  // ---- the API ------------------------------------------------------------------------
  function csrfToken() {
    var match = /(?:^|;\s*)csrftoken=([^;]+)/.exec(document.cookie);
    if (match) return decodeURIComponent(match[1]);
    try { return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; } catch (e) { return ""; }
  }
  function errorText(data, status) {
    if (data && data.message) return data.message;
    if (data && data.errors) { var k = Object.keys(data.errors)[0]; if (k) return k + ": " + data.errors[k]; }
    if (status === 403) return "You may not change this plan.";
    return "Something went wrong (" + status + ")";
  }
  function request(method, url, body) {
    var headers = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (method !== "GET") headers["X-CSRFToken"] = csrfToken();
    return fetch(url, { method: method, headers: headers, credentials: "same-origin",
                        body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (response) {
        if (response.status === 204) return null;
        return response.json().catch(function () { return null; }).then(function (data) {
          if (!response.ok) { var error = new Error(errorText(data, response.status)); error.status = response.status; throw error; }
          return data;
        });
      }, function () { throw new Error("The server cannot be reached."); });
  }
  function toast(text, kind) { if (window.cairnToast) window.cairnToast(text, kind); }

  // ---- durations and predecessors as people type them ---------------------------------
  function formatDays(minutes, perDay) {
    var days = Math.round(minutes / perDay * 100) / 100;
    return days + "d";
  }
  function parseDuration(text, perDay) {
    var m = /^\s*(\d+(?:[.,]\d+)?)\s*(d|days?|h|hrs?|hours?|w|wks?|weeks?|m|mins?|minutes?)?\s*$/i.exec(text);
    if (!m) return null;
    var n = parseFloat(m[1].replace(",", ".")), unit = (m[2] || "d").charAt(0).toLowerCase();
    var factor = unit === "h" ? 60 : unit === "w" ? 5 * perDay : unit === "m" ? 1 : perDay;
    return Math.round(n * factor);
  }
  function lagText(minutes, perDay) {
    if (!minutes) return "";
    var sign = minutes > 0 ? "+" : "-", abs = Math.abs(minutes);
    if (abs % perDay === 0 || abs >= perDay) return sign + Math.round(abs / perDay * 100) / 100 + "d";
    return sign + Math.round(abs / 60 * 100) / 100 + "h";
  }
  function predecessorText(preds, project, perDay) {
    return preds.map(function (p) {
      var ref = p.key.indexOf(project + "-") === 0 ? p.key.slice(project.length + 1) : p.key;
      var lag = lagText(p.lag_minutes, perDay);
      return ref + (p.type !== "FS" || lag ? p.type + lag : "");
    }).join(", ");
  }
  // "WEB-12", "12", "12FS+2d", "12SS-1d", "OPS-3FF+4h", comma separated. Answers
  // {links: [{key, type, lag_minutes}]} or {error}.
  function parsePredecessors(text, project, perDay) {
    var links = [], seen = {};
    var parts = text.split(/[,;]/).map(function (s) { return s.trim(); }).filter(Boolean);
    for (var i = 0; i < parts.length; i++) {
      var m = /^([A-Za-z][A-Za-z0-9_]*-)?(\d+)\s*(FS|SS|FF|SF)?\s*(?:([+-])\s*(\d+(?:[.,]\d+)?)\s*(d|days?|h|hrs?|hours?|w|wks?|weeks?)?)?$/i.exec(parts[i]);
      if (!m) return { error: "“" + parts[i] + "” is not a predecessor like 12, WEB-12, 12FS+2d or 12SS-1d" };
      var key = (m[1] ? m[1].toUpperCase() : project + "-") + m[2];
      if (seen[key]) return { error: key + " is listed twice" };
      seen[key] = true;
      var lag = 0;
      if (m[4]) {
        var unit = (m[6] || "d").charAt(0).toLowerCase();
        lag = Math.round(parseFloat(m[5].replace(",", ".")) * (unit === "h" ? 60 : unit === "w" ? 5 * perDay : perDay));
        if (m[4] === "-") lag = -lag;
      }
      links.push({ key: key, type: (m[3] || "FS").toUpperCase(), lag_minutes: lag });
    }
    return { links: links };
  }

  // ---- SVG strings ----------------------------------------------------------------------
  function esc(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function r1(n) { return Math.round(n * 10) / 10; }

  // ---- the chart --------------------------------------------------------------------------
  function Gantt(root) {
    this.root = root;
    this.project = root.dataset.project;
    this.api = root.dataset.api || "/api/v1";
    this.canEdit = root.dataset.canEdit === "true";
    this.scroll = root.querySelector(".g-scroll");
    this.rowsBox = root.querySelector(".g-rows");
    this.tbody = root.querySelector(".g-tbody");
    this.header = root.querySelector(".g-header");
    this.chart = root.querySelector(".g-chart");
    this.status = document.getElementById("gantt-status");
    this.baselineSelect = document.getElementById("gantt-baseline");
    this.zoom = localStorage.getItem("cairn.gantt.zoom") || "week";
    if (!ZOOMS[this.zoom]) this.zoom = "week";
    this.critical = localStorage.getItem("cairn.gantt.critical") !== "false";
    this.baseline = null;          // null: the latest; "none": hidden; or an id
    this.data = null;
    this.tasks = [];
    this.rowOf = {};
    this.window = [0, -1];
    this.selectedLink = null;
    this.drag = null;
    this.editing = null;
    this.busy = 0;
    this.seq = 0;
    this.stale = false;
    this.bind();
    this.applyZoomButtons();
    this.applyCritical();
    this.load();
  }

  Gantt.prototype.scheduleUrl = function () {
    var url = this.api + "/projects/" + encodeURIComponent(this.project) + "/schedule";
    return this.baseline && this.baseline !== "none" ? url + "?baseline=" + encodeURIComponent(this.baseline) : url;
  };

  Gantt.prototype.load = function () {
    var self = this, seq = ++this.seq;
    return request("GET", this.scheduleUrl()).then(function (data) {
      if (seq === self.seq) self.show(data);
    }).catch(function (error) {
      self.status.textContent = "The schedule could not be loaded.";
      toast(error.message, "error");
    });
  };

  // A write answers the whole schedule (or nothing, then we fetch it). Either way the
  // chart is redrawn from the server's answer, also after a refusal: what is drawn is
  // always what is stored.
  Gantt.prototype.write = function (method, url, body) {
    var self = this, seq = ++this.seq;
    this.busy++;
    this.root.classList.add("g-busy");
    return request(method, url, body).then(function (data) {
      var wantsBaseline = self.baseline && self.baseline !== "none";
      if (data && data.tasks && !(wantsBaseline && String(data.baseline_id) !== String(self.baseline))) {
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

  Gantt.prototype.show = function (data) {
    var t0 = performance.now();
    var anchor = this.data ? this.dayAtScroll(0) : null, focus = this.focusMemo();
    this.data = data;
    this.cal = new Calendar(data.calendar || {});
    this.perDay = data.minutes_per_day || 480;
    this.tasks = data.tasks || [];
    this.rowOf = {};
    var violations = this.violations = {};
    (data.violations || []).forEach(function (v) { (violations[v.key] = violations[v.key] || []).push(v.message); });
    for (var i = 0; i < this.tasks.length; i++) {
      var t = this.tasks[i];
      this.rowOf[t.key] = i;
      t._s = parse(t.start); t._f = parse(t.finish);
      t._b = t.baseline ? { s: parse(t.baseline.start), f: parse(t.baseline.finish) } : null;
    }
    this.fillBaselines();
    this.layout();
    if (anchor !== null) this.scroll.scrollLeft = Math.max(0, (anchor - this.origin) * this.px);
    else this.scrollToDay(parse(data.start) ? parse(data.start).day - 2 : this.origin);
    this.window = [0, -1];
    this.render(true);
    this.restoreFocus(focus);
    this.showStatus();
    this.root.dataset.revision = data.revision;
    this.root.dataset.renderMs = (performance.now() - t0).toFixed(1);
    this.root.classList.add("g-ready");
  };

  Gantt.prototype.showStatus = function () {
    var d = this.data, count = this.tasks.length, vio = (d.violations || []).length;
    var text = count === 0 ? "No tasks are scheduled yet." :
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

  // The visible span: from a little before the first date to well after the last, and at
  // least as wide as the viewport, aligned to the zoom's unit.
  Gantt.prototype.layout = function () {
    var lo = Infinity, hi = -Infinity;
    function see(p) { if (p) { lo = Math.min(lo, p.day); hi = Math.max(hi, p.day); } }
    this.tasks.forEach(function (t) { see(t._s); see(t._f); if (t._b) { see(t._b.s); see(t._b.f); } });
    see(parse(this.data.calendar && this.data.calendar.start_date));
    if (lo === Infinity) { lo = hi = this.today().day; }
    this.px = ZOOMS[this.zoom];
    var origin = lo - 7, p;
    if (this.zoom === "day" || this.zoom === "week") origin -= weekday(origin);
    else {
      p = ymd(origin);
      var month = this.zoom === "quarter" ? Math.floor((p[1] - 1) / 3) * 3 + 1 : p[1];
      origin = dayNumber(p[0], month, 1);
    }
    var minDays = Math.ceil(this.viewWidth() / this.px) + 1;
    this.origin = origin;
    this.days = Math.max(hi - origin + (this.zoom === "day" ? 21 : this.zoom === "week" ? 42 : 120), minDays);
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
  Gantt.prototype.today = function () {
    var now = new Date();
    return { day: dayNumber(now.getFullYear(), now.getMonth() + 1, now.getDate()), min: now.getHours() * 60 + now.getMinutes() };
  };

  Gantt.prototype.drawHeader = function () {
    var zoom = this.zoom, px = this.px, end = this.origin + this.days, top = [], bottom = [];
    for (var day = this.origin; day <= end; day++) {
      var d = ymd(day), x = (day - this.origin) * px;
      if (zoom === "day") {
        if (d[2] === 1 || day === this.origin) top.push([x, MONTHS[d[1] - 1] + " " + d[0], day]);
        bottom.push([x, String(d[2]), day, WEEKDAYS[weekday(day)] + " " + isoDate(day)]);
      } else if (zoom === "week") {
        if (d[2] === 1 || day === this.origin) top.push([x, MONTHS[d[1] - 1] + " " + d[0], day]);
        if (weekday(day) === 0) bottom.push([x, d[2] + " " + MONTHS[d[1] - 1], day, "Week of " + isoDate(day)]);
      } else if (zoom === "month") {
        if ((d[1] === 1 && d[2] === 1) || day === this.origin) top.push([x, String(d[0]), day]);
        if (d[2] === 1) bottom.push([x, MONTHS[d[1] - 1], day, MONTHS[d[1] - 1] + " " + d[0]]);
      } else {
        if ((d[1] === 1 && d[2] === 1) || day === this.origin) top.push([x, String(d[0]), day]);
        if (d[2] === 1 && (d[1] - 1) % 3 === 0) bottom.push([x, "Q" + ((d[1] - 1) / 3 + 1), day, "Q" + ((d[1] - 1) / 3 + 1) + " " + d[0]]);
      }
    }
    var half = HEAD / 2, out = [], lines = "";
    out.push('<rect class="g-head-bg" x="0" y="0" width="' + this.width + '" height="' + HEAD + '"/>');
    top.forEach(function (t) {
      lines += "M" + r1(t[0]) + " 0V" + half;
      out.push('<text class="g-head-top" x="' + r1(t[0] + 5) + '" y="' + (half - 7) + '">' + esc(t[1]) + "</text>");
    });
    var cal = this.cal;
    bottom.forEach(function (b) {
      lines += "M" + r1(b[0]) + " " + half + "V" + HEAD;
      var off = zoom === "day" && !cal.working(b[2]) ? " g-off" : "";
      out.push('<text class="g-head-bottom' + off + '" x="' + r1(b[0] + (zoom === "day" ? px / 2 : 4)) + '" y="' + (HEAD - 7) + '"' +
               (zoom === "day" ? ' text-anchor="middle"' : "") + "><title>" + esc(b[3]) + "</title>" + esc(b[1]) + "</text>");
    });
    out.push('<path class="g-head-lines" d="' + lines + "M0 " + half + "H" + this.width + "M0 " + (HEAD - 0.5) + "H" + this.width + '"/>');
    var today = this.today();
    if (today.day >= this.origin && today.day <= end) {
      var tx = r1(this.x(today));
      out.push('<path class="g-today" d="M' + tx + " " + half + "V" + HEAD + '"><title>Today</title></path>');
    }
    this.header.innerHTML = out.join("");
    this.ticks = bottom.map(function (b) { return b[0]; });
    this.majorTicks = top.map(function (t) { return t[0]; });
  };

  // Non-working days shaded (day and week zoom), the scale's lines and today: drawn once
  // per layout across the whole height, a few hundred elements at most.
  Gantt.prototype.drawBackground = function () {
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
    (this.ticks || []).forEach(function (x) { minor += "M" + r1(x) + " 0V" + h; });
    (this.majorTicks || []).forEach(function (x) { major += "M" + r1(x) + " 0V" + h; });
    out.push('<path class="g-grid-minor" d="' + minor + '"/><path class="g-grid-major" d="' + major + '"/></g>');
    out.push('<g class="g-links"></g><g class="g-bars"></g>');
    var today = this.today();
    if (today.day >= this.origin && today.day <= end) {
      out.push('<path class="g-today" d="M' + r1(this.x(today)) + " 0V" + h + '"><title>Today, ' + isoDate(today.day) + "</title></path>");
    }
    out.push('<g class="g-overlay"></g>');
    this.chart.innerHTML = out.join("");
    this.linksLayer = this.chart.querySelector(".g-links");
    this.barsLayer = this.chart.querySelector(".g-bars");
    this.overlay = this.chart.querySelector(".g-overlay");
    this.chart.insertAdjacentHTML("afterbegin", '<defs>' +
      ['', '-critical', '-selected'].map(function (s) {
        return '<marker id="g-arrow' + s + '" class="g-arrowhead' + s + '" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L8 4L0 8z"/></marker>';
      }).join("") + "</defs>");
  };

  // ---- virtual rows ------------------------------------------------------------------------
  Gantt.prototype.visibleRange = function () {
    var top = this.scroll.scrollTop, height = this.scroll.clientHeight - HEAD;
    var first = Math.max(0, Math.floor(top / ROW));
    var last = Math.min(this.tasks.length - 1, Math.ceil((top + height) / ROW));
    return [first, last];
  };

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

  Gantt.prototype.focusMemo = function () {
    var el = document.activeElement;
    if (!el || !this.root.contains(el)) return null;
    var row = el.closest("[data-key]"), link = el.closest("[data-link-id]");
    if (link) return { link: link.dataset.linkId };
    if (!row) return null;
    return { key: row.dataset.key, field: el.dataset.edit || null, bar: el.classList.contains("g-task") };
  };
  Gantt.prototype.restoreFocus = function (memo) {
    if (!memo) return;
    var el = null;
    if (memo.link) el = this.chart.querySelector('[data-link-id="' + memo.link + '"]');
    else if (memo.bar) el = this.barsLayer.querySelector('.g-task[data-key="' + memo.key + '"]');
    else if (memo.field) el = this.rowsBox.querySelector('[data-key="' + memo.key + '"] [data-edit="' + memo.field + '"]');
    if (el) el.focus({ preventScroll: true });
  };

  Gantt.prototype.renderTable = function (first, last) {
    var out = [], project = this.project, perDay = this.perDay, edit = this.canEdit;
    for (var i = first; i <= last; i++) {
      var t = this.tasks[i], days, cls = "g-row";
      if (t.summary) { cls += " g-row-summary"; days = this.spanDays(t); } else days = formatDays(t.duration_minutes, perDay);
      if (t.critical) cls += " g-row-critical";
      var preds = predecessorText(t.predecessors || [], project, perDay);
      var marks = "";
      if (t.constraint) {
        var label = t.constraint.type + " " + (t.constraint.date || "").replace("T", " ");
        marks += edit
          ? '<button type="button" class="g-mark g-constraint" data-action="clear-constraint" title="' + esc(label + " — click to schedule as soon as possible") + '" aria-label="' + esc("Constraint " + label + ", remove") + '">' + esc(t.constraint.type) + "</button>"
          : '<span class="g-mark g-constraint" title="' + esc(label) + '">' + esc(t.constraint.type) + "</span>";
      }
      if (t.mode === "manual") marks += '<span class="g-mark g-manual" title="Manually scheduled">manual</span>';
      if (this.violations[t.key]) marks += '<span class="g-mark g-violation" title="' + esc(this.violations[t.key].join("\n")) + '">⚠</span>';
      out.push(
        '<div class="' + cls + '" role="row" aria-rowindex="' + (i + 2) + '" data-key="' + esc(t.key) + '" style="top:' + i * ROW + 'px">' +
        '<span role="cell" class="g-wbs">' + esc(t.wbs) + "</span>" +
        '<span role="cell" class="g-name" style="padding-left:' + (4 + (t.outline_level - 1) * 16) + 'px">' +
          (t.summary ? '<span class="g-twisty" aria-hidden="true">▾</span>' : "") +
          '<a href="/issues/' + encodeURIComponent(t.key) + '/" title="' + esc(t.key + " " + t.title) + '">' + esc(t.title) + "</a>" + marks + "</span>" +
        '<span role="cell" class="g-num">' + (edit && !t.summary
          ? '<button type="button" class="g-cell" data-edit="duration" aria-label="' + esc("Duration of " + t.key + ": " + days + ", edit") + '">' + esc(days) + "</button>"
          : esc(days)) + "</span>" +
        '<span role="cell" class="g-start" title="' + esc(longDate(t.start)) + '">' + esc(shortDate(t.start)) + "</span>" +
        '<span role="cell" class="g-finish" title="' + esc(longDate(t.finish)) + '">' + esc(shortDate(t.finish)) + "</span>" +
        '<span role="cell" class="g-preds">' + (edit
          ? '<button type="button" class="g-cell" data-edit="predecessors" aria-label="' + esc("Predecessors of " + t.key + ": " + (preds || "none") + ", edit") + '">' + esc(preds) + "</button>"
          : esc(preds)) + "</span></div>");
    }
    this.rowsBox.innerHTML = out.join("");
    if (this.editing && this.rowOf[this.editing.key] >= first && this.rowOf[this.editing.key] <= last) this.openEditor(this.editing);
  };

  Gantt.prototype.spanDays = function (t) {
    if (!t._s || !t._f) return "";
    return formatDays(this.cal.minutesBetween(t._s, t._f.day) - this.cal.minutesBetween(t._f, t._f.day), this.perDay);
  };

  Gantt.prototype.geometry = function (t, i) {
    if (!t._s || !t._f) return null;
    var x1 = this.x(t._s), x2 = this.x(t._f);
    if (x2 < x1) x2 = x1;
    return { x1: x1, x2: x2, y: i * ROW, mid: i * ROW + ROW / 2 };
  };

  Gantt.prototype.renderBars = function (first, last) {
    var out = [], edit = this.canEdit;
    for (var i = first; i <= last; i++) {
      var t = this.tasks[i], g = this.geometry(t, i);
      if (!g) continue;
      var base = "";
      if (t._b && t._b.s && t._b.f) {
        var bx1 = this.x(t._b.s), bx2 = Math.max(this.x(t._b.f), bx1 + 2);
        base = '<rect class="g-baseline" x="' + r1(bx1) + '" y="' + (g.y + 21) + '" width="' + r1(bx2 - bx1) + '" height="4">' +
               "<title>Baseline: " + esc(shortDate(t.baseline.start) + " to " + shortDate(t.baseline.finish)) + "</title></rect>";
      }
      var cls = "g-task" + (t.critical ? " critical" : "") + (t.summary ? " g-summary" : t.milestone ? " g-milestone" : "") +
                " status-" + esc(t.status_category || "todo") + (this.violations[t.key] ? " g-violated" : "");
      var movable = edit && !t.summary;
      if (movable) cls += " g-movable";
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
      var warn = this.violations[t.key]
        ? '<text class="g-warn" x="' + r1(g.x1 - 14) + '" y="' + (y + 18) + '"><title>' + esc(this.violations[t.key].join("\n")) + "</title>⚠</text>" : "";
      out.push(base + "<g" + attrs + "><title>" + esc(label) + "</title>" + shape + "</g>" + after + warn);
    }
    this.barsLayer.innerHTML = out.join("");
  };

  // Links are focusable by click, not in the Tab sequence: Tab goes from the table to the
  // bars, and the table's predecessor cells are the keyboard way to change links.
  // Elbow connectors. FS leaves the predecessor's finish and enters the successor's start;
  // SS leaves from the start, FF enters the finish, SF both. When the way is clear the line
  // turns once; otherwise it steps back along the row boundary above the successor.
  Gantt.prototype.linkPath = function (type, a, b) {
    var fromFinish = type === "FS" || type === "FF", toStart = type === "FS" || type === "SS";
    var sx = fromFinish ? a.x2 : a.x1, tx = toStart ? b.x1 : b.x2;
    var out = fromFinish ? 1 : -1, inn = toStart ? 1 : -1, e = 8;
    var px = sx + out * e, qx = tx - inn * e, sy = a.mid - 1, ty = b.mid - 1;
    if (out === inn && (inn > 0 ? qx >= px : qx <= px)) {
      return "M" + r1(sx) + " " + sy + "H" + r1(qx) + "V" + ty + "H" + r1(tx - inn);
    }
    var boundary = ty > sy ? b.y : b.y + ROW;
    return "M" + r1(sx) + " " + sy + "H" + r1(px) + "V" + boundary + "H" + r1(qx) + "V" + ty + "H" + r1(tx - inn);
  };

  Gantt.prototype.renderLinks = function (first, last) {
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
  };

  // ---- controls ------------------------------------------------------------------------------
  Gantt.prototype.applyZoomButtons = function () {
    var zoom = this.zoom;
    document.querySelectorAll("[data-zoom]").forEach(function (b) { b.setAttribute("aria-pressed", String(b.dataset.zoom === zoom)); });
    this.root.dataset.zoom = zoom;
  };
  Gantt.prototype.setZoom = function (zoom) {
    if (!ZOOMS[zoom] || zoom === this.zoom && this.data) return;
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
      if (name === "today") self.scrollToDay(self.today().day - 3);
      else if (name === "critical") { self.critical = !self.critical; localStorage.setItem("cairn.gantt.critical", String(self.critical)); self.applyCritical(); }
      else if (name === "save-baseline") self.askBaseline();
      else if (name === "clear-constraint") self.clearConstraint(action.closest("[data-key]").dataset.key);
    });
    if (this.baselineSelect) this.baselineSelect.addEventListener("change", function () {
      self.baseline = self.baselineSelect.value;
      self.root.classList.toggle("g-no-baseline", self.baseline === "none");
      if (self.baseline !== "none") self.load();
    });
    document.addEventListener("keydown", function (event) { self.onKey(event); });
    this.rowsBox.addEventListener("click", function (event) {
      var cell = event.target.closest("[data-edit]");
      if (cell && cell.tagName === "BUTTON") {
        self.editing = { key: cell.closest("[data-key]").dataset.key, field: cell.dataset.edit, value: null, error: null };
        self.openEditor(self.editing, true);
      } else if (!event.target.closest("a, button, input")) {
        // A click elsewhere on a row brings its bar into view, as "scroll to task" does.
        var row = event.target.closest(".g-row[data-key]");
        if (row) self.reveal(row.dataset.key);
      }
    });
    this.chart.addEventListener("click", function (event) {
      var link = event.target.closest(".g-link");
      if (link && self.canEdit) self.selectLink(link.dataset.linkId, true);
      else if (!event.target.closest(".g-task") && self.selectedLink) self.selectLink(null);
    });
    this.chart.addEventListener("focusin", function (event) {
      var task = event.target.closest(".g-task");
      if (task && !self.drag) self.reveal(task.dataset.key);
      var link = event.target.closest(".g-link");
      if (link && String(self.selectedLink) !== link.dataset.linkId) self.selectLink(link.dataset.linkId, true);
    });
    if (this.canEdit) this.chart.addEventListener("pointerdown", function (event) { self.startDrag(event); });
    this.listen();
  };

  Gantt.prototype.reveal = function (key) {
    var t = this.tasks[this.rowOf[key]];
    if (!t || !t._s) return;
    var x = this.x(t._s), left = this.scroll.scrollLeft;
    if (x < left + 20 || x > left + this.viewWidth() - 60) this.scroll.scrollLeft = Math.max(0, x - 3 * this.px - 20);
  };

  Gantt.prototype.onKey = function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target.closest && target.closest("input, textarea, select, [contenteditable=true], dialog")) return;
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
    if (event.shiftKey && event.key !== "+" ) return;
    var zooms = { d: "day", w: "week", m: "month", q: "quarter" };
    var key = event.key.toLowerCase();
    if (zooms[key]) { event.preventDefault(); this.setZoom(zooms[key]); }
    else if (key === "+" || key === "=") { event.preventDefault(); this.setZoom(ORDER[Math.max(0, ORDER.indexOf(this.zoom) - 1)]); }
    else if (key === "-") { event.preventDefault(); this.setZoom(ORDER[Math.min(3, ORDER.indexOf(this.zoom) + 1)]); }
    else if (key === "t") { event.preventDefault(); this.scrollToDay(this.today().day - 3); }
  };

  Gantt.prototype.selectLink = function (id, focus) {
    this.selectedLink = id;
    var self = this;
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
    else if (self.data) self.showStatus();
  };

  // ---- writes ---------------------------------------------------------------------------------
  Gantt.prototype.taskUrl = function (key) { return this.api + "/issues/" + encodeURIComponent(key) + "/schedule"; };
  Gantt.prototype.linksUrl = function (id) {
    return this.api + "/projects/" + encodeURIComponent(this.project) + "/dependencies" + (id ? "/" + id : "");
  };

  Gantt.prototype.removeLink = function (id) {
    var link = this.linksLayer.querySelector('[data-link-id="' + id + '"]');
    var name = link ? link.dataset.from + " → " + link.dataset.to : "this link";
    if (!window.confirm("Remove the link " + name + "?")) return;
    var self = this;
    this.selectedLink = null;
    return this.write("DELETE", this.linksUrl(id)).then(function (ok) { if (ok) toast("Link " + name + " removed."); self.showStatus(); });
  };

  Gantt.prototype.clearConstraint = function (key) {
    var t = this.tasks[this.rowOf[key]];
    if (!t || !t.constraint) return;
    if (!window.confirm("Remove the " + t.constraint.type + " constraint of " + key + " and schedule it as soon as possible?")) return;
    this.write("PATCH", this.taskUrl(key), { constraint: "ASAP" });
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
      request("POST", self.api + "/projects/" + encodeURIComponent(self.project) + "/baselines", { name: input.value })
        .then(function (made) { toast("Baseline “" + made.name + "” saved."); self.baseline = String(made.id); return self.load(); })
        .catch(function (error) { toast(error.message, "error"); });
    });
  };

  Gantt.prototype.nudge = function (key, step, resize) {
    var t = this.tasks[this.rowOf[key]];
    if (!t || t.summary || !t._s) return;
    if (resize) {
      if (t.milestone) return;
      var minutes = Math.max(60, t.duration_minutes + step * this.perDay);
      this.write("PATCH", this.taskUrl(key), { duration_minutes: minutes });
    } else {
      var to = this.dropStart(t, step);
      this.write("PATCH", this.taskUrl(key), { start: isoMoment(to.day, to.min) });
    }
  };

  // ---- dragging ---------------------------------------------------------------------------------
  Gantt.prototype.startDrag = function (event) {
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
  };

  Gantt.prototype.dragDays = function (event) {
    var d = this.drag, dx = event.clientX - d.x0 + this.scroll.scrollLeft - d.scroll0;
    if (Math.abs(dx) > 3) d.moved = true;
    return { dx: dx, days: Math.round(dx / this.px) };
  };

  // Where a moved bar lands: a whole number of days on, then forward to a working day.
  Gantt.prototype.dropStart = function (t, days) {
    var day = this.cal.nextWorking(t._s.day + days, days < 0 ? -1 : 1);
    if (!this.cal.working(day)) day = this.cal.nextWorking(t._s.day + days, 1);
    // A milestone keeps its time of day: one at 17:00 moved to 08:00 the next day would
    // land on the very same spot of the chart.
    return { day: day, min: t.milestone ? t._s.min : this.cal.day(day).first };
  };
  // Where a stretched bar ends: the last whole day under its right edge (at least its first).
  Gantt.prototype.dropMinutes = function (t, g, dx) {
    var endDay = Math.floor((g.x2 + dx) / this.px - 0.5) + this.origin;
    endDay = Math.max(endDay, t._s.day);
    if (!this.cal.working(endDay)) endDay = this.cal.nextWorking(endDay, -1);
    return Math.max(60, this.cal.minutesBetween(t._s, Math.max(endDay, t._s.day)));
  };

  Gantt.prototype.dragMove = function (event) {
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
      this.status.textContent = t.key + " → " + formatDays(minutes, this.perDay);
    } else {
      var box = this.chart.getBoundingClientRect();
      var x = event.clientX - box.left, y = event.clientY - box.top;
      this.overlay.innerHTML = '<path class="g-rubber" d="M' + r1(g.x2 + 9) + " " + (g.mid - 1) + "L" + r1(x) + " " + r1(y) + '"/>';
      var over = this.targetAt(event);
      this.chart.querySelectorAll(".g-task.g-target").forEach(function (el) { el.classList.remove("g-target"); });
      if (over && over.dataset.key !== t.key) over.classList.add("g-target");
      this.status.textContent = over && over.dataset.key !== t.key ? "Link " + t.key + " → " + over.dataset.key + " (finish to start)" : "Drop on the task that follows " + t.key;
    }
  };

  Gantt.prototype.targetAt = function (event) {
    var el = document.elementFromPoint(event.clientX, event.clientY);
    if (!el) return null;
    var bar = el.closest(".g-task") || (el.closest(".g-row[data-key]") && this.barsLayer.querySelector('.g-task[data-key="' + el.closest(".g-row").dataset.key + '"]'));
    if (bar) return bar;
    // Anywhere on the successor's row will do, not only on its bar.
    var box = this.chart.getBoundingClientRect();
    if (event.clientX < box.left || event.clientY < box.top) return null;
    var row = Math.floor((event.clientY - box.top) / ROW), t = this.tasks[row];
    return t ? this.barsLayer.querySelector('.g-task[data-key="' + t.key + '"]') : null;
  };

  Gantt.prototype.dragEnd = function (event, cancelled) {
    var d = this.drag;
    if (!d) return;
    var step = this.dragDays(event), t = d.task, done;
    this.drag = null;
    this.root.classList.remove("g-dragging");
    if (this.overlay) this.overlay.innerHTML = "";
    this.chart.querySelectorAll(".g-target").forEach(function (el) { el.classList.remove("g-target"); });
    if (cancelled || !d.moved) { d.bar.removeAttribute("transform"); this.showStatus(); return this.afterInteraction(); }
    if (d.kind === "move") {
      var to = this.dropStart(t, step.days);
      if (to.day === t._s.day) { d.bar.removeAttribute("transform"); this.showStatus(); return this.afterInteraction(); }
      done = this.write("PATCH", this.taskUrl(t.key), { start: isoMoment(to.day, to.min) });
    } else if (d.kind === "resize") {
      var minutes = this.dropMinutes(t, d.g, step.dx);
      if (minutes === t.duration_minutes) { this.render(true); this.showStatus(); return this.afterInteraction(); }
      done = this.write("PATCH", this.taskUrl(t.key), { duration_minutes: minutes });
    } else {
      var over = this.targetAt(event);
      if (!over || over.dataset.key === t.key) { this.showStatus(); return this.afterInteraction(); }
      done = this.write("POST", this.linksUrl(), { predecessor: t.key, successor: over.dataset.key, type: "FS", lag_minutes: 0 });
    }
    var self = this;
    d.bar.classList.add("g-pending");
    done.then(function () { self.afterInteraction(); });
  };

  // ---- inline editing in the table ---------------------------------------------------------------
  Gantt.prototype.openEditor = function (state, fresh) {
    var row = this.rowsBox.querySelector('.g-row[data-key="' + state.key + '"]');
    var cell = row && row.querySelector('[data-edit="' + state.field + '"]');
    if (!cell) return;
    var t = this.tasks[this.rowOf[state.key]], self = this;
    var current = state.field === "duration" ? formatDays(t.duration_minutes, this.perDay)
      : predecessorText(t.predecessors || [], this.project, this.perDay);
    var input = document.createElement("input");
    input.className = "g-input" + (state.error ? " g-invalid" : "");
    input.value = state.value == null ? current : state.value;
    input.dataset.edit = state.field;
    input.setAttribute("aria-label", (state.field === "duration" ? "Duration in days of " : "Predecessors of ") + t.key +
      (state.field === "duration" ? "" : ", like 12, 12FS+2d, 14SS"));
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
  };

  Gantt.prototype.closeEditor = function (refocus) {
    var state = this.editing;
    this.editing = null;
    this.render(true);
    if (refocus && state) {
      var cell = this.rowsBox.querySelector('.g-row[data-key="' + state.key + '"] [data-edit="' + state.field + '"]');
      if (cell) cell.focus();
    }
    this.afterInteraction();
  };

  Gantt.prototype.saveEditor = function (state, key, text, current) {
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
      job = request("PATCH", this.taskUrl(key), { duration_minutes: minutes });
    } else {
      var parsed = parsePredecessors(text, this.project, this.perDay);
      if (parsed.error) return fail(parsed.error);
      job = this.applyPredecessors(t, parsed.links);
    }
    state.saving = true;
    this.busy++;
    job.then(function (data) {
      self.editing = null;
      self.busy--;
      if (data && data.tasks) self.show(data); else return self.load();
    }, function (error) {
      self.busy--;
      self.load().then(function () { fail(error.message); });
    }).then(function () {
      if (!self.editing) {
        var cell = self.rowsBox.querySelector('.g-row[data-key="' + key + '"] [data-edit="' + state.field + '"]');
        if (cell) cell.focus({ preventScroll: true });
        self.afterInteraction();
      }
    });
  };

  // Diffs the typed links against the stored ones: new links first (a loop is refused
  // before anything is removed), then changed ones (remove and add), then removals.
  Gantt.prototype.applyPredecessors = function (t, wanted) {
    var have = {}, self = this, steps = [];
    (t.predecessors || []).forEach(function (p) { have[p.key] = p; });
    var keep = {};
    wanted.forEach(function (w) {
      keep[w.key] = true;
      var old = have[w.key];
      if (!old) steps.unshift(function () { return request("POST", self.linksUrl(), { predecessor: w.key, successor: t.key, type: w.type, lag_minutes: w.lag_minutes }); });
      else if (old.type !== w.type || old.lag_minutes !== w.lag_minutes) {
        steps.push(function () { return request("DELETE", self.linksUrl(old.id)); });
        steps.push(function () { return request("POST", self.linksUrl(), { predecessor: w.key, successor: t.key, type: w.type, lag_minutes: w.lag_minutes }); });
      }
    });
    Object.keys(have).forEach(function (key) {
      if (!keep[key]) steps.push(function () { return request("DELETE", self.linksUrl(have[key].id)); });
    });
    return steps.reduce(function (chain, step) { return chain.then(step); }, Promise.resolve()).then(function () { return null; });
  };

  // ---- live updates --------------------------------------------------------------------------------
  Gantt.prototype.listen = function () {
    var self = this, me = document.body.dataset.userId;
    function heard(data) {
      if (!data || (data.name !== "schedule.changed" && data.name !== "issue.updated")) return;
      if (String(data.actor_id) === String(me)) return;
      if (data.name === "issue.updated" && data.payload && data.payload.key && !(data.payload.key in self.rowOf)) return;
      clearTimeout(self.liveTimer);
      self.liveTimer = setTimeout(function () { self.refreshLive(); }, 400);
    }
    document.addEventListener("cairn:live", function (event) { heard(event.detail); });
    // cairn.js subscribes the stream to issue events only; schedule.changed is ours to hear.
    function subscribe() {
      if (window.cairnEvents) window.cairnEvents.addEventListener("schedule.changed", function (event) {
        try { heard(JSON.parse(event.data)); } catch (e) { /* not ours */ }
      });
    }
    if (window.cairnEvents) subscribe(); else document.addEventListener("DOMContentLoaded", subscribe);
    this.heard = heard;
  };
  Gantt.prototype.refreshLive = function () {
    if (this.drag || this.editing || this.busy) { this.stale = true; return; }
    this.stale = false;
    var top = this.scroll.scrollTop;
    var self = this;
    this.load().then(function () { self.scroll.scrollTop = top; self.render(false); });
  };
  Gantt.prototype.afterInteraction = function () {
    if (this.stale && !this.busy) this.refreshLive();
  };

  // For tests and measurements: how long the last full draw took, and a way to draw a
  // schedule without the server.
  window.cairnGantt = { Calendar: Calendar, parsePredecessors: parsePredecessors, parseDuration: parseDuration };

  function start() {
    var root = document.getElementById("gantt");
    if (root && !root.gantt) { root.gantt = new Gantt(root); window.cairnGantt.chart = root.gantt; }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
