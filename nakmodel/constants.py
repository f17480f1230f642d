"""Physical constants and the book's default ion sets, each with its source.

Units follow the rest of :mod:`nakmodel`: concentrations in mM, temperatures
in °C at the public surface, potentials in mV, energies in kJ/mol.

References
----------
.. [CODATA2018] Tiesinga E, Mohr PJ, Newell DB, Taylor BN (2021). CODATA
   recommended values of the fundamental physical constants: 2018.
   Rev Mod Phys 93:025010. (F and R are exact since the 2019 SI redefinition.)
.. [Hille2001] Hille B (2001). Ion Channels of Excitable Membranes, 3rd ed.
   Sinauer. Table 1.1 (ion concentrations of vertebrate cells and squid axon).
.. [HH1952] Hodgkin AL, Huxley AF (1952). A quantitative description of
   membrane current and its application to conduction and excitation in
   nerve. J Physiol 117:500-544.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from ._params import param
from ._validation import check_temperature

#: Faraday constant, C/mol (CODATA 2018, exact: e * N_A).
FARADAY = 96485.33212
#: Molar gas constant, J/(mol K) (CODATA 2018, exact: k_B * N_A).
GAS_CONSTANT = 8.314462618
#: Avogadro constant, 1/mol (CODATA 2018, exact).
AVOGADRO = 6.02214076e23
#: Elementary charge, C (CODATA 2018, exact).
ELEMENTARY_CHARGE = 1.602176634e-19
#: 0 °C in kelvin.
ZERO_CELSIUS_K = 273.15


def kelvin(temperature_C: float) -> float:
    """Convert a temperature in °C (checked: 0–45 °C) to kelvin."""
    return check_temperature(temperature_C) + ZERO_CELSIUS_K


def rt_over_f_mV(temperature_C: float | None = None) -> float:
    """Thermal voltage RT/F in mV at ``temperature_C`` (°C; default 37 °C, :data:`DEFAULTS`).

    Examples
    --------
    >>> round(rt_over_f_mV(37.0), 2)
    26.73
    """
    return GAS_CONSTANT * kelvin(temperature_or_default(temperature_C)) / FARADAY * 1e3


def rt_kJ_per_mol(temperature_C: float | None = None) -> float:
    """RT in kJ/mol at ``temperature_C`` (°C; default 37 °C, :data:`DEFAULTS`).

    Examples
    --------
    >>> round(rt_kJ_per_mol(37.0), 3)
    2.579
    """
    return GAS_CONSTANT * kelvin(temperature_or_default(temperature_C)) * 1e-3


class FrozenIons(Mapping):
    """An immutable ``{ion: mM}`` mapping (a book ion set cannot be changed in place).

    Reads like a dict (``ions["K"]``, ``dict(ions, K=10.0)`` for a changed
    copy); assignment raises ``TypeError``. Unlike ``types.MappingProxyType``
    it pickles and copies, and it is hashable.

    >>> ions = FrozenIons(Na=145.0, K=5.0)
    >>> ions["K"], dict(ions, K=10.0)["K"]
    (5.0, 10.0)
    >>> ions["K"] = 10.0
    Traceback (most recent call last):
    ...
    TypeError: 'FrozenIons' object does not support item assignment
    """

    __slots__ = ("_data",)

    def __init__(self, *args, **kwargs):
        object.__setattr__(self, "_data", dict(*args, **kwargs))

    def __getitem__(self, key):
        return self._data[key]

    def __iter__(self):
        return iter(self._data)

    def __len__(self):
        return len(self._data)

    def __hash__(self):
        return hash(tuple(sorted(self._data.items())))

    def __eq__(self, other):
        return isinstance(other, Mapping) and dict(self._data) == dict(other)

    def __setattr__(self, name, value):
        raise AttributeError("FrozenIons is immutable; make a changed copy with dict(ions, K=...)")

    def __reduce__(self):
        return (FrozenIons, (dict(self._data),))

    def __repr__(self):
        return f"FrozenIons({self._data!r})"


@dataclass(frozen=True)
class IonSet:
    """Outside and inside concentrations (mM) of Na+, K+ and Cl-, with a source.

    Attributes
    ----------
    name : str
        Short human-readable name.
    c_out_mM, c_in_mM : FrozenIons
        Concentrations in mM keyed by ``"Na"``, ``"K"``, ``"Cl"`` (immutable;
        dicts given here are frozen).
    temperature_C : float
        Temperature at which the preparation normally lives, °C.
    source : str
        Where the numbers come from.
    v_rest_mV : float
        Resting potential of the preparation, mV.
    """

    name: str
    c_out_mM: Mapping
    c_in_mM: Mapping
    temperature_C: float
    source: str
    v_rest_mV: float = float("nan")

    def __post_init__(self):
        for side in ("c_out_mM", "c_in_mM"):
            object.__setattr__(self, side, FrozenIons(getattr(self, side)))


#: The book's reference neuron: one set of numbers for every chapter. Outside:
#: Na 145, K 5, Cl 110 mM (Hille 2001, Table 1.1, mammalian cells). Inside: the
#: steady state of the book's pump–leak cell (:func:`nakmodel.cell_steady_state`
#: with :class:`nakmodel.CellParams`, whose leaks and pump density were solved for
#: Vm = -70 mV, [Na]i = 12 mM, [K]i = 140 mM, inside Hille's ranges Na 5-15 and
#: K 140-155 mM); Cl- is passively distributed there, so [Cl]i = 110·exp(-70/26.73)
#: = 8.0 mM (mature neurons: about 5-10 mM). A test checks that the cell's steady
#: state reproduces these values.
MAMMALIAN_NEURON = IonSet(
    name="mammalian neuron",
    c_out_mM={"Na": 145.0, "K": 5.0, "Cl": 110.0},
    c_in_mM={"Na": 12.0, "K": 140.0, "Cl": 8.0},
    temperature_C=37.0,
    source="outside: Hille 2001, Table 1.1; inside: the pump–leak cell's steady state (nakmodel.cell)",
    v_rest_mV=-70.0,
)

#: Squid giant axon in sea water (Hille 2001, Table 1.1: Na 440/50, K 20/400,
#: Cl 560/40-150 mM; Cl_in taken as 60 mM). Hodgkin & Huxley (1952) worked at
#: 6.3 °C; their resting potential is about -65 mV.
SQUID_AXON = IonSet(
    name="squid giant axon",
    c_out_mM={"Na": 440.0, "K": 20.0, "Cl": 560.0},
    c_in_mM={"Na": 50.0, "K": 400.0, "Cl": 60.0},
    temperature_C=6.3,
    source="Hille 2001, Table 1.1",
    v_rest_mV=-65.0,
)

#: Valence of the ions the book uses.
VALENCE = FrozenIons({"Na": +1, "K": +1, "Cl": -1, "Ca": +2})

ION_SETS = FrozenIons({"mammalian": MAMMALIAN_NEURON, "squid": SQUID_AXON})


@dataclass(frozen=True)
class BookDefaults:
    """Defaults shared by every science module (temperature, membrane capacitance)."""

    temperature_C: float = param(37.0, "°C", "assumed: mammalian body temperature",
                                 "temperature of every function that takes one", where="all modules")
    capacitance_uF_cm2: float = param(1.0, "µF/cm²", "Hodgkin1952; Gentet2000 measured 0.9 µF/cm²",
                                      "specific membrane capacitance", where="electrochem, cell, hh")


#: The one instance of :class:`BookDefaults`.
DEFAULTS = BookDefaults()

#: Physiological body temperature of mammals, °C.
BODY_TEMPERATURE_C = DEFAULTS.temperature_C
#: Temperature of Hodgkin & Huxley's (1952) standard squid axon, °C.
HH_TEMPERATURE_C = 6.3

#: Typical specific membrane capacitance, µF/cm² (Hodgkin & Huxley 1952;
#: Gentet, Stuart & Clements 2000, Biophys J 79:314, measured 0.9 µF/cm²).
MEMBRANE_CAPACITANCE_UF_CM2 = DEFAULTS.capacitance_uF_cm2


def temperature_or_default(temperature_C) -> float:
    """``temperature_C`` (°C), or the book's default (37 °C) when it is ``None``."""
    return DEFAULTS.temperature_C if temperature_C is None else temperature_C

# Derived, kept here so no module recomputes them differently.
_LN10 = math.log(10.0)
