// Front end of the cotransport explorer (Python twin: nakmodel/widgets/live/cotransport.py;
// static-book port: ports/cotransport.js; matplotlib twin: nakmodel/plots/secondary_transport.py
// CotransportPlot). Left: the largest glucose gradient SGLT1 and SGLT2 can build against Vm (log
// axis), dots at the chosen Vm. Right: net glucose influx against luminal glucose, the cell's own
// glucose marked by a dotted line whose label sits where no curve runs.

import { mount } from "./core/app.js";
import { axis, chart, dash, lineKey, panels, rule } from "./core/chart.js";
import { fmt, fmtg, niceTop, spreadLabels, superscript } from "./core/format.js";

const DOTTED = [2, 3];

// 12,345× or 0.123× (as the readout of the PNG app)
export function ratioText(r) {
  return r >= 100 ? `${Math.round(r).toLocaleString("en-US")}×` : `${fmtg(r, 3)}×`;
}

// Log-axis limits widened to whole powers of ten (nakmodel.plots.style.decade_limits).
export function decadeLimits(lo, hi) {
  return [10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(hi))];
}

// Middle of the widest stretch of [lo, hi] that no [a, b] in `occupied` covers
// (nakmodel.plots.secondary_transport.free_band): where the cell-glucose label goes.
export function freeBand(lo, hi, occupied) {
  const spans = occupied.map(([a, b]) => [Math.max(lo, Math.min(a, b)), Math.min(hi, Math.max(a, b))])
    .sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  let best = -1;
  let at = lo;
  let y = lo;
  for (const [a, b] of spans) {
    if (a - y > best) { best = a - y; at = (y + a) / 2; }
    y = Math.max(y, b);
  }
  if (hi - y > best) at = (y + hi) / 2;
  return at;
}

// Where the label goes beside its line (nakmodel.plots.secondary_transport.label_window).
export function labelWindow(x, xMax, widthFraction) {
  const width = widthFraction * xMax;
  const pad = 0.01 * xMax;
  if (x + pad + width <= xMax) return { x: x + pad, align: "left", window: [x, x + pad + width] };
  return { x: x - pad, align: "right", window: [x - pad - width, x] };
}

function decadeTicks(lo, hi) {
  const out = [];
  for (let k = Math.round(Math.log10(lo)); k <= Math.round(Math.log10(hi)); k++) out.push(10 ** k);
  // at most about six labelled ticks
  const every = Math.ceil(out.length / 5);
  return out.filter((_, i) => i % every === 0);
}

function tickLabel(v) {
  if (v == null) return "";
  const k = Math.round(Math.log10(v));
  if (k >= -1 && k <= 3) return String(Number(v.toPrecision(1)));
  return `10${superscript(k)}`;
}

function styles(spec, theme) {
  const g = spec.style.ions.glucose;
  // SGLT1 in the glucose colour, solid; SGLT2 in the text colour, dashed (colour is not the only cue)
  return { SGLT1: { color: g.color, dash: g.dash, width: 2.5 }, SGLT2: { color: theme.text, dash: [7, 4], width: 2 } };
}

