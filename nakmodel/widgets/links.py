"""Teacher links: ``…/chapter.ipynb?scenario=<name>`` or ``?<control>=<value>`` open an app at that state.

Where the query string comes from (nothing here ever waits for it):

* a Voilà kernel started *for* a page has it in ``QUERY_STRING``; it is
  applied while the app is built;
* a kernel of Voilà's preheated pool was started before any request, so the
  page itself reports it: :class:`LocationReport`, a tiny anywidget without
  any visible content, sends ``window.location.search`` to the kernel once
  its view is rendered, and the app then applies it. The notebook's cells
  never block, so a pooled kernel that waited hours for its student still
  serves its app (Voilà's ``VoilaExecutor.timeout`` counts only running cells).

The report is accepted once per app (the page's address does not change) and
handled like any other control move: values are checked against the
controls' ranges and options, bad ones are listed in the app's message. It
gives a page no power beyond moving the app's own controls. A control the
reader moved before the report arrived keeps the reader's value; a move sent
after it, from a page that has not yet received the link's values, changes only
the control moved (``LiveExplorer._on_page_move``; docs/frontend.md, "Teacher
links and the reader's first moves").

In the static book the anywidget is never created (the book's widget manager
cannot load it); outside Voilà (Jupyter, Binder's lab) neither.
"""

from __future__ import annotations

import functools
import os

from .mode import preheated

__all__ = ["MAX_QUERY_CHARS", "LocationReport", "request_query"]

#: Longest query string (without its "?") used; a longer one is not applied and the app says so
#: (a teacher link is short). The page reports at most this many characters plus two.
MAX_QUERY_CHARS = 2000

_ESM = """
function report(model) {
  if (!model.get("search")) {
    // one character more than the longest query used, so that an over-long one is seen as such
    model.set("search", (window.location.search || "?").slice(0, MAX + 2));
    model.save_changes();
  }
}
export default {
  render({ model, el }) {
    el.setAttribute("aria-hidden", "true");
    // report once the app's sliders are drawn: a slider view may send its own value back when it
    // is created, and that must reach the kernel before the link's values do
    let tries = 0;
    const tick = () => {
      const box = el.closest(".nak-app");
      const drawn = box ? box.querySelectorAll(".widget-slider .noUi-handle").length : 0;
      if (drawn >= model.get("sliders") || ++tries > 100) {
        requestAnimationFrame(() => setTimeout(() => report(model), 50));
      } else {
        setTimeout(tick, 50);
      }
    };
    tick();
  }
};
""".replace("MAX", str(MAX_QUERY_CHARS))

@functools.lru_cache(maxsize=1)
def _location_report_class():
    import anywidget
    import traitlets

    class LocationReport(anywidget.AnyWidget):
        """Reports the page's ``window.location.search`` (``"?"`` if empty) to the kernel, once."""

        _esm = _ESM
        search = traitlets.Unicode("").tag(sync=True)
        sliders = traitlets.Int(0).tag(sync=True)  # how many slider handles to wait for

    return LocationReport


def LocationReport(**kwargs):
    """A :class:`anywidget.AnyWidget` that sends the page's query string to the kernel."""
    return _location_report_class()(**kwargs)


def request_query() -> str | None:
    """The page's query string if this kernel was started for the request, else ``None``.

    ``None`` in a preheated kernel (no request yet) and outside Voilà.
    """
    if preheated():
        return None
    return os.environ.get("QUERY_STRING")
