"""Answer keys of the chapters' questions, computed by the science layer.

Questions live as data, one YAML file per chapter in ``nakmodel/book/question_files/``
(schema: ``nakmodel/book/question_files/schema.json``; authoring notes in
``docs/questions.md``). A numeric or predict-then-test question names a key
function of :data:`KEYS` and the givens it is called with; :func:`load`
reads a chapter's file, checks it against the schema and fills in every
computed answer, so no number in a question file is typed by hand.

Key functions take the names of the explorer controls (``k_out``, ``na_in``,
``pna_pk`` …) so that a predict-then-test question's ``given`` is exactly what
the student is asked to set. Unset values are the book's defaults:
concentrations of :data:`nakmodel.constants.MAMMALIAN_NEURON` (Hille2001),
permeability ratios of :class:`nakmodel.CellParams`.

Only science modules are imported (no widgets, no plots).

Examples
--------
>>> round(KEYS["nernst_mV"](ion="K", k_out=4.0, k_in=160.0), 1)
-98.6
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from ..cell import CellParams
from ..constants import MAMMALIAN_NEURON
from ..cotransport import SGLT1, CotransportConditions, sglt_max_accumulation
from ..drugs import ouabain_pump_fraction
from ..electrochem import (
    ATP,
    PUMP_NA_OUT,
    cycle_free_energy,
    ghk_voltage,
    membrane_charge_ions,
    nernst,
    pump_reversal_potential,
)

__all__ = ["KEYS", "QUESTIONS_DIR", "SCHEMA_PATH", "compute", "load"]

#: Folder of the question files (``<chapter>.yaml``) and their schema.
QUESTIONS_DIR = Path(__file__).resolve().parent / "question_files"  # package data, in the wheel
SCHEMA_PATH = QUESTIONS_DIR / "schema.json"

_Z = {"Na": +1, "K": +1, "Cl": -1}
_IONS = tuple(_Z)


def _concentrations(values: dict) -> tuple[dict, dict]:
    """Outside and inside concentrations (mM): the book's defaults, overridden by
    ``values`` keyed ``na_out``, ``k_in`` … (explorer control names)."""
    out, inside = dict(MAMMALIAN_NEURON.c_out_mM), dict(MAMMALIAN_NEURON.c_in_mM)
    for ion in _IONS:
        out[ion] = float(values.get(f"{ion.lower()}_out", out[ion]))
        inside[ion] = float(values.get(f"{ion.lower()}_in", inside[ion]))
    return out, inside


def _check_names(values: dict, allowed: set, key: str) -> None:
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(f"key {key!r} does not take {sorted(unknown)}; allowed: {sorted(allowed)}")


_CONC_NAMES = {f"{ion.lower()}_{side}" for ion in _IONS for side in ("out", "in")}


def nernst_mV(ion: str, **values) -> float:
    """Nernst potential of ``ion`` ("Na", "K" or "Cl"), mV, at the concentrations
    (mM) and ``temperature_C`` (°C) given, the book's defaults otherwise."""
    if ion not in _Z:
        raise ValueError(f"ion must be one of {', '.join(_IONS)}; got {ion!r}")
    _check_names(values, _CONC_NAMES | {"temperature_C"}, "nernst_mV")
    out, inside = _concentrations(values)
    temperature = float(values.get("temperature_C", MAMMALIAN_NEURON.temperature_C))
    return float(nernst(_Z[ion], out[ion], inside[ion], temperature_C=temperature))


def ghk_rest_mV(**values) -> float:
    """GHK resting potential, mV, for the permeability ratios ``pna_pk`` and
    ``pcl_pk`` and the concentrations (mM) given; the book's defaults otherwise.
    ``only_k=True`` makes the membrane permeable to K⁺ alone."""
    _check_names(values, _CONC_NAMES | {"pna_pk", "pcl_pk", "only_k"}, "ghk_rest_mV")
    cell = CellParams()
    if values.get("only_k"):
        perms = {"K": 1.0, "Na": 0.0, "Cl": 0.0}
    else:
        perms = {"K": 1.0,
                 "Na": float(values.get("pna_pk", cell.p_na_cm_s / cell.p_k_cm_s)),
                 "Cl": float(values.get("pcl_pk", cell.p_cl_cm_s / cell.p_k_cm_s))}
    out, inside = _concentrations(values)
    return float(ghk_voltage(perms, out, inside, temperature_C=MAMMALIAN_NEURON.temperature_C))


