"""Energy bookkeeping of the pump–leak cell: currents, ATP use and power at steady state.

:func:`pump_leak_result` adds to :func:`nakmodel.cell.cell_steady_state` what the
resting-potential chapter shows: the Nernst potentials at the steady-state
concentrations, the GHK potential of the same leaks (so ``Vm − V_GHK`` is the
pump's direct, electrogenic share), the pump's cycle rate (the cell's own pump
law), ATP hydrolysed per second by the whole cell (one ATP per cycle), the
power the pump stores in the gradients (cycle rate ×
:func:`nakmodel.electrochem.cycle_free_energy`), the power the leaks dissipate
(Σ I·(Vm − E)) and the power released by the ATP used.

References: Keener2009, Armstrong2003 (pump–leak cell).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ._validation import ParameterError, check_number
from .cell import CellParams, CellState, cell_area_um2, cell_steady_state
from .constants import AVOGADRO, VALENCE
from .electrochem import cycle_free_energy, ghk_voltage, nernst
from .pump import pump_current

__all__ = ["PumpLeakResult", "pump_leak_result"]

_IONS = ("Na", "K", "Cl")


@dataclass(frozen=True)
class PumpLeakResult:
    """Steady state of the pump–leak cell with derived energy bookkeeping.

    Attributes
    ----------
    state : CellState
    params : CellParams
    potentials : dict
        E_Na, E_K, E_Cl at the steady-state concentrations, mV.
    v_ghk_mV : float
        GHK potential at the same concentrations and permeabilities (zero net
        leak current), mV; ``state.v_mV - v_ghk_mV`` is the pump's direct share.
    cycles_per_pump_s : float
        Cycle rate of one pump, 1/s.
    atp_per_cell_s : float
        ATP hydrolysed per second by the whole cell (one per cycle).
    cycle_current_uA_cm2 : float
        Charge flux of one elementary charge per cycle, µA/cm².
    pump_ion_currents, leak_currents : dict
        ``Na``, ``K`` and ``net`` currents, µA/cm², outward positive.
    power_stored_pW : float
        Free energy put into the Na⁺/K⁺ gradients and field per second, pW.
    power_dissipated_pW : float
        Free energy the leak currents dissipate per second, Σ I·(Vm − E)·area, pW.
    power_atp_pW : float
        Free energy released by the ATP the pump uses, pW.
    dg_cycle_kJ_per_mol : float
        Work per pump cycle at the steady state, kJ/mol.
    """

    state: CellState
    params: CellParams
    potentials: dict
    v_ghk_mV: float
    cycles_per_pump_s: float
    atp_per_cell_s: float
    cycle_current_uA_cm2: float
    pump_ion_currents: dict
    leak_currents: dict
    power_stored_pW: float
    power_dissipated_pW: float
    power_atp_pW: float
    dg_cycle_kJ_per_mol: float = float("nan")


def pump_leak_result(p_k_cm_s=None, p_na_cm_s=None, pump_density_per_um2=None, stoichiometry=(3, 2),
                     base: CellParams | None = None) -> PumpLeakResult:
    """Steady state of the pump–leak cell plus currents, ATP use and power.

    Parameters
    ----------
    p_k_cm_s, p_na_cm_s : float, optional
        Leak permeabilities, cm/s (default: those of ``base``).
    pump_density_per_um2 : float, optional
        Pumps/µm² (default: that of ``base``).
    stoichiometry : (int, int)
        (n_Na, n_K) per cycle. Other than 3:2 runs the hypothetical pump at
        the same Na⁺ extrusion law (cycle rate × 3/n_Na), as
        :func:`nakmodel.electrogenic_share` with ``basis="same_na_flux"`` does.
    base : CellParams, optional
        The cell (default :class:`nakmodel.CellParams`, the reference neuron).

    Examples
    --------
    >>> r = pump_leak_result()
    >>> round(r.state.v_mV), round(r.state.na_in)
    (-70, 12)
    >>> bool(0 < r.power_stored_pW < r.power_atp_pW)
    True
    """
    base = CellParams() if base is None else base
    if not (isinstance(stoichiometry, (tuple, list)) and len(stoichiometry) == 2):
        raise ParameterError("stoichiometry", stoichiometry, "ions/cycle", "must be a pair (n_Na, n_K)")
    n_na = int(check_number("stoichiometry n_Na", stoichiometry[0], "ions/cycle", 1, 3))
    n_k = int(check_number("stoichiometry n_K", stoichiometry[1], "ions/cycle", 0, 3))
    p = replace(base, p_k_cm_s=float(base.p_k_cm_s if p_k_cm_s is None else p_k_cm_s),
                p_na_cm_s=float(base.p_na_cm_s if p_na_cm_s is None else p_na_cm_s),
                pump_density_per_um2=float(base.pump_density_per_um2 if pump_density_per_um2 is None
                                           else pump_density_per_um2),
                pump_na=n_na, pump_k=n_k)
    s = cell_steady_state(p, rate_scale=3.0 / n_na)
    co, t = p.c_out_mM, p.temperature_C
    ci = {"Na": s.na_in, "K": s.k_in, "Cl": s.cl_in}
    potentials = {i: nernst(VALENCE[i], co[i], ci[i], t) for i in _IONS}
    v_ghk = ghk_voltage({"Na": p.p_na_cm_s, "K": p.p_k_cm_s, "Cl": p.p_cl_cm_s}, co, ci, t)
    rate = s.pump_rate_per_s  # the cell's own pump law, including the 3/n_Na scale
    i_cyc = float(pump_current(rate, p.pump_density_per_um2, net_charge=1))
    area_um2 = cell_area_um2(p)
    area_cm2 = area_um2 * 1e-8
    atp_per_cell = rate * p.pump_density_per_um2 * area_um2
    pump_i = {"Na": n_na * i_cyc, "K": -n_k * i_cyc, "net": (n_na - n_k) * i_cyc}
    leak_i = {"Na": s.na_leak_uA_cm2, "K": s.k_leak_uA_cm2,
              "net": s.na_leak_uA_cm2 + s.k_leak_uA_cm2 + s.cl_leak_uA_cm2}
    dg_cycle = cycle_free_energy(n_na, n_k, s.v_mV, co, ci, t)  # kJ/mol
    mol_cycles = atp_per_cell / AVOGADRO
    stored = mol_cycles * dg_cycle * 1e3 * 1e12
    leak_by_ion = {"Na": s.na_leak_uA_cm2, "K": s.k_leak_uA_cm2, "Cl": s.cl_leak_uA_cm2}
    # µA/cm² × mV = nW/cm²
    dissipated = sum(leak_by_ion[i] * (s.v_mV - potentials[i]) for i in _IONS) * area_cm2 * 1e3
    atp_power = mol_cycles * abs(p.atp_free_energy_kJ_per_mol) * 1e3 * 1e12
    return PumpLeakResult(s, p, potentials, v_ghk, rate, atp_per_cell, i_cyc, pump_i, leak_i, stored,
                          dissipated, atp_power, dg_cycle)
