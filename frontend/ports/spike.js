// Port of nakmodel.widgets.live.spike.SpikeLive.compute (nakmodel.hh.simulate_hh,
// nakmodel.hh.spike_ion_budget) for the static book: a fixed-step run of the Hodgkin–Huxley (1952)
// or Wang–Buzsáki (1996) membrane.
//
// Integrator: classic 4th-order Runge–Kutta on (V, m, h, n, Q_Na, Q_K) with a fixed step
// params.dt_ms (0.01 ms); the rates come from a table on a fine voltage grid (params.rate_grid,
// 0.05 mV, built once per model from the rate formulas), as NEURON does, which makes a run ~4x
// faster than evaluating six exponentials per stage. Why RK4 and not Rush–Larsen (exponential Euler on the gates): the parity
// targets (spike times within 0.1 ms, peak within 1 mV, Na+ entry within 1 % of LSODA at rtol
// 1e-6) need a high-order method; Rush–Larsen is first order in V and needs steps ~10x smaller
// for the same error. RK4's stability limit (|λ|·dt < 2.8) is met with room: the fastest rate,
// g_Na/C with every Na+ channel open (plus g_K/C), times 0.01 ms is about 1.6, and the gates'
// φ·(α+β) at 30 °C about 1.3. The charges Q_Na and Q_K are the time integrals of the Na+ and K+
// currents, integrated as state variables (as nakmodel does), so the ion bill is as accurate as V.
//
// Every rate form, coefficient, conductance, reversal, capacitance, Q10 and stimulus protocol comes
// from params (nakmodel.hh.models.rate_table and the Python app); nothing physiological is typed here.

function rateFunction(r) {
  const { form, a_per_ms: a, v_half_mV: vh, k_mV: k } = r;
  const ik = 1 / k;
  if (form === "linoid") {
    return (v) => {
      const x = (v - vh) * ik;
      return x !== 0 ? (a * x) / -Math.expm1(-x) : a;
    };
  }
  if (form === "exponential") return (v) => a * Math.exp((vh - v) * ik);
  if (form === "sigmoid") return (v) => a / (1 + Math.exp((vh - v) * ik));
  throw new Error(`unknown rate form ${form}`);
}

// The six rates (α_m, β_m, α_h, β_h, α_n, β_n, before φ) at every node of a voltage grid, interleaved;
// rhs interpolates linearly between nodes (relative error ≤ step²/(8k²) ≈ 3e-6 for k = 10 mV,
// step 0.05 mV) and evaluates the formulas outside the grid. One table per model and page.
const tables = new WeakMap();
function rateGrid(table, rates, grid) {
  let tab = tables.get(table);
  if (tab === undefined) {
    const n = Math.round((grid.max_mV - grid.min_mV) / grid.step_mV);
    tab = new Float64Array((n + 1) * 6);
    for (let i = 0; i <= n; i++) {
      const v = grid.min_mV + i * grid.step_mV;
      for (let r = 0; r < 6; r++) tab[i * 6 + r] = rates[r](v);
    }
    tables.set(table, tab);
  }
  return tab;
}

