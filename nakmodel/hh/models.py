"""Hodgkin–Huxley-type models as data: parameters and gating rates, each defined once.

Two single-compartment (space-clamped) models:

``"squid"`` (:data:`SQUID_HH`)
    Hodgkin & Huxley (1952) squid giant axon [Hodgkin1952], the 1952 rate
    functions in the modern sign convention (inside minus outside,
    depolarisation positive), resting potential -65 mV, standard temperature
    6.3 °C, all gating rates multiplied by φ = 3^((T - 6.3)/10) (HH 1952, p. 519).
``"mammalian"`` (:data:`MAMMALIAN_WB`)
    Wang & Buzsáki (1996) [Wang1996], a model of a fast-spiking hippocampal
    interneuron (brief spikes, class-1 repetitive firing from arbitrarily low
    rates). Its Na+ activation is instantaneous and its h and n rates carry a
    fixed factor φ = 5 chosen by the authors to give fast-spiking behaviour;
    it is not a Q10 law and the kinetics were not fitted to 37 °C data. The
    book runs it as its mammalian neuron at body temperature, so it accepts
    37 °C only.

Each gating rate is a :class:`RateFunction`: the name of a functional form
and its three coefficients, evaluated by :func:`evaluate_rate` on scalars and
arrays alike (the removable 0/0 of the "linoid" form is handled with
:func:`scipy.special.exprel`). :func:`rate_table` exports a model as plain
numbers (JSON-ready) so that a port in another language evaluates exactly the
same table.

References: Hodgkin1952, Wang1996 (keys of ``bib/neuron.bib``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from functools import lru_cache
from types import MappingProxyType

import numpy as np
from scipy.special import exprel

from .._params import param
from .._validation import ParameterError, check_choice, check_temperature
from ..constants import HH_TEMPERATURE_C

__all__ = [
    "MAMMALIAN_WB",
    "MODELS",
    "RATE_FORMS",
    "SQUID_HH",
    "GateKinetics",
    "HHParams",
    "RateFunction",
    "channel_currents",
    "evaluate_rate",
    "gate_rates",
    "gates_inf",
    "model_params",
    "rate_factor",
    "rate_table",
]

#: Functional forms of a rate (1/ms) with x = (V - v_half_mV) / k_mV and V in mV.
RATE_FORMS = MappingProxyType({
    "linoid": "a / exprel(-x) = a * x / (1 - exp(-x)); equals a at x = 0",
    "exponential": "a * exp(-x)",
    "sigmoid": "a / (1 + exp(-x))",
})


def _scalar_forms(a, v_half, k):
    """The three forms for one float V (math, no numpy overhead): the integrator's fast path."""
    exp, expm1 = math.exp, math.expm1

    def linoid(v):
        x = (v - v_half) / k
        return a * x / -expm1(-x) if x != 0.0 else a

    def exponential(v):
        return a * exp(-(v - v_half) / k)

    def sigmoid(v):
        return a / (1.0 + exp(-(v - v_half) / k))

    return {"linoid": linoid, "exponential": exponential, "sigmoid": sigmoid}


@dataclass(frozen=True)
class RateFunction:
    """One gating rate, α or β (1/ms), as a functional form and three numbers.

    Attributes
    ----------
    form : {"linoid", "exponential", "sigmoid"}
        See :data:`RATE_FORMS`.
    a_per_ms : float
        Amplitude, 1/ms.
    v_half_mV : float
        Voltage at which x = 0, mV.
    k_mV : float
        Slope factor, mV (> 0).

    Examples
    --------
    HH's α_m = 0.1 (V + 40) / (1 - exp(-(V + 40)/10)) is a linoid with
    a = 0.1 · 10 = 1/ms at V = -40 mV (its removable singularity):

    >>> alpha_m = RateFunction("linoid", 1.0, -40.0, 10.0)
    >>> float(evaluate_rate(alpha_m, -40.0))
    1.0
    """

    form: str
    a_per_ms: float
    v_half_mV: float
    k_mV: float

    def __post_init__(self):
        check_choice("form", self.form, tuple(RATE_FORMS))
        if not self.k_mV > 0:
            raise ParameterError("k_mV", self.k_mV, "mV", "> 0")


