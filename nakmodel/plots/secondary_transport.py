"""Figures for secondary active transport: SGLT accumulation and flux, and the epithelium."""

from __future__ import annotations

import numpy as np
from matplotlib.patches import FancyArrowPatch, Rectangle
from matplotlib.ticker import NullLocator

from .shared import GLUCOSE_GRID_MM, LABEL_WIDTH_FRACTION, V_GRID_MV
from .style import ION_COLORS, ION_LINESTYLES, decade_limits, new_figure, nice_top, styled

#: Line style per transporter (colour alone never tells them apart).
TRANSPORTER_STYLE = {
    "SGLT1": dict(color=ION_COLORS["glucose"], ls=ION_LINESTYLES["glucose"], lw=2.5),
    "SGLT2": dict(color="0.25", ls="--", lw=2.0),
}


class CotransportPlot:
    """Left: equilibrium accumulation ratio [G]in/[G]out vs Vm (log axis) for SGLT1 and SGLT2.
    Right: net glucose influx vs luminal glucose, relative to J_max.

    Call :meth:`update` with curves computed by the model.
    """

    def __init__(self, transporters=("SGLT1", "SGLT2")):
        self.transporters = tuple(transporters)
        self._build()

    @styled
    def _build(self):
        self.fig, (self.ax_r, self.ax_j) = new_figure(9.0, 4.2, ncols=2)
        ax = self.ax_r
        ax.set_yscale("log")
        ax.yaxis.set_minor_locator(NullLocator())  # the axis spans up to 10 decades: minor ticks are clutter
        ax.set_xlim(V_GRID_MV[0], V_GRID_MV[-1])
        ax.set_xlabel("membrane potential V$_m$ (mV)")
        ax.set_ylabel("max. accumulation [glucose]$_i$/[glucose]$_o$")
        ax.set_title("Thermodynamic limit (log scale)")
        ax.axhline(1.0, color="0.5", lw=0.8)
        ax.text(V_GRID_MV[-1], 1.0, "no gradient ", ha="right", va="bottom", fontsize=8, color="0.4")
        self.vm_line = ax.axvline(-60.0, color=ION_COLORS["Vm"], lw=1.0, ls=":")
        self.r_lines, self.r_marks, self.r_texts = {}, {}, {}
        for name in self.transporters:
            st = TRANSPORTER_STYLE[name]
            n = "2 Na$^+$" if name == "SGLT1" else "1 Na$^+$"
            (self.r_lines[name],) = ax.plot(V_GRID_MV, np.ones_like(V_GRID_MV),
                                            label=f"{name} ({n} : 1 glucose)", **st)
            (self.r_marks[name],) = ax.plot([-60.0], [1.0], "o", color=st["color"], ms=7)
            self.r_texts[name] = ax.text(-60.0, 1.0, "", fontsize=9, color=st["color"], ha="left",
                                         va="bottom")
        ax.legend(loc="upper right", fontsize=9)

        ax = self.ax_j
        ax.set_xlim(0.0, GLUCOSE_GRID_MM[-1])
        ax.set_xlabel("luminal glucose (mM)")
        ax.set_ylabel("net glucose influx (fraction of J$_{max}$)")
        ax.set_title("Flux into the cell")
        ax.axhline(0.0, color="0.5", lw=0.8)
        self.j_lines = {}
        for name in self.transporters:
            st = TRANSPORTER_STYLE[name]
            (self.j_lines[name],) = ax.plot(GLUCOSE_GRID_MM, np.zeros_like(GLUCOSE_GRID_MM), label=name, **st)
        self.gin_line = ax.axvline(1.0, color=ION_COLORS["glucose"], lw=1.0, ls=":")
        # horizontal, beside the line, in the widest band the curves leave free (free_band)
        self.gin_text = ax.text(1.0, 0.02, "", fontsize=8, color="0.3", va="center", ha="left")
        ax.legend(loc="lower right", fontsize=9)

    def update(self, v_mV, ratio_curves, ratios_now, flux_curves, glucose_in_mM):
        """Draw new curves.

        Parameters
        ----------
        v_mV : float
            Current membrane potential (marker position), mV.
        ratio_curves, flux_curves : dict
            Transporter -> array over :data:`V_GRID_MV` / :data:`GLUCOSE_GRID_MM`.
        ratios_now : dict
            Transporter -> accumulation ratio at ``v_mV``.
        glucose_in_mM : float
            Cytosolic glucose, mM (marked on the flux axis).
        """
        self.vm_line.set_xdata([v_mV, v_mV])
        for name in self.transporters:
            self.r_lines[name].set_ydata(ratio_curves[name])
            self.r_marks[name].set_data([v_mV], [ratios_now[name]])
            self.r_texts[name].set_position((v_mV + 3.0, ratios_now[name]))
            r = ratios_now[name]
            self.r_texts[name].set_text(f"{r:,.0f}×" if r >= 100 else f"{r:.3g}×")
            self.j_lines[name].set_ydata(flux_curves[name])
        allr = np.concatenate([ratio_curves[n] for n in self.transporters])
        lo, hi = float(np.min(allr)), float(np.max(allr))
        self.ax_r.set_ylim(*decade_limits(min(0.1, lo / 3.0), max(100.0, hi * 3.0)))
        allj = np.concatenate([flux_curves[n] for n in self.transporters])
        self.ax_j.set_ylim(-nice_top(max(0.1, -float(np.min(allj)) * 1.15)),
                           nice_top(max(1.0, float(np.max(allj)) * 1.1)))
        self.gin_line.set_xdata([glucose_in_mM, glucose_in_mM])
        x, ha, window = label_window(glucose_in_mM, GLUCOSE_GRID_MM[-1])
        inside = (GLUCOSE_GRID_MM >= window[0]) & (GLUCOSE_GRID_MM <= window[1])
        occupied = [(float(np.min(flux_curves[n][inside])), float(np.max(flux_curves[n][inside])))
                    for n in self.transporters if inside.any()]
        occupied.append((0.0, 0.0))  # the zero line
        self.gin_text.set_position((x, free_band(*self.ax_j.get_ylim(), occupied)))
        self.gin_text.set_horizontalalignment(ha)
        self.gin_text.set_text(f"cell glucose {glucose_in_mM:.1f} mM")
        return self.fig

    def alt_text(self, v_mV, ratios_now, flux_at_10mM):
        parts = "; ".join(
            f"{n}: maximal accumulation {ratios_now[n]:.3g}-fold, influx at 10 mM luminal glucose "
            f"{flux_at_10mM[n]:.2f} of its maximum" for n in self.transporters
        )
        return ("Two panels. Left: log-scale maximal glucose accumulation ratio against membrane potential "
                f"for SGLT1 and SGLT2, marked at {v_mV:.0f} mV. "
                "Right: net glucose influx against luminal glucose. "
                + parts + ".")



