// Port of nakmodel.widgets.live.ouabain.OuabainDoseLive.compute (nakmodel.drugs): one-site block
// 1/(1 + c/K_d); binding time constant 1/(k_on c + k_off); first-order binding with ouabain
// applied at t = 0 and washed out at t_w, solved exactly: B(t) = B∞(1 − e^(−(k_on c + k_off) t))
// up to t_w, then B(t_w) e^(−k_off (t − t_w)). Every constant comes from params (Python).

export function compute(params, values) {
  const c = values.conc_uM;
  const tw = values.washout_min * 60; // s
  if (!(c >= 0)) throw new Error("ouabain must be 0 µM or more");
  const n = params.n_time;
  const step = (params.window_min * 60) / (n - 1);
  const tS = Array.from({ length: n }, (_, i) => (i === n - 1 ? params.window_min * 60 : i * step));
  const fraction = {};
  const tau = {};
  const course = { t_min: tS.map((t) => t / 60) };
  for (const iso of params.isoforms) {
    const kd = params.kd_uM[iso];
    const kon = params.k_on_per_uM_s[iso];
    const koff = params.k_off_per_s[iso];
    const rate = kon * c + koff;
    const bInf = (kon * c) / rate;
    const bAtWashout = bInf * (1 - Math.exp(-rate * tw));
    fraction[iso] = 1 / (1 + c / kd);
    tau[iso] = 1 / rate;
    course[iso] = tS.map((t) => 1 - (t <= tw ? bInf * (1 - Math.exp(-rate * t)) : bAtWashout * Math.exp(-koff * (t - tw))));
  }
  return { fraction, tau_s: tau, course };
}
