// Port of the deterministic four-state Na+/K+ pump cycle (nakmodel.pump: _rates, _cycle_flux,
// pump_cycle_rate, pump_temperature_factor, pump_current) and of
// nakmodel.electrochem.pump_reversal_potential. Every constant comes from `pump`, the object
// nakmodel.widgets.live._pump.pump_spec() puts into an explorer's spec (PumpParams + CODATA
// constants + stoichiometry + the defaults of omitted arguments).
//
// Stable API (other explorers import it; add, do not rename):
//   conditions(pump, c)                -> c with defaults filled and checked
//   pumpTemperatureFactor(pump, tC)    -> factor on every rate constant
//   cycleRates(pump, c)                -> {a: [a1..a4], b: [b1..b4]} (1/s)
//   cycleFlux(a, b)                    -> net cycles/s (King–Altman)
//   stateOccupancy(a, b)               -> steady-state probabilities of the 4 lumped states
//   pumpCycleRate(pump, c)             -> net cycles/s of one pump
//   rateCurve(pump, c, vGrid)          -> net cycles/s at each Vm of vGrid (mV)
//   pumpReversalPotential(pump, c)     -> mV
//   pumpCurrent(pump, ratePerS, densityPerUm2, netCharge) -> µA/cm² (outward positive)
//   simulatePumpCycles(pump, c, {durationS | nCycles, seed}) -> one stochastic run (named states)
//   runDurationS(run, ratePerS), linspace(lo, hi, n), compute(params, values) (cycle explorer)
//   cycleRateOfNaIn(pump, c)           -> naIn => net cycles/s (c without na_in_mM; fast)
//   runCounts(pump, states)            -> cumulative Na⁺ out, K⁺ in, ATP of a run from its states
// c (conditions) uses nakmodel's argument names: na_in_mM, k_out_mM, v_mV, and optionally
// na_out_mM, k_in_mM, atp_free_energy_kJ_per_mol, temperature_C, atp_mM.

import { xoshiro128ss } from "../core/random.js";

function checkRange(name, x, unit, lo, hi, loInclusive = true) {
  if (typeof x !== "number" || !Number.isFinite(x)) throw new Error(`${name} must be a number (${unit})`);
  if (x > hi || (loInclusive ? x < lo : x <= lo)) {
    throw new Error(`${name} = ${x} ${unit} is outside ${loInclusive ? "[" : "("}${lo}, ${hi}]`);
  }
  return x;
}

// The ranges nakmodel's checks use (nakmodel._validation, nakmodel.pump._check_pump_inputs) come
// from the spec when present; these are only the shapes of the checks.
export function conditions(pump, c) {
  const d = pump.defaults;
  const pick = (k) => (c[k] === undefined || c[k] === null ? d[k] : c[k]);
  const lim = pump.limits ?? {};
  const conc = lim.concentration_mM ?? [0, Infinity];
  const out = {
    na_in_mM: checkRange("na_in_mM", c.na_in_mM, "mM", conc[0], conc[1], false),
    k_out_mM: checkRange("k_out_mM", c.k_out_mM, "mM", conc[0], conc[1], false),
    v_mV: checkRange("v_mV", c.v_mV, "mV", ...(lim.v_mV ?? [-Infinity, Infinity])),
    na_out_mM: checkRange("na_out_mM", pick("na_out_mM"), "mM", conc[0], conc[1], false),
    k_in_mM: checkRange("k_in_mM", pick("k_in_mM"), "mM", conc[0], conc[1], false),
    atp_free_energy_kJ_per_mol: checkRange("atp_free_energy_kJ_per_mol", pick("atp_free_energy_kJ_per_mol"),
      "kJ/mol", ...(lim.atp_free_energy_kJ_per_mol ?? [-Infinity, 0])),
    temperature_C: checkRange("temperature_C", pick("temperature_C"), "°C", ...(lim.temperature_C ?? [-Infinity, Infinity])),
    atp_mM: checkRange("atp_mM", pick("atp_mM"), "mM", ...(lim.atp_mM ?? [0, Infinity])),
  };
  return out;
}

function rtJPerMol(pump, temperatureC) {
  return pump.gas_constant * (temperatureC + pump.zero_celsius_K);
}

