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

// A diagonal hatch in `color` (the "outside" bars of the concentration chart).
export function hatch(ctx, color) {
  const dpr = window.devicePixelRatio || 1;
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

// Key to a line: a small SVG sample with the same colour and dash.
export function lineKey(label, color, pattern = [], width = 2.5) {
  const span = document.createElement("span");
  span.className = "nak-key";
  span.innerHTML = `<svg width="28" height="10" aria-hidden="true"><line x1="0" y1="5" x2="28" y2="5" stroke="${color}" stroke-width="${width}" stroke-dasharray="${pattern.join(" ")}"/></svg>`;
  span.append(label);
  return span;
}

export function swatchKey(label, color, hatched) {
  const span = document.createElement("span");
  span.className = "nak-key";
  const fill = hatched ? "none" : color;
  const lines = hatched ? `<path d="M1 11 L13 1 M1 5 L5 1 M8 11 L13 7" stroke="${color}" stroke-width="1.2"/>` : "";
  span.innerHTML = `<svg width="14" height="12" aria-hidden="true"><rect x="0.5" y="0.5" width="13" height="11" fill="${fill}" stroke="${color}"/>${lines}</svg>`;
  span.append(label);
  return span;
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
