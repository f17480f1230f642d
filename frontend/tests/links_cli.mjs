// Applies teacher links with frontend/core/links.js for tests/frontend/test_links_parity.py.
// stdin: {"spec": {...}, "values": {...}, "queries": ["?k_out=10", ...]}
// stdout: [{values, applied, notice}, ...]
import { readFileSync } from "node:fs";
import { applyLink } from "../core/links.js";

const input = JSON.parse(readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(input.queries.map((q) => applyLink(input.spec, input.values, q))));
