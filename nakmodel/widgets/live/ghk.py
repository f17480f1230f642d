"""Chapter "The resting potential": the GHK explorer, drawn in the browser.

JavaScript twin: ``frontend/ghk.js`` (figure) and ``frontend/ports/ghk.js`` (the static
book's port of :func:`nakmodel.electrochem.ghk_voltage` and :func:`nakmodel.electrochem.nernst`).
Its controls and teacher scenarios are defined here, once.
"""

from __future__ import annotations

import numpy as np

from ...cell import CellParams
from ...constants import FARADAY, GAS_CONSTANT, MAMMALIAN_NEURON, VALENCE, ZERO_CELSIUS_K
from ...electrochem import ghk_voltage, nernst
from ..controls import Control, log_control
from ._explorer import LiveExplorer

IONS = ("Na", "K", "Cl")
_CELL = CellParams()
_SYMBOL = {"Na": "[Na⁺]", "K": "[K⁺]", "Cl": "[Cl⁻]"}
#: P_Na/P_K band shaded as "typical range"
#: (the band :class:`~nakmodel.plots.resting_potential.GHKPlot` draws).
TYPICAL_PNA_PK = (0.01, 0.05)
#: P_Na/P_K range of the swept curve (the slider's range, rounded to decades) and its points.
SWEEP_RANGE = (1e-3, 1.0)
N_SWEEP = 61


def _conc(ion: str, side: str, lo: float, hi: float) -> Control:
    """A concentration slider (mM) defaulting to the book's mammalian neuron."""
    default = (MAMMALIAN_NEURON.c_out_mM if side == "out" else MAMMALIAN_NEURON.c_in_mM)[ion]
    where = "outside" if side == "out" else "inside"
    return Control(f"{ion.lower()}_{side}", f"{_SYMBOL[ion]} {where}", "mM", default, lo, hi, 0.5,
                   readout_format=".1f")


_CONTROLS = (
    log_control("pna_pk", "P_Na / P_K", "", _CELL.p_na_cm_s / _CELL.p_k_cm_s, 1e-3, 1.0),
    log_control("pcl_pk", "P_Cl / P_K", "", _CELL.p_cl_cm_s / _CELL.p_k_cm_s, 1e-3, 10.0),
    _conc("K", "out", 1.0, 100.0),
    _conc("K", "in", 10.0, 300.0),
    _conc("Na", "out", 10.0, 300.0),
    _conc("Na", "in", 1.0, 100.0),
    _conc("Cl", "out", 10.0, 300.0),
    _conc("Cl", "in", 1.0, 100.0),
)


class GHKLive(LiveExplorer):
    """Relative permeabilities and concentrations -> the GHK resting potential.

    Defaults: the book's mammalian neuron concentrations
    (:data:`nakmodel.constants.MAMMALIAN_NEURON`, Hille 2001) and the permeability
    ratios of the pump–leak cell (:class:`nakmodel.CellParams`: P_Na/P_K = 0.054,
    P_Cl/P_K = 0.2), at 37 °C.

    Examples
    --------
    >>> app = GHKLive(pna_pk=0.05, pcl_pk=0.45)
    >>> round(app.result["vm"], 1)  # Hodgkin & Katz ratios, the book's reference neuron
    -66.4
    """

    name = "ghk"
    title = "GHK explorer: which leaks set the resting potential?"
    controls = _CONTROLS
    # log sliders: scenario values at the ends of their ranges lie on the slider's grid
    scenarios = {
        "only-k-channels": {"pna_pk": _CONTROLS[0].minimum, "pcl_pk": _CONTROLS[1].minimum},
        "high-sodium-permeability": {"pna_pk": _CONTROLS[0].maximum},
        "hyperkalaemia": {"k_out": 10.0},
        "many-cl-channels": {"pcl_pk": _CONTROLS[1].maximum},
    }
    scenario_notes = {
        "only-k-channels": "Na⁺ and Cl⁻ permeabilities at their minimum: Vm falls onto E_K "
                           "(GHK becomes Nernst)",
        "high-sodium-permeability": "P_Na/P_K near 1: Vm heads towards E_Na, "
                                    "an action potential in slow motion",
        "hyperkalaemia": "K⁺ outside doubled to 10 mM: E_K rises by 18 mV but Vm follows only partly",
        "many-cl-channels": "P_Cl/P_K near 10: Vm barely moves, because E_Cl is already close to Vm",
    }
    temperature_C = MAMMALIAN_NEURON.temperature_C

    def params(self) -> dict:
        """Constants (CODATA via :mod:`nakmodel.constants`), valences, temperature (°C) and the
        swept P_Na/P_K range of the curve."""
        lo, hi = SWEEP_RANGE
        return {"ions": list(IONS), "gas_constant": GAS_CONSTANT, "faraday": FARADAY,
                "zero_celsius_K": ZERO_CELSIUS_K, "valence": {ion: VALENCE[ion] for ion in IONS},
                "temperature_C": self.temperature_C, "sweep_min": lo, "sweep_max": hi,
                "sweep_n": N_SWEEP, "typical_pna_pk": list(TYPICAL_PNA_PK)}

    @staticmethod
    def concentrations(values: dict) -> tuple:
        return ({i: values[f"{i.lower()}_out"] for i in IONS}, {i: values[f"{i.lower()}_in"] for i in IONS})

    def compute(self, values: dict) -> dict:
        """``{"E": {ion: mV}, "vm": mV, "sweep": {"ratio": [...], "vm": [mV, ...]}}``."""
        c_out, c_in = self.concentrations(values)
        t = self.temperature_C
        perm = {"K": 1.0, "Na": values["pna_pk"], "Cl": values["pcl_pk"]}
        ratios = np.geomspace(*SWEEP_RANGE, N_SWEEP)
        return {
            "E": {i: nernst(VALENCE[i], c_out[i], c_in[i], t) for i in IONS},
            "vm": ghk_voltage(perm, c_out, c_in, t),
            "sweep": {"ratio": ratios.tolist(),
                      "vm": [ghk_voltage(dict(perm, Na=float(r)), c_out, c_in, t) for r in ratios]},
        }

    def fallback_figure(self, values: dict, result: dict):
        from ...plots.resting_potential import GHKPlot  # the static book's fallback only

        plot = GHKPlot(ratio_range=SWEEP_RANGE)
        plot.update(np.array(result["sweep"]["ratio"]), np.array(result["sweep"]["vm"]),
                    result["E"], result["vm"])
        plot.set_marker(values["pna_pk"], result["vm"])
        return plot.fig, plot.alt_text(values["pna_pk"], values["pcl_pk"], result["E"], result["vm"])
