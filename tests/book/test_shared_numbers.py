"""Quantities several chapters show agree on the built pages (issue: one reference cell).

Each group lists (chapter, glue name[, factor]) pairs that show the same
quantity of the book's reference neuron; two shown values agree when both can
be roundings of one number (their difference is at most the sum of their
rounding half-widths). A failure names the pages and the texts shown.
"""

from __future__ import annotations

import html
import itertools
import json
import re

import pytest

from .pages import glued_on_page, number, page_text

#: name -> [(chapter, glue name, factor)], factor -1 when a page shows the magnitude of a negative quantity.
SHARED = {
    "[Na+]i of the reference neuron (mM)": [
        ("ion_gradients", "na_in", 1), ("pump_cycle", "na_in", 1), ("stoichiometry", "na_rest", 1),
        ("resting_potential", "ss_na", 1), ("ouabain", "na0", 1)],
    "resting potential (mV)": [
        ("ion_gradients", "v_rest", 1), ("stoichiometry", "v_rest", 1), ("resting_potential", "ss_v", 1),
        ("ouabain", "v0", 1)],
    "E_Na of the reference neuron (mV)": [
        ("ion_gradients", "e_na", 1), ("resting_potential", "e_na", 1), ("resting_potential", "ss_e_na", 1),
        ("secondary_transport", "e_na_ncx", 1)],
    "E_K of the reference neuron (mV)": [
        ("ion_gradients", "e_k", 1), ("resting_potential", "e_k", 1), ("resting_potential", "ss_e_k", 1)],
    "pump turnover at rest (cycles/s)": [
        ("pump_cycle", "rate_rest", 1), ("resting_potential", "cycles_per_pump", 1)],
    "work per pump cycle at rest (kJ/mol)": [
        ("pump_cycle", "pump_cost_1dp", 1), ("stoichiometry", "dg_32", 1)],
    "pump reversal potential (mV)": [("pump_cycle", "v_rev", 1), ("stoichiometry", "pump_vrev", 1)],
    "ΔG_ATP of the pump model (kJ/mol)": [
        ("pump_cycle", "dg_atp_model", 1), ("stoichiometry", "dg_atp_model", 1),
        ("resting_potential", "dg_atp", -1)],
    "pump's direct share of Vm (mV)": [
        # signed on every page (the ouabain page too: the pump's part of Vm, negative)
        ("stoichiometry", "direct_32", 1), ("resting_potential", "direct_mv", 1),
        ("ouabain", "direct_mV", 1)],
    "jump of Vm on complete pump block (mV)": [
        ("stoichiometry", "block_jump", 1), ("resting_potential", "block_jump", 1),
        ("ouabain", "jump_mV", 1)],
    "net pump current at rest (µA/cm²)": [("stoichiometry", "i_pump", 1), ("resting_potential", "i_pump", 1)],
}


@pytest.fixture(scope="module")
def pages(built_book):
    cache = {}

    def get(chapter):
        if chapter not in cache:
            cache[chapter] = glued_on_page(built_book, chapter)
        return cache[chapter]
    return get


def _agree(a, b):
    (x, hx), (y, hy) = a, b
    return abs(x - y) <= hx + hy + 1e-9


@pytest.mark.parametrize("quantity", list(SHARED))
def test_shared_quantity_agrees_across_chapters(pages, quantity):
    shown = []
    for chapter, name, factor in SHARED[quantity]:
        texts = pages(chapter).get(name)
        assert texts, f"{quantity}: {chapter} shows no {{glue}}`{name}` (renamed? update SHARED)"
        for text in texts:
            x, h = number(text)
            shown.append((f"{chapter}:{name} = {text!r}", (factor * x, h)))
    bad = [f"{a} vs {b}" for (a, va), (b, vb) in itertools.combinations(shown, 2) if not _agree(va, vb)]
    assert not bad, f"{quantity} disagrees between pages:\n" + "\n".join(bad)


def _explorer_state(built_book, chapter, explorer):
    """The JSON state a live explorer's static placeholder carries on the built page (what the
    page's script computes its readout from)."""
    raw = (built_book.html / "chapters" / f"{chapter}.html").read_text(errors="replace")
    m = re.search(rf'data-explorer="{explorer}".*?<script type="application/json"[^>]*>(.*?)</script>',
                  raw, re.S)
    assert m, f"no {explorer} explorer placeholder on the {chapter} page"
    return json.loads(html.unescape(m.group(1)) if "&quot;" in m.group(1) else m.group(1))


def test_ncx_reversal_in_text_equals_app_readout(built_book, pages):
    """The NCX reversal potential the prose gives is the one the explorer below it shows (its
    readout is computed in the page from the embedded state's result)."""
    e_ncx = _explorer_state(built_book, "secondary_transport", "cotransport")["result"]["e_ncx"]
    for text in pages("secondary_transport")["e_ncx"]:
        assert _agree(number(text), (e_ncx, 0.0)), f"text E_NCX {text!r} vs explorer {e_ncx:.2f} mV"


def test_pump_share_of_brain_energy_in_text_equals_chart(built_book, pages):
    """The pump's share of total brain ATP in the prose is the one the chart's description gives."""
    chart = re.findall(r"the Na\+/K\+ pump pays about (\d+)% of the total",
                       page_text(built_book, "energy_bill"))
    assert chart, "no energy-budget chart description on the energy-bill page"
    for text in pages("energy_bill")["h_pump_tot"]:
        assert _agree(number(text), number(chart[0])), f"text pump share {text!r} % vs chart {chart[0]} %"
