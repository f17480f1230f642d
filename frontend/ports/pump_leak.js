// Port of the pump–leak cell, nakmodel.cell (_Model, cell_steady_state, simulate_cell), and of
// nakmodel.pump_leak.pump_leak_result (the pump–leak loop's compute). The pump is the four-state
// cycle of ports/pump_cycle.js; every parameter comes from the spec (nakmodel.widgets.live._cell
// cell_json: CellParams, PumpParams, CODATA constants, the solver's tolerances).
//
// State y = [Vm (mV), nNa, nCl] in mM of the reference volume; [K+]i follows from charge and the
// volume from osmotic balance at every instant, as in nakmodel.cell:
//   nK = Cv·V − nNa + nCl − zX·nX,  W = (nNa + nK + nCl + nX)/osm_out
// Steady state: Newton's method with a finite-difference Jacobian (nakmodel: scipy fsolve),
// falling back to a long integration and Newton again (as nakmodel does).
// Time course: Rosenbrock method ode23s (Shampine & Reichelt 1997, L-stable, order 2 with a
// third-order error estimate), stepping exactly onto each output time; the system is stiff
// (Vm relaxes in ms, the concentrations in minutes), which rules out explicit methods.

import { pumpCurrent, pumpCycleRate } from "./pump_cycle.js";

const IONS = ["Na", "K", "Cl"];

// exprel(x) = (e^x − 1)/x with exprel(0) = 1 (scipy.special.exprel)
function exprel(x) {
  return x === 0 ? 1 : Math.expm1(x) / x;
}

export function rtOverFmV(cell) {
  const c = cell.constants;
  return (c.gas_constant * (cell.temperature_C + c.zero_celsius_K)) / c.faraday * 1e3;
}

// GHK voltage, mV (nakmodel.electrochem.ghk_voltage) for {Na, K, Cl} permeabilities.
export function ghkVoltage(cell, perm, cOut, cIn) {
  let num = 0;
  let den = 0;
  for (const ion of IONS) {
    const [o, i] = cell.valence[ion] > 0 ? [cOut[ion], cIn[ion]] : [cIn[ion], cOut[ion]];
    num += perm[ion] * o;
    den += perm[ion] * i;
  }
  return rtOverFmV(cell) * Math.log(num / den);
}

export function nernst(cell, ion, cOut, cIn) {
  return (rtOverFmV(cell) / cell.valence[ion]) * Math.log(cOut / cIn);
}

// Work for one cycle moving nNa Na+ out and nK K+ in, kJ/mol (nakmodel.electrochem.cycle_free_energy).
export function cycleFreeEnergy(cell, nNa, nK, vmV, cOut, cIn) {
  const c = cell.constants;
  const rt = (c.gas_constant * (cell.temperature_C + c.zero_celsius_K)) * 1e-3; // kJ/mol
  const fv = c.faraday * vmV * 1e-6; // kJ/mol per unit charge
  let dg = 0;
  if (nNa) dg += nNa * (rt * Math.log(cOut.Na / cIn.Na) - fv);
  if (nK) dg += nK * (rt * Math.log(cIn.K / cOut.K) + fv);
  return dg;
}

export function cellAreaUm2(cell) {
  return Math.PI * cell.diameter_um ** 2;
}

