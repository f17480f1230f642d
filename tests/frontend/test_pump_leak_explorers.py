"""The pump–leak loop and the stoichiometry explorer (live explorers on nakmodel.cell): what the
PNG apps checked, now on the result the front end draws, against values computed independently."""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest

from nakmodel import CellParams, ParameterError, electrogenic_share
from nakmodel.widgets.live import PumpLeakLive, StoichiometryLive
from nakmodel.widgets.live.stoichiometry import BASES, HIGHLIGHTS

R, F, E = 8.314462618, 96485.33212, 1.602176634e-19  # CODATA 2018, typed here
RT_37 = R * 310.15 / 1000.0  # kJ/mol


def state_of(html):
    return json.loads(re.search(r'<script type="application/json" class="nak-explorer-state">(.*?)</script>',
                                html).group(1))


# -- pump–leak loop ------------------------------------------------------------------------------
def test_pump_and_leak_currents_balance_and_atp_matches_the_na_leak():
    """Steady state: pump currents equal minus the leaks; ATP per cell from the Na⁺ leak by hand
    (3 Na⁺ per cycle, one ATP per cycle: cycles/s = −I_Na,leak · area / (3 e))."""
    r = PumpLeakLive().result
    for g in ("Na", "K", "net"):
        assert r["pump"][g] + r["leak"][g] == pytest.approx(0.0, abs=1e-6)
    p = CellParams()
    area_cm2 = math.pi * (p.diameter_um * 1e-4) ** 2
    atp_by_hand = -r["leak"]["Na"] * 1e-6 / (3 * E) * area_cm2
    assert r["atp_per_cell_s"] == pytest.approx(atp_by_hand, rel=1e-4)
    # charging equals spending at steady state (the chapter's claim)
    assert r["power_stored_pW"] == pytest.approx(r["power_dissipated_pW"], rel=1e-6)
    assert 0 < r["power_stored_pW"] < r["power_atp_pW"]
    # E_Na by hand at the steady-state concentrations
    assert r["E"]["Na"] == pytest.approx(R * 310.15 / F * 1e3 * math.log(145.0 / r["c_in"]["Na"]), abs=1e-9)


def test_electroneutral_pump_has_no_net_current_and_meets_the_ghk_line():
    app = PumpLeakLive()
    v32 = app.result["vm"]
    w = app.widget
    w.values = {**w.values, "stoich": app.choices[0].options[1]}
    assert w.error == ""
    assert w.result["pump"]["net"] == pytest.approx(0.0, abs=1e-12)
    assert w.result["vm"] == pytest.approx(w.result["v_ghk"], abs=1e-6)
    assert w.result["vm"] > v32


def test_refused_values_say_why_and_keep_the_last_result():
    app = PumpLeakLive()
    w = app.widget
    before = dict(w.result)
    w.values = {**w.values, "density": 1e5}
    assert "density" in w.error and "between" in w.error
    assert w.result == before
    with pytest.raises(ParameterError, match="stoich"):
        PumpLeakLive(stoich="4 Na⁺ : 1 K⁺")


def test_extreme_corner_is_finite():
    """Fewest pumps, leakiest Na⁺, least K⁺ leak: a steady state with finite numbers (or a clear error)."""
    r = PumpLeakLive(density=PumpLeakLive.controls[2].minimum, p_na=PumpLeakLive.controls[1].maximum,
                     p_k=PumpLeakLive.controls[0].minimum).result
    assert all(math.isfinite(x) for x in (r["vm"], r["c_in"]["Na"], r["c_in"]["K"], r["atp_per_cell_s"]))


def test_log_control_defaults_lie_on_the_snapping_grid():
    """The browser snaps a log slider to log10(min) + k·step; the default must survive that snap."""
    for c in PumpLeakLive.controls:
        k = (math.log10(c.default) - math.log10(c.minimum)) / c.step
        assert abs(k - round(k)) < 1e-6, c.name
    for name, settings in PumpLeakLive.scenarios.items():
        for key, v in settings.items():
            c = next((c for c in PumpLeakLive.controls if c.name == key), None)
            if c is not None:
                k = (math.log10(v) - math.log10(c.minimum)) / c.step
                assert abs(k - round(k)) < 1e-6, (name, key)


def test_spec_exports_the_exponent_format_and_the_cell():
    spec = PumpLeakLive().spec()
    p_k = spec["controls"][0]
    assert p_k["exp"] and p_k["decimals"] == 2 and p_k["log"]
    cell = spec["params"]["cell"]
    assert cell["diameter_um"] == CellParams().diameter_um and cell["pump"]["params"]["k1_fwd"] == 949.5
    assert spec["params"]["solver"]["rtol"] <= 1e-5


