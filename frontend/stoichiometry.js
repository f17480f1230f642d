// Front end of the stoichiometry explorer (Python twin: nakmodel/widgets/live/stoichiometry.py;
// static-book port: ports/stoichiometry.js; matplotlib twin: nakmodel/plots/stoichiometry.py).
// A: Vm after all pumps switch from 3:2 to the highlighted variant (log time), each variant's
// final steady state marked at the right. B: each variant's resting potential split into the
// gradients' part (GHK) and the pump's direct part. C: Δ[Na⁺]ᵢ and Δ[K⁺]ᵢ over the same time.
// D: work per cycle of n Na⁺ : m K⁺ pumps against one ATP (✗ = cannot run).

import { mount } from "./core/app.js";
import { axis, chart, dash, hatch, lineKey, swatchKey } from "./core/chart.js";
import { ceilTo, fmt } from "./core/format.js";

const TIME_TICKS = [[1e-4, "0.1 ms"], [1e-2, "10 ms"], [1, "1 s"], [60, "1 min"], [3600, "1 h"]];

function floorTo(x, step) {
  return Math.floor(x / step + 1e-9) * step;
}

const key = (st) => `${st[0]}:${st[1]}`;
const nameOf = (st) => (st[0] === 0 && st[1] === 0 ? "pump blocked" : key(st));

// A marker shape (matplotlib's o, s, D, ^, x) at (x, y), canvas pixels.
function marker(ctx, shape, x, y, r) {
  ctx.beginPath();
  if (shape === "s") ctx.rect(x - r, y - r, 2 * r, 2 * r);
  else if (shape === "D") { ctx.moveTo(x, y - r * 1.2); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r * 1.2); ctx.lineTo(x - r, y); ctx.closePath(); }
  else if (shape === "^") { ctx.moveTo(x, y - r * 1.2); ctx.lineTo(x + r, y + r * 0.8); ctx.lineTo(x - r, y + r * 0.8); ctx.closePath(); }
  else ctx.arc(x, y, r, 0, 2 * Math.PI);
}

