// The frame every explorer shares: title, controls, figure, aria-live readout and error line,
// wired to a model with anywidget's interface (live: anywidget's; static: core/model.js).
//
// An explorer supplies {figure(figEl, spec, theme, actions) -> {update(values, result), destroy()},
// readout(spec, values, result) -> {html, text}}; `text` is also the figure's text alternative.
// actions.setValue(name, value) moves a control as the reader would (preset buttons).
// Optional: note(spec) -> text shown under the controls (e.g. "the sliders snap to …");
// disabled(values, spec) -> names of controls that do not apply to these values (disabled and
// greyed out as soon as the values change, before the engine answers; docs/frontend.md).

import uplotCss from "../../_static/vendor/uplot/uPlot.min.css";
import css from "./style.css";
import { buildControls } from "./controls.js";
import { announce, register } from "./registry.js";
import { themeColors, watchTheme } from "./theme.js";

function injectStyle() {
  if (document.getElementById("nak-front-style")) return;
  const style = document.createElement("style");
  style.id = "nak-front-style";
  style.textContent = `${uplotCss}\n${css}`;
  document.head.append(style);
}

export function mount({ model, el }, explorer) {
  injectStyle();
  const spec = model.get("spec");
  const root = document.createElement("div");
  root.className = `nak-live nak-${spec.explorer}`;
  const title = document.createElement("p");
  title.className = "nak-title";
  title.textContent = spec.title;
  const figEl = document.createElement("div");
  figEl.className = "nak-figure";
  figEl.setAttribute("role", "img");
  const readout = document.createElement("div");
  readout.className = "nak-readout";
  readout.setAttribute("aria-live", "polite");
  const error = document.createElement("p");
  error.className = "nak-error";
  error.setAttribute("role", "alert");
  const notice = document.createElement("p");
  notice.className = "nak-notice";
  notice.textContent = model.get("notice") || "";

  let controls = null;
  const applyDisabled = (vals) => { if (explorer.disabled) controls.setDisabled(explorer.disabled(vals, spec)); };
  const send = (vals) => {
    applyDisabled(vals);
    model.set("values", vals);
    model.save_changes();
  };
  controls = buildControls(spec.controls, model.get("values"),
    (name, v) => send({ ...model.get("values"), [name]: v }),
    (defaults) => { notice.textContent = ""; controls.setValues(defaults); send(defaults); }, spec.choices ?? []);
  root.append(title, notice, controls.el);
  if (explorer.note) {
    const note = document.createElement("p");
    note.className = "nak-note";
    note.textContent = explorer.note(spec);
    root.append(note);
  }
  root.append(figEl, readout, error);
  el.replaceChildren(root);

  let figure = null;
  let updates = 0;
  const redraw = () => {
    const values = model.get("values");
    const result = model.get("result");
    figure.update(values, result);
    applyDisabled(values);
    const r = explorer.readout(spec, values, result);
    readout.innerHTML = r.html;
    figEl.setAttribute("aria-label", r.text);
    el.dataset.updates = String(++updates);
    el.dispatchEvent(new CustomEvent("nak-updated", { detail: { updates } }));
    announce(el, spec, values, result);
  };
  const actions = {
    setValue(name, v) {
      controls.setValues({ [name]: v });
      send({ ...model.get("values"), [name]: v });
    },
  };
  const build = () => {
    figure?.destroy();
    figure = explorer.figure(figEl, spec, themeColors(root), actions);
    redraw();
  };
  const unregister = register(el, spec, model);
  build();
  const onResult = () => redraw();
  const onValues = () => {
    controls.setValues(model.get("values"));
    applyDisabled(model.get("values"));
  };
  const onError = () => { error.textContent = model.get("error") || ""; };
  // a teacher link learnt after the page loaded (preheated kernel) says so here
  const onNotice = () => { notice.textContent = model.get("notice") || ""; };
  model.on("change:result", onResult);
  model.on("change:values", onValues);
  model.on("change:error", onError);
  model.on("change:notice", onNotice);
  const unwatch = watchTheme(() => requestAnimationFrame(build));
  return () => {
    unregister();
    unwatch();
    model.off("change:result", onResult);
    model.off("change:values", onValues);
    model.off("change:error", onError);
    model.off("change:notice", onNotice);
    figure?.destroy();
  };
}
