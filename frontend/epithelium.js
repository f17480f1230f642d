// Front end of the epithelium view (Python twin: nakmodel/widgets/live/epithelium.py; static-book
// port: ports/epithelium.js; matplotlib twin: nakmodel/plots/secondary_transport.py EpitheliumPlot).
// Left: lumen | enterocyte | blood with apical SGLT1 and other Na+ entry, basolateral pump and
// GLUT2; arrow widths grow with the flux and turn round when it reverses; the cell's Na+, glucose
// and apical Vm in a box. Right: glucose in lumen, cell and blood.

import { mount } from "./core/app.js";
import { axis, chart, hatch, hookSeries, swatchKey, textStyle } from "./core/chart.js";
import { fmt, niceTop } from "./core/format.js";
import { withAlpha } from "./core/theme.js";

// Diagram in a 10 x 6 box (the matplotlib figure's coordinates; y upwards).
const BOX = { w: 10, h: 6 };
const ARROWS = {
  sglt_glc: [[1.2, 3.9], [4.6, 3.9], "glucose"],
  sglt_na: [[1.2, 3.3], [4.6, 3.3], "Na"],
  pump_na: [[5.6, 4.5], [9.0, 4.5], "Na"],
  pump_k: [[9.0, 3.9], [5.6, 3.9], "K"],
  glut2: [[5.4, 1.6], [9.0, 1.6], "glucose"],
  leak: [[1.2, 1.0], [4.6, 1.0], "Na"],
};
// where each flux's label goes: [x, y, align]
const LABELS = {
  sglt_glc: [0.15, 4.35, "left"], sglt_na: [0.15, 2.75, "left"], pump_na: [9.9, 4.95, "right"],
  pump_k: [9.9, 3.35, "right"], glut2: [9.9, 2.05, "right"], leak: [0.15, 0.45, "left"],
};
// [x, y of the box centre, label, label x, label y, align, label above (true) or below that point]
const TRANSPORTERS = [[3.0, 3.6, "SGLT1", 3.3, 4.42, "left", true], [7.0, 4.2, "Na⁺/K⁺ pump", 6.7, 3.38, "right", false],
  [7.0, 1.6, "GLUT2", 6.7, 0.8, "right", false]];

// Arrow as a filled shape from a to b (canvas px), shaft width w, head 2.6w wide and 2w long.
function arrow(ctx, [x0, y0], [x1, y1], w) {
  const len = Math.hypot(x1 - x0, y1 - y0);
  const ux = (x1 - x0) / len;
  const uy = (y1 - y0) / len;
  const head = Math.min(2 * w, len * 0.5);
  const bx = x1 - ux * head;
  const by = y1 - uy * head;
  const nx = -uy;
  const ny = ux;
  ctx.beginPath();
  ctx.moveTo(x0 + nx * w / 2, y0 + ny * w / 2);
  ctx.lineTo(bx + nx * w / 2, by + ny * w / 2);
  ctx.lineTo(bx + nx * 1.3 * w, by + ny * 1.3 * w);
  ctx.lineTo(x1, y1);
  ctx.lineTo(bx - nx * 1.3 * w, by - ny * 1.3 * w);
  ctx.lineTo(bx - nx * w / 2, by - ny * w / 2);
  ctx.lineTo(x0 - nx * w / 2, y0 - ny * w / 2);
  ctx.closePath();
  ctx.fill();
}

