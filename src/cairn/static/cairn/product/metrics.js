// A KPI's chart: Chart.js on a linear x axis of timestamps (no date adapter is
// installed), the target as a horizontal line and releases as labelled vertical lines.
// A point added by the htmx form arrives as a "metric:point" event and is drawn at once.
(function () {
  "use strict";
  var DAY = 24 * 60 * 60 * 1000;
  var dateFormat = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", timeZone: "UTC" });
  var longFormat = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  var numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

  function annotations(data) {
    var marks = {};
    if (data.target !== null) {
      marks.target = {
        type: "line", yMin: data.target, yMax: data.target, borderColor: "#15803d", borderWidth: 2, borderDash: [6, 4],
        label: { display: true, content: "Target " + numberFormat.format(data.target), position: "end",
                 backgroundColor: "rgba(21, 128, 61, .85)", font: { size: 11 } }
      };
    }
    data.releases.forEach(function (release, i) {
      marks["release" + i] = {
        type: "line", xMin: release.at, xMax: release.at, borderColor: release.shipped ? "#7c3aed" : "#a78bfa",
        borderWidth: release.shipped ? 2 : 1, borderDash: release.shipped ? [] : [4, 4],
        label: { display: true, content: release.name + (release.shipped ? "" : " (planned)"), position: "start",
                 rotation: 0, backgroundColor: release.shipped ? "rgba(124, 58, 237, .85)" : "rgba(167, 139, 250, .85)",
                 font: { size: 11 } }
      };
    });
    return marks;
  }

  function draw(canvas, data) {
    var values = data.points.map(function (p) { return p[1]; });
    if (data.target !== null) values.push(data.target);
    return new window.Chart(canvas, {
      type: "line",
      data: { datasets: [{
        label: data.name + (data.unit ? " (" + data.unit + ")" : ""),
        data: data.points.map(function (p) { return { x: p[0], y: p[1] }; }),
        borderColor: "#2f5bd3", backgroundColor: "rgba(47, 91, 211, .12)", fill: true,
        pointRadius: data.points.length > 120 ? 0 : 2, borderWidth: 1.5, tension: 0.2
      }] },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false, parsing: false, normalized: true,
        interaction: { mode: "nearest", axis: "x", intersect: false },
        scales: {
          x: { type: "linear", min: data.first, max: data.last + DAY / 2,
               ticks: { maxTicksLimit: 8, callback: function (value) { return dateFormat.format(new Date(value)); } } },
          y: { grace: "5%", suggestedMin: values.length ? Math.min.apply(null, values) : 0,
               suggestedMax: values.length ? Math.max.apply(null, values) : 1 }
        },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: {
            title: function (items) { return longFormat.format(new Date(items[0].parsed.x)); },
            label: function (item) { return numberFormat.format(item.parsed.y) + (data.unit ? " " + data.unit : ""); }
          } },
          annotation: { annotations: annotations(data) }
        }
      }
    });
  }

  function upsert(chart, at, value) {
    var points = chart.data.datasets[0].data.filter(function (p) { return p.x !== at; });
    if (value !== null) points.push({ x: at, y: value });
    points.sort(function (a, b) { return a.x - b.x; });
    chart.data.datasets[0].data = points;
    chart.update();
  }

  function start() {
    var canvas = document.getElementById("metric-chart");
    var source = document.getElementById("metric-chart-data");
    if (!canvas || !source || !window.Chart) return;
    var chart = draw(canvas, JSON.parse(source.textContent));
    document.body.addEventListener("metric:point", function (event) { upsert(chart, event.detail.at, event.detail.value); });
    document.body.addEventListener("metric:removed", function (event) { upsert(chart, event.detail.at, null); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
