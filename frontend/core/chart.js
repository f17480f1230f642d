// uPlot (vendored, _static/vendor/uplot/) with the book's look: axes and grid in the page's
// text colour, width following the container (phone to desktop), data updated in place.

import uPlot from "../../_static/vendor/uplot/uPlot.esm.mjs";

export { uPlot };

export function axis(theme, extra = {}) {
  return {
    stroke: theme.text,
    grid: { stroke: theme.grid, width: 1 },
    ticks: { stroke: theme.grid, width: 1 },
    font: `12px ${theme.font}`,
    labelFont: `13px ${theme.font}`,
    ...extra,
  };
}

// A chart in `container` whose width follows the container; returns {u, destroy}.
export function chart(container, opts, data, height = 300) {
  const width = () => Math.max(200, Math.floor(container.clientWidth || 600));
  const u = new uPlot({ width: width(), height, legend: { show: false }, cursor: { show: false }, ...opts }, data, container);
  u.root.querySelector("canvas")?.setAttribute("aria-hidden", "true");
  let last = width();
  const ro = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(() => {
    const w = width();
    if (w !== last) { last = w; u.setSize({ width: w, height }); }
  });
  ro?.observe(container);
  return { u, destroy() { ro?.disconnect(); u.destroy(); } };
}

// The series of a chart drawn entirely in its draw hook (bars, a grid of cells): uPlot wants one,
// drawn invisible.
export function hookSeries() {
  return [{}, { stroke: "transparent", points: { show: false } }];
}

const hatches = new WeakMap(); // canvas context -> "colour@dpr" -> pattern

// A diagonal hatch in `color` (the "outside" bars of the concentration chart), made once per
// canvas, colour and pixel ratio.
export function hatch(ctx, color) {
  const dpr = window.devicePixelRatio || 1;
  if (!hatches.has(ctx)) hatches.set(ctx, new Map());
  const made = hatches.get(ctx);
  const key = `${color}@${dpr}`;
  if (!made.has(key)) made.set(key, makeHatch(ctx, color, dpr));
  return made.get(key);
}

function makeHatch(ctx, color, dpr) {
  const n = Math.round(8 * dpr);
  const c = document.createElement("canvas");
  c.width = c.height = n;
  const g = c.getContext("2d");
  g.strokeStyle = color;
  g.lineWidth = 1.4 * dpr;
  g.beginPath();
  for (const off of [-n, 0, n]) { g.moveTo(off, n); g.lineTo(off + n, 0); }
  g.stroke();
  return ctx.createPattern(c, "repeat");
}

// Dash patterns in CSS px scaled to canvas pixels.
export function dash(pattern) {
  const dpr = window.devicePixelRatio || 1;
  return pattern.map((d) => d * dpr);
}

// Key to anything drawn: a small decorative SVG (markup string) followed by its label.
export function svgKey(label, svg) {
  const span = document.createElement("span");
  span.className = "nak-key";
  span.innerHTML = svg;
  span.append(label);
  return span;
}

// Key to a line: a small SVG sample with the same colour and dash.
export function lineKey(label, color, pattern = [], width = 2.5) {
  return svgKey(label, `<svg width="28" height="10" aria-hidden="true"><line x1="0" y1="5" x2="28" y2="5" stroke="${color}" stroke-width="${width}" stroke-dasharray="${pattern.join(" ")}"/></svg>`);
}

export function swatchKey(label, color, hatched) {
  const fill = hatched ? "none" : color;
  const lines = hatched ? `<path d="M1 11 L13 1 M1 5 L5 1 M8 11 L13 7" stroke="${color}" stroke-width="1.2"/>` : "";
  return svgKey(label, `<svg width="14" height="12" aria-hidden="true"><rect x="0.5" y="0.5" width="13" height="11" fill="${fill}" stroke="${color}"/>${lines}</svg>`);
}

// A row of keys (.nak-legend).
export function legend(keys) {
  const el = document.createElement("div");
  el.className = "nak-legend";
  el.append(...keys);
  return el;
}

