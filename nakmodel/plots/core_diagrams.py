"""Labelled diagrams for the chapters' core path (static images with a text alternative).

* :func:`membrane_diagram`: a patch of membrane with the Na⁺/K⁺ pump, the K⁺ and Na⁺ leak
  channels and the reference neuron's concentrations (:data:`nakmodel.constants.MAMMALIAN_NEURON`)
  and equilibrium potentials;
* :func:`action_potential_diagram`: one action potential of the mammalian model (Wang & Buzsáki
  1996) with its phases, its resting potential and its threshold voltage
  (:func:`nakmodel.hh.voltage_threshold`).

Each returns a :class:`Diagram`, which a notebook shows as an ``<img>`` with its ``alt`` text
(the same markup in the static book and in Voilà). Every number drawn comes from ``nakmodel``.

References: Hille2001, Hodgkin1952, Wang1996.
"""

from __future__ import annotations

import base64
import html
from dataclasses import dataclass

import numpy as np
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle

from ..constants import MAMMALIAN_NEURON, VALENCE
from ..electrochem import nernst
from ..hh import simulate_hh, voltage_threshold
from .style import ION_COLORS, ION_LINESTYLES, new_figure, render_png

__all__ = ["Diagram", "action_potential_diagram", "membrane_diagram"]


@dataclass(frozen=True)
class Diagram:
    """A static figure and its text alternative (``alt``), shown as an ``<img>`` in a notebook."""

    fig: object
    alt: str
    dpi: float = 110.0

    def png(self) -> bytes:
        return render_png(self.fig, self.dpi)

    def _repr_html_(self) -> str:
        data = base64.b64encode(self.png()).decode("ascii")
        return (f'<figure class="nak-diagram" style="margin: 1em 0; max-width: 100%;">'
                f'<img src="data:image/png;base64,{data}" alt="{html.escape(self.alt, quote=True)}" '
                f'style="max-width: 100%; height: auto;"></figure>')


def _fmt(x: float) -> str:
    """A signed whole number with a true minus sign."""
    return f"{x:+.0f}".replace("-", "\u2212")


def _arrow(ax, x, y0, y1, ion, label, **kw):
    ax.add_patch(FancyArrowPatch((x, y0), (x, y1), arrowstyle="-|>", mutation_scale=16, lw=2,
                                 color=ION_COLORS[ion], linestyle=ION_LINESTYLES[ion], **kw))
    ax.text(x + 0.12, 0.5 * (y0 + y1), label, color=ION_COLORS[ion], va="center", ha="left",
            fontsize=10, fontweight="bold")


def membrane_diagram(ions=MAMMALIAN_NEURON) -> Diagram:
    """The membrane of the reference neuron: pump, leak channels, concentrations, potentials.

    Parameters
    ----------
    ions : IonSet
        Concentrations (mM), temperature (°C) and resting potential (mV); default the book's
        mammalian reference neuron.
    """
    out, inside = ions.c_out_mM, ions.c_in_mM
    e_na = nernst(VALENCE["Na"], out["Na"], inside["Na"], temperature_C=ions.temperature_C)
    e_k = nernst(VALENCE["K"], out["K"], inside["K"], temperature_C=ions.temperature_C)
    fig, ax = new_figure(8.0, 4.4)
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 6.6)
    ax.axis("off")
    # lipid bilayer
    ax.add_patch(Rectangle((0, 2.8), 10, 0.8, facecolor="#dddddd", edgecolor="#777777"))
    ax.text(0.1, 6.2, "outside the cell", fontsize=11, fontweight="bold")
    ax.text(0.1, 5.7, f"Na$^+$ {out['Na']:.0f} mM   K$^+$ {out['K']:.0f} mM", fontsize=10)
    ax.text(0.1, 1.2, f"Na$^+$ {inside['Na']:.0f} mM   K$^+$ {inside['K']:.0f} mM", fontsize=10)
    ax.text(0.1, 0.7, "inside the cell (cytoplasm)", fontsize=11, fontweight="bold")
    ax.text(0.1, 0.1, f"membrane potential at rest: {_fmt(ions.v_rest_mV)} mV (inside negative)",
            fontsize=10)
    ax.text(9.9, 0.1, f"E$_K$ = {_fmt(e_k)} mV,  E$_{{Na}}$ = {_fmt(e_na)} mV", ha="right", fontsize=10)
    # Na+ leak (small)
    ax.add_patch(Rectangle((1.9, 2.7), 0.2, 1.0, facecolor="#bbbbbb", edgecolor="black"))
    _arrow(ax, 2.0, 4.9, 2.0, "Na", "")
    ax.text(2.2, 4.5, "a little Na$^+$\nleaks in", color=ION_COLORS["Na"], fontsize=10, va="center")
    # the pump
    ax.add_patch(FancyBboxPatch((4.2, 2.5), 1.4, 1.4, boxstyle="round,pad=0.05",
                                facecolor=ION_COLORS["pump"], alpha=0.35, edgecolor="black"))
    ax.text(4.9, 3.2, "Na$^+$/K$^+$\npump", ha="center", va="center", fontsize=10)
    _arrow(ax, 3.9, 2.0, 4.9, "Na", "")
    ax.text(3.75, 5.0, "3 Na$^+$ out", color=ION_COLORS["Na"], ha="right", fontsize=10, fontweight="bold")
    _arrow(ax, 5.9, 4.9, 2.0, "K", "")
    ax.text(6.05, 1.9, "2 K$^+$ in", color=ION_COLORS["K"], ha="left", fontsize=10, fontweight="bold")
    ax.text(4.9, 1.9, "ATP → ADP + P$_i$", ha="center", fontsize=9)
    # K+ leak channel
    for x in (7.8, 8.3):
        ax.add_patch(Rectangle((x, 2.7), 0.25, 1.0, facecolor="#999999", edgecolor="black"))
    _arrow(ax, 8.17, 2.0, 4.9, "K", "")
    ax.text(8.4, 4.6, "K$^+$ leaks out\n(leak channel)", color=ION_COLORS["K"], fontsize=10, va="center")
    alt = (f"Diagram of a neuron's membrane. Outside: Na+ {out['Na']:.0f} mM and K+ {out['K']:.0f} mM; "
           f"inside: Na+ {inside['Na']:.0f} mM and K+ {inside['K']:.0f} mM. The Na+/K+ pump in the "
           "membrane uses one ATP to move 3 Na+ out and 2 K+ in. K+ leaks out through K+ leak channels "
           f"and a little Na+ leaks in. The inside rests at {_fmt(ions.v_rest_mV)} mV; the K+ equilibrium "
           f"potential is {_fmt(e_k)} mV and the Na+ equilibrium potential {_fmt(e_na)} mV.")
    return Diagram(fig, alt)