def evaluate_rate(rate: RateFunction, v_mV):
    """Value of ``rate`` at membrane potential ``v_mV`` (float or ndarray, mV), 1/ms.

    A float gives a float (via :func:`scalar_rate`, the integrators' fast
    path), an array an array (numpy, :func:`scipy.special.exprel` for the
    removable singularity). The two paths agree to rounding (tested).

    Examples
    --------
    >>> import numpy as np
    >>> r = RateFunction("exponential", 4.0, -65.0, 18.0)
    >>> float(evaluate_rate(r, -65.0)), evaluate_rate(r, np.array([-65.0])).tolist()
    (4.0, [4.0])
    """
    if isinstance(v_mV, (float, int, np.floating)):
        return scalar_rate(rate)(float(v_mV))
    x = (np.asarray(v_mV, dtype=float) - rate.v_half_mV) / rate.k_mV
    if rate.form == "linoid":
        return rate.a_per_ms / exprel(-x)
    if rate.form == "exponential":
        return rate.a_per_ms * np.exp(-x)
    return rate.a_per_ms / (1.0 + np.exp(-x))


@lru_cache(maxsize=256)
def scalar_rate(rate: RateFunction):
    """``rate`` as a function of one float V (mV) -> 1/ms; same formula as :func:`evaluate_rate` (tested)."""
    return _scalar_forms(rate.a_per_ms, rate.v_half_mV, rate.k_mV)[rate.form]


@dataclass(frozen=True)
class GateKinetics:
    """α and β of one gate (m, h or n)."""

    alpha: RateFunction
    beta: RateFunction


# Hodgkin & Huxley (1952) rates in the modern convention (V = -E_HH - 65 mV).
_HH_M = GateKinetics(RateFunction("linoid", 1.0, -40.0, 10.0), RateFunction("exponential", 4.0, -65.0, 18.0))
_HH_H = GateKinetics(RateFunction("exponential", 0.07, -65.0, 20.0),
                     RateFunction("sigmoid", 1.0, -35.0, 10.0))
_HH_N = GateKinetics(RateFunction("linoid", 0.1, -55.0, 10.0),
                     RateFunction("exponential", 0.125, -65.0, 80.0))


