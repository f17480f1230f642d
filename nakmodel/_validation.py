"""One place that checks user input and explains what was wrong.

Every public function of :mod:`nakmodel` validates its arguments with these
helpers, so a bad value fails at once with a message that names the
parameter, the value, its unit and the allowed range, instead of turning
into a NaN deep inside numpy.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import numpy as np

__all__ = [
    "ParameterError",
    "ModelError",
    "check_number",
    "check_choice",
    "check_ion_dict",
    "check_temperature",
    "check_concentration",
    "TEMPERATURE_RANGE_C",
    "CONCENTRATION_RANGE_MM",
]

#: Allowed temperature range of the public API, in °C (liquid water, living tissue).
TEMPERATURE_RANGE_C = (0.0, 45.0)
#: Allowed concentration range, in mM: strictly positive, at most twice sea water's ionic strength.
CONCENTRATION_RANGE_MM = (0.0, 2000.0)


class ParameterError(ValueError):
    """A parameter is outside its physically meaningful range.

    Subclass of :class:`ValueError`; its message names the parameter, the
    offending value, the unit and the allowed range.
    """

    def __init__(self, name: str, value, unit: str, allowed: str):
        self.name = name
        self.value = value
        self.unit = unit
        self.allowed = allowed
        unit_txt = f" {unit}" if unit else ""
        super().__init__(f"{name} = {value!r}{unit_txt} is not allowed: {allowed}")


class ModelError(RuntimeError):
    """A model could not be computed for valid parameters (a solver failed,
    no steady state was found, a run left the physical range).

    Distinct from :class:`ParameterError` (bad input): the input was allowed,
    the computation did not succeed. Apps catch both and show a short message.
    """


def _describe_range(lo, hi, lo_inclusive, hi_inclusive, unit):
    u = f" {unit}" if unit else ""
    if lo is not None and hi is not None:
        left = "[" if lo_inclusive else "("
        right = "]" if hi_inclusive else ")"
        return f"must be in {left}{lo:g}, {hi:g}{right}{u}"
    if lo is not None:
        return f"must be {'>=' if lo_inclusive else '>'} {lo:g}{u}"
    if hi is not None:
        return f"must be {'<=' if hi_inclusive else '<'} {hi:g}{u}"
    return "must be a finite number"


#: Scalar types checked without building an array (bool is deliberately absent).
_PLAIN_REALS = frozenset({float, int, np.float64, np.float32, np.int64, np.int32})


def check_number(
    name: str,
    value,
    unit: str = "",
    lo: float | None = None,
    hi: float | None = None,
    *,
    lo_inclusive: bool = True,
    hi_inclusive: bool = True,
):
    """Return ``value`` as a float (or float array) after checking it.

    Parameters
    ----------
    name : str
        Parameter name as the caller wrote it (used in the message).
    value : float or array_like
        The value to check; arrays are checked element-wise.
    unit : str
        Unit shown in the message (e.g. ``"mM"``).
    lo, hi : float or None
        Bounds; ``None`` means unbounded on that side.
    lo_inclusive, hi_inclusive : bool
        Whether the bounds themselves are allowed.

    Raises
    ------
    ParameterError
        If the value is not a real finite number or lies outside the bounds.
    """
    if type(value) in _PLAIN_REALS:  # fast path for scalars (model right-hand sides call this often)
        x = float(value)
        if math.isfinite(x) and (lo is None or (x >= lo if lo_inclusive else x > lo)) and \
                (hi is None or (x <= hi if hi_inclusive else x < hi)):
            return x
    allowed = _describe_range(lo, hi, lo_inclusive, hi_inclusive, unit)
    if isinstance(value, (bool, np.bool_)) or isinstance(value, (str, bytes)):
        raise ParameterError(name, value, unit, "must be a real number; " + allowed)
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ParameterError(name, value, unit, "must be a real number; " + allowed) from None
    bad = ~np.isfinite(arr)
    if lo is not None:
        bad |= (arr < lo) if lo_inclusive else (arr <= lo)
    if hi is not None:
        bad |= (arr > hi) if hi_inclusive else (arr >= hi)
    if np.any(bad):
        shown = arr[bad].flat[0] if arr.ndim else float(arr)
        shown = float(shown)
        if not np.isfinite(shown):
            raise ParameterError(name, shown, unit, "must be finite; " + allowed)
        raise ParameterError(name, shown, unit, allowed)
    return float(arr) if arr.ndim == 0 else arr


def check_choice(name: str, value, choices: Iterable[str]):
    """Check that ``value`` is one of ``choices`` (strings) and return it."""
    choices = tuple(choices)
    if value not in choices:
        raise ParameterError(name, value, "", "must be one of " + ", ".join(repr(c) for c in choices))
    return value


def check_temperature(temperature_C, name: str = "temperature_C"):
    """Check a temperature in °C against :data:`TEMPERATURE_RANGE_C`."""
    lo, hi = TEMPERATURE_RANGE_C
    return check_number(name, temperature_C, "°C", lo, hi)


def check_concentration(name: str, value):
    """Check a concentration in mM: strictly positive and below 2000 mM."""
    lo, hi = CONCENTRATION_RANGE_MM
    return check_number(name, value, "mM", lo, hi, lo_inclusive=False)


def check_ion_dict(
    name: str,
    mapping,
    required: Iterable[str],
    *,
    unit: str = "mM",
    optional: Iterable[str] = (),
    lo: float | None = 0.0,
    hi: float | None = CONCENTRATION_RANGE_MM[1],
    lo_inclusive: bool = False,
) -> dict:
    """Check a dict keyed by ion name (e.g. ``{"Na": 145, "K": 5, "Cl": 110}``).

    Every ion in ``required`` must be present, keys outside ``required`` and
    ``optional`` are refused, and every value is checked with
    :func:`check_number`. Returns a new dict of floats.
    """
    required = tuple(required)
    allowed_keys = required + tuple(optional)
    if not isinstance(mapping, Mapping):
        raise ParameterError(name, mapping, unit,
                             "must be a dict keyed by " + ", ".join(repr(k) for k in required))
    for key in required:
        if key not in mapping:
            raise ParameterError(
                f"{name}[{key!r}]", "missing", unit,
                "every one of " + ", ".join(repr(k) for k in required) + " must be given",
            )
    out = {}
    for key, val in mapping.items():
        if key not in allowed_keys:
            raise ParameterError(
                name, key, "", "unknown ion; keys must be among " + ", ".join(repr(k) for k in allowed_keys)
            )
        out[key] = check_number(f"{name}[{key!r}]", val, unit, lo, hi, lo_inclusive=lo_inclusive)
    return out
