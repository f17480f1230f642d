"""What the matplotlib figures share with the browser's figures and the apps: colours, line
styles, labels and drawing grids, importable without matplotlib.

A live explorer in a Voilà kernel reads these for its front end's spec; it must not pay for
matplotlib there (the PNG fallback is drawn only for the static book). The figure modules of
:mod:`nakmodel.plots` import them from here, so they stay importable from their old places
(``nakmodel.plots.style.ION_COLORS``, ``nakmodel.plots.electrochem.REFERENCE_REST_MV``, ...).
"""

from __future__ import annotations

import numpy as np

#: Okabe-Ito colours, one per species or quantity (same across all chapters).
ION_COLORS = {
    "Na": "#D55E00",  # vermillion
    "K": "#0072B2",  # blue
    "Cl": "#009E73",  # bluish green
    "Ca": "#CC79A7",  # reddish purple
    "glucose": "#E69F00",  # orange
    "ATP": "#56B4E9",  # sky blue
    "Vm": "#000000",  # black
    "pump": "#E69F00",  # orange
}
#: Line styles that carry the same information as the colours.
ION_LINESTYLES = {"Na": "-", "K": "--", "Cl": "-.", "Ca": ":", "glucose": "-", "ATP": ":", "Vm": "-",
                  "pump": "-"}
#: Typeset labels.
ION_LABELS = {"Na": "Na$^+$", "K": "K$^+$", "Cl": "Cl$^-$", "Ca": "Ca$^{2+}$", "glucose": "glucose",
              "ATP": "ATP"}

#: Typical resting potential drawn for reference, mV (the seeds' and textbooks' value).
REFERENCE_REST_MV = -70.0

#: Membrane potentials over which the SGLT accumulation curves are drawn, mV.
V_GRID_MV = np.linspace(-120.0, 20.0, 29)
#: Luminal glucose over which the SGLT flux curves are drawn, mM.
GLUCOSE_GRID_MM = np.unique(np.r_[np.linspace(0.05, 2.0, 20), np.linspace(2.0, 30.0, 40)])
#: Width of the "cell glucose" label as a fraction of the flux axis' x range.
LABEL_WIDTH_FRACTION = 0.36

#: Firing rates over which the per-cell ATP line of the energy bill is drawn, Hz.
RATE_GRID_HZ = np.linspace(0.0, 100.0, 21)
#: Display order and labels of the brain's ATP budget categories.
CATEGORY_LABELS = {
    "postsynaptic": "postsynaptic receptors",
    "action_potentials": "action potentials",
    "resting_potentials": "resting potentials",
    "presynaptic": "presynaptic Ca$^{2+}$/vesicles",
    "glutamate_recycling": "glutamate recycling",
    "housekeeping": "housekeeping (non-signalling)",
}

#: One colour and line style per α isoform (Okabe–Ito; the style is a second carrier).
ISOFORM_STYLES = {
    "human_alpha1": {"color": "#000000", "ls": "-"},
    "rodent_alpha3": {"color": "#CC79A7", "ls": "--"},
    "rodent_alpha1": {"color": "#56B4E9", "ls": "-."},
}
#: Concentration axis of the dose–response panel, µM (0.1 nM to 10 mM).
CONC_AXIS_UM = np.logspace(-4, 4, 321)


def concentration_text(c_uM: float) -> str:
    """A concentration given in µM written in the unit that reads best: 10 nM, 2.5 µM, 1 mM."""
    if c_uM >= 1000:
        return f"{c_uM / 1000:.3g} mM"
    if c_uM >= 1:
        return f"{c_uM:.3g} µM"
    return f"{c_uM * 1000:.3g} nM"


# --- the pump-cycle diagram (nakmodel.plots.pump_cycle and frontend/pump_cycle.js)
#: Position of each named state on the diagram (x, y), in PUMP_STATES order:
#: E1 pool below the membrane (inward-facing), E2P above (outward-facing),
#: occluded states inside the membrane band.
STATE_XY = ((-0.78, -1.05), (0.78, -1.05), (1.32, 0.0), (0.78, 1.05), (-0.78, 1.05), (-1.32, 0.0))
#: What each named state is, shown under its name.
STATE_NOTES = ("inward-open, empty", "3 Na⁺ bound", "3 Na⁺ occluded", "outward-open",
               "2 K⁺ bound", "2 K⁺ occluded")
#: What happens on the step *leaving* state i forwards (to state i+1).
STEP_EVENTS = ("3 Na⁺ bind\nfrom inside", "ATP → ADP\n(phosphorylation)", "3 Na⁺ released\noutside",
               "2 K⁺ bind\nfrom outside", "Pi released\n(dephosphorylation)",
               "ATP binds;\n2 K⁺ released inside")
#: Points of the rate–voltage curve (the figure and the explorer's spec).
RATE_CURVE_POINTS = 241

#: Stoichiometry chapter: one marker per variant (matplotlib's names, drawn the same in the
#: browser) so that variants are told apart without colour.
VARIANT_MARKERS = {(3, 2): "o", (3, 3): "s", (2, 2): "D", (1, 1): "^", (0, 0): "x"}
#: Stoichiometry chapter, panel D: colormap of work per cycle / |ΔG_ATP| from 0 to GRID_VMAX; cell
#: text turns white above GRID_WHITE_TEXT_ABOVE of that range.
GRID_CMAP = "cividis_r"
GRID_VMAX = 1.4
GRID_WHITE_TEXT_ABOVE = 0.55
#: GRID_CMAP sampled at 15 evenly spaced points, as CSS colours, for the browser's panel D
#: (written out so that a live kernel needs no matplotlib; ``tests/plots`` checks them against
#: matplotlib's colormap).
GRID_COLORS = ("#fee838", "#edd54a", "#d9c55c", "#c5b568", "#b1a570", "#9f9775", "#8e8978", "#7c7b78",
               "#6c6e72", "#5d616e", "#4c556c", "#39486c", "#213b6e", "#002f6d", "#00224e")
