// Front end of the spike explorer (Python twin: nakmodel/widgets/live/spike.py; static-book port:
// ports/spike.js; matplotlib twin: nakmodel/plots/action_potentials.py SpikePlot).
// Left column, shared time axis: membrane potential with the stimulus band and E_Na, E_K; the Na+
// and K+ channel currents (inward negative); the gates m, h (Na+ channel) and n (K+ channel).
// Right: the model's f–I curve (steady firing rate against step current) with this run on it.

import { mount } from "./core/app.js";
import { axis, canvasText, chart, dash, legend, lineKey, panels, rule, shadeX, svgKey } from "./core/chart.js";
import { fmt, niceCeiling } from "./core/format.js";

const DOTTED = [2, 3];

function diamond(ctx, x, y, r, fill, stroke, up) {
  ctx.beginPath();
  if (up) { ctx.moveTo(x, y - r); ctx.lineTo(x + r, y + r * 0.8); ctx.lineTo(x - r, y + r * 0.8); } else {
    ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y);
  }
  ctx.closePath();
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.strokeStyle = stroke;
  ctx.stroke();
}

function figure(figEl, spec, theme) {
  const p = spec.params;
  const ion = spec.style.ions;
  const vmColor = theme.text; // black in the PNG: the page's text colour in any theme
  const dpr = window.devicePixelRatio || 1;
  const [left, right] = panels(figEl, []); // each panel has its own legends
  left.classList.add("nak-spike-traces");
  left.style.flexGrow = "1.6";
  const [vEl, iEl, gEl] = [0, 1, 2].map(() => document.createElement("div"));
  const iLegend = legend([lineKey("INa (Na⁺ in: negative)", ion.Na.color, ion.Na.dash, 2),
    lineKey("IK (K⁺ out: positive)", ion.K.color, ion.K.dash, 2)]);
  const gLegend = legend([lineKey("m", ion.Na.color, [], 2), lineKey("h", ion.Na.color, DOTTED, 2),
    lineKey("n", ion.K.color, ion.K.dash, 2)]);
  const fiLegend = legend([lineKey("f–I (steady firing)", theme.muted, [], 2),
    svgKey("this run", `<svg width="14" height="14" aria-hidden="true"><path d="M7 1 L13 7 L7 13 L1 7 Z" fill="${ion.pump.color}" stroke="${theme.text}"/></svg>`)]);
  left.append(vEl, iLegend, iEl, gLegend, gEl);
  const fiEl = document.createElement("div");
  right.append(fiLegend, fiEl);

  let state = { on: 0, off: 0, model: "squid", bound: 1, peak: 0, fi: null, amp: 0, rate: 0 };
  const text = (u, s, x, y, align, baseline, color) => canvasText(u.ctx, s, x, y, { color, font: theme.font, align, baseline });
  // a horizontal line across the plot area at y (E_Na, E_K, zero current)
  const hline = (u, y, color, pattern, width) => rule(u, "y", y, color, width, pattern);
  const band = (u) => shadeX(u, state.on, state.off, theme.grid);
  const tRange = [0, p.window_ms];
  const ms = (u, s) => s.map((v) => fmt(v, 0));
  const vChart = chart(vEl, {
    title: "Membrane potential (grey band: stimulus on)",
    scales: { x: { time: false, range: tRange }, y: { range: [-105, 70] } },
    axes: [axis(theme, { values: ms }), axis(theme, { label: "Vm (mV)", size: 50, values: ms })],
    series: [{}, { stroke: vmColor, width: 1.8, points: { show: false } }],
    hooks: { drawAxes: [band, (u) => {
      const t = p.models[state.model];
      hline(u, t.e_na_mV, ion.Na.color, ion.Na.dash, 0.9);
      hline(u, t.e_k_mV, ion.K.color, ion.K.dash, 0.9);
    }], draw: [(u) => {
      const x = u.bbox.left + u.bbox.width - 4 * dpr;
      const t = p.models[state.model];
      text(u, "ENa", x, u.valToPos(t.e_na_mV, "y", true) - 2 * dpr, "right", "bottom", ion.Na.color);
      text(u, "EK", x, u.valToPos(t.e_k_mV, "y", true) + 2 * dpr, "right", "top", ion.K.color);
    }] },
  }, [tRange, [null, null]], 230);
  const iChart = chart(iEl, {
    scales: { x: { time: false, range: tRange }, y: { range: () => [-1.08 * state.bound, 1.5 * state.bound] } },
    axes: [axis(theme, { values: ms }), axis(theme, { label: "current (µA/cm²)", size: 50, values: ms })],
    series: [{},
      { stroke: ion.Na.color, width: 1.5, dash: dash(ion.Na.dash), points: { show: false } },
      { stroke: ion.K.color, width: 1.5, dash: dash(ion.K.dash), points: { show: false } }],
    hooks: { drawAxes: [band, (u) => hline(u, 0, theme.faint, [], 0.7)], draw: [(u) => {
      if (state.peak > 1.08 * state.bound) {
        text(u, `peak ${Math.round(state.peak).toLocaleString("en-US")} µA/cm², off scale`, u.bbox.left + u.bbox.width - 4 * dpr,
          u.bbox.top + u.bbox.height - 4 * dpr, "right", "bottom", theme.muted);
      }
    }] },
  }, [tRange, [null, null], [null, null]], 170);
  const gChart = chart(gEl, {
    scales: { x: { time: false, range: tRange }, y: { range: [-0.03, 1.05] } },
    axes: [axis(theme, { label: "time (ms)", values: ms }), axis(theme, { label: "gate (0–1)", size: 50, splits: () => [0, 0.5, 1] })],
    series: [{}, { stroke: ion.Na.color, width: 1.5, points: { show: false } },
      { stroke: ion.Na.color, width: 1.5, dash: dash(DOTTED), points: { show: false } },
      { stroke: ion.K.color, width: 1.5, dash: dash(ion.K.dash), points: { show: false } }],
    hooks: { drawAxes: [band] },
  }, [tRange, [null, null], [null, null], [null, null]], 150);

  const ampMax = spec.controls.find((c) => c.name === "i_amp").max;
  let fiTop = 100;
  const fiChart = chart(fiEl, {
    title: "Firing rate vs current",
    scales: { x: { time: false, range: [-1, ampMax * 1.04] }, y: { range: () => [0, fiTop] } },
    axes: [axis(theme, { label: "stimulus current (µA/cm²)" }), axis(theme, { label: "firing rate (Hz)", size: 50 })],
    series: [{}, { stroke: theme.muted, width: 1.8, points: { show: true, size: 5, fill: theme.muted, stroke: theme.muted } }],
    hooks: { draw: [(u) => {
      const above = state.rate > fiTop;
      const x = u.valToPos(state.amp, "x", true);
      const y = u.valToPos(above ? 0.97 * fiTop : state.rate, "y", true);
      u.ctx.save();
      u.ctx.lineWidth = dpr;
      diamond(u.ctx, x, y, 6 * dpr, ion.pump.color, theme.text, above);
      u.ctx.restore();
      const t = p.models[state.model];
      const xr = u.bbox.left + u.bbox.width - 4 * dpr;
      const yb = u.bbox.top + u.bbox.height - 4 * dpr;
      text(u, `f–I at ${fmt(t.temperature_C, 1).replace(/\.0$/, "")} °C, no channels locked`, xr, yb - (above ? 14 * dpr : 0), "right", "bottom", theme.muted);
      if (above) text(u, `this run: ${fmt(state.rate, 0)} Hz, above the scale`, xr, yb, "right", "bottom", theme.muted);
    }] },
  }, [[0, 1], [null, null]], 560);

  return {
    update(values, result) {
      const fi = p.fi[result.model];
      state = { on: result.stim_on_ms, off: result.stim_off_ms, model: result.model, bound: p.current_axis_uA_cm2[result.model],
        peak: Math.max(-Math.min(...result.i_na), Math.max(...result.i_k)), amp: result.i_amp, rate: result.rate_hz };
      const t = result.t;
      vChart.u.setData([t, result.v]);
      iChart.u.setData([t, result.i_na, result.i_k]);
      gChart.u.setData([t, result.m, result.h, result.n]);
      fiTop = niceCeiling(1.15 * Math.max(...fi.rates_hz, 10));
      fiChart.u.setData([fi.currents_uA_cm2, fi.rates_hz]);
    },
    destroy() { for (const c of [vChart, iChart, gChart, fiChart]) c.destroy(); },
  };
}

