// Front end of the pump–leak loop (Python twin: nakmodel/widgets/live/pump_leak.py; static-book
// port: ports/pump_leak.js; matplotlib twin: nakmodel/plots/resting_potential.py PumpLeakPlot).
// Left: voltage ladder (E_Na, E_K, E_Cl, Vm thick, the GHK potential of the same leaks dotted).
// Middle: currents (µA/cm², outward +): the pump's Na⁺, K⁺ and net charge (hatched) against the
// leaks that spend them. Right: concentrations inside (log axis), the outside values as ticks.

import { mount } from "./core/app.js";
import { axis, chart, dash, hatch, hookSeries, lineKey, panels, rule, subscripted, swatchKey } from "./core/chart.js";
import { ceilTo, fmt, niceTop, spreadLabels } from "./core/format.js";

const IONS = ["Na", "K", "Cl"];
const GROUPS = ["Na", "K", "net"];
const LADDER_X = [0, 0.02, 0.05, 0.4, 0.43, 1];
const BAR_W = 0.36;

function cellC(c) {
  return c < 100 ? fmt(c, 1) : fmt(c, 0);
}

function figure(figEl, spec, theme) {
  const style = spec.style.ions;
  const cOut = spec.params.cell.c_out_mM;
  const vmColor = theme.text;
  const dpr = window.devicePixelRatio || 1;
  const [vEl, iEl, cEl] = panels(figEl, [lineKey("Vm", vmColor, [], 4), lineKey("GHK potential (no pump current)", vmColor, [2, 3], 1.5),
    ...IONS.map((ion) => lineKey(`E${ion}`, style[ion].color, style[ion].dash, 2)),
    swatchKey("pump (charges)", style.pump.color, false), swatchKey("leak channels (spend)", theme.muted, false)], 3);
  for (const box of [vEl, iEl, cEl]) box.style.flexBasis = "220px";
  iEl.style.flexGrow = "1.3";

  let r = null;
  let span = 110;
  let top = 1;
  const label = (ctx, text, x, y, color, weight = "") => {
    ctx.fillStyle = color;
    ctx.font = `${weight ? `${weight} ` : ""}${10.5 * dpr}px ${theme.font}`;
    ctx.fillText(text, x, y);
  };

  // ---- voltages ----
  const ladderData = () => {
    const vm = r ? r.vm : 0;
    const ghk = r ? r.v_ghk : 0;
    return [LADDER_X, LADDER_X.map(() => 0), [null, vm, vm, vm, vm, null], [null, ghk, ghk, ghk, ghk, null],
      ...IONS.map((ion) => { const e = r ? r.E[ion] : 0; return [null, null, e, e, null, null]; })];
  };
  const ladder = chart(vEl, {
    title: "Voltages",
    scales: { x: { time: false, range: [0, 1] }, y: { range: () => [-span, span] } },
    axes: [axis(theme, { label: " ", splits: () => [], ticks: { show: false }, grid: { show: false } }),
      axis(theme, { label: "membrane potential (mV)", size: 50, values: (u, s) => s.map((v) => fmt(v, 0)) })],
    series: [{}, { stroke: theme.faint, width: 0.8, points: { show: false } },
      { stroke: vmColor, width: 5, points: { show: false }, spanGaps: false },
      { stroke: vmColor, width: 1.3, dash: dash([2, 3]), points: { show: false }, spanGaps: false },
      ...IONS.map((ion) => ({ stroke: style[ion].color, width: 2.2, dash: dash(style[ion].dash), points: { show: false }, spanGaps: false }))],
    hooks: { draw: [(u) => {
      if (!r) return;
      const ctx = u.ctx;
      ctx.save();
      ctx.textBaseline = "middle";
      ctx.textAlign = "left";
      const ys = spreadLabels([...IONS.map((i) => r.E[i]), r.vm, r.v_ghk], 0.085 * 2 * span);
      const x = u.valToPos(0.45, "x", true);
      IONS.forEach((ion, i) => {
        ctx.fillStyle = style[ion].color;
        subscripted(ctx, "E", ion, ` ${fmt(r.E[ion], 1, { sign: true })} mV`, x, u.valToPos(ys[i], "y", true), 11 * dpr, theme.font);
      });
      ctx.fillStyle = vmColor;
      subscripted(ctx, "V", "m", ` ${fmt(r.vm, 1, { sign: true })} mV`, x, u.valToPos(ys[3], "y", true), 11 * dpr, theme.font, "bold");
      label(ctx, `GHK ${fmt(r.v_ghk, 1, { sign: true })} mV`, x, u.valToPos(ys[4], "y", true), theme.muted);
      ctx.restore();
    }] },
  }, ladderData(), 320);

  // ---- currents ----
  const groupLabel = { Na: `${style.Na.label}`, K: `${style.K.label}`, net: "net charge" };
  const currents = chart(iEl, {
    title: "Pump vs leaks: equal and opposite",
    scales: { x: { time: false, range: [-0.6, 2.6] }, y: { range: () => [-1.35 * top, 1.55 * top] } },
    axes: [axis(theme, { splits: () => [0, 1, 2], values: () => GROUPS.map((g) => groupLabel[g]), grid: { show: false } }),
      axis(theme, { label: "current (µA/cm², outward +)", size: 50, values: (u, s) => s.map((v) => fmt(v, 1)) })],
    series: hookSeries(),
    hooks: { draw: [(u) => {
      if (!r) return;
      const ctx = u.ctx;
      ctx.save();
      const y0 = rule(u, "y", 0, theme.text);
      ctx.lineWidth = dpr; // the bars' outlines
      ctx.textAlign = "center";
      GROUPS.forEach((g, k) => {
        const bars = [[k - BAR_W / 2, r.pump[g], style.pump.color, true], [k + BAR_W / 2, r.leak[g], g === "net" ? theme.muted : style[g].color, false]];
        for (const [xc, h, color, hatched] of bars) {
          const xa = u.valToPos(xc - BAR_W / 2, "x", true);
          const xb = u.valToPos(xc + BAR_W / 2, "x", true);
          const yh = u.valToPos(h, "y", true);
          ctx.fillStyle = color;
          ctx.fillRect(xa, Math.min(y0, yh), xb - xa, Math.abs(yh - y0));
          if (hatched) {
            ctx.fillStyle = hatch(ctx, theme.text);
            ctx.fillRect(xa, Math.min(y0, yh), xb - xa, Math.abs(yh - y0));
          }
          ctx.strokeStyle = theme.text;
          ctx.strokeRect(xa, Math.min(y0, yh), xb - xa, Math.abs(yh - y0));
          ctx.textBaseline = h >= 0 ? "bottom" : "top";
          const text = Math.abs(h) < 0.005 ? "0" : fmt(h, 2, { sign: true });
          label(ctx, text, (xa + xb) / 2, yh + (h >= 0 ? -3 : 3) * dpr, theme.text);
        }
      });
      ctx.restore();
    }] },
  }, [[-0.6, 2.6], [null, null]], 320);

  // ---- concentrations ----
  const conc = chart(cEl, {
    title: "Inside the cell",
    scales: { x: { time: false, range: [-0.6, 2.6] }, y: { distr: 3, range: [1, 400] } },
    axes: [axis(theme, { splits: () => [0, 1, 2], values: () => IONS.map((i) => style[i].label), grid: { show: false } }),
      axis(theme, { label: "concentration inside (mM, log)", size: 50, splits: () => [1, 10, 100], values: (u, s) => s.map((v) => String(v)) })],
    series: hookSeries(),
    hooks: { draw: [(u) => {
      if (!r) return;
      const ctx = u.ctx;
      ctx.save();
      ctx.textAlign = "center";
      const yBase = u.valToPos(1, "y", true);
      IONS.forEach((ion, k) => {
        const xa = u.valToPos(k - 0.3, "x", true);
        const xb = u.valToPos(k + 0.3, "x", true);
        const yh = u.valToPos(Math.max(1, r.c_in[ion]), "y", true);
        ctx.fillStyle = style[ion].color;
        ctx.fillRect(xa, yh, xb - xa, yBase - yh);
        ctx.textBaseline = "bottom";
        label(ctx, cellC(r.c_in[ion]), (xa + xb) / 2, yh - 2 * dpr, theme.text);
        // outside: a tick across the bar
        const yo = u.valToPos(cOut[ion], "y", true);
        ctx.strokeStyle = theme.text;
        ctx.lineWidth = 2.5 * dpr;
        ctx.beginPath();
        ctx.moveTo(xa - 4 * dpr, yo);
        ctx.lineTo(xb + 4 * dpr, yo);
        ctx.stroke();
      });
      ctx.textAlign = "right";
      ctx.textBaseline = "top";
      label(ctx, "— outside", u.bbox.left + u.bbox.width - 4 * dpr, u.bbox.top + 4 * dpr, theme.text);
      ctx.restore();
    }] },
  }, [[-0.6, 2.6], [null, null]], 320);

  return {
    update(values, result) {
      r = result;
      const vals = [...IONS.map((i) => r.E[i]), r.vm, r.v_ghk].map(Math.abs);
      span = ceilTo(Math.max(110, Math.max(...vals) + 20), 25);
      top = niceTop(Math.max(0.5, ...GROUPS.flatMap((g) => [Math.abs(r.pump[g]), Math.abs(r.leak[g])])));
      ladder.u.setData(ladderData());
      currents.u.setData([[-0.6, 2.6], [null, null]]);
      conc.u.setData([[-0.6, 2.6], [null, null]]);
    },
    destroy() { ladder.destroy(); currents.destroy(); conc.destroy(); },
  };
}

