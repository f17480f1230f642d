"""Print pip constraints pinning every dependency of pyproject.toml to its declared floor.

Usage: python scripts/floor_constraints.py [pyproject.toml] > floors.txt

Every runtime dependency (``[project] dependencies`` and every optional extra) must declare a
lower bound with ``>=``; the lowest version the project says it works with is then installed by
``scripts/check_floors.sh`` and tested. A dependency without a floor is an error, because then
nothing says which old version the package still supports.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement


def floors(pyproject: Path) -> dict[str, str]:
    """``{distribution name: lowest declared version}`` for every dependency and extra."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    specs = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        specs += extra
    out: dict[str, str] = {}
    for text in specs:
        req = Requirement(text)
        lows = [s.version for s in req.specifier if s.operator == ">="]
        if len(lows) != 1:
            raise SystemExit(f"{pyproject}: dependency {text!r} needs exactly one '>=' floor")
        if req.name in out and out[req.name] != lows[0]:
            raise SystemExit(f"{pyproject}: {req.name} has two floors ({out[req.name]}, {lows[0]})")
        out[req.name] = lows[0]
    return out


def main(argv: list[str]) -> None:
    path = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parents[1] / "pyproject.toml"
    for name, version in sorted(floors(path).items()):
        print(f"{name}=={version}")


if __name__ == "__main__":
    main(sys.argv)