def label_window(x_mM, x_max_mM):
    """Where the cell-glucose label goes beside its line: ``(x, "left"|"right", (x0, x1))``, the
    label on the right of the line unless that runs off the axis, and the x range it covers."""
    width = LABEL_WIDTH_FRACTION * x_max_mM
    pad = 0.01 * x_max_mM
    if x_mM + pad + width <= x_max_mM:
        return x_mM + pad, "left", (x_mM, x_mM + pad + width)
    return x_mM - pad, "right", (x_mM - pad - width, x_mM)


def free_band(lo, hi, occupied):
    """Middle of the widest stretch of ``[lo, hi]`` not covered by any ``(a, b)`` in ``occupied``.

    Places a label beside a vertical line where no curve crosses it (the label used to sit on the
    curves at low cell glucose).

    >>> free_band(-0.1, 1.1, [(0.2, 0.7), (0.0, 0.0)])
    0.9
    """
    spans = sorted((max(lo, min(a, b)), min(hi, max(a, b))) for a, b in occupied)
    best, at, y = -1.0, lo, lo
    for a, b in spans:
        if a - y > best:
            best, at = a - y, (y + a) / 2
        y = max(y, b)
    if hi - y > best:
        at = (y + hi) / 2
    return at


def _arrow(ax, start, end, color, ls="-"):
    a = FancyArrowPatch(start, end, arrowstyle="simple,head_width=1.6,head_length=1.2,tail_width=0.6",
                        mutation_scale=10, color=color, lw=0, linestyle=ls, zorder=4)
    ax.add_patch(a)
    return a