def ions_per_um2(dv_mV: float) -> float:
    """Monovalent ions that must cross 1 µm² of membrane (1 µF/cm²) to change its
    voltage by ``dv_mV`` (mV); see :func:`nakmodel.membrane_charge_ions`."""
    return float(membrane_charge_ions(float(dv_mV)))


def min_atp_per_um2(dv_mV: float) -> float:
    """Fewest ATP the pump must split to export the Na⁺ that changes 1 µm² of membrane
    (1 µF/cm²) by ``dv_mV`` (mV): :func:`ions_per_um2` Na⁺, 3 Na⁺ per ATP."""
    return ions_per_um2(dv_mV) / PUMP_NA_OUT


def cycle_work_kJ(n_na: int = 3, n_k: int = 2, **values) -> float:
    """Free energy (kJ/mol) one cycle moving ``n_na`` Na⁺ out and ``n_k`` K⁺ in needs at the
    membrane potential ``v_mV`` (mV; default the reference neuron's −70 mV) and the
    concentrations given (mM); :func:`nakmodel.electrochem.cycle_free_energy`."""
    _check_names(values, _CONC_NAMES | {"v_mV"}, "cycle_work_kJ")
    out, inside = _concentrations(values)
    v = float(values.get("v_mV", MAMMALIAN_NEURON.v_rest_mV))
    return float(cycle_free_energy(n_na, n_k, v, out, inside, MAMMALIAN_NEURON.temperature_C))


def cycle_energy_left_kJ(**values) -> float:
    """Free energy (kJ/mol) left over per 3 Na⁺ : 2 K⁺ cycle in the stoichiometry explorer's cell: what
    ATP gives (``dg_atp``, kJ/mol; default ``CellParams.atp_free_energy_kJ_per_mol``) beyond the work of
    one cycle at the 3:2 pump–leak steady state for ``pna_pk`` and ``pump_density`` (pumps/µm²;
    defaults :class:`~nakmodel.CellParams`); :func:`nakmodel.stoichiometry.energy_left_kJ`, the
    explorer's ``energy_left_kJ``. Negative: ATP cannot pay."""
    from ..stoichiometry import energy_left_kJ

    _check_names(values, {"dg_atp", "pna_pk", "pump_density"}, "cycle_energy_left_kJ")
    dg = float(values.get("dg_atp", CellParams().atp_free_energy_kJ_per_mol))
    pna, density = values.get("pna_pk"), values.get("pump_density")
    return energy_left_kJ(dg, None if pna is None else float(pna),
                          None if density is None else float(density))


def pump_reversal_mV(**values) -> float:
    """Membrane potential (mV) at which the 3 Na⁺ : 2 K⁺ pump stops, for ``dg_atp`` (kJ/mol) and
    the concentrations (mM) given; :func:`nakmodel.electrochem.pump_reversal_potential`."""
    _check_names(values, _CONC_NAMES | {"dg_atp"}, "pump_reversal_mV")
    out, inside = _concentrations(values)
    dg = float(values.get("dg_atp", ATP.free_energy_kJ_per_mol))
    return float(pump_reversal_potential(out, inside, dg, MAMMALIAN_NEURON.temperature_C))


def spike_peak_mV(**values) -> float:
    """Highest voltage (mV, the tallest spike's peak) of the squid axon model (Hodgkin & Huxley 1952,
    6.3 °C) in a 50 ms run from rest with a current step of ``i_amp`` (µA/cm²) lasting ``pulse_ms``
    (ms), both required, from 5 ms on: the spike explorer's protocol and its "peaking at" readout.
    :func:`nakmodel.hh.simulate_hh`."""
    from ..hh import simulate_hh

    _check_names(values, {"i_amp", "pulse_ms"}, "spike_peak_mV")
    if set(values) != {"i_amp", "pulse_ms"}:
        raise ValueError("key 'spike_peak_mV' needs i_amp (µA/cm²) and pulse_ms (ms)")
    run = simulate_hh(float(values["i_amp"]), 50.0, onset_ms=5.0, pulse_ms=float(values["pulse_ms"]),
                      model="squid")
    return float(run.v_mV.max())