def action_potential_diagram(model: str = "mammalian") -> Diagram:
    """One action potential with its phases, resting potential and threshold voltage.

    A brief pulse (that of :func:`~nakmodel.hh.voltage_threshold`, 1.5 times the threshold
    amplitude, at 2 ms) fires one spike; the phases are read off the simulated trace, and the
    refractory span is where the inactivation gate h is below half its resting value.

    Parameters
    ----------
    model : {"mammalian", "squid"}
    """
    thr = voltage_threshold(model)
    onset, window = 2.0, 12.0 if model == "mammalian" else 25.0
    res = simulate_hh(1.5 * thr.amplitude_uA_cm2, window, onset_ms=onset, pulse_ms=thr.pulse_ms,
                      model=model, dt_ms=0.01)
    t, v = res.t_ms, res.v_mV
    i_peak = int(np.argmax(v))
    after = slice(i_peak, None)
    i_min = i_peak + int(np.argmin(v[after]))
    fig, ax = new_figure(8.0, 4.2)
    ax.plot(t, v, color=ION_COLORS["Vm"], lw=2.2)
    ax.axhline(thr.v_rest_mV, color="#555555", ls=":", lw=1.2)
    ax.axhline(thr.v_threshold_mV, color=ION_COLORS["pump"], ls="--", lw=1.5)
    ax.text(0.1, thr.v_rest_mV - 1.5, f"resting potential {_fmt(thr.v_rest_mV)} mV", ha="left", va="top",
            fontsize=9)
    ax.text(t[-1], thr.v_threshold_mV + 1.5, f"threshold {_fmt(thr.v_threshold_mV)} mV", ha="right",
            va="bottom", fontsize=9, color="#8a5a00")
    i_up = int(np.argmax(v > 0.5 * (thr.v_threshold_mV + v[i_peak])))
    i_down = i_peak + int(np.argmax(v[after] < 0.5 * (thr.v_rest_mV + v[i_peak])))
    ax.annotate("1 stimulus", (onset, thr.v_rest_mV), (onset - 1.5, thr.v_rest_mV + 25), fontsize=9,
                arrowprops={"arrowstyle": "->"})
    ax.annotate("2 depolarisation:\nNa$^+$ channels open,\nNa$^+$ flows in", (t[i_up], v[i_up]),
                (t[i_up] - 1.8, v[i_peak] - 5), fontsize=9, ha="right", arrowprops={"arrowstyle": "->"},
                color=ION_COLORS["Na"])
    ax.annotate("3 repolarisation:\nNa$^+$ channels inactivate,\nK$^+$ channels open, K$^+$ flows out",
                (t[i_down], v[i_down]), (t[i_down] + 1.8, v[i_peak] - 12), fontsize=9,
                arrowprops={"arrowstyle": "->"}, color=ION_COLORS["K"])
    ax.annotate("4 hyperpolarisation\n(undershoot)", (t[i_min], v[i_min]), (t[i_min] + 1.0, v[i_min] - 16),
                fontsize=9, arrowprops={"arrowstyle": "->"})
    # refractory: after the peak, while more than half of the resting Na+ availability (gate h) is lost
    h = res.h
    low = np.nonzero(h[i_peak:] < 0.5 * h[0])[0]
    r0, r1 = t[i_peak + low[0]], t[i_peak + low[-1]]
    ax.axvspan(r0, r1, color="#999999", alpha=0.15, lw=0)
    ax.set_xlabel("time (ms)")
    ax.set_ylabel("membrane potential (mV)")
    bottom = min(v[i_min] - 22, thr.v_rest_mV - 25)
    ax.set_ylim(bottom, v[i_peak] + 12)
    ax.text(0.5 * (r0 + r1), bottom + 2, "5 refractory period\n(Na$^+$ channels inactivated)", ha="center",
            va="bottom", fontsize=9)
    ax.set_xlim(0, t[-1])
    alt = (f"Graph of one action potential of the {model} model against time. The membrane rests at "
           f"{_fmt(thr.v_rest_mV)} mV. A brief stimulus at {onset:.0f} ms depolarises it past the threshold "
           f"of {_fmt(thr.v_threshold_mV)} mV; Na+ channels open and Na+ flows in, so the potential rises to "
           f"a peak of {_fmt(v[i_peak])} mV. Na+ channels then inactivate and K+ channels open, K+ flows out "
           f"and the membrane repolarises, undershooting to {_fmt(v[i_min])} mV (hyperpolarisation) before "
           f"it returns to rest. The shaded span from {r0:.1f} to {r1:.1f} ms, while more than half of the "
           "Na+ channels that were available at rest are inactivated, is the refractory period.")
    return Diagram(fig, alt)
