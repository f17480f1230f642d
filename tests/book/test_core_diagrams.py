"""The core path's labelled diagrams (nakmodel.plots.core_diagrams): drawn from nakmodel's numbers,
with a text alternative that states them, shown as an <img alt> in the book and in Voilà."""

import json
import math
import re
from pathlib import Path

import pytest

from nakmodel.constants import MAMMALIAN_NEURON

ROOT = Path(__file__).resolve().parents[2]
R, F = 8.314462618, 96485.33212


def _minus(x):
    return f"{x:+.0f}".replace("-", "\u2212")


def test_membrane_diagram_states_the_reference_neuron():
    from nakmodel.plots.core_diagrams import membrane_diagram
    d = membrane_diagram()
    out, inside = MAMMALIAN_NEURON.c_out_mM, MAMMALIAN_NEURON.c_in_mM
    t_k = MAMMALIAN_NEURON.temperature_C + 273.15
    e_k = R * t_k / F * 1e3 * math.log(out["K"] / inside["K"])      # Nernst, written out here
    e_na = R * t_k / F * 1e3 * math.log(out["Na"] / inside["Na"])
    for text in (f"Na+ {out['Na']:.0f} mM", f"K+ {inside['K']:.0f} mM", "3 Na+ out and 2 K+ in",
                 f"{_minus(e_k)} mV", f"{_minus(e_na)} mV", f"{_minus(MAMMALIAN_NEURON.v_rest_mV)} mV"):
        assert text in d.alt, text
    html = d._repr_html_()
    assert re.search(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]{1000,}" alt="Diagram of', html)


def test_action_potential_diagram_labels_phases_and_threshold():
    from nakmodel.hh import simulate_hh, voltage_threshold
    from nakmodel.plots.core_diagrams import action_potential_diagram
    d = action_potential_diagram()
    thr = voltage_threshold("mammalian")
    assert f"threshold of {_minus(thr.v_threshold_mV)} mV" in d.alt
    for phase in ("depolarises", "repolarises", "hyperpolarisation", "refractory period"):
        assert phase in d.alt
    # the peak the text alternative states is that of a fresh run of the same stimulus
    res = simulate_hh(1.5 * thr.amplitude_uA_cm2, 12.0, onset_ms=2.0, pulse_ms=thr.pulse_ms,
                      model="mammalian")
    assert f"peak of {_minus(res.v_mV.max())} mV" in d.alt
    assert res.spike_times_ms.size == 1
    ax = d.fig.axes[0]
    labels = " ".join(t.get_text() for t in ax.texts)
    assert "threshold" in labels and "resting potential" in labels


@pytest.mark.parametrize("chapter,call", [("resting_potential", "membrane_diagram()"),
                                          ("action_potentials", "action_potential_diagram()")])
def test_chapters_show_the_diagrams_on_the_core_path(chapter, call):
    cells = json.loads((ROOT / "chapters" / f"{chapter}.ipynb").read_text())["cells"]
    code = [c for c in cells if c["cell_type"] == "code" and call in "".join(c["source"])]
    assert len(code) == 1 and code[0]["metadata"]["tags"] == ["remove-input"]   # shown in Voilà too
    i = cells.index(code[0])
    assert "## The core idea" in "".join(cells[i - 1]["source"])
