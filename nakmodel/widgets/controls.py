"""An app's controls: sliders from :class:`Control` specs and the app's menus, with one
defaults map and one reset.

Every control an app shows has a *name*: a slider the name of its
:class:`Control`, a menu (``Dropdown``, ``ToggleButtons``, ``Checkbox`` …) the
attribute name under which the app holds it (``"cause"``, ``"model_choice"``).
:class:`ControlPanel` records each one's default once — a slider's from its
spec, a menu's its value when the app is built — and :meth:`ControlPanel.reset`
puts them all back. Teacher links and scenarios set controls by the same names.
"""

from __future__ import annotations

import math
from contextlib import contextmanager
from dataclasses import dataclass

import ipywidgets as W

from .._validation import ParameterError

__all__ = [
    "CHANGED_HANDLE_COLOR",
    "CHOICE_TYPES",
    "Control",
    "ControlPanel",
    "choice_widgets",
    "fit_descriptions",
    "log_control",
    "option_values",
]

#: Handle colour of a slider moved away from its default (Okabe-Ito orange).
CHANGED_HANDLE_COLOR = "#E69F00"
_DESCRIPTION_STYLE = {"description_width": "13em"}
_CONTROL_LAYOUT = {"width": "30em"}
#: Widgets that choose among a fixed set of values (menus, toggle buttons, check boxes).
CHOICE_TYPES = (W.Dropdown, W.ToggleButtons, W.RadioButtons, W.Select, W.Checkbox, W.ToggleButton)


@dataclass(frozen=True)
class Control:
    """Specification of one numeric control: label, unit and range.

    Attributes
    ----------
    name : str
        Keyword the app uses for this value.
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

    def make_widget(self, continuous_update: bool):
        desc = f"{self.label} ({self.unit})" if self.unit else self.label
        common = {
            "description": desc,
            "style": dict(_DESCRIPTION_STYLE),
            "layout": W.Layout(**_CONTROL_LAYOUT),
            "continuous_update": continuous_update,
            "readout_format": self.readout_format,
        }
        if self.log:
            return W.FloatLogSlider(value=self.default, base=10, min=math.log10(self.minimum),
                                    max=math.log10(self.maximum), step=self.step, **common)
        return W.FloatSlider(value=self.default, min=self.minimum, max=self.maximum, step=self.step, **common)


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


def choice_widgets(widgets) -> list:
    """The menus, toggle buttons and check boxes among ``widgets`` (boxes searched too), in order."""
    found = []
    for w in widgets:
        if isinstance(w, CHOICE_TYPES):
            found.append(w)
        elif isinstance(w, W.Box):
            found += choice_widgets(w.children)
    return found


def option_values(widget) -> tuple:
    """The values a choice widget accepts (``(False, True)`` for a check box)."""
    if isinstance(widget, (W.Checkbox, W.ToggleButton)):
        return (False, True)
    vals = getattr(widget, "_options_values", None)
    if vals is None:
        vals = tuple(o[1] if isinstance(o, tuple) and len(o) == 2 else o for o in widget.options)
    return tuple(vals)


class ControlPanel:
    """The sliders and menus of one app, their defaults and their reset.

    Parameters
    ----------
    specs : sequence of Control
        One slider each, in this order.
    continuous_update : bool
        Sliders report while dragged (cheap models) or on release.
    """

    def __init__(self, specs, continuous_update: bool = False):
        self.specs = {c.name: c for c in specs}
        self.sliders = {c.name: c.make_widget(continuous_update) for c in specs}
        self.choices: dict = {}
        #: The one defaults map: every control's name -> its default value.
        self.defaults = {c.name: c.default for c in specs}
        self._suspended = 0

    # ----- registry ----------------------------------------------------------------------
    def add_choice(self, name: str, widget) -> None:
        """Register a menu/toggle/check box under ``name``; its present value becomes its default."""
        if name in self.sliders:
            raise ValueError(f"{name!r} already names a slider")
        self.choices[name] = widget
        self.defaults[name] = widget.value

    def widget(self, name: str):
        """The slider or menu called ``name`` (``None`` if there is none)."""
        return self.sliders.get(name, self.choices.get(name))

    @property
    def names(self) -> list:
        return list(self.sliders) + list(self.choices)

    # ----- values ------------------------------------------------------------------------
    @property
    def values(self) -> dict:
        """Slider values keyed by control name (in the controls' units)."""
        return {name: s.value for name, s in self.sliders.items()}

    @property
    def suspended(self) -> bool:
        """True while :meth:`quiet` is active: observers should not re-run the model."""
        return self._suspended > 0

    @contextmanager
    def quiet(self):
        """Change several controls without the app reacting to each change."""
        self._suspended += 1
        try:
            yield
        finally:
            self._suspended -= 1

    def set(self, values: dict) -> None:
        """Set controls by name (sliders clip to their ranges), quietly.

        Raises :class:`ParameterError` for a name that is no control, or a
        menu value that is not one of the menu's options; nothing is set then.
        """
        for name, v in values.items():
            w = self.widget(name)
            if w is None:
                raise ParameterError("control", name, "", "must be one of " + ", ".join(self.names))
            if name in self.choices and v not in option_values(w):
                raise ParameterError(name, v, "", "must be one of " + ", ".join(map(repr, option_values(w))))
        with self.quiet():
            for name, v in values.items():
                w = self.widget(name)
                if w.value != v:
                    w.value = v

    def reset(self) -> None:
        """Every control back to its default, quietly (the caller redraws once)."""
        self.set(self.defaults)

    # ----- looks -------------------------------------------------------------------------
    def is_changed(self, name: str) -> bool:
        """Whether control ``name`` differs from its default (sliders: beyond rounding)."""
        value, default = self.widget(name).value, self.defaults[name]
        if name in self.sliders:
            return abs(value - default) > 1e-12 * max(1.0, abs(default))
        return value != default

    def mark_changed(self) -> None:
        """Colour the handle of every slider that is away from its default."""
        for name, slider in self.sliders.items():
            slider.style.handle_color = CHANGED_HANDLE_COLOR if self.is_changed(name) else None


def fit_descriptions(widgets) -> None:
    """Give every control's label room for its full text (with unit), the same for all.

    ipywidgets cuts a description that is wider than ``description_width``
    with an ellipsis, which would hide the units. Widths are estimated at
    0.55 em per character (the UI font), between 13 and 24 em.
    """
    labelled = [c for c in widgets if getattr(c, "description", "") and hasattr(c, "style")
                and hasattr(c.style, "description_width")]
    if not labelled:
        return
    width_em = min(max(13.0, 0.55 * max(len(c.description) for c in labelled) + 1.0), 24.0)
    for c in labelled:
        c.style.description_width = f"{width_em:.1f}em"
        if isinstance(c, (W.FloatSlider, W.FloatLogSlider, W.IntSlider)):
            c.layout.width = f"{width_em + 17:.1f}em"
        if isinstance(c, W.ToggleButtons):
            c.style.button_width = "auto"  # each button as wide as its label
