"""Sphinx extension for the book: static rendering mode and Voilà launch links.

* Sets ``NAKMODEL_DISPLAY=static`` before the chapters are executed, so the
  widgets know they are being frozen into a static page (see
  ``nakmodel.widgets.mode.display_mode``); kernels inherit the environment.
* Adds "Interactive app (Voilà)" next to the Binder button of every chapter
  page, pointing at ``?urlpath=voila/render/<chapter>.ipynb`` on the same
  Binder image.
* Loads the live explorers' script (``_static/nakfront/nakfront.js``, built from
  ``frontend/`` by ``scripts/build_frontend.mjs``; see ``docs/frontend.md``) on
  every page: it turns each explorer placeholder into the live explorer, and
  the browser caches it across pages.
* ``{nak-parameter-table}``: the table of every physiological default of the
  science layer (value, unit, source, where used), generated from the
  ``nakmodel._params.param`` fields of its dataclasses (docs/models/parameters.md).
* Drops sphinx-thebe's script when thebe is off: jupyter-book 1.x adds it
  twice, which throws ``THEBE_JS_URL has already been declared`` in the
  browser console on every page.
"""

from __future__ import annotations

import os
from pathlib import Path

from docutils import nodes
from sphinx.builders.html._assets import _JavaScript
from sphinx.util.docutils import SphinxDirective

os.environ["NAKMODEL_DISPLAY"] = "static"


def _add_voila_button(app, pagename, templatename, context, doctree):
    buttons = context.get("header_buttons") or []
    group = next((b for b in buttons if b.get("label") == "launch-buttons"), None)
    if group is None:
        return
    binder = next((b for b in group["buttons"] if b.get("text") == "Binder"), None)
    if binder is None:
        return
    base = binder["url"].split("?urlpath=")[0]
    source = Path(app.env.doc2path(pagename))
    rel = f"{pagename}.ipynb" if source.suffix == ".ipynb" or source.with_suffix(".ipynb").exists() else None
    if rel is None:
        return
    binder["text"] = "Binder (JupyterLab)"
    group["buttons"].append(
        {
            "type": "link",
            "text": "Interactive app (Voilà)",
            "tooltip": "Open this chapter as an interactive app, without code (Voilà on Binder)",
            "icon": "fas fa-sliders",
            "url": f"{base}?urlpath=voila/render/{rel}",
            "label": "voila-button",
        }
    )
    context["nak_voila_url"] = f"{base}?urlpath=voila/render/{rel}"


# Runs after require.js and before the widget manager (embed-amd.js):
# 1. the manager derives its webpack public path (fonts) from its requirejs
#    module id; map that id to the vendored folder so nothing 404s;
# 2. @jupyter-widgets/html-manager 1.0.15 typesets labels with the MathJax 2
#    API (MathJax.Hub.Queue); the book loads MathJax 3, so provide that one
#    call on top of MathJax 3's typesetPromise.
_WIDGET_GLUE_JS = """require.config({paths: {
  "@jupyter-widgets/html-manager/dist": "%(dist)s", "@jupyter-widgets": "%(dist)s"}});
(function () {
  function hub() {
    return {Queue: function (job) {
      var mj = window.MathJax, el = job && job[2];
      if (mj && mj.typesetPromise) { mj.typesetPromise(el ? [el] : undefined).catch(function () {}); }
    }};
  }
  function install() { if (window.MathJax && !window.MathJax.Hub) { window.MathJax.Hub = hub(); } }
  install();
  document.addEventListener("DOMContentLoaded", install);
})();"""


