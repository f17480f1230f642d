// Node tests of the shared front-end code (run by tests/frontend/test_bundle.py and `npm test`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { StaticModel } from "../core/model.js";
import { fmt, niceTop, sig3, spreadLabels } from "../core/format.js";

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
  assert.equal(sig3(0.035714), "0.0357");
});

test("axis tops and label spreading (as nakmodel.plots.style / electrochem)", () => {
  assert.equal(niceTop(171.1), 180); // a tenth of nice_ceiling(171.1) = 200, rounded up: 180
  const ys = spreadLabels([-64.0, -64.1, -89.1], 10);
  const sorted = [...ys].sort((a, b) => a - b);
  assert.ok(sorted[1] - sorted[0] >= 10 - 1e-9 && sorted[2] - sorted[1] >= 10 - 1e-9);
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
