"""Figures for the chapter "The resting potential".

* :class:`GHKPlot`: the GHK membrane potential as a function of P_Na/P_K
  (left) and, on the same voltage axis, a ladder of E_Na, E_K, E_Cl with Vm
  drawn as a thick black line (right).
* :class:`PumpLeakPlot`: the pump–leak cell at steady state: voltage ladder
  (Vm, the GHK potential without the pump's own current, E_Na, E_K, E_Cl),
  the pump's ion currents against the leak currents that spend them, and the
  inside concentrations.

Both build their artists once; :meth:`update` changes data in place.
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import FixedFormatter, FixedLocator, MultipleLocator, NullLocator

from .electrochem import spread_labels
from .style import ION_COLORS, ION_LABELS, ION_LINESTYLES, ceil_to, new_figure, nice_top, styled

_IONS = ("Na", "K", "Cl")


def _pin_layout(fig):
    """Solve the layout once, then pin titles and axis labels where they are.

    Matplotlib otherwise measures every tick label on every draw to place
    titles and axis labels; with positions pinned a redraw costs less (limits
    still change, the layout does not).
    """
    fig.canvas.draw()
    fig.set_layout_engine("none")
    for ax in fig.axes:
        ax.title.set_y(1.0)
        ax._autotitlepos = False
        if ax.yaxis.label.get_text():
            bb = ax.yaxis.label.get_window_extent()
            x, y = ax.transAxes.inverted().transform((bb.x1, (bb.y0 + bb.y1) / 2))
            ax.yaxis.set_label_coords(x, y)
        if ax.xaxis.label.get_text():
            bb = ax.xaxis.label.get_window_extent()
            x, y = ax.transAxes.inverted().transform(((bb.x0 + bb.x1) / 2, bb.y1))
            ax.xaxis.set_label_coords(x, y)


_E_LABEL = {ion: f"E$_{{\\mathrm{{{ion}}}}}$" for ion in _IONS}


def _ladder_axes(ax, title):
    ax.set_xlim(0, 1)
    ax.set_xticks([])
    ax.spines["bottom"].set_visible(False)
    ax.set_title(title)
    ax.axhline(0.0, color="0.6", lw=0.8)
    lines, texts = {}, {}
    for ion in _IONS:
        (line,) = ax.plot([0.05, 0.45], [0, 0], color=ION_COLORS[ion], ls=ION_LINESTYLES[ion], lw=2.2,
                          zorder=3)
        lines[ion] = line
        texts[ion] = ax.text(0.5, 0, "", va="center", ha="left", color=ION_COLORS[ion], fontsize=9.5)
    (vm_line,) = ax.plot([0.02, 0.48], [0, 0], color=ION_COLORS["Vm"], lw=5.0, solid_capstyle="butt",
                         zorder=2)
    vm_text = ax.text(0.5, 0, "", va="center", ha="left", color="black", fontsize=9.5, fontweight="bold")
    return lines, texts, vm_line, vm_text


def _place_ladder(lines, texts, vm_line, vm_text, potentials, vm, span, extra=()):
    """Put E lines, Vm line and non-overlapping labels; ``extra`` = [(line, text, y, label)]."""
    ys = [potentials[i] for i in _IONS] + [vm] + [e[2] for e in extra]
    label_y = spread_labels(ys, min_gap=0.085 * 2 * span)
    for ion, ly in zip(_IONS, label_y, strict=False):
        lines[ion].set_ydata([potentials[ion]] * 2)
        texts[ion].set_position((0.5, ly))
        texts[ion].set_text(f"{_E_LABEL[ion]} {potentials[ion]:+.1f} mV")
    vm_line.set_ydata([vm, vm])
    vm_text.set_position((0.5, label_y[3]))
    vm_text.set_text(f"V$_m$ {vm:+.1f} mV")
    for (line, text, y, label), ly in zip(extra, label_y[4:], strict=True):
        line.set_ydata([y, y])
        text.set_position((0.5, ly))
        text.set_text(label)


class GHKPlot:
    """Vm from the GHK equation against P_Na/P_K, beside a voltage ladder.

    Left: Vm (black) as P_Na/P_K is swept at the current P_Cl/P_K and
    concentrations, log x axis, with E_Na and E_K as horizontal lines and a
    marker at the chosen ratio. Right: E_Na, E_K, E_Cl and Vm on the same
    voltage axis (mV).
    """

    def __init__(self, ratio_range=(1e-3, 1.0)):
        self.ratio_range = ratio_range
        self._build()

    @styled
    def _build(self):
        self.fig, (self.ax_sweep, self.ax_v) = new_figure(
            8.6, 4.4, ncols=2, sharey=True, gridspec_kw={"width_ratios": [1.5, 1.0]}
        )
        ax = self.ax_sweep
        ax.set_xscale("log")
        ax.set_xlim(*self.ratio_range)
        # fixed ticks: tick placement is most of the cost of redrawing a log axis
        ax.xaxis.set_major_locator(FixedLocator([1e-3, 1e-2, 1e-1, 1.0]))
        ax.xaxis.set_minor_locator(NullLocator())
        ax.yaxis.set_major_locator(MultipleLocator(25.0))
        ax.set_xlabel("permeability ratio P$_{Na}$/P$_K$")
        ax.set_ylabel("membrane potential, inside − outside (mV)")
        ax.set_title("GHK: how much Na⁺ leak pulls V$_m$ off E$_K$")
        self.sweep_e = {}
        for ion in ("Na", "K"):
            self.sweep_e[ion] = ax.axhline(0.0, color=ION_COLORS[ion], ls=ION_LINESTYLES[ion], lw=1.4,
                                           label=f"{_E_LABEL[ion]} ({ION_LABELS[ion]} alone)")
        (self.sweep_line,) = ax.plot(self.ratio_range, [0, 0], color=ION_COLORS["Vm"], lw=2.4,
                                     label="V$_m$ (GHK)")
        (self.marker,) = ax.plot([1e-2], [0], "o", color="black", ms=9, mfc="white", mew=2.2,
                                 label="your setting")
        self.hk_band = ax.axvspan(0.01, 0.05, color="0.85", alpha=0.6, lw=0, zorder=0)
        ax.text(0.022, 0.97, "typical\nrange", transform=ax.get_xaxis_transform(), ha="center", va="top",
                fontsize=8.5, color="0.3")
        ax.legend(loc="center left", fontsize=9)
        self.lines, self.texts, self.vm_line, self.vm_text = _ladder_axes(self.ax_v,
                                                                          "Same axis: V$_m$ among E's")

    def update(self, ratios, vm_sweep, potentials, vm):
        """``ratios``/``vm_sweep``: arrays for the curve; ``potentials``: E's (mV); ``vm``: Vm (mV)."""
        self.sweep_line.set_data(ratios, vm_sweep)
        for ion in ("Na", "K"):
            self.sweep_e[ion].set_ydata([potentials[ion]] * 2)
        values = np.array([potentials[i] for i in _IONS] + [vm] + list(np.ravel(vm_sweep)))
        span = ceil_to(max(110.0, float(np.max(np.abs(values))) + 20.0), 25.0)
        self.ax_v.set_ylim(-span, span)
        _place_ladder(self.lines, self.texts, self.vm_line, self.vm_text, potentials, vm, span)
        if not getattr(self, "_pinned", False):
            _pin_layout(self.fig)
            self._pinned = True
        return self.fig

    def set_marker(self, ratio, vm):
        self.marker.set_data([ratio], [vm])

    def alt_text(self, ratio_na, ratio_cl, potentials, vm):
        return (
            "Left: the GHK membrane potential as the Na+/K+ permeability ratio rises from 0.001 to 1, "
            "climbing from near E_K towards E_Na; the chosen ratio "
            f"P_Na/P_K = {ratio_na:.3g} (P_Cl/P_K = {ratio_cl:.3g}) "
            f"is marked at Vm = {vm:+.1f} mV. Right: a voltage axis with E_Na = {potentials['Na']:+.1f} mV, "
            f"E_K = {potentials['K']:+.1f} mV, E_Cl = {potentials['Cl']:+.1f} mV "
            "and Vm as a thick black line."
        )