export function pumpTemperatureFactor(pump, temperatureC) {
  const p = pump.params;
  const logFactor = (x) => Math.log(x >= p.q10_break_C ? p.q10_warm : p.q10) * (x - p.q10_break_C) / 10;
  return Math.exp(logFactor(temperatureC) - logFactor(p.reference_temperature_C));
}

// The eight lumped rates (1/s); states 1 = E1 pool, 2 = E1P(3Na), 3 = P-E2 pool, 4 = E2(2K).
// a_i: i -> i+1, b_i: i+1 -> i. b3 (Pi rebinding) from detailed balance.
export function cycleRates(pump, cIn) {
  return ratesOfChecked(pump, conditions(pump, cIn));
}

// cycleRates for conditions already checked and completed by conditions()
function ratesOfChecked(pump, c) {
  const p = pump.params;
  const rt = rtJPerMol(pump, c.temperature_C);
  const u = (c.v_mV * 1e-3 * pump.faraday) / rt;
  const s = pumpTemperatureFactor(pump, c.temperature_C);
  const atp = c.atp_mM === 0 ? Number.MIN_VALUE : c.atp_mM; // nakmodel: np.maximum(atp, 1e-300)
  const nNa = pump.na_out;
  const nK = pump.k_in;
  const kNaI = p.kd_na_in0_mM * Math.exp((p.delta * u) / nNa);
  const kNaO = p.kd_na_out0_mM * Math.exp(((1 + p.delta) * u) / nNa);
  const dIn = (1 + c.na_in_mM / kNaI) ** nNa + (1 + c.k_in_mM / p.kd_k_in_mM) ** nK - 1;
  const dOut = (1 + c.na_out_mM / kNaO) ** nNa + (1 + c.k_out_mM / p.kd_k_out_mM) ** nK - 1;
  const a1 = (s * p.k1_fwd * (c.na_in_mM / kNaI) ** nNa) / dIn;
  const b1 = s * p.k1_bwd_per_mM_adp * p.adp_mM;
  const a2 = s * p.k2_fwd;
  const b2 = (s * p.k2_bwd * (c.na_out_mM / kNaO) ** nNa) / dOut;
  const a3 = (s * p.k3_fwd * (c.k_out_mM / p.kd_k_out_mM) ** nK) / dOut;
  const a4 = (s * p.k4_fwd * atp) / (atp + p.km_atp_mM);
  const b4 = (s * p.k4_bwd * (c.k_in_mM / p.kd_k_in_mM) ** nK) / dIn;
  const dgTrOverRt = nNa * Math.log(c.na_out_mM / c.na_in_mM) + nK * Math.log(c.k_in_mM / c.k_out_mM)
    - pump.net_charge_out * u;
  const logB3 = Math.log(a1) + Math.log(a2) + Math.log(a3) + Math.log(a4) - Math.log(b1) - Math.log(b2)
    - Math.log(b4) + (c.atp_free_energy_kJ_per_mol * 1e3) / rt + dgTrOverRt;
  return { a: [a1, a2, a3, a4], b: [b1, b2, Math.exp(logB3), b4] };
}

// Unnormalised steady-state weights of the four states (spanning trees into each state).
function weights(a, b) {
  const [a1, a2, a3, a4] = a;
  const [b1, b2, b3, b4] = b;
  return [
    a2 * a3 * a4 + b1 * a3 * a4 + b1 * b2 * a4 + b1 * b2 * b3,
    a3 * a4 * a1 + b2 * a4 * a1 + b2 * b3 * a1 + b2 * b3 * b4,
    a4 * a1 * a2 + b3 * a1 * a2 + b3 * b4 * a2 + b3 * b4 * b1,
    a1 * a2 * a3 + b4 * a2 * a3 + b4 * b1 * a3 + b4 * b1 * b2,
  ];
}

export function cycleFlux(a, b) {
  const w = weights(a, b);
  return (a[0] * a[1] * a[2] * a[3] - b[0] * b[1] * b[2] * b[3]) / (w[0] + w[1] + w[2] + w[3]);
}

export function stateOccupancy(a, b) {
  const w = weights(a, b);
  const total = w[0] + w[1] + w[2] + w[3];
  return w.map((x) => x / total);
}

