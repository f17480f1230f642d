// Front end of the run-down explorer "after the pump stops" (Python twin:
// nakmodel/widgets/live/ouabain.py PumpBlockLive; static-book engine: ports/pump_block.js, which
// reads the build-time grid; matplotlib twin: nakmodel/plots/ouabain.py RundownPlot).
// Four panels over time: Vm with E_K (times when a test pulse fails shaded), the inside
// concentrations, the cell volume and the pump's turnover; the restart (washout or oxygen back)
// marked on each.

import { mount } from "./core/app.js";
import { axis, chart, dash, lineKey, panels, rule, shadeX, swatchKey } from "./core/chart.js";
import { ceilTo, floorTo, fmt, fmtg } from "./core/format.js";
import { concentrationText } from "./ouabain_dose.js";
import { failSpans } from "./ports/pump_block.js";

// Index of the last output time at or before `dur` (min).
function lastIndex(t, dur) {
  let end = 0;
  while (end + 1 < t.length && t[end + 1] <= dur + 1e-9) end++;
  return end;
}

function firingText(result, dur) {
  const { fail_min: fail, recover_min: rec } = result;
  if (fail == null || fail > dur) return "still fires at the end of the window";
  let s = `stops firing at ${fmt(fail, 0)} min`;
  if (rec != null && rec <= dur) s += `, fires again at ${fmt(rec, 0)} min`;
  return s;
}

function whatText(values, result) {
  return values.cause === "ouabain" ? `${concentrationText(result.conc_uM)} ouabain on ${values.isoform}`
    : "anoxia: ATP falls, ADP and Pi rise";
}

function figure(figEl, spec, theme) {
  const p = spec.params;
  const style = spec.style.ions;
  const dpr = window.devicePixelRatio || 1;
  const boxes = panels(figEl, [lineKey("Vm", theme.text, [], 2), lineKey("EK", style.K.color, style.K.dash, 1.4),
    swatchKey("test pulse fails", theme.grid, false),
    ...["Na", "K", "Cl"].map((ion) => lineKey(`[${style[ion].label}]i`, style[ion].color, style[ion].dash, 2)),
    lineKey("restart (washout / oxygen back)", theme.muted, [2, 3], 1.2)], 4);

  let spans = [];
  let restart = null;
  let restartLabel = "";
  let dur = p.max_duration_min;
  let ranges = { v: [-100, -40], w: [0.95, 1.1], a: [-3, 105] };
  const restartHook = (label) => (u) => {
    if (restart == null || restart >= dur) return;
    const ctx = u.ctx;
    const x = rule(u, "x", restart, theme.muted, 1, [2, 3]);
    if (label) {
      ctx.save();
      ctx.fillStyle = theme.muted;
      ctx.font = `${10.5 * dpr}px ${theme.font}`;
      ctx.translate(x - 4 * dpr, u.bbox.top + u.bbox.height / 2);
      ctx.rotate(-Math.PI / 2);
      ctx.textAlign = "center";
      ctx.textBaseline = "bottom";
      ctx.fillText(restartLabel, 0, 0);
      ctx.restore();
    }
  };
  const shade = (u) => {
    for (const [a, b] of spans) shadeX(u, Math.min(a, dur), Math.min(b, dur), theme.grid);
  };
  const xScale = { time: false, range: () => [0, dur] };
  const timeAxis = (label) => axis(theme, { label, values: (u, s) => s.map((v) => fmt(v, 0)) });
  const yAxis = (label, decimals = 0) => axis(theme, { label, size: 52, values: (u, s) => s.map((v) => fmt(v, decimals)) });
  const line = (color, width = 2, pattern = []) => ({ stroke: color, width, dash: dash(pattern), points: { show: false } });
  const empty = [[0, dur], [null, null]];

  const vChart = chart(boxes[0], {
    title: "Membrane potential", scales: { x: xScale, y: { range: () => ranges.v } },
    axes: [timeAxis(""), yAxis("membrane potential (mV)")],
    series: [{}, line(theme.text, 2), line(style.K.color, 1.2, style.K.dash)],
    hooks: { drawAxes: [shade], draw: [restartHook(false)] },
  }, [[0, dur], [null, null], [null, null]], 240);
  const cChart = chart(boxes[1], {
    title: "Concentrations inside", scales: { x: xScale, y: { range: [0, 160] } },
    axes: [timeAxis(""), yAxis("inside concentration (mM)")],
    series: [{}, ...["Na", "K", "Cl"].map((ion) => line(style[ion].color, 2, style[ion].dash))],
    hooks: { draw: [restartHook(false)] },
  }, [[0, dur], [null, null], [null, null], [null, null]], 240);
  const wChart = chart(boxes[2], {
    title: "Volume (water follows the ions)", scales: { x: xScale, y: { range: () => ranges.w } },
    axes: [timeAxis("time (min)"), yAxis("cell volume (× control)", 2)],
    series: [{}, line(theme.muted, 2)],
    hooks: { draw: [restartHook(false)] },
  }, empty, 240);
  const pChart = chart(boxes[3], {
    title: "Pump activity", scales: { x: xScale, y: { range: () => ranges.a } },
    axes: [timeAxis("time (min)"), yAxis("pump turnover (% of rest)")],
    series: [{}, line(style.pump.color, 2)],
    hooks: { draw: [restartHook(true)] },
  }, empty, 240);
  const all = [vChart, cChart, wChart, pChart];

  return {
    update(values, result) {
      dur = values.duration_min;
      restart = result.restart_min;
      restartLabel = values.cause === "ouabain" ? "washout" : "oxygen back";
      const end = lastIndex(result.t_min, dur);
      const cut = (a) => a.slice(0, end + 1);
      const t = cut(result.t_min);
      spans = failSpans(result.t_min, result.fires, result.fail_min, result.recover_min);
      const v = cut(result.v_mV);
      const ek = cut(result.e_k_mV);
      const w = cut(result.volume_rel);
      const a = cut(result.activity).map((x) => 100 * x);
      const lo = Math.min(...v, ...ek);
      ranges = {
        v: [floorTo(lo - 5, 10), Math.max(-40, ceilTo(Math.max(...v) + 8, 10))],
        w: [Math.min(0.95, floorTo(Math.min(...w) - 0.02, 0.05)), Math.max(1.1, ceilTo(Math.max(...w) + 0.05, 0.1))],
        a: [Math.min(-3, floorTo(Math.min(...a) - 3, 10)), Math.max(105, ceilTo(Math.max(...a) + 5, 50))],
      };
      vChart.u.setData([t, v, ek]);
      cChart.u.setData([t, cut(result.na_in), cut(result.k_in), cut(result.cl_in)]);
      wChart.u.setData([t, w]);
      pChart.u.setData([t, a]);
      const title = pChart.u.root.querySelector(".u-title");
      if (title) title.textContent = `Pump activity (${values.cause === "ouabain" ? "ouabain" : "ATP falls"})`;
    },
    destroy() { all.forEach((c) => c.destroy()); },
  };
}