// The model of rate_table(model) at temperature_C: rates, φ, currents; `grid` ({min_mV, max_mV,
// step_mV}) tabulates the rates for the integrator.
export function makeModel(table, temperatureC, grid = null) {
  const g = table.gates;
  const rates = ["m", "h", "n"].map((x) => [rateFunction(g[x].alpha), rateFunction(g[x].beta)]);
  const tab = grid ? rateGrid(table, rates.flat(), grid) : null;
  let phi = table.phi_fixed;
  let temp = table.temperature_C;
  if (table.q10 > 0) {
    temp = temperatureC ?? table.temperature_C;
    phi = table.q10 ** ((temp - table.temperature_C) / 10);
  }
  const [[am, bm], [ah, bh], [an, bn]] = rates;
  // rate r (0..5) at v as the integrator sees it (the table inside the grid), so that the resting
  // state below is a fixed point of the integrated system
  const flat = rates.flat();
  const look = (v, r) => {
    if (tab) {
      const x = (v - grid.min_mV) / grid.step_mV;
      if (x >= 0 && x < tab.length / 6 - 1) {
        const i = x | 0;
        return tab[i * 6 + r] + (x - i) * (tab[i * 6 + 6 + r] - tab[i * 6 + r]);
      }
    }
    return flat[r](v);
  };
  const ratio = (v, r) => look(v, r) / (look(v, r) + look(v, r + 1));
  const mInf = (v) => ratio(v, 0);
  const inf = (v) => [ratio(v, 0), ratio(v, 2), ratio(v, 4)];
  const currents = (v, m, h, n, lock) => [
    table.g_na_mS_cm2 * m ** 3 * ((1 - lock) * h + lock) * (v - table.e_na_mV),
    table.g_k_mS_cm2 * n ** 4 * (v - table.e_k_mV),
    table.g_leak_mS_cm2 * (v - table.e_leak_mV),
  ];
  return { table, phi, temp, am, bm, ah, bh, an, bn, mInf, inf, currents, tab, grid };
}

// Resting state: the root of the total ionic current with the gates at steady state, searched
// near the nominal rest, then over a wide range (as nakmodel.hh.simulate.resting_state).
export function restingState(M, lock) {
  const total = (v) => {
    const [m, h, n] = M.inf(v);
    return M.currents(v, m, h, n, lock).reduce((s, x) => s + x, 0);
  };
  for (const [lo0, hi0] of M.table.rest_brackets_mV) {
    let lo = lo0;
    let hi = hi0;
    if (!(total(lo) < 0 && total(hi) > 0)) continue;
    for (let i = 0; i < 64 && hi - lo > 1e-12; i++) {
      const mid = 0.5 * (lo + hi);
      if (total(mid) < 0) lo = mid;
      else hi = mid;
    }
    const v = 0.5 * (lo + hi);
    return [v, ...M.inf(v)];
  }
  const v0 = M.table.v_rest_mV;
  return [v0, ...M.inf(v0)];
}

