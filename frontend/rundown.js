// Front end of the run-down explorer (Python twin: nakmodel/widgets/action_potentials.py
// RundownExplorer; static-book port: ports/rundown.js; matplotlib twin:
// nakmodel/plots/action_potentials.py RundownPlot). Left: internal Na⁺ against spike number (log
// axis, 1 to 10⁷) in a long train, right: E_Na; the chosen case bold, the pump-stopped train
// dashed grey, the criterion (E_Na 10 mV below rest) dotted, a marker where it is reached.

import { mount } from "./core/app.js";
import { axis, chart, dash, decades, lineKey, panels, rule, subscripted } from "./core/chart.js";
import { fmt, fmtg, superscript } from "./core/format.js";

// "22,464" (whole numbers with thousands separators, as Python's f"{n:,.0f}")
export function grouped(n) {
  return Math.round(n).toLocaleString("en-US");
}

// Time for n spikes at rate: s below 2 min, min below 2 h, else h (as RundownPlot)
export function duration(n, rateHz) {
  const secs = n / rateHz;
  if (secs < 120) return `${fmtg(secs, 3)} s`;
  return secs < 7200 ? `${fmtg(secs / 60, 3)} min` : `${fmtg(secs / 3600, 3)} h`;
}

// tick labels 1, 10, 10², ... (uPlot hides crowded ones by passing null)
const power = (v) => (v == null ? "" : v === 1 ? "1" : v === 10 ? "10" : `10${superscript(Math.round(Math.log10(v)))}`);

function figure(figEl, spec, theme, actions) {
  const p = spec.params;
  const na = spec.style.ions.Na;
  const dpr = window.devicePixelRatio || 1;
  const xmax = p.max_spikes_shown;

  const presets = document.createElement("div");
  presets.className = "nak-player";
  for (const [key, d] of Object.entries(p.presets_um)) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = `${key} axon ${fmtg(d, 3)} µm`;
    b.title = `Set the axon diameter to ${fmtg(d, 3)} µm`;
    b.addEventListener("click", () => actions.setValue("diameter_um", d));
    presets.append(b);
  }
  figEl.before(presets);

  const [left, right] = panels(figEl, [lineKey("this case", na.color, na.dash, 2.5), lineKey("pump stopped", theme.muted, [7, 4], 1.4),
    lineKey(`criterion: ENa ${fmt(p.e_na_drop_mV, 0)} mV below rest`, theme.text, [2, 3], 1.2)]);

  let r = null;
  let v = null;
  let cs = null;
  let naCrit = 0;
  let eCrit = 0;
  const xAxis = () => axis(theme, { label: "spike number (log scale)", splits: () => decades(1, xmax), values: (u, s) => s.map(power) });
  const series = () => [{},
    { stroke: theme.muted, width: 1.4, dash: dash([7, 4]), points: { show: false } },
    { stroke: na.color, width: 2.5, dash: dash(na.dash), points: { show: false } }];
  const hline = (u, y) => rule(u, "y", y, theme.text, 1, [2, 3]);
  const crossing = () => (r && r.status === "reached" && r.spikes_to_criterion >= 1 && r.spikes_to_criterion <= Math.min(r.spike_number[r.spike_number.length - 1], xmax) ? r.spikes_to_criterion : null);
  const naChart = chart(left, {
    title: "Internal Na⁺",
    scales: { x: { time: false, distr: 3, range: [1, xmax] }, y: { range: () => cs?.na_range_mM ?? [0, 1] } },
    axes: [xAxis(), axis(theme, { label: "[Na⁺] inside (mM)", size: 50 })],
    series: series(),
    hooks: { draw: [(u) => {
      if (!r) return;
      const py = hline(u, naCrit);
      const ctx = u.ctx;
      ctx.save();
      ctx.fillStyle = theme.text;
      ctx.textAlign = "left";
      ctx.textBaseline = "bottom";
      subscripted(ctx, "E", "Na", ` ${fmt(p.e_na_drop_mV, 0)} mV below rest value`, u.bbox.left + 4 * dpr, py - 4 * dpr, 10.5 * dpr, theme.font);
      ctx.restore();
    }] },
  }, [[1, xmax], [null, null], [null, null]], 280);
  const eChart = chart(right, {
    title: "Na⁺ equilibrium potential",
    scales: { x: { time: false, distr: 3, range: [1, xmax] }, y: { range: () => cs?.e_range_mV ?? [0, 1] } },
    axes: [xAxis(), axis(theme, { label: "ENa (mV)", size: 50, values: (u, s) => s.map((x) => fmt(x, 0)) })],
    series: series(),
    hooks: { draw: [(u) => {
      if (!r) return;
      const py = hline(u, eCrit);
      const n = crossing();
      if (n === null) return;
      const ctx = u.ctx;
      const px = u.valToPos(n, "x", true);
      ctx.save();
      ctx.strokeStyle = na.color;
      ctx.lineWidth = 2 * dpr;
      ctx.fillStyle = "transparent";
      ctx.beginPath();
      ctx.arc(px, py, 5 * dpr, 0, 2 * Math.PI);
      ctx.stroke();
      const onRight = px > u.bbox.left + 0.6 * u.bbox.width;
      ctx.fillStyle = theme.text;
      ctx.font = `${10.5 * dpr}px ${theme.font}`;
      ctx.textAlign = onRight ? "right" : "left";
      ctx.textBaseline = "top";
      const x = px + (onRight ? -8 : 8) * dpr;
      ctx.fillText(`${grouped(n)} spikes`, x, py + 6 * dpr);
      ctx.fillText(`= ${duration(n, v.rate_hz)} at ${fmtg(v.rate_hz, 3)} Hz`, x, py + 19 * dpr);
      ctx.restore();
    }] },
  }, [[1, xmax], [null, null], [null, null]], 280);

  return {
    update(values, result) {
      v = values;
      r = result;
      cs = p.cases[values.case];
      const rtf = (p.pump.gas_constant * (cs.temperature_C + p.pump.zero_celsius_K)) / p.pump.faraday * 1e3;
      naCrit = cs.na_in_mM * Math.exp(p.e_na_drop_mV / rtf);
      eCrit = result.e_na_pump_off_mV[0] - p.e_na_drop_mV;
      // log axis: spike 0 drawn at spike 1, one step above rest (the pump is negligible over one spike)
      const n = [1, ...result.spike_number.slice(1)];
      const first = (c) => [cs.na_in_mM + result.na_step_mM, ...c.slice(1)];
      const eNa = (c) => c.map((x) => rtf * Math.log(cs.na_out_mM / x));
      const naOff = first(result.na_in_pump_off_mM);
      const naOn = first(result.na_in_mM);
      naChart.u.setData([n, naOff, naOn]);
      eChart.u.setData([n, eNa(naOff), eNa(naOn)]);
    },
    destroy() {
      presets.remove();
      naChart.destroy();
      eChart.destroy();
    },
  };
}