@dataclass(frozen=True)
class HHParams:
    """Conductances, reversal potentials and kinetics of an HH-type model.

    Variants via :func:`dataclasses.replace`, e.g. ``replace(SQUID_HH, e_na_mV=55.0)``.
    Current densities are in µA/cm², conductances in mS/cm², V in mV, t in ms.
    """

    name: str = param("squid", "", "assumed: model family", "'squid' or 'mammalian'")
    c_uF_cm2: float = param(1.0, "µF/cm²", "Hodgkin1952 Table 3", "membrane capacitance")
    g_na_mS_cm2: float = param(120.0, "mS/cm²", "Hodgkin1952 Table 3", "maximal Na+ conductance")
    g_k_mS_cm2: float = param(36.0, "mS/cm²", "Hodgkin1952 Table 3", "maximal K+ conductance")
    g_leak_mS_cm2: float = param(0.3, "mS/cm²", "Hodgkin1952 Table 3", "leak conductance")
    e_na_mV: float = param(50.0, "mV", "Hodgkin1952 Table 3 (rest + 115 mV)", "Na+ reversal potential")
    e_k_mV: float = param(-77.0, "mV", "Hodgkin1952 Table 3 (rest - 12 mV)", "K+ reversal potential")
    e_leak_mV: float = param(-54.387, "mV", "Hodgkin1952 Table 3 (rest + 10.613 mV)",
                             "leak reversal potential")
    temperature_C: float = param(HH_TEMPERATURE_C, "°C", "Hodgkin1952", "temperature of the rate functions")
    v_rest_mV: float = param(-65.0, "mV", "Hodgkin1952 (modern convention)",
                             "nominal resting potential (initial guess; the fixed point is solved)")
    m: GateKinetics = param(_HH_M, "1/ms", "Hodgkin1952 eqs 20-21", "Na+ activation rates")  # noqa: RUF009
    h: GateKinetics = param(_HH_H, "1/ms", "Hodgkin1952 eqs 23-24", "Na+ inactivation rates")  # noqa: RUF009
    n: GateKinetics = param(_HH_N, "1/ms", "Hodgkin1952 eqs 12-13", "K+ activation rates")  # noqa: RUF009
    m_instantaneous: bool = param(False, "", "Hodgkin1952", "m = m_inf(V) at every instant")
    q10: float = param(3.0, "", "Hodgkin1952 p. 519",
                       "Q10 of all gating rates (0 = fixed factor phi_fixed, one temperature only)")
    phi_fixed: float = param(1.0, "", "Hodgkin1952", "rate factor when q10 = 0")
    source: str = param("Hodgkin & Huxley 1952, J Physiol 117:500, Table 3 (shifted to rest -65 mV)", "",
                        "Hodgkin1952", "where the numbers come from")


#: Hodgkin & Huxley (1952) squid axon, modern convention: rest -65 mV,
#: E_Na = -65 + 115 = 50 mV, E_K = -65 - 12 = -77 mV, E_L = -65 + 10.613 mV,
#: g_Na 120, g_K 36, g_L 0.3 mS/cm², C 1 µF/cm², 6.3 °C (HH 1952, Table 3).
SQUID_HH = HHParams()

#: Wang & Buzsáki (1996) interneuron, run at 37 °C: g_Na 35, g_K 9, g_L 0.1 mS/cm²,
#: E_Na 55, E_K -90, E_L -65 mV, C 1 µF/cm², instantaneous m, φ = 5 on h and n.
MAMMALIAN_WB = HHParams(
    name="mammalian", c_uF_cm2=1.0, g_na_mS_cm2=35.0, g_k_mS_cm2=9.0, g_leak_mS_cm2=0.1,
    e_na_mV=55.0, e_k_mV=-90.0, e_leak_mV=-65.0, temperature_C=37.0, v_rest_mV=-64.0,
    m=GateKinetics(RateFunction("linoid", 1.0, -35.0, 10.0), RateFunction("exponential", 4.0, -60.0, 18.0)),
    h=GateKinetics(RateFunction("exponential", 0.07, -58.0, 20.0), RateFunction("sigmoid", 1.0, -28.0, 10.0)),
    n=GateKinetics(RateFunction("linoid", 0.1, -34.0, 10.0), RateFunction("exponential", 0.125, -44.0, 80.0)),
    m_instantaneous=True, q10=0.0, phi_fixed=5.0,
    source="Wang & Buzsaki 1996, J Neurosci 16:6402 (model equations, Methods)",
)

#: The models by name.
MODELS = MappingProxyType({"squid": SQUID_HH, "mammalian": MAMMALIAN_WB})


def model_params(model: str) -> HHParams:
    """The parameter set of ``model`` ("squid" or "mammalian")."""
    return MODELS[check_choice("model", model, tuple(MODELS))]


