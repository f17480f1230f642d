"""The local hub (tested in test_hub.py) and Zero to JupyterHub run the same course settings.

``deploy/jupyterhub/config.yaml`` holds the Helm values; the local ``jupyterhub_config.py``
and the image's ``Dockerfile`` must agree with them on what every student's server runs,
where students land, the limits, culling and authentication.
"""

from __future__ import annotations

import json
import re
import sys

import pytest
import yaml
from traitlets.config.loader import PyFileConfigLoader

from tests.conftest import ROOT

HUB_DIR = ROOT / "deploy" / "jupyterhub"
VALUES = yaml.safe_load((HUB_DIR / "config.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def local(tmp_path_factory, monkeypatch_module):
    monkeypatch_module.setenv("NAKBOOK_HUB_STATE", str(tmp_path_factory.mktemp("hubstate")))
    for var in ("NAKBOOK_HUB_CULL_TIMEOUT", "NAKBOOK_HUB_CULL_EVERY", "NAKBOOK_HUB_PASSWORD",
                "NAKBOOK_HUB_ADMIN_TOKEN"):
        monkeypatch_module.delenv(var, raising=False)
    return PyFileConfigLoader("jupyterhub_config.py", path=str(HUB_DIR)).load_config()


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


def _image_command(cmd):
    """The local command with this venv's paths written as the image has them."""
    return ["python" if part == sys.executable else
            ("jupyter-standaloneproxy" if part.endswith("/jupyter-standaloneproxy") else part)
            for part in cmd]


def test_student_server_command_is_the_same(local):
    assert _image_command(local.Spawner.cmd) == VALUES["singleuser"]["cmd"]
    # and the image's default command is that command too
    docker = (HUB_DIR / "Dockerfile").read_text(encoding="utf-8")
    cmd = json.loads(re.search(r"^CMD (\[.*?\])\s*$", docker.replace("\\\n", " "),
                               re.DOTALL | re.MULTILINE).group(1))
    assert cmd == VALUES["singleuser"]["cmd"]
    # the command serves the classroom server (no code execution), not a notebook server
    assert "classroom" in cmd and "jupyterhub-singleuser" not in cmd and "jupyter-lab" not in cmd


def test_landing_page_limits_and_environment_are_the_same(local):
    single = VALUES["singleuser"]
    assert local.Spawner.default_url == single["defaultUrl"]
    assert local.Spawner.mem_limit == 10**9 * int(str(single["memory"]["limit"]).rstrip("G"))
    assert local.Spawner.cpu_limit == float(single["cpu"]["limit"])
    for key, value in single["extraEnv"].items():
        if key == "PYTHONPATH":  # the repository's place differs: image folder vs this checkout
            continue
        assert local.Spawner.environment[key] == str(value), key
    assert int(single["extraEnv"]["CLASSROOM_MAX_KERNELS"]) >= 1


def test_culling_is_the_same(local):
    cull = VALUES["cull"]
    assert cull["enabled"] is True
    (culler,) = [s for s in local.JupyterHub.services if s["name"] == "idle-culler"]
    args = dict(a.lstrip("-").split("=", 1) for a in culler["command"] if a.startswith("--"))
    assert int(args["timeout"]) == cull["timeout"]
    assert int(args["cull-every"]) == cull["every"]
    assert int(args["max-age"]) == cull["maxAge"]
    (role,) = [r for r in local.JupyterHub.load_roles if r["name"] == "idle-culler"]
    assert "delete:servers" in role["scopes"]


def test_authentication_is_the_same_and_loopback_only(local):
    hub_config = VALUES["hub"]["config"]
    assert local.JupyterHub.authenticator_class == hub_config["JupyterHub"]["authenticator_class"]
    assert (local.SharedPasswordAuthenticator.user_password
            == hub_config["SharedPasswordAuthenticator"]["user_password"])
    assert local.JupyterHub.ip == "127.0.0.1" and local.JupyterHub.hub_ip == "127.0.0.1"
