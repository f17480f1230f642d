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
//   pumpReversalPotential(pump, c)     -> mV
//   pumpCurrent(pump, ratePerS, densityPerUm2, netCharge) -> µA/cm² (outward positive)
// c (conditions) uses nakmodel's argument names: na_in_mM, k_out_mM, v_mV, and optionally
// na_out_mM, k_in_mM, atp_free_energy_kJ_per_mol, temperature_C, atp_mM.

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
  const c = conditions(pump, cIn);
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
