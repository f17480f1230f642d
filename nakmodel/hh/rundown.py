"""Run-down of the Na+ and K+ gradients during long spike trains, and the pump that limits it.

Time-scale separation: each spike adds Δ[Na]i = Q_Na·4/d and removes
Δ[K]i = Q_K·4/d (Q = per-spike load of one isolated spike,
:func:`nakmodel.hh.spike_ion_budget`; 4/d = surface/volume of a cylinder of
diameter d). Between spikes the Na+/K+ pump removes the extra Na+ (3 Na+ out,
2 K+ in per cycle). The pump is the book's one pump law, the steady-state
cycle model :func:`nakmodel.pump.pump_cycle_rate`, times a pump density.

Reference states
----------------
``"mammalian"``: the book's pump–leak reference cell
(:func:`nakmodel.cell.cell_steady_state`): its [Na+]i, [K+]i, bath, pump
density and ΔG_ATP, so the resting pump flux here is the pump–leak cell's
(evaluated at the spike model's resting potential instead of the cell's, a
small difference, tested). ``"squid"``: the squid ion set
(:data:`nakmodel.constants.SQUID_AXON`) with the same cycle model and density
at the squid temperature: an illustration (the cycle model's constants are
mammalian).

References: Hodgkin1952, Gadsby1980, Smith2004.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from scipy.integrate import solve_ivp

from .._params import param
from .._validation import ParameterError, check_number
from ..cell import CellParams, cell_steady_state
from ..constants import AVOGADRO, FARADAY, SQUID_AXON, rt_over_f_mV
from ..electrochem import PUMP_K_IN, PUMP_NA_OUT, nernst
from ..pump import cycle_rate_of_na_in, pump_cycle_rate
from .protocols import spike_ion_budget
from .simulate import resolve_model, resting_state

__all__ = [
    "DIAMETER_RANGE_UM",
    "RATE_RANGE_HZ",
    "MOLECULES_PER_UM2_PER_PMOL_CM2",
    "ReferenceState",
    "RestingPump",
    "RundownPump",
    "RundownResult",
    "concentration_step_per_spike_mM",
    "max_sustainable_rate_hz",
    "pump_flux_pmol_cm2_s",
    "reference_state",
    "resting_pump_flux",
    "reversal_mismatch",
    "spike_train_rundown",
]

_CELL = CellParams()

#: Axon diameters the run-down accepts, µm (a cylinder from 10 nm to 5 mm).
DIAMETER_RANGE_UM = (0.01, 5000.0)
#: Firing rates the run-down accepts, Hz (above 0, at most 1000).
RATE_RANGE_HZ = (0.0, 1000.0)

#: 1 pmol/cm² as molecules per µm² (N_A · 1e-12 mol / 1e8 µm²).
MOLECULES_PER_UM2_PER_PMOL_CM2 = AVOGADRO * 1e-20


@dataclass(frozen=True)
class RundownPump:
    """The Na+/K+ pump of the run-down: cycle model × density."""

    density_per_um2: float = param(_CELL.pump_density_per_um2, "1/µm²", "cell.CellParams (pump–leak cell)",
                                   "pump density", where="action_potentials, energy_bill")
    atp_free_energy_kJ_per_mol: float = param(_CELL.atp_free_energy_kJ_per_mol, "kJ/mol",
                                              "cell.CellParams", "ΔG of ATP hydrolysis")

    def __post_init__(self):
        check_number("density_per_um2", self.density_per_um2, "1/µm²", 0.0, 1e6)
        check_number("atp_free_energy_kJ_per_mol", self.atp_free_energy_kJ_per_mol, "kJ/mol", -80.0, -20.0)


@dataclass(frozen=True)
class ReferenceState:
    """Concentrations (mM), resting potential (mV) and temperature (°C) a run-down starts from."""

    na_in_mM: float
    k_in_mM: float
    na_out_mM: float
    k_out_mM: float
    v_rest_mV: float
    temperature_C: float
    source: str


@lru_cache(maxsize=16)
def reference_state(model="squid", temperature_C=None) -> ReferenceState:
    """The resting state a run-down of ``model`` starts from (see the module docstring)."""
    model, p, temp, _ = resolve_model(model, temperature_C)
    v_rest = float(resting_state(p)[0])
    if model == "mammalian":
        s = cell_steady_state()
        return ReferenceState(float(s.na_in), float(s.k_in), float(_CELL.c_out_mM["Na"]),
                              float(_CELL.c_out_mM["K"]), v_rest, float(temp), "pump–leak reference cell")
    return ReferenceState(SQUID_AXON.c_in_mM["Na"], SQUID_AXON.c_in_mM["K"], SQUID_AXON.c_out_mM["Na"],
                          SQUID_AXON.c_out_mM["K"], v_rest, float(temp), SQUID_AXON.source)


def pump_flux_pmol_cm2_s(na_in_mM, k_out_mM, v_mV, *, na_out_mM, k_in_mM, temperature_C,
                         pump: RundownPump = RundownPump()):
    """Pump cycles per cm² of membrane per second, pmol/cm²/s (×3 for Na+ out, ×2 for K+ in).

    :func:`nakmodel.pump.pump_cycle_rate` (cycles/s of one pump) × density
    (pumps/µm²) × 1e8 µm²/cm² / N_A. Works on arrays.

    Examples
    --------
    1000 pumps/µm² at 100 cycles/s are 1e13 cycles/(cm² s), 16.6 pmol/cm²/s.
    """
    rate = pump_cycle_rate(na_in_mM, k_out_mM, v_mV, na_out_mM=na_out_mM, k_in_mM=k_in_mM,
                           atp_free_energy_kJ_per_mol=pump.atp_free_energy_kJ_per_mol,
                           temperature_C=temperature_C)
    return rate * pump.density_per_um2 / MOLECULES_PER_UM2_PER_PMOL_CM2


@dataclass(frozen=True)
class RestingPump:
    """Pump at the reference state (:func:`resting_pump_flux`).

    Attributes: ``cycles_pmol_cm2_s`` and ``na_out_pmol_cm2_s`` (pmol/cm²/s),
    ``rate_per_pump_s`` (cycles/s), ``current_uA_cm2`` (net outward,
    µA/cm²), ``fraction_of_max`` (of the flux at saturating [Na+]i, same
    [K+]o and V), ``state``.
    """

    cycles_pmol_cm2_s: float
    na_out_pmol_cm2_s: float
    rate_per_pump_s: float
    current_uA_cm2: float
    fraction_of_max: float
    state: ReferenceState


def _flux_at(state: ReferenceState, pump: RundownPump, na_in, k_in=None):
    return pump_flux_pmol_cm2_s(na_in, state.k_out_mM, state.v_rest_mV, na_out_mM=state.na_out_mM,
                                k_in_mM=state.k_in_mM if k_in is None else k_in,
                                temperature_C=state.temperature_C, pump=pump)


def resting_pump_flux(model="squid", temperature_C=None, pump: RundownPump = RundownPump()) -> RestingPump:
    """Resting pump flux of ``model``'s reference state.

    Examples
    --------
    >>> r = resting_pump_flux("mammalian")
    >>> 0.2 < r.fraction_of_max < 0.8
    True
    """
    s = reference_state(model, temperature_C)
    j = float(_flux_at(s, pump, s.na_in_mM))
    j_max = float(_flux_at(s, pump, 2000.0))
    return RestingPump(cycles_pmol_cm2_s=j, na_out_pmol_cm2_s=PUMP_NA_OUT * j,
                       rate_per_pump_s=j * MOLECULES_PER_UM2_PER_PMOL_CM2 / pump.density_per_um2
                       if pump.density_per_um2 else 0.0,
                       current_uA_cm2=j * 1e-12 * FARADAY * 1e6 * (PUMP_NA_OUT - PUMP_K_IN),
                       fraction_of_max=j / j_max if j_max else 0.0, state=s)


def reversal_mismatch(model="squid", temperature_C=None) -> dict:
    """E_Na and E_K of the spike model against the Nernst potentials of its reference state, mV,
    and how much the Na+ entry of one spike changes if the model is given the Nernst values.

    Returns a dict with ``e_na_model_mV``, ``e_na_nernst_mV``, ``e_k_model_mV``,
    ``e_k_nernst_mV``, ``na_entry_change_pct``.
    """
    model, p, temp, _ = resolve_model(model, temperature_C)
    s = reference_state(model, temperature_C)
    e_na = float(nernst(1, s.na_out_mM, s.na_in_mM, temp))
    e_k = float(nernst(1, s.k_out_mM, s.k_in_mM, temp))
    base = spike_ion_budget(model, temperature_C).na_entry_pmol_cm2
    alt = spike_ion_budget(model, temperature_C,
                           params=replace(p, e_na_mV=e_na, e_k_mV=e_k)).na_entry_pmol_cm2
    return {"e_na_model_mV": p.e_na_mV, "e_na_nernst_mV": e_na, "e_k_model_mV": p.e_k_mV,
            "e_k_nernst_mV": e_k, "na_entry_change_pct": 100.0 * (alt / base - 1.0)}


def concentration_step_per_spike_mM(load_pmol_cm2, diameter_um):
    """Change of internal concentration per spike in a cylinder of diameter d, mM.

    Surface/volume of a long cylinder is 4/d, so Δc = load × 4/d:
    1 pmol/cm² × 4/(1 µm) = 4e-12 mol / 1e-4 cm³ ... = 0.04 mM.

    Parameters
    ----------
    load_pmol_cm2 : float
        Ions moved per spike per cm² of membrane, pmol/cm².
    diameter_um : float
        Axon (cylinder) diameter, µm (0.01-5000).

    Examples
    --------
    >>> round(concentration_step_per_spike_mM(1.0, 1.0), 6)
    0.04
    """
    q = check_number("load_pmol_cm2", load_pmol_cm2, "pmol/cm²", 0.0, 1e6)
    d = check_number("diameter_um", diameter_um, "µm", *DIAMETER_RANGE_UM)
    # pmol/cm² * (4 / (d·1e-4 cm)) = 4e4·q/d pmol/cm³ = 4e4·q/d ·1e-12 mol / 1e-3 L = 4e-2 q/d mM
    return 4e-2 * q / d


@dataclass(frozen=True)
class RundownResult:
    """Concentrations vs spike number in a long train (:func:`spike_train_rundown`).

    Attributes
    ----------
    spike_number : ndarray
        Spike count at each sample.
    t_s : ndarray
        Time at each sample, s (spike_number / rate_hz).
    na_in_mM, k_in_mM, e_na_mV, e_k_mV : ndarray
        With the pump working.
    na_in_pump_off_mM, k_in_pump_off_mM, e_na_pump_off_mV, e_k_pump_off_mV : ndarray
        With the pump stopped (closed form: linear in spike number).
    spikes_to_criterion_pump_on, spikes_to_criterion_pump_off : float
        Spikes until E_Na has fallen by ``e_na_drop_mV`` (inf if never; nan if the pump cannot
        hold it but the train ends first).
    na_step_mM, k_step_mM : float
        Change of [Na]i and [K]i per spike, mM.
    na_per_spike_pmol_cm2, k_per_spike_pmol_cm2 : float
        Per-spike loads used, pmol/cm².
    diameter_um, rate_hz, e_na_drop_mV : float
    model : str
    """

    spike_number: np.ndarray
    t_s: np.ndarray
    na_in_mM: np.ndarray
    k_in_mM: np.ndarray
    e_na_mV: np.ndarray
    e_k_mV: np.ndarray
    na_in_pump_off_mM: np.ndarray
    k_in_pump_off_mM: np.ndarray
    e_na_pump_off_mV: np.ndarray
    e_k_pump_off_mV: np.ndarray
    spikes_to_criterion_pump_on: float
    spikes_to_criterion_pump_off: float
    na_step_mM: float
    k_step_mM: float
    na_per_spike_pmol_cm2: float
    k_per_spike_pmol_cm2: float
    diameter_um: float
    rate_hz: float
    e_na_drop_mV: float
    model: str


def spike_train_rundown(diameter_um, *, n_spikes=None, rate_hz=10.0, duration_s=None, model="squid",
                        temperature_C=None, pump=None, e_na_drop_mV=10.0,
                        na_per_spike_pmol_cm2=None, k_per_spike_pmol_cm2=None, n_points=400):
    """Run-down of [Na]i and [K]i during a long spike train, with and without the pump.

    Time-scale separation: each spike adds Δ[Na]i = Q_Na·4/d and removes
    Δ[K]i = Q_K·4/d (Q = per-spike load of one isolated spike,
    :func:`spike_ion_budget`; 4/d = surface/volume of a cylinder). Between
    spikes the pump removes the extra Na+ (3 Na+ out, 2 K+ in per cycle):

    .. math:: \\frac{d[Na]_i}{dt} = \\frac{4}{d}\\left[f Q_{Na} - 3\\,(J([Na]_i) - J([Na]_i^0))\\right]

    and likewise for K+ (coefficients -Q_K and +2). The resting leaks are
    assumed balanced by the resting pump flux J([Na]_i^0) (the cell starts at
    its steady state); [Na]o, [K]o are held constant (large extracellular
    space), per-spike loads are held at their resting values and the pump
    law sees [K+]i at rest (its product inhibition by internal K+ is a small
    effect, and the K+ balance has no steady state when spikes lose K+ at
    more than 2/3 of their Na+ gain). With the pump off the solution is the closed form
    [Na]_i = [Na]_i^0 + N Δ[Na]_i.

    Parameters
    ----------
    diameter_um : float
        Axon diameter, µm (0.01-5000; squid giant axon ~500 µm, thin
        unmyelinated cortical axons ~0.1-0.3 µm).
    n_spikes : int or None
        Number of spikes (1 to 1e9). If ``None``, ``rate_hz * duration_s``.
    rate_hz : float
        Firing rate, Hz (0 < f <= 1000). Default 10 Hz.
    duration_s : float or None
        Duration, s (used when ``n_spikes`` is None; default 60 s).
    model : {"squid", "mammalian"}
        Sets the per-spike loads and the reference state (:func:`reference_state`).
    temperature_C : float or None
        As in :func:`simulate_hh`; also sets RT/F for E_Na and E_K and the
        pump's temperature.
    pump : RundownPump, callable or None
        ``None`` or a :class:`RundownPump`: the cycle model
        (:func:`pump_flux_pmol_cm2_s`) at the reference state's [K+]o, [Na+]o
        and resting potential, with the current [Na+]i and [K+]i. A callable
        ``pump(na_in_mM, k_out_mM) -> cycles pmol/cm²/s`` replaces it.
    e_na_drop_mV : float
        Criterion: fall of E_Na, mV (0 < x <= 100). Default 10 mV. (A doubling of
        [Na]i is a fall of (RT/F)·ln 2.)
    na_per_spike_pmol_cm2, k_per_spike_pmol_cm2 : float or None
        Override the per-spike loads, pmol/cm².
    n_points : int
        Number of samples in the returned arrays (10-100000).

    Returns
    -------
    RundownResult

    Examples
    --------
    >>> r = spike_train_rundown(500.0, n_spikes=1000, model="squid", temperature_C=18.5)
    >>> r.spikes_to_criterion_pump_off > 1000
    True
    """
    d = check_number("diameter_um", diameter_um, "µm", *DIAMETER_RANGE_UM)
    rate = check_number("rate_hz", rate_hz, "Hz", *RATE_RANGE_HZ, lo_inclusive=False)
    if n_spikes is None:
        dur = 60.0 if duration_s is None else check_number("duration_s", duration_s, "s", 0.0, 1e7,
                                                            lo_inclusive=False)
        n_tot = rate * dur
    else:
        n_tot = check_number("n_spikes", n_spikes, "spikes", 1.0, 1e9)
    drop = check_number("e_na_drop_mV", e_na_drop_mV, "mV", 0.0, 100.0, lo_inclusive=False)
    npts = int(check_number("n_points", n_points, "", 10, 100000))
    model, _, temp, _ = resolve_model(model, temperature_C)
    state = reference_state(model, temperature_C)
    if pump is None or isinstance(pump, RundownPump):
        cycle = RundownPump() if pump is None else pump
        # the ODE calls the pump at [K+]i held at rest: the scalar form, set up once
        rate_at_rest_k = cycle_rate_of_na_in(
            state.k_out_mM, state.v_rest_mV, na_out_mM=state.na_out_mM, k_in_mM=state.k_in_mM,
            atp_free_energy_kJ_per_mol=cycle.atp_free_energy_kJ_per_mol, temperature_C=state.temperature_C)
        cycles_per_pmol = cycle.density_per_um2 / MOLECULES_PER_UM2_PER_PMOL_CM2

        def flux(na, k_in):
            if k_in == state.k_in_mM:
                return rate_at_rest_k(na) * cycles_per_pmol
            return _flux_at(state, cycle, na, k_in)
    elif callable(pump):
        def flux(na, k_in):
            return pump(na, state.k_out_mM)
    else:
        raise ParameterError("pump", pump, "", "must be a RundownPump, a callable pump(na_in_mM, k_out_mM) "
                             "or None")
    if na_per_spike_pmol_cm2 is None or k_per_spike_pmol_cm2 is None:
        b = spike_ion_budget(model, temperature_C)
    qna = b.na_entry_pmol_cm2 if na_per_spike_pmol_cm2 is None else check_number(
        "na_per_spike_pmol_cm2", na_per_spike_pmol_cm2, "pmol/cm²", 0.0, 1e4)
    qk = b.k_exit_pmol_cm2 if k_per_spike_pmol_cm2 is None else check_number(
        "k_per_spike_pmol_cm2", k_per_spike_pmol_cm2, "pmol/cm²", 0.0, 1e4)
    na_o, k_o = state.na_out_mM, state.k_out_mM
    na0, k0 = state.na_in_mM, state.k_in_mM
    rtf = rt_over_f_mV(temp)
    s_over_v = concentration_step_per_spike_mM(1.0, d)  # mM per (pmol/cm²)
    dna, dk = qna * s_over_v, qk * s_over_v
    na_crit = na0 * math.exp(drop / rtf)

    n = np.linspace(0.0, n_tot, npts)
    na_off = na0 + n * dna
    k_off = np.maximum(k0 - n * dk, 1e-9)
    n_off = (na_crit - na0) / dna if dna > 0 else math.inf

    j0 = float(flux(na0, k0))

    def rhs(t, y):
        # [K+]i held at rest in the pump law, as in max_sustainable_rate_hz (a small effect)
        j = flux(min(max(y[0], 1e-6), 2000.0), k0) - j0  # saturated well before 2 M
        return [s_over_v * (rate * qna - PUMP_NA_OUT * j), s_over_v * (-rate * qk + PUMP_K_IN * j)]

    def crossed(t, y):
        return y[0] - na_crit
    crossed.terminal = False
    crossed.direction = 1

    t_end = n_tot / rate
    sol = solve_ivp(rhs, (0.0, t_end), [na0, k0], method="LSODA", t_eval=n / rate, events=crossed,
                    rtol=1e-8, atol=1e-10)
    na_on, k_on = sol.y[0], np.maximum(sol.y[1], 1e-9)
    ev = sol.t_events[0]
    n_on = float(ev[0] * rate) if ev.size else math.inf
    if not ev.size:
        # beyond the run: is the criterion reachable at all? The steady state lies beyond it when the
        # load exceeds the extra pump flux at the criterion (as in max_sustainable_rate_hz; J rises
        # with [Na+]i). Comparing with the flux at saturating Na+ said "never" for rates between
        # the sustainable rate and that much higher one.
        spare = PUMP_NA_OUT * (flux(na_crit, k0) - j0)
        if rate * qna > spare and math.isfinite(n_off):
            n_on = math.nan  # reachable, but later than the simulated train

    def e_na(c):
        return rtf * np.log(na_o / c)

    def e_k(c):
        return rtf * np.log(k_o / c)

    return RundownResult(
        spike_number=n, t_s=n / rate, na_in_mM=na_on, k_in_mM=k_on, e_na_mV=e_na(na_on), e_k_mV=e_k(k_on),
        na_in_pump_off_mM=na_off, k_in_pump_off_mM=k_off, e_na_pump_off_mV=e_na(na_off),
        e_k_pump_off_mV=e_k(k_off), spikes_to_criterion_pump_on=n_on,
        spikes_to_criterion_pump_off=float(n_off),
        na_step_mM=float(dna), k_step_mM=float(dk), na_per_spike_pmol_cm2=float(qna),
        k_per_spike_pmol_cm2=float(qk), diameter_um=d, rate_hz=rate, e_na_drop_mV=drop, model=model,
    )




def max_sustainable_rate_hz(model="squid", temperature_C=None, pump: RundownPump = RundownPump(),
                            e_na_drop_mV=10.0) -> float:
    """Highest firing rate (Hz) the pump can sustain with E_Na no more than ``e_na_drop_mV`` below rest.

    At steady state the extra pump flux balances the Na+ load:
    3·(J([Na]crit) − J([Na]rest)) = f·Q_Na, with [Na]crit = [Na]rest·exp(drop/(RT/F)),
    J the cycle-model flux (:func:`pump_flux_pmol_cm2_s`, [K+]i held at rest)
    and Q_Na the Na+ entry of one spike (:func:`spike_ion_budget`). Faster
    firing drives E_Na past the criterion sooner or later. Independent of
    axon diameter: load and pump both scale with membrane area.

    Examples
    --------
    >>> f = max_sustainable_rate_hz("mammalian")
    >>> 1.0 < f < 100.0
    True
    """
    drop = check_number("e_na_drop_mV", e_na_drop_mV, "mV", 0.0, 100.0, lo_inclusive=False)
    s = reference_state(model, temperature_C)
    na_crit = s.na_in_mM * math.exp(drop / rt_over_f_mV(s.temperature_C))
    spare = PUMP_NA_OUT * (float(_flux_at(s, pump, na_crit)) - float(_flux_at(s, pump, s.na_in_mM)))
    return float(spare / spike_ion_budget(model, temperature_C).na_entry_pmol_cm2)
