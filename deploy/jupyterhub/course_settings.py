"""The settings a course's hub shares with Zero to JupyterHub, read from the Helm values.

``config.yaml`` (the values for the ``jupyterhub/jupyterhub`` Helm chart) is the one place
that says which command each student's server runs, where students land, what each server may
use and when idle servers are stopped. The local hub (``jupyterhub_config.py``) reads the same
file through :func:`course_settings`, so a setting tested here is the setting deployed there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

__all__ = ["CourseSettings", "course_settings", "parse_bytes"]

_UNITS = {"": 1, "K": 10**3, "M": 10**6, "G": 10**9, "T": 10**12,
          "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40}


def parse_bytes(value) -> int:
    """Bytes from a Kubernetes/JupyterHub size (``"1G"``, ``"512Mi"``, ``1073741824``).

    >>> parse_bytes("1G"), parse_bytes("256Mi"), parse_bytes(1024)
    (1000000000, 268435456, 1024)
    """
    if isinstance(value, (int, float)):
        return int(value)
    m = re.fullmatch(r"\s*([0-9.]+)\s*([KMGT]i?)?\s*", str(value))
    if not m:
        raise ValueError(f"memory size {value!r} is not a number with an optional K/M/G/T(i) suffix")
    return int(float(m.group(1)) * _UNITS[m.group(2) or ""])


@dataclass(frozen=True)
class CourseSettings:
    """What the local hub and the Kubernetes hub share (see config.yaml)."""

    command: tuple           # singleuser.cmd: the student's server, with {port} and {base_url}
    default_url: str         # singleuser.defaultUrl
    memory_limit: int        # singleuser.memory.limit, bytes
    cpu_limit: float         # singleuser.cpu.limit, cores
    extra_env: dict = field(default_factory=dict)   # singleuser.extraEnv
    cull_timeout: int = 1800  # cull.timeout, s
    cull_every: int = 300     # cull.every, s
    cull_max_age: int = 0     # cull.maxAge, s (0: no limit)
    authenticator: str = "shared-password"   # hub.config.JupyterHub.authenticator_class
    shared_password: str = ""      # hub.config.SharedPasswordAuthenticator.user_password

    def cmd(self, python: str = "python") -> list:
        """The server command, with the image's ``python`` replaced by ``python`` and the
        proxy taken from the same environment (its ``bin/`` folder) when it is there."""
        proxy = Path(python).with_name("jupyter-standaloneproxy")
        swap = {"python": python, "jupyter-standaloneproxy": str(proxy) if proxy.exists() else None}
        return [swap.get(part) or part for part in self.command]


def course_settings(path) -> CourseSettings:
    """Read the shared settings from a Zero to JupyterHub values file."""
    values = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    single = values["singleuser"]
    hub_config = values.get("hub", {}).get("config", {})
    cull = values.get("cull", {})
    return CourseSettings(
        command=tuple(str(x) for x in single["cmd"]),
        default_url=single["defaultUrl"],
        memory_limit=parse_bytes(single["memory"]["limit"]),
        cpu_limit=float(single["cpu"]["limit"]),
        extra_env={k: str(v) for k, v in (single.get("extraEnv") or {}).items()},
        cull_timeout=int(cull.get("timeout", 3600)) if cull.get("enabled", True) else 0,
        cull_every=int(cull.get("every", 600)),
        cull_max_age=int(cull.get("maxAge", 0)),
        authenticator=hub_config.get("JupyterHub", {}).get("authenticator_class", "shared-password"),
        shared_password=str(hub_config.get("SharedPasswordAuthenticator", {}).get("user_password", "")),
    )