function figure(figEl, spec, theme) {
  const p = spec.params;
  const style = spec.style.ions;
  const dpr = window.devicePixelRatio || 1;
  const vmColor = theme.text;
  const tMin = p.t_eval[0];
  const tMax = p.t_max_s;
  const legend = document.createElement("div");
  legend.className = "nak-legend";
  legend.append(lineKey("Vm with the highlighted pump", vmColor, [], 2.4), lineKey("3:2 resting potential", theme.muted, [2, 3], 1.3),
    lineKey("Δ[Na⁺] inside", style.Na.color, style.Na.dash), lineKey("Δ[K⁺] inside", style.K.color, style.K.dash),
    swatchKey("from the gradients (GHK)", theme.faint, false), swatchKey("direct (pump current)", style.pump.color, true));
  const charts = document.createElement("div");
  charts.className = "nak-charts";
  const els = [0, 1, 2, 3].map(() => {
    const d = document.createElement("div");
    d.className = "nak-chart";
    d.style.flexBasis = "300px";
    return d;
  });
  charts.append(...els);
  figEl.replaceChildren(legend, charts);

  let values = null;
  let r = null;
  let selected = [3, 3];
  const font = (px, weight = "") => `${weight ? `${weight} ` : ""}${px * dpr}px ${theme.font}`;
  const timeAxis = () => axis(theme, { label: "time after the switch (log scale)", splits: () => TIME_TICKS.map((t) => t[0]), values: () => TIME_TICKS.map((t) => t[1]) });

  // ---- A: Vm time course ----
  let vRange = [-80, -60];
  const tA = chart(els[0], {
    title: "A  Vm after switching the pumps at t = 0",
    padding: [8, 48, 0, 0],
    scales: { x: { time: false, distr: 3, range: [tMin, tMax * 1.05] }, y: { range: () => vRange } },
    axes: [timeAxis(), axis(theme, { label: "Vm (mV)", size: 50, values: (u, s) => s.map((v) => fmt(v, 0)) })],
    series: [{}, { stroke: theme.muted, width: 1.3, dash: dash([2, 3]), points: { show: false } },
      { stroke: vmColor, width: 2.4, points: { show: false } }],
    hooks: { draw: [(u) => {
      if (!r) return;
      const ctx = u.ctx;
      ctx.save();
      const x = u.valToPos(tMax, "x", true);
      const finals = r.rows.map((row) => row.v_mV);
      // labels at least a gap apart (as the PNG)
      const order = finals.map((_, i) => i).sort((a, b) => finals[a] - finals[b]);
      const gap = 0.075 * (vRange[1] - vRange[0]);
      const placed = new Array(finals.length);
      let prev = -Infinity;
      for (const i of order) { prev = Math.max(finals[i], prev + gap); placed[i] = prev; }
      ctx.textBaseline = "middle";
      ctx.textAlign = "left";
      r.rows.forEach((row, i) => {
        const st = row.stoichiometry;
        const sel = st[0] === selected[0] && st[1] === selected[1];
        marker(ctx, p.markers[key(st)], x, u.valToPos(row.v_mV, "y", true), 4.5 * dpr);
        if (sel) {
          ctx.fillStyle = style.pump.color;
          ctx.fill();
        }
        ctx.strokeStyle = theme.text;
        ctx.lineWidth = 1.3 * dpr;
        ctx.stroke();
        ctx.fillStyle = theme.text;
        ctx.font = font(10.5, sel ? "bold" : "");
        ctx.fillText(nameOf(st), x + 9 * dpr, u.valToPos(placed[i], "y", true));
      });
      const v = r.course.v_mV;
      const t = r.course.t_s;
      const iStep = Math.min(t.findIndex((ti) => ti >= 0.1), v.length - 1);
      const ref = r.rows[0].v_mV;
      ctx.font = font(10.5);
      ctx.textBaseline = "top";
      ctx.fillText(`within 0.1 s: ${fmt(v[iStep] - ref, 1, { sign: true })} mV;  after ${fmt(t.at(-1) / 60, 0)} min: ${fmt(v.at(-1) - ref, 1, { sign: true })} mV`,
        u.bbox.left + 6 * dpr, u.bbox.top + 4 * dpr);
      ctx.restore();
    }] },
  }, [[tMin, tMax], [0, 0], [0, 0]], 300);

  // ---- B: where the resting potential comes from ----
  let pattern = null;
  let bMin = -80;
  const nV = p.variants.length;
  const tB = chart(els[1], {
    title: "B  Where the resting potential comes from",
    scales: { x: { time: false, range: () => [bMin, 2] }, y: { range: [-0.6, nV - 0.4] } },
    axes: [axis(theme, { label: "steady resting potential (mV)", values: (u, s) => s.map((v) => fmt(v, 0)) }),
      axis(theme, { label: "Na⁺ out : K⁺ in per ATP", size: 62, grid: { show: false }, splits: () => p.variants.map((_, i) => i),
        values: () => p.variants.map((_, i) => { const st = p.variants[nV - 1 - i]; return key(st) + (i === nV - 1 ? " real" : ""); }) })],
    series: [{}, { stroke: "transparent", points: { show: false } }],
    hooks: { draw: [(u) => {
      if (!r) return;
      const ctx = u.ctx;
      if (!pattern) pattern = hatch(ctx, theme.text);
      ctx.save();
      const x0 = u.valToPos(0, "x", true);
      r.rows.forEach((row, k) => {
        const y = nV - 1 - k; // the real pump on top
        const st = row.stoichiometry;
        const sel = st[0] === selected[0] && st[1] === selected[1];
        const yc = u.valToPos(y, "y", true);
        const h = Math.abs(u.valToPos(0.3, "y", true) - u.valToPos(0, "y", true)) * 2;
        const xg = u.valToPos(row.v_ghk_mV, "x", true);
        const xv = u.valToPos(row.v_mV, "x", true);
        ctx.lineWidth = (sel ? 2.2 : 0.8) * dpr;
        ctx.strokeStyle = theme.text;
        ctx.fillStyle = theme.faint;
        ctx.fillRect(xg, yc - h / 2, x0 - xg, h);
        ctx.strokeRect(xg, yc - h / 2, x0 - xg, h);
        if (Math.abs(xv - xg) > 0.5) {
          ctx.fillStyle = style.pump.color;
          ctx.fillRect(xv, yc - h / 2, xg - xv, h);
          ctx.fillStyle = pattern;
          ctx.fillRect(xv, yc - h / 2, xg - xv, h);
          ctx.strokeRect(xv, yc - h / 2, xg - xv, h);
        }
        const direct = Math.abs(row.direct_mV) > 0.05 ? ` (direct ${fmt(row.direct_mV, 1, { sign: true })})` : " (direct 0)";
        ctx.font = font(10, sel ? "bold" : "");
        ctx.textAlign = "right";
        ctx.textBaseline = "middle";
        ctx.fillStyle = theme.text;
        ctx.fillText(`${fmt(row.v_mV, 1)} mV${direct}`, u.valToPos(-1.5, "x", true), yc);
      });
      ctx.restore();
    }] },
  }, [[-80, 2], [null, null]], 300);

  // ---- C: concentrations ----
  let cRange = [-1, 1];
  const tC = chart(els[2], {
    title: "C  The gradients follow slowly",
    padding: [8, 48, 0, 0],
    scales: { x: { time: false, distr: 3, range: [tMin, tMax * 1.05] }, y: { range: () => cRange } },
    axes: [timeAxis(), axis(theme, { label: "change inside since t = 0 (mM)", size: 50, values: (u, ss, i, space, incr) => ss.map((v) => fmt(v, Math.max(0, -Math.floor(Math.log10(incr) + 1e-9)))) })],
    series: [{}, { stroke: theme.faint, width: 0.8, points: { show: false } },
      { stroke: style.Na.color, width: 2.2, dash: dash(style.Na.dash), points: { show: false } },
      { stroke: style.K.color, width: 2.2, dash: dash(style.K.dash), points: { show: false } }],
  }, [[tMin, tMax], [0, 0], [0, 0], [0, 0]], 300);

  // ---- D: thermodynamic grid ----
  const cmap = p.grid_colors;
  const nC = p.grid_na.length;
  const nR = p.grid_k.length;
  const tD = chart(els[3], {
    title: "D  Work per cycle (kJ/mol) vs one ATP",
    scales: { x: { time: false, range: [-0.5, nC - 0.5] }, y: { range: [-0.5, nR - 0.5] } },
    axes: [axis(theme, { label: "Na⁺ out per cycle", grid: { show: false }, splits: () => p.grid_na.map((_, i) => i), values: () => p.grid_na.map(String) }),
      axis(theme, { label: "K⁺ in per cycle", size: 40, grid: { show: false }, splits: () => p.grid_k.map((_, i) => i), values: () => p.grid_k.map(String) })],
    series: [{}, { stroke: "transparent", points: { show: false } }],
    hooks: { draw: [(u) => {
      if (!r) return;
      const ctx = u.ctx;
      const atp = Math.abs(values.dg_atp);
      ctx.save();
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      ctx.font = font(10.5);
      for (let j = 0; j < nR; j++) {
        for (let i = 0; i < nC; i++) {
          const dg = r.grid_dg[j][i];
          const f = Math.min(1, Math.max(0, dg / atp / cmap.vmax));
          const xa = u.valToPos(i - 0.5, "x", true);
          const xb = u.valToPos(i + 0.5, "x", true);
          const ya = u.valToPos(j + 0.5, "y", true);
          const yb = u.valToPos(j - 0.5, "y", true);
          ctx.fillStyle = cmap.colors[Math.round(f * (cmap.colors.length - 1))];
          ctx.fillRect(xa, ya, xb - xa, yb - ya);
          ctx.fillStyle = f < cmap.white_text_above ? "#000" : "#fff";
          ctx.fillText(`${fmt(dg, 0)}${dg < atp ? "" : " ✗"}`, (xa + xb) / 2, (ya + yb) / 2);
        }
      }
      const [sn, sk] = selected;
      const ci = p.grid_na.indexOf(sn);
      const rj = p.grid_k.indexOf(sk);
      if (!(sn === 0 && sk === 0) && ci >= 0 && rj >= 0) {
        ctx.strokeStyle = style.pump.color;
        ctx.lineWidth = 3 * dpr;
        const xa = u.valToPos(ci - 0.5, "x", true);
        const ya = u.valToPos(rj + 0.5, "y", true);
        ctx.strokeRect(xa, ya, u.valToPos(ci + 0.5, "x", true) - xa, u.valToPos(rj - 0.5, "y", true) - ya);
      }
      ctx.restore();
    }] },
  }, [[-0.5, nC - 0.5], [null, null]], 300);
  const note = document.createElement("p");
  note.className = "nak-muted";
  note.style.cssText = "margin:0;font-size:0.85em;text-align:center";
  els[3].append(note);

  return {
    update(vals, result) {
      values = vals;
      r = result;
      selected = p.highlights[vals.variant];
      const c = r.course;
      const ref = r.rows[0].v_mV;
      const finals = r.rows.map((row) => row.v_mV);
      const lo = Math.min(...c.v_mV, ...finals, ref);
      const hi = Math.max(...c.v_mV, ...finals, ref);
      const pad = Math.max(2, 0.12 * (hi - lo));
      const step = hi - lo < 25 ? 5 : 10;
      vRange = [floorTo(lo - pad, step), ceilTo(hi + pad, step)];
      tA.u.setData([c.t_s, c.t_s.map(() => ref), c.v_mV]);
      const dNa = c.na_in.map((x) => x - c.na_in[0]);
      const dK = c.k_in.map((x) => x - c.k_in[0]);
      const cLo = Math.min(...dNa, ...dK, -1);
      const cHi = Math.max(...dNa, ...dK, 1);
      const cPad = 0.12 * (cHi - cLo);
      const cStep = 10 ** Math.floor(Math.log10(cHi - cLo));
      cRange = [floorTo(cLo - cPad, cStep), ceilTo(cHi + cPad, cStep)];
      tC.u.setData([c.t_s, c.t_s.map(() => 0), dNa, dK]);
      bMin = floorTo(Math.min(0, ...r.rows.flatMap((row) => [row.v_mV, row.v_ghk_mV])) * 1.12, 20);
      tB.u.setData([[bMin, 2], [null, null]]);
      tD.u.setData([[-0.5, nC - 0.5], [null, null]]);
      note.textContent = `at the 3:2 rest (${fmt(ref, 0)} mV); ATP gives ${fmt(Math.abs(vals.dg_atp), 0)}; ✗ = cannot run`;
    },
    destroy() { tA.destroy(); tB.destroy(); tC.destroy(); tD.destroy(); },
  };
}