// One fixed-step run: current `amp` (µA/cm²) from onset to off (ms) in a window of `duration` ms.
// Returns every `every`-th sample of V, m, h, n, I_Na, I_K and the totals over the run.
export function run(M, { amp, duration, onset, off, lock, dt, every }) {
  const t = M.table;
  const c = t.c_uF_cm2;
  const inst = t.m_instantaneous;
  const { phi, am, bm, ah, bh, an, bn, tab } = M;
  const vLo = tab ? M.grid.min_mV : 0;
  const perMV = tab ? 1 / M.grid.step_mV : 0;
  const nodes = tab ? tab.length / 6 - 1 : 0;
  const gna = t.g_na_mS_cm2;
  const gk = t.g_k_mS_cm2;
  const gl = t.g_leak_mS_cm2;
  const ena = t.e_na_mV;
  const ek = t.e_k_mV;
  const el = t.e_leak_mV;
  // dy/dt for y = (V, m, h, n, Q_Na, Q_K) into `out`; Q in nC/cm², outward positive
  const rhs = (V, m, h, n, I, out) => {
    let aM;
    let bM;
    let aH;
    let bH;
    let aN;
    let bN;
    const x = (V - vLo) * perMV;
    if (tab && x >= 0 && x < nodes) {
      const i = x | 0;
      const f = x - i;
      const j = i * 6;
      aM = tab[j] + f * (tab[j + 6] - tab[j]);
      bM = tab[j + 1] + f * (tab[j + 7] - tab[j + 1]);
      aH = tab[j + 2] + f * (tab[j + 8] - tab[j + 2]);
      bH = tab[j + 3] + f * (tab[j + 9] - tab[j + 3]);
      aN = tab[j + 4] + f * (tab[j + 10] - tab[j + 4]);
      bN = tab[j + 5] + f * (tab[j + 11] - tab[j + 5]);
    } else {
      aM = am(V);
      bM = bm(V);
      aH = ah(V);
      bH = bh(V);
      aN = an(V);
      bN = bn(V);
    }
    let dm = 0;
    if (inst) m = aM / (aM + bM);
    else dm = phi * (aM * (1 - m) - bM * m);
    const n2 = n * n;
    const iNa = gna * m * m * m * ((1 - lock) * h + lock) * (V - ena);
    const iK = gk * n2 * n2 * (V - ek);
    const iL = gl * (V - el);
    out[0] = (I - iNa - iK - iL) / c;
    out[1] = dm;
    out[2] = phi * (aH * (1 - h) - bH * h);
    out[3] = phi * (aN * (1 - n) - bN * n);
    out[4] = iNa;
    out[5] = iK;
  };
  const nSteps = Math.round(duration / dt);
  const kOn = Math.round(onset / dt);
  const kOff = Math.round(off / dt);
  let [V, m, h, n] = restingState(M, lock);
  let qNa = 0;
  let qK = 0;
  const nOut = Math.floor(nSteps / every) + 1;
  const T = new Float64Array(nOut);
  const Vs = new Float64Array(nOut);
  const ms = new Float64Array(nOut);
  const hs = new Float64Array(nOut);
  const ns = new Float64Array(nOut);
  const iNas = new Float64Array(nOut);
  const iKs = new Float64Array(nOut);
  const spikes = [];
  let peak = V;
  let j = 0;
  const record = (k) => {
    const mm = inst ? M.mInf(V) : m;
    const [iNa, iK] = M.currents(V, mm, h, n, lock);
    T[j] = k * dt;
    Vs[j] = V;
    ms[j] = mm;
    hs[j] = h;
    ns[j] = n;
    iNas[j] = iNa;
    iKs[j] = iK;
    j++;
  };
  record(0);
  const [iNa0, iK0] = M.currents(V, inst ? M.mInf(V) : m, h, n, lock);
  const h2 = dt / 2;
  const k1 = new Float64Array(6);
  const k2 = new Float64Array(6);
  const k3 = new Float64Array(6);
  const k4 = new Float64Array(6);
  for (let k = 0; k < nSteps; k++) {
    const I = k >= kOn && k < kOff ? amp : 0;
    rhs(V, m, h, n, I, k1);
    rhs(V + h2 * k1[0], m + h2 * k1[1], h + h2 * k1[2], n + h2 * k1[3], I, k2);
    rhs(V + h2 * k2[0], m + h2 * k2[1], h + h2 * k2[2], n + h2 * k2[3], I, k3);
    rhs(V + dt * k3[0], m + dt * k3[1], h + dt * k3[2], n + dt * k3[3], I, k4);
    const vOld = V;
    V += (dt / 6) * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
    m += (dt / 6) * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
    h += (dt / 6) * (k1[2] + 2 * k2[2] + 2 * k3[2] + k4[2]);
    n += (dt / 6) * (k1[3] + 2 * k2[3] + 2 * k3[3] + k4[3]);
    qNa += (dt / 6) * (k1[4] + 2 * k2[4] + 2 * k3[4] + k4[4]);
    qK += (dt / 6) * (k1[5] + 2 * k2[5] + 2 * k3[5] + k4[5]);
    if (!Number.isFinite(V)) throw new Error("the integration failed for these settings; move a slider slightly");
    // spikes: upward crossings of 0 mV, linearly interpolated (nakmodel.hh.spike_times)
    if (vOld < 0 && V >= 0) spikes.push(k * dt + (-vOld / (V - vOld)) * dt);
    if (V > peak) peak = V;
    if ((k + 1) % every === 0) record(k + 1);
  }
  return { t: T, v: Vs, m: ms, h: hs, n: ns, i_na: iNas, i_k: iKs, spikes, peak, qNa, qK, iNa0, iK0, vRest: Vs[0] };
}