function diagram(container, spec, theme) {
  const p = spec.params;
  const ions = spec.style.ions;
  const canvas = document.createElement("canvas");
  canvas.setAttribute("aria-hidden", "true");
  canvas.style.display = "block";
  container.append(canvas);
  let state = null;
  let size = { w: 0, h: 0 };
  // the container's width, read once and then from the ResizeObserver: reading clientWidth on every
  // update would force a layout of the page after each readout change
  let width = Math.floor(container.clientWidth || 560);

  function draw() {
    if (!state) return;
    const dpr = window.devicePixelRatio || 1;
    const cssW = Math.max(260, width || 560);
    const cssH = Math.round(Math.min(400, Math.max(300, cssW * 0.62)));
    if (cssW !== size.w) {
      size = { w: cssW, h: cssH };
      canvas.width = cssW * dpr;
      canvas.height = cssH * dpr;
      canvas.style.width = `${cssW}px`;
      canvas.style.height = `${cssH}px`;
    }
    const titleH = 22 * dpr;
    const sx = canvas.width / BOX.w;
    const sy = (canvas.height - titleH) / BOX.h;
    const X = (x) => x * sx;
    const Y = (y) => titleH + (BOX.h - y) * sy;
    const unit = Math.min(sx, sy);
    const px = Math.max(10, Math.min(12, cssW / 48)) * dpr;
    const { r } = state;
    const ctx = canvas.getContext("2d");
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.font = `600 ${px}px ${theme.font}`;
    ctx.fillStyle = theme.text;
    ctx.textAlign = "left";
    ctx.textBaseline = "top";
    ctx.fillText(`Pump activity ${fmt(100 * r.pump_fraction, 0)}%; arrows: fluxes in mM/s of cell water`, 0, 2 * dpr);
    // compartments
    ctx.fillStyle = withAlpha(theme.text, 0.06);
    ctx.fillRect(X(0), Y(6), X(3), Y(0) - Y(6));
    ctx.fillStyle = "rgba(204, 40, 40, 0.10)";
    ctx.fillRect(X(7), Y(6), X(3), Y(0) - Y(6));
    ctx.fillStyle = withAlpha(hexRgb(ions.glucose.color), 0.10);
    ctx.fillRect(X(3), Y(5.7), X(4), Y(0.3) - Y(5.7));
    ctx.strokeStyle = theme.text;
    ctx.lineWidth = 2 * dpr;
    ctx.strokeRect(X(3), Y(5.7), X(4), Y(0.3) - Y(5.7));
    ctx.fillStyle = theme.text;
    ctx.textAlign = "center";
    ctx.textBaseline = "alphabetic";
    ctx.font = `600 ${px * 1.1}px ${theme.font}`;
    ctx.fillText("lumen", X(1.5), Y(5.5));
    ctx.fillText("enterocyte", X(5.0), Y(5.15));
    ctx.fillText("blood", X(8.5), Y(5.5));
    ctx.font = `${px * 0.85}px ${theme.font}`;
    ctx.fillStyle = theme.muted;
    ctx.textBaseline = "bottom";
    ctx.fillText("apical", X(3), canvas.height);
    ctx.fillText("basolateral", X(7), canvas.height);
    // fluxes: Na+ per SGLT1 cycle and the pump's Na+ and K+ per cycle come from Python
    const n = p.sglt_n_na;
    const fluxes = {
      sglt_glc: [r.sglt_flux_mM_s, `glucose ${fmt(r.sglt_flux_mM_s, 2, { sign: true })}`],
      sglt_na: [n * r.sglt_flux_mM_s, `Na⁺ ${fmt(n * r.sglt_flux_mM_s, 2, { sign: true })}`],
      pump_na: [p.pump_na_out * r.pump_rate_mM_s, `${p.pump_na_out} Na⁺ ${fmt(p.pump_na_out * r.pump_rate_mM_s, 2)}`],
      pump_k: [p.pump_k_in * r.pump_rate_mM_s, `${p.pump_k_in} K⁺ ${fmt(p.pump_k_in * r.pump_rate_mM_s, 2)}`],
      glut2: [r.glut2_flux_mM_s, `glucose ${fmt(r.glut2_flux_mM_s, 2, { sign: true })}`],
      leak: [r.na_leak_mM_s, `other Na⁺ entry ${fmt(r.na_leak_mM_s, 2, { sign: true })}`],
    };
    for (const [key, [a, b, ion]] of Object.entries(ARROWS)) {
      const [flux, label] = fluxes[key];
      const [s, e] = flux < 0 ? [b, a] : [a, b];
      // shaft width grows with the square root of the flux (capped at 3 mM/s), as in the PNG
      const w = (0.03 + 0.1 * Math.sqrt(Math.min(Math.abs(flux), 3))) * unit;
      ctx.globalAlpha = Math.abs(flux) > 1e-3 ? 1 : 0.15;
      ctx.fillStyle = ions[ion].color;
      arrow(ctx, [X(s[0]), Y(s[1])], [X(e[0]), Y(e[1])], w);
      ctx.globalAlpha = 1;
      const [lx, ly, align] = LABELS[key];
      ctx.fillStyle = theme.text;
      ctx.textAlign = align;
      ctx.textBaseline = "middle";
      ctx.font = `${px * 0.9}px ${theme.font}`;
      ctx.fillText(label, X(lx), Y(ly));
    }
    // transporters on the membranes, over the arrows that cross them
    ctx.font = `${px * 0.9}px ${theme.font}`;
    ctx.textBaseline = "top";
    for (const [x, y, label, lx, ly, align, above] of TRANSPORTERS) {
      ctx.fillStyle = withAlpha(theme.text, 0.12);
      ctx.strokeStyle = theme.text;
      ctx.lineWidth = 1.5 * dpr;
      ctx.fillRect(X(x - 0.2), Y(y + 0.75), X(0.4), Y(0) - Y(1.5));
      ctx.strokeRect(X(x - 0.2), Y(y + 0.75), X(0.4), Y(0) - Y(1.5));
      ctx.fillStyle = theme.text;
      ctx.textAlign = align;
      ctx.textBaseline = above ? "bottom" : "top";
      ctx.fillText(label, X(lx), Y(ly));
    }
    // the cell's readout, in a box in the middle of the cell
    const lines = [`[Na⁺] ${fmt(r.na_cell_mM, 0)} mM`, `[glucose] ${fmt(r.glucose_cell_mM, 1)} mM`,
      `apical Vm ${fmt(r.v_apical_mV, 0)} mV`];
    ctx.font = `${px}px ${theme.font}`;
    const bw = Math.max(...lines.map((t) => ctx.measureText(t).width)) + 12 * dpr;
    const lh = px * 1.3;
    const bh = lh * lines.length + 8 * dpr;
    const cx = X(5.0);
    const cy = Y(2.5);
    ctx.fillStyle = withAlpha(theme.text, 0.08);
    ctx.strokeStyle = theme.faint;
    ctx.lineWidth = dpr;
    ctx.fillRect(cx - bw / 2, cy - bh / 2, bw, bh);
    ctx.strokeRect(cx - bw / 2, cy - bh / 2, bw, bh);
    ctx.fillStyle = theme.text;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    lines.forEach((t, i) => ctx.fillText(t, cx, cy - bh / 2 + 4 * dpr + lh * (i + 0.5)));
  }

  const ro = typeof ResizeObserver === "undefined" ? null : new ResizeObserver((entries) => {
    const w = Math.floor(entries[entries.length - 1].contentRect.width);
    if (w > 0 && w !== width) { width = w; draw(); }
  });
  ro?.observe(container);
  return {
    update(r) { state = { r }; draw(); },
    destroy() { ro?.disconnect(); canvas.remove(); },
  };
}

