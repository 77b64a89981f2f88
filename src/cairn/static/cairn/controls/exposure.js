// The exposure-over-time chart: a linear axis of timestamps (there is no date adapter),
// redrawn when a risk is re-rated on the page.
(() => {
  const canvas = document.getElementById("exposure-chart");
  if (!canvas || !window.Chart) return;
  let chart = null;
  const day = (ms) => new Date(ms).toISOString().slice(0, 10);
  async function draw() {
    const response = await fetch(canvas.dataset.source, { credentials: "same-origin" });
    if (!response.ok) return;
    const points = (await response.json()).points.map((p) => ({ x: Date.parse(p.date), y: p.exposure }));
    if (chart) { chart.data.datasets[0].data = points; chart.update(); canvas.dataset.points = points.length; return; }
    chart = new Chart(canvas, {
      type: "line",
      data: { datasets: [{ label: "Exposure", data: points, borderColor: "#dc2626", backgroundColor: "rgba(220,38,38,.12)", fill: true, stepped: true, pointRadius: 0 }] },
      options: { maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } },
        scales: { x: { type: "linear", ticks: { callback: day, maxTicksLimit: 6 } }, y: { beginAtZero: true, title: { display: true, text: "Σ score" } } } },
    });
    canvas.dataset.points = points.length;
  }
  draw();
  document.body.addEventListener("risks-changed", draw);
})();
