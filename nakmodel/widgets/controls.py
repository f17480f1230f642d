"""One numeric control of an explorer: label, unit, range, step (:class:`Control`), and
:func:`log_control` for a slider over decades.

The live explorers (:mod:`nakmodel.widgets.live`) send these to the browser as JSON
(``control_json``); the browser draws the sliders, so there is no widget here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["Control", "log_control"]


@dataclass(frozen=True)
class Control:
    """Specification of one numeric control: label, unit and range.

    Attributes
    ----------
    name : str
        Keyword the explorer uses for this value (also its name in teacher links).
    label : str
        What the reader sees, without the unit.
    unit : str
        Unit shown in brackets after the label ("" for none).
    default, minimum, maximum, step : float
        Slider values, in ``unit``.
    log : bool
        Use a logarithmic slider (``default``/``minimum``/``maximum`` still in ``unit``).
    readout_format : str
        Python format spec for the value shown beside the slider.
    """

    name: str
    label: str
    unit: str
    default: float
    minimum: float
    maximum: float
    step: float
    log: bool = False
    readout_format: str = ".1f"


def log_control(name, label, unit, default, lo, hi, step=0.02, fmt=".3f") -> Control:
    """A logarithmic :class:`Control` whose range lies on the step grid through ``default``.

    A browser snaps a log slider to min + k·step (in log10); with the grid anchored
    at the default, the default survives the snap, so Reset really restores it and
    the control's "changed" mark stays off.

    >>> c = log_control("p", "P", "cm/s", 1e-6, 2e-7, 5e-6)
    >>> round((math.log10(c.default) - math.log10(c.minimum)) / c.step, 9) % 1
    0.0
    """
    e0 = math.log10(default)
    n_lo = math.floor((e0 - math.log10(lo)) / step + 1e-9)
    n_hi = math.floor((math.log10(hi) - e0) / step + 1e-9)
    return Control(name, label, unit, default, 10 ** (e0 - n_lo * step), 10 ** (e0 + n_hi * step), step,
                   log=True, readout_format=fmt)
