// The S-curve of earned value: PV, EV and AC over time on a linear axis of timestamps
// (Chart.js has no date adapter here), money on the other axis.
(function () {
  "use strict";
  function draw() {
    var canvas = document.getElementById("s-curve");
    var source = document.getElementById("s-curve-data");
    if (!canvas || !source || typeof Chart === "undefined") return;
    var points = JSON.parse(source.textContent);
    function series(name) {
      return points.filter(function (p) { return p[name] !== null; })
        .map(function (p) { return { x: Date.parse(p.date + "T00:00:00Z"), y: Number(p[name]) }; });
    }
    var day = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", timeZone: "UTC" });
    var chart = new Chart(canvas, {
      type: "line",
      data: { datasets: [
        { label: "Planned value (PV)", data: series("pv"), borderColor: "#6b7280", borderDash: [6, 4], pointRadius: 0 },
        { label: "Earned value (EV)", data: series("ev"), borderColor: "#15803d", pointRadius: 2 },
        { label: "Actual cost (AC)", data: series("ac"), borderColor: "#b91c1c", pointRadius: 2 }
      ] },
      options: {
        animation: false, maintainAspectRatio: false, parsing: false,
        interaction: { mode: "nearest", axis: "x", intersect: false },
        scales: {
          x: { type: "linear", ticks: { callback: function (value) { return day.format(new Date(value)); } } },
          y: { beginAtZero: true }
        },
        plugins: { tooltip: { callbacks: { title: function (items) {
          return items.length ? day.format(new Date(items[0].parsed.x)) : "";
        } } } }
      }
    });
    canvas.dataset.lastAc = String(series("ac").slice(-1).map(function (p) { return p.y; })[0] || 0);
    window.cairnSCurve = chart;
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