class EpitheliumPlot:
    """Schematic lumen | cell | blood with apical SGLT1, basolateral Na+/K+ pump and GLUT2.

    Arrow widths scale with flux (reversed arrows point the other way); a
    bar chart on the right shows glucose in the three compartments. Call
    :meth:`update` with an :class:`nakmodel.cotransport.EpitheliumResult`.
    """

    #: Flux (mM/s) drawn with the reference arrow width.
    REF_FLUX = 1.0

    def __init__(self):
        self._build()

    @styled
    def _build(self):
        self.fig, (self.ax, self.ax_g) = new_figure(9.5, 4.6, ncols=2,
                                                    gridspec_kw={"width_ratios": [2.3, 1.0]})
        ax = self.ax
        ax.set_xlim(0, 10)
        ax.set_ylim(0, 6)
        ax.set_axis_off()
        ax.add_patch(Rectangle((0, 0), 3.0, 6, color="#f3f3f3", zorder=0))
        ax.add_patch(Rectangle((7.0, 0), 3.0, 6, color="#fbeaea", zorder=0))
        ax.add_patch(Rectangle((3.0, 0.3), 4.0, 5.4, facecolor="#fff8e6", edgecolor="0.3", lw=2, zorder=1))
        ax.text(1.5, 5.6, "lumen", ha="center", fontsize=11, weight="bold")
        ax.text(5.0, 5.25, "enterocyte", ha="center", fontsize=11, weight="bold")
        ax.text(8.5, 5.6, "blood", ha="center", fontsize=11, weight="bold")
        ax.text(3.0, 0.05, "apical", ha="center", fontsize=8, color="0.3")
        ax.text(7.0, 0.05, "basolateral", ha="center", fontsize=8, color="0.3")
        # transporters (circles on the membranes)
        for (x, y, lab, lx, ly, ha) in [(3.0, 3.6, "SGLT1", 3.35, 2.85, "left"),
                                        (7.0, 4.2, "Na$^+$/K$^+$ pump", 6.6, 3.45, "right"),
                                        (7.0, 1.6, "GLUT2", 6.7, 0.8, "right")]:
            ax.add_patch(Rectangle((x - 0.2, y - 0.75), 0.4, 1.5, facecolor="white", edgecolor="0.2", lw=1.5,
                                   alpha=0.85, zorder=5))
            ax.text(lx, ly, lab, ha=ha, va="top", fontsize=8, zorder=6)
        g, na, k = ION_COLORS["glucose"], ION_COLORS["Na"], ION_COLORS["K"]
        self.arrow_geom = {
            "sglt_glc": ((1.2, 3.9), (4.6, 3.9), g),
            "sglt_na": ((1.2, 3.3), (4.6, 3.3), na),
            "pump_na": ((5.6, 4.5), (9.0, 4.5), na),
            "pump_k": ((9.0, 3.9), (5.6, 3.9), k),
            "glut2": ((5.4, 1.6), (9.0, 1.6), g),
            "leak": ((1.2, 1.0), (4.6, 1.0), na),  # other apical Na+ entry (NHE3, channels)
        }
        self.arrows = {key: _arrow(ax, a, b, c) for key, (a, b, c) in self.arrow_geom.items()}
        self.labels = {
            "sglt_glc": ax.text(0.2, 4.2, "", fontsize=8, color="0.1"),
            "sglt_na": ax.text(0.2, 2.75, "", fontsize=8, color="0.1"),
            "pump_na": ax.text(7.6, 4.95, "", fontsize=8, color="0.1"),
            "pump_k": ax.text(7.6, 3.35, "", fontsize=8, color="0.1"),
            "glut2": ax.text(7.6, 2.0, "", fontsize=8, color="0.1"),
            "leak": ax.text(0.2, 0.45, "", fontsize=8, color="0.1"),
        }
        self.cell_text = ax.text(5.0, 2.45, "", ha="center", va="center", fontsize=9, zorder=6,
                                 bbox=dict(facecolor="white", edgecolor="0.7", boxstyle="round"))

        axg = self.ax_g
        self.g_bars = axg.bar([0, 1, 2], [1, 1, 1], color=ION_COLORS["glucose"], edgecolor="0.2",
                              hatch=["", "//", ""], label="glucose")
        axg.set_xticks([0, 1, 2], ["lumen", "cell", "blood"])
        axg.set_ylabel("glucose (mM)")
        axg.set_title("Glucose in each compartment")
        axg.grid(axis="x", visible=False)
        self.g_texts = [axg.text(i, 0, "", ha="center", va="bottom", fontsize=9) for i in range(3)]

    def _set_arrow(self, key, flux, label):
        start, end, _ = self.arrow_geom[key]
        if flux < 0:
            start, end = end, start
        self.arrows[key].set_positions(start, end)
        w = abs(flux) / self.REF_FLUX
        self.arrows[key].set_mutation_scale(2.0 + 14.0 * min(w, 3.0) ** 0.5)
        self.arrows[key].set_alpha(1.0 if abs(flux) > 1e-3 else 0.15)
        self.labels[key].set_text(label)

    def update(self, res, glucose_lumen_mM, glucose_blood_mM, v_apical_mV):
        """Draw the steady state ``res`` (an ``EpitheliumResult``)."""
        n_na = 2
        self._set_arrow("sglt_glc", res.sglt_flux_mM_s, f"glucose {res.sglt_flux_mM_s:+.2f}")
        self._set_arrow("sglt_na", n_na * res.sglt_flux_mM_s, f"Na$^+$ {n_na * res.sglt_flux_mM_s:+.2f}")
        self._set_arrow("pump_na", 3 * res.pump_rate_mM_s, f"3 Na$^+$ {3 * res.pump_rate_mM_s:.2f}")
        self._set_arrow("pump_k", 2 * res.pump_rate_mM_s, f"2 K$^+$ {2 * res.pump_rate_mM_s:.2f}")
        self._set_arrow("glut2", res.glut2_flux_mM_s, f"glucose {res.glut2_flux_mM_s:+.2f}")
        self._set_arrow("leak", res.na_leak_mM_s, f"other Na$^+$ entry {res.na_leak_mM_s:+.2f}")
        self.cell_text.set_text(
            f"[Na$^+$] {res.na_cell_mM:.0f} mM\n[glucose] {res.glucose_cell_mM:.1f} mM\n"
            f"apical V$_m$ {v_apical_mV:.0f} mV")
        self.ax.set_title(f"Pump activity {100 * res.pump_fraction:.0f}%; "
                          "arrows: fluxes in mM/s of cell water", fontsize=10)
        vals = [glucose_lumen_mM, res.glucose_cell_mM, glucose_blood_mM]
        for bar, t, v in zip(self.g_bars, self.g_texts, vals, strict=True):
            bar.set_height(v)
            t.set_position((bar.get_x() + bar.get_width() / 2, v))
            t.set_text(f"{v:.1f}")
        self.ax_g.set_ylim(0, nice_top(max(vals) * 1.2))
        return self.fig

    def alt_text(self, res, glucose_lumen_mM, glucose_blood_mM, v_apical_mV):
        direction = "from lumen to blood" if res.glucose_flux_mM_s >= 0 else "from blood back to lumen"
        return (f"Schematic of an intestinal epithelial cell between lumen and blood. With pump activity "
                f"{100 * res.pump_fraction:.0f}% and apical potential {v_apical_mV:.0f} mV, glucose crosses "
                f"{direction} at {abs(res.glucose_flux_mM_s):.2f} mM/s; Na+ enters apically by SGLT1 "
                f"({2 * res.sglt_flux_mM_s:.2f} mM/s) and other routes ({res.na_leak_mM_s:.2f} mM/s) "
                "and leaves by "
                f"the pump ({3 * res.pump_rate_mM_s:.2f} mM/s); cell Na+ is {res.na_cell_mM:.0f} mM and cell "
                f"glucose {res.glucose_cell_mM:.1f} mM, against {glucose_lumen_mM:.1f} mM in the lumen and "
                f"{glucose_blood_mM:.1f} mM in the blood.")