function figure(figEl, spec, theme) {
  const p = spec.params;
  const names = p.transporters.map((t) => t.name);
  const st = styles(spec, theme);
  const glucose = spec.style.ions.glucose.color;
  const dpr = window.devicePixelRatio || 1;
  const [left, right] = panels(figEl, [...p.transporters.map((t) => lineKey(`${t.name} (${t.n_na} Na⁺ : 1 glucose)`, st[t.name].color, st[t.name].dash, st[t.name].width)),
    lineKey("your Vm", theme.text, DOTTED, 1.2), lineKey("glucose in the cell", glucose, DOTTED, 1.2)]);

  const vGrid = p.v_grid_mV;
  const gGrid = p.glucose_grid_mM;
  let v = 0;
  let ratio = {};
  let curves = {};
  let yLog = [0.1, 100];
  let yFlux = [-0.1, 1];
  let gIn = 0;
  let gLabelY = 0;
  let gLabel = { x: 0, align: "left" };

  const drawRatio = (u) => {
    const ctx = u.ctx;
    ctx.save();
    const top = u.bbox.top;
    const bottom = top + u.bbox.height;
    const xv = rule(u, "x", v, theme.text, 1, DOTTED); // the chosen Vm
    const y1 = rule(u, "y", 1, theme.faint); // no gradient: ratio 1
    // its label at the end of the axis where the curves run farther from 1
    ctx.font = `${10 * dpr}px ${theme.font}`;
    ctx.fillStyle = theme.muted;
    ctx.textBaseline = "bottom";
    const clearance = (i) => Math.min(...names.map((n) => Math.abs(Math.log10(curves[n][i]))));
    const atLeft = clearance(0) > clearance(vGrid.length - 1);
    ctx.textAlign = atLeft ? "left" : "right";
    ctx.fillText("no gradient", atLeft ? u.bbox.left + 3 * dpr : u.bbox.left + u.bbox.width - 3 * dpr, y1 - 2 * dpr);
    // dots and their values, spread apart in log space so they never sit on each other
    const logs = names.map((n) => Math.log10(ratio[n]));
    const spread = spreadLabels(logs, 0.07 * (Math.log10(yLog[1]) - Math.log10(yLog[0])));
    ctx.font = `${11 * dpr}px ${theme.font}`;
    ctx.textBaseline = "middle";
    const right = v > vGrid[vGrid.length - 1] - 0.3 * (vGrid[vGrid.length - 1] - vGrid[0]);
    ctx.textAlign = right ? "right" : "left";
    names.forEach((n, i) => {
      const y = u.valToPos(ratio[n], "y", true);
      ctx.fillStyle = st[n].color;
      ctx.beginPath(); ctx.arc(xv, y, 4.5 * dpr, 0, 2 * Math.PI); ctx.fill();
      const ly = u.valToPos(10 ** spread[i], "y", true);
      ctx.fillText(`${n} ${ratioText(ratio[n])}`, xv + (right ? -9 : 9) * dpr, Math.min(bottom - 6 * dpr, Math.max(top + 6 * dpr, ly)));
    });
    ctx.restore();
  };
  const ratioChart = chart(left, {
    title: "Thermodynamic limit (log scale)",
    scales: { x: { time: false, range: [vGrid[0], vGrid[vGrid.length - 1]] }, y: { distr: 3, range: () => yLog } },
    axes: [axis(theme, { label: "membrane potential Vm (mV)", values: (u, s) => s.map((x) => fmt(x, 0)) }),
      axis(theme, { label: "max. [glucose]ᵢ / [glucose]ₒ", size: 52, space: 12, splits: () => decadeTicks(...yLog), values: (u, s) => s.map(tickLabel) })],
    series: [{}, ...names.map((n) => ({ stroke: st[n].color, width: st[n].width, dash: dash(st[n].dash), points: { show: false } }))],
    hooks: { draw: [drawRatio] },
  }, [vGrid, ...names.map(() => vGrid.map(() => 1))], 320);

  const drawFlux = (u) => {
    const ctx = u.ctx;
    ctx.save();
    rule(u, "y", 0, theme.faint);
    rule(u, "x", gIn, glucose, 1, DOTTED);
    ctx.fillStyle = theme.text;
    ctx.font = `${10.5 * dpr}px ${theme.font}`;
    ctx.textAlign = gLabel.align;
    ctx.textBaseline = "middle";
    ctx.fillText(`cell glucose ${fmt(gIn, 1)} mM`, u.valToPos(gLabel.x, "x", true), u.valToPos(gLabelY, "y", true));
    ctx.restore();
  };
  const fluxChart = chart(right, {
    title: "Flux into the cell",
    scales: { x: { time: false, range: [0, gGrid[gGrid.length - 1]] }, y: { range: () => yFlux } },
    axes: [axis(theme, { label: "luminal glucose (mM)" }),
      axis(theme, { label: "net glucose influx (fraction of Jmax)", size: 50, values: (u, s) => s.map((x) => fmt(x, yFlux[1] - yFlux[0] > 5 ? 0 : 1)) })],
    series: [{}, ...names.map((n) => ({ stroke: st[n].color, width: st[n].width, dash: dash(st[n].dash), points: { show: false } }))],
    hooks: { draw: [drawFlux] },
  }, [gGrid, ...names.map(() => gGrid.map(() => 0))], 320);

  return {
    update(values, result) {
      v = values.v_mV;
      gIn = values.glucose_in;
      ratio = result.ratio;
      curves = result.curves;
      const all = names.flatMap((n) => result.curves[n]);
      yLog = decadeLimits(Math.min(0.1, Math.min(...all) / 3), Math.max(100, Math.max(...all) * 3));
      const flux = names.flatMap((n) => result.flux[n]);
      yFlux = [-niceTop(Math.max(0.1, -Math.min(...flux) * 1.15)), niceTop(Math.max(1, Math.max(...flux) * 1.1))];
      gLabel = labelWindow(gIn, gGrid[gGrid.length - 1], p.label_width_fraction);
      const inside = gGrid.map((g) => g >= gLabel.window[0] && g <= gLabel.window[1]);
      const occupied = inside.some(Boolean) ? names.map((n) => {
        const ys = result.flux[n].filter((_, i) => inside[i]);
        return [Math.min(...ys), Math.max(...ys)];
      }) : [];
      occupied.push([0, 0]);
      gLabelY = freeBand(yFlux[0], yFlux[1], occupied);
      ratioChart.u.setData([vGrid, ...names.map((n) => result.curves[n])]);
      fluxChart.u.setData([gGrid, ...names.map((n) => result.flux[n])]);
    },
    destroy() { ratioChart.destroy(); fluxChart.destroy(); },
  };
}

