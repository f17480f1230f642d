// Port of nakmodel.widgets.live.stoichiometry.StoichiometryLive.compute (nakmodel.stoichiometry:
// steady_comparison, switch_time_course, feasibility_grid) on the pump–leak cell port
// (ports/pump_leak.js). Every parameter comes from params (Python export).

import { cellAreaUm2, cycleFreeEnergy, ghkVoltage, stateVector, steadyState, timeCourse } from "./pump_leak.js";

// The chapter's cell (nakmodel.stoichiometry.cell_params): P_Na = ratio × P_K, the pump density.
export function chapterCell(params, ratio, density) {
  const cell = params.cell;
  return { ...cell, p_na_cm_s: ratio * cell.p_k_cm_s, pump_density_per_um2: density };
}

// Steady state of every variant (nakmodel.stoichiometry.steady_comparison).
export function steadyComparison(params, cell, basis) {
  const area = cellAreaUm2(cell);
  return params.variants.map(([n, m]) => {
    const scale = basis === "same_na_flux" ? 3 / n : 1;
    const s = steadyState({ ...cell, pump_na: n, pump_k: m }, params.solver, { rateScale: scale });
    const ci = { Na: s.na_in, K: s.k_in, Cl: s.cl_in };
    const vGhk = ghkVoltage(cell, { Na: cell.p_na_cm_s, K: cell.p_k_cm_s, Cl: cell.p_cl_cm_s }, cell.c_out_mM, ci);
    const dg = cycleFreeEnergy(cell, n, m, s.v_mV, cell.c_out_mM, ci);
    const i = s.pump_current_uA_cm2;
    return {
      stoichiometry: [n, m], v_mV: s.v_mV, v_ghk_mV: vGhk, direct_mV: s.v_mV - vGhk, na_in: s.na_in, k_in: s.k_in,
      volume_rel: s.volume_rel, pump_current_uA_cm2: i, pump_current_pA: i * area * 1e-8 * 1e6,
      cycles_per_s: s.pump_rate_per_s, atp_per_s_cell: s.pump_rate_per_s * cell.pump_density_per_um2 * area,
      dg_cycle_kJ: dg, dg_per_ion_kJ: dg / (n + m), state: s,
    };
  });
}

// Vm and concentrations after all pumps switch from 3:2 to `variant` at t = 0 ((0, 0): blocked).
export function switchTimeCourse(params, cell, rest, variant, basis) {
  const t = params.t_eval;
  const [n, m] = variant;
  if (n === 3 && m === 2) {
    return { t_s: [...t], v_mV: t.map(() => rest.v_mV), na_in: t.map(() => rest.na_in), k_in: t.map(() => rest.k_in) };
  }
  const y0 = stateVector(rest);
  let r;
  if (n === 0 && m === 0) {
    r = timeCourse(cell, params.solver, y0, t, { pumpFraction: 0 });
  } else {
    const scale = basis === "same_na_flux" ? 3 / n : 1;
    r = timeCourse({ ...cell, pump_na: n, pump_k: m, pump_density_per_um2: cell.pump_density_per_um2 * scale },
      params.solver, y0, t);
  }
  return { t_s: r.t_s, v_mV: r.v_mV, na_in: r.na_in, k_in: r.k_in };
}

// Work per cycle, kJ/mol: rows K+ in (grid_k), columns Na+ out (grid_na) (nakmodel.stoichiometry.feasibility_grid).
export function feasibilityGrid(params, cell, rest) {
  const ci = { Na: rest.na_in, K: rest.k_in };
  return params.grid_k.map((m) => params.grid_na.map((n) => cycleFreeEnergy(cell, n, m, rest.v_mV, cell.c_out_mM, ci)));
}

// A few recent results by key (as the kernel's lru_cache): ΔG_ATP changes only the ✗ marks, the
// highlight menu only the time course, so those moves reuse the steady states.
function memo(cache, key, make, size = 64) {
  if (cache.has(key)) return cache.get(key);
  const v = make();
  cache.set(key, v);
  if (cache.size > size) cache.delete(cache.keys().next().value);
  return v;
}

const steadyCache = new WeakMap();
const courseCache = new WeakMap();
const cacheOf = (store, params) => { if (!store.has(params)) store.set(params, new Map()); return store.get(params); };

export function compute(params, values) {
  const basis = params.bases[values.basis];
  if (!basis) throw new Error(`unknown basis ${values.basis}`);
  const variant = params.highlights[values.variant];
  if (!variant) throw new Error(`unknown variant ${values.variant}`);
  if (!(values.pna_pk > 0 && values.pump_density > 0)) throw new Error("P_Na/P_K and the pump density must be above 0");
  if (!(values.dg_atp < 0)) throw new Error("ΔG of ATP must be below 0 kJ/mol");
  const cell = chapterCell(params, values.pna_pk, values.pump_density);
  const where = `${values.pna_pk}|${values.pump_density}|${basis}`;
  const rows = memo(cacheOf(steadyCache, params), where, () => steadyComparison(params, cell, basis));
  const rest = rows[0].state; // the 3:2 row: rate scale 1 on either basis
  const course = memo(cacheOf(courseCache, params), `${where}|${variant}`,
    () => switchTimeCourse(params, cell, rest, variant, basis));
  const shown = rows.map(({ state, ...row }) => ({ ...row, stoichiometry: [...row.stoichiometry] }));
  const copy = { t_s: [...course.t_s], v_mV: [...course.v_mV], na_in: [...course.na_in], k_in: [...course.k_in] };
  // what one ATP (the ΔG_ATP control) gives beyond the 3:2 cycle's work at rest
  // (nakmodel.stoichiometry.energy_left_kJ)
  const energyLeft = -values.dg_atp - rows[0].dg_cycle_kJ;
  return { rows: shown, course: copy, grid_dg: feasibilityGrid(params, cell, rest), energy_left_kJ: energyLeft };
}
