// Node tests of the shared front-end code (run by tests/frontend/test_bundle.py and `npm test`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { StaticModel } from "../core/model.js";
import { floorTo, fmt, fmtg, niceTop, sci, superscript } from "../core/format.js";
import { decades, withPoint } from "../core/chart.js";
import { placeLabels } from "../core/labels.js";

test("StaticModel computes on save_changes and reports refused values", () => {
  const compute = (params, values) => {
    if (values.x < 0) throw new Error("x must be 0 or more");
    return { y: params.k * values.x };
  };
  const m = new StaticModel({ spec: { params: { k: 3 } }, values: { x: 1 }, result: { y: 3 } }, compute);
  const seen = [];
  m.on("change:result", () => seen.push(m.get("result").y));
  m.set("values", { x: 2 });
  m.save_changes();
  assert.deepEqual(seen, [6]);
  m.set("values", { x: -1 });
  m.save_changes();
  assert.equal(m.get("error"), "x must be 0 or more");
  assert.equal(m.get("result").y, 6); // the last good result stays
  m.set("values", { x: 0 });
  m.save_changes();
  assert.equal(m.get("error"), "");
  assert.deepEqual(seen, [6, 0]);
});

test("numbers use a true minus sign and fixed decimals", () => {
  assert.equal(fmt(-89.0587, 1), "−89.1");
  assert.equal(fmt(60.6, 1, { sign: true }), "+60.6");
  assert.equal(fmt(-0.01, 1), "0.0"); // no "−0.0"
  assert.equal(fmtg(0.035714, 3), "0.0357"); // 3 significant figures, as Python's format(x, ".3g")
});

test("3 significant figures for the positive numbers the readouts show (Python's .3g)", () => {
  // written out from Python's format(x, ".3g") for moderate numbers (no exponent form)
  const cases = [[12.04, "12"], [0.2, "0.2"], [1.5, "1.5"], [99.96, "100"], [0.0012345, "0.00123"],
    [145 / 12, "12.1"], [1, "1"], [0, "0"], [0.035714, "0.0357"]];
  for (const [x, want] of cases) assert.equal(fmtg(x, 3), want, String(x));
  assert.equal(fmtg(-2.345, 3), "−2.35"); // a true minus sign
});

test("superscript exponents and the scientific form", () => {
  assert.equal(superscript(-6), "⁻⁶");
  assert.equal(superscript(10), "¹⁰");
  assert.equal(sci(1.08e-7), "1.08 × 10⁻⁷");
  assert.equal(sci(9.996e8), "1.00 × 10⁹"); // the mantissa carries, as Python's .2e
});

test("log ticks are whole powers of ten inside the range", () => {
  assert.deepEqual(decades(1, 1e7), [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7]);
  assert.deepEqual(decades(0.003, 250), [0.01, 0.1, 1, 10, 100]);
});

test("a marker point goes into its curve in order, once", () => {
  const [xs, ys, m] = withPoint([0, 1, 2], [10, 11, 12], 1.5, 99);
  assert.deepEqual(xs, [0, 1, 1.5, 2]);
  assert.deepEqual(ys, [10, 11, 99, 12]);
  assert.deepEqual(m, [null, null, 99, null]);
  const [xs2, ys2, m2] = withPoint([0, 1, 2], [10, 11, 12], 1, 11);
  assert.deepEqual(xs2, [0, 1, 2]); // already on the grid: not duplicated
  assert.deepEqual(ys2, [10, 11, 12]);
  assert.deepEqual(m2, [null, 11, null]);
  assert.deepEqual(withPoint([0, 1], [5, 6], 3, 7)[0], [0, 1, 3]); // beyond the grid: at the end
});

test("floorTo rounds down to a step without float noise", () => {
  assert.equal(floorTo(-83.2, 5), -85);
  assert.equal(floorTo(0.3, 0.1), 0.3); // 0.3 / 0.1 = 2.9999999999999996 in floating point
});

test("axis tops (as nakmodel.plots.style)", () => {
  assert.equal(niceTop(171.1), 180); // a tenth of nice_ceiling(171.1) = 200, rounded up: 180
});

const apart = (ys, gap) => {
  const s = [...ys].sort((a, b) => a - b);
  return s.every((y, i) => i === 0 || y - s[i - 1] >= gap - 1e-9);
};

test("labels of close lines are pushed apart symmetrically, far ones stay put", () => {
  // hyperkalaemia in the Nernst figure: E_K −70.5 and E_Cl −70.1 mV lie ~0.4 px apart on the canvas
  const gap = 17;
  const ys = placeLabels([40.0, 188.4, 188.0], gap, 8, 292);
  assert.equal(ys[0], 40.0); // E_Na alone: at its line
  assert.ok(apart(ys, gap));
  assert.ok(Math.abs((ys[1] + ys[2]) / 2 - 188.2) < 1e-9); // the pair straddles its lines' mean
  assert.ok(ys[2] < ys[1]); // order kept: the upper line keeps the upper label
  assert.deepEqual(placeLabels([10, 50, 90], gap, 0, 100), [10, 50, 90]); // nothing to do
});

