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