// The figure's frame: a legend of `keys` (none if `keys` is empty) over `n` chart boxes that sit
// side by side and wrap under each other on a narrow screen (.nak-charts); returns the boxes.
export function panels(figEl, keys, n = 2) {
  const charts = document.createElement("div");
  charts.className = "nak-charts";
  const boxes = Array.from({ length: n }, () => {
    const box = document.createElement("div");
    box.className = "nak-chart";
    return box;
  });
  charts.append(...boxes);
  figEl.replaceChildren(...(keys.length ? [legend(keys)] : []), charts);
  return boxes;
}

// The canvas's text settings: `px` in CSS px of the font family `font`, alignment and baseline.
export function textStyle(ctx, font, px, align = "left", baseline = "bottom") {
  ctx.font = `${px * (window.devicePixelRatio || 1)}px ${font}`;
  ctx.textAlign = align;
  ctx.textBaseline = baseline;
}

// Text on a chart's canvas at (x, y) in canvas pixels; `px` is the size in CSS px.
export function canvasText(ctx, s, x, y, { color, font, px = 10.5, align = "left", baseline = "bottom" }) {
  ctx.save();
  ctx.fillStyle = color;
  textStyle(ctx, font, px, align, baseline);
  ctx.fillText(s, x, y);
  ctx.restore();
}

// A straight line across the plot area at `at` on the "x" scale (vertical) or the "y" scale
// (horizontal); width in CSS px, dash pattern in CSS px. Returns its position in canvas pixels.
export function rule(u, scale, at, color, width = 1, pattern = []) {
  const ctx = u.ctx;
  const dpr = window.devicePixelRatio || 1;
  const p = u.valToPos(at, scale, true);
  ctx.save();
  ctx.strokeStyle = color;
  ctx.lineWidth = width * dpr;
  ctx.setLineDash(dash(pattern));
  ctx.beginPath();
  if (scale === "x") {
    ctx.moveTo(p, u.bbox.top);
    ctx.lineTo(p, u.bbox.top + u.bbox.height);
  } else {
    ctx.moveTo(u.bbox.left, p);
    ctx.lineTo(u.bbox.left + u.bbox.width, p);
  }
  ctx.stroke();
  ctx.restore();
  return p;
}

// The curve (xs, ys) with the point (x, y) on it, and a marker series that is null except at x,
// for a marker drawn on its own x (a slider's value between two grid points). x is inserted in
// order unless xs already holds it. Returns [xs, ys, marker] (new arrays).
export function withPoint(xs, ys, x, y) {
  let at = xs.findIndex((g) => g >= x);
  if (at < 0) at = xs.length;
  const outX = [...xs];
  const outY = [...ys];
  const marker = xs.map(() => null);
  if (outX[at] === x) marker[at] = y;
  else {
    outX.splice(at, 0, x);
    outY.splice(at, 0, y);
    marker.splice(at, 0, y);
  }
  return [outX, outY, marker];
}

// A band over the whole plot height between a and b on the x scale, filled with `color`.
export function shadeX(u, a, b, color) {
  const ctx = u.ctx;
  const xa = u.valToPos(a, "x", true);
  const xb = u.valToPos(b, "x", true);
  ctx.save();
  ctx.fillStyle = color;
  ctx.fillRect(xa, u.bbox.top, xb - xa, u.bbox.height);
  ctx.restore();
  return [xa, xb];
}

// Whole powers of ten from lo to hi (ticks of a log axis, as the matplotlib figures').
export function decades(lo, hi) {
  const out = [];
  for (let k = Math.ceil(Math.log10(lo) - 1e-9); k <= Math.floor(Math.log10(hi) + 1e-9); k++) out.push(10 ** k);
  return out;
}

// "E" with a subscript, then the rest of the text, on a canvas (left-aligned at x).
export function subscripted(ctx, base, sub, rest, x, y, px, font, weight = "") {
  const w = weight ? `${weight} ` : "";
  ctx.font = `${w}${px}px ${font}`;
  ctx.fillText(base, x, y);
  x += ctx.measureText(base).width;
  ctx.font = `${w}${px * 0.75}px ${font}`;
  ctx.fillText(sub, x, y + px * 0.3);
  x += ctx.measureText(sub).width;
  ctx.font = `${w}${px}px ${font}`;
  ctx.fillText(rest, x, y);
}
