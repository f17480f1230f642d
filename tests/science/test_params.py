"""Defaults live once: parameter dataclasses with unit and source; immutable ion sets;
one reference neuron."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import math
import pickle
import re
from pathlib import Path

import pytest

import nakmodel as nak
from nakmodel import cell, constants, electrochem, pump
from nakmodel._params import all_parameter_rows, parameter_classes, science_modules

ROOT = Path(__file__).resolve().parents[2]
BIB_KEYS = set(re.findall(r"@\w+\{([^,\s]+),",
                          "\n".join(p.read_text() for p in (ROOT / "bib").glob("*.bib"))))
#: A source names a bib key (AuthorYear), says how the value was chosen, or names the nakmodel
#: parameter it is taken from (e.g. "cell.CellParams").
HOW = ("fitted", "assumed", "solved")
_NAKMODEL_REF = re.compile(r"(nakmodel\.)?[a-z_]+\.[A-Z][A-Za-z]+")


def test_parameter_classes_cover_the_pump_cell_and_atp():
    names = {c.__name__ for c in parameter_classes()}
    assert {"PumpParams", "CellParams", "AtpParams", "BookDefaults"} <= names


@pytest.mark.parametrize("cls", parameter_classes(), ids=lambda c: c.__name__)
def test_every_field_has_a_unit_and_a_source(cls):
    for f in dataclasses.fields(cls):
        if dataclasses.is_dataclass(f.type if isinstance(f.type, type) else None) or f.name == "pump":
            continue  # a nested parameter class is checked on its own
        assert "unit" in f.metadata, f"{cls.__name__}.{f.name} is not declared with param()"
        source = f.metadata["source"].strip()
        assert source, f"{cls.__name__}.{f.name} has no source"
        key = re.match(r"[A-Z][A-Za-z'’]+\d{4}[a-z]?", source)
        if key:
            assert key.group(0) in BIB_KEYS, (
                f"{cls.__name__}.{f.name}: source {key.group(0)!r} is not in bib/")
        elif not _NAKMODEL_REF.match(source):
            assert source.split(":")[0].split()[0] in HOW, (
                f"{cls.__name__}.{f.name}: source {source!r} names no bib key, no nakmodel parameter and not "
                "fitted/assumed/solved")


def test_parameter_rows_list_every_field_once():
    rows = all_parameter_rows()
    keys = [(r["module"], r["cls"], r["name"]) for r in rows]
    assert len(keys) == len(set(keys))
    assert ("nakmodel.cell", "CellParams", "pump_density_per_um2") in keys


def test_science_modules_exclude_plots_and_widgets():
    names = {m.__name__ for m in science_modules()}
    assert "nakmodel.pump" in names and not any(".plots" in n or ".widgets" in n for n in names)


#: Numeric keyword defaults that are numerical settings or neutral values, not physiological defaults.
NUMERICAL = {"rtol", "n_points", "max_events", "binding_rate_per_s", "rate_scale", "area_um2", "seed",
             "duration_s", "net_charge", "pump_fraction", "figures", "decimals", "stoichiometry"}


@pytest.mark.parametrize("module", [constants, electrochem, pump, cell], ids=lambda m: m.__name__)
def test_no_literal_physiological_default_in_signatures(module):
    bad = []
    for name, fn in vars(module).items():
        if name.startswith("_") or not inspect.isfunction(fn) or fn.__module__ != module.__name__:
            continue
        for p in inspect.signature(fn).parameters.values():
            if (isinstance(p.default, (int, float)) and not isinstance(p.default, bool)
                    and p.name not in NUMERICAL):
                bad.append(f"{name}({p.name}={p.default})")
    assert not bad, "literal defaults in signatures (put them in a param() dataclass): " + ", ".join(bad)


def test_book_ion_sets_are_immutable_but_copyable():
    ions = nak.MAMMALIAN_NEURON
    with pytest.raises(TypeError):
        ions.c_out_mM["K"] = 10.0
    with pytest.raises(TypeError):
        nak.SQUID_AXON.c_in_mM["Na"] = 1.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        ions.temperature_C = 20.0
    changed = dict(ions.c_out_mM, K=10.0)  # callers build changed copies
    assert changed["K"] == 10.0 and ions.c_out_mM["K"] == 5.0
    for clone in (pickle.loads(pickle.dumps(ions)), copy.deepcopy(ions), copy.copy(ions)):
        assert clone == ions and clone.c_in_mM["Na"] == ions.c_in_mM["Na"]
    p = nak.CellParams()
    with pytest.raises(TypeError):
        p.c_out_mM["K"] = 10.0
    assert pickle.loads(pickle.dumps(p)) == p
    assert dataclasses.replace(p, c_out_mM=changed).c_out_mM["K"] == 10.0


def test_reference_neuron_is_the_pump_leak_steady_state():
    """The ion set every chapter uses is the steady state of the book's pump–leak cell (to its rounding)."""
    s = nak.cell_steady_state()
    ref = nak.MAMMALIAN_NEURON
    assert s.v_mV == pytest.approx(ref.v_rest_mV, abs=0.05)
    assert s.na_in == pytest.approx(ref.c_in_mM["Na"], abs=0.05)
    assert s.k_in == pytest.approx(ref.c_in_mM["K"], abs=0.5)
    assert s.cl_in == pytest.approx(ref.c_in_mM["Cl"], abs=0.05)
    # Cl- is passive at steady state: [Cl]i = [Cl]o exp(FV/RT), computed here
    rt_f = 8.314462618 * 310.15 / 96485.33212 * 1e3
    assert s.cl_in == pytest.approx(110.0 * math.exp(s.v_mV / rt_f), rel=1e-6)
    # Hille 2001, Table 1.1 (mammalian cells): Na 5-15, K 140-155 mM inside
    assert 5.0 <= ref.c_in_mM["Na"] <= 15.0 and 140.0 <= ref.c_in_mM["K"] <= 155.0


