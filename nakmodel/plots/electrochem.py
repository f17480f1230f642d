"""Figures for ion gradients and equilibrium potentials."""

from __future__ import annotations

import numpy as np

from .shared import REFERENCE_REST_MV
from .style import ION_COLORS, ION_LABELS, ION_LINESTYLES, ceil_to, new_figure, nice_top, styled


def spread_labels(y_values, min_gap):
    """Return label positions close to ``y_values`` but at least ``min_gap`` apart.

    Keeps the order of the inputs; used to stop potential labels overlapping.
    """
    y = np.asarray(y_values, dtype=float)
    order = np.argsort(y)
    placed = y[order].copy()
    for i in range(1, len(placed)):
        placed[i] = max(placed[i], placed[i - 1] + min_gap)
    # centre the block shift so labels stay near their lines
    shift = np.mean(placed - y[order])
    placed -= shift / 2
    out = np.empty_like(placed)
    out[order] = placed
    return out


class EquilibriumPotentialPlot:
    """Concentrations in and out (bars) beside a membrane-potential axis (lines).

    Left: outside and inside concentration of each ion, mM. Right: each ion's
    Nernst potential on a voltage axis in mV, with a typical resting potential
    for reference. Call :meth:`update` to change the data in place.

    Parameters
    ----------
    ions : sequence of str
        Ion names, keys of the style tables (e.g. ``("Na", "K", "Cl")``).
    """

    def __init__(self, ions=("Na", "K", "Cl")):
        self.ions = tuple(ions)
        self._build()

    @styled
    def _build(self):
        self.fig, (self.ax_conc, self.ax_v) = new_figure(
            8.0, 4.2, ncols=2, gridspec_kw={"width_ratios": [1.35, 1.0]}
        )
        x = np.arange(len(self.ions))
        w = 0.38
        colors = [ION_COLORS[i] for i in self.ions]
        self.bars_out = self.ax_conc.bar(
            x - w / 2, np.ones(len(x)), w, color="white", edgecolor=colors, hatch="///", linewidth=1.5,
            label="outside",
        )
        self.bars_in = self.ax_conc.bar(x + w / 2, np.ones(len(x)), w, color=colors, label="inside")
        self.ax_conc.set_xticks(x, [ION_LABELS[i] for i in self.ions])
        self.ax_conc.set_ylabel("concentration (mM)")
        self.ax_conc.set_title("Concentrations: outside (hatched) vs inside")
        self.ax_conc.legend(loc="upper right")
        self.ax_conc.grid(axis="x", visible=False)
        self.bar_labels = [
            self.ax_conc.text(xi, 0, "", ha="center", va="bottom", fontsize=9)
            for xi in np.r_[x - w / 2, x + w / 2]
        ]

        ax = self.ax_v
        ax.set_xlim(0, 1)
        ax.set_xticks([])
        ax.spines["bottom"].set_visible(False)
        ax.set_ylabel("membrane potential, inside − outside (mV)")
        ax.set_title("Equilibrium (Nernst) potentials")
        ax.axhline(0.0, color="0.6", lw=0.8)
        ax.axhline(REFERENCE_REST_MV, color="0.4", lw=1.2, ls=":")
        self.rest_text = ax.text(0.02, REFERENCE_REST_MV, "typical rest (−70 mV)", va="top", ha="left",
                                 fontsize=9, color="0.35")
        self.e_lines = {}
        self.e_texts = {}
        for ion in self.ions:
            (line,) = ax.plot([0.05, 0.55], [0, 0], color=ION_COLORS[ion], ls=ION_LINESTYLES[ion], lw=2.5)
            self.e_lines[ion] = line
            self.e_texts[ion] = ax.text(0.58, 0, "", va="center", ha="left", color=ION_COLORS[ion],
                                        fontsize=10)

    def update(self, c_out_mM, c_in_mM, potentials_mV):
        """Set new concentrations (dicts, mM) and potentials (dict, mV); return the figure."""
        out = [c_out_mM[i] for i in self.ions]
        inn = [c_in_mM[i] for i in self.ions]
        for bar, h in zip(self.bars_out, out, strict=True):
            bar.set_height(h)
        for bar, h in zip(self.bars_in, inn, strict=True):
            bar.set_height(h)
        bars = list(self.bars_out) + list(self.bars_in)
        for label, bar, h in zip(self.bar_labels, bars, out + inn, strict=True):
            label.set_position((bar.get_x() + bar.get_width() / 2, h))
            label.set_text(f"{h:.0f}" if h >= 10 else f"{h:.1f}")
        self.ax_conc.set_ylim(0, nice_top(max(out + inn) * 1.18))

        values = np.array([potentials_mV[i] for i in self.ions])
        span = ceil_to(max(130.0, float(np.max(np.abs(values))) + 25.0), 25.0)
        self.ax_v.set_ylim(-span, span)
        label_y = spread_labels(values, min_gap=0.09 * span)
        for ion, e, ly in zip(self.ions, values, label_y, strict=True):
            self.e_lines[ion].set_ydata([e, e])
            self.e_texts[ion].set_position((0.58, ly))
            self.e_texts[ion].set_text(f"E$_{{\\mathrm{{{ion}}}}}$ = {e:+.1f} mV")
        return self.fig

    def alt_text(self, c_out_mM, c_in_mM, potentials_mV):
        """A sentence describing the figure for screen readers."""
        parts = [
            f"{i}: {c_out_mM[i]:.0f} mM outside, {c_in_mM[i]:.0f} mM inside, "
            f"E_{i} = {potentials_mV[i]:+.1f} mV"
            for i in self.ions
        ]
        return ("Bar chart of ion concentrations and a voltage axis with equilibrium potentials. "
                + "; ".join(parts) + ".")
