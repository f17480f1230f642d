// Runs a port on many parameter sets for tests/frontend/test_parity.py.
// stdin: {"explorer": "nernst", "params": {...}, "cases": [{values}, ...]}
// stdout: [{result} | {"error": message}, ...]
import { readFileSync } from "node:fs";

const input = JSON.parse(readFileSync(0, "utf8"));
const { compute } = await import(`../ports/${input.explorer}.js`);
const out = input.cases.map((values) => {
  try {
    return compute(input.params, values);
  } catch (err) {
    return { error: String(err.message ?? err) };
  }
});
process.stdout.write(JSON.stringify(out));