// The right-hand side of the cell's ODE for one parameter set (nakmodel.cell._Model).
export function makeCell(cell, { rateScale = 1, pumpFraction = 1 } = {}) {
  const F = cell.constants.faraday;
  const dCm = cell.diameter_um * 1e-4;
  const g = (6 / dCm) * 1e-6 / F * 1e6; // mM/s per µA/cm² (A/W0 = 6/d)
  const cv = cell.capacitance_uF_cm2 * 1e-6 * (6 / dCm) * 1e-3 / F * 1e6; // mM per mV
  const co = cell.c_out_mM;
  const osmOut = co.Na + co.K + co.Cl + cell.other_out_mOsm;
  const nx = cell.impermeant_mM;
  const zx = cell.impermeant_valence;
  const cyc = pumpCurrent(cell.pump, 1, cell.pump_density_per_um2, 1); // µA/cm² per cycle/s
  const rtf = rtOverFmV(cell);
  const zNa = cell.valence.Na;
  const zK = cell.valence.K;
  const zCl = cell.valence.Cl;
  // one conditions object, refilled per call (the right-hand side runs thousands of times per move)
  const pc = { k_out_mM: co.K, na_out_mM: co.Na, atp_free_energy_kJ_per_mol: cell.atp_free_energy_kJ_per_mol,
    temperature_C: cell.temperature_C, atp_mM: cell.pump.params.atp_mM, na_in_mM: 0, v_mV: 0, k_in_mM: 0 };
  const ghk = (z, p, v, o, i) => {
    const u = (z * v) / rtf;
    return p * 1e-2 * z * F * ((i - o * Math.exp(-u)) / exprel(-u)) * 1e2; // A/m² -> µA/cm²
  };

  function amounts(v, nna, ncl) {
    const nk = cv * v - nna + ncl - zx * nx;
    return [nk, (nna + nk + ncl + nx) / osmOut];
  }

  function currents(v, nna, ncl) {
    const [nk, w] = amounts(v, nna, ncl);
    const na = nna / w;
    const k = nk / w;
    const cl = ncl / w;
    if (!(na > 0 && k > 0 && cl > 0) || !Number.isFinite(v)) {
      throw new RangeError(`the cell left the physical range: [Na+]i, [K+]i, [Cl-]i = ${na}, ${k}, ${cl} mM`);
    }
    const iNa = ghk(zNa, cell.p_na_cm_s, v, co.Na, na);
    const iK = ghk(zK, cell.p_k_cm_s, v, co.K, k);
    const iCl = ghk(zCl, cell.p_cl_cm_s, v, co.Cl, cl);
    let rate = 0;
    if (pumpFraction !== 0) {
      pc.na_in_mM = na;
      pc.v_mV = v;
      pc.k_in_mM = k;
      rate = pumpCycleRate(cell.pump, pc);
    }
    const iCyc = cyc * pumpFraction * rateScale * rate;
    return { iNa, iK, iCl, iCyc, na, k, cl, w };
  }

  function rhs(y) {
    const { iNa, iK, iCl, iCyc } = currents(y[0], y[1], y[2]);
    const jNa = g * (iNa + cell.pump_na * iCyc); // mM/s out
    const jCl = -g * iCl;
    const iTot = iNa + iK + iCl + (cell.pump_na - cell.pump_k) * iCyc;
    return [(-iTot / cell.capacitance_uF_cm2) * 1e3, -jNa, -jCl];
  }

  function state(y) {
    const r = currents(y[0], y[1], y[2]);
    return { v_mV: y[0], na_in: r.na, k_in: r.k, cl_in: r.cl, volume_rel: r.w,
      pump_current_uA_cm2: (cell.pump_na - cell.pump_k) * r.iCyc, na_leak_uA_cm2: r.iNa, k_leak_uA_cm2: r.iK,
      cl_leak_uA_cm2: r.iCl, pump_rate_per_s: cyc > 0 ? r.iCyc / cyc : NaN };
  }

  return { cell, rhs, state, amounts, rateScale, pumpFraction };
}

// ---- small dense linear algebra (3 × 3) -----------------------------------------------------
function solve(A, b) {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[piv][c])) piv = r;
    if (M[piv][c] === 0) throw new RangeError("singular matrix");
    [M[c], M[piv]] = [M[piv], M[c]];
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  const x = new Array(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let k = r + 1; k < n; k++) s -= M[r][k] * x[k];
    x[r] = s / M[r][r];
  }
  return x;
}

