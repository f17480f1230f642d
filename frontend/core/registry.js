// What other scripts on the page may read from a mounted explorer (docs/questions.md, "The hook").
//
//   window.nakExplorers[name] = {explorer, spec, values(), result(), el}
//       the explorer named `name` (spec.explorer) mounted last on the page; values() and result()
//       read the model at the moment of the call (static book: the in-page port; Voilà: the state
//       synced with the kernel).
//   "nak-explorer-result" (CustomEvent, bubbles from the explorer's element to document)
//       dispatched after every redraw, including the first, with detail {explorer, values, result}.
//
// The questions' predict-then-test (_static/nakquestions/questions.js) reads the registry when the
// student presses "I have tried it". Every explorer mounted through core/app.js gets both.

export function register(el, spec, model) {
  const registry = (window.nakExplorers = window.nakExplorers || {});
  const entry = {
    explorer: spec.explorer,
    spec,
    el,
    values: () => ({ ...model.get("values") }),
    result: () => model.get("result"),
  };
  registry[spec.explorer] = entry;
  return () => {
    if (registry[spec.explorer] === entry) delete registry[spec.explorer];
  };
}

export function announce(el, spec, values, result) {
  el.dispatchEvent(new CustomEvent("nak-explorer-result", {
    bubbles: true,
    detail: { explorer: spec.explorer, values: { ...values }, result },
  }));
}