export function pumpCycleRate(pump, c) {
  const { a, b } = cycleRates(pump, c);
  return cycleFlux(a, b);
}

// The net rate at each membrane potential of vGrid (mV), the other conditions of c checked once
// (an I–V-like curve).
export function rateCurve(pump, c, vGrid) {
  const checked = conditions(pump, { ...c, v_mV: vGrid[0] });
  for (const v of vGrid) checkRange("v_mV", v, "mV", ...(pump.limits?.v_mV ?? [-Infinity, Infinity]));
  return vGrid.map((v) => {
    const { a, b } = ratesOfChecked(pump, { ...checked, v_mV: v });
    return cycleFlux(a, b);
  });
}

// V_rev = (3RT ln([Na]o/[Na]i) + 2RT ln([K]i/[K]o) + ΔG_ATP) / (1·F), mV.
export function pumpReversalPotential(pump, cIn) {
  const c = conditions(pump, { v_mV: 0, ...cIn });
  const rt = rtJPerMol(pump, c.temperature_C) * 1e-3; // kJ/mol
  const chem = pump.na_out * rt * Math.log(c.na_out_mM / c.na_in_mM) + pump.k_in * rt * Math.log(c.k_in_mM / c.k_out_mM);
  return ((chem + c.atp_free_energy_kJ_per_mol) / (pump.net_charge_out * pump.faraday * 1e-3)) * 1e3;
}

// charges/(µm² s) × e (C) × 1e8 µm²/cm² -> A/cm²; × 1e6 -> µA/cm²
export function pumpCurrent(pump, ratePerS, densityPerUm2 = pump.params.density_per_um2, netCharge = pump.net_charge_out) {
  return ratePerS * densityPerUm2 * netCharge * pump.elementary_charge * 1e8 * 1e6;
}

// For tests/frontend/test_parity.py (parity_cli.mjs): the deterministic numbers of one set.
export function computeDeterministic(params, values) {
  const pump = params.pump;
  const { a, b } = cycleRates(pump, values);
  return {
    rate_per_s: cycleFlux(a, b),
    v_rev_mV: pumpReversalPotential(pump, values),
    a, b, occupancy: stateOccupancy(a, b),
    temperature_factor: pumpTemperatureFactor(pump, conditions(pump, values).temperature_C),
  };
}

// ---------------------------------------------------------------------------------------------
// The stochastic pump (nakmodel.pump.simulate_pump_cycles): Gillespie over the same four lumped
// states and eight rates, recorded in the six named states of pump.states with the same display
// sub-steps. The random numbers come from a seeded xoshiro128** (not numpy's generator), so a
// run here is another realisation of the same process as nakmodel's run with the same seed.


