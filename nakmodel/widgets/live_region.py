"""A polite live region for the live questions' feedback (Jupyter, Voilà).

ipywidgets' ``HTML``/``HTMLMath`` views replace their content, and nothing in them is an ARIA live
region, so a screen reader is not told when feedback appears. :func:`live_region` returns a small
anywidget whose view is one ``<div role="status" aria-live="polite">``, created when the widget is
first shown (with the page, before any answer) and kept: a new ``value`` changes only its content,
which is what screen readers announce (WAI-ARIA 1.2, ``aria-live``).

The front end is a few lines of ES module in :data:`LIVE_REGION_ESM`. anywidget imports it from a
``blob:`` URL it creates itself, which the classroom server's ``Content-Security-Policy`` allows
(``docs/security.md``); there is no inline ``<script>`` and no template change, so it works in the
book's Voilà template, in Voilà's stock one and in JupyterLab alike. The static book's questions get
the same region from ``_static/nakquestions/questions.js``.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["LIVE_REGION_ESM", "live_region"]

#: The view: one persistent polite status region; ``value`` (trusted HTML written by
#: nakmodel.widgets.questions) becomes its content.
LIVE_REGION_ESM = """
function render({ model, el }) {
  const region = document.createElement("div");
  region.className = "nak-live-region";
  region.setAttribute("role", "status");
  region.setAttribute("aria-live", "polite");
  const show = () => { region.innerHTML = model.get("value"); };
  show();
  model.on("change:value", show);
  el.appendChild(region);
  return () => model.off("change:value", show);
}
export default { render };
"""


@lru_cache(maxsize=1)
def _widget_class():
    import anywidget
    import traitlets

    class LiveRegion(anywidget.AnyWidget):
        """HTML shown in a persistent ``role="status" aria-live="polite"`` element."""

        _esm = LIVE_REGION_ESM
        value = traitlets.Unicode("").tag(sync=True)

    return LiveRegion


def live_region(value: str = "", **kwargs):
    """A new live-region widget showing ``value`` (HTML); ``kwargs`` go to the widget (``layout``)."""
    return _widget_class()(value=value, **kwargs)
