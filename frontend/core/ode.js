// An adaptive Runge–Kutta integrator for the ports' ordinary differential equations:
// Dormand–Prince 5(4) (Dormand & Prince 1980; the method of scipy's RK45 and MATLAB's ode45)
// with the usual step-size control, outputs and the first upward zero crossing of an event
// function (by bisection) from its continuous extension.

const C = [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1, 1];
const A = [
  [],
  [1 / 5],
  [3 / 40, 9 / 40],
  [44 / 45, -56 / 15, 32 / 9],
  [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
  [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
  [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
];
const B = A[6]; // 5th-order weights (the last stage is the next step's first: FSAL)
const E = [71 / 57600, 0, -71 / 16695, 71 / 1920, -17253 / 339200, 22 / 525, -1 / 40]; // 5th − 4th order

// One Dormand–Prince step of size h from (t, y) with k1 = f(t, y): {y, err, k7}.
export function dopriStep(f, t, y, h, k1) {
  const n = y.length;
  const k = [k1];
  const tmp = new Array(n);
  for (let s = 1; s < 7; s++) {
    for (let i = 0; i < n; i++) {
      let acc = y[i];
      for (let j = 0; j < s; j++) acc += h * A[s][j] * k[j][i];
      tmp[i] = acc;
    }
    k.push(f(t + C[s] * h, tmp.slice()));
  }
  const yNew = new Array(n);
  const err = new Array(n);
  for (let i = 0; i < n; i++) {
    let acc = y[i];
    let e = 0;
    for (let j = 0; j < 6; j++) acc += h * B[j] * k[j][i];
    for (let j = 0; j < 7; j++) e += h * E[j] * k[j][i];
    yNew[i] = acc;
    err[i] = e;
  }
  return { y: yNew, err, k7: k[6], k };
}

// Shampine's (1986) quartic continuous extension of the pair (as scipy's RK45.P): row i weights
// stage k_i, columns θ, θ², θ³, θ⁴.
const P = [
  [1, -8048581381 / 2820520608, 8663915743 / 2820520608, -12715105075 / 11282082432],
  [0, 0, 0, 0],
  [0, 131558114200 / 32700410799, -68118460800 / 10900136933, 87487479700 / 32700410799],
  [0, -1754552775 / 470086768, 14199869525 / 1410260304, -10690763975 / 1880347072],
  [0, 127303824393 / 49829197408, -318862633887 / 49829197408, 701980252875 / 199316789632],
  [0, -282668133 / 205662961, 2019193451 / 616988883, -1453857185 / 822651844],
  [0, 40617522 / 29380423, -110615467 / 29380423, 69997945 / 29380423],
];

function dense(y, h, k, theta) {
  const th = [theta, theta ** 2, theta ** 3, theta ** 4];
  return y.map((yi, i) => {
    let acc = 0;
    for (let s = 0; s < 7; s++) {
      const w = P[s][0] * th[0] + P[s][1] * th[1] + P[s][2] * th[2] + P[s][3] * th[3];
      if (w !== 0) acc += w * k[s][i];
    }
    return yi + h * acc;
  });
}

// Integrate y' = f(t, y) from tOut[0] (y0 given there) through the increasing times tOut.
// Returns {y: [state at each tOut], event: time of the first upward zero crossing of
// event(t, y), or null, steps}. rtol/atol: per-step error tolerances (RMS norm, as scipy's).
// Outputs between steps and the event come from the continuous extension.
export function integrate(f, y0, tOut, { rtol = 1e-9, atol = 1e-12, event = null, maxSteps = 1e5 } = {}) {
  const tEnd = tOut[tOut.length - 1];
  let t = tOut[0];
  let y = y0.slice();
  let k1 = f(t, y);
  const out = [y.slice()];
  let next = 1;
  const norm = (err, ya, yb) => Math.sqrt(err.reduce((acc, e, i) => {
    const sc = atol + rtol * Math.max(Math.abs(ya[i]), Math.abs(yb[i]));
    return acc + (e / sc) ** 2;
  }, 0) / err.length);
  // initial step: 1 % of the time scale y/y' (at most the span)
  const scale = Math.min(...y.map((yi, i) => (atol + rtol * Math.abs(yi)) / rtol / Math.max(Math.abs(k1[i]), 1e-300)));
  let h = Math.min(tEnd - t, 0.01 * scale);
  let found = null;
  let eventPrev = event ? event(t, y) : 0;
  let steps = 0;
  while (t < tEnd) {
    if (++steps > maxSteps) throw new Error(`integrate: more than ${maxSteps} steps`);
    const step = tEnd - t <= h * (1 + 1e-12) ? tEnd - t : h;
    const s = dopriStep(f, t, y, step, k1);
    const e = norm(s.err, y, s.y);
    if (!(e <= 1) || !s.y.every(Number.isFinite)) {
      h = step * Math.max(0.2, Number.isFinite(e) ? 0.9 * e ** -0.2 : 0.2);
      continue;
    }
    const t1 = step === tEnd - t ? tEnd : t + step;
    if (event && found === null) {
      const ev = event(t1, s.y);
      if (eventPrev < 0 && ev >= 0) {
        let lo = 0;
        let hi = 1;
        for (let it = 0; it < 60 && hi - lo > 1e-14; it++) {
          const mid = 0.5 * (lo + hi);
          if (event(t + mid * step, dense(y, step, s.k, mid)) >= 0) hi = mid;
          else lo = mid;
        }
        found = t + 0.5 * (lo + hi) * step;
      }
      eventPrev = ev;
    }
    while (next < tOut.length && tOut[next] <= t1) {
      out.push(tOut[next] === t1 ? s.y.slice() : dense(y, step, s.k, (tOut[next] - t) / step));
      next++;
    }
    t = t1;
    y = s.y;
    k1 = s.k7;
    h = step * (e === 0 ? 5 : Math.min(5, Math.max(0.2, 0.9 * e ** -0.2)));
  }
  while (next < tOut.length) { out.push(y.slice()); next++; }
  return { y: out, event: found, steps };
}