def test_pump_leak_static_placeholder():
    html = PumpLeakLive().static_html()
    assert 'data-explorer="pump_leak"' in html and 'alt="Pump-leak cell at steady state.' in html
    assert state_of(html)["result"]["vm"] == pytest.approx(-70.0, abs=0.05)


# -- stoichiometry explorer ---------------------------------------------------------------------------
@pytest.mark.parametrize("variant", list(HIGHLIGHTS))
@pytest.mark.parametrize("basis", list(BASES))
def test_every_variant_and_basis_gives_finite_results(variant, basis):
    app = StoichiometryLive(variant=variant, basis=basis)
    c = app.result["course"]
    assert len(c["t_s"]) == len(c["v_mV"]) == 90 and np.all(np.isfinite(c["v_mV"]))
    assert np.all(np.isfinite(np.array(app.result["grid_dg"])))
    if HIGHLIGHTS[variant] == (3, 2):  # nothing switches: the cell stays at rest
        assert np.ptp(c["v_mV"]) == 0.0


def test_bars_are_the_model_steady_states():
    """Panel B: GHK part + direct part = each variant's Vm (nakmodel.electrogenic_share, same_atp)."""
    rows = StoichiometryLive().result["rows"]
    s = electrogenic_share(CellParams(), stoichiometries=((3, 2), (3, 3), (2, 2), (1, 1)), basis="same_atp")
    for k, row in enumerate(rows):
        assert row["v_ghk_mV"] + row["direct_mV"] == pytest.approx(s.v_mV[k], abs=1e-9)
        assert row["direct_mV"] == pytest.approx(s.direct_mV[k], abs=1e-9)
    assert rows[0]["direct_mV"] < -1.0 and all(abs(r["direct_mV"]) < 1e-6 for r in rows[1:])


def test_time_course_starts_at_rest_and_heads_for_the_new_steady_state():
    app = StoichiometryLive(variant="1:1")
    v = np.array(app.result["course"]["v_mV"])
    s = electrogenic_share(CellParams(), stoichiometries=((3, 2), (1, 1)), basis="same_atp")
    assert v[0] == pytest.approx(s.v_mV[0], abs=0.2)  # first point 0.1 ms after the switch
    assert abs(v[-1] - s.v_mV[1]) < 0.2 * abs(v[0] - s.v_mV[1])  # > 80 % of the way after an hour
    assert (v[-1] - s.v_mV[1]) * (v[0] - s.v_mV[1]) > 0  # never past it


def test_grid_equals_hand_computed_work():
    """Panel D: n [RT ln(Nao/Nai) − FV] + m [RT ln(Ki/Ko) + FV], written out here."""
    app = StoichiometryLive()
    rest = app.result["rows"][0]
    fv = F * rest["v_mV"] * 1e-6
    for j, m in enumerate(app.params()["grid_k"]):
        for i, n in enumerate(app.params()["grid_na"]):
            na_work = RT_37 * math.log(145.0 / rest["na_in"]) - fv
            k_work = RT_37 * math.log(rest["k_in"] / 5.0) + fv
            by_hand = n * na_work + m * k_work
            assert app.result["grid_dg"][j][i] == pytest.approx(by_hand, abs=1e-9)


def test_defaults_come_from_cell_params():
    p = CellParams()
    d = {c.name: c.default for c in StoichiometryLive.controls}
    assert d["pump_density"] == p.pump_density_per_um2
    assert d["dg_atp"] == p.atp_free_energy_kJ_per_mol
    assert d["pna_pk"] == pytest.approx(p.p_na_cm_s / p.p_k_cm_s, rel=1e-3)


def test_menus_are_checked():
    app = StoichiometryLive()
    w = app.widget
    w.values = {**w.values, "variant": "4:1"}
    assert "variant" in w.error and "must be one of" in w.error
    w.values = {**w.values, "variant": "blocked"}
    assert w.error == "" and w.result["course"]["v_mV"][-1] > w.result["rows"][0]["v_mV"]


def test_stoichiometry_static_placeholder():
    html = StoichiometryLive().static_html()
    assert 'data-explorer="stoichiometry"' in html and 'alt="Four-panel figure comparing pump' in html
    state = state_of(html)
    assert state["values"]["variant"] == "3:3" and len(state["spec"]["params"]["t_eval"]) == 90


def test_grid_colours_are_matplotlibs_colormap():
    """The browser's panel D colours (written out so a live kernel needs no matplotlib) are the
    PNG's colormap sampled evenly, first colour at 0 and last at GRID_VMAX."""
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    from nakmodel.plots.shared import GRID_CMAP, GRID_COLORS

    cmap = colormaps[GRID_CMAP]
    n = len(GRID_COLORS)
    assert list(GRID_COLORS) == [to_hex(cmap(i / (n - 1))) for i in range(n)]
    assert StoichiometryLive().params()["grid_colors"]["colors"] == list(GRID_COLORS)