export function simulatePumpCycles(pump, cIn, { durationS = null, nCycles = null, seed = 0, maxEvents = 1e7 } = {}) {
  if ((durationS === null) === (nCycles === null)) throw new Error("give exactly one of nCycles or durationS");
  if (durationS !== null && !(durationS > 0)) throw new Error(`durationS = ${durationS} s must be above 0`);
  if (nCycles !== null && !(nCycles >= 1)) throw new Error(`nCycles = ${nCycles} must be 1 or more`);
  const c = conditions(pump, cIn);
  if (!(c.atp_mM > 0)) throw new Error("atp_mM must be > 0 for the stochastic pump");
  const { a, b } = cycleRates(pump, c);
  const kb = pump.display_binding_rate_per_s;
  const rng = xoshiro128ss(seed);
  // lumped state k (0..3): forward a[k] to k+1, backward to k-1 with b[k-1]
  const bwd = [b[3], b[0], b[1], b[2]];
  const tot = a.map((x, k) => x + bwd[k]);
  const pFwd = a.map((x, k) => x / tot[k]);
  const dNa = [0, pump.na_out, 0, 0];
  const dK = [0, 0, 0, pump.k_in];
  const dAtp = [1, 0, 0, 0];
  const entryFwd = [0, 2, 3, 5]; // E1 (K+ released), E1P·3Na, E2P (Na+ released), E2·2K
  const entryBwd = [1, 2, 4, 5]; // E1·3Na (from E1P), E1P·3Na, E2P·2K (from E2·2K), E2·2K
  const ts = [0];
  const st = [0];
  const nas = [0];
  const ks = [0];
  const atps = [0];
  const lumpedTime = [0, 0, 0, 0];
  let t = 0;
  let k = 0;
  let na = 0;
  let kk = 0;
  let atp = 0;
  let named = 0;
  let events = 0;
  const tEnd = durationS === null ? Infinity : durationS;
  const target = nCycles === null ? Infinity : nCycles;
  while (!(k === 0 && Math.abs(atp) >= target)) {
    const dwell = rng.exponential() / tot[k];
    const forward = rng.uniform() < pFwd[k];
    const sub = rng.exponential();
    if (t + dwell > tEnd) {
      lumpedTime[k] += tEnd - t;
      t = tEnd;
      break;
    }
    lumpedTime[k] += dwell;
    // the display sub-step (last ion bound) before leaving the E1 or the P-E2 pool
    const need = k === 0 ? (forward ? 1 : 0) : k === 2 ? (forward ? 4 : 3) : named;
    const tNew = t + dwell;
    if (need !== named) {
      ts.push(tNew - Math.min(sub / kb, 0.5 * dwell));
      st.push(need);
      nas.push(na);
      ks.push(kk);
      atps.push(atp);
    }
    if (forward) {
      na += dNa[k];
      kk += dK[k];
      atp += dAtp[k];
      k = (k + 1) % 4;
      named = entryFwd[k];
    } else {
      const kp = (k + 3) % 4;
      na -= dNa[kp];
      kk -= dK[kp];
      atp -= dAtp[kp];
      k = kp;
      named = entryBwd[k];
    }
    t = tNew;
    ts.push(t);
    st.push(named);
    nas.push(na);
    ks.push(kk);
    atps.push(atp);
    if (++events > maxEvents) throw new Error(`maxEvents = ${maxEvents} events was reached`);
  }
  const duration = durationS === null ? t : durationS;
  return {
    t_s: ts, state: st, na_out: nas, k_in: ks, atp_used: atps, duration_s: duration,
    net_cycles: atp, mean_rate_per_s: duration > 0 ? atp / duration : NaN, lumped_time_s: lumpedTime,
  };
}

// nakmodel.pump.run_duration_s: about run.target_cycles cycles, rounded up to 1, 2, 2.5 or 5 × 10^k s
// and clipped to [run.min_s, run.max_s].
export function runDurationS(run, ratePerS) {
  const r = Math.abs(ratePerS);
  if (r === 0 || !Number.isFinite(r)) return run.max_s;
  const target = run.target_cycles / r;
  const decade = 10 ** Math.floor(Math.log10(target));
  const nice = [1, 2, 2.5, 5, 10].map((m) => m * decade).find((x) => x >= target * (1 - 1e-12));
  return Math.min(Math.max(nice, run.min_s), run.max_s);
}

// v grid as numpy.linspace(lo, hi, n)
export function linspace(lo, hi, n) {
  const step = (hi - lo) / (n - 1);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? hi : lo + i * step));
}

// The cycle explorer's numbers (nakmodel.widgets.pump_cycle.CycleExplorer.compute): the
// deterministic rate curve, rate and reversal potential at the controls, and one seeded run.
export function compute(params, values) {
  const pump = params.pump;
  const c = {
    na_in_mM: values.na_in, k_out_mM: values.k_out, v_mV: values.v_mV,
    atp_free_energy_kJ_per_mol: values.dg_atp, atp_mM: values.atp,
  };
  const rate = pumpCycleRate(pump, c);
  const curve = rateCurve(pump, c, linspace(params.v_range_mV[0], params.v_range_mV[1], params.v_points));
  const vRev = pumpReversalPotential(pump, c);
  const durationS = runDurationS(params.run, rate);
  const run = simulatePumpCycles(pump, c, { durationS, seed: params.run.seed });
  const end = (a) => a[a.length - 1];
  return {
    rate, v_rev: vRev, curve,
    run: {
      // t_ms a list here (the kernel sends one comma-separated string; the front end takes both)
      t_ms: run.t_s.map((x) => x * 1e3), states: run.state.join(""), duration_ms: durationS * 1e3,
      mean_rate: run.mean_rate_per_s, totals: [end(run.na_out), end(run.k_in), end(run.atp_used)],
      generator: "xoshiro128**",
    },
  };
}

