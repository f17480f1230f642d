"""Figure of the chapter "Active transport and the Na+/K+ pump cycle".

:class:`PumpCyclePlot` draws, once:

* left: the Post–Albers E1/E2 cycle as six named states (``nakmodel.PUMP_STATES``)
  around a membrane, with inside/outside labels and the event of each step on
  its arrow; the current state is filled (colour) *and* drawn with a thick
  black outline and a bold label, so colour is never the only cue; counters of
  Na+ out, K+ in, ATP used and elapsed time sit in the middle;
* top right: net cycle rate against membrane potential (an I–V-like curve:
  one net charge leaves per cycle) with the present Vm and the reversal
  potential marked;
* bottom right: cumulative Na+ out, K+ in and ATP used during one stochastic
  run, with a cursor at the frame shown.

:meth:`PumpCyclePlot.set_conditions` (after a slider move) changes the rate
curve and the run's traces; :meth:`PumpCyclePlot.show_frame` (every animation
frame) only moves the highlight, the counters and the cursor.
"""

from __future__ import annotations

import numpy as np
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle

from .shared import RATE_CURVE_POINTS, STATE_NOTES, STATE_XY, STEP_EVENTS  # noqa: F401 - re-exported
from .style import ION_COLORS, ION_LINESTYLES, new_figure, nice_range, styled

_BOX_W, _BOX_H = 0.86, 0.44
_MEMBRANE_HALF = 0.3
_NODE_FACE = "white"
_NODE_EDGE = "0.45"
_HIGHLIGHT_FACE = ION_COLORS["pump"]