def test_the_cell_runs_on_the_cycle_model():
    """One pump law: the cell's pump rate is the cycle model's rate at the cell's own state."""
    p = nak.CellParams()
    assert p.pump_model == "cycle"
    s = nak.cell_steady_state(p)
    rate = nak.pump_cycle_rate(s.na_in, p.c_out_mM["K"], s.v_mV, na_out_mM=p.c_out_mM["Na"], k_in_mM=s.k_in)
    assert s.pump_rate_per_s == pytest.approx(rate, rel=1e-9)
    # pump current = e x density x rate (one net charge per cycle), computed here
    i = 1.602176634e-19 * p.pump_density_per_um2 * 1e8 * rate * 1e6
    assert s.pump_current_uA_cm2 == pytest.approx(i, rel=1e-9)


def test_half_activation_constants_against_measurements():
    """K+ outside: ~1 mM (Gadsby 1980, canine Purkinje), 1.6-3.7 mM (sheep Purkinje), 1.4 mM (Sakai 1996,
    0 mV); Na+ inside: ~9 mM (Glitsch 1989), 14 mM (Sakai 1996, 0 mV). The model at rest lies in these
    ranges."""
    h = pump.pump_half_activation()
    assert 1.0 <= h["K"] <= 3.7
    assert 9.0 <= h["Na"] <= 15.0
    h0 = pump.pump_half_activation(na_in_mM=30.0, k_out_mM=5.4, v_mV=0.0)  # Sakai 1996's conditions
    assert h0["K"] == pytest.approx(1.4, rel=0.4)
    assert h0["Na"] == pytest.approx(14.0, rel=0.3)
    # the definition: half the saturating rate, checked by a direct call
    r_half = nak.pump_cycle_rate(h["Na"], 5.0, -70.0)
    assert r_half == pytest.approx(0.5 * nak.pump_cycle_rate(200.0, 5.0, -70.0), rel=1e-6)
