// The frame every explorer shares: title, controls, figure, aria-live readout and error line,
// wired to a model with anywidget's interface (live: anywidget's; static: core/model.js).
//
// An explorer supplies {figure(figEl, spec, theme, actions) -> {update(values, result), destroy()},
// readout(spec, values, result) -> {html, text}}; `text` is also the figure's text alternative.
// The `values` they get are the ones the result was computed for (result.values, echoed by both
// engines), not the controls' latest: live, a result can arrive before or after the values a later
// message brings, and a figure drawn from one and the other would disagree (a marker off its curve).
//
// Every move sends the whole `values` dict together with `move` = {seq, set}: the reader's moves
// the kernel has not answered yet, {control: value} (all controls for Reset). The kernel applies
// only those, so a move made before the page received the kernel's values (a teacher link a
// preheated kernel learnt a moment ago) never undoes the kernel's other values, and the kernel
// sends its values back with the result. A move stays in `set` until a result answers it
// (result.answered >= its seq): ipywidgets merges the messages queued behind a slow answer, and
// a move sent only once could be overwritten there by the next one.
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
  const unanswered = new Map(); // control -> {seq, value}: moves no result has answered yet
  const applyDisabled = (vals) => { if (explorer.disabled) controls.setDisabled(explorer.disabled(vals, spec)); };
  const send = (vals, names) => {
    applyDisabled(vals);
    const seq = (model.get("move")?.seq ?? 0) + 1;
    for (const name of names) unanswered.set(name, { seq, value: vals[name] });
    model.set("values", vals);
    model.set("move", { seq, set: Object.fromEntries([...unanswered].map(([name, m]) => [name, m.value])) });
    model.save_changes();
  };
  controls = buildControls(spec.controls, model.get("values"),
    (name, v) => send({ ...model.get("values"), [name]: v }, [name]),
    (defaults) => { notice.textContent = ""; controls.setValues(defaults); send(defaults, Object.keys(defaults)); },
    spec.choices ?? []);
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
    const result = model.get("result");
    const values = result.values ?? model.get("values"); // what the result is for
    figure.update(values, result);
    applyDisabled(model.get("values"));
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
      send({ ...model.get("values"), [name]: v }, [name]);
    },
  };
  const build = () => {
    figure?.destroy();
    figure = explorer.figure(figEl, spec, themeColors(root), actions);
    redraw();
  };
  const unregister = register(el, spec, model);
  build();
  const onResult = () => {
    const answered = model.get("result")?.answered;
    for (const [name, m] of unanswered) if (answered >= m.seq) unanswered.delete(name);
    redraw();
  };
  // the kernel's values, except where the reader's own move is still unanswered (an answer to an
  // earlier message must not flick that control back for a round trip)
  const onValues = () => {
    const shown = { ...model.get("values"),
      ...Object.fromEntries([...unanswered].map(([name, m]) => [name, m.value])) };
    controls.setValues(shown);
    applyDisabled(shown);
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