function readout(spec, values, result) {
  const dur = values.duration_min;
  const t = result.t_min;
  const end = lastIndex(t, dur);
  const i20 = t.findIndex((x) => x * 60 >= 20);
  const v = result.v_mV;
  const na = result.na_in;
  const k = result.k_in;
  const vol = result.volume_rel[end] / result.volume_rel[0];
  const firing = firingText(result, dur);
  const what = whatText(values, result);
  const row = (a, b) => `<tr><td>${a}</td><td>${b}</td></tr>`;
  let rows = row("V<sub>m</sub>", `${fmt(v[0], 1)} → ${fmt(v[i20], 1)} (20 s) → ${fmt(v[end], 1)} mV`)
    + row("[Na⁺]<sub>i</sub>", `${fmt(na[0], 0)} → ${fmt(na[end], 0)} mM`)
    + row("[K⁺]<sub>i</sub>", `${fmt(k[0], 0)} → ${fmt(k[end], 0)} mM`)
    + row("volume", `× ${fmt(vol, 2)}`)
    + row("pump turnover", `${fmt(100 * result.activity[end], 0)} % of rest at ${fmt(t[end], 0)} min`);
  if (result.atp_mM) rows += row("ATP, ΔG<sub>ATP</sub>", `${fmtg(result.atp_mM[end], 2)} mM, ${fmt(result.dg_atp_kJ_per_mol[end], 0)} kJ/mol`);
  rows += row("test pulse", firing);
  const where = `cell ${fmt(result.diameter_um, 0)} µm` + (result.restart_min == null ? "" : `, pump restarts at ${fmt(result.restart_min, 0)} min`);
  return {
    html: `<b>${what}</b><br><span class="nak-muted">${where}</span><table>${rows}</table>`,
    text: `Four panels over ${fmt(dur, 0)} minutes after ${what}. Membrane potential goes from ${fmt(v[0], 0)} to ${fmt(v[end], 0)} mV; `
      + `inside Na+ from ${fmt(na[0], 0)} to ${fmt(na[end], 0)} mM; inside K+ from ${fmt(k[0], 0)} to ${fmt(k[end], 0)} mM; `
      + `volume ${fmt(vol, 2)} times control; pump turnover ${fmt(100 * result.activity[end], 0)} % of rest. The neuron ${firing}.`,
  };
}

// The page says that the sliders snap, and to what.
function note(spec) {
  const p = spec.params;
  const restarts = p.grid_restart_min.filter((r) => r < p.max_duration_min).map((r) => fmt(r, 0));
  return "Each setting of this cell takes a fraction of a second to simulate, so the runs were computed in advance "
    + `and the sliders step on those settings: ouabain ${p.grid_conc_uM.map(concentrationText).join(", ")}; `
    + `cell diameter ${p.grid_diameter_um.map((d) => fmt(d, 0)).join(", ")} µm; pump restart at ${restarts.join(", ")} min, `
    + `or never (${fmt(p.max_duration_min, 0)}).`;
}

// In anoxia there is no ouabain: its concentration and the isoform do not apply.
export function disabled(values) {
  return values.cause === "ouabain" ? [] : ["conc_uM", "isoform"];
}

export default {
  render({ model, el }) {
    return mount({ model, el }, { figure, readout, note, disabled });
  },
};