def rate_factor(p: HHParams, temperature_C=None):
    """(temperature °C, factor φ on all gating rates) for ``p`` at ``temperature_C``.

    ``None`` gives the model's own temperature. With ``p.q10 > 0``,
    φ = q10^((T - p.temperature_C)/10); otherwise φ = ``p.phi_fixed`` and any
    other temperature is refused.

    >>> rate_factor(SQUID_HH, 16.3)[1]
    3.0
    """
    if temperature_C is None:
        return p.temperature_C, (1.0 if p.q10 > 0 else p.phi_fixed)
    t = float(check_temperature(temperature_C))
    if p.q10 > 0:
        return t, p.q10 ** ((t - p.temperature_C) / 10.0)
    if abs(t - p.temperature_C) > 1e-9:
        raise ParameterError(
            "temperature_C", t, "°C",
            f"the {p.name} model is defined at {p.temperature_C:g} °C only (its φ = {p.phi_fixed:g} is a "
            f"fixed constant, not a Q10 law); use {p.temperature_C:g} or None",
        )
    return t, p.phi_fixed


def gate_rates(p: HHParams, v_mV):
    """(α_m, β_m, α_h, β_h, α_n, β_n) at ``v_mV`` (float or ndarray), 1/ms, before φ."""
    return (evaluate_rate(p.m.alpha, v_mV), evaluate_rate(p.m.beta, v_mV),
            evaluate_rate(p.h.alpha, v_mV), evaluate_rate(p.h.beta, v_mV),
            evaluate_rate(p.n.alpha, v_mV), evaluate_rate(p.n.beta, v_mV))


def gates_inf(p: HHParams, v_mV):
    """Steady-state (m_inf, h_inf, n_inf) at ``v_mV``."""
    a_m, b_m, a_h, b_h, a_n, b_n = gate_rates(p, v_mV)
    return a_m / (a_m + b_m), a_h / (a_h + b_h), a_n / (a_n + b_n)


def channel_currents(p: HHParams, v, m, h, n, lock=0.0):
    """(I_Na, I_K, I_leak), µA/cm², outward positive; ``lock`` = non-inactivating Na+ fraction."""
    i_na = p.g_na_mS_cm2 * m**3 * ((1.0 - lock) * h + lock) * (v - p.e_na_mV)
    i_k = p.g_k_mS_cm2 * n**4 * (v - p.e_k_mV)
    i_l = p.g_leak_mS_cm2 * (v - p.e_leak_mV)
    return i_na, i_k, i_l


def _rate_dict(r: RateFunction) -> dict:
    return {"form": r.form, "a_per_ms": float(r.a_per_ms), "v_half_mV": float(r.v_half_mV),
            "k_mV": float(r.k_mV)}


def rate_table(model) -> dict:
    """The model as plain numbers and strings (JSON-serialisable), for ports to other languages.

    Keys: ``name``, ``forms`` (the formula of each form, x = (V - v_half)/k),
    ``gates`` (``m``, ``h``, ``n`` → ``alpha``/``beta`` → form and
    coefficients), ``exponents`` (m³h, n⁴), ``m_instantaneous``,
    conductances, reversal potentials and capacitance (the
    :class:`HHParams` fields), ``q10``, ``phi_fixed``, ``temperature_C``.

    Parameters
    ----------
    model : str or HHParams
        ``"squid"``, ``"mammalian"`` or a parameter set.

    Examples
    --------
    >>> import json
    >>> t = rate_table("squid")
    >>> t["gates"]["m"]["alpha"]
    {'form': 'linoid', 'a_per_ms': 1.0, 'v_half_mV': -40.0, 'k_mV': 10.0}
    >>> len(json.dumps(t)) > 500
    True
    """
    p = model if isinstance(model, HHParams) else model_params(model)
    out = {}
    for f in fields(p):
        value = getattr(p, f.name)
        if isinstance(value, GateKinetics):
            continue
        out[f.name] = value if isinstance(value, (str, bool)) else float(value)
    out["forms"] = dict(RATE_FORMS)
    out["gates"] = {g: {"alpha": _rate_dict(getattr(p, g).alpha), "beta": _rate_dict(getattr(p, g).beta)}
                    for g in ("m", "h", "n")}
    out["exponents"] = {"m": 3, "h": 1, "n": 4}
    return out
