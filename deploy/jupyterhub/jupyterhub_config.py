"""A real JupyterHub for the book's dashboards on one machine (tests, a small department server).

Every student logs in to the hub and gets a server of their own: the classroom server
(``python -m classroom``: the gallery and the Voilà apps, code hidden, no code execution, the
same template and protections as ``make classroom``), wrapped for the hub by
``jupyter-standaloneproxy`` (jupyter-server-proxy's standalone mode: hub OAuth in front of
any web app, activity reported to the hub). The hub's idle culler
(``jupyterhub-idle-culler``) stops servers nobody uses.

The settings a course shares with Zero to JupyterHub on Kubernetes are read from
``config.yaml`` beside this file (the Helm values), so both run the same command, default
URL, limits and culling; ``tests/hub/test_hub_config.py`` checks that they agree.

Run it from the repository root (``make hub``), or start it yourself::

    jupyterhub -f deploy/jupyterhub/jupyterhub_config.py

Environment (all optional):

``NAKBOOK_HUB_PORT``             the hub's public port on 127.0.0.1 (default 8000)
``NAKBOOK_HUB_IP``               its address (default 127.0.0.1; set 0.0.0.0 only behind TLS)
``NAKBOOK_HUB_API_PORT``         the hub's internal API port (default 8081)
``NAKBOOK_HUB_PROXY_API_PORT``   the proxy's control API port (default 8001)
``NAKBOOK_HUB_ADMIN_TOKEN``      if set, a service ``course-admin`` with this token may list users
                                 and their servers (for a teacher's monitoring, and the tests)
``NAKBOOK_HUB_STATE``            folder for the hub's database, cookie secret and user homes
                                 (default ``.hub/`` in the repository; git-ignored)
``NAKBOOK_HUB_PASSWORD``         the class's shared password (``shared-password`` authenticator)
``NAKBOOK_HUB_CULL_TIMEOUT``     seconds of inactivity before a server is stopped (default:
                                 ``cull.timeout`` of config.yaml)
``NAKBOOK_HUB_CULL_EVERY``       how often the culler looks, s (default ``cull.every``)

Authentication: the **shared-password authenticator accepts any user name with the class's
one password** (JupyterHub's ``SharedPasswordAuthenticator``).
It is for tests and a trial on loopback only; a real course uses its institution's
authenticator (``oauthenticator``, LTI, LDAP), named in config.yaml's ``hub.config``.

Limits: a local process spawner cannot enforce memory or CPU limits (``mem_limit`` and
``cpu_limit`` are passed to the server as ``MEM_LIMIT``/``CPU_LIMIT`` only; Kubernetes enforces
them in Zero to JupyterHub). What the local hub does enforce is each student's kernel cap
(``singleuser.extraEnv.CLASSROOM_MAX_KERNELS`` of config.yaml), so one student cannot start
more than a few kernels.
"""

# ruff: noqa: F821  (``c`` is injected by JupyterHub's config loader)

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from course_settings import course_settings  # noqa: E402  (needs HERE on sys.path, set just above)

ROOT = HERE.parents[1]
course = course_settings(HERE / "config.yaml")

state = Path(os.environ.get("NAKBOOK_HUB_STATE", ROOT / ".hub")).resolve()
state.mkdir(parents=True, exist_ok=True)
(state / "home").mkdir(exist_ok=True)

# ----- the hub and its proxy, on loopback ------------------------------------------------------
c.JupyterHub.ip = os.environ.get("NAKBOOK_HUB_IP", "127.0.0.1")
c.JupyterHub.port = int(os.environ.get("NAKBOOK_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ.get("NAKBOOK_HUB_API_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = (
    f"http://127.0.0.1:{int(os.environ.get('NAKBOOK_HUB_PROXY_API_PORT', '8001'))}"
)
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True
c.ConfigurableHTTPProxy.pid_file = str(state / "jupyterhub-proxy.pid")
_chp = HERE / "node_modules" / ".bin" / "configurable-http-proxy"
c.ConfigurableHTTPProxy.command = [str(_chp) if _chp.exists() else (shutil.which("configurable-http-proxy")
                                                                      or "configurable-http-proxy")]

# ----- who may log in ---------------------------------------------------------------------------
if course.authenticator == "shared-password":
    c.JupyterHub.authenticator_class = "shared-password"
    c.SharedPasswordAuthenticator.user_password = os.environ.get("NAKBOOK_HUB_PASSWORD",
                                                                 course.shared_password)
    c.Authenticator.allow_all = True  # any name with the password: a student picks their own
else:  # an institution's authenticator, configured in config.yaml's hub.config
    c.JupyterHub.authenticator_class = course.authenticator

# ----- each student's server: the classroom server behind the hub's OAuth -----------------------
c.JupyterHub.spawner_class = "simple"  # SimpleLocalProcessSpawner: every server as this OS user
c.SimpleLocalProcessSpawner.home_dir_template = str(state / "home" / "{username}")
c.Spawner.cmd = course.cmd(python=sys.executable)
c.Spawner.args = []
c.Spawner.default_url = course.default_url
c.Spawner.mem_limit = course.memory_limit
c.Spawner.cpu_limit = course.cpu_limit
c.Spawner.start_timeout = 300  # a class logging in at once on 2 cores
c.Spawner.http_timeout = 300
c.Spawner.environment = {
    **course.extra_env,
    "NAKBOOK_ROOT": str(ROOT),
    # `python -m classroom` is found from the student's home folder too
    "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p),
}
# the server needs this venv's tools (voila, jupyter-standaloneproxy) on PATH
c.Spawner.env_keep = ["PATH", "LANG", "LC_ALL", "VIRTUAL_ENV", "JUPYTER_PATH", "CI"]

# ----- idle culling: a closed laptop frees its server ------------------------------------------
cull_timeout = int(os.environ.get("NAKBOOK_HUB_CULL_TIMEOUT", course.cull_timeout))
cull_every = int(os.environ.get("NAKBOOK_HUB_CULL_EVERY", course.cull_every))
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
admin_token = os.environ.get("NAKBOOK_HUB_ADMIN_TOKEN")
if admin_token:
    c.JupyterHub.load_roles.append({"name": "course-admin", "scopes": ["list:users", "read:users",
                                                                       "read:servers"],
                                    "services": ["course-admin"]})
c.JupyterHub.services = [
    *([{"name": "course-admin", "api_token": admin_token}] if admin_token else []),
    {
        "name": "idle-culler",
        "command": [
            sys.executable, "-m", "jupyterhub_idle_culler",
            f"--timeout={cull_timeout}",
            f"--cull-every={cull_every}",
            f"--max-age={course.cull_max_age}",
        ],
    }
]
# Activity is what the hub's proxy sees (requests and websocket traffic), polled this often.
# (jupyter-standaloneproxy's own activity reports are off in config.yaml: they report every
# server as active at every interval, so an idle server would never be culled.)
c.JupyterHub.last_activity_interval = max(5, min(300, cull_every))
