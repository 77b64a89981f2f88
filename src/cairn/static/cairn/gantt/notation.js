// Durations, lags and predecessor lists as people read and type them in the task table:
// "5d", "4h", "2w"; "1.2", "1.2FS+2d", "3SS-1d". Durations are stored in working
// minutes, so a day is the project's minutes per day, not 24 hours.

function decimal(text) { return parseFloat(text.replace(",", ".")); }
// Minutes in one of a unit: d(ays), h(ours), w(eeks of five working days), m(inutes).
function unitMinutes(unit, perDay) {
  var u = (unit || "d").charAt(0).toLowerCase();
  return u === "h" ? 60 : u === "w" ? 5 * perDay : u === "m" ? 1 : perDay;
}

export function formatDays(minutes, perDay) { return Math.round(minutes / perDay * 100) / 100 + "d"; }

// Minutes, or null when the text is not a duration.
export function parseDuration(text, perDay) {
  var m = /^\s*(\d+(?:[.,]\d+)?)\s*(d|days?|h|hrs?|hours?|w|wks?|weeks?|m|mins?|minutes?)?\s*$/i.exec(text);
  if (!m) return null;
  return Math.round(decimal(m[1]) * unitMinutes(m[2], perDay));
}

export function lagText(minutes, perDay) {
  if (!minutes) return "";
  var sign = minutes > 0 ? "+" : "-", abs = Math.abs(minutes);
  if (abs >= perDay) return sign + Math.round(abs / perDay * 100) / 100 + "d";
  return sign + Math.round(abs / 60 * 100) / 100 + "h";
}

// Predecessors by the WBS code of their row, as the first column shows it (a link to a
// task outside the plan by its key); a plain FS link as no type. The server reads them
// back (PUT /issues/{key}/predecessors), by WBS code or key.
export function predecessorText(preds, perDay) {
  return preds.map(function (p) {
    var lag = lagText(p.lag_minutes, perDay);
    return (p.wbs || p.key) + (p.type !== "FS" || lag ? p.type + lag : "");
  }).join(", ");
}
