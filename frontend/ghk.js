// Front end of the GHK explorer (Python twin: nakmodel/widgets/live/ghk.py; static-book port:
// ports/ghk.js; matplotlib twin: nakmodel/plots/resting_potential.py GHKPlot).
// Left: Vm from the GHK equation as P_Na/P_K is swept (log axis), E_Na and E_K as lines, a marker
// at the chosen ratio. Right: E_Na, E_K, E_Cl and Vm (thick) on the same voltage axis.

import { mount } from "./core/app.js";
import { axis, chart, dash, decades, lineKey, panels, shadeX, subscripted, svgKey, withPoint } from "./core/chart.js";
import { ceilTo, fmt, fmtg } from "./core/format.js";
import { placeLabels } from "./core/labels.js";

const LADDER_X = [0, 0.02, 0.05, 0.45, 0.48, 1];

function figure(figEl, spec, theme) {
  const { ions, sweep_min: lo, sweep_max: hi } = spec.params;
  const style = spec.style.ions;
  const vmColor = theme.text; // the book's Vm is black on white: the page's text colour in any theme
  const dpr = window.devicePixelRatio || 1;
  const marker = svgKey("your setting", `<svg width="14" height="14" aria-hidden="true"><circle cx="7" cy="7" r="5" fill="none" stroke="${vmColor}" stroke-width="2.2"/></svg>`);
  const [left, right] = panels(figEl, [lineKey("Vm (GHK)", vmColor, [], 3), ...["Na", "K", "Cl"].map((ion) => lineKey(`E${ion} (${style[ion].label} alone)`, style[ion].color, style[ion].dash, 2)), marker]);
  left.style.flexGrow = "1.5";

  let span = 110;
  let E = { Na: 0, K: 0, Cl: 0 };
  let vm = 0;
  const yRange = () => [-span, span];
  const drawBand = (u) => {
    const [a, b] = spec.params.typical_pna_pk;
    const ctx = u.ctx;
    const [xa, xb] = shadeX(u, a, b, theme.grid);
    ctx.save();
    ctx.fillStyle = theme.muted;
    ctx.font = `${10 * dpr}px ${theme.font}`;
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.fillText("typical", (xa + xb) / 2, u.bbox.top + 3 * dpr);
    ctx.fillText("range", (xa + xb) / 2, u.bbox.top + 15 * dpr);
    ctx.restore();
  };
  const sweepChart = chart(left, {
    title: "GHK: how much Na⁺ leak pulls Vm off EK",
    scales: { x: { time: false, distr: 3, range: [lo, hi] }, y: { range: yRange } },
    axes: [axis(theme, { label: "permeability ratio PNa/PK", splits: () => decades(lo, hi), values: (u, splits) => splits.map((v) => (v == null ? "" : String(Number(v.toPrecision(1))))) }),
      axis(theme, { label: "membrane potential, inside − outside (mV)", size: 50, values: (u, s) => s.map((v) => fmt(v, 0)) })],
    series: [{},
      { stroke: vmColor, width: 2.4, points: { show: false } },
      { stroke: style.Na.color, width: 1.4, dash: dash(style.Na.dash), points: { show: false } },
      { stroke: style.K.color, width: 1.4, dash: dash(style.K.dash), points: { show: false } },
      { stroke: vmColor, width: 2.2, fill: "transparent", paths: () => null, points: { show: true, size: 12, width: 2.2, stroke: vmColor, fill: "transparent" } }],
    hooks: { drawAxes: [drawBand] },
  }, [[lo, hi], [0, 0], [0, 0], [0, 0], [null, null]], 340);

  const drawLadderLabels = (u) => {
    const ctx = u.ctx;
    ctx.save();
    ctx.textBaseline = "middle";
    ctx.textAlign = "left";
    const pad = 8 * dpr;
    const ys = placeLabels([...ions.map((i) => E[i]), vm].map((v) => u.valToPos(v, "y", true)), 16 * dpr,
      u.bbox.top + pad, u.bbox.top + u.bbox.height - pad);
    const x = u.valToPos(0.5, "x", true);
    ions.forEach((ion, i) => {
      ctx.fillStyle = style[ion].color;
      subscripted(ctx, "E", ion, ` ${fmt(E[ion], 1, { sign: true })} mV`, x, ys[i], 11.5 * dpr, theme.font);
    });
    ctx.fillStyle = vmColor;
    subscripted(ctx, "V", "m", ` ${fmt(vm, 1, { sign: true })} mV`, x, ys[ions.length], 11.5 * dpr, theme.font, "bold");
    ctx.restore();
  };
  const ladderData = () => [LADDER_X, LADDER_X.map(() => 0), [null, vm, vm, vm, vm, null],
    ...ions.map((ion) => [null, null, E[ion], E[ion], null, null])];
  const ladder = chart(right, {
    title: "Same axis: Vm among E's",
    scales: { x: { time: false, range: [0, 1] }, y: { range: yRange } },
    // an empty x axis as tall as the left chart's, so both voltage axes line up
    axes: [axis(theme, { label: " ", splits: () => [], ticks: { show: false }, grid: { show: false } }), axis(theme, { size: 45, values: (u, s) => s.map((v) => fmt(v, 0)) })],
    series: [{}, { stroke: theme.faint, width: 0.8, points: { show: false } },
      { stroke: vmColor, width: 5, points: { show: false }, spanGaps: false },
      ...ions.map((ion) => ({ stroke: style[ion].color, width: 2.2, dash: dash(style[ion].dash), points: { show: false }, spanGaps: false }))],
    hooks: { draw: [drawLadderLabels] },
  }, ladderData(), 340);

  return {
    update(values, result) {
      E = result.E;
      vm = result.vm;
      const all = [...ions.map((i) => E[i]), vm, ...result.sweep.vm].map(Math.abs);
      span = ceilTo(Math.max(110, Math.max(...all) + 20), 25);
      // the marker sits on its own x: the chosen ratio goes into the curve's x values
      const [xs, curve, marker] = withPoint(result.sweep.ratio, result.sweep.vm, values.pna_pk, vm);
      sweepChart.u.setData([xs, curve, xs.map(() => E.Na), xs.map(() => E.K), marker]);
      ladder.u.setData(ladderData());
    },
    destroy() { sweepChart.destroy(); ladder.destroy(); },
  };
}