function modelName(result) {
  return result.model === "squid" ? "squid" : "mammalian";
}

function readout(spec, values, result) {
  const p = spec.params;
  const b = result.budget;
  const n = result.n_spikes;
  const row = (k, v) => `<tr><td>${k}</td><td style="text-align:right">${v}</td></tr>`;
  const pulse = p.budget_stimulus[result.model].pulse_ms;
  const bill = b.error
    ? `<tr><td class="nak-muted">no single isolated spike here (${b.error})</td></tr>`
    : row("Na⁺ in", `${fmt(b.na_entry_pmol_cm2, 2)} pmol/cm²`) + row("K⁺ out", `${fmt(b.k_exit_pmol_cm2, 2)} pmol/cm²`)
      + row("minimum charge C·ΔV", `${fmt(b.min_charge_pmol_cm2, 2)} pmol/cm²`)
      + row("excess ratio (Na⁺ in / minimum)", `<b>${fmt(b.excess_ratio, 1)}×</b>`)
      + row("ATP to pump it out (Na⁺/3)", `${fmt(b.atp_pmol_cm2, 2)} pmol/cm² ≈ ${Math.round(b.atp_per_um2).toLocaleString("en-US")} per µm²`);
  const perSpike = result.na_per_spike_pmol_cm2 == null ? "–" : fmt(result.na_per_spike_pmol_cm2, 2);
  const billText = b.error ? `no single isolated spike here (${b.error})`
    : `one isolated spike lets in ${fmt(b.na_entry_pmol_cm2, 2)} pmol/cm² of Na⁺, ${fmt(b.excess_ratio, 1)} times the minimum charge, costing ${fmt(b.atp_pmol_cm2, 2)} pmol/cm² of ATP`;
  return {
    html: `<b>This run</b> (${fmt(p.window_ms, 0)} ms): ${n} spike${n === 1 ? "" : "s"}, rate ${fmt(result.rate_hz, 0)} Hz<br>`
      + `Na⁺ in per spike (run total / spikes, incl. rest): ${perSpike} pmol/cm²`
      + `<p style="margin:0.5em 0 0"><b>One isolated spike</b> <span class="nak-muted">(${fmt(pulse, 1)} ms pulse, same model, temperature, locked fraction)</span></p><table>${bill}</table>`,
    text: `Four panels. Membrane potential over ${fmt(p.window_ms, 0)} ms of the ${modelName(result)} model at `
      + `${fmt(result.temperature_C, 1)} °C with ${n} spike${n === 1 ? "" : "s"}, peaking at ${fmt(result.peak_mV, 0)} mV; `
      + "the Na+ current (inward, downward) and K+ current (outward, upward); the gates m, h and n; "
      + `and the firing rate against stimulus current, with this run at ${fmt(result.i_amp, 1)} µA/cm² and ${fmt(result.rate_hz, 0)} Hz. `
      + `Readout: ${billText}.`,
  };
}

// The temperature acts only on a model with a Q10 (the squid's rates; the mammalian model is fixed
// at 37 °C), the rule nakmodel's SpikeLive.run_inputs applies.
export function disabled(values, spec) {
  const model = spec.params.models[spec.params.model_names[values.model]];
  return model && model.q10 > 0 ? [] : ["temperature_C"];
}

export default {
  render({ model, el }) {
    return mount({ model, el }, { figure, readout, disabled });
  },
};
