// Runs a port on many parameter sets for tests/frontend/test_parity.py.
// stdin: {"explorer": "nernst", "params": {...}, "cases": [{values}, ...]} (+ optional "function":
// the port's export to call, default "compute")
// stdout: [{result} | {"error": message}, ...]
import { readFileSync } from "node:fs";

const input = JSON.parse(readFileSync(0, "utf8"));
const port = await import(`../ports/${input.explorer}.js`);
const compute = port[input.function ?? "compute"];
if (typeof compute !== "function") throw new Error(`ports/${input.explorer}.js has no export ${input.function}`);
const out = input.cases.map((values) => {
  try {
    return compute(input.params, values);
  } catch (err) {
    return { error: String(err.message ?? err) };
  }
});
process.stdout.write(JSON.stringify(out));
