// Dates as the schedule API writes them: project-local wall-clock strings such as
// "2025-03-04T08:00", held as a day number (days since 1970-01-01) and minutes into that
// day. Arithmetic is done on UTC day numbers, never on local Date objects, so neither the
// browser's time zone nor a DST change can move a task by an hour or a day.

export var DAY_MS = 86400000;
export var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
export var WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

export function dayNumber(y, m, d) { return Math.round(Date.UTC(y, m - 1, d) / DAY_MS); }
export function parseMoment(iso) {
  if (!iso) return null;
  var m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(iso);
  if (!m) return null;
  return { day: dayNumber(+m[1], +m[2], +m[3]), min: m[4] ? (+m[4]) * 60 + (+m[5]) : 0 };
}
export function ymd(day) { var d = new Date(day * DAY_MS); return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]; }
function pad(n) { return (n < 10 ? "0" : "") + n; }
function hhmm(min) { return pad(Math.floor(min / 60)) + ":" + pad(min % 60); }
export function isoDate(day) { var p = ymd(day); return p[0] + "-" + pad(p[1]) + "-" + pad(p[2]); }
export function isoMoment(day, min) { return isoDate(day) + "T" + hhmm(min); }
export function weekday(day) { return ((day % 7) + 10) % 7; } // 1970-01-01 was a Thursday; Monday = 0
export function shortDate(iso) {
  var p = parseMoment(iso); if (!p) return "";
  var d = ymd(p.day);
  return d[2] + " " + MONTHS[d[1] - 1] + " " + String(d[0]).slice(2);
}
export function longDate(iso) {
  var p = parseMoment(iso); if (!p) return "";
  var d = ymd(p.day);
  return WEEKDAYS[weekday(p.day)] + " " + d[2] + " " + MONTHS[d[1] - 1] + " " + d[0] + " " + hhmm(p.min);
}
// Now on the browser's wall clock: the one place local time is wanted, to mark today.
export function today() {
  var now = new Date();
  return { day: dayNumber(now.getFullYear(), now.getMonth() + 1, now.getDate()), min: now.getHours() * 60 + now.getMinutes() };
}
function toMinutes(text) { var p = text.split(":"); return (+p[0]) * 60 + (+p[1]); }

// The project's working calendar as the schedule API sends it: working hours for each
// weekday ("08:00-12:00", Monday first) and the holidays.
export function Calendar(raw) {
  this.week = (raw.working_week || []).map(function (ranges) {
    var spans = (ranges || []).map(function (r) { var p = r.split("-"); return [toMinutes(p[0]), toMinutes(p[1])]; });
    var work = spans.reduce(function (sum, s) { return sum + s[1] - s[0]; }, 0);
    return { spans: spans, work: work, first: spans.length ? spans[0][0] : 0, last: spans.length ? spans[spans.length - 1][1] : 1440 };
  });
  this.holidays = {};
  (raw.holidays || []).forEach(function (h) { var p = parseMoment(h.date); if (p) this.holidays[p.day] = h.name || "Holiday"; }, this);
}
Calendar.prototype.day = function (day) { return this.week[weekday(day)] || { spans: [], work: 0, first: 0, last: 1440 }; };
Calendar.prototype.working = function (day) { return this.day(day).work > 0 && !(day in this.holidays); };
// The bound keeps a calendar with no working day at all from looping forever.
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
