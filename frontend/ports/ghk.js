// Port of nakmodel.widgets.live.ghk.GHKLive.compute (nakmodel.electrochem.ghk_voltage, nernst):
// V = RT/F ln((P_K[K]o + P_Na[Na]o + P_Cl[Cl]i) / (P_K[K]i + P_Na[Na]i + P_Cl[Cl]o)), P_K = 1.
// Every constant comes from params (exported by Python).

import { nernstPotential } from "./nernst.js";

function ghk(params, pNa, pCl, co, ci) {
  const rtOverF = (params.gas_constant * (params.temperature_C + params.zero_celsius_K)) / params.faraday * 1e3;
  const num = co.K + pNa * co.Na + pCl * ci.Cl;
  const den = ci.K + pNa * ci.Na + pCl * co.Cl;
  return rtOverF * Math.log(num / den);
}

export function compute(params, values) {
  const co = {};
  const ci = {};
  for (const ion of params.ions) {
    co[ion] = values[`${ion.toLowerCase()}_out`];
    ci[ion] = values[`${ion.toLowerCase()}_in`];
    if (!(co[ion] > 0 && ci[ion] > 0)) throw new Error(`[${ion}] must be above 0 mM on both sides`);
  }
  if (!(values.pna_pk >= 0 && values.pcl_pk >= 0)) throw new Error("permeability ratios must be 0 or more");
  const E = {};
  for (const ion of params.ions) E[ion] = nernstPotential(params, params.valence[ion], co[ion], ci[ion], params.temperature_C);
  // the swept curve: n ratios evenly spaced in log between sweep_min and sweep_max (numpy.geomspace)
  const { sweep_min: lo, sweep_max: hi, sweep_n: n } = params;
  const ratio = [];
  const vm = [];
  for (let i = 0; i < n; i++) {
    const r = i === 0 ? lo : i === n - 1 ? hi : lo * (hi / lo) ** (i / (n - 1));
    ratio.push(r);
    vm.push(ghk(params, r, values.pcl_pk, co, ci));
  }
  return { E, vm: ghk(params, values.pna_pk, values.pcl_pk, co, ci), sweep: { ratio, vm } };
}
