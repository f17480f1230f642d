// The static book's script (bundled to _static/nakfront/nakfront.js, a classic script so it
// runs from file:// too): every placeholder written by a live explorer in static mode
// (<div class="nak-explorer" data-explorer=...> with its JSON state and a PNG fallback)
// becomes the live explorer, computing in the page with its port.

import cotransport from "./cotransport.js";
import energy from "./energy.js";
import epithelium from "./epithelium.js";
import ghk from "./ghk.js";
import nernst from "./nernst.js";
import pumpCycle from "./pump_cycle.js";
import pumpLeak from "./pump_leak.js";
import rundown from "./rundown.js";
import ouabainDose from "./ouabain_dose.js";
import pumpBlock from "./pump_block.js";
import spike from "./spike.js";
import stoichiometry from "./stoichiometry.js";
import { compute as cotransportCompute } from "./ports/cotransport.js";
import { compute as energyCompute } from "./ports/energy.js";
import { compute as epitheliumCompute } from "./ports/epithelium.js";
import { compute as ghkCompute } from "./ports/ghk.js";
import { compute as nernstCompute } from "./ports/nernst.js";
import { compute as pumpCycleCompute } from "./ports/pump_cycle.js";
import { compute as pumpLeakCompute } from "./ports/pump_leak.js";
import { compute as rundownCompute } from "./ports/rundown.js";
import { compute as ouabainDoseCompute } from "./ports/ouabain_dose.js";
import { compute as pumpBlockCompute } from "./ports/pump_block.js";
import { compute as spikeCompute } from "./ports/spike.js";
import { compute as stoichiometryCompute } from "./ports/stoichiometry.js";
import { applyLink } from "./core/links.js";
import { StaticModel } from "./core/model.js";

export const explorers = {
  nernst: [nernst, nernstCompute],
  ghk: [ghk, ghkCompute],
  energy: [energy, energyCompute],
  spike: [spike, spikeCompute],
  cotransport: [cotransport, cotransportCompute],
  epithelium: [epithelium, epitheliumCompute],
  pump_leak: [pumpLeak, pumpLeakCompute],
  stoichiometry: [stoichiometry, stoichiometryCompute],
  pump_cycle: [pumpCycle, pumpCycleCompute],
  rundown: [rundown, rundownCompute],
  ouabain_dose: [ouabainDose, ouabainDoseCompute],
  pump_block: [pumpBlock, pumpBlockCompute],
};

// The explorer's model with a teacher link's settings (?k_out=10, ?scenario=...) as its first state
// and the link's notice; if the port refuses those values, the defaults stay and the notice says so.
function staticModel(state, compute, search) {
  const link = applyLink(state.spec, state.values, search);
  if (!Object.keys(link.applied).length) return new StaticModel({ ...state, notice: link.notice }, compute);
  const model = new StaticModel({ ...state, values: link.values, notice: link.notice }, compute);
  if (model.get("result")?.values) return model; // the port computed the link's values
  return new StaticModel({ ...state, notice: "The link's settings could not be computed; the app opened "
    + "with its usual settings." }, compute);
}

export function mountAll(root = document, search = window.location.search) {
  for (const el of root.querySelectorAll(".nak-explorer:not(.nak-mounted)")) {
    const entry = explorers[el.dataset.explorer];
    const stateEl = el.querySelector("script.nak-explorer-state");
    if (!entry || !stateEl) continue;
    const [module, compute] = entry;
    const model = staticModel(JSON.parse(stateEl.textContent), compute, search);
    const host = document.createElement("div");
    el.append(host);
    try {
      module.render({ model, el: host });
      el.classList.add("nak-mounted");
    } catch (err) {
      host.remove();
      console.error("explorer", el.dataset.explorer, err);
    }
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => mountAll());
else mountAll();