// "#E69F00" -> "rgb(230, 159, 0)" (so withAlpha can make it translucent)
function hexRgb(hex) {
  if (!hex.startsWith("#")) return hex;
  const v = parseInt(hex.slice(1), 16);
  return `rgb(${(v >> 16) & 255}, ${(v >> 8) & 255}, ${v & 255})`;
}

function figure(figEl, spec, theme) {
  const ions = spec.style.ions;
  const dpr = window.devicePixelRatio || 1;
  const legend = document.createElement("div");
  legend.className = "nak-legend";
  legend.append(swatchKey("glucose", ions.glucose.color, false), swatchKey("Na⁺", ions.Na.color, false),
    swatchKey("K⁺", ions.K.color, false), swatchKey("cell glucose (hatched bar)", ions.glucose.color, true));
  const charts = document.createElement("div");
  charts.className = "nak-charts";
  const left = document.createElement("div");
  const right = document.createElement("div");
  left.className = right.className = "nak-chart";
  left.style.flexGrow = "2.3";
  left.style.flexBasis = "330px";
  right.style.flexBasis = "200px";
  charts.append(left, right);
  figEl.replaceChildren(legend, charts);
  const dia = diagram(left, spec, theme);

  let heights = [0, 0, 0];
  let top = 1;
  const names = ["lumen", "cell", "blood"];
  const bars = chart(right, {
    title: "Glucose in each compartment",
    scales: { x: { time: false, range: [-0.6, 2.6] }, y: { range: () => [0, top] } },
    axes: [axis(theme, { splits: () => [0, 1, 2], values: () => names, grid: { show: false } }),
      axis(theme, { label: "glucose (mM)", size: 45 })],
    series: hookSeries(),
    hooks: { draw: [(u) => {
      const ctx = u.ctx;
      ctx.save();
      textStyle(ctx, theme.font, 11, "center");
      const y0 = u.valToPos(0, "y", true);
      heights.forEach((h, i) => {
        const xa = u.valToPos(i - 0.38, "x", true);
        const xb = u.valToPos(i + 0.38, "x", true);
        const yh = u.valToPos(h, "y", true);
        ctx.fillStyle = ions.glucose.color;
        ctx.fillRect(xa, yh, xb - xa, y0 - yh);
        if (i === 1) { ctx.fillStyle = hatch(ctx, theme.text); ctx.fillRect(xa, yh, xb - xa, y0 - yh); }
        ctx.strokeStyle = theme.text;
        ctx.lineWidth = dpr;
        ctx.strokeRect(xa, yh, xb - xa, y0 - yh);
        ctx.fillStyle = theme.text;
        ctx.fillText(fmt(h, 1), (xa + xb) / 2, yh - 2 * dpr);
      });
      ctx.restore();
    }] },
  }, [[0, 2], [null, null]], 300);

  return {
    update(values, result) {
      dia.update(result);
      heights = [values.glucose_lumen, result.glucose_cell_mM, values.glucose_blood];
      top = niceTop(Math.max(...heights) * 1.2);
      bars.u.setData([[0, 2], [null, null]]);
    },
    destroy() { dia.destroy(); bars.destroy(); },
  };
}