function criterionText(result, values, html) {
  if (result.status === "never") return "never: the pump keeps up with this rate";
  if (result.status === "beyond") return `more than ${grouped(result.spike_number[result.spike_number.length - 1])} spikes (beyond the train shown)`;
  const n = `${grouped(result.spikes_to_criterion)} spikes`;
  return `${html ? `<b>${n}</b>` : n} (${duration(result.spikes_to_criterion, values.rate_hz)} at ${fmtg(values.rate_hz, 3)} Hz)`;
}

function readout(spec, values, result) {
  const p = spec.params;
  const drop = fmt(p.e_na_drop_mV, 0);
  const cs = p.cases[values.case];
  const pumpOn = values.pump === p.pump_states[1];
  const last = result.e_na_mV[result.e_na_mV.length - 1];
  return {
    html: `<b>Per spike</b>: Na⁺ in ${fmt(result.na_per_spike_pmol_cm2, 2)} pmol/cm² → [Na⁺]<sub>i</sub> +${fmtg(result.na_step_mM, 3)} mM `
      + `in a ${fmtg(values.diameter_um, 3)} µm axon<br><b>E<sub>Na</sub> down ${drop} mV after</b>: ${criterionText(result, values, true)}<br>`
      + `With the pump working, E<sub>Na</sub> stays within ${drop} mV of rest at rates up to ${fmtg(result.max_sustainable_rate_hz, 2)} Hz, whatever the diameter`,
    text: `Two panels against spike number on a log scale, ${values.case} model, axon diameter ${fmtg(values.diameter_um, 3)} µm, `
      + `${fmtg(values.rate_hz, 3)} Hz, pump ${pumpOn ? "working" : "stopped"}: internal Na+ rises from ${fmt(cs.na_in_mM, 0)} mM and `
      + `E_Na falls from ${fmt(result.e_na_mV[0], 0)} mV to ${fmt(last, 0)} mV over the train shown; it has fallen by ${drop} mV after `
      + `${criterionText(result, values, false)}.`,
  };
}

export default {
  render({ model, el }) {
    return mount({ model, el }, { figure, readout });
  },
};
