// Port of the run-down explorer (nakmodel.widgets.action_potentials.RundownExplorer.compute) and of
// nakmodel.hh.rundown.spike_train_rundown / max_sustainable_rate_hz: time-scale separation, each
// spike adds Q_Na·(4/d) to [Na+]i; between spikes the cycle-model pump (ports/pump_cycle.js) ×
// density removes the extra Na+. Per-spike loads and reference states come from nakmodel's HH
// runs through params.cases; the page integrates no HH model.
//   d[Na]i/dt = (4/d)·[f·Q_Na − 3·(J([Na]i) − J([Na]i⁰))],  J in pmol/cm²/s, [K+]i held at rest in J
// Only [Na+]i is integrated ([K+]i is not shown): Dormand–Prince 5(4) (core/ode.js), the first
// crossing of the criterion located by bisection.

import { integrate } from "../core/ode.js";
import { cycleRateOfNaIn, linspace, pumpCycleRate } from "./pump_cycle.js";

function rtOverFmV(pump, temperatureC) {
  return ((pump.gas_constant * (temperatureC + pump.zero_celsius_K)) / pump.faraday) * 1e3;
}

// Pump cycles per cm² per second, pmol/cm²/s (nakmodel.hh.rundown.pump_flux_pmol_cm2_s at the
// case's [K+]o, [Na+]o, resting potential and temperature).
export function pumpFlux(params, cs, naIn, kIn = cs.k_in_mM) {
  const rate = pumpCycleRate(params.pump, {
    na_in_mM: naIn, k_out_mM: cs.k_out_mM, v_mV: cs.v_rest_mV, na_out_mM: cs.na_out_mM, k_in_mM: kIn,
    atp_free_energy_kJ_per_mol: params.atp_free_energy_kJ_per_mol, temperature_C: cs.temperature_C,
  });
  return (rate * params.density_per_um2) / params.molecules_per_um2_per_pmol_cm2;
}

// Highest rate (Hz) with E_Na held within the criterion: 3·(J(crit) − J(rest)) / Q_Na.
export function maxSustainableRateHz(params, cs) {
  const naCrit = cs.na_in_mM * Math.exp(params.e_na_drop_mV / rtOverFmV(params.pump, cs.temperature_C));
  const spare = params.pump.na_out * (pumpFlux(params, cs, naCrit) - pumpFlux(params, cs, cs.na_in_mM));
  return spare / cs.na_per_spike_pmol_cm2;
}

// One train: samples of [Na+]i and E_Na with the pump stopped (closed form) and, if pumpOn, working.
export function spikeTrainRundown(params, cs, diameterUm, rateHz, nSpikes, pumpOn) {
  const [dLo, dHi] = params.limits.diameter_um;
  const [fLo, fHi] = params.limits.rate_hz;
  if (!(diameterUm >= dLo && diameterUm <= dHi)) throw new Error(`diameter_um = ${diameterUm} µm is outside [${dLo}, ${dHi}]`);
  if (!(rateHz > fLo && rateHz <= fHi)) throw new Error(`rate_hz = ${rateHz} Hz is outside (${fLo}, ${fHi}]`);
  const pump = params.pump;
  const rtf = rtOverFmV(pump, cs.temperature_C);
  const sOverV = params.step_mM_per_pmol_cm2_um / diameterUm; // mM per pmol/cm²
  const qna = cs.na_per_spike_pmol_cm2;
  const dna = qna * sOverV;
  const na0 = cs.na_in_mM;
  const naCrit = na0 * Math.exp(params.e_na_drop_mV / rtf);
  const n = linspace(0, nSpikes, params.n_points);
  const eNa = (c) => rtf * Math.log(cs.na_out_mM / c);
  const naOff = n.map((x) => na0 + x * dna);
  const nOff = dna > 0 ? (naCrit - na0) / dna : Infinity;
  const out = { spike_number: n, na_in_pump_off_mM: naOff, e_na_pump_off_mV: naOff.map(eNa), na_step_mM: dna,
    spikes_to_criterion_pump_off: nOff };
  if (!pumpOn) return out;
  const j0 = pumpFlux(params, cs, na0);
  const rateOfNa = cycleRateOfNaIn(pump, {
    k_out_mM: cs.k_out_mM, v_mV: cs.v_rest_mV, na_out_mM: cs.na_out_mM, k_in_mM: cs.k_in_mM,
    atp_free_energy_kJ_per_mol: params.atp_free_energy_kJ_per_mol, temperature_C: cs.temperature_C,
  });
  const flux = (na) => (rateOfNa(na) * params.density_per_um2) / params.molecules_per_um2_per_pmol_cm2;
  const f = (t, y) => [sOverV * (rateHz * qna - pump.na_out * (flux(Math.min(Math.max(y[0], 1e-6), 2e3)) - j0))];
  const tOut = n.map((x) => x / rateHz);
  const sol = integrate(f, [na0], tOut, { event: (t, y) => y[0] - naCrit });
  const naOn = sol.y.map((y) => y[0]);
  let nOn = sol.event === null ? Infinity : sol.event * rateHz;
  if (sol.event === null) {
    // beyond the train: does the load outrun the pump's extra flux at the criterion?
    const spare = pump.na_out * (flux(naCrit) - j0);
    if (rateHz * qna > spare && Number.isFinite(nOff)) nOn = NaN;
  }
  return { ...out, na_in_mM: naOn, e_na_mV: naOn.map(eNa), spikes_to_criterion_pump_on: nOn };
}

// float(f"{x:.3g}") of the train length, clipped to [min, max]
function trainSpikes(train, nPerCriterion, factor) {
  return Number(Math.min(Math.max(factor * nPerCriterion, train.min_spikes), train.max_spikes).toPrecision(3));
}

export function compute(params, values) {
  const cs = params.cases[values.case];
  if (!cs) throw new Error(`unknown neuron model ${values.case}`);
  const pumpOn = values.pump === params.pump_states[1];
  if (!pumpOn && values.pump !== params.pump_states[0]) throw new Error(`unknown pump state ${values.pump}`);
  const d = values.diameter_um;
  const rate = values.rate_hz;
  const nOff = spikeTrainRundown(params, cs, d, rate, 1, false).spikes_to_criterion_pump_off;
  let r = spikeTrainRundown(params, cs, d, rate, trainSpikes(params.train, nOff, params.train.factor), pumpOn);
  if (pumpOn && Number.isNaN(r.spikes_to_criterion_pump_on)) {
    r = spikeTrainRundown(params, cs, d, rate, trainSpikes(params.train, nOff, params.train.factor_long), pumpOn);
  }
  const nCrit = pumpOn ? r.spikes_to_criterion_pump_on : r.spikes_to_criterion_pump_off;
  const status = nCrit === Infinity ? "never" : Number.isNaN(nCrit) ? "beyond" : "reached";
  return {
    spike_number: r.spike_number, na_in_mM: pumpOn ? r.na_in_mM : r.na_in_pump_off_mM,
    e_na_mV: pumpOn ? r.e_na_mV : r.e_na_pump_off_mV, na_in_pump_off_mM: r.na_in_pump_off_mM,
    e_na_pump_off_mV: r.e_na_pump_off_mV, spikes_to_criterion: status === "reached" ? nCrit : null, status,
    na_step_mM: r.na_step_mM, na_per_spike_pmol_cm2: cs.na_per_spike_pmol_cm2,
    max_sustainable_rate_hz: maxSustainableRateHz(params, cs),
  };
}
