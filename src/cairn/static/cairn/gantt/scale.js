// The zoom levels and the time scale each one draws: how many pixels a day gets, where
// the timeline starts, and the labelled ticks of the two-line header.
import { MONTHS, WEEKDAYS, dayNumber, isoDate, weekday, ymd } from "./calendar.js";

export var PX_PER_DAY = { day: 30, week: 12, month: 4, quarter: 1.4 };
export var ZOOM_ORDER = ["day", "week", "month", "quarter"]; // finest first

// The first day drawn: a week before the earliest date, back to the start of the zoom's
// unit (a Monday, a month, a quarter), so the header's first label is a whole one.
export function scaleOrigin(firstDay, zoom) {
  var origin = firstDay - 7;
  if (zoom === "day" || zoom === "week") return origin - weekday(origin);
  var p = ymd(origin);
  var month = zoom === "quarter" ? Math.floor((p[1] - 1) / 3) * 3 + 1 : p[1];
  return dayNumber(p[0], month, 1);
}

// Room after the last date, to drag a task later than anything planned.
export function scaleTail(zoom) { return zoom === "day" ? 21 : zoom === "week" ? 42 : 120; }

// The header's ticks from origin to end: major ones (months, or years when zoomed out)
// on the top line, minor ones (days, weeks, months, quarters) on the bottom line with a
// full title. The first day always gets a major label, so the top line never starts blank.
export function scaleTicks(origin, end, zoom) {
  var yearly = zoom === "month" || zoom === "quarter", major = [], minor = [];
  for (var day = origin; day <= end; day++) {
    var d = ymd(day), month = MONTHS[d[1] - 1];
    if (day === origin || d[2] === 1 && (!yearly || d[1] === 1)) major.push({ day: day, label: yearly ? String(d[0]) : month + " " + d[0] });
    if (zoom === "day") minor.push({ day: day, label: String(d[2]), title: WEEKDAYS[weekday(day)] + " " + isoDate(day) });
    else if (zoom === "week") { if (weekday(day) === 0) minor.push({ day: day, label: d[2] + " " + month, title: "Week of " + isoDate(day) }); }
    else if (zoom === "month") { if (d[2] === 1) minor.push({ day: day, label: month, title: month + " " + d[0] }); }
    else if (d[2] === 1 && (d[1] - 1) % 3 === 0) {
      var q = "Q" + ((d[1] - 1) / 3 + 1);
      minor.push({ day: day, label: q, title: q + " " + d[0] });
    }
  }
  return { major: major, minor: minor };
}
