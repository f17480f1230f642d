// Port of nakmodel.widgets.live.cotransport.CotransportLive.compute (nakmodel.cotransport:
// sglt_max_accumulation, sglt_flux, ncx_reversal_potential; nakmodel.electrochem.nernst).
// Closed forms; every constant (R, F, temperature, couplings, K_0.5, Ca2+, grids) comes from params.

import { nernstPotential } from "./nernst.js";

function rtOverF(params) {
  return (params.gas_constant * (params.temperature_C + params.zero_celsius_K)) / params.faraday * 1e3;
}

// [G]i/[G]o at equilibrium: ([Na]o/[Na]i)^n exp(-nFV/RT)
export function maxAccumulation(n, vMV, naOut, naIn, rtf) {
  return (naOut / naIn) ** n * Math.exp((-n * vMV) / rtf);
}

// J/J_max = [G]o/([G]o + K_0.5) (1 - ([G]i/[G]o)/R_max)
export function sgltFlux(gOut, gIn, km, rMax) {
  return gOut / (gOut + km) * (1 - (gIn / gOut) / rMax);
}

export function compute(params, values) {
  const { v_mV: v, na_in: naIn, na_out: naOut, glucose_in: gIn } = values;
  if (!(naIn > 0 && naOut > 0)) throw new Error("[Na⁺] must be above 0 mM on both sides");
  if (!(gIn >= 0)) throw new Error("glucose inside must be 0 mM or more");
  const rtf = rtOverF(params);
  const out = { ratio: {}, curves: {}, flux: {}, flux_ref: {} };
  for (const t of params.transporters) {
    const r = maxAccumulation(t.n_na, v, naOut, naIn, rtf);
    out.ratio[t.name] = r;
    out.curves[t.name] = params.v_grid_mV.map((vg) => maxAccumulation(t.n_na, vg, naOut, naIn, rtf));
    out.flux[t.name] = params.glucose_grid_mM.map((g) => sgltFlux(g, gIn, t.km_glucose_mM, r));
    out.flux_ref[t.name] = sgltFlux(params.reference_glucose_mM, gIn, t.km_glucose_mM, r);
  }
  const t = params.temperature_C;
  out.e_na = nernstPotential(params, params.valence_na, naOut, naIn, t);
  const eCa = nernstPotential(params, params.valence_ca, params.ca_out_mM, params.ca_in_mM, t);
  const n = params.ncx_na_per_ca;
  out.e_ncx = (n * out.e_na - params.valence_ca * eCa) / (n - params.valence_ca);
  return out;
}