// The cumulative counts of a run from its named states alone (pump.step_counts: what each forward
// step between named states moves; a backward step subtracts it): {state, na_out, k_in, atp_used}.
export function runCounts(pump, states) {
  const st = typeof states === "string" ? Array.from(states, Number) : states;
  const n = pump.states.length;
  const table = new Int32Array(n * n * 3); // table[(from * n + to) * 3 + ion]
  for (const [a, b, ...m] of pump.step_counts) {
    for (let j = 0; j < 3; j++) {
      table[(a * n + b) * 3 + j] = m[j];
      table[(b * n + a) * 3 + j] = -m[j];
    }
  }
  const len = st.length;
  const na = new Array(len);
  const k = new Array(len);
  const atp = new Array(len);
  na[0] = k[0] = atp[0] = 0;
  for (let i = 1; i < len; i++) {
    const o = (st[i - 1] * n + st[i]) * 3;
    na[i] = na[i - 1] + table[o];
    k[i] = k[i - 1] + table[o + 1];
    atp[i] = atp[i - 1] + table[o + 2];
  }
  return { state: st, na_out: na, k_in: k, atp_used: atp };
}

// The net cycle rate as a function of [Na+]i alone, everything else of c fixed (for integrators
// that call it thousands of times, ports/rundown.js): the same expressions as cycleRates with the
// [Na+]i-independent parts computed once. Checked against pumpCycleRate in the parity tests.
export function cycleRateOfNaIn(pump, cIn) {
  const c = conditions(pump, { ...cIn, na_in_mM: cIn.na_in_mM ?? 1 });
  const p = pump.params;
  const rt = rtJPerMol(pump, c.temperature_C);
  const u = (c.v_mV * 1e-3 * pump.faraday) / rt;
  const s = pumpTemperatureFactor(pump, c.temperature_C);
  const atp = c.atp_mM === 0 ? Number.MIN_VALUE : c.atp_mM;
  const nNa = pump.na_out;
  const nK = pump.k_in;
  const kNaI = p.kd_na_in0_mM * Math.exp((p.delta * u) / nNa);
  const kNaO = p.kd_na_out0_mM * Math.exp(((1 + p.delta) * u) / nNa);
  const kTermIn = (1 + c.k_in_mM / p.kd_k_in_mM) ** nK - 1;
  const dOut = (1 + c.na_out_mM / kNaO) ** nNa + (1 + c.k_out_mM / p.kd_k_out_mM) ** nK - 1;
  const b1 = s * p.k1_bwd_per_mM_adp * p.adp_mM;
  const a2 = s * p.k2_fwd;
  const b2 = (s * p.k2_bwd * (c.na_out_mM / kNaO) ** nNa) / dOut;
  const a3 = (s * p.k3_fwd * (c.k_out_mM / p.kd_k_out_mM) ** nK) / dOut;
  const a4 = (s * p.k4_fwd * atp) / (atp + p.km_atp_mM);
  const b4num = s * p.k4_bwd * (c.k_in_mM / p.kd_k_in_mM) ** nK;
  const rest = nK * Math.log(c.k_in_mM / c.k_out_mM) - pump.net_charge_out * u
    + (c.atp_free_energy_kJ_per_mol * 1e3) / rt;
  const a = [0, a2, a3, a4];
  const b = [b1, b2, 0, 0];
  return (naIn) => {
    if (!(naIn > 0)) throw new Error(`na_in_mM = ${naIn} mM must be above 0`);
    const dIn = (1 + naIn / kNaI) ** nNa + kTermIn;
    const a1 = (s * p.k1_fwd * (naIn / kNaI) ** nNa) / dIn;
    const b4 = b4num / dIn;
    const logB3 = Math.log(a1) + Math.log(a2) + Math.log(a3) + Math.log(a4) - Math.log(b1) - Math.log(b2)
      - Math.log(b4) + nNa * Math.log(c.na_out_mM / naIn) + rest;
    a[0] = a1;
    b[2] = Math.exp(logB3);
    b[3] = b4;
    return cycleFlux(a, b);
  };
}