function readout(spec, values, r) {
  const row = (k, v, bold = false) => `<tr><td>${bold ? `<b>${k}</b>` : k}</td><td style="text-align:right">${bold ? `<b>${v}</b>` : v}</td></tr>`;
  const s = (x, d) => fmt(x, d, { sign: true });
  return {
    html: `<b>Steady state</b><table>${row("V<sub>m</sub>", `${s(r.vm, 1)} mV`, true)}`
      + row("pump's direct share", `${s(r.vm - r.v_ghk, 1)} mV`)
      + row("[Na⁺]<sub>i</sub>, [K⁺]<sub>i</sub>", `${fmt(r.c_in.Na, 1)}, ${fmt(r.c_in.K, 0)} mM`)
      + row("E<sub>Na</sub>, E<sub>K</sub>", `${s(r.E.Na, 1)}, ${s(r.E.K, 1)} mV`)
      + row("pump current (net)", `${fmt(r.pump.net, 2)} µA/cm²`)
      + row("cycles per pump", `${fmt(r.cycles_per_pump_s, 0)} /s`)
      + row("ATP per cell", `${fmt(r.atp_per_cell_s / 1e6, 1)} million/s`)
      + row("ATP power in", `${fmt(r.power_atp_pW, 2)} pW`)
      + row("stored in gradients", `${fmt(r.power_stored_pW, 2)} pW`)
      + row("spent by leaks", `${fmt(r.power_dissipated_pW, 2)} pW`) + "</table>",
    // as nakmodel.plots.resting_potential.PumpLeakPlot.alt_text
    text: `Pump-leak cell at steady state. Vm = ${s(r.vm, 1)} mV (GHK potential without the pump's own current ${s(r.v_ghk, 1)} mV), `
      + `E_Na = ${s(r.E.Na, 1)} mV, E_K = ${s(r.E.K, 1)} mV, E_Cl = ${s(r.E.Cl, 1)} mV. `
      + `Bars: pump Na+ current ${s(r.pump.Na, 2)} against Na+ leak ${s(r.leak.Na, 2)}, `
      + `pump K+ current ${s(r.pump.K, 2)} against K+ leak ${s(r.leak.K, 2)}, net pump current ${s(r.pump.net, 2)} µA/cm². `
      + `Inside: Na+ ${fmt(r.c_in.Na, 1)}, K+ ${fmt(r.c_in.K, 1)}, Cl- ${fmt(r.c_in.Cl, 1)} mM.`,
  };
}

export default {
  render({ model, el }) {
    return mount({ model, el }, { figure, readout });
  },
};
