// Number formatting for readouts: true minus sign, fixed decimals.

export function fmt(x, decimals = 1, { sign = false } = {}) {
  if (!Number.isFinite(x)) return "–";
  const s = Math.abs(x).toFixed(decimals);
  const zero = Number(s) === 0;
  if (x < 0 && !zero) return `−${s}`;
  return sign && !zero ? `+${s}` : s;
}

// n significant figures, like Python's format(x, ".ng") for moderate numbers, true minus sign.
export function fmtg(x, n) {
  if (!Number.isFinite(x)) return "–";
  const s = String(Number(Math.abs(x).toPrecision(n)));
  return x < 0 && Number(s) !== 0 ? `−${s}` : s;
}

const SUPERSCRIPT = { "-": "⁻", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };

// An integer as superscript digits: −6 -> "⁻⁶" (exponents of ten).
export function superscript(k) {
  return String(k).split("").map((ch) => SUPERSCRIPT[ch]).join("");
}

// 1.00 × 10⁻⁶ (Python's format(x, ".2e") written for readers)
export function sci(x, decimals = 2) {
  if (x === 0 || !Number.isFinite(x)) return fmt(x, decimals);
  let e = Math.floor(Math.log10(Math.abs(x)));
  let m = x / 10 ** e;
  if (Math.abs(Number(m.toFixed(decimals))) >= 10) { e += 1; m /= 10; }
  return `${fmt(m, decimals)} × 10${superscript(e)}`;
}

// Presentation only (mirrors nakmodel.plots.style): axis tops that change in steps.
export function niceCeiling(x) {
  if (!(x > 0)) return 1;
  const k = Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * 10 ** k >= x * (1 - 1e-12)) return m * 10 ** k;
  return 10 ** (k + 1);
}

export function ceilTo(x, step) {
  return Math.round(Math.ceil(x / step - 1e-9) * step * 1e12) / 1e12;
}

export function niceTop(x) {
  return x > 0 ? ceilTo(x, niceCeiling(x) / 10) : 1;
}

export function floorTo(x, step) {
  return Math.round(Math.floor(x / step + 1e-9) * step * 1e12) / 1e12;
}

// Presentation (mirrors nakmodel.plots.electrochem.spread_labels): labels at least gap apart, in
// data units (the cotransport figure; core/labels.js placeLabels works in canvas pixels).
export function spreadLabels(y, gap) {
  const order = y.map((_, i) => i).sort((a, b) => y[a] - y[b]);
  const placed = order.map((i) => y[i]);
  for (let i = 1; i < placed.length; i++) placed[i] = Math.max(placed[i], placed[i - 1] + gap);
  const shift = placed.reduce((s, p, i) => s + (p - y[order[i]]), 0) / placed.length;
  const out = new Array(y.length);
  order.forEach((idx, i) => { out[idx] = placed[i] - shift / 2; });
  return out;
}
