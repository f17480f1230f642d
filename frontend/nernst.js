// Front end of the Nernst explorer (Python twin: nakmodel/widgets/live/nernst.py; static-book
// port: ports/nernst.js; matplotlib twin: nakmodel/plots/electrochem.py EquilibriumPotentialPlot).
// Left: outside (hatched) and inside (solid) concentration per ion. Right: each ion's Nernst
// potential on a membrane-potential axis, with the typical resting potential for reference.

import { mount } from "./core/app.js";
import { axis, chart, dash, hatch, hookSeries, lineKey, panels, subscripted, swatchKey, textStyle } from "./core/chart.js";
import { ceilTo, fmt, fmtg, niceTop } from "./core/format.js";
import { placeLabels } from "./core/labels.js";

// Least distance between two potential labels, CSS px (12 px text with its subscript).
const LABEL_GAP_PX = 17;

function concentrations(ions, values) {
  return ions.map((ion) => [values[`${ion.toLowerCase()}_out`], values[`${ion.toLowerCase()}_in`]]);
}

function figure(figEl, spec, theme) {
  const { ions, reference_rest_mV: rest } = spec.params;
  const style = spec.style.ions;
  const dpr = window.devicePixelRatio || 1;
  const [left, right] = panels(figEl, [swatchKey("outside (hatched)", theme.text, true), swatchKey("inside (solid)", theme.text, false),
    ...ions.map((ion) => lineKey(style[ion].label, style[ion].color, style[ion].dash))]);

  let conc = concentrations(ions, spec.controls.reduce((o, c) => ({ ...o, [c.name]: c.default }), {}));
  let E = ions.map(() => 0);
  let span = 130;
  const w = 0.38;

  const drawBars = (u) => {
    const ctx = u.ctx;
    ctx.save();
    textStyle(ctx, theme.font, 11, "center");
    const y0 = u.valToPos(0, "y", true);
    ions.forEach((ion, i) => {
      const color = style[ion].color;
      conc[i].forEach((c, side) => {
        const xa = u.valToPos(i + (side === 0 ? -w : 0), "x", true);
        const xb = u.valToPos(i + (side === 0 ? 0 : w), "x", true);
        const yc = u.valToPos(c, "y", true);
        ctx.fillStyle = side === 0 ? hatch(ctx, color) : color;
        ctx.fillRect(xa, yc, xb - xa, y0 - yc);
        ctx.strokeStyle = color;
        ctx.lineWidth = 1.5 * dpr;
        ctx.strokeRect(xa, yc, xb - xa, y0 - yc);
        ctx.fillStyle = theme.text;
        ctx.fillText(c >= 10 ? c.toFixed(0) : c.toFixed(1), (xa + xb) / 2, yc - 2 * dpr);
      });
    });
    ctx.restore();
  };
  const barChart = chart(left, {
    title: "Concentrations: outside (hatched) vs inside",
    scales: { x: { time: false, range: [-0.6, ions.length - 0.4] }, y: { range: (u, lo, hi) => [0, hi] } },
    axes: [
      axis(theme, { splits: () => ions.map((_, i) => i), values: () => ions.map((ion) => style[ion].label), grid: { show: false } }),
      axis(theme, { label: "concentration (mM)", size: 50 }),
    ],
    series: hookSeries(),
    hooks: { draw: [drawBars] },
  }, [[-0.6, ions.length - 0.4], [0, 100]]);

  const drawLabels = (u) => {
    const ctx = u.ctx;
    ctx.save();
    ctx.textBaseline = "middle";
    ctx.textAlign = "left";
    // labels at their lines, pushed apart where two potentials are close (E_K and E_Cl often are)
    const pad = 8 * dpr;
    const ys = placeLabels(E.map((e) => u.valToPos(e, "y", true)), LABEL_GAP_PX * dpr, u.bbox.top + pad,
      u.bbox.top + u.bbox.height - pad);
    ions.forEach((ion, i) => {
      ctx.fillStyle = style[ion].color;
      subscripted(ctx, "E", ion, ` = ${fmt(E[i], 1, { sign: true })} mV`, u.valToPos(0.58, "x", true),
        ys[i], 12 * dpr, theme.font);
    });
    ctx.fillStyle = theme.muted;
    ctx.font = `${11 * dpr}px ${theme.font}`;
    ctx.textBaseline = "top";
    ctx.fillText(`typical rest (${fmt(rest, 0)} mV)`, u.valToPos(0.02, "x", true), u.valToPos(rest, "y", true) + 3 * dpr);
    ctx.restore();
  };
  const xs = [0, 0.05, 0.55, 1];
  // the reference line stops where the labels begin, so no label is drawn across it
  const vData = () => [xs, xs.map(() => 0), [rest, rest, rest, null], ...E.map((e) => [null, e, e, null])];
  const vChart = chart(right, {
    title: "Equilibrium (Nernst) potentials",
    scales: { x: { time: false, range: [0, 1] }, y: { range: () => [-span, span] } },
    axes: [axis(theme, { show: false }), axis(theme, { label: "membrane potential, inside − outside (mV)", size: 50 })],
    series: [
      {},
      { stroke: theme.faint, width: 0.8, points: { show: false } },
      { stroke: theme.muted, width: 1.2, dash: dash([2, 3]), points: { show: false } },
      ...ions.map((ion) => ({ stroke: style[ion].color, width: 2.5, dash: dash(style[ion].dash), points: { show: false }, spanGaps: false })),
    ],
    hooks: { draw: [drawLabels] },
  }, vData());

  return {
    update(values, result) {
      conc = concentrations(ions, values);
      E = ions.map((ion) => result.E[ion]);
      span = ceilTo(Math.max(130, Math.max(...E.map(Math.abs)) + 25), 25);
      const top = niceTop(Math.max(...conc.flat()) * 1.18);
      barChart.u.setData([[-0.6, ions.length - 0.4], [0, top]]);
      vChart.u.setData(vData());
    },
    destroy() { barChart.destroy(); vChart.destroy(); },
  };
}

function readout(spec, values, result) {
  const { ions } = spec.params;
  const style = spec.style.ions;
  const conc = concentrations(ions, values);
  const rows = ions.map((ion, i) => `<tr><td>E<sub>${ion}</sub></td><td style="text-align:right">${fmt(result.E[ion], 1, { sign: true })} mV</td>`
    + `<td class="nak-muted">ratio out/in ${fmtg(conc[i][0] / conc[i][1], 3)}</td></tr>`).join("");
  const t = values.temperature_C;
  const parts = ions.map((ion, i) => `${style[ion].label}: ${fmt(conc[i][0], 0)} mM outside, ${fmt(conc[i][1], 0)} mM inside, `
    + `E${ion} ${fmt(result.E[ion], 1, { sign: true })} mV`);
  return {
    html: `<b>Equilibrium potentials</b><table>${rows}</table><span class="nak-muted">at ${fmt(t, 1)} °C</span>`,
    text: `Bar chart of ion concentrations and a voltage axis with equilibrium potentials at ${fmt(t, 1)} °C. ${parts.join("; ")}.`,
  };
}

export default {
  render({ model, el }) {
    return mount({ model, el }, { figure, readout });
  },
};
