// Front end of the energy calculator (Python twin: nakmodel/widgets/live/energy.py; static-book
// port: ports/energy.js; matplotlib twin: nakmodel/plots/energy_bill.py EnergyBudgetPlot).
// Left: ATP per second used by one cell against firing rate, a marker at the chosen rate.
// Right: shares of the brain's ATP by category, the part paid by the Na+/K+ pump solid over a
// hatched total.

import { mount } from "./core/app.js";
import { axis, chart, dash, hatch, hookSeries, lineKey, panels, swatchKey, textStyle, withPoint } from "./core/chart.js";
import { ceilTo, fmt, niceTop } from "./core/format.js";

const SUP = { "-": "⁻", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };

// 4.11 × 10⁸ (as the retired PNG energy app wrote its readout)
export function sci(x) {
  if (x === 0 || !Number.isFinite(x)) return String(x);
  const e = Math.floor(Math.log10(Math.abs(x)));
  return `${(x / 10 ** e).toFixed(2)} × 10${String(e).split("").map((c) => SUP[c]).join("")}`;
}

function figure(figEl, spec, theme) {
  const p = spec.params;
  const style = spec.style.ions;
  const cats = Object.keys(p.categories);
  const dpr = window.devicePixelRatio || 1;
  const [left, right] = panels(figEl, [lineKey("ATP to pump out spike Na⁺", style.ATP.color, style.Na.dash),
    swatchKey("share of total ATP", theme.text, true), swatchKey("of which Na⁺/K⁺ pump", style.pump.color, false)]);
  right.style.flexGrow = "1.2";

  let rate = 0;
  let now = 0;
  let budget = null;
  const grid = p.rate_grid_hz;
  const cell = chart(left, {
    title: "One cell: spikes only",
    scales: { x: { time: false, range: [0, grid[grid.length - 1]] }, y: { range: (u, lo, hi) => [0, niceTop(hi * 1.15)] } },
    axes: [axis(theme, { label: "mean firing rate (Hz)" }), axis(theme, { label: "ATP per second per cell (10⁹ s⁻¹)", size: 50 })],
    series: [{}, { stroke: style.ATP.color, width: 2.5, dash: dash(style.Na.dash), points: { show: false } },
      { stroke: theme.text, paths: () => null, points: { show: true, size: 9, fill: theme.text, stroke: theme.text } }],
    hooks: { draw: [(u) => {
      const ctx = u.ctx;
      ctx.save();
      ctx.fillStyle = theme.text;
      ctx.font = `${11 * dpr}px ${theme.font}`;
      ctx.textAlign = "left";
      ctx.textBaseline = "bottom";
      ctx.fillText(`${Number((now / 1e9).toPrecision(2))} × 10⁹/s`, u.valToPos(rate, "x", true) + 8 * dpr, u.valToPos(now / 1e9, "y", true) - 2 * dpr);
      ctx.restore();
    }] },
  }, [grid, grid.map(() => 0), grid.map(() => null)]);

  // the category axis is as wide as its longest label (fonts differ between the book and Voilà)
  const labelWidth = (u, labels) => {
    if (!labels) return 50;
    u.ctx.font = `${11 * dpr}px ${theme.font}`;
    return Math.ceil(Math.max(...labels.map((t) => u.ctx.measureText(String(t)).width)) / dpr) + 16;
  };
  let xmax = 60;
  const bars = chart(right, {
    title: " ",
    scales: { x: { time: false, range: () => [0, xmax] }, y: { range: [-0.6, cats.length - 0.4] } },
    axes: [axis(theme, { label: "share of brain ATP use (%)" }),
      axis(theme, { size: labelWidth, splits: () => cats.map((_, i) => i), values: () => cats.map((c) => p.categories[c]).reverse().map((s, i, a) => a[i]), grid: { show: false }, font: `11px ${theme.font}` })],
    series: hookSeries(),
    hooks: { draw: [(u) => {
      if (!budget) return;
      const ctx = u.ctx;
      ctx.save();
      textStyle(ctx, theme.font, 10.5, "left", "middle");
      const x0 = u.valToPos(0, "x", true);
      cats.forEach((c, i) => {
        const y = cats.length - 1 - i; // first category on top
        const share = 100 * budget.total_shares[c];
        const pump = share * (p.pump_share_of_category[c] ?? 0);
        const yc = u.valToPos(y, "y", true);
        const h = Math.abs(u.valToPos(0.4, "y", true) - u.valToPos(0, "y", true)) * 2;
        const xs = u.valToPos(share, "x", true);
        ctx.fillStyle = hatch(ctx, theme.muted);
        ctx.fillRect(x0, yc - h / 2, xs - x0, h);
        ctx.strokeStyle = theme.muted;
        ctx.lineWidth = dpr;
        ctx.strokeRect(x0, yc - h / 2, xs - x0, h);
        ctx.fillStyle = style.pump.color;
        ctx.fillRect(x0, yc - h / 4, u.valToPos(pump, "x", true) - x0, h / 2);
        ctx.fillStyle = theme.text;
        ctx.fillText(`${share.toFixed(0)}%`, xs + 4 * dpr, yc);
      });
      ctx.restore();
    }] },
  }, [[0, 100], [null, null]]);
  // the y axis lists categories top to bottom
  bars.u.axes[1].values = () => cats.map((_, i) => p.categories[cats[cats.length - 1 - i]]);

  return {
    update(values, result) {
      rate = values.rate_hz;
      now = result.atp_per_s;
      budget = result.budget;
      cell.u.setData(withPoint(grid, result.curve_atp_per_s.map((v) => v / 1e9), rate, now / 1e9));
      const hi = Math.max(...cats.map((c) => 100 * budget.total_shares[c]));
      xmax = Math.max(60, ceilTo(hi * 1.2, 20));
      const src = values.budget_source.split(" (")[0];
      bars.u.setData([[0, xmax], [null, null]]);
      const title = bars.u.root.querySelector(".u-title");
      if (title) title.textContent = `Brain budget at ${fmt(rate, 0)} Hz (${src}): pump ≈ ${fmt(100 * budget.pump_share_of_total, 0)}% of all ATP`;
    },
    destroy() { cell.destroy(); bars.destroy(); },
  };
}