class PumpCyclePlot:
    """The cycle diagram, the rate–voltage curve and the counts of one run.

    Parameters
    ----------
    state_names : sequence of str
        Names of the six states in cycle order (``nakmodel.PUMP_STATES``).
    v_range_mV : (float, float)
        Voltage axis of the rate curve, mV.
    """

    #: Points of the rate–voltage curve.
    V_POINTS = RATE_CURVE_POINTS

    def __init__(self, state_names, v_range_mV=(-300.0, 60.0)):
        self.state_names = tuple(state_names)
        if len(self.state_names) != len(STATE_XY):
            raise ValueError(f"expected {len(STATE_XY)} state names, got {len(self.state_names)}")
        self.v_range = tuple(float(v) for v in v_range_mV)
        self.current = None
        self._build()

    # ------------------------------------------------------------------ build once
    @styled
    def _build(self):
        fig, _ax = new_figure(10.5, 5.9)
        _ax.remove()
        self.fig = fig
        left, right = fig.subfigures(1, 2, width_ratios=[1.2, 1.0], wspace=0.0, facecolor="white")
        self.sub_left, self.sub_right = left, right
        self.ax_cycle = left.subplots()
        self.ax_rate, self.ax_run = right.subplots(2, 1)
        self._build_cycle(self.ax_cycle)
        self._build_rate(self.ax_rate)
        self._build_run(self.ax_run)

    def _build_cycle(self, ax):
        ax.set_xlim(-2.3, 2.3)
        ax.set_ylim(-1.62, 1.62)
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_title("Post–Albers cycle of one pump (forward = anticlockwise)")
        ax.add_patch(Rectangle((-2.3, -_MEMBRANE_HALF), 4.6, 2 * _MEMBRANE_HALF, facecolor="#EEE8D5",
                               edgecolor="0.5", hatch="...", linewidth=0.8, zorder=0))
        ax.text(-2.25, 1.55, "OUTSIDE (extracellular)", ha="left", va="top", fontsize=9, color="0.25",
                fontweight="bold")
        ax.text(2.25, -1.55, "INSIDE (cytoplasm)", ha="right", va="bottom", fontsize=9, color="0.25",
                fontweight="bold")
        ax.text(2.25, _MEMBRANE_HALF + 0.03, "membrane", ha="right", va="bottom", fontsize=8, color="0.4")
        n = len(STATE_XY)
        # arrows and step labels (drawn first, boxes on top)
        centre = np.array([0.0, 0.0])
        for i in range(n):
            p0, p1 = np.array(STATE_XY[i]), np.array(STATE_XY[(i + 1) % n])
            d = (p1 - p0) / np.linalg.norm(p1 - p0)
            start = p0 + d * 0.36
            end = p1 - d * 0.36
            ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=14, color="0.3",
                                         linewidth=1.4, connectionstyle="arc3,rad=0.12", zorder=1))
            mid = (p0 + p1) / 2
            out = mid - centre
            out = out / np.linalg.norm(out)
            lp = mid + out * 0.3
            ha = "left" if out[0] > 0.3 else "right" if out[0] < -0.3 else "center"
            ax.text(lp[0], lp[1], STEP_EVENTS[i], ha=ha, va="center", fontsize=7.5, color="0.15",
                    linespacing=1.0, zorder=2)
        self.boxes, self.names, self.notes = [], [], []
        for (x, y), name, note in zip(STATE_XY, self.state_names, STATE_NOTES, strict=True):
            box = FancyBboxPatch((x - _BOX_W / 2, y - _BOX_H / 2), _BOX_W, _BOX_H,
                                 boxstyle="round,pad=0.02,rounding_size=0.08", facecolor=_NODE_FACE,
                                 edgecolor=_NODE_EDGE, linewidth=1.2, zorder=3)
            ax.add_patch(box)
            self.boxes.append(box)
            self.names.append(ax.text(x, y + 0.07, name, ha="center", va="center", fontsize=10, zorder=4))
            self.notes.append(ax.text(x, y - 0.12, note, ha="center", va="center", fontsize=7, color="0.25",
                                      zorder=4))
        # highlight of the current state: an overlay box (fill + thick black outline) and bold label
        self.hl_box = FancyBboxPatch((0, 0), _BOX_W, _BOX_H, boxstyle="round,pad=0.02,rounding_size=0.08",
                                     facecolor=_HIGHLIGHT_FACE, edgecolor="black", linewidth=3.5, zorder=6)
        ax.add_patch(self.hl_box)
        self.hl_name = ax.text(0, 0, "", ha="center", va="center", fontsize=10.5, fontweight="bold", zorder=7)
        self.hl_note = ax.text(0, 0, "", ha="center", va="center", fontsize=7, color="black", zorder=7)
        self.counter_text = ax.text(0.0, 0.0, "", ha="center", va="center", fontsize=9, family="monospace",
                                    zorder=5, bbox=dict(boxstyle="round,pad=0.35", facecolor="white",
                                                        edgecolor="0.6"))
        self.now_text = ax.text(-2.25, -1.55, "", ha="left", va="bottom", fontsize=9, zorder=5)

    def _build_rate(self, ax):
        v = np.linspace(*self.v_range, self.V_POINTS)
        self.v_grid = v
        ax.axhline(0.0, color="0.5", lw=0.8)
        (self.rate_line,) = ax.plot(v, np.zeros_like(v), color=ION_COLORS["pump"], ls=ION_LINESTYLES["pump"],
                                    lw=2.2, label="net cycle rate")
        self.rev_line = ax.axvline(0.0, color="0.2", ls="--", lw=1.2, label="reversal potential")
        (self.vm_marker,) = ax.plot([0.0], [0.0], ls="none", marker="o", ms=8, mfc="black", mec="white",
                                    label="present V$_m$")
        self.rev_text = ax.text(0.0, 0.0, "", fontsize=8, ha="left", va="bottom", color="0.15")
        self.back_text = ax.text(0.02, 0.03, "below 0: runs backwards (makes ATP)", transform=ax.transAxes,
                                 fontsize=8, color="0.35", ha="left", va="bottom")
        ax.set_xlim(*self.v_range)
        ax.set_xlabel("membrane potential V$_m$ (mV)")
        ax.set_ylabel("net rate (cycles/s)")
        ax.yaxis.set_label_coords(-0.14, 0.5)  # fixed: tick labels change width between updates
        ax.set_title("Net pump rate against voltage")
        ax.legend(loc="upper left", fontsize=8, frameon=True, framealpha=0.92, edgecolor="none")

    def _build_run(self, ax):
        self.count_lines = {}
        for key, label in (("Na", "Na$^+$ out"), ("K", "K$^+$ in"), ("ATP", "ATP used")):
            (line,) = ax.step([0.0, 1.0], [0, 0], where="post", color=ION_COLORS[key], ls=ION_LINESTYLES[key],
                              lw=1.8, label=label)
            self.count_lines[key] = line
        self.cursor = ax.axvline(0.0, color="0.2", lw=1.0)
        ax.axhline(0.0, color="0.5", lw=0.8)
        ax.set_xlabel("time (ms)")
        ax.set_ylabel("cumulative count")
        ax.yaxis.set_label_coords(-0.14, 0.5)
        ax.set_title("One stochastic run (seeded)")
        self.run_legend = ax.legend(loc="upper left", fontsize=8)

    # ------------------------------------------------------------------ updates
    def set_conditions(self, rate_curve, v_mV, rate_now, v_rev_mV, run):
        """New rate curve (cycles/s on :attr:`v_grid`), present Vm and rate, reversal potential (mV)
        and a :class:`nakmodel.PumpRun`; moves the cursor to frame 0."""
        curve = np.asarray(rate_curve, dtype=float)
        self.rate_line.set_ydata(curve)
        self.vm_marker.set_data([v_mV], [rate_now])
        lo, hi = float(min(curve.min(), rate_now, 0.0)), float(max(curve.max(), rate_now, 0.0))
        self.ax_rate.set_ylim(*nice_range(lo, max(hi, lo + 1.0)))
        vmin, vmax = self.v_range
        shown = min(max(v_rev_mV, vmin), vmax)
        self.rev_line.set_xdata([shown, shown])
        self.rev_line.set_visible(vmin <= v_rev_mV <= vmax)
        where = "" if vmin <= v_rev_mV <= vmax else " (off scale)"
        self.rev_text.set_text(f" V$_{{rev}}$ = {v_rev_mV:+.0f} mV{where}")
        self.rev_text.set_position((shown, lo + 0.55 * (hi - lo)))
        self.rev_text.set_ha("left" if shown < 0.5 * (vmin + vmax) else "right")

        self.run = run
        t_ms = np.asarray(run.t_s) * 1e3
        t_end = run.duration_s * 1e3
        tt = np.r_[t_ms, t_end]
        series = {"Na": run.na_out, "K": run.k_in, "ATP": run.atp_used}
        for key, line in self.count_lines.items():
            y = np.asarray(series[key], dtype=float)
            line.set_data(tt, np.r_[y, y[-1]])
        ymin = min(float(np.min(run.na_out)), float(np.min(run.atp_used)), float(np.min(run.k_in)), 0.0)
        ymax = max(float(np.max(run.na_out)), float(np.max(run.k_in)), float(np.max(run.atp_used)), 0.0)
        self.ax_run.set_ylim(*nice_range(ymin, max(ymax, ymin + 3.0)))
        self.ax_run.set_xlim(0.0, t_end if t_end > 0 else 1.0)
        self.run_legend.set_loc("upper left" if run.atp_used[-1] >= 0 else "lower left")
        self.current = None
        return self.fig

    def show_frame(self, i):
        """Show event ``i`` of the current run: highlight its state, counters and cursor only."""
        run = self.run
        i = int(min(max(i, 0), len(run.t_s) - 1))
        s = int(run.state[i])
        if self.current != s:
            x, y = STATE_XY[s]
            self.hl_box.set_bounds(x - _BOX_W / 2, y - _BOX_H / 2, _BOX_W, _BOX_H)
            self.hl_name.set_position((x, y + 0.07))
            self.hl_name.set_text(self.state_names[s])
            self.hl_note.set_position((x, y - 0.12))
            self.hl_note.set_text(STATE_NOTES[s])
            self.current = s
        t = float(run.t_s[i])
        self.counter_text.set_text(
            f"Na⁺ out {int(run.na_out[i]):+5d}\nK⁺ in   {int(run.k_in[i]):+5d}\n"
            f"ATP used{int(run.atp_used[i]):+5d}\nt = {t * 1e3:7.1f} ms")
        step = ""
        if i > 0:
            prev = int(run.state[i - 1])
            n = len(self.state_names)
            if (prev + 1) % n == s:
                step = " (forward step)"
            else:
                step = " (backward step)" if (s + 1) % n == prev else ""
        self.now_text.set_text(f"event {i}/{len(run.t_s) - 1}: {self.state_names[s]}{step}")
        self.cursor.set_xdata([t * 1e3, t * 1e3])
        return self.fig

    def alt_text(self, v_mV, rate_now, v_rev_mV, frame):
        """A sentence describing the figure for screen readers."""
        run = self.run
        i = int(min(max(frame, 0), len(run.t_s) - 1))
        return (
            "Diagram of the Na+/K+ pump cycle with six states around the membrane: E1 (inward-open), E1·3Na, "
            "E1P·3Na (occluded, ATP hydrolysed), E2P (3 Na+ released outside), E2P·2K, E2·2K (occluded, "
            "phosphate released), back to E1 (2 K+ released inside). "
            f"Highlighted state: {self.state_names[int(run.state[i])]}; "
            f"after {run.t_s[i] * 1e3:.1f} ms the run has moved {int(run.na_out[i])} Na+ out, "
            f"{int(run.k_in[i])} K+ in and used {int(run.atp_used[i])} ATP. "
            f"Right: net cycle rate against membrane potential, {rate_now:.1f} cycles/s at {v_mV:.0f} mV, "
            f"crossing zero at the reversal potential {v_rev_mV:.0f} mV; below, the cumulative counts of the "
            f"{run.duration_s * 1e3:.0f} ms stochastic run."
        )
