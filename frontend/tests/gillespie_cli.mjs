// Long stochastic runs of ports/pump_cycle.js for tests/frontend/test_pump_cycle_port.py.
// stdin: {"pump": pump_spec(), "cases": [{"conditions": {...}, "duration_s": s, "seeds": [1, 2, ...]}]}
// stdout: per case, per seed: {mean_rate_per_s, occupancy: [4 fractions of time], net_cycles, n_events,
//         bad_steps: events that are not a neighbour of the previous named state,
//         bad_counts: events in the E1 pool whose counts are not 3:2:1 per net cycle}
import { readFileSync } from "node:fs";
import { simulatePumpCycles } from "../ports/pump_cycle.js";

const input = JSON.parse(readFileSync(0, "utf8"));
const { pump } = input;
const n = pump.states.length;
const out = input.cases.map(({ conditions, duration_s: durationS, seeds }) => seeds.map((seed) => {
  const run = simulatePumpCycles(pump, conditions, { durationS, seed });
  let badSteps = 0;
  let badCounts = 0;
  for (let i = 1; i < run.state.length; i++) {
    const d = (run.state[i] - run.state[i - 1] + n) % n;
    if (d !== 1 && d !== n - 1) badSteps++;
  }
  for (let i = 0; i < run.state.length; i++) {
    if (run.state[i] <= 1 && (run.na_out[i] !== pump.na_out * run.atp_used[i] || run.k_in[i] !== pump.k_in * run.atp_used[i])) badCounts++;
  }
  return {
    mean_rate_per_s: run.mean_rate_per_s, occupancy: run.lumped_time_s.map((t) => t / run.duration_s),
    net_cycles: run.net_cycles, n_events: run.state.length - 1, bad_steps: badSteps, bad_counts: badCounts,
  };
}));
process.stdout.write(JSON.stringify(out));
