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
from ..electrochem import ghk_voltage, membrane_charge_ions, nernst

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


#: Key functions by the name a question file uses.
KEYS = {"nernst_mV": nernst_mV, "ghk_rest_mV": ghk_rest_mV, "ions_per_um2": ions_per_um2}


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
