// The chart is drawn as HTML and SVG strings (one innerHTML per layer is far cheaper than
// building thousands of nodes), so every text from the server goes through esc().
export function esc(text) {
  return String(text == null ? "" : text).replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
  });
}
// Coordinates to a tenth of a pixel: enough for the eye, and shorter path strings.
export function r1(n) { return Math.round(n * 10) / 10; }
// Row and header heights in pixels: keep them equal to --g-row and --g-head in gantt.css.
export var ROW = 28, HEAD = 44;
