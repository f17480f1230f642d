// Static-book engine of nakmodel.widgets.live.ouabain.PumpBlockLive.compute: the run-down runs
// (nakmodel.pump_block.scenario) are too slow for the page, so it looks them up in the grid that
// nakmodel wrote at build time (nakmodel.book.ouabain_grid; params.runs, delta-encoded integers),
// after snapping each slider to the nearest grid value (log scale for concentration and size).
// E_K = RT/F ln([K]o/[K]i) with the cell's [K]o and temperature from params.

import { nernstPotential } from "./nernst.js";

// Index of the option nearest to v (first of equals, as Python's min).
export function nearestIndex(options, v, log = false) {
  const d = (o) => Math.abs(log ? Math.log(o) - Math.log(v) : o - v);
  let best = 0;
  for (let i = 1; i < options.length; i++) if (d(options[i]) < d(options[best])) best = i;
  return best;
}

// Presentation of a run: intervals (min) where the test pulse fails; the first edges are the bisected times if known
// (as nakmodel.plots.ouabain._false_runs).
export function failSpans(t, fires, failMin, recoverMin) {
  const spans = [];
  const n = t.length;
  for (let i = 0; i < n; i++) {
    if (fires[i]) continue;
    let j = i;
    while (j + 1 < n && !fires[j + 1]) j++;
    spans.push([i === 0 ? t[0] : 0.5 * (t[i - 1] + t[i]), j === n - 1 ? t[n - 1] : 0.5 * (t[j] + t[j + 1])]);
    i = j;
  }
  if (spans.length && failMin != null) {
    spans[0][0] = failMin;
    if (recoverMin != null && recoverMin > failMin) spans[0][1] = recoverMin;
  }
  return spans;
}

function decode(ints, scale) {
  const out = new Array(ints.length);
  let q = 0;
  for (let i = 0; i < ints.length; i++) { q += ints[i]; out[i] = q / scale; }
  return out;
}

export function compute(params, values) {
  if (!params.runs) throw new Error("this page has no precomputed runs");
  const cause = params.causes[values.cause];
  const iso = Object.keys(params.isoforms).find((k) => params.isoforms[k] === values.isoform);
  if (cause === undefined || iso === undefined) throw new Error("unknown cause or isoform");
  const ic = nearestIndex(params.grid_conc_uM, values.conc_uM, true);
  const id = nearestIndex(params.grid_diameter_um, values.diameter_um, true);
  const ir = nearestIndex(params.grid_restart_min, values.restart_min);
  const run = cause === "anoxia" ? params.runs.anoxia[id][ir] : params.runs.ouabain[iso][ic][id][ir];
  const restart = params.grid_restart_min[ir];
  const out = {
    conc_uM: params.grid_conc_uM[ic], diameter_um: params.grid_diameter_um[id],
    restart_min: restart >= params.max_duration_min ? null : restart,
    t_min: params.t_s.map((t) => t / 60),
  };
  for (const [field, scale] of Object.entries(params.scales)) if (run[field]) out[field] = decode(run[field], scale);
  out.e_k_mV = out.k_in.map((k) => nernstPotential(params, 1, params.k_out_mM, k, params.temperature_C));
  out.fires = [...run.fires].map((ch) => (ch === "1" ? 1 : 0));
  out.fail_min = run.fail_min;
  out.recover_min = run.recover_min;
  return out;
}
