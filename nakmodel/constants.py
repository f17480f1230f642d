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
from dataclasses import dataclass

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

#: Valence of the ions the book uses.
VALENCE = {"Na": +1, "K": +1, "Cl": -1, "Ca": +2}


def kelvin(temperature_C: float) -> float:
    """Convert a temperature in °C (checked: 0–45 °C) to kelvin."""
    return check_temperature(temperature_C) + ZERO_CELSIUS_K


def rt_over_f_mV(temperature_C: float = 37.0) -> float:
    """Thermal voltage RT/F in mV at ``temperature_C`` (°C).

    Examples
    --------
    >>> round(rt_over_f_mV(37.0), 2)
    26.73
    """
    return GAS_CONSTANT * kelvin(temperature_C) / FARADAY * 1e3


def rt_kJ_per_mol(temperature_C: float = 37.0) -> float:
    """RT in kJ/mol at ``temperature_C`` (°C).

    Examples
    --------
    >>> round(rt_kJ_per_mol(37.0), 3)
    2.579
    """
    return GAS_CONSTANT * kelvin(temperature_C) * 1e-3


@dataclass(frozen=True)
class IonSet:
    """Outside and inside concentrations (mM) of Na+, K+ and Cl-, with a source.

    Attributes
    ----------
    name : str
        Short human-readable name.
    c_out_mM, c_in_mM : dict
        Concentrations in mM keyed by ``"Na"``, ``"K"``, ``"Cl"``.
    temperature_C : float
        Temperature at which the preparation normally lives, °C.
    source : str
        Where the numbers come from.
    """

    name: str
    c_out_mM: dict
    c_in_mM: dict
    temperature_C: float
    source: str


#: Typical mammalian neuron. Na and K are the round values used throughout the
#: book (Na 145 out / 15 in, K 5 out / 140 in mM), inside the ranges Hille
#: (2001, Table 1.1) gives for mammalian cells (Na 145/5-15, K 4-5/140-155);
#: Cl 110 out / 10 in is representative of a mature neuron whose E_Cl lies
#: near rest (Hille 2001, ch. 1; Cl_in of mature neurons is about 5-10 mM).
MAMMALIAN_NEURON = IonSet(
    name="mammalian neuron",
    c_out_mM={"Na": 145.0, "K": 5.0, "Cl": 110.0},
    c_in_mM={"Na": 15.0, "K": 140.0, "Cl": 10.0},
    temperature_C=37.0,
    source="Hille 2001, Table 1.1 (ranges for mammalian cells); book's round values",
)

#: Squid giant axon in sea water (Hille 2001, Table 1.1: Na 440/50, K 20/400,
#: Cl 560/40-150 mM; Cl_in taken as 60 mM). Hodgkin & Huxley (1952) worked at
#: 6.3 °C.
SQUID_AXON = IonSet(
    name="squid giant axon",
    c_out_mM={"Na": 440.0, "K": 20.0, "Cl": 560.0},
    c_in_mM={"Na": 50.0, "K": 400.0, "Cl": 60.0},
    temperature_C=6.3,
    source="Hille 2001, Table 1.1",
)

ION_SETS = {"mammalian": MAMMALIAN_NEURON, "squid": SQUID_AXON}

#: Physiological body temperature of mammals, °C.
BODY_TEMPERATURE_C = 37.0
#: Temperature of Hodgkin & Huxley's (1952) standard squid axon, °C.
HH_TEMPERATURE_C = 6.3

#: Typical specific membrane capacitance, µF/cm² (Hodgkin & Huxley 1952;
#: Gentet, Stuart & Clements 2000, Biophys J 79:314, measured 0.9 µF/cm²).
MEMBRANE_CAPACITANCE_UF_CM2 = 1.0

# Derived, kept here so no module recomputes them differently.
_LN10 = math.log(10.0)