// Forward-difference Jacobian of f at y (f0 = f(y)); step relative to each component's scale.
function jacobian(f, y, f0, scale) {
  const n = y.length;
  const J = Array.from({ length: n }, () => new Array(n).fill(0));
  for (let j = 0; j < n; j++) {
    const h = Math.sqrt(Number.EPSILON) * Math.max(Math.abs(y[j]), scale[j]);
    const yp = [...y];
    yp[j] += h;
    const fp = f(yp);
    for (let i = 0; i < n; i++) J[i][j] = (fp[i] - f0[i]) / h;
  }
  return J;
}

// ---- steady state ------------------------------------------------------------------------------
function newton(model, guess, solver) {
  // the residual nakmodel's fsolve sees: [dV/dt·1e-3 (mV/ms), dnNa/dt, dnCl/dt]
  const f = (x) => { const d = model.rhs(x); return [d[0] * 1e-3, d[1], d[2]]; };
  const norm = (v) => Math.max(...v.map(Math.abs));
  let x = [...guess];
  let fx = f(x);
  for (let it = 0; it < solver.newton_max_iter; it++) {
    const J = jacobian(f, x, fx, solver.scale);
    const dx = solve(J, fx.map((v) => -v));
    let lam = 1;
    let accepted = false;
    while (lam > solver.newton_min_damping) {
      const xn = x.map((xi, i) => xi + lam * dx[i]);
      try {
        const fn = f(xn);
        if (norm(fn) < norm(fx) || lam === 1) {
          const small = dx.every((d, i) => Math.abs(lam * d) <= solver.newton_xtol * Math.max(Math.abs(x[i]), solver.scale[i]));
          x = xn;
          fx = fn;
          accepted = true;
          if (small) return { x, residual: norm(fx) };
          break;
        }
      } catch (err) {
        if (!(err instanceof RangeError)) throw err;
      }
      lam /= 2;
    }
    if (!accepted) break;
  }
  return { x, residual: norm(fx) };
}

export function initialGuess(cell) {
  const v0 = cell.guess.v_mV;
  return [v0, cell.guess.na_in, cell.c_out_mM.Cl * Math.exp(v0 / rtOverFmV(cell))];
}

export function steadyState(cell, solver, { rateScale = 1 } = {}) {
  const model = makeCell(cell, { rateScale });
  let r = null;
  try {
    r = newton(model, initialGuess(cell), solver);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
  }
  if (!r || !(r.residual <= solver.steady_tolerance)) {
    // as nakmodel: integrate for a long time from the guess, then polish
    const y = integrate(model, initialGuess(cell), [solver.fallback_duration_s], solver).y.at(-1);
    r = newton(model, y, solver);
    if (!(r.residual <= solver.steady_tolerance)) throw new Error("no steady state found for these cell parameters");
  }
  return { ...model.state(r.x), residual: r.residual, y: r.x };
}

// ---- time course: ode23s onto each output time --------------------------------------------------
// LU factorisation with partial pivoting of the n × n matrix in `a` (row-major, in place).
function luFactor(a, piv, n) {
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r * n + c]) > Math.abs(a[p * n + c])) p = r;
    if (a[p * n + c] === 0) throw new RangeError("singular matrix");
    piv[c] = p;
    if (p !== c) for (let k = 0; k < n; k++) { const t = a[c * n + k]; a[c * n + k] = a[p * n + k]; a[p * n + k] = t; }
    for (let r = c + 1; r < n; r++) {
      const f = (a[r * n + c] /= a[c * n + c]);
      for (let k = c + 1; k < n; k++) a[r * n + k] -= f * a[c * n + k];
    }
  }
}

function luSolve(a, piv, n, b) { // b overwritten with the solution
  for (let c = 0; c < n; c++) {
    const p = piv[c];
    if (p !== c) { const t = b[c]; b[c] = b[p]; b[p] = t; }
    for (let r = c + 1; r < n; r++) b[r] -= a[r * n + c] * b[c];
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r];
    for (let k = r + 1; k < n; k++) s -= a[r * n + k] * b[k];
    b[r] = s / a[r * n + r];
  }
}