function readout(spec, values, result) {
  const { ions, temperature_C: t } = spec.params;
  const { E, vm } = result;
  const frac = (vm - E.K) / (E.Na - E.K);
  const rows = ions.map((ion) => `<tr><td>E<sub>${ion}</sub></td><td style="text-align:right">${fmt(E[ion], 1, { sign: true })} mV</td></tr>`).join("");
  return {
    html: `<b>Resting potential (GHK)</b><table><tr><td><b>V<sub>m</sub></b></td><td style="text-align:right"><b>${fmt(vm, 1, { sign: true })} mV</b></td></tr>${rows}</table>`
      + `<span class="nak-muted">V<sub>m</sub> − E<sub>K</sub> = ${fmt(vm - E.K, 1, { sign: true })} mV (${fmt(100 * frac, 0)} % of the way from E<sub>K</sub> to E<sub>Na</sub>) at ${fmt(t, 0)} °C</span>`,
    text: `Left: the GHK membrane potential as the Na+/K+ permeability ratio rises from ${fmtg(spec.params.sweep_min, 3)} to ${fmtg(spec.params.sweep_max, 3)}, `
      + `climbing from near E_K towards E_Na; the chosen ratio P_Na/P_K = ${fmtg(values.pna_pk, 3)} (P_Cl/P_K = ${fmtg(values.pcl_pk, 3)}) is marked at Vm = ${fmt(vm, 1, { sign: true })} mV. `
      + `Right: a voltage axis with ${ions.map((i) => `E_${i} = ${fmt(E[i], 1, { sign: true })} mV`).join(", ")} and Vm as a thick line.`,
  };
}

export default {
  render({ model, el }) {
    return mount({ model, el }, { figure, readout });
  },
};
