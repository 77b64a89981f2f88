// Durations, lags and predecessor lists as people read and type them in the task table:
// "5d", "4h", "2w"; "12", "WEB-12", "12FS+2d", "OPS-3SS-1d". Durations are stored in
// working minutes, so a day is the project's minutes per day, not 24 hours.

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

// Keys of the project's own tasks are written as bare numbers; a plain FS link as no type.
export function predecessorText(preds, project, perDay) {
  return preds.map(function (p) {
    var ref = p.key.indexOf(project + "-") === 0 ? p.key.slice(project.length + 1) : p.key;
    var lag = lagText(p.lag_minutes, perDay);
    return ref + (p.type !== "FS" || lag ? p.type + lag : "");
  }).join(", ");
}

// Comma (or semicolon) separated. Answers {links: [{key, type, lag_minutes}]} or {error}.
export function parsePredecessors(text, project, perDay) {
  var links = [], seen = {};
  var parts = text.split(/[,;]/).map(function (s) { return s.trim(); }).filter(Boolean);
  for (var i = 0; i < parts.length; i++) {
    var m = /^([A-Za-z][A-Za-z0-9_]*-)?(\d+)\s*(FS|SS|FF|SF)?\s*(?:([+-])\s*(\d+(?:[.,]\d+)?)\s*(d|days?|h|hrs?|hours?|w|wks?|weeks?)?)?$/i.exec(parts[i]);
    if (!m) return { error: "“" + parts[i] + "” is not a predecessor like 12, WEB-12, 12FS+2d or 12SS-1d" };
    var key = (m[1] ? m[1].toUpperCase() : project + "-") + m[2];
    if (seen[key]) return { error: key + " is listed twice" };
    seen[key] = true;
    var lag = m[4] ? Math.round(decimal(m[5]) * unitMinutes(m[6], perDay)) : 0;
    links.push({ key: key, type: (m[3] || "FS").toUpperCase(), lag_minutes: m[4] === "-" ? -lag : lag });
  }
  return { links: links };
}
