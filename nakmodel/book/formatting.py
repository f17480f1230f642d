"""Numbers formatted for prose: the one formatting helper of the book.

Convention
----------
A chapter's ``numbers()`` returns each glued value **already formatted for
the sentence it sits in**, as a :class:`Number`: a ``str`` (what the page
shows) that also carries the underlying float in ``.value`` (what tests
check). The chapter's markdown pastes it with ``{glue:text}`name``` and *no*
format spec, so the rounding of every number lives here, in Python, next to
the model that computed it, and not in the markdown.

The helpers below decide the look once:

* true minus sign U+2212 (``−89.1``), as in the rest of the prose; an
  explicit ``+`` only where asked (``sign=True``, e.g. potentials "+62 mV");
* thousands separated by commas from 1,000 on (``4,400``);
* :func:`sig` rounds to significant figures, for model outputs whose trailing
  digits mean nothing ("about 17,000 times", not "17,143"); :func:`fixed`
  gives a fixed number of decimals, for quantities read off a scale
  (potentials to 0.1 mV); :func:`count` is for exact whole numbers (ions
  moved, cycles completed in a seeded run);
* a value that rounds to zero prints as ``0`` (never ``−0``).

:func:`values` strips a chapter's numbers back to floats, which is what the
glue tests compare with closed forms.

Examples
--------
>>> sig(17143.2, 2)
'17,000'
>>> fixed(-89.06, 1)
'−89.1'
>>> fixed(61.5, 0, sign=True)
'+62'
>>> sig(-0.01234, 2), sig(0.0, 2)
('−0.012', '0')
>>> n = fixed(-70.04, 1); n.value
-70.04
>>> count(22464)
'22,464'
"""

from __future__ import annotations

import math
from numbers import Real

__all__ = ["MINUS", "Number", "count", "fixed", "sig", "values"]

#: The minus sign used in prose (U+2212), not the hyphen-minus of code.
MINUS = "\u2212"


class Number(str):
    """Text of a number as the page shows it, with the number in ``.value``.

    A ``str`` subclass, so ``myst_nb.glue`` stores the text (its text/plain
    repr is the quoted string, which ``{glue:text}`` unquotes) while Python
    code and tests still reach the float.
    """

    value: float

    def __new__(cls, text: str, value: float):
        obj = super().__new__(cls, text)
        obj.value = value
        return obj

    def __reduce__(self):  # keep .value through pickle/copy
        return (Number, (str(self), self.value))


def _check(value) -> float:
    if isinstance(value, bool) or not isinstance(value, Real):
        try:
            value = float(value)  # numpy scalars
        except (TypeError, ValueError):
            raise TypeError(f"a number is needed, got {value!r}") from None
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"cannot format a non-finite number for prose: {value!r}")
    return value


def _text(rounded: float, decimals: int, sign: bool) -> str:
    body = f"{abs(rounded):,.{decimals}f}"
    if float(body.replace(",", "")) == 0.0:
        return body  # never "−0" or "+0"
    if rounded < 0:
        return MINUS + body
    return ("+" + body) if sign else body


def fixed(value, decimals: int = 1, *, sign: bool = False) -> Number:
    """``value`` with ``decimals`` decimals (0–6), U+2212 minus, commas from 1,000.

    >>> fixed(-64.93, 1), fixed(1234.5, 0), fixed(0.04, 1, sign=True)
    ('−64.9', '1,234', '0.0')
    """
    v = _check(value)
    if not (isinstance(decimals, int) and 0 <= decimals <= 6):
        raise ValueError(f"decimals must be an integer from 0 to 6, got {decimals!r}")
    return Number(_text(round(v, decimals), decimals, sign), v)


def sig(value, figures: int = 2, *, sign: bool = False) -> Number:
    """``value`` rounded to ``figures`` significant figures (1–6).

    Trailing zeros before the decimal point are kept as zeros
    (17,143 -> "17,000"); below 1 as many decimals as the figures need
    (0.01234 -> "0.012").

    >>> sig(58.26, 2), sig(5826.0, 3), sig(0.5, 1), sig(99.96, 3)
    ('58', '5,830', '0.5', '100')
    """
    v = _check(value)
    if not (isinstance(figures, int) and 1 <= figures <= 6):
        raise ValueError(f"figures must be an integer from 1 to 6, got {figures!r}")
    if v == 0.0:
        return Number("0", v)
    exponent = math.floor(math.log10(abs(v)))
    decimals = figures - 1 - exponent
    rounded = round(v, decimals)
    if rounded != 0.0 and math.floor(math.log10(abs(rounded))) > exponent:  # 99.96 -> 100
        decimals -= 1
        rounded = round(v, decimals)
    return Number(_text(rounded, max(decimals, 0), sign), v)


def count(value) -> Number:
    """An exact whole number (ions, cycles, spikes in a given run), with commas.

    >>> count(30), count(-2)
    ('30', '−2')
    """
    v = _check(value)
    if v != round(v):
        raise ValueError(f"count() is for whole numbers, got {value!r}; use sig() or fixed()")
    return Number(_text(v, 0, False), v)


def values(numbers: dict) -> dict:
    """``{name: float}`` from a chapter's ``numbers()`` (plain values pass through).

    >>> values({"e_k": fixed(-89.06, 1), "model": "cycle"})
    {'e_k': -89.06, 'model': 'cycle'}
    """
    return {k: (v.value if isinstance(v, Number) else v) for k, v in numbers.items()}
