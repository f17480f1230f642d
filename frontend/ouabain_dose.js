// Front end of the ouabain dose–response explorer (Python twin: nakmodel/widgets/live/ouabain.py
// OuabainDoseLive; static-book port: ports/ouabain_dose.js; matplotlib twin:
// nakmodel/plots/ouabain.py DoseResponsePlot).
// Left: pump activity left at equilibrium against ouabain concentration (log axis) for three α
// isoforms, a line and a dot per isoform at the chosen concentration. Right: activity left over
// two hours after ouabain is added, with the washout time marked.

import { mount } from "./core/app.js";
import { axis, chart, dash, lineKey, panels, rule } from "./core/chart.js";
import { fmt, fmtg } from "./core/format.js";

const CONC_TICKS = [1e-4, 1e-2, 1, 100, 1e4];

// A concentration given in µM in the unit that reads best (as nakmodel.plots.ouabain.concentration_text).
export function concentrationText(c) {
  if (c >= 1000) return `${fmtg(c / 1000, 3)} mM`;
  if (c >= 1) return `${fmtg(c, 3)} µM`;
  return `${fmtg(c * 1000, 3)} nM`;
}

// A time constant in s, min or h (as the PNG app's readout did).
export function timeText(s) {
  if (s < 60) return `${fmtg(s, 2)} s`;
  if (s < 3600) return `${fmtg(s / 60, 3)} min`;
  return `${fmtg(s / 3600, 3)} h`;
}

function figure(figEl, spec, theme) {
  const p = spec.params;
  const isos = p.isoforms;
  const st = p.styles;
  const dpr = window.devicePixelRatio || 1;
  // the human α1 line is black in the PNG: the page's text colour here (dark mode too)
  const color = (iso) => (st[iso].color === "#000000" ? theme.text : st[iso].color);
  const [left, right] = panels(figEl, isos.map((iso) => lineKey(st[iso].label, color(iso), st[iso].dash, 2)));

  let conc = 1;
  let fraction = Object.fromEntries(isos.map((i) => [i, 1]));
  let washout = 60;
  const lineSeries = (iso) => ({ stroke: color(iso), width: 2, dash: dash(st[iso].dash), points: { show: false } });

  const doseChart = chart(left, {
    title: "At equilibrium",
    scales: { x: { time: false, distr: 3, range: [CONC_TICKS[0], CONC_TICKS[CONC_TICKS.length - 1]] }, y: { range: [-3, 105] } },
    axes: [axis(theme, { label: "ouabain concentration (log scale)", splits: () => CONC_TICKS, values: () => CONC_TICKS.map(concentrationText) }),
      axis(theme, { label: "pump activity left (% of control)", size: 50 })],
    series: [{}, ...isos.map(lineSeries)],
    hooks: { draw: [(u) => {
      const ctx = u.ctx;
      ctx.save();
      rule(u, "y", 50, theme.faint, 1, [2, 3]);
      const x = rule(u, "x", conc, theme.text, 1.2);
      ctx.setLineDash([]); // solid rims (uPlot leaves the last series' dash on the context)
      for (const iso of isos) {
        ctx.beginPath();
        ctx.arc(x, u.valToPos(100 * fraction[iso], "y", true), 4.5 * dpr, 0, 2 * Math.PI);
        ctx.fillStyle = color(iso);
        ctx.fill();
        ctx.lineWidth = 1.2 * dpr;
        ctx.strokeStyle = "#fff"; // a white rim, as the PNG's markers
        ctx.stroke();
      }
      ctx.restore();
    }] },
  }, [p.curve.conc_uM, ...isos.map((iso) => p.curve[iso].map((f) => 100 * f))]);

  const timeChart = chart(right, {
    title: "Binding over time",
    scales: { x: { time: false, range: [0, p.window_min] }, y: { range: [-3, 108] } },
    axes: [axis(theme, { label: "time after ouabain is added (min)" }), axis(theme, { label: "pump activity left (% of control)", size: 50 })],
    series: [{}, ...isos.map(lineSeries)],
    hooks: { draw: [(u) => {
      const ctx = u.ctx;
      const x = rule(u, "x", washout, theme.muted, 1, [2, 3]);
      ctx.save();
      ctx.fillStyle = theme.muted;
      ctx.font = `${11 * dpr}px ${theme.font}`;
      ctx.textAlign = washout > 0.8 * p.window_min ? "right" : "left";
      ctx.textBaseline = "top";
      ctx.fillText("washout", x + (ctx.textAlign === "left" ? 4 : -4) * dpr, u.bbox.top + 3 * dpr);
      ctx.restore();
    }] },
  }, [[0, p.window_min], ...isos.map(() => [100, 100])]);

  return {
    update(values, result) {
      conc = values.conc_uM;
      washout = values.washout_min;
      fraction = result.fraction;
      doseChart.u.redraw(false, false);
      timeChart.u.setData([result.course.t_min, ...isos.map((iso) => result.course[iso].map((f) => 100 * f))]);
      const title = timeChart.u.root.querySelector(".u-title");
      if (title) title.textContent = `Binding over time at ${concentrationText(conc)}`;
    },
    destroy() { doseChart.destroy(); timeChart.destroy(); },
  };
}

function readout(spec, values, result) {
  const p = spec.params;
  const c = values.conc_uM;
  const rows = p.isoforms.map((iso) => `<tr><td>${p.styles[iso].label}</td><td style="text-align:right">${fmt(100 * result.fraction[iso], 1)} %</td>`
    + `<td class="nak-muted">${timeText(result.tau_s[iso])}</td></tr>`).join("");
  const parts = p.isoforms.map((iso) => `${p.styles[iso].label}: ${fmt(100 * result.fraction[iso], 1)} % left`).join("; ");
  return {
    html: `<b>Pump activity left at ${concentrationText(c)}</b><table><tr><td></td><td>at equilibrium</td><td>time constant</td></tr>${rows}</table>`,
    text: "Left: pump activity left versus ouabain concentration on a log axis for three isoforms, "
      + `with a line at ${concentrationText(c)} (${parts}). Right: activity over two hours after ouabain is added, `
      + `washed out at ${fmt(values.washout_min, 0)} min.`,
  };
}

export default {
  render({ model, el }) {
    return mount({ model, el }, { figure, readout });
  },
};
