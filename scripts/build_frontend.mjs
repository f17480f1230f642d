// Bundle the live explorers' front ends (frontend/) with esbuild (npm, `make frontend`).
//   node scripts/build_frontend.mjs          write the bundles (committed, so the book and
//                                            Voilà need no npm)
//   node scripts/build_frontend.mjs --check  exit 1 if a committed bundle differs from a fresh build
// Outputs: _static/nakfront/nakfront.js  classic script (IIFE) for the static book, file:// too
//          nakmodel/widgets/live/esm/<explorer>.js  ES module per explorer for anywidget (Voilà)
import { build } from "esbuild";
import { readFileSync, mkdirSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const EXPLORERS = ["nernst", "ghk", "energy", "spike", "cotransport", "epithelium", "pump_leak", "stoichiometry",
  "pump_cycle", "rundown", "ouabain_dose", "pump_block"];
const common = { bundle: true, minify: true, legalComments: "eof", target: "es2020", loader: { ".css": "text" }, write: false, logLevel: "warning" };
const jobs = [
  { entryPoints: [join(root, "frontend/static.js")], format: "iife", outfile: join(root, "_static/nakfront/nakfront.js") },
  ...EXPLORERS.map((name) => ({ entryPoints: [join(root, `frontend/${name}.js`)], format: "esm", outfile: join(root, `nakmodel/widgets/live/esm/${name}.js`) })),
];
const check = process.argv.includes("--check");
let stale = 0;
for (const job of jobs) {
  const res = await build({ ...common, ...job });
  for (const f of res.outputFiles) {
    const rel = relative(root, f.path);
    if (check) {
      const same = existsSync(f.path) && Buffer.compare(readFileSync(f.path), Buffer.from(f.contents)) === 0;
      if (!same) { stale++; console.error(`stale: ${rel} (run make frontend)`); }
    } else {
      mkdirSync(dirname(f.path), { recursive: true });
      writeFileSync(f.path, f.contents);
      console.log(`${rel}: ${f.contents.length} bytes`);
    }
  }
}
process.exit(stale ? 1 : 0);