// Firing rate from the mean interspike interval, Hz; 0 with fewer than 2 spikes (nakmodel.hh.steady_rate_hz).
export function steadyRate(times) {
  if (times.length < 2) return 0;
  return 1e3 / ((times[times.length - 1] - times[0]) / (times.length - 1));
}

// The ion bill of one isolated spike (nakmodel.hh.spike_ion_budget): the standard pulse from rest,
// resting currents over the window subtracted. Throws with nakmodel's reason when there is none.
export function spikeBudget(params, M, lock) {
  const { amp_uA_cm2: amp, pulse_ms: pulse, window_ms: window } = params.budget_stimulus[M.table.name];
  const r = run(M, { amp, duration: window, onset: 0, off: pulse, lock, dt: params.dt_ms, every: 1 });
  if (r.spikes.length !== 1) throw new Error(`the standard pulse evoked ${r.spikes.length} spikes, not 1; no single-spike budget`);
  const k = params.nc_to_pmol;
  const na = -(r.qNa - r.iNa0 * window) * k;
  const kOut = (r.qK - r.iK0 * window) * k;
  const amplitude = r.peak - r.vRest;
  // repolarised: V falls back below half amplitude after the peak
  const half = r.vRest + 0.5 * amplitude;
  let kPeak = 0;
  for (let i = 1; i < r.v.length; i++) if (r.v[i] > r.v[kPeak]) kPeak = i;
  let down = false;
  for (let i = kPeak; i < r.v.length - 1 && !down; i++) down = r.v[i] >= half && r.v[i + 1] < half;
  if (!down) throw new Error("the membrane did not repolarise after the standard pulse; no single-spike budget");
  const qmin = M.table.c_uF_cm2 * amplitude * k;
  const atp = na / params.na_per_atp;
  return { na_entry_pmol_cm2: na, k_exit_pmol_cm2: kOut, min_charge_pmol_cm2: qmin, excess_ratio: na / qmin,
    atp_pmol_cm2: atp, atp_per_um2: atp * params.molecules_per_um2_per_pmol_cm2, peak_mV: r.peak };
}

const budgets = new Map(); // (model, temperature, lock) -> bill: a current or duration move reuses it

export function compute(params, values) {
  const name = params.model_names[values.model];
  if (name === undefined) throw new Error(`unknown model ${values.model}`);
  const table = params.models[name];
  const temperature = table.q10 > 0 ? values.temperature_C : null;
  const lock = values.locked_pct / 1e2; // percent -> fraction
  const M = makeModel(table, temperature, params.rate_grid);
  const { window_ms: duration, onset_ms: onset, dt_ms: dt, output_every: every } = params;
  const off = Math.min(onset + values.pulse_ms, duration);
  const r = run(M, { amp: values.i_amp, duration, onset, off, lock, dt, every });
  const during = r.spikes.filter((s) => s >= onset && s <= off);
  const key = `${name}|${temperature}|${lock}`;
  let budget = budgets.get(key);
  if (budget === undefined) {
    try {
      budget = spikeBudget(params, M, lock);
    } catch (err) {
      budget = { error: String(err.message ?? err) };
    }
    if (budgets.size > 2 ** 8) budgets.clear();
    budgets.set(key, budget);
  }
  const naEntry = -r.qNa * params.nc_to_pmol;
  const nSpikes = r.spikes.length;
  return {
    model: name, temperature_C: M.temp, i_amp: values.i_amp, stim_on_ms: onset, stim_off_ms: off,
    t: Array.from(r.t), v: Array.from(r.v), i_na: Array.from(r.i_na), i_k: Array.from(r.i_k),
    m: Array.from(r.m), h: Array.from(r.h), n: Array.from(r.n),
    spike_times_ms: r.spikes, n_spikes: nSpikes, rate_hz: steadyRate(during), peak_mV: r.peak,
    na_entry_pmol_cm2: naEntry, na_per_spike_pmol_cm2: nSpikes ? naEntry / nSpikes : null,
    budget,
  };
}