export function integrate(model, y0, tEval, solver) {
  const d = 1 / (2 + Math.SQRT2);
  const e32 = 6 + Math.SQRT2;
  const { rtol, atol, scale } = solver;
  const n = y0.length;
  const f = model.rhs;
  const W = new Float64Array(n * n);
  const piv = new Int32Array(n);
  const J = new Float64Array(n * n);
  const tmp = new Float64Array(n);
  const k1 = new Float64Array(n);
  const k2 = new Float64Array(n);
  const k3 = new Float64Array(n);
  const yNew = new Float64Array(n);
  let t = 0;
  let y = Float64Array.from(y0);
  let h = solver.first_step_s;
  let F0 = f(y);
  let steps = 0;
  const out = [];
  for (const tOut of tEval) {
    while (t < tOut) {
      if (++steps > solver.max_steps) throw new Error("cell integration did not finish (too many steps)");
      const last = t + h >= tOut * (1 - Number.EPSILON * 4);
      const hh = last ? tOut - t : h;
      let ok = true;
      let F2 = null;
      let errNorm = Infinity;
      try {
        for (let j = 0; j < n; j++) { // forward-difference Jacobian, column j
          const dy = Math.sqrt(Number.EPSILON) * Math.max(Math.abs(y[j]), scale[j]);
          tmp.set(y);
          tmp[j] += dy;
          const fp = f(tmp);
          for (let i = 0; i < n; i++) J[i * n + j] = (fp[i] - F0[i]) / dy;
        }
        for (let i = 0; i < n * n; i++) W[i] = -hh * d * J[i];
        for (let i = 0; i < n; i++) W[i * n + i] += 1;
        luFactor(W, piv, n);
        for (let i = 0; i < n; i++) k1[i] = F0[i];
        luSolve(W, piv, n, k1);
        for (let i = 0; i < n; i++) tmp[i] = y[i] + 0.5 * hh * k1[i];
        const F1 = f(tmp);
        for (let i = 0; i < n; i++) k2[i] = F1[i] - k1[i];
        luSolve(W, piv, n, k2);
        for (let i = 0; i < n; i++) { k2[i] += k1[i]; yNew[i] = y[i] + hh * k2[i]; }
        F2 = f(yNew);
        for (let i = 0; i < n; i++) k3[i] = F2[i] - e32 * (k2[i] - F1[i]) - 2 * (k1[i] - F0[i]);
        luSolve(W, piv, n, k3);
        errNorm = 0;
        for (let i = 0; i < n; i++) {
          const e = (hh / 6) * (k1[i] - 2 * k2[i] + k3[i]);
          const sc = atol[i] + rtol * Math.max(Math.abs(y[i]), Math.abs(yNew[i]));
          errNorm = Math.max(errNorm, Math.abs(e) / sc);
        }
      } catch (err) {
        if (!(err instanceof RangeError)) throw err;
        ok = false;
      }
      if (ok && errNorm <= 1) {
        t = last ? tOut : t + hh;
        y = Float64Array.from(yNew);
        F0 = F2;
        const grow = errNorm === 0 ? solver.max_growth : Math.min(solver.max_growth, solver.safety * errNorm ** (-1 / 3));
        if (!last || grow < 1) h = hh * grow;
      } else {
        h = hh * (ok ? Math.max(solver.min_shrink, solver.safety * errNorm ** (-1 / 3)) : solver.min_shrink);
        if (h < solver.min_step_s) throw new Error("cell integration failed (step size too small)");
      }
    }
    out.push(Array.from(y));
  }
  return { t: [...tEval], y: out, steps };
}

// The time course after a switch: sampled states at tEval (s) from the state y0.
export function timeCourse(cell, solver, y0, tEval, opts = {}) {
  const model = makeCell(cell, opts);
  const { y, steps } = integrate(model, y0, tEval, solver);
  const v = [];
  const na = [];
  const k = [];
  const cl = [];
  const w = [];
  for (const yi of y) {
    const [nk, wi] = model.amounts(yi[0], yi[1], yi[2]);
    v.push(yi[0]);
    na.push(yi[1] / wi);
    k.push(nk / wi);
    cl.push(yi[2] / wi);
    w.push(wi);
  }
  return { t_s: [...tEval], v_mV: v, na_in: na, k_in: k, cl_in: cl, volume_rel: w, steps };
}