def _clean_scripts(app, pagename, templatename, context, doctree):
    """Drop duplicate and unused scripts from the page head.

    jupyter-book 1.x sets up some extensions twice, so inline scripts
    (togglebutton's options, sphinx-thebe's ``const THEBE_JS_URL``) and the
    widget/MathJax files appear twice; the repeated ``const`` throws in the
    console. With thebe off its script is not needed at all. Also point
    ``data-jupyter-widgets-cdn`` at the vendored folder relative to this page.
    """
    scripts = context.get("script_files")
    if not scripts:
        return
    thebe_on = bool(context.get("use_thebe"))

    def describe(js):
        attrs = getattr(js, "attributes", {}) or {}
        filename = getattr(js, "filename", None) or ""
        key = filename.split("?")[0] if filename else ("inline", attrs.get("body", ""))
        return filename, attrs, key

    # for a file listed twice keep the entry that carries attributes (defer, cdn)
    best = {}
    for i, js in enumerate(scripts):
        _f, attrs, key = describe(js)
        if key not in best or len(attrs) > len(describe(scripts[best[key]])[1]):
            best[key] = i
    kept = []
    for i, js in enumerate(scripts):
        filename, attrs, key = describe(js)
        if best[key] != i:
            continue
        if not thebe_on and ("thebe" in filename or "THEBE_JS_URL" in attrs.get("body", "")):
            continue
        if filename.split("?")[0].removeprefix("_static/").startswith("vendor/") and not attrs:
            # jupyter-book adds every *.js under _static to every page, without attributes; the
            # vendored widget manager and MathJax are wanted only where myst-nb / Sphinx configure
            # them (with attributes). On a page without ipywidgets (only live explorers) the bare
            # embed-amd.js ran before require.js: "define is not defined".
            continue
        if filename.endswith("embed-amd.js") and "data-jupyter-widgets-cdn" in attrs:
            vendored = context["pathto"]("_static/vendor/html-manager/", 1)
            attrs["data-jupyter-widgets-cdn"] = vendored
            kept.append(_JavaScript(None, body=_WIDGET_GLUE_JS % {"dist": vendored.rstrip("/")}))
        kept.append(js)
    scripts[:] = kept


def _add_questions_assets(app):
    """The static renderer of the chapters' questions (nakmodel.widgets.questions): a classic
    script (works from file://, no inline code) and its style sheet, on every page."""
    app.add_js_file("nakquestions/questions.js", defer="defer")
    app.add_css_file("nakquestions/questions.css")


def _value_text(value):
    from collections.abc import Mapping

    if isinstance(value, Mapping):
        return ", ".join(f"{k} {v:g}" if isinstance(v, float) else f"{k} {v}" for k, v in value.items())
    if isinstance(value, float):
        return f"{value:g}".replace("-", "\u2212")
    return str(value)


class ParameterTable(SphinxDirective):
    """A table (class, parameter, value, unit, source, where used) of every ``param`` field of nakmodel."""

    has_content = False

    def run(self):
        from nakmodel._params import all_parameter_rows

        headers = ("class", "parameter", "value", "unit", "source", "where used")
        table = nodes.table(classes=["nak-parameters"])
        group = nodes.tgroup(cols=len(headers))
        table += group
        for width in (14, 18, 10, 8, 34, 16):
            group += nodes.colspec(colwidth=width)

        def row(cells):
            r = nodes.row()
            for text in cells:
                entry = nodes.entry()
                entry += nodes.paragraph(text=text)
                r += entry
            return r

        head = nodes.thead()
        head += row(headers)
        group += head
        body = nodes.tbody()
        for r in all_parameter_rows():
            name = f"{r['name']}" + (f" ({r['doc']})" if r["doc"] else "")
            body += row((f"{r['module']}.{r['cls']}", name, _value_text(r["value"]), r["unit"], r["source"],
                         r["where"]))
        group += body
        return [table]


def setup(app):
    app.add_js_file("nakfront/nakfront.js", defer="defer")
    _add_questions_assets(app)
    app.add_directive("nak-parameter-table", ParameterTable)
    app.connect("html-page-context", _add_voila_button, priority=502)
    app.connect("html-page-context", _clean_scripts, priority=900)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