class PumpLeakPlot:
    """Steady state of the pump–leak cell in three panels.

    Left: voltage ladder (E_Na, E_K, E_Cl, Vm thick black, and the GHK
    potential at the same concentrations, i.e. without the pump's own
    current, thin dotted). Middle: ion currents, µA/cm² (outward positive):
    for Na⁺ and K⁺ the pump's share (orange, hatched) against the leak that
    spends it; "net charge" compares the pump's net current with the summed
    leaks. Right: inside concentrations of Na⁺, K⁺, Cl⁻ (mM) with the
    outside values as ticks.
    """

    GROUPS = ("Na", "K", "net")

    def __init__(self):
        self._build()

    @styled
    def _build(self):
        self.fig, (self.ax_v, self.ax_i, self.ax_c) = new_figure(
            8.8, 4.9, ncols=3, gridspec_kw={"width_ratios": [1.0, 1.3, 0.8]}
        )
        self.lines, self.texts, self.vm_line, self.vm_text = _ladder_axes(self.ax_v, "Voltages")
        self.ax_v.yaxis.set_major_locator(MultipleLocator(25.0))
        self.ax_v.set_ylabel("membrane potential (mV)")
        (self.ghk_line,) = self.ax_v.plot([0.02, 0.48], [0, 0], color="black", lw=1.3, ls=":")
        self.ghk_text = self.ax_v.text(0.5, 0, "", va="center", ha="left", color="0.25", fontsize=8.5)

        ax = self.ax_i
        x = np.arange(len(self.GROUPS))
        w = 0.36
        self.pump_bars = ax.bar(x - w / 2, np.zeros(3), w, color=ION_COLORS["pump"], edgecolor="black",
                                hatch="//", lw=0.8, label="pump (charges)")
        leak_colors = [ION_COLORS["Na"], ION_COLORS["K"], "0.55"]
        self.leak_bars = ax.bar(x + w / 2, np.zeros(3), w, color=leak_colors, edgecolor="black", lw=0.8,
                                label="leak channels (spend)")
        ax.axhline(0.0, color="black", lw=0.8)
        ax.set_xticks(x, ["Na⁺", "K⁺", "net charge"])
        ax.set_ylabel("current (µA/cm², outward +)")
        ax.set_title("Pump vs leaks: equal and opposite")
        ax.grid(axis="x", visible=False)
        ax.legend(loc="upper right", fontsize=8.5)
        self.bar_texts = [ax.text(0, 0, "", ha="center", fontsize=8) for _ in range(6)]

        ax = self.ax_c
        xc = np.arange(3)
        self.conc_bars = ax.bar(xc, np.ones(3), 0.6, color=[ION_COLORS[i] for i in _IONS])
        (self.out_marks,) = ax.plot(xc, np.ones(3), "_", color="black", ms=26, mew=2.0, label="outside")
        ax.set_xticks(xc, [ION_LABELS[i] for i in _IONS])
        ax.set_yscale("log")
        ax.set_ylim(1, 400)
        ax.yaxis.set_major_locator(FixedLocator([1.0, 10.0, 100.0]))
        ax.yaxis.set_major_formatter(FixedFormatter(["1", "10", "100"]))
        ax.yaxis.set_minor_locator(NullLocator())
        ax.set_ylabel("concentration inside (mM, log)")
        ax.set_title("Inside the cell")
        ax.grid(axis="x", visible=False)
        ax.legend(loc="upper right", fontsize=8.5)
        self.conc_texts = [ax.text(xi, 1, "", ha="center", va="bottom", fontsize=8.5) for xi in xc]

    def update(self, potentials, vm, v_ghk, pump_ion_currents, leak_currents, c_in, c_out):
        """Redraw in place.

        potentials : dict of E (mV); vm, v_ghk : mV;
        pump_ion_currents : dict Na/K/net of the pump's currents (µA/cm², outward +);
        leak_currents : dict Na/K/net of the leak currents (µA/cm²);
        c_in, c_out : dicts of concentrations (mM).
        """
        vals = np.array([potentials[i] for i in _IONS] + [vm, v_ghk])
        span = ceil_to(max(110.0, float(np.max(np.abs(vals))) + 20.0), 25.0)
        self.ax_v.set_ylim(-span, span)
        extra = [(self.ghk_line, self.ghk_text, v_ghk, f"GHK {v_ghk:+.1f} (no pump I)")]
        _place_ladder(self.lines, self.texts, self.vm_line, self.vm_text, potentials, vm, span, extra)

        pump = [pump_ion_currents[g] for g in self.GROUPS]
        leak = [leak_currents[g] for g in self.GROUPS]
        for bar, h in zip(self.pump_bars, pump, strict=True):
            bar.set_height(h)
        for bar, h in zip(self.leak_bars, leak, strict=True):
            bar.set_height(h)
        top = nice_top(max(0.5, float(np.max(np.abs(pump + leak)))))
        self.ax_i.set_ylim(-1.35 * top, 1.55 * top)
        bars = list(self.pump_bars) + list(self.leak_bars)
        for t, bar, h in zip(self.bar_texts, bars, pump + leak, strict=True):
            t.set_position((bar.get_x() + bar.get_width() / 2, h + (0.04 * top if h >= 0 else -0.04 * top)))
            t.set_va("bottom" if h >= 0 else "top")
            t.set_text("0" if abs(h) < 0.005 else f"{h:+.2f}")

        cin = [c_in[i] for i in _IONS]
        for bar, h in zip(self.conc_bars, cin, strict=True):
            bar.set_height(h)
        self.out_marks.set_ydata([c_out[i] for i in _IONS])
        for t, xi, h in zip(self.conc_texts, range(3), cin, strict=True):
            t.set_position((xi, h * 1.06))
            t.set_text(f"{h:.1f}" if h < 100 else f"{h:.0f}")
        if not getattr(self, "_pinned", False):
            _pin_layout(self.fig)
            self._pinned = True
        return self.fig

    def alt_text(self, potentials, vm, v_ghk, pump_ion_currents, leak_currents, c_in):
        return (
            f"Pump-leak cell at steady state. Vm = {vm:+.1f} mV "
            f"(GHK potential without the pump's own current {v_ghk:+.1f} mV), "
            f"E_Na = {potentials['Na']:+.1f} mV, E_K = {potentials['K']:+.1f} mV, "
            f"E_Cl = {potentials['Cl']:+.1f} mV. "
            f"Bars: pump Na+ current {pump_ion_currents['Na']:+.2f} "
            f"against Na+ leak {leak_currents['Na']:+.2f}, "
            f"pump K+ current {pump_ion_currents['K']:+.2f} against K+ leak {leak_currents['K']:+.2f}, "
            f"net pump current {pump_ion_currents['net']:+.2f} µA/cm². "
            f"Inside: Na+ {c_in['Na']:.1f}, K+ {c_in['K']:.1f}, Cl- {c_in['Cl']:.1f} mM."
        )
