"""Threshold as a voltage: how far a brief pulse must depolarise the membrane to fire it.

The textbook threshold is a membrane potential (for a mammalian neuron "about −55 mV"); the
models' f–I curves and refractory periods give it as a current. For a pulse much shorter than
the membrane time constant almost all of the injected charge stays on the capacitor, so the
pulse sets the membrane to V_rest + I·t/C and lets go: the smallest pulse that fires a spike
therefore defines the voltage from which the membrane's own Na⁺ current carries it on. That
voltage is what this module returns (Hodgkin & Huxley 1952 found 6–7 mV of depolarisation for
brief shocks of the squid axon at 6.3 °C, their Fig. 12).

References: Hodgkin1952, Wang1996.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._validation import check_number
from .simulate import resolve_model, resting_state, simulate_hh

__all__ = ["VoltageThreshold", "voltage_threshold"]


@dataclass(frozen=True)
class VoltageThreshold:
    """Result of :func:`voltage_threshold`.

    Attributes
    ----------
    v_threshold_mV : float
        Membrane potential at the end of the smallest pulse that fires a spike, mV.
    v_rest_mV : float
        Resting potential of the model, mV.
    depolarisation_mV : float
        ``v_threshold_mV - v_rest_mV``, mV.
    amplitude_uA_cm2 : float
        Amplitude of that pulse, µA/cm² (within ``tol_uA_cm2`` above the true threshold).
    pulse_ms : float
        Pulse duration, ms.
    tol_uA_cm2 : float
        Bisection tolerance on the amplitude, µA/cm².
    model : str
    temperature_C : float
    """

    v_threshold_mV: float
    v_rest_mV: float
    depolarisation_mV: float
    amplitude_uA_cm2: float
    pulse_ms: float
    tol_uA_cm2: float
    model: str
    temperature_C: float


def _fires(amp, pulse, window, model, temperature_C):
    res = simulate_hh(amp, pulse + window, pulse_ms=pulse, model=model, temperature_C=temperature_C)
    return res.spike_times_ms.size > 0, res


def voltage_threshold(model="squid", temperature_C=None, *, pulse_ms=0.2, window_ms=20.0,
                      tol_uA_cm2=0.05):
    """Threshold of ``model`` as a membrane potential, from the smallest brief pulse that fires.

    Parameters
    ----------
    model : {"squid", "mammalian"}
        Hodgkin & Huxley (1952) squid axon or Wang & Buzsáki (1996) interneuron.
    temperature_C : float or None
        Temperature, °C (``None``: the model's own, 6.3 °C squid, 37 °C mammalian).
    pulse_ms : float
        Pulse duration, ms (0.01–1; short against the membrane time constant, so that
        V at its end is the voltage the pulse set). Default 0.2 ms.
    window_ms : float
        Time after the pulse in which a spike (an upward crossing of 0 mV) counts, ms (1–200).
    tol_uA_cm2 : float
        Bisection tolerance on the pulse amplitude, µA/cm² (0.001–10).

    Returns
    -------
    VoltageThreshold
    """
    pulse = check_number("pulse_ms", pulse_ms, "ms", 0.01, 1.0)
    window = check_number("window_ms", window_ms, "ms", 1.0, 200.0)
    tol = check_number("tol_uA_cm2", tol_uA_cm2, "µA/cm²", 1e-3, 10.0)
    name, p, temp, _ = resolve_model(model, temperature_C)
    v_rest = float(resting_state(p)[0])
    lo, hi = 0.0, 50.0
    while not _fires(hi, pulse, window, model, temperature_C)[0]:
        lo, hi = hi, 2.0 * hi
        if hi > 1e3:
            raise RuntimeError(f"no pulse up to 1000 µA/cm² for {pulse} ms fires the {model} model")
    while hi - lo > tol:
        mid = 0.5 * (lo + hi)
        if _fires(mid, pulse, window, model, temperature_C)[0]:
            hi = mid
        else:
            lo = mid
    _, res = _fires(hi, pulse, window, model, temperature_C)
    v_end = float(np.interp(pulse, res.t_ms, res.v_mV))
    return VoltageThreshold(v_threshold_mV=v_end, v_rest_mV=v_rest, depolarisation_mV=v_end - v_rest,
                            amplitude_uA_cm2=hi, pulse_ms=pulse, tol_uA_cm2=tol, model=name,
                            temperature_C=temp)
