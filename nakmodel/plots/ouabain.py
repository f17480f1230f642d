"""Figures for the ouabain chapter: dose–response by isoform and the run-down after pump block."""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import FixedLocator, NullFormatter

from .shared import CONC_AXIS_UM, ISOFORM_STYLES, concentration_text  # noqa: F401 - re-exported
from .style import ION_COLORS, ION_LABELS, ION_LINESTYLES, ceil_to, floor_to, new_figure, styled

#: Number of spans that can be shaded as "test pulse fails".
N_FAIL_SPANS = 3


class DoseResponsePlot:
    """Left: equilibrium block vs ouabain concentration; right: block over time.

    Parameters
    ----------
    isoforms : sequence of str
        Keys of :data:`nakmodel.drugs.OUABAIN_ISOFORMS`.
    labels : dict
        Legend text per isoform.
    window_min : float
        Length of the time axis, min.
    """

    def __init__(self, isoforms, labels, window_min=120.0):
        from ..drugs import ouabain_pump_fraction

        self.isoforms = tuple(isoforms)
        self.labels = dict(labels)
        self.window_min = window_min
        self._curves = {iso: ouabain_pump_fraction(CONC_AXIS_UM, iso) for iso in self.isoforms}
        self._build()

    @styled
    def _build(self):
        self.fig, (self.ax_dr, self.ax_t) = new_figure(9.0, 4.0, ncols=2)
        ax = self.ax_dr
        self.markers = {}
        for iso in self.isoforms:
            st = ISOFORM_STYLES[iso]
            ax.semilogx(CONC_AXIS_UM, 100 * self._curves[iso], color=st["color"], ls=st["ls"], lw=2,
                        label=self.labels[iso])
            (self.markers[iso],) = ax.plot([1.0], [50.0], "o", color=st["color"], ms=7, mec="white")
        ax.axhline(50.0, color="0.6", lw=0.8, ls=":")
        self.conc_line = ax.axvline(1.0, color="0.3", lw=1.2)
        ax.set_xlim(CONC_AXIS_UM[0], CONC_AXIS_UM[-1])
        ax.set_ylim(-3, 105)
        ax.set_xticks([1e-4, 1e-2, 1, 100, 1e4], ["0.1 nM", "10 nM", "1 µM", "100 µM", "10 mM"], fontsize=9)
        ax.xaxis.set_minor_locator(FixedLocator(10.0 ** np.arange(-4, 5)))
        ax.xaxis.set_minor_formatter(NullFormatter())
        ax.set_xlabel("ouabain concentration (log scale)")
        ax.set_ylabel("pump activity left (% of control)")
        ax.set_title("At equilibrium")
        ax.legend(loc="lower center", bbox_to_anchor=(0.62, 0.1), fontsize=9)

        ax = self.ax_t
        self.course_lines = {}
        for iso in self.isoforms:
            st = ISOFORM_STYLES[iso]
            (self.course_lines[iso],) = ax.plot([0, self.window_min], [100, 100], color=st["color"],
                                                ls=st["ls"], lw=2, label=self.labels[iso])
        self.washout_line = ax.axvline(60.0, color="0.4", lw=1.0, ls=":")
        self.washout_text = ax.text(60.0, 102, "washout", ha="left", va="bottom", fontsize=9, color="0.35")
        ax.set_xlim(0, self.window_min)
        ax.set_ylim(-3, 108)
        ax.set_xlabel("time after ouabain is added (min)")
        ax.set_ylabel("pump activity left (% of control)")
        self.title_t = ax.set_title("Binding over time")

    def update(self, conc_uM, fractions, t_min, courses, washout_min):
        """Move the concentration line and markers; redraw the time courses (fractions 0–1)."""
        self.conc_line.set_xdata([conc_uM, conc_uM])
        for iso in self.isoforms:
            self.markers[iso].set_data([conc_uM], [100 * fractions[iso]])
            self.course_lines[iso].set_data(t_min, 100 * np.asarray(courses[iso]))
        self.washout_line.set_xdata([washout_min, washout_min])
        self.washout_text.set_x(washout_min)
        self.title_t.set_text(f"Binding over time at {concentration_text(conc_uM)}")
        return self.fig

    def alt_text(self, conc_uM, fractions, washout_min):
        parts = "; ".join(f"{self.labels[iso]}: {100 * fractions[iso]:.1f} % left" for iso in self.isoforms)
        return ("Left: pump activity left versus ouabain concentration on a log axis for three isoforms, "
                f"with a line at {concentration_text(conc_uM)} ({parts}). "
                "Right: activity over two hours after ouabain is added, "
                f"washed out at {washout_min:.0f} min.")


