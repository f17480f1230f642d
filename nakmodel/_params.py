"""Parameters with a unit and a source: the one place a default lives.

Every physiological default of :mod:`nakmodel` is a field of a frozen
dataclass declared with :func:`param`, so that its value, unit and source
travel together. Functions take such a dataclass (or ``None`` for the book's
default instance) instead of repeating literal defaults in their signatures;
apps, the JavaScript front ends and the generated parameter table
(:func:`parameter_rows`) read the same fields.

Examples
--------
>>> from dataclasses import dataclass
>>> @dataclass(frozen=True)
... class Leak:
...     g_mS_cm2: float = param(0.3, "mS/cm²", "HH1952", "leak conductance")
>>> row = parameter_rows(Leak)[0]
>>> row["name"], row["value"], row["unit"], row["source"]
('g_mS_cm2', 0.3, 'mS/cm²', 'HH1952')
"""

from __future__ import annotations

import dataclasses
from typing import Any

__all__ = [
    "all_parameter_rows", "param", "parameter_classes", "parameter_rows", "science_modules", "source_of",
    "unit_of",
]


def param(default: Any, unit: str, source: str, doc: str = "", *, where: str = "") -> Any:
    """A dataclass field carrying its unit, source and meaning.

    Parameters
    ----------
    default
        The value (an immutable one: a number, a string, a tuple or a
        ``types.MappingProxyType``).
    unit : str
        Unit of the value ("" for a pure number), e.g. ``"mM"``, ``"mV"``.
    source : str
        Where the value comes from: a ``references.bib`` key (e.g.
        ``"Hille2001"``) optionally followed by a detail, or ``"fitted: ..."``
        / ``"assumed: ..."`` saying how it was chosen.
    doc : str
        What the parameter is, in a few words.
    where : str
        Chapters or modules that use it (for the parameter table).
    """
    if not isinstance(unit, str) or not isinstance(source, str) or not source.strip():
        raise TypeError("param() needs a unit (str, '' for none) and a non-empty source")
    if isinstance(default, (list, dict, set)):
        raise TypeError("param() defaults must be immutable (use a tuple or MappingProxyType)")
    return dataclasses.field(default=default, metadata={"unit": unit, "source": source, "doc": doc,
                                                         "where": where})


def _fields(obj_or_cls) -> tuple:
    if not dataclasses.is_dataclass(obj_or_cls):
        raise TypeError(f"{obj_or_cls!r} is not a dataclass")
    return dataclasses.fields(obj_or_cls)


def parameter_rows(obj_or_cls) -> list[dict]:
    """One row per :func:`param` field: name, value, unit, source, doc, where.

    ``obj_or_cls`` is a parameter dataclass or an instance of one (an
    instance reports its own values). Fields not declared with :func:`param`
    are left out.
    """
    rows = []
    for f in _fields(obj_or_cls):
        if "unit" not in f.metadata:
            continue
        if isinstance(obj_or_cls, type):
            value = f.default
        else:
            value = getattr(obj_or_cls, f.name)
        rows.append({"name": f.name, "value": value, **{k: f.metadata[k] for k in
                                                        ("unit", "source", "doc", "where")}})
    return rows


def _metadata(obj_or_cls, name: str) -> dict:
    for f in _fields(obj_or_cls):
        if f.name == name:
            return f.metadata
    raise KeyError(name)


def unit_of(obj_or_cls, name: str) -> str:
    """Unit of field ``name`` of a parameter dataclass."""
    return _metadata(obj_or_cls, name)["unit"]


def source_of(obj_or_cls, name: str) -> str:
    """Source of field ``name`` of a parameter dataclass."""
    return _metadata(obj_or_cls, name)["source"]


#: Subpackages that are not science (they may import matplotlib / ipywidgets).
_NOT_SCIENCE = ("plots", "widgets", "book")


def science_modules() -> list:
    """Every science module of :mod:`nakmodel` (imported), without plots, widgets and book."""
    import importlib
    import pkgutil

    import nakmodel

    mods, todo = [], [(nakmodel.__path__, "nakmodel.")]
    while todo:  # walk by hand: pkgutil.walk_packages would import plots and widgets to look inside
        path, prefix = todo.pop()
        for info in pkgutil.iter_modules(path, prefix):
            if info.name.split(".")[1] in _NOT_SCIENCE:
                continue
            mod = importlib.import_module(info.name)
            mods.append(mod)
            if info.ispkg:
                todo.append((mod.__path__, info.name + "."))
    return mods


def parameter_classes() -> list:
    """Every dataclass defined in a science module with at least one :func:`param` field."""
    seen, out = set(), []
    for mod in science_modules():
        for obj in vars(mod).values():
            if (isinstance(obj, type) and dataclasses.is_dataclass(obj) and obj.__module__ == mod.__name__
                    and obj not in seen and any("unit" in f.metadata for f in dataclasses.fields(obj))):
                seen.add(obj)
                out.append(obj)
    return sorted(out, key=lambda c: (c.__module__, c.__name__))


def all_parameter_rows() -> list[dict]:
    """:func:`parameter_rows` of every class of :func:`parameter_classes`, with ``module`` and ``cls``."""
    rows = []
    for cls in parameter_classes():
        for row in parameter_rows(cls):
            rows.append({"module": cls.__module__, "cls": cls.__name__, **row})
    return rows