def ouabain_left_pct(**values) -> float:
    """Pump activity left (%) at steady state in ``conc_uM`` (µM, required) ouabain for
    ``isoform`` (``human_alpha1`` default, ``rodent_alpha1``, ``rodent_alpha3``);
    :func:`nakmodel.drugs.ouabain_pump_fraction`."""
    _check_names(values, {"conc_uM", "isoform"}, "ouabain_left_pct")
    if "conc_uM" not in values:
        raise ValueError("key 'ouabain_left_pct' needs conc_uM (ouabain, µM)")
    conc = float(values["conc_uM"])
    return 100.0 * float(ouabain_pump_fraction(conc, str(values.get("isoform", "human_alpha1"))))


def sglt_ratio(**values) -> float:
    """Highest glucose ratio inside/outside (dimensionless) SGLT1 (2 Na⁺ per glucose) can reach at
    ``v_mV`` (mV), ``na_out`` and ``na_in`` (mM); defaults
    :class:`~nakmodel.cotransport.CotransportConditions`;
    :func:`nakmodel.cotransport.sglt_max_accumulation`."""
    _check_names(values, {"v_mV", "na_out", "na_in", "n_na"}, "sglt_ratio")
    c = CotransportConditions()
    return float(sglt_max_accumulation(int(values.get("n_na", SGLT1.n_na)), float(values.get("v_mV", c.v_mV)),
                                       float(values.get("na_out", c.na_out_mM)),
                                       float(values.get("na_in", c.na_in_mM)), c.temperature_C))


def atp_per_spike_million(**values) -> float:
    """ATP (millions of molecules) one neuron splits to pump out the Na⁺ of one spike, for the
    energy calculator's ``rate_hz`` (Hz), ``axon_diameter_um`` (µm) and ``axon_length_mm`` (mm);
    :func:`nakmodel.energy.cell_energy_bill` (mammalian spike, :class:`~nakmodel.energy.NeuronGeometry`)."""
    from ..energy import BUDGET_RATE_HZ, NeuronGeometry, cell_energy_bill

    _check_names(values, {"rate_hz", "axon_diameter_um", "axon_length_mm"}, "atp_per_spike_million")
    geo = NeuronGeometry()
    length_mm = float(values.get("axon_length_mm", geo.axon_length_um / 1000.0))
    bill = cell_energy_bill(float(values.get("rate_hz", BUDGET_RATE_HZ)),
                            axon_diameter_um=float(values.get("axon_diameter_um", geo.axon_diameter_um)),
                            axon_length_um=1000.0 * length_mm)
    return bill.cell.atp_per_spike_molecules / 1e6


def atp_for_entry_million(**values) -> float:
    """ATP (millions of molecules) the pump splits to export a spike's Na⁺ entry of ``na_pmol_cm2``
    (pmol/cm², required) over ``area_um2`` (µm², required) of membrane: 3 Na⁺ per ATP
    (:func:`nakmodel.energy.atp_per_spike`) × area × Avogadro's number."""
    from ..constants import AVOGADRO
    from ..energy import atp_per_spike

    _check_names(values, {"na_pmol_cm2", "area_um2"}, "atp_for_entry_million")
    if set(values) != {"na_pmol_cm2", "area_um2"}:
        raise ValueError("key 'atp_for_entry_million' needs na_pmol_cm2 (pmol/cm²) and area_um2 (µm²)")
    area_cm2 = float(values["area_um2"]) * 1e-8
    return atp_per_spike(float(values["na_pmol_cm2"])) * 1e-12 * area_cm2 * AVOGADRO / 1e6