function readout(spec, values, result) {
  const p = spec.params;
  const ref = p.reference_glucose_mM;
  const mode = values.v_mV < result.e_ncx ? "forward: Ca²⁺ out" : "reverse: Ca²⁺ in";
  const rows = p.transporters.map((t) => `<tr><td>${t.name} (${t.n_na} Na⁺)</td><td style="text-align:right">${ratioText(result.ratio[t.name])}</td>`
    + `<td style="text-align:right">${fmt(result.flux_ref[t.name], 2, { sign: true })}</td></tr>`).join("");
  const caNM = fmt(p.ca_in_mM * 1e6, 0);
  return {
    html: `<b>At these settings</b><table><tr><th></th><th style="padding:0 0.8em">max. [G]ᵢ/[G]ₒ</th><th>influx at ${fmt(ref, 0)} mM</th></tr>${rows}</table>`
      + `E<sub>Na</sub> = ${fmt(result.e_na, 0, { sign: true })} mV<br>`
      + `NCX (${p.ncx_na_per_ca} Na⁺ : 1 Ca²⁺): E<sub>NCX</sub> = ${fmt(result.e_ncx, 0, { sign: true })} mV → ${mode}<br>`
      + `<span class="nak-muted">influx as a fraction of J<sub>max</sub>; Ca²⁺ ${fmtg(p.ca_out_mM, 3)} mM out, ${caNM} nM in</span>`,
    text: "Two panels. Left: log-scale maximal glucose accumulation ratio against membrane potential "
      + `for SGLT1 and SGLT2, marked at ${fmt(values.v_mV, 0)} mV. Right: net glucose influx against luminal glucose, `
      + `with the cell's glucose of ${fmt(values.glucose_in, 1)} mM marked. `
      + p.transporters.map((t) => `${t.name}: maximal accumulation ${fmtg(result.ratio[t.name], 3)}-fold, influx at ${fmt(ref, 0)} mM `
        + `luminal glucose ${fmt(result.flux_ref[t.name], 2)} of its maximum`).join("; ") + ".",
  };
}

export default {
  render({ model, el }) {
    return mount({ model, el }, { figure, readout });
  },
};
