// Front end of the cycle explorer (Python twin: nakmodel/widgets/pump_cycle.py CycleExplorer;
// static-book port: ports/pump_cycle.js; matplotlib twin: nakmodel/plots/pump_cycle.py PumpCyclePlot).
// Left: the Post–Albers cycle as six named states around the membrane, the present state filled,
// outlined thick and named in bold (colour is not the only cue), counters of Na⁺ out, K⁺ in and
// ATP used in the middle. Right, top: net cycle rate against membrane potential with the present
// Vm and the reversal potential. Right, bottom: cumulative counts of one stochastic run with a
// time cursor. Step, Play/Pause and the event slider move through the run's events in the page
// (requestAnimationFrame); neither engine is asked anything per frame.

import { mount } from "./core/app.js";
import { axis, canvasText, chart, dash, lineKey, panels, rule, svgKey, uPlot } from "./core/chart.js";
import { ceilTo, fmt } from "./core/format.js";
import { runCounts } from "./ports/pump_cycle.js";

const SVG = "http://www.w3.org/2000/svg";
const SCALE = 100; // diagram units (nakmodel.plots.pump_cycle.STATE_XY) -> SVG user units
const BOX_W = 96;
const BOX_H = 48;
const HALF_MEMBRANE = 30;
const frames = new WeakMap(); // figEl -> event shown (kept when the theme rebuilds the figure)
const expanded = new WeakMap(); // result.run -> the run with its states and cumulative counts

// The run with states and counts as arrays (both engines send the states as a string of digits).
function fullRun(spec, result) {
  let run = expanded.get(result.run);
  if (!run) {
    const t = result.run.t_ms;
    run = { ...result.run, t_ms: typeof t === "string" ? t.split(",").map(Number) : t,
      ...runCounts(spec.params.pump, result.run.states) };
    expanded.set(result.run, run);
  }
  return run;
}

// Signed integer with a true minus sign: +12, −3, 0.
export function signed(n) {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : "0";
}

// As nakmodel.plots.style.nice_range: [lo, hi] padded by 8 % of the span on each side, rounded
// outwards to a fifth of a nice ceiling of the padded span.
export function niceRange(lo, hi, pad = 0.08) {
  const span = Math.max(hi - lo, 1e-12);
  const k = Math.floor(Math.log10(span * (1 + 2 * pad)));
  const top = [1, 2, 2.5, 5, 10].map((m) => m * 10 ** k).find((x) => x >= span * (1 + 2 * pad) * (1 - 1e-12));
  const step = top / 5;
  return [-ceilTo(-(lo - pad * span), step), ceilTo(hi + pad * span, step)];
}

// What event i of a run is: its state, and whether it was a forward or a backward step.
export function describeEvent(states, run, i) {
  const s = run.state[i];
  const n = states.length;
  let step = "";
  if (i > 0) {
    const prev = run.state[i - 1];
    if ((prev + 1) % n === s) step = "forward step";
    else if ((s + 1) % n === prev) step = "backward step";
  }
  return { state: states[s], step };
}

function el(tag, attrs = {}, text = null) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== null) node.textContent = text;
  return node;
}

function lines(node, text, x, dy) {
  text.split("\n").forEach((line, i) => node.append(el("tspan", { x, dy: i === 0 ? 0 : dy }, line)));
  return node;
}