class RundownPlot:
    """Four panels over time: Vm (with test-pulse failures shaded), [Na]i/[K]i/[Cl]i, volume,
    pump activity."""

    def __init__(self, max_min=120.0):
        self.max_min = max_min
        self._build()

    @styled
    def _build(self):
        self.fig, axes = new_figure(9.0, 6.0, nrows=2, ncols=2, sharex=True)
        (self.ax_v, self.ax_c), (self.ax_w, self.ax_p) = axes
        t0 = [0.0, self.max_min]
        ax = self.ax_v
        self.fail_spans = [ax.axvspan(0.0, 0.0, color="0.85", lw=0, zorder=0) for _ in range(N_FAIL_SPANS)]
        self.fail_spans[0].set_label("test pulse fails")
        (self.v_line,) = ax.plot(t0, [-70, -70], color=ION_COLORS["Vm"], lw=2, label="V$_m$")
        (self.e_k_line,) = ax.plot(t0, [-90, -90], color=ION_COLORS["K"], ls=ION_LINESTYLES["K"], lw=1.2,
                                   label="E$_K$")
        ax.set_ylabel("membrane potential (mV)")
        ax.set_title("Membrane potential")
        ax.legend(loc="upper left", fontsize=8, ncol=3)

        ax = self.ax_c
        self.c_lines = {}
        for ion in ("Na", "K", "Cl"):
            (self.c_lines[ion],) = ax.plot(t0, [10, 10], color=ION_COLORS[ion], ls=ION_LINESTYLES[ion], lw=2,
                                           label=f"[{ION_LABELS[ion]}]$_i$")
        ax.set_ylabel("inside concentration (mM)")
        ax.set_ylim(0, 160)
        ax.set_title("Concentrations inside")
        ax.legend(loc="center right", fontsize=8)

        ax = self.ax_w
        (self.w_line,) = ax.plot(t0, [1, 1], color="0.3", lw=2)
        ax.set_ylabel("cell volume (× control)")
        ax.set_xlabel("time (min)")
        ax.set_title("Volume (water follows the ions)")

        ax = self.ax_p
        (self.p_line,) = ax.plot(t0, [100, 100], color=ION_COLORS["pump"], lw=2)
        ax.set_ylim(-3, 105)
        ax.set_ylabel("pump turnover (% of rest)")
        ax.set_xlabel("time (min)")
        self.p_title = ax.set_title("Pump activity")
        self.restart_lines = [a.axvline(self.max_min, color="0.4", lw=1.0, ls=":") for a in axes.ravel()]
        self.restart_text = self.ax_p.text(self.max_min, 50, "", rotation=90, ha="right", va="center",
                                           fontsize=8, color="0.35")

    def update(self, run, duration_min, restart_min, cause):
        """Draw one run (dict from :func:`nakmodel.pump_block.scenario`) up to ``duration_min``."""
        from ..electrochem import nernst

        t = run["t_s"] / 60.0
        sel = t <= duration_min + 1e-9
        ts = t[sel]
        self.v_line.set_data(ts, run["v_mV"][sel])
        self.e_k_line.set_data(ts, nernst(1, 5.0, run["k_in"][sel]))
        for ion, key in (("Na", "na_in"), ("K", "k_in"), ("Cl", "cl_in")):
            self.c_lines[ion].set_data(ts, run[key][sel])
        self.w_line.set_data(ts, run["volume_rel"][sel])
        self.p_line.set_data(ts, 100 * run["activity"][sel])
        # shaded spans where the test pulse fails (edges at midpoints between output times)
        spans = _false_runs(t, run["fires"], run.get("fail_s", np.nan) / 60.0,
                            run.get("recover_s", np.nan) / 60.0)
        for i, patch in enumerate(self.fail_spans):
            a, b = spans[i] if i < len(spans) else (0.0, 0.0)
            a, b = min(a, duration_min), min(b, duration_min)
            patch.set_x(a)
            patch.set_width(b - a)
        x = restart_min if restart_min is not None else self.max_min
        for line in self.restart_lines:
            line.set_xdata([x, x])
            line.set_visible(restart_min is not None and restart_min < duration_min)
        self.restart_text.set_position((x, 50))
        self.restart_text.set_text("" if restart_min is None or restart_min >= duration_min else
                                   ("washout" if cause == "ouabain" else "oxygen back"))
        self.p_title.set_text("Pump activity" + (" (ATP falls)" if cause == "anoxia" else " (ouabain)"))
        a = 100 * run["activity"][sel]
        self.ax_p.set_ylim(min(-3.0, floor_to(float(a.min()) - 3, 10.0)),
                           max(105.0, ceil_to(float(a.max()) + 5, 50.0)))
        lo = min(float(run["v_mV"][sel].min()), float(nernst(1, 5.0, run["k_in"][sel]).min()))
        hi = float(run["v_mV"][sel].max())
        self.ax_v.set_ylim(floor_to(lo - 5, 10.0), max(-40.0, ceil_to(hi + 8, 10.0)))
        w = run["volume_rel"][sel]
        self.ax_w.set_ylim(min(0.95, floor_to(float(w.min()) - 0.02, 0.05)),
                           max(1.1, ceil_to(float(w.max()) + 0.05, 0.1)))
        self.ax_v.set_xlim(0, duration_min)
        return self.fig

    def alt_text(self, run, duration_min, what, firing):
        t = run["t_s"] / 60.0
        end = int(np.searchsorted(t, duration_min, side="right") - 1)
        return (f"Four panels over {duration_min:.0f} minutes after {what}. Membrane potential goes from "
                f"{run['v_mV'][0]:.0f} to {run['v_mV'][end]:.0f} mV; "
                f"inside Na+ from {run['na_in'][0]:.0f} to {run['na_in'][end]:.0f} mM; "
                f"inside K+ from {run['k_in'][0]:.0f} to {run['k_in'][end]:.0f} mM; "
                f"volume {run['volume_rel'][end] / run['volume_rel'][0]:.2f} times control; pump turnover "
                f"{100 * run['activity'][end]:.0f} % of rest. The neuron {firing}.")


def _false_runs(t, fires, fail_min=np.nan, recover_min=np.nan):
    """Intervals (min) where ``fires`` is False; the first edges use the bisected times if given."""
    fires = np.asarray(fires, dtype=bool)
    spans = []
    i = 0
    n = len(t)
    while i < n:
        if not fires[i]:
            j = i
            while j + 1 < n and not fires[j + 1]:
                j += 1
            a = t[0] if i == 0 else 0.5 * (t[i - 1] + t[i])
            b = t[-1] if j == n - 1 else 0.5 * (t[j] + t[j + 1])
            spans.append([a, b])
            i = j + 1
        else:
            i += 1
    if spans and np.isfinite(fail_min):
        spans[0][0] = fail_min
        if np.isfinite(recover_min) and recover_min > fail_min:
            spans[0][1] = recover_min
    return [tuple(s) for s in spans]