function readout(spec, values, r) {
  const p = spec.params;
  const selected = p.highlights[values.variant];
  const atp = Math.abs(values.dg_atp);
  const head = ["pump", "Vm<br>(mV)", "direct<br>(mV)", "[Na⁺]ᵢ<br>(mM)", "I<sub>pump</sub><br>(µA/cm²)", "ATP/s<br>(10⁶/cell)",
    "work/ATP<br>(kJ/mol)", "per ion<br>(kJ/mol)"];
  const body = r.rows.map((row) => {
    const st = row.stoichiometry;
    const sel = st[0] === selected[0] && st[1] === selected[1];
    const ok = row.dg_cycle_kJ < atp ? "" : " ✗";
    const direct = Math.abs(row.direct_mV) < 0.05 ? "0" : fmt(row.direct_mV, 1, { sign: true });
    const cells = [key(st), fmt(row.v_mV, 1), direct, fmt(row.na_in, 1), fmt(row.pump_current_uA_cm2, 2),
      fmt(row.atp_per_s_cell / 1e6, 0), `${fmt(row.dg_cycle_kJ, 1)}${ok}`, fmt(row.dg_per_ion_kJ, 1)];
    return `<tr${sel ? ' style="font-weight:bold;outline:2px solid var(--nak-accent)"' : ""}>${cells.map((c, i) => `<td style="text-align:${i ? "right" : "left"}">${c}</td>`).join("")}</tr>`;
  }).join("");
  const rows = r.rows;
  const c = r.course;
  const impossible = [];
  p.grid_k.forEach((m, j) => p.grid_na.forEach((n, i) => { if (r.grid_dg[j][i] >= atp) impossible.push(`${n}:${m}`); }));
  const name = selected[0] === 0 && selected[1] === 0 ? "the pump blocked" : `a ${selected[0]}:${selected[1]} pump`;
  return {
    html: `<b>Steady states of the pump–leak cell</b><div class="nak-scroll" tabindex="0" role="region" aria-label="steady states table">`
      + `<table><tr>${head.map((h) => `<th style="text-align:right;font-weight:normal;padding:0 0.6em">${h}</th>`).join("")}</tr>${body}</table></div>`
      + `<p style="margin:0.3em 0">Real 3:2 pump at rest: ATP supplies ${fmt(atp, 1)} kJ/mol, one cycle's work takes ${fmt(rows[0].dg_cycle_kJ, 1)} kJ/mol: `
      + `<b>energy left per cycle ${fmt(r.energy_left_kJ, 1)} kJ/mol</b>${r.energy_left_kJ > 0 ? "" : " (ATP cannot pay)"}.</p>`
      + `<span class="nak-muted">3:2 pump current per cell: ${fmt(rows[0].pump_current_pA, 1)} pA. ✗ = cycle costs more than ATP supplies. Selected: ${values.variant}.</span>`,
    // as nakmodel.plots.stoichiometry.StoichiometryPlot.alt_text
    text: `Four-panel figure comparing pump stoichiometries. Panel A: after switching from the real 3:2 pump to ${name}, Vm goes from `
      + `${fmt(rows[0].v_mV, 1)} mV to ${fmt(c.v_mV.at(-1), 1)} mV in ${fmt(c.t_s.at(-1) / 60, 0)} minutes. Panel B, steady resting potentials: `
      + rows.map((row) => `${key(row.stoichiometry)} ${fmt(row.v_mV, 1)} mV of which ${fmt(row.direct_mV, 1, { sign: true })} mV direct`).join("; ")
      + `. Panel D: with ${fmt(atp, 0)} kJ/mol from ATP these stoichiometries could not run: ${impossible.length ? impossible.join(", ") : "none"}.`,
  };
}

export default {
  render({ model, el }) {
    return mount({ model, el }, { figure, readout });
  },
};
