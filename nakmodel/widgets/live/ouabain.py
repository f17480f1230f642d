"""Chapter "Ouabain: stopping the pump": the two explorers, drawn in the browser.

* :class:`OuabainDoseLive` — the one-site block of three α isoforms at equilibrium
  (:func:`nakmodel.drugs.ouabain_pump_fraction`) and the binding time course at one
  concentration with washout (:func:`nakmodel.drugs.ouabain_block_time_course`). Closed
  forms: the static book's port (``frontend/ports/ouabain_dose.js``) computes them in the page.
* :class:`PumpBlockLive` — the pump–leak cell for two hours after ouabain is added or ATP is
  cut (:func:`nakmodel.pump_block.scenario`), with an optional restart. One run costs
  0.1–0.3 s, so both engines use the build-time grid of :mod:`nakmodel.book.ouabain_grid`
  (``make grids``) and the sliders step on its values (the page says so): in Voilà the kernel
  looks the run up (or computes and caches it if no grid was built); in the static book the
  grid travels in the page's JSON state (:meth:`PumpBlockLive.static_params`,
  delta-encoded integers) and ``frontend/ports/pump_block.js`` decodes it.

Front ends: ``frontend/ouabain_dose.js``, ``frontend/pump_block.js``. Matplotlib twins (the
no-JavaScript fallback): :class:`nakmodel.plots.ouabain.DoseResponsePlot` and
:class:`~nakmodel.plots.ouabain.RundownPlot`.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from ...book import ouabain_grid as grid
from ...cell import CellParams
from ...constants import FARADAY, GAS_CONSTANT, ZERO_CELSIUS_K
from ...drugs import (
    OUABAIN_ISOFORMS,
    binding_time_constant_s,
    ouabain_block_time_course,
    ouabain_pump_fraction,
)
from ...electrochem import nernst
from ...plots.ouabain import CONC_AXIS_UM, ISOFORM_STYLES, concentration_text
from ...pump_block import RundownSettings, output_times_s
from ..controls import Control
from ._explorer import Choice, LiveExplorer
from ._style import dash_pattern

#: Reader-facing names of the isoforms of :data:`nakmodel.drugs.OUABAIN_ISOFORMS`, in the order shown.
ISOFORM_LABELS = {
    "human_alpha1": "human α1 (heart, kidney)",
    "rodent_alpha3": "rat α3 (neurons)",
    "rodent_alpha1": "rat α1 (resistant)",
}
_ISO_BY_LABEL = {v: k for k, v in ISOFORM_LABELS.items()}
#: Longest run of the time-course explorer, min.
MAX_DURATION_MIN = RundownSettings().max_duration_min
#: What stops the pump: the menu's options -> the cause of :func:`nakmodel.pump_block.scenario`.
CAUSES = {"ouabain": "ouabain", "anoxia (ATP falls)": "anoxia"}
#: The restart values the slider steps on (min; the last, the window's end, means "never").
GRID_RESTART_MIN = tuple(MAX_DURATION_MIN if r is None else r for r in grid.GRID_RESTART_MIN)
_CELL = CellParams()


def isoform_style() -> dict:
    """``{isoform: {"color", "dash", "label"}}`` from :data:`nakmodel.plots.ouabain.ISOFORM_STYLES`."""
    return {iso: {"color": ISOFORM_STYLES[iso]["color"], "dash": dash_pattern(ISOFORM_STYLES[iso]["ls"]),
                  "label": label} for iso, label in ISOFORM_LABELS.items()}


# ----------------------------------------------------------------------------------- explorer 1
@lru_cache(maxsize=1024)
def _dose_result(c: float, tw: float, window_min: float, n_time: int) -> dict:
    t_s = np.linspace(0.0, window_min * 60.0, n_time)
    course = {"t_min": (t_s / 60.0).tolist()}
    for iso in ISOFORM_LABELS:
        block = ouabain_block_time_course(c, t_s, isoform=iso, washout_s=tw * 60.0)
        course[iso] = block.pump_fraction.tolist()
    return {"fraction": {i: ouabain_pump_fraction(c, i) for i in ISOFORM_LABELS},
            "tau_s": {i: binding_time_constant_s(c, i) for i in ISOFORM_LABELS},
            "course": course}


class OuabainDoseLive(LiveExplorer):
    """Ouabain block of three α isoforms: dose–response and binding over time.

    Left: fraction of pump activity left at equilibrium vs concentration (one site, K_d from
    :data:`nakmodel.drugs.OUABAIN_ISOFORMS`: Erdmann 1975, O'Brien 1994). Right: the fraction
    left over time after ouabain is added at t = 0 and washed out at the chosen time
    (first-order binding).

    Examples
    --------
    >>> app = OuabainDoseLive(conc_uM=48.0)
    >>> app.result["fraction"]["rodent_alpha1"]  # half block at the IC50 of rat α1
    0.5
    """

    name = "ouabain_dose"
    title = "Ouabain dose–response: why a rat shrugs off what stops a human heart"
    controls = (
        Control("conc_uM", "ouabain", "µM", 0.01, 1e-4, 1e4, 0.25, log=True, readout_format=".2g"),
        Control("washout_min", "washout at", "min", 60.0, 5.0, 120.0, 5.0, readout_format=".0f"),
    )
    scenarios = {
        "rat-vs-human": {"conc_uM": 1.0},
        "low-dose-washout": {"conc_uM": 0.01, "washout_min": 20.0},
        "ouabain-1mM": {"conc_uM": 1000.0},
    }
    scenario_notes = {
        "rat-vs-human": "1 µM: human α1 and rat α3 almost fully blocked, rat α1 hardly at all",
        "low-dose-washout": "10 nM washed out at 20 min: block builds over tens of minutes, "
                            "recovery is slower still",
        "ouabain-1mM": "1 mM: even the resistant rat α1 is blocked, and it binds and lets go within seconds",
    }
    #: Length of the time axis, min, and its number of points.
    window_min = 120.0
    n_time = 241

    def params(self) -> dict:
        """Per isoform K_d (µM), k_on (1/(µM s)), k_off (1/s) from :data:`nakmodel.drugs.OUABAIN_ISOFORMS`;
        the time axis (min); the equilibrium curves on the concentration axis (computed here by
        :func:`nakmodel.drugs.ouabain_pump_fraction`: they never change); the isoform styles."""
        isos = list(ISOFORM_LABELS)
        return {
            "isoforms": isos,
            "kd_uM": {i: OUABAIN_ISOFORMS[i].kd_uM for i in isos},
            "k_on_per_uM_s": {i: OUABAIN_ISOFORMS[i].k_on_per_uM_s for i in isos},
            "k_off_per_s": {i: OUABAIN_ISOFORMS[i].k_off_per_s for i in isos},
            "window_min": self.window_min, "n_time": self.n_time,
            "curve": {"conc_uM": CONC_AXIS_UM.tolist(),
                      **{i: ouabain_pump_fraction(CONC_AXIS_UM, i).tolist() for i in isos}},
            "styles": isoform_style(),
        }

    def compute(self, values: dict) -> dict:
        """``fraction`` (0–1, equilibrium) and ``tau_s`` (binding time constant, s) per isoform; the
        time course ``course`` (``t_min`` and the fraction left per isoform). Cached per setting:
        the sliders have a few hundred positions, and a revisited one answers at once."""
        return _dose_result(float(values["conc_uM"]), float(values["washout_min"]), self.window_min,
                            self.n_time)

    def fallback_figure(self, values: dict, result: dict):
        from ...plots.ouabain import DoseResponsePlot

        plot = DoseResponsePlot(tuple(ISOFORM_LABELS), ISOFORM_LABELS, self.window_min)
        course = result["course"]
        plot.update(values["conc_uM"], result["fraction"], np.array(course["t_min"]),
                    {i: np.array(course[i]) for i in ISOFORM_LABELS}, values["washout_min"])
        return plot.fig, plot.alt_text(values["conc_uM"], result["fraction"], values["washout_min"])


# ----------------------------------------------------------------------------------- explorer 2
#: Fields of a run the figure and readout use, with the integer scale of their static-page encoding
#: (value = integer / scale: 0.01 mV, 0.01 mM, 1e-4 of control volume or rest activity, 1e-4 mM ATP,
#: 0.01 kJ/mol).
GRID_FIELDS = {"v_mV": 100, "na_in": 100, "k_in": 100, "cl_in": 100, "volume_rel": 10_000, "activity": 10_000}
ANOXIA_FIELDS = {"atp_mM": 10_000, "dg_atp_kJ_per_mol": 100}


def _nearest_log(value, options):
    return min(range(len(options)), key=lambda i: abs(math.log(options[i]) - math.log(value)))


def _nearest(value, options):
    return min(range(len(options)), key=lambda i: abs(options[i] - value))


def _encode(series, scale) -> list:
    """Delta-encoded integers: the first value, then differences of the rounded values."""
    q = np.round(np.asarray(series, dtype=float) * scale).astype(np.int64)
    return np.concatenate([q[:1], np.diff(q)]).tolist()


def _minutes_or_none(t_s) -> float | None:
    return None if math.isnan(t_s) else t_s / 60.0


class PumpBlockLive(LiveExplorer):
    """Vm, [Na]i, [K]i and volume for two hours after ouabain or ATP loss.

    Defaults: 1 µM ouabain on human α1 (near-complete block), the book's 20 µm pump–leak cell
    (:class:`nakmodel.cell.CellParams`), no washout. Settings snap to the grid of
    :mod:`nakmodel.book.ouabain_grid`.

    Examples
    --------
    >>> app = PumpBlockLive(conc_uM=0.9)  # snaps to the grid value 1 µM
    >>> app.result["conc_uM"]
    1.0
    """

    name = "pump_block"
    title = "After the pump stops: the slow collapse"
    controls = (
        Control("conc_uM", "ouabain", "µM", 1.0, grid.GRID_CONC_UM[0], grid.GRID_CONC_UM[-1], 1.0, log=True,
                readout_format=".2g"),
        Control("diameter_um", "cell diameter", "µm", _CELL.diameter_um, grid.GRID_DIAMETER_UM[0],
                grid.GRID_DIAMETER_UM[-1], math.log10(2.0), log=True, readout_format=".0f"),
        Control("restart_min", "pump restarts at", "min", MAX_DURATION_MIN, GRID_RESTART_MIN[0],
                GRID_RESTART_MIN[-1], 30.0, readout_format=".0f"),
        Control("duration_min", "time shown", "min", MAX_DURATION_MIN, 10.0, MAX_DURATION_MIN, 10.0,
                readout_format=".0f"),
    )
    choices = (Choice("cause", "what stops the pump", tuple(CAUSES), next(iter(CAUSES))),
               Choice("isoform", "pump isoform", tuple(ISOFORM_LABELS.values()),
                      ISOFORM_LABELS["human_alpha1"]))
    # values the sliders step on (the grid's)
    scenarios = {
        "first-10-minutes": {"duration_min": 10.0},
        "small-cell": {"diameter_um": 5.0},
        "rat-pump-washout": {"isoform": ISOFORM_LABELS["rodent_alpha1"], "conc_uM": 1000.0,
                             "restart_min": 60.0},
        "anoxia-reoxygenation": {"cause": "anoxia (ATP falls)", "restart_min": 60.0},
    }
    scenario_notes = {
        "first-10-minutes": "1 µM on human α1, first 10 min: a few mV at once, then a slow creep; "
                            "the test pulse still works",
        "small-cell": "a 5 µm cell: the test pulse fails about four times sooner than in the 20 µm cell, "
                      "and the cell swells more",
        "rat-pump-washout": "1 mM on rat α1, washed out at 60 min: the pump restarts at once, "
                            "Vm dips just below rest and the neuron fires again within minutes",
        "anoxia-reoxygenation": "ATP falls (anoxia), oxygen back at 60 min: the pump restarts and the cell "
                                "recovers within minutes",
    }

    def params(self) -> dict:
        """The grid's axes (µM, µm, min), output times (s), isoform keys, the constants for E_K
        (CODATA via :mod:`nakmodel.constants`; [K⁺]o and temperature of :class:`nakmodel.cell.CellParams`)."""
        return {
            "grid_conc_uM": list(grid.GRID_CONC_UM), "grid_diameter_um": list(grid.GRID_DIAMETER_UM),
            "grid_restart_min": list(GRID_RESTART_MIN), "max_duration_min": MAX_DURATION_MIN,
            "t_s": output_times_s().tolist(),
            "isoforms": ISOFORM_LABELS, "causes": CAUSES,
            "gas_constant": GAS_CONSTANT, "faraday": FARADAY, "zero_celsius_K": ZERO_CELSIUS_K,
            "k_out_mM": _CELL.c_out_mM["K"], "temperature_C": _CELL.temperature_C,
        }

    def static_params(self) -> dict:
        """Every run of the grid, for the page to look up:
        ``runs.ouabain[isoform][i_conc][i_diam][i_restart]`` and
        ``runs.anoxia[i_diam][i_restart]``, each ``{field: delta-encoded integers}`` (scales in
        ``scales``), ``fires`` as a string of 0/1 and ``fail_min``/``recover_min`` (``None``: never)."""
        def pack(cause, iso, conc, d, r):
            run = grid.cached_scenario(cause, iso, conc, d, None if r >= MAX_DURATION_MIN else r)
            fields = {**GRID_FIELDS, **(ANOXIA_FIELDS if cause == "anoxia" else {})}
            return {**{f: _encode(run[f], s) for f, s in fields.items()},
                    "fires": "".join("1" if x else "0" for x in run["fires"]),
                    "fail_min": _minutes_or_none(run["fail_s"]),
                    "recover_min": _minutes_or_none(run["recover_s"])}

        axes = (grid.GRID_DIAMETER_UM, GRID_RESTART_MIN)
        return {"scales": {**GRID_FIELDS, **ANOXIA_FIELDS}, "runs": {
            "ouabain": {iso: [[[pack("ouabain", iso, c, d, r) for r in axes[1]] for d in axes[0]]
                              for c in grid.GRID_CONC_UM] for iso in ISOFORM_LABELS},
            "anoxia": [[pack("anoxia", "human_alpha1", 0.0, d, r) for r in axes[1]] for d in axes[0]],
        }}

    @staticmethod
    def snapped(values: dict) -> tuple:
        """``(cause, isoform key, conc µM, diameter µm, restart min)`` on the grid for the control values."""
        conc = grid.GRID_CONC_UM[_nearest_log(values["conc_uM"], grid.GRID_CONC_UM)]
        d = grid.GRID_DIAMETER_UM[_nearest_log(values["diameter_um"], grid.GRID_DIAMETER_UM)]
        r = GRID_RESTART_MIN[_nearest(values["restart_min"], GRID_RESTART_MIN)]
        return CAUSES[values["cause"]], _ISO_BY_LABEL[values["isoform"]], conc, d, r

    def _run(self, values: dict) -> dict:
        cause, iso, conc, d, r = self.snapped(values)
        return grid.cached_scenario(cause, iso, conc, d, None if r >= MAX_DURATION_MIN else r)

    def compute(self, values: dict) -> dict:
        """The snapped settings and the run's arrays (``t_min``; Vm, E_K in mV; inside
        concentrations in mM; volume and pump activity relative to rest; ``fires`` 0/1), when the
        test pulse first fails and fires again (min, ``None``: never); ATP (mM) and ΔG_ATP (kJ/mol)
        in anoxia."""
        cause, _iso, conc, d, r = self.snapped(values)
        run = self._run(values)
        e_k = nernst(1, _CELL.c_out_mM["K"], np.asarray(run["k_in"]), _CELL.temperature_C)
        out = {"conc_uM": conc, "diameter_um": d,
               "restart_min": None if r >= MAX_DURATION_MIN else r,
               "t_min": (np.asarray(run["t_s"]) / 60.0).tolist(), "e_k_mV": np.asarray(e_k).tolist(),
               **{f: np.asarray(run[f]).tolist() for f in GRID_FIELDS},
               "fires": [1 if x else 0 for x in run["fires"]],
               "fail_min": _minutes_or_none(run["fail_s"]), "recover_min": _minutes_or_none(run["recover_s"])}
        if cause == "anoxia":
            out.update({f: np.asarray(run[f]).tolist() for f in ANOXIA_FIELDS})
        return out

    def fallback_figure(self, values: dict, result: dict):
        from ...plots.ouabain import RundownPlot

        cause, iso, conc, d, r = self.snapped(values)
        run = self._run(values)
        restart = result["restart_min"]
        dur = float(values["duration_min"])
        plot = RundownPlot(MAX_DURATION_MIN)
        plot.update(run, dur, restart, cause)
        what = (f"{concentration_text(conc)} ouabain on {ISOFORM_LABELS[iso]}" if cause == "ouabain"
                else "anoxia: ATP falls, ADP and Pi rise")
        fail, rec = result["fail_min"], result["recover_min"]
        if fail is None or fail > dur:
            firing = "still fires at the end of the window"
        else:
            firing = f"stops firing at {fail:.0f} min"
            if rec is not None and rec <= dur:
                firing += f", fires again at {rec:.0f} min"
        return plot.fig, plot.alt_text(run, dur, what, firing)
