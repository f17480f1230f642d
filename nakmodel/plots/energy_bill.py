"""Figures for the energy bill: ATP use of one cell and the brain's ATP budget."""

from __future__ import annotations

import numpy as np

from .shared import CATEGORY_LABELS, RATE_GRID_HZ
from .style import ION_COLORS, ION_LINESTYLES, ceil_to, new_figure, nice_top, styled


class EnergyBudgetPlot:
    """Left: ATP molecules per second used by one cell against firing rate (line, marker at the
    chosen rate). Right: shares of total brain ATP by category (bars), with the part paid by the
    Na+/K+ pump drawn solid over a hatched total.
    """

    def __init__(self):
        self._build()

    @styled
    def _build(self):
        self.fig, (self.ax_c, self.ax_b) = new_figure(9.5, 4.3, ncols=2,
                                                      gridspec_kw={"width_ratios": [1.0, 1.15]})
        ax = self.ax_c
        (self.line,) = ax.plot(RATE_GRID_HZ, np.zeros_like(RATE_GRID_HZ), color=ION_COLORS["ATP"],
                               ls=ION_LINESTYLES["Na"], lw=2.5, label="ATP to pump out spike Na$^+$")
        (self.mark,) = ax.plot([4.0], [0.0], "o", color="k", ms=7, label="chosen rate")
        self.mark_text = ax.text(4.0, 0.0, "", fontsize=9, ha="left", va="bottom")
        ax.set_xlim(0, RATE_GRID_HZ[-1])
        ax.set_xlabel("mean firing rate (Hz)")
        ax.set_ylabel("ATP per second per cell (10$^9$ s$^{-1}$)")
        ax.set_title("One cell: spikes only")
        ax.legend(loc="upper left", fontsize=9)

        ax = self.ax_b
        cats = list(CATEGORY_LABELS)
        y = np.arange(len(cats))[::-1]
        self.cats = cats
        self.total_bars = ax.barh(y, np.zeros(len(cats)), color="0.88", edgecolor="0.3",
                                  label="share of total ATP")
        self.pump_bars = ax.barh(y, np.zeros(len(cats)), color=ION_COLORS["pump"], height=0.5,
                                 label="of which Na$^+$/K$^+$ pump")
        self.bar_texts = [ax.text(0, yi, "", va="center", ha="left", fontsize=8) for yi in y]
        ax.set_yticks(y, [CATEGORY_LABELS[c] for c in cats], fontsize=9)
        ax.set_xlabel("share of brain ATP use (%)")
        ax.set_xlim(0, 70)
        ax.grid(axis="y", visible=False)
        ax.legend(loc="center right", fontsize=8)
        self.title = ax.set_title("")

    def update(self, atp_per_s_curve, rate_hz, atp_per_s_now, budget):
        """``atp_per_s_curve`` over :data:`RATE_GRID_HZ` (molecules/s); ``budget`` a BrainBudget."""
        self.line.set_ydata(np.asarray(atp_per_s_curve) / 1e9)
        self.mark.set_data([rate_hz], [atp_per_s_now / 1e9])
        self.mark_text.set_position((rate_hz + 2.0, atp_per_s_now / 1e9))
        self.mark_text.set_text(f"{atp_per_s_now / 1e9:.2g} × 10$^9$/s")
        top = max(float(np.max(atp_per_s_curve)) / 1e9, 1e-9)
        self.ax_c.set_ylim(0, nice_top(top * 1.15))
        from ..energy import PUMP_SHARE_OF_CATEGORY

        hi = 0.0
        for cat, tb, pb, t in zip(self.cats, self.total_bars, self.pump_bars, self.bar_texts, strict=True):
            share = 100 * budget.total_shares[cat]
            pump = share * PUMP_SHARE_OF_CATEGORY.get(cat, 0.0)
            tb.set_width(share)
            pb.set_width(pump)
            t.set_position((share + 0.8, tb.get_y() + tb.get_height() / 2))
            t.set_text(f"{share:.0f}%")
            hi = max(hi, share)
        self.ax_b.set_xlim(0, max(60.0, ceil_to(hi * 1.2, 20.0)))
        src = "Howarth et al. 2012" if budget.source.startswith("howarth") else "Attwell & Laughlin 2001"
        self.title.set_text(f"Brain budget at {budget.rate_hz:.0f} Hz ({src}):\npump ≈ "
                            f"{100 * budget.pump_share_of_total:.0f}% of all ATP")
        return self.fig

    def alt_text(self, rate_hz, atp_per_s_now, budget):
        shares = ", ".join(
            f"{CATEGORY_LABELS[c].replace('$^{2+}$', '2+')} {100 * budget.total_shares[c]:.0f}%"
            for c in self.cats)
        return (f"Left: a straight line of ATP use per cell against firing rate; at {rate_hz:.1f} Hz "
                f"one cell uses {atp_per_s_now:.3g} ATP per second for its spikes. "
                f"Right: bar chart of brain ATP use: {shares}; "
                f"the Na+/K+ pump pays about {100 * budget.pump_share_of_total:.0f}% of the total.")
