"""Figures for the chapter "Why 3 Na⁺ for 2 K⁺? Stoichiometry and electrogenicity".

:class:`StoichiometryPlot` has four panels, built once and updated in place:

* **A** — Vm after the cell's pumps are switched, at t = 0, from the real 3:2
  pump to the selected variant (log time axis, so the millisecond electrogenic
  step and the minutes-long drift of the gradients are both visible), with the
  3:2 resting potential as a reference and each variant's final steady state
  as a labelled marker at the right edge;
* **B** — each variant's steady resting potential split into the part the
  gradients make (GHK potential) and the pump's direct electrogenic part;
* **C** — the change of [Na⁺]ᵢ and [K⁺]ᵢ over the same time as A;
* **D** — free energy per cycle of hypothetical n Na⁺ : m K⁺ pumps at the 3:2
  resting state against the free energy of one ATP (cells marked ✗ cannot run).
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.colors import Normalize
from matplotlib.patches import Rectangle

from .shared import GRID_CMAP, GRID_VMAX, GRID_WHITE_TEXT_ABOVE, VARIANT_MARKERS
from .style import ION_COLORS, ION_LINESTYLES, ceil_to, floor_to, new_figure, styled

__all__ = ["GRID_CMAP", "GRID_VMAX", "GRID_WHITE_TEXT_ABOVE", "StoichiometryPlot", "VARIANT_MARKERS"]

_GRADIENT_GREY = "0.72"


#: Time ticks of panels A and C (s) with plain-text labels (no mathtext: cheaper to draw).
TIME_TICKS = ((1e-4, "0.1 ms"), (1e-2, "10 ms"), (1.0, "1 s"), (60.0, "1 min"), (3600.0, "1 h"))


def _time_axis(ax, t0, t_max):
    ax.set_xscale("log")
    ax.set_xlim(t0, t_max * 1.05)
    ax.set_xticks([t for t, _ in TIME_TICKS], [lab for _, lab in TIME_TICKS])
    ax.minorticks_off()
    ax.set_xlabel("time after the switch (log scale)")


def _label(st):
    return "pump blocked" if st == (0, 0) else f"{st[0]}:{st[1]}"


class StoichiometryPlot:
    """Four-panel comparison of pump stoichiometries (see module docstring).

    Parameters
    ----------
    variants : sequence of (int, int)
        (Na⁺ out, K⁺ in) per cycle of the variants in panel B, first the real (3, 2).
    na_range, k_range : sequence of int
        Na⁺ out (columns) and K⁺ in (rows) per cycle of the grid in panel D.
    t_max_s : float
        Right end of the time axis of panels A and B, s.
    """

    def __init__(self, variants=((3, 2), (3, 3), (2, 2), (1, 1)), na_range=(1, 2, 3, 4),
                 k_range=(0, 1, 2, 3, 4), t_max_s=3600.0):
        self.variants = tuple(tuple(v) for v in variants)
        self.na_range = tuple(na_range)
        self.k_range = tuple(k_range)
        self.t_max_s = float(t_max_s)
        self._build()

    @styled
    def _build(self):
        self.fig, axes = new_figure(10.0, 7.6, nrows=2, ncols=2,
                                    gridspec_kw={"width_ratios": [1.25, 1.0]})
        (self.ax_v, self.ax_bar), (self.ax_c, self.ax_grid) = axes
        t0 = 1e-4
        # --- A: Vm time course --------------------------------------------------------
        ax = self.ax_v
        _time_axis(ax, t0, self.t_max_s)
        ax.set_ylabel("Vm (mV)")
        ax.set_title("A  Vm after switching the pumps at t = 0")
        (self.ref_line,) = ax.plot([t0, self.t_max_s], [0, 0], color="0.45", ls=":", lw=1.3,
                                   label="3:2 resting potential")
        (self.v_line,) = ax.plot([t0, self.t_max_s], [0, 0], color=ION_COLORS["Vm"], ls=ION_LINESTYLES["Vm"],
                                 lw=2.4, label="Vm with the highlighted pump")
        self.end_markers = {}
        self.end_texts = {}
        for st in self.variants:
            (m,) = ax.plot([self.t_max_s], [0], ls="none", marker=VARIANT_MARKERS[st], ms=7, mfc="white",
                           mec="0.3", mew=1.3, clip_on=False)
            self.end_markers[st] = m
            self.end_texts[st] = ax.text(self.t_max_s * 1.6, 0, _label(st), va="center", ha="left",
                                         fontsize=9, color="0.3", clip_on=False)
        ax.legend(loc="lower left", fontsize=8.5)
        self.jump_text = ax.text(0.02, 0.97, "", transform=ax.transAxes, va="top", ha="left", fontsize=9)

        # --- B: concentrations -----------------------------------------------------------
        ax = self.ax_c
        _time_axis(ax, t0, self.t_max_s)
        ax.set_ylabel("change inside since t = 0 (mM)")
        ax.set_title("C  The gradients follow slowly")
        ax.axhline(0.0, color="0.6", lw=0.8)
        (self.na_line,) = ax.plot([t0, self.t_max_s], [0, 0], color=ION_COLORS["Na"], ls=ION_LINESTYLES["Na"],
                                  lw=2.2, label="Δ[Na⁺] inside")
        (self.k_line,) = ax.plot([t0, self.t_max_s], [0, 0], color=ION_COLORS["K"], ls=ION_LINESTYLES["K"],
                                 lw=2.2, label="Δ[K⁺] inside")
        ax.legend(loc="lower left", fontsize=9)

        # --- C: steady-state split of Vm -------------------------------------------------
        ax = self.ax_bar
        y = np.arange(len(self.variants))[::-1]
        self._bar_y = y
        self.bars_grad = ax.barh(y, np.zeros(len(y)), 0.6, color=_GRADIENT_GREY, edgecolor="0.3",
                                 label="from the gradients (GHK)")
        self.bars_direct = ax.barh(y, np.zeros(len(y)), 0.6, color=ION_COLORS["pump"], edgecolor="0.3",
                                   hatch="//", label="direct (pump current)")
        ax.set_yticks(y, [_label(st) + (" real" if st == (3, 2) else "") for st in self.variants])
        ax.set_xlabel("steady resting potential (mV)")
        ax.set_ylabel("Na⁺ out : K⁺ in per ATP")
        ax.set_title("B  Where the resting potential comes from")
        ax.grid(axis="y", visible=False)
        ax.axvline(0.0, color="0.4", lw=0.8)
        self.bar_texts = [ax.text(-1.5, yi, "", va="center", ha="right", fontsize=8.5) for yi in y]
        ax.set_ylim(-0.6, len(y) + 0.5)
        ax.legend(loc="upper left", ncol=2, fontsize=8.5)

        # --- D: thermodynamic grid -------------------------------------------------------
        ax = self.ax_grid
        n_c, n_r = len(self.na_range), len(self.k_range)
        self.norm = Normalize(0.0, GRID_VMAX)
        self.image = ax.imshow(np.zeros((n_r, n_c)), origin="lower", cmap=GRID_CMAP, norm=self.norm,
                               extent=(-0.5, n_c - 0.5, -0.5, n_r - 0.5), aspect="auto",
                               interpolation="nearest")
        ax.set_xticks(range(n_c), [str(n) for n in self.na_range])
        ax.set_yticks(range(n_r), [str(m) for m in self.k_range])
        ax.set_xlabel("Na⁺ out per cycle")
        ax.set_ylabel("K⁺ in per cycle")
        ax.grid(False)
        ax.set_title("D  Work per cycle (kJ/mol) vs one ATP")
        self.grid_texts = [[ax.text(i, j, "", ha="center", va="center", fontsize=8.5) for i in range(n_c)]
                           for j in range(n_r)]
        self.select_box = Rectangle((-0.5, -0.5), 1, 1, fill=False, ec=ION_COLORS["pump"], lw=3.0)
        ax.add_patch(self.select_box)
        self.grid_note = ax.text(0.5, -0.17, "", transform=ax.transAxes, ha="center", va="top", fontsize=8.5)

    def dynamic_artists(self):
        """Artists that change on every update (drawn over the cached background)."""
        out = [self.ref_line, self.v_line, self.jump_text, self.na_line, self.k_line, self.image,
               self.select_box, self.grid_note]
        out += list(self.end_markers.values()) + list(self.end_texts.values())
        out += list(self.bars_grad) + list(self.bars_direct) + list(self.bar_texts)
        out += [t for row in self.grid_texts for t in row]
        return out

    # ---------------------------------------------------------------------------------------
    def update(self, *, t_s, v_mV, d_na_mM, d_k_mM, v_ref_mV, selected, steady, grid_dg, dg_atp, grid_state):
        """Update every panel in place and return the figure.

        Parameters
        ----------
        t_s, v_mV, d_na_mM, d_k_mM : ndarray
            Time course after the switch (s, mV, change of [Na⁺]ᵢ and [K⁺]ᵢ in mM).
        v_ref_mV : float
            Resting potential with the real 3:2 pump, mV.
        selected : (int, int)
            The selected variant ((0, 0) = pump blocked).
        steady : dict
            ``{(n_na, n_k): (v_mV, v_ghk_mV, direct_mV)}`` for every variant of panel B.
        grid_dg : ndarray, shape (len(k_range), len(na_range))
            Free energy per cycle of each hypothetical pump, kJ/mol.
        dg_atp : float
            ΔG of ATP hydrolysis, kJ/mol (negative).
        grid_state : (float, float, float)
            Vm (mV), [Na⁺]ᵢ and [K⁺]ᵢ (mM) at which the grid is evaluated.
        """
        t = np.asarray(t_s, float)
        # A
        self.ref_line.set_ydata([v_ref_mV, v_ref_mV])
        self.v_line.set_data(t, v_mV)
        finals = [steady[st][0] for st in self.variants]
        lo = min(np.min(v_mV), *finals, v_ref_mV)
        hi = max(np.max(v_mV), *finals, v_ref_mV)
        pad = max(2.0, 0.12 * (hi - lo))
        step = 5.0 if hi - lo < 25 else 10.0
        self.ax_v.set_ylim(floor_to(lo - pad, step), ceil_to(hi + pad, step))
        ys = np.array(finals)
        order = np.argsort(ys)
        placed = ys[order].copy()
        gap = 0.075 * (hi - lo + 2 * pad)
        for i in range(1, len(placed)):
            placed[i] = max(placed[i], placed[i - 1] + gap)
        lab_y = np.empty_like(placed)
        lab_y[order] = placed
        for st, y, ly in zip(self.variants, ys, lab_y, strict=True):
            m = self.end_markers[st]
            m.set_ydata([y])
            sel = st == selected
            m.set_markerfacecolor(ION_COLORS["pump"] if sel else "white")
            self.end_texts[st].set_position((self.t_max_s * 1.6, ly))
            self.end_texts[st].set_fontweight("bold" if sel else "normal")
        i_step = int(np.searchsorted(t, 0.1))
        self.jump_text.set_text(f"within 0.1 s: {v_mV[min(i_step, len(v_mV) - 1)] - v_ref_mV:+.1f} mV;  "
                                f"after {t[-1] / 60:.0f} min: {v_mV[-1] - v_ref_mV:+.1f} mV")
        # B
        self.na_line.set_data(t, d_na_mM)
        self.k_line.set_data(t, d_k_mM)
        c_lo = min(np.min(d_na_mM), np.min(d_k_mM), -1.0)
        c_hi = max(np.max(d_na_mM), np.max(d_k_mM), 1.0)
        pad = 0.12 * (c_hi - c_lo)
        step = 10 ** math.floor(math.log10(c_hi - c_lo))
        self.ax_c.set_ylim(floor_to(c_lo - pad, step), ceil_to(c_hi + pad, step))
        # C
        vmin = 0.0
        for k, st in enumerate(self.variants):
            v, v_ghk, direct = steady[st]
            self.bars_grad[k].set_width(v_ghk)
            self.bars_direct[k].set_x(v_ghk)
            self.bars_direct[k].set_width(direct)
            sel = st == selected
            for bar in (self.bars_grad[k], self.bars_direct[k]):
                bar.set_linewidth(2.2 if sel else 0.6)
            self.bar_texts[k].set_text(f"{v:.1f} mV" + (f" (direct {direct:+.1f})" if abs(direct) > 0.05 else
                                                        " (direct 0)"))
            self.bar_texts[k].set_fontweight("bold" if sel else "normal")
            vmin = min(vmin, v, v_ghk)
        self.ax_bar.set_xlim(floor_to(vmin * 1.12, 20.0), 2.0)
        # D
        ratio = np.asarray(grid_dg, float) / abs(dg_atp)
        self.image.set_data(ratio)
        for j, _m in enumerate(self.k_range):
            for i, _n in enumerate(self.na_range):
                dg = grid_dg[j][i]
                ok = dg < abs(dg_atp)
                txt = self.grid_texts[j][i]
                txt.set_text(f"{dg:.0f}" + ("" if ok else " ✗"))
                txt.set_color("black" if self.norm(ratio[j, i]) < GRID_WHITE_TEXT_ABOVE else "white")
        if selected in ((0, 0),) or selected[0] not in self.na_range or selected[1] not in self.k_range:
            self.select_box.set_visible(False)
        else:
            self.select_box.set_visible(True)
            self.select_box.set_xy((self.na_range.index(selected[0]) - 0.5,
                                    self.k_range.index(selected[1]) - 0.5))
        v, na, k = grid_state
        self.grid_note.set_text(f"at the 3:2 rest ({v:.0f} mV); ATP gives {abs(dg_atp):.0f}; ✗ = cannot run")
        return self.fig

    @staticmethod
    def alt_text(*, selected, v_ref_mV, v_mV, t_s, steady, grid_dg, dg_atp, na_range, k_range):
        """A description of the four panels for screen readers."""
        name = "the pump blocked" if selected == (0, 0) else f"a {selected[0]}:{selected[1]} pump"
        parts = [
            f"Panel A: after switching from the real 3:2 pump to {name}, Vm goes from {v_ref_mV:.1f} mV to "
            f"{v_mV[-1]:.1f} mV in {t_s[-1] / 60:.0f} minutes.",
            "Panel B, steady resting potentials: " + "; ".join(
                f"{st[0]}:{st[1]} {v:.1f} mV of which {d:+.1f} mV direct"
                for st, (v, _g, d) in steady.items()) + ".",
        ]
        impossible = [f"{n}:{m}" for j, m in enumerate(k_range) for i, n in enumerate(na_range)
                      if grid_dg[j][i] >= abs(dg_atp)]
        parts.append(f"Panel D: with {abs(dg_atp):.0f} kJ/mol from ATP these stoichiometries could not run: "
                     + (", ".join(impossible) if impossible else "none") + ".")
        return "Four-panel figure comparing pump stoichiometries. " + " ".join(parts)