test("labels stay inside the plot and chains of close labels stay apart", () => {
  const gap = 16;
  const ys = placeLabels([99, 98, 97, 30], gap, 0, 100);
  assert.ok(apart(ys, gap));
  assert.ok(Math.max(...ys) <= 100 + 1e-9 && Math.min(...ys) >= 0 - 1e-9);
  assert.equal(ys[3], 30); // the far label is not dragged along
  // a cluster pushed against the top merges with a neighbour it now overlaps
  const zs = placeLabels([2, 1, 0, 40], 16, 0, 200);
  assert.ok(apart(zs, 16) && Math.min(...zs) >= 0);
  // random sets: always apart, inside, in the wanted order
  let seed = 7;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (let trial = 0; trial < 200; trial++) {
    const want = Array.from({ length: 2 + Math.floor(rand() * 4) }, () => rand() * 300);
    const got = placeLabels(want, 17, 8, 292);
    assert.ok(apart(got, 17), JSON.stringify({ want, got }));
    assert.ok(got.every((y) => y >= 8 - 1e-9 && y <= 292 + 1e-9));
    const byWant = want.map((_, i) => i).sort((a, b) => want[a] - want[b] || a - b);
    for (let k = 1; k < byWant.length; k++) assert.ok(got[byWant[k]] >= got[byWant[k - 1]]);
  }
});

test("significant figures as Python's .ng, with a true minus sign", async () => {
  const { fmtg } = await import("../core/format.js");
  assert.equal(fmtg(0.0001, 2), "0.0001"); // the ouabain slider's lowest value (".2g" in Python)
  assert.equal(fmtg(19.96, 2), "20");
  assert.equal(fmtg(-0.04567, 3), "−0.0457");
  assert.equal(fmtg(28.74, 3), "28.7");
});

test("test-pulse failure spans (as nakmodel.plots.ouabain._false_runs)", async () => {
  const { failSpans } = await import("../ports/pump_block.js");
  const t = [0, 1, 2, 3, 4, 5];
  // silent at 2..3, firing again at 4: the span runs from midpoints (1.5, 3.5), then the bisected times win
  assert.deepEqual(failSpans(t, [1, 1, 0, 0, 1, 1], null, null), [[1.5, 3.5]]);
  assert.deepEqual(failSpans(t, [1, 1, 0, 0, 1, 1], 1.7, 3.2), [[1.7, 3.2]]);
  assert.deepEqual(failSpans(t, [1, 0, 1, 1, 0, 0], null, null), [[0.5, 1.5], [3.5, 5]]);
  assert.deepEqual(failSpans(t, [1, 1, 1, 1, 1, 1], null, null), []);
});

test("sci writes powers of ten with a true minus sign", async () => {
  const { sci } = await import("../core/format.js");
  assert.equal(sci(1e-6, 2), "1.00 × 10⁻⁶");
  assert.equal(sci(5.41e-8, 2), "5.41 × 10⁻⁸");
  assert.equal(sci(9.999e-7, 2), "1.00 × 10⁻⁶");
  assert.equal(sci(-2500, 1), "−2.5 × 10³");
});

test("StaticModel recomputes the embedded result with the port, keeping it if the port refuses", () => {
  const compute = (params, values) => {
    if (values.x < 0) throw new Error("x must be 0 or more");
    return { y: params.k * values.x };
  };
  const fresh = new StaticModel({ spec: { params: { k: 3 } }, values: { x: 2 }, result: { y: 5.9 } }, compute);
  assert.equal(fresh.get("result").y, 6); // the page's engine, not the embedded number
  const kept = new StaticModel({ spec: { params: { k: 3 } }, values: { x: -1 }, result: { y: 1 } }, compute);
  assert.equal(kept.get("result").y, 1);
  assert.equal(kept.get("error"), "");
});

test("label spreading in data units (as nakmodel.plots.electrochem.spread_labels)", async () => {
  const { spreadLabels } = await import("../core/format.js");
  const ys = spreadLabels([-64.0, -64.1, -89.1], 10);
  const sorted = [...ys].sort((a, b) => a - b);
  assert.ok(sorted[1] - sorted[0] >= 10 - 1e-9 && sorted[2] - sorted[1] >= 10 - 1e-9);
});

test("StaticModel's result carries the values it was computed for (core/app.js draws from them)", () => {
  const compute = (params, values) => ({ y: params.k * values.x });
  const m = new StaticModel({ spec: { params: { k: 3 } }, values: { x: 2 }, result: { y: 6 } }, compute);
  assert.deepEqual(m.get("result"), { y: 6, values: { x: 2 }, answered: 0 });
  const vals = { x: 4 };
  m.set("values", vals);
  m.set("move", { seq: 1, set: { x: 4 } });
  m.save_changes();
  vals.x = 5; // a later change of the object the page sent does not rewrite what the result is for
  assert.deepEqual(m.get("result"), { y: 12, values: { x: 4 }, answered: 1 });
});
