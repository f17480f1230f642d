"""Public names of a package imported on first use (PEP 562).

A dashboard kernel that builds one app should load only the modules that app needs; the
package ``__init__`` lists every public name with the submodule that defines it and lets
:func:`lazy_exports` provide ``__getattr__``, ``__dir__`` and ``__all__``.
"""

from __future__ import annotations

from importlib import import_module


def lazy_exports(package: str, namespace: dict, where: dict):
    """``(__getattr__, __dir__, __all__)`` for ``package`` from ``{".submodule": (names...)}``.

    ``namespace`` is the package's ``globals()``: a name is stored there on first use, so later
    look-ups do not go through ``__getattr__`` again.
    """
    module_of = {name: module for module, names in where.items() for name in names}

    def __getattr__(name):
        module = module_of.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(module, package), name)
        namespace[name] = value
        return value

    def __dir__():
        return sorted({*namespace, *module_of})

    return __getattr__, __dir__, sorted(module_of)
