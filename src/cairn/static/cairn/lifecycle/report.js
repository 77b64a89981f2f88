// The post-project report's cost comes from the costs context's own API, so the
// lifecycle never imports it; a reader the costs refuse sees a dash.
(function () {
  "use strict";
  function show(box, name, value) {
    const cell = box.querySelector('[data-cost="' + name + '"]');
    if (cell) cell.textContent = value === null || value === undefined ? "—" : String(value);
  }
  async function read(url) {
    const answer = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    return answer.ok ? answer.json() : null;
  }
  document.addEventListener("DOMContentLoaded", async function () {
    const box = document.getElementById("cost");
    if (!box) return;
    const [budget, earned] = await Promise.all([read(box.dataset.budgetUrl), read(box.dataset.evUrl)]);
    const total = budget ? budget.total : {};
    show(box, "budget", total.budget); show(box, "actual", total.actual); show(box, "remaining", total.remaining);
    const f = earned ? earned.figures : {};
    ["bac", "eac", "vac", "cpi", "spi"].forEach(function (k) { show(box, k, f[k]); });
    box.dataset.loaded = "1";
  });
})();
