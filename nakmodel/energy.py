"""Energy cost of neural signalling: ATP per spike, per cell, and brain budgets.

Published numbers used here (each with its source):

* Attwell & Laughlin (2001), rodent grey matter at 4 Hz: signalling energy
  goes 47% to action potentials, 34% to postsynaptic actions of glutamate,
  13% to resting potentials, 3% to glutamate recycling (abstract); the
  remaining 3% we label "presynaptic Ca2+ and vesicle cycling".
* Howarth, Gleeson & Attwell (2012), revised for efficient mammalian
  spikes: cortex 50% postsynaptic receptors, 21% action potentials, 20%
  resting potentials, 5% presynaptic transmitter release, 4% transmitter
  recycling (abstract). Harris, Jolivet & Attwell (2012) review the same
  revision (synaptic processes ~55% of signalling ATP).
* Housekeeping (non-signalling) ATP use is taken as 25% of the total
  (Attwell & Laughlin 2001); Engl & Attwell (2015) review why this share is
  uncertain and may be larger.
* The brain is ~2% of body mass and uses ~20% of resting O2 (Raichle &
  Gusnard 2002). Ames (2000) estimates that the Na+/K+-ATPase uses about
  half of brain ATP. Whole-body: the Na+/K+-ATPase uses about 20-30% of
  resting metabolism (Rolfe & Brown 1997) - the likely origin of the loose
  "pump uses 20-40%" figure, which understates the brain's share.
* Complete oxidation of glucose yields about 30-32 ATP (modern P/O ratios;
  Berg et al. 2015), glycolysis alone 2 ATP.

References
----------
.. [Attwell2001] Attwell D, Laughlin SB (2001). J Cereb Blood Flow Metab 21:1133-1145.
.. [Howarth2012] Howarth C, Gleeson P, Attwell D (2012). J Cereb Blood Flow Metab 32:1222-1232.
.. [Harris2012] Harris JJ, Jolivet R, Attwell D (2012). Neuron 75:762-777.
.. [Engl2015] Engl E, Attwell D (2015). J Physiol 593:3417-3429.
.. [Ames2000] Ames A (2000). Brain Res Rev 34:42-68.
.. [Raichle2002] Raichle ME, Gusnard DA (2002). PNAS 99:10237-10239.
.. [Rolfe1997] Rolfe DFS, Brown GC (1997). Physiol Rev 77:731-758.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ._params import param
from ._validation import ParameterError, check_choice, check_number
from .constants import AVOGADRO
from .electrochem import PUMP_NA_OUT
from .hh import spike_ion_budget

__all__ = [
    "ATP_PER_GLUCOSE_GLYCOLYTIC",
    "ATP_PER_GLUCOSE_OXIDATIVE",
    "BRAIN_MASS_FRACTION",
    "BRAIN_O2_FRACTION",
    "BUDGETS",
    "HOUSEKEEPING_FRACTION",
    "PUMP_SHARE_OF_BRAIN_ATP_AMES2000",
    "PUMP_SHARE_OF_CATEGORY",
    "SPIKE_MODELS",
    "BrainBudget",
    "CellATPRate",
    "CellEnergyBill",
    "NeuronGeometry",
    "atp_per_spike",
    "atp_rate_per_cell",
    "brain_energy_budget",
    "cell_energy_bill",
    "neuron_membrane_area_cm2",
    "spike_na_entry_pmol_cm2",
]

#: Published shares of signalling energy, each dict sums to 1.
BUDGETS = {
    "attwell_laughlin_2001": {
        "action_potentials": 0.47, "postsynaptic": 0.34, "resting_potentials": 0.13,
        "glutamate_recycling": 0.03, "presynaptic": 0.03,
    },
    "howarth_2012_cortex": {
        "postsynaptic": 0.50, "action_potentials": 0.21, "resting_potentials": 0.20,
        "presynaptic": 0.05, "glutamate_recycling": 0.04,
    },
}
#: Rate at which the published shares were computed, Hz (4 Hz mean, Attwell & Laughlin 2001;
#: Howarth et al. 2012 kept 4 Hz for cortex).
BUDGET_RATE_HZ = 4.0
#: Fraction of each category's ATP spent by the Na+/K+-ATPase. Model assumption, not a
#: published number: Na+ entry during spikes, at rest and through glutamate receptors is
#: pumped out by the Na+/K+-ATPase (small Ca2+ pump shares neglected); transmitter release
#: (Ca2+ extrusion, vesicle cycling) uses other ATPases; glutamate recycling is split.
PUMP_SHARE_OF_CATEGORY = {
    "action_potentials": 1.0, "postsynaptic": 1.0, "resting_potentials": 1.0,
    "presynaptic": 0.0, "glutamate_recycling": 0.5,
}
#: Housekeeping share of total brain ATP use (Attwell & Laughlin 2001; uncertain, Engl & Attwell 2015).
HOUSEKEEPING_FRACTION = 0.25
#: Brain fraction of body mass and of resting O2 consumption (Raichle & Gusnard 2002).
BRAIN_MASS_FRACTION = 0.02
BRAIN_O2_FRACTION = 0.20
#: Na+/K+-ATPase share of brain ATP use estimated by Ames (2000): about one half.
PUMP_SHARE_OF_BRAIN_ATP_AMES2000 = 0.5
#: ATP per glucose, complete oxidation (about 30-32; Berg et al. 2015) and glycolysis alone.
ATP_PER_GLUCOSE_OXIDATIVE = 31.0
ATP_PER_GLUCOSE_GLYCOLYTIC = 2.0


def atp_per_spike(na_entry_pmol_cm2):
    """ATP needed to pump out one spike's Na+, pmol/cm² (= Na+ / 3).

    Parameters
    ----------
    na_entry_pmol_cm2 : float
        Na+ entry per spike, pmol/cm² (>= 0; e.g. :func:`nakmodel.hh.spike_ion_budget`).

    Examples
    --------
    >>> atp_per_spike(3.0)
    1.0
    """
    return check_number("na_entry_pmol_cm2", na_entry_pmol_cm2, "pmol/cm²", 0.0, 1e6) / PUMP_NA_OUT


@dataclass(frozen=True)
class NeuronGeometry:
    """A simple neuron: spherical soma + one cylindrical unmyelinated axon (+ dendrites).

    Round numbers of the order Attwell & Laughlin (2001) used for a rodent
    cortical neuron; set them for your cell.
    """

    soma_diameter_um: float = param(20.0, "µm", "Attwell2001 (order of magnitude)", "soma diameter",
                                    where="energy_bill")
    axon_diameter_um: float = param(0.3, "µm", "Attwell2001 (order of magnitude)",
                                    "diameter of the unmyelinated axon", where="energy_bill")
    axon_length_um: float = param(40000.0, "µm", "Attwell2001 (order of magnitude)", "axon length",
                                  where="energy_bill")
    dendrite_area_um2: float = param(0.0, "µm²", "assumed: left out", "dendritic membrane invaded by spikes",
                                     where="energy_bill")


_GEOMETRY = NeuronGeometry()


def neuron_membrane_area_cm2(soma_diameter_um=None, axon_diameter_um=None, axon_length_um=None,
                             dendrite_area_um2=None):
    """Membrane area of a simple neuron: spherical soma + cylindrical axon (+ dendrites), cm².

    Area = π d_soma² + π d_axon L_axon + A_dendrites. Each argument left at
    ``None`` takes its :class:`NeuronGeometry` default (20 µm soma, 0.3 µm ×
    4 cm axon, no dendrites).

    Examples
    --------
    >>> round(neuron_membrane_area_cm2(20.0, 1.0, 100.0) * 1e8)  # µm²
    1571
    """
    g = _GEOMETRY
    ds = check_number("soma_diameter_um",
                      g.soma_diameter_um if soma_diameter_um is None else soma_diameter_um,
                      "µm", 0.0, 1000.0)
    da = check_number("axon_diameter_um",
                      g.axon_diameter_um if axon_diameter_um is None else axon_diameter_um,
                      "µm", 0.0, 5000.0)
    la = check_number("axon_length_um", g.axon_length_um if axon_length_um is None else axon_length_um,
                      "µm", 0.0, 1e7)
    dd = check_number("dendrite_area_um2",
                      g.dendrite_area_um2 if dendrite_area_um2 is None else dendrite_area_um2,
                      "µm²", 0.0, 1e9)
    area_um2 = math.pi * ds**2 + math.pi * da * la + dd
    return area_um2 * 1e-8


@dataclass(frozen=True)
class CellATPRate:
    """ATP use of a spiking cell.

    Attributes
    ----------
    atp_per_spike_molecules : float
        ATP molecules per spike for the whole cell.
    atp_per_second_molecules : float
        ATP molecules per second at ``rate_hz``.
    atp_per_spike_pmol_cm2 : float
        ATP per spike per cm², pmol/cm².
    area_cm2, rate_hz : float
    """

    atp_per_spike_molecules: float
    atp_per_second_molecules: float
    atp_per_spike_pmol_cm2: float
    area_cm2: float
    rate_hz: float


def atp_rate_per_cell(na_entry_pmol_cm2, rate_hz, area_cm2):
    """ATP used to reverse spike Na+ entry in a whole cell, per spike and per second.

    Parameters
    ----------
    na_entry_pmol_cm2 : float
        Na+ entry per spike, pmol/cm².
    rate_hz : float
        Mean firing rate, Hz (0-1000).
    area_cm2 : float
        Membrane area invaded by the spike, cm² (see :func:`neuron_membrane_area_cm2`).

    Returns
    -------
    CellATPRate

    Examples
    --------
    >>> r = atp_rate_per_cell(3.0, 4.0, 1e-4)
    >>> round(r.atp_per_spike_molecules / 1e6, 1)  # million ATP per spike
    60.2
    """
    atp = atp_per_spike(na_entry_pmol_cm2)
    f = check_number("rate_hz", rate_hz, "Hz", 0.0, 1000.0)
    a = check_number("area_cm2", area_cm2, "cm²", 0.0, 1.0, lo_inclusive=False)
    per_spike = atp * 1e-12 * a * AVOGADRO
    return CellATPRate(per_spike, per_spike * f, atp, a, f)


@dataclass(frozen=True)
class BrainBudget:
    """Shares of brain ATP use (:func:`brain_energy_budget`).

    Attributes
    ----------
    signalling_shares : dict
        Category -> share of signalling ATP at the requested rate (sums to 1).
    total_shares : dict
        Category -> share of total brain ATP, with ``"housekeeping"`` (sums to 1).
    pump_share_of_signalling : float
        Fraction of signalling ATP spent by the Na+/K+-ATPase.
    pump_share_of_total : float
        Fraction of total brain ATP spent by the Na+/K+-ATPase (housekeeping
        pump use not included, so a lower bound under these assumptions).
    rate_hz : float
    source : str
    """

    signalling_shares: dict
    total_shares: dict
    pump_share_of_signalling: float
    pump_share_of_total: float
    rate_hz: float
    source: str


def brain_energy_budget(rate_hz=BUDGET_RATE_HZ, *, source="howarth_2012_cortex",
                        housekeeping_fraction=HOUSEKEEPING_FRACTION):
    """Brain ATP budget by category, and the Na+/K+ pump's share of it.

    The published shares hold at 4 Hz. For another mean firing rate the
    spike-rate-dependent categories (action potentials, postsynaptic,
    presynaptic, glutamate recycling) are scaled linearly with rate and
    resting potentials are held constant, as in Attwell & Laughlin (2001);
    housekeeping is held at ``housekeeping_fraction`` of the 4 Hz total.

    Parameters
    ----------
    rate_hz : float
        Mean firing rate, Hz (0-100). Default 4 Hz.
    source : {"howarth_2012_cortex", "attwell_laughlin_2001"}
        Which published budget. Default the revised cortex budget (Howarth et al. 2012).
    housekeeping_fraction : float
        Non-signalling share of total ATP at 4 Hz (0-0.9). Default 0.25
        (Attwell & Laughlin 2001; uncertain, see Engl & Attwell 2015).

    Returns
    -------
    BrainBudget

    Examples
    --------
    >>> b = brain_energy_budget()
    >>> round(b.signalling_shares["action_potentials"], 2)
    0.21
    >>> round(b.pump_share_of_signalling, 2)
    0.93
    """
    f = check_number("rate_hz", rate_hz, "Hz", 0.0, 100.0)
    src = check_choice("source", source, tuple(BUDGETS))
    hk = check_number("housekeeping_fraction", housekeeping_fraction, "", 0.0, 0.9)
    base = BUDGETS[src]
    scale = f / BUDGET_RATE_HZ
    raw = {k: (v if k == "resting_potentials" else v * scale) for k, v in base.items()}
    sig_total = sum(raw.values())
    if sig_total <= 0:
        raise ParameterError("rate_hz", f, "Hz", "gives zero signalling energy")
    sig = {k: v / sig_total for k, v in raw.items()}
    hk_abs = hk / (1.0 - hk)  # housekeeping in units of the 4 Hz signalling total (=1)
    total = sig_total + hk_abs
    tot = {k: v / total for k, v in raw.items()}
    tot["housekeeping"] = hk_abs / total
    pump_sig = sum(sig[k] * PUMP_SHARE_OF_CATEGORY[k] for k in sig)
    pump_tot = sum(tot[k] * PUMP_SHARE_OF_CATEGORY[k] for k in raw)
    return BrainBudget(sig, tot, float(pump_sig), float(pump_tot), f, src)


#: Spike models of the energy calculator: key -> (HH model, temperature °C or None for its own).
SPIKE_MODELS = {
    "mammalian": ("mammalian", None),
    "squid-6.3": ("squid", None),
    "squid-18.5": ("squid", 18.5),
}


@lru_cache(maxsize=16)
def spike_na_entry_pmol_cm2(model="mammalian", temperature_C=None) -> float:
    """Na+ entry of one isolated spike, pmol/cm² (:func:`nakmodel.hh.spike_ion_budget`, cached)."""
    return spike_ion_budget(model, temperature_C).na_entry_pmol_cm2


@dataclass(frozen=True)
class CellEnergyBill:
    """Everything the energy calculator shows (:func:`cell_energy_bill`).

    Attributes
    ----------
    na_per_spike_pmol_cm2 : float
        Na+ entry per spike, pmol/cm².
    area_cm2 : float
        Membrane area, cm².
    cell : CellATPRate
        ATP per spike and per second at ``rate_hz``.
    glucose_per_second : float
        Glucose molecules per second if the ATP comes from complete oxidation.
    rate_grid_hz, atp_per_second_grid : ndarray
        ATP per second (molecules) against firing rate (Hz), for the line.
    budget : BrainBudget
        Brain budget at ``rate_hz`` (capped at 100 Hz).
    """

    na_per_spike_pmol_cm2: float
    area_cm2: float
    cell: CellATPRate
    glucose_per_second: float
    rate_grid_hz: np.ndarray
    atp_per_second_grid: np.ndarray
    budget: BrainBudget


def cell_energy_bill(rate_hz=BUDGET_RATE_HZ, *, axon_diameter_um=None, axon_length_um=None,
                     spike_model="mammalian", source="howarth_2012_cortex",
                     rate_grid_hz=None) -> CellEnergyBill:
    """ATP bill of one neuron (:class:`NeuronGeometry`) firing at ``rate_hz``, and the brain budget.

    Parameters
    ----------
    rate_hz : float
        Mean firing rate, Hz (0–100).
    axon_diameter_um, axon_length_um : float or None
        Axon geometry, µm (``None``: :class:`NeuronGeometry` defaults).
    spike_model : str
        Key of :data:`SPIKE_MODELS`.
    source : str
        Key of :data:`BUDGETS`.
    rate_grid_hz : array or None
        Rates for the ATP-per-second line (default 0–100 Hz, 101 points).

    Examples
    --------
    >>> b = cell_energy_bill(4.0)
    >>> (abs(b.cell.atp_per_second_molecules - 4.0 * b.cell.atp_per_spike_molecules)
    ...  < 1e-6 * b.cell.atp_per_second_molecules)
    True
    """
    model, temp = SPIKE_MODELS[check_choice("spike_model", spike_model, tuple(SPIKE_MODELS))]
    na = spike_na_entry_pmol_cm2(model, temp)
    area = neuron_membrane_area_cm2(None, axon_diameter_um, axon_length_um)
    cell = atp_rate_per_cell(na, rate_hz, area)
    grid = np.linspace(0.0, 100.0, 101) if rate_grid_hz is None else np.asarray(rate_grid_hz, dtype=float)
    return CellEnergyBill(
        na_per_spike_pmol_cm2=na, area_cm2=area, cell=cell,
        glucose_per_second=cell.atp_per_second_molecules / ATP_PER_GLUCOSE_OXIDATIVE,
        rate_grid_hz=grid, atp_per_second_grid=cell.atp_per_spike_molecules * grid,
        budget=brain_energy_budget(rate_hz, source=source),
    )