function readout(spec, values, result) {
  const r = result;
  const gL = values.glucose_lumen;
  const gB = values.glucose_blood;
  const uphill = r.glucose_cell_mM > Math.max(gL, gB) ? "yes" : "no";
  const net = r.glucose_flux_mM_s >= 0 ? "absorbed (lumen → blood)" : "lost (blood → lumen)";
  const row = (k, v) => `<tr><td>${k}</td><td style="text-align:right">${v}</td></tr>`;
  const direction = r.glucose_flux_mM_s >= 0 ? "from lumen to blood" : "from blood back to lumen";
  const n = spec.params.sglt_n_na;
  const m = spec.params.pump_na_out;
  return {
    html: `<b>Steady state</b><table>${row(`glucose ${net}`, `${fmt(Math.abs(r.glucose_flux_mM_s), 3)} mM/s`)}`
      + row("pump cycles", `${fmt(r.pump_rate_mM_s, 3)} mM/s`) + row("cell [Na⁺]", `${fmt(r.na_cell_mM, 1)} mM`)
      + row("cell [glucose]", `${fmt(r.glucose_cell_mM, 2)} mM`)
      + row("apical V<sub>m</sub>", `${fmt(r.v_apical_mV, 1, { sign: true })} mV`)
      + row("cell glucose above both sides?", uphill) + "</table>"
      + `<span class="nak-muted">fluxes in mM/s of cell water, on a scale where SGLT1's maximum is 1 mM/s `
      + "(absolute transporter densities are not known well enough)</span>",
    text: "Schematic of an intestinal epithelial cell between lumen and blood. With pump activity "
      + `${fmt(100 * r.pump_fraction, 0)}% and apical potential ${fmt(r.v_apical_mV, 0)} mV, glucose crosses `
      + `${direction} at ${fmt(Math.abs(r.glucose_flux_mM_s), 2)} mM/s; Na+ enters apically by SGLT1 `
      + `(${fmt(n * r.sglt_flux_mM_s, 2)} mM/s) and other routes (${fmt(r.na_leak_mM_s, 2)} mM/s) and leaves by `
      + `the pump (${fmt(m * r.pump_rate_mM_s, 2)} mM/s); cell Na+ is ${fmt(r.na_cell_mM, 0)} mM and cell `
      + `glucose ${fmt(r.glucose_cell_mM, 1)} mM, against ${fmt(gL, 1)} mM in the lumen and ${fmt(gB, 1)} mM in the blood. `
      + "Right: bars of glucose in lumen, cell and blood.",
  };
}

export default {
  render({ model, el }) {
    return mount({ model, el }, { figure, readout });
  },
};
