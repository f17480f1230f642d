"""Figures for the chapter "Action potentials: who pays for them".

:class:`SpikePlot` shows one Hodgkin–Huxley-type run (voltage, Na+ and K+
currents, gates) beside the model's firing-rate curve (f–I) with the current
operating point. :class:`RundownPlot` shows [Na]i and E_Na against spike
number during a long train. Both build their artists once and change them in
place with ``update(...)``; ``alt_text(...)`` describes the figure.
"""

from __future__ import annotations

import numpy as np

from .style import ION_COLORS, ION_LABELS, ION_LINESTYLES, new_figure, nice_ceiling, styled


def _doubling_ceiling(x: float, base: float) -> float:
    """``base`` doubled until it is >= ``x``: axis limits that change only at factors of 2."""
    top = base
    while top < x:
        top *= 2.0
    return top


#: Line styles of the gates (m and h belong to the Na+ channel, n to the K+ channel).
GATE_STYLES = {"m": ("Na", "-"), "h": ("Na", ":"), "n": ("K", "--")}


class SpikePlot:
    """Voltage, currents and gates of one run, and the f–I curve.

    Left column (shared time axis, ms): membrane potential (mV); Na+ and K+
    channel currents (µA/cm², inward negative); gates m, h, n (0–1). Right:
    firing rate (Hz) against stimulus current (µA/cm²) with the operating
    point of the current run. (The static book's fallback for the spike explorer,
    which the browser draws live.)
    """

    def __init__(self, max_current_uA_cm2: float = 50.0, current_bound_uA_cm2: float = 2000.0):
        self.max_current = float(max_current_uA_cm2)
        self.current_bound = float(current_bound_uA_cm2)
        self._build()

    @styled
    def _build(self):
        fig, axes = new_figure(
            9.5, 6.4, nrows=3, ncols=2, sharex="col",
            gridspec_kw={"width_ratios": [1.6, 1.0], "height_ratios": [1.3, 1.0, 0.8]},
        )
        self.fig = fig
        self.ax_v, self.ax_i, self.ax_g = axes[:, 0]
        gs = axes[0, 1].get_gridspec()
        for ax in axes[:, 1]:
            ax.remove()
        self.ax_fi = fig.add_subplot(gs[:, 1])

        ax = self.ax_v
        self.stim_span = ax.axvspan(0, 1, color="0.88", lw=0, zorder=0)
        (self.line_v,) = ax.plot([], [], color=ION_COLORS["Vm"], lw=1.8)
        self.line_ena = ax.axhline(0, color=ION_COLORS["Na"], ls=ION_LINESTYLES["Na"], lw=0.9, alpha=0.7)
        self.line_ek = ax.axhline(0, color=ION_COLORS["K"], ls=ION_LINESTYLES["K"], lw=0.9, alpha=0.7)
        self.text_ena = ax.text(1.0, 0, "E$_{Na}$", color=ION_COLORS["Na"], fontsize=9, ha="right",
                                va="bottom", transform=ax.get_yaxis_transform())
        self.text_ek = ax.text(1.0, 0, "E$_{K}$", color=ION_COLORS["K"], fontsize=9, ha="right", va="top",
                               transform=ax.get_yaxis_transform())
        ax.set_ylabel("V$_m$ (mV)")
        ax.set_ylim(-105, 70)
        ax.set_title("Membrane potential (grey band: stimulus on)")

        ax = self.ax_i
        (self.line_ina,) = ax.plot([], [], color=ION_COLORS["Na"], ls=ION_LINESTYLES["Na"], lw=1.5,
                                   label=f"I$_{{Na}}$ ({ION_LABELS['Na']} in: negative)")
        (self.line_ik,) = ax.plot([], [], color=ION_COLORS["K"], ls=ION_LINESTYLES["K"], lw=1.5,
                                  label=f"I$_{{K}}$ ({ION_LABELS['K']} out: positive)")
        ax.axhline(0, color="0.5", lw=0.7)
        self.clip_note = ax.text(0.99, 0.03, "", transform=ax.transAxes, ha="right", va="bottom",
                                 fontsize=8.5, color="0.3")
        ax.set_ylabel("current (µA/cm²)")
        ax.legend(loc="upper left", fontsize=8.5, ncols=2)

        ax = self.ax_g
        self.gate_lines = {}
        for g, (ion, ls) in GATE_STYLES.items():
            (self.gate_lines[g],) = ax.plot([], [], color=ION_COLORS[ion], ls=ls, lw=1.5, label=g)
        ax.set_ylim(-0.03, 1.45)
        ax.set_yticks([0, 0.5, 1])
        ax.set_ylabel("gate (0–1)")
        ax.set_xlabel("time (ms)")
        ax.legend(loc="upper left", fontsize=9, ncols=3)

        ax = self.ax_fi
        (self.line_fi,) = ax.plot([], [], color="0.25", lw=1.8, marker="o", ms=3, label="f–I (steady firing)")
        (self.point,) = ax.plot([], [], ls="none", marker="D", ms=10, mfc=ION_COLORS["pump"], mec="black",
                                label="this run")
        ax.set_xlim(-1.0, self.max_current * 1.04)
        ax.set_xlabel("stimulus current (µA/cm²)")
        ax.set_ylabel("firing rate (Hz)")
        ax.set_title("Firing rate vs current")
        ax.legend(loc="upper left", fontsize=9)
        self.fi_note = ax.text(0.98, 0.02, "", transform=ax.transAxes, ha="right", va="bottom", fontsize=8.5,
                               color="0.35")

    def update(self, result, fi_currents, fi_rates, point_current, point_rate, stim_on_ms, stim_off_ms,
               fi_label):
        """Draw an :class:`nakmodel.hh.HHResult` and an f–I curve; return the figure.

        ``fi_currents`` (µA/cm²) and ``fi_rates`` (Hz) are the curve;
        ``point_current``/``point_rate`` the operating point; stimulus edges in ms.
        """
        t = result.t_ms
        self.line_v.set_data(t, result.v_mV)
        p = result.params
        self.line_ena.set_ydata([p.e_na_mV, p.e_na_mV])
        self.line_ek.set_ydata([p.e_k_mV, p.e_k_mV])
        self.text_ena.set_y(p.e_na_mV)
        self.text_ek.set_y(p.e_k_mV)
        self.stim_span.set_x(stim_on_ms)
        self.stim_span.set_width(max(stim_off_ms - stim_on_ms, 0.0))
        self.ax_v.set_xlim(t[0], t[-1])

        self.line_ina.set_data(t, result.i_na)
        self.line_ik.set_data(t, result.i_k)
        # fixed range (fast redraws); extreme runs (many channels locked open) are clipped and say so
        peak = float(max(-result.i_na.min(), result.i_k.max()))
        self.ax_i.set_ylim(-1.08 * self.current_bound, 1.5 * self.current_bound)  # headroom for the legend
        off_scale = peak > 1.08 * self.current_bound
        self.clip_note.set_text(f"peak {peak:,.0f} µA/cm², off scale" if off_scale else "")

        for g in ("m", "h", "n"):
            self.gate_lines[g].set_data(t, getattr(result, g))

        self.line_fi.set_data(np.asarray(fi_currents, dtype=float), np.asarray(fi_rates, dtype=float))
        self.point.set_data([point_current], [point_rate])
        self.fi_note.set_text(fi_label)
        top = nice_ceiling(1.15 * max(float(np.max(fi_rates)), 10.0))
        self.ax_fi.set_ylim(0, top)
        if point_rate > top:  # operating point off the curve's scale (e.g. squid warmed up): arrow at the top
            self.point.set_data([point_current], [0.97 * top])
            self.point.set_marker("^")
            self.fi_note.set_text(fi_label + f"\nthis run: {point_rate:.0f} Hz, above the scale")
        else:
            self.point.set_marker("D")
        return self.fig

    @staticmethod
    def alt_text(result, point_current, point_rate):
        """A sentence describing the figure for screen readers."""
        return (
            f"Four panels. Membrane potential over {result.t_ms[-1]:.0f} ms of the {result.model} model at "
            f"{result.temperature_C:.1f} °C with {result.n_spikes} spikes, "
            f"peaking at {result.v_mV.max():.0f} mV; "
            f"the Na+ current (inward, downward) and K+ current (outward, upward); the gates m, h and n; "
            f"and the firing rate against stimulus current, with this run at {point_current:.1f} µA/cm² "
            f"and {point_rate:.0f} Hz."
        )


