"""Teacher links in the static book (``frontend/core/links.js``) follow the kernel's rules
(``LiveExplorer.apply_url_parameters``): on the same queries, the same values applied and the same notice."""

from __future__ import annotations

import json
import random
import subprocess

import pytest

from nakmodel.widgets.links import MAX_QUERY_CHARS
from nakmodel.widgets.live import EnergyLive, NernstLive, SpikeLive

from .node import node_executable
from .pages import ROOT, explorers


def run_links(spec: dict, values: dict, queries: list[str]) -> list[dict]:
    proc = subprocess.run([node_executable(), str(ROOT / "frontend" / "tests" / "links_cli.mjs")],
                          input=json.dumps({"spec": spec, "values": values, "queries": queries}),
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def queries_for(cls) -> list[str]:
    """Good and bad values, unknown names, scenarios, an unknown scenario, odd spellings, over-long."""
    app = cls()
    rng = random.Random(cls.__name__)
    out = []
    for c in app.controls:
        span = c.maximum - c.minimum
        inside = c.minimum + rng.random() * span
        out += [f"{c.name}={inside:.4g}", f"{c.name}={c.maximum:g}", f"{c.name}={c.minimum}",
                f"{c.name}={c.maximum + span + 1:g}", f"{c.name}={c.minimum - 1:g}&other=3"]
    first = app.controls[0]
    out += [f"{first.name}=abc", f"{first.name}=", first.name, f"{first.name}=nan", f"{first.name}=inf",
            f"{first.name}=-Infinity", f"{first.name}=1e400", f"{first.name}=0x10", f"{first.name}=1_0",
            f"{first.name}=%20{first.maximum:g}%20", f"{first.name}={first.minimum:g}.0e0",
            f"{first.name}=1&{first.name}=zz", f"{first.name}=zz&{first.name}={first.maximum:g}",
            "scenario=no-such-thing", "scenario=", "scenario=a+b%E2%80%9C", "nothing=1&also=2", "", "=5&&",
            f"{first.name}=abc&{app.controls[-1].name}=-1e9&scenario=nope"]
    for c in app.choices:
        out += [f"{c.name}={c.options[-1]}", f"{c.name}=not-an-option", f"{c.name}={c.options[0].upper()}"]
    for name in app.scenarios:
        out += [f"scenario={name}", f"scenario={name}&{first.name}={first.maximum:g}",
                f"{first.name}=bad&scenario={name}"]
    ok = f"{first.name}={first.maximum:g}"
    out += [ok + "&x=" + "y" * (MAX_QUERY_CHARS - len(ok) - 3),   # exactly the longest used
            ok + "&x=" + "y" * (MAX_QUERY_CHARS - len(ok) - 2)]   # one character too many
    return out


@pytest.mark.parametrize("cls", explorers(), ids=lambda c: c.__name__)
def test_static_links_apply_what_the_kernel_applies(cls):
    queries = queries_for(cls)
    assert len(queries) >= 30
    assert len(queries[-2]) == MAX_QUERY_CHARS and len(queries[-1]) == MAX_QUERY_CHARS + 1
    base = cls()
    js = run_links(base.spec(), base.values, ["?" + q for q in queries])
    for query, got in zip(queries, js, strict=True):
        app = cls()
        applied = app.apply_url_parameters(query)
        assert got["applied"] == applied, query
        assert got["values"] == app.values, query
        assert got["notice"] == app.notice, query


def test_the_queries_reach_every_rule():
    """The parity above is not vacuous: the kernel applies, refuses, opens scenarios and drops long links."""
    notices = []
    for cls in (NernstLive, EnergyLive):
        for q in queries_for(cls):
            app = cls()
            app.apply_url_parameters(q)
            notices.append(app.notice)
    text = "\n".join(notices)
    for phrase in ("from the link", "must be between", "must be a number", "must be one of",
                   "unknown scenario", "Opened at the scenario", "longer than"):
        assert phrase in text, phrase
    assert "" in notices  # unknown names only: nothing said


def test_spec_carries_scenarios_notes_and_the_query_cap():
    spec = NernstLive().spec()
    assert spec["scenarios"] == {k: dict(v) for k, v in NernstLive.scenarios.items()}
    assert spec["scenario_notes"] == dict(NernstLive.scenario_notes)
    assert spec["max_query_chars"] == MAX_QUERY_CHARS
    json.dumps(SpikeLive().spec(), allow_nan=False)  # a read-only mapping of scenarios becomes JSON


def test_an_over_long_link_reported_by_a_voila_page_is_refused_not_cut():
    """The page reports one character more than the cap (``LocationReport``), so a long link is seen
    as long: nothing applied, the notice says why (before, the page cut it to the cap and the kernel
    applied whatever the cut left, e.g. ``k_out=1`` from ``k_out=10``)."""
    from nakmodel.widgets import links

    assert f"slice(0, {MAX_QUERY_CHARS} + 2)" in links._ESM
    reported = ("?x=" + "y" * (MAX_QUERY_CHARS - 10) + "&k_out=10")[: MAX_QUERY_CHARS + 2]
    app = NernstLive()
    app._on_location({"new": reported})
    assert app.values["k_out"] == NernstLive().values["k_out"]
    assert app.notice == ("The link's settings were not used: the link is longer than "
                          f"{MAX_QUERY_CHARS} characters.")
    short = NernstLive()
    short._on_location({"new": "?k_out=10"})
    assert short.values["k_out"] == 10.0