#: Key functions by the name a question file uses.
KEYS = {"nernst_mV": nernst_mV, "ghk_rest_mV": ghk_rest_mV, "ions_per_um2": ions_per_um2,
        "min_atp_per_um2": min_atp_per_um2, "cycle_work_kJ": cycle_work_kJ,
        "cycle_energy_left_kJ": cycle_energy_left_kJ, "pump_reversal_mV": pump_reversal_mV,
        "spike_peak_mV": spike_peak_mV, "ouabain_left_pct": ouabain_left_pct, "sglt_ratio": sglt_ratio,
        "atp_per_spike_million": atp_per_spike_million, "atp_for_entry_million": atp_for_entry_million}


def compute(key: str, given: dict | None = None) -> float:
    """Value of key function ``key`` called with ``given`` (a finite float)."""
    if key not in KEYS:
        raise ValueError(f"unknown answer key {key!r}; known: {', '.join(sorted(KEYS))}")
    value = KEYS[key](**(given or {}))
    if not math.isfinite(value):
        raise ValueError(f"answer key {key!r} with {given} is not finite: {value}")
    return value


def _fmt(value: float, spec: str) -> str:
    """``value`` formatted with ``spec``, with a true minus sign."""
    return format(value, spec).replace("-", "−")


def _fill(text: str, **numbers: str) -> str:
    for name, shown in numbers.items():
        text = text.replace("{" + name + "}", shown)
    return text


def _resolve(q: dict) -> dict:
    q = dict(q)
    spec = q.get("format", ".1f")
    if q["kind"] == "numeric":
        answer = compute(q["key"], q.get("given"))
        q["answer"] = answer
        shown = _fmt(answer, spec)
        for field in ("hint", "feedback_right", "feedback_wrong"):
            q[field] = _fill(q[field], answer=shown)
    elif q["kind"] == "predict":
        result = compute(q["key"], q.get("given"))
        baseline = compute(q["key"], q.get("baseline_given"))
        delta = result - baseline
        direction = "same" if abs(delta) <= q.get("same_within", 0.5) else ("up" if delta > 0 else "down")
        q["result"], q["baseline"], q["direction"] = result, baseline, direction
        numbers = {"result": _fmt(result, spec), "baseline": _fmt(baseline, spec),
                   "change": _fmt(delta, "+" + spec.lstrip("+"))}
        # the page fills {result} and {change} again from the explorer's live number (docs/questions.md)
        q["explain_live"] = _fill(q["explain"], baseline=numbers["baseline"])
        q["explain"] = _fill(q["explain"], **numbers)
        q["options"] = [dict(o, correct=o["direction"] == direction) for o in q["options"]]
    return q


def load(chapter: str, validate: bool = True) -> dict:
    """The questions of ``chapter`` with every computed answer filled in.

    Reads ``nakmodel/book/question_files/<chapter>.yaml``, validates it against
    ``schema.json`` (jsonschema; ``validate=False`` skips that, for dashboard
    kernels: importing jsonschema costs over a second, and the tests validate
    every file) and resolves the answer keys.

    Raises
    ------
    FileNotFoundError
        If the chapter has no question file.
    ValueError
        If the file does not match the schema (the message says where) or a key
        cannot be computed.
    """
    import yaml

    path = QUESTIONS_DIR / f"{chapter}.yaml"
    if not path.exists():
        raise FileNotFoundError(f"no questions for chapter {chapter!r}: {path} does not exist")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if validate:
        import jsonschema

        schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
        try:
            jsonschema.validate(data, schema)
        except jsonschema.ValidationError as err:
            where = "/".join(str(p) for p in err.absolute_path)
            raise ValueError(f"{path.name}: {where}: {err.message}") from None
    if data["chapter"] != chapter:
        raise ValueError(f"{path.name}: chapter is {data['chapter']!r}, expected {chapter!r}")
    ids = [q["id"] for q in data["questions"]]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{path.name}: question ids must be unique: {ids}")
    return {"chapter": chapter, "title": data.get("title", "Check yourself"),
            "questions": [_resolve(q) for q in data["questions"]]}