class RundownPlot:
    """[Na]i and E_Na against spike number (log axis) in a long train, with and without the pump.

    The spike-number axis is fixed (1 to ``max_spikes``) so a thin and a giant
    axon can be compared on one scale; the concentration and potential axes are
    set per neuron model by :meth:`set_limits`.
    """

    def __init__(self, max_spikes: float = 1e7):
        self.max_spikes = float(max_spikes)
        self._build()

    @styled
    def _build(self):
        self.fig, (self.ax_c, self.ax_e) = new_figure(9.0, 3.9, ncols=2, sharex=True)
        c_na, ls_na = ION_COLORS["Na"], ION_LINESTYLES["Na"]
        ax = self.ax_c
        (self.line_na_ref,) = ax.plot([], [], color="0.55", ls="--", lw=1.2, label="pump stopped")
        (self.line_na,) = ax.plot([], [], color=c_na, ls=ls_na, lw=2.4, label="this case")
        self.line_na_crit = ax.axhline(0, color="0.3", ls=":", lw=1.0)
        self.text_crit = ax.text(0.01, 0, "", color="0.3", fontsize=8.5, va="bottom",
                                 transform=ax.get_yaxis_transform())
        ax.set_xscale("log")
        ax.set_xlim(1.0, self.max_spikes)
        ax.set_ylabel("[Na$^+$]$_i$ (mM)")
        ax.set_xlabel("spike number (log scale)")
        ax.set_title("Internal Na$^+$")
        ax.legend(loc="upper left", fontsize=9)

        ax = self.ax_e
        (self.line_e_ref,) = ax.plot([], [], color="0.55", ls="--", lw=1.2, label="pump stopped")
        (self.line_e,) = ax.plot([], [], color=c_na, ls=ls_na, lw=2.4, label="this case")
        self.line_e_crit = ax.axhline(0, color="0.3", ls=":", lw=1.0, label="criterion")
        (self.mark,) = ax.plot([], [], ls="none", marker="o", ms=9, mfc="white", mec=c_na, mew=2)
        self.mark_text = ax.text(0, 0, "", color=c_na, fontsize=9, ha="left", va="top")
        ax.set_ylabel("E$_{Na}$ (mV)")
        ax.set_xlabel("spike number (log scale)")
        ax.set_title("Na$^+$ equilibrium potential")
        ax.legend(loc="lower left", fontsize=9)

    def set_limits(self, na_range_mM, e_range_mV):
        """Fix the concentration (mM) and potential (mV) ranges, e.g. once per neuron model."""
        self.ax_c.set_ylim(*na_range_mM)
        self.ax_e.set_ylim(*e_range_mV)

    def update(self, r, pump_on: bool, rt_over_f_mV: float, rate_hz: float | None = None):
        """Draw a :class:`nakmodel.hh.RundownResult`; ``pump_on`` selects the case shown bold.

        ``rt_over_f_mV`` (RT/F at the run's temperature, mV) places the [Na]i criterion line;
        ``rate_hz`` (default: the train's rate) converts the spike count at the criterion to a time.
        """
        rate = r.rate_hz if rate_hz is None else rate_hz
        # log axis: replace spike 0 by spike 1 (one step above rest; the pump is negligible over one spike)
        n = np.r_[1.0, r.spike_number[1:]]
        na0, e0 = r.na_in_pump_off_mM[0], r.e_na_pump_off_mV[0]
        na_out = na0 * np.exp(e0 / rt_over_f_mV)

        def first_spike(c):
            c = np.r_[na0 + r.na_step_mM, c[1:]]
            return c, rt_over_f_mV * np.log(na_out / c)

        na_off, e_off = first_spike(r.na_in_pump_off_mM)
        na_on, e_on = first_spike(r.na_in_mM)
        self.line_na.set_data(n, na_on if pump_on else na_off)
        self.line_e.set_data(n, e_on if pump_on else e_off)
        self.line_na_ref.set_data(n, na_off)
        self.line_e_ref.set_data(n, e_off)
        na_crit = r.na_in_pump_off_mM[0] * np.exp(r.e_na_drop_mV / rt_over_f_mV)
        e_crit = r.e_na_mV[0] - r.e_na_drop_mV
        self.line_na_crit.set_ydata([na_crit, na_crit])
        self.text_crit.set_y(na_crit)
        self.text_crit.set_text(f"E$_{{Na}}$ {r.e_na_drop_mV:.0f} mV below rest value")
        self.line_e_crit.set_ydata([e_crit, e_crit])
        n_crit = r.spikes_to_criterion_pump_on if pump_on else r.spikes_to_criterion_pump_off
        if np.isfinite(n_crit) and 1.0 <= n_crit <= min(r.spike_number[-1], self.max_spikes):
            self.mark.set_data([n_crit], [e_crit])
            self.mark_text.set_position((n_crit * 1.3, e_crit - 0.6))
            secs = n_crit / rate
            if secs < 120:
                when = f"{secs:.3g} s"
            else:
                when = f"{secs / 60:.3g} min" if secs < 7200 else f"{secs / 3600:.3g} h"
            self.mark_text.set_text(f"{n_crit:,.0f} spikes\n= {when} at {rate:g} Hz")
        else:
            self.mark.set_data([], [])
            self.mark_text.set_text("")
        return self.fig

    @staticmethod
    def alt_text(r, pump_on: bool):
        """A sentence describing the figure for screen readers."""
        n_crit = r.spikes_to_criterion_pump_on if pump_on else r.spikes_to_criterion_pump_off
        crit = f"{n_crit:,.0f} spikes" if np.isfinite(n_crit) else "not within the train shown"
        return (
            f"Two panels against spike number on a log scale, axon diameter {r.diameter_um:.3g} µm, pump "
            f"{'working' if pump_on else 'stopped'}: "
            f"internal Na+ rises from {r.na_in_pump_off_mM[0]:.0f} mM and "
            f"E_Na falls from {r.e_na_mV[0]:.0f} mV; it has fallen by {r.e_na_drop_mV:.0f} mV after {crit}."
        )
