// Port of nakmodel.widgets.live.energy.EnergyLive.compute (nakmodel.energy: atp_rate_per_cell,
// neuron_membrane_area_cm2, brain_energy_budget). Every number comes from params (Python export);
// Na+ entry per spike per spike model was computed by nakmodel's HH runs at build time.

export function membraneAreaCm2(somaUm, axonDiameterUm, axonLengthUm) {
  return (Math.PI * somaUm ** 2 + Math.PI * axonDiameterUm * axonLengthUm) * 1e-8;
}

// Shares of brain ATP at rate f: spike-driven categories scale with f, resting potentials stay,
// housekeeping is a fixed share of the total at the published rate (Attwell & Laughlin 2001).
export function brainBudget(params, rateHz, source) {
  const base = params.budgets[source];
  const scale = rateHz / params.budget_rate_hz;
  const raw = {};
  for (const [k, v] of Object.entries(base)) raw[k] = k === "resting_potentials" ? v : v * scale;
  const sigTotal = Object.values(raw).reduce((a, b) => a + b, 0);
  if (!(sigTotal > 0)) throw new Error("this rate gives zero signalling energy");
  const hk = params.housekeeping_fraction;
  const hkAbs = hk / (1 - hk);
  const total = sigTotal + hkAbs;
  const totalShares = {};
  let pumpSig = 0;
  let pumpTot = 0;
  for (const [k, v] of Object.entries(raw)) {
    totalShares[k] = v / total;
    pumpSig += (v / sigTotal) * params.pump_share_of_category[k];
    pumpTot += (v / total) * params.pump_share_of_category[k];
  }
  totalShares.housekeeping = hkAbs / total;
  return { total_shares: totalShares, pump_share_of_signalling: pumpSig, pump_share_of_total: pumpTot };
}

export function compute(params, values) {
  const na = params.na_entry_pmol_cm2[values.spike_model];
  if (na === undefined) throw new Error(`unknown spike model ${values.spike_model}`);
  const source = params.sources[values.budget_source];
  if (source === undefined) throw new Error(`unknown budget ${values.budget_source}`);
  const area = membraneAreaCm2(params.soma_diameter_um, values.axon_diameter_um, values.axon_length_mm * 1e3);
  const perSpike = (na / params.na_per_atp) * 1e-12 * area * params.avogadro; // ATP molecules per spike
  const atpPerS = perSpike * values.rate_hz;
  return {
    na_entry_pmol_cm2: na, area_cm2: area, atp_per_spike: perSpike, atp_per_s: atpPerS,
    glucose_per_s: atpPerS / params.atp_per_glucose,
    curve_atp_per_s: params.rate_grid_hz.map((r) => perSpike * r),
    budget: brainBudget(params, values.rate_hz, source),
  };
}