function readout(spec, values, result) {
  const p = spec.params;
  const b = result.budget;
  const row = (k, v) => `<tr><td>${k}</td><td style="text-align:right">${v}</td></tr>`;
  const shares = Object.keys(p.categories).map((c) => `${p.categories[c]} ${fmt(100 * b.total_shares[c], 0)}%`).join(", ");
  return {
    html: `<b>One cell</b><table>${row("Na⁺ per spike", `${fmt(result.na_entry_pmol_cm2, 2)} pmol/cm²`)}`
      + row("membrane area", `${Math.round(result.area_cm2 * 1e8).toLocaleString("en-US")} µm²`)
      + row("ATP per spike", sci(result.atp_per_spike)) + row("ATP per second", sci(result.atp_per_s))
      + row("glucose per second (oxidised)", sci(result.glucose_per_s)) + "</table><b>Brain budget</b><table>"
      + row("pump share of signalling ATP", `${fmt(100 * b.pump_share_of_signalling, 0)}%`)
      + row("pump share of all ATP", `${fmt(100 * b.pump_share_of_total, 0)}%`)
      + row("action potentials, share of all ATP", `${fmt(100 * b.total_shares.action_potentials, 0)}%`) + "</table>"
      + `<span class="nak-muted">pump shares assume all Na⁺ entry is pumped out by the Na⁺/K⁺-ATPase; housekeeping pump use not counted</span>`,
    text: `Left: a straight line of ATP use per cell against firing rate; at ${fmt(values.rate_hz, 1)} Hz one cell uses `
      + `${Number(result.atp_per_s.toPrecision(3))} ATP per second for its spikes. Right: bar chart of brain ATP use: ${shares}; `
      + `the Na+/K+ pump pays about ${fmt(100 * b.pump_share_of_total, 0)}% of the total.`,
  };
}

export default {
  render({ model, el }) {
    return mount({ model, el }, { figure, readout });
  },
};