// y of a steady state (mM of the reference volume), the start of a time course.
export function stateVector(s) {
  return [s.v_mV, s.na_in * s.volume_rel, s.cl_in * s.volume_rel];
}

// ---- the pump–leak loop (nakmodel.pump_leak.pump_leak_result) -------------------------------
export function pumpLeakResult(cell, solver, nNa, nK) {
  const p = { ...cell, pump_na: nNa, pump_k: nK };
  const s = steadyState(p, solver, { rateScale: 3 / nNa });
  const co = p.c_out_mM;
  const ci = { Na: s.na_in, K: s.k_in, Cl: s.cl_in };
  const E = {};
  for (const ion of IONS) E[ion] = nernst(p, ion, co[ion], ci[ion]);
  const vGhk = ghkVoltage(p, { Na: p.p_na_cm_s, K: p.p_k_cm_s, Cl: p.p_cl_cm_s }, co, ci);
  const rate = s.pump_rate_per_s;
  const iCyc = pumpCurrent(p.pump, rate, p.pump_density_per_um2, 1);
  const area = cellAreaUm2(p);
  const areaCm2 = area * 1e-8;
  const atpPerCell = rate * p.pump_density_per_um2 * area;
  const dg = cycleFreeEnergy(p, nNa, nK, s.v_mV, co, ci);
  const molCycles = atpPerCell / p.constants.avogadro;
  const leakByIon = { Na: s.na_leak_uA_cm2, K: s.k_leak_uA_cm2, Cl: s.cl_leak_uA_cm2 };
  let dissipated = 0;
  for (const ion of IONS) dissipated += leakByIon[ion] * (s.v_mV - E[ion]);
  return {
    vm: s.v_mV, v_ghk: vGhk, E, c_in: ci, volume_rel: s.volume_rel,
    pump: { Na: nNa * iCyc, K: -nK * iCyc, net: (nNa - nK) * iCyc },
    leak: { Na: s.na_leak_uA_cm2, K: s.k_leak_uA_cm2, net: s.na_leak_uA_cm2 + s.k_leak_uA_cm2 + s.cl_leak_uA_cm2 },
    cycles_per_pump_s: rate, atp_per_cell_s: atpPerCell,
    power_atp_pW: molCycles * Math.abs(p.atp_free_energy_kJ_per_mol) * 1e3 * 1e12,
    power_stored_pW: molCycles * dg * 1e3 * 1e12,
    power_dissipated_pW: dissipated * areaCm2 * 1e3,
    dg_cycle_kJ: dg,
  };
}

export function compute(params, values) {
  const st = params.stoichiometries[values.stoich];
  if (!st) throw new Error(`unknown pump stoichiometry ${values.stoich}`);
  for (const k of ["p_k", "p_na", "density"]) {
    if (!(values[k] > 0)) throw new Error(`${k} must be above 0`);
  }
  const cell = { ...params.cell, p_k_cm_s: values.p_k, p_na_cm_s: values.p_na, pump_density_per_um2: values.density };
  return pumpLeakResult(cell, params.solver, st[0], st[1]);
}

// For tests: a steady state and a time course of one parameter set (values: {cell overrides,
// rate_scale, pump_fraction, t_eval, start: overrides of the starting cell}).
export function steadyCase(params, values) {
  const cell = { ...params.cell, ...(values.cell ?? {}) };
  const { y, ...s } = steadyState(cell, params.solver, { rateScale: values.rate_scale ?? 1 });
  return s;
}

export function courseCase(params, values) {
  const start = steadyState({ ...params.cell, ...(values.start ?? {}) }, params.solver);
  const cell = { ...params.cell, ...(values.cell ?? {}) };
  return timeCourse(cell, params.solver, stateVector(start), values.t_eval,
    { rateScale: values.rate_scale ?? 1, pumpFraction: values.pump_fraction ?? 1 });
}