// The cycle diagram (SVG, decorative: the figure's text alternative describes it).
function diagram(spec, theme) {
  const { xy, notes, steps } = spec.params.diagram;
  const states = spec.params.pump.states;
  const pumpColor = spec.style.ions.pump.color;
  const svg = el("svg", { viewBox: "-262 -170 524 340", class: "nak-cycle", "aria-hidden": "true", focusable: "false" });
  const P = ([x, y]) => [x * SCALE, -y * SCALE];
  const defs = el("defs");
  const head = el("marker", { id: `nak-arrow-${Math.random().toString(36).slice(2)}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" });
  head.append(el("path", { d: "M0 0 L10 5 L0 10 z", fill: theme.muted }));
  defs.append(head);
  svg.append(defs);
  svg.append(el("rect", { x: -262, y: -HALF_MEMBRANE, width: 524, height: 2 * HALF_MEMBRANE, fill: theme.grid, stroke: theme.faint, "stroke-width": 0.8 }));
  svg.append(el("text", { x: -258, y: -156, "font-size": 13, "font-weight": 700, fill: theme.muted }, "OUTSIDE"));
  svg.append(el("text", { x: 258, y: 166, "font-size": 13, "font-weight": 700, fill: theme.muted, "text-anchor": "end" }, "INSIDE"));
  svg.append(el("text", { x: 258, y: -HALF_MEMBRANE - 4, "font-size": 11, fill: theme.muted, "text-anchor": "end" }, "membrane"));
  const n = xy.length;
  for (let i = 0; i < n; i++) {
    const [x0, y0] = P(xy[i]);
    const [x1, y1] = P(xy[(i + 1) % n]);
    const len = Math.hypot(x1 - x0, y1 - y0);
    const [dx, dy] = [(x1 - x0) / len, (y1 - y0) / len];
    const [sx, sy, ex, ey] = [x0 + dx * 36, y0 + dy * 36, x1 - dx * 36, y1 - dy * 36];
    // matplotlib's arc3,rad=0.12, drawn in flipped coordinates (the curve bends outwards)
    const [mx, my] = [(sx + ex) / 2, (sy + ey) / 2];
    const rad = 0.12;
    const [cx, cy] = [mx - rad * (ey - sy), my + rad * (ex - sx)];
    svg.append(el("path", { d: `M${sx} ${sy} Q${cx} ${cy} ${ex} ${ey}`, fill: "none", stroke: theme.muted, "stroke-width": 1.6, "marker-end": `url(#${head.id})` }));
    const [ox, oy] = [(x0 + x1) / 2, (y0 + y1) / 2];
    const norm = Math.hypot(ox, oy) || 1;
    const off = 24 + 18 * Math.abs(oy / norm); // the top and bottom arrows bow outwards more
    const [lx, ly] = [ox + (ox / norm) * off, oy + (oy / norm) * off];
    const anchor = ox / norm > 0.3 ? "start" : ox / norm < -0.3 ? "end" : "middle";
    const parts = steps[i].split("\n");
    svg.append(lines(el("text", { x: lx, y: ly - (parts.length - 1) * 6.5 + 4, "font-size": 12, fill: "currentColor", "text-anchor": anchor }), steps[i], lx, 13));
  }
  const boxes = [];
  xy.forEach((p, i) => {
    const [x, y] = P(p);
    const g = el("g", { class: "nak-state" });
    const rect = el("rect", { x: x - BOX_W / 2, y: y - BOX_H / 2, width: BOX_W, height: BOX_H, rx: 8, fill: "transparent", stroke: theme.muted, "stroke-width": 1.2 });
    const name = el("text", { x, y: y - 3, "font-size": 16, "text-anchor": "middle", fill: "currentColor" }, states[i]);
    const note = el("text", { x, y: y + 15, "font-size": 10, "text-anchor": "middle", fill: theme.muted }, notes[i]);
    g.append(rect, name, note);
    svg.append(g);
    boxes.push({ rect, name, note });
  });
  const counter = el("text", { x: 0, y: -32, "font-size": 13, "text-anchor": "middle", fill: "currentColor", "font-family": "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" });
  const counterBg = el("rect", { x: -74, y: -50, width: 148, height: 76, rx: 6, fill: "none", stroke: theme.faint });
  svg.append(counterBg, counter);
  const now = el("text", { x: -258, y: 166, "font-size": 13, fill: "currentColor" });
  svg.append(now);
  let current = -1;
  return {
    svg,
    show(run, i) {
      const s = run.state[i];
      if (s !== current) {
        if (current >= 0) {
          const b = boxes[current];
          b.rect.setAttribute("fill", "transparent");
          b.rect.setAttribute("stroke", theme.muted);
          b.rect.setAttribute("stroke-width", 1.2);
          b.name.setAttribute("font-weight", 400);
          b.name.setAttribute("fill", "currentColor");
          b.note.setAttribute("fill", theme.muted);
          b.rect.parentNode.classList.remove("nak-current");
        }
        const b = boxes[s];
        // filled with the pump colour, a thick outline and a bold name: not colour alone
        b.rect.setAttribute("fill", pumpColor);
        b.rect.setAttribute("stroke", theme.text);
        b.rect.setAttribute("stroke-width", 3.5);
        b.name.setAttribute("font-weight", 700);
        b.name.setAttribute("fill", "#000");
        b.note.setAttribute("fill", "#000");
        b.rect.parentNode.classList.add("nak-current");
        current = s;
      }
      const pad = (v) => signed(v).padStart(5, " ");
      counter.replaceChildren();
      lines(counter, `Na⁺ out ${pad(run.na_out[i])}\nK⁺ in   ${pad(run.k_in[i])}\nATP used${pad(run.atp_used[i])}\nt = ${fmt(run.t_ms[i], 1).padStart(7, " ")} ms`, 0, 16);
      const ev = describeEvent(states, run, i);
      now.textContent = `event ${i}/${run.t_ms.length - 1}: ${ev.state}${ev.step ? ` (${ev.step.split(" ")[0]})` : ""}`;
    },
  };
}

function figure(figEl, spec, theme) {
  const p = spec.params;
  const style = spec.style.ions;
  const states = p.pump.states;
  const dpr = window.devicePixelRatio || 1;
  const [vmin, vmax] = p.v_range_mV;
  const vGrid = Array.from({ length: p.v_points }, (_, i) => (i === p.v_points - 1 ? vmax : vmin + (i * (vmax - vmin)) / (p.v_points - 1)));

  // --- the player: outside the figure (role=img), so its buttons stay buttons for assistive tech
  const player = document.createElement("div");
  player.className = "nak-player";
  const stepBtn = document.createElement("button");
  stepBtn.type = "button";
  stepBtn.textContent = "Step ▸";
  stepBtn.title = "Advance the pump to its next state in the run";
  const playBtn = document.createElement("button");
  playBtn.type = "button";
  playBtn.textContent = "Play";
  playBtn.setAttribute("aria-pressed", "false");
  const speedLabel = document.createElement("label");
  speedLabel.textContent = "speed ";
  const speed = document.createElement("select");
  for (const [name, r] of Object.entries(p.play_rates_per_s)) speed.append(new Option(`${name} (${r} events/s)`, String(r)));
  speed.selectedIndex = Math.min(1, speed.options.length - 1);
  speedLabel.append(speed);
  const seekLabel = document.createElement("label");
  seekLabel.className = "nak-seek";
  seekLabel.textContent = "event ";
  const seek = document.createElement("input");
  seek.type = "range";
  seek.min = "0";
  seek.step = "1";
  seekLabel.append(seek);
  const status = document.createElement("p");
  status.className = "nak-player-status";
  status.setAttribute("aria-live", "polite");
  player.append(stepBtn, playBtn, speedLabel, seekLabel, status);
  figEl.before(player);

  const marker = svgKey("present Vm", `<svg width="12" height="12" aria-hidden="true"><circle cx="6" cy="6" r="5" fill="${theme.text}"/></svg>`);
  const [left, right] = panels(figEl, [lineKey("net cycle rate", style.pump.color, style.pump.dash),
    lineKey("reversal potential", theme.text, [6, 4], 1.5), marker,
    lineKey("Na⁺ out", style.Na.color, style.Na.dash, 2), lineKey("K⁺ in", style.K.color, style.K.dash, 2),
    lineKey("ATP used", style.ATP.color, style.ATP.dash, 2)]);
  left.classList.add("nak-cycle-box");
  left.style.flexGrow = "1.2";
  const top = document.createElement("div");
  const bottom = document.createElement("div");
  right.append(top, bottom);
  const dia = diagram(spec, theme);
  const diaTitle = document.createElement("div");
  diaTitle.className = "u-title";
  diaTitle.textContent = "Post–Albers cycle of one pump (forward = anticlockwise)";
  left.append(diaTitle, dia.svg);

  let result = null;
  let values = null;
  let frame = frames.get(figEl) ?? 0;
  const text = (ctx, s, x, y, align = "left", baseline = "bottom") =>
    canvasText(ctx, s, x, y, { color: theme.text, font: theme.font, align, baseline });
  const rateChart = chart(top, {
    title: "Net pump rate against voltage",
    scales: { x: { time: false, range: [vmin, vmax] }, y: { range: () => yRate } },
    axes: [axis(theme, { label: "membrane potential Vm (mV)", values: (u, s) => s.map((v) => fmt(v, 0)) }),
      axis(theme, { label: "net rate (cycles/s)", size: 50, values: (u, s) => s.map((v) => fmt(v, Math.abs(s[1] - s[0]) < 1 ? 1 : 0)) })],
    series: [{}, { stroke: style.pump.color, width: 2.4, dash: dash(style.pump.dash), points: { show: false } }],
    hooks: { draw: [(u) => {
      if (!result) return;
      const ctx = u.ctx;
      ctx.save();
      rule(u, "y", 0, theme.faint);
      const inside = result.v_rev >= vmin && result.v_rev <= vmax;
      const shown = Math.min(Math.max(result.v_rev, vmin), vmax);
      const xr = u.valToPos(shown, "x", true);
      if (inside) rule(u, "x", shown, theme.text, 1.3, [6, 4]);
      const leftHalf = shown < 0.5 * (vmin + vmax);
      text(ctx, ` Vrev = ${fmt(result.v_rev, 0, { sign: true })} mV${inside ? "" : " (off scale)"} `, xr, u.bbox.top + 2 * dpr, leftHalf ? "left" : "right", "top");
      text(ctx, "below 0: runs backwards (makes ATP)", u.bbox.left + u.bbox.width - 4 * dpr, u.bbox.top + u.bbox.height - 4 * dpr, "right");
      // the present Vm on the curve
      const x = u.valToPos(values.v_mV, "x", true);
      const y = u.valToPos(result.rate, "y", true);
      ctx.fillStyle = theme.text;
      ctx.beginPath();
      ctx.arc(x, y, 5 * dpr, 0, 2 * Math.PI);
      ctx.fill();
      const onRight = x > u.bbox.left + 0.6 * u.bbox.width;
      text(ctx, `${fmt(result.rate, 1, { sign: true })}/s`, x + (onRight ? -8 : 8) * dpr, y - 4 * dpr, onRight ? "right" : "left");
      ctx.restore();
    }] },
  }, [vGrid, vGrid.map(() => 0)], 210);
  let yRate = [-1, 1];
  let yRun = [0, 3];
  let tEnd = 1;
  const stepped = uPlot.paths.stepped({ align: 1 });
  const runChart = chart(bottom, {
    title: "One stochastic run (seeded)",
    scales: { x: { time: false, range: () => [0, tEnd] }, y: { range: () => yRun } },
    axes: [axis(theme, { label: "time (ms)" }), axis(theme, { label: "cumulative count", size: 50 })],
    series: [{}, ...["Na", "K", "ATP"].map((k) => ({ stroke: style[k].color, width: 1.8, dash: dash(style[k].dash), paths: stepped, points: { show: false } }))],
    hooks: { draw: [(u) => {
      if (!result) return;
      rule(u, "y", 0, theme.faint);
      rule(u, "x", fullRun(spec, result).t_ms[frame], theme.text, 1.2); // the time cursor
    }] },
  }, [[0, 1], [0, 0], [0, 0], [0, 0]], 210);

  const last = () => result.run.states.length - 1;
  const frameText = (i) => {
    const run = fullRun(spec, result);
    const ev = describeEvent(states, run, i);
    return `Event ${i} of ${last()}: ${ev.state}${ev.step ? `, ${ev.step}` : ""}, at ${fmt(run.t_ms[i], 1)} ms; `
      + `so far ${signed(run.na_out[i])} Na⁺ out, ${signed(run.k_in[i])} K⁺ in, ${signed(run.atp_used[i])} ATP.`;
  };
  const show = (i, announce = false) => {
    frame = Math.min(Math.max(i, 0), last());
    frames.set(figEl, frame);
    dia.show(fullRun(spec, result), frame);
    seek.value = String(frame);
    seek.setAttribute("aria-valuetext", frameText(frame));
    runChart.u.redraw(false, false);
    if (announce) status.textContent = frameText(frame);
  };

  // --- animation: the frame index follows the clock at the chosen speed (events per second)
  let raf = 0;
  let t0 = 0;
  let f0 = 0;
  const tick = (now) => {
    const f = Math.min(last(), f0 + Math.floor(((now - t0) / 1000) * Number(speed.value)));
    if (f !== frame) show(f);
    if (f >= last()) { pause(); return; }
    raf = requestAnimationFrame(tick);
  };
  const play = () => {
    if (frame >= last()) show(0);
    playBtn.textContent = "Pause";
    playBtn.setAttribute("aria-pressed", "true");
    status.textContent = "Playing the run…";
    f0 = frame;
    t0 = performance.now();
    raf = requestAnimationFrame(tick);
  };
  function pause() {
    if (raf) cancelAnimationFrame(raf);
    raf = 0;
    playBtn.textContent = "Play";
    playBtn.setAttribute("aria-pressed", "false");
    if (result) status.textContent = `Paused. ${frameText(frame)}`;
  }
  const step = () => {
    if (raf) pause();
    show(frame < last() ? frame + 1 : 0, true);
  };
  stepBtn.addEventListener("click", step);
  playBtn.addEventListener("click", () => (raf ? pause() : play()));
  speed.addEventListener("change", () => { if (raf) { f0 = frame; t0 = performance.now(); } });
  seek.addEventListener("input", () => { if (raf) pause(); show(Number(seek.value), true); });

  return {
    update(v, r) {
      const fresh = result !== null && r !== result;
      values = v;
      result = r;
      if (raf) pause();
      if (fresh) frame = 0; // a new run starts at its beginning
      const lo = Math.min(...r.curve, r.rate, 0);
      const hi = Math.max(...r.curve, r.rate, 0);
      yRate = niceRange(lo, Math.max(hi, lo + 1));
      rateChart.u.setData([vGrid, r.curve]);
      const run = fullRun(spec, r);
      tEnd = run.duration_ms > 0 ? run.duration_ms : 1;
      const xs = [...run.t_ms, tEnd];
      const ext = (a) => [...a, a[a.length - 1]];
      const ymin = Math.min(0, ...run.na_out, ...run.k_in, ...run.atp_used);
      const ymax = Math.max(0, ...run.na_out, ...run.k_in, ...run.atp_used);
      yRun = niceRange(ymin, Math.max(ymax, ymin + 3));
      runChart.u.setData([xs, ext(run.na_out), ext(run.k_in), ext(run.atp_used)]);
      seek.max = String(last());
      show(frame);
      status.textContent = "";
    },
    destroy() {
      if (raf) cancelAnimationFrame(raf);
      player.remove();
      rateChart.destroy();
      runChart.destroy();
    },
  };
}

function direction(rate) {
  if (rate > 0) return ["forwards", "forwards: pumps Na⁺ out, uses ATP"];
  if (rate < 0) return ["backwards", "<b>backwards</b>: Na⁺ in, K⁺ out, <b>makes ATP</b>"];
  return ["at equilibrium", "at equilibrium"];
}

function readout(spec, values, result) {
  const run = result.run;
  const n = run.states.length - 1;
  const row = (k, v) => `<tr><td>${k}</td><td style="text-align:right">${v}</td></tr>`;
  const [dirWord, dirHtml] = direction(result.rate);
  const [na, k, atp] = run.totals;
  const runText = `${signed(na)} Na⁺ out, ${signed(k)} K⁺ in, ${signed(atp)} ATP`;
  return {
    html: `<b>Deterministic model</b><table>${row("net rate", `<b>${fmt(result.rate, 1, { sign: true })}</b> cycles/s`)}`
      + row("reversal potential", `${fmt(result.v_rev, 0, { sign: true })} mV`)
      + row("Vm − V<sub>rev</sub>", `${fmt(values.v_mV - result.v_rev, 0, { sign: true })} mV`) + "</table>"
      + `The pump runs ${dirHtml}.<br><b>Stochastic run</b> (${fmt(run.duration_ms, 0)} ms, seed ${spec.params.run.seed}): `
      + `${runText} in ${n} events (${fmt(run.mean_rate, 1, { sign: true })} cycles/s).`,
    text: "Diagram of the Na+/K+ pump cycle with six states around the membrane: E1 (inward-open), E1·3Na, "
      + "E1P·3Na (occluded, ATP hydrolysed), E2P (3 Na+ released outside), E2P·2K, E2·2K (occluded, phosphate "
      + `released), back to E1 (2 K+ released inside). Right: net cycle rate against membrane potential, `
      + `${fmt(result.rate, 1)} cycles/s at ${fmt(values.v_mV, 0)} mV, crossing zero at the reversal potential `
      + `${fmt(result.v_rev, 0)} mV, so the pump runs ${dirWord}; below, the cumulative counts of the `
      + `${fmt(run.duration_ms, 0)} ms stochastic run, which ends at ${runText.replace(/⁺/g, "+")}. `
      + "Step or Play moves the highlighted state through the run's events.",
  };
}

export default {
  render({ model, el }) {
    return mount({ model, el }, { figure, readout });
  },
};
