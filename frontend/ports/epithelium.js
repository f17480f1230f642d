// Port of nakmodel.widgets.live.epithelium.EpitheliumLive.compute: the steady state of
// nakmodel.cotransport.epithelium_glucose_steady_state (lumen | cell | blood; SGLT1, other apical
// Na+ entry, GLUT2, the Na+/K+ pump) by the same nested root searches (brentq.js), and the apical
// potential of coupled_apical_voltage (its table, interpolated linearly like numpy.interp).
// Every parameter comes from params (EpitheliumParams and the constants, exported by Python).

import { brentq } from "./brentq.js";

// numpy.interp on an increasing grid (clamped at the ends)
export function interp(x, xp, fp) {
  if (x <= xp[0]) return fp[0];
  const last = xp.length - 1;
  if (x >= xp[last]) return fp[last];
  let j = 0;
  while (xp[j + 1] < x) j++;
  if (x === xp[j + 1]) return fp[j + 1];
  const slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
  return slope * (x - xp[j]) + fp[j];
}

export function apicalVoltage(params, values) {
  const v0 = params.epithelium.v_apical_mV;
  if (values.apical_vm !== params.coupled_option) return v0;
  return v0 + interp(values.pump_fraction, params.coupling_f, params.coupling_dv_mV);
}

export function steadyState(params, gL, gB, f, v) {
  const e = params.epithelium;
  const rs = params.root_search;
  if (!(gL > 0 && gB > 0)) throw new Error("glucose must be above 0 mM in lumen and blood");
  if (!(f >= 0 && f <= 1)) throw new Error("pump activity must be between 0 and 1");
  const naL = e.na_lumen_mM;
  const js = e.sglt_j_max_mM_s;
  const jg = e.glut2_j_max_mM_s;
  const kg = e.glut2_km_mM;
  const jp = e.pump_j_max_mM_s;
  const kp = params.pump_site_K_mM;
  const kl = e.na_leak_per_s;
  const rtf = (params.gas_constant * (e.temperature_C + params.zero_celsius_K)) / params.faraday * 1e3;
  const n = params.sglt_n_na;
  const sites = params.pump_na_out;
  const sat = js * gL / (gL + params.sglt_km_glucose_mM); // SGLT1 flux at zero cell glucose
  const effluxB = gB / (gB + kg);
  const vFactor = Math.exp((-n * v) / rtf);
  const rMax = (naC) => (naL / naC) ** n * vFactor;
  const glucoseBalance = (gC, r) => sat * (1 - (gC / gL) / r) - jg * (gC / (gC + kg) - effluxB);
  const cellGlucose = (naC) => {
    const r = rMax(naC);
    if (glucoseBalance(0, r) <= 0) return 0;
    let hi = Math.max(gL * r, gB, 1);
    while (glucoseBalance(hi, r) > 0) hi *= 2;
    return brentq((g) => glucoseBalance(g, r), 0, hi, rs.xtol_glucose_mM, rs.rtol, rs.maxiter);
  };
  const fluxes = (naC) => {
    const gC = cellGlucose(naC);
    return [gC, sat * (1 - (gC / gL) / rMax(naC)), jg * (gC / (gC + kg) - effluxB),
      f * jp * (naC / (naC + kp)) ** sites, kl * (naL - naC)];
  };
  const naBalance = (naC) => {
    const [, jS, , jP, jL] = fluxes(naC);
    return n * jS + jL - params.pump_na_out * jP;
  };
  const lo = rs.na_bracket_lo * naL;
  let hi = rs.na_bracket_hi * naL;
  while (naBalance(hi) > 0) hi *= 2;
  const naC = brentq(naBalance, lo, hi, rs.xtol_na_mM, rs.rtol, rs.maxiter);
  const [gC, jS, jG, jP, jL] = fluxes(naC);
  return {
    glucose_flux_mM_s: jG, sglt_flux_mM_s: jS, glut2_flux_mM_s: jG, pump_rate_mM_s: jP, na_leak_mM_s: jL,
    na_cell_mM: naC, glucose_cell_mM: gC, max_accumulation: rMax(naC), pump_fraction: f,
  };
}

export function compute(params, values) {
  const v = apicalVoltage(params, values);
  return { ...steadyState(params, values.glucose_lumen, values.glucose_blood, values.pump_fraction, v), v_apical_mV: v };
}
