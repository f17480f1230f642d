// The static book's engine: a model with anywidget's interface (get, set, on, off,
// save_changes) that computes in the page. Live, anywidget's own model syncs the same
// state with the Python app (nakmodel/widgets/live/_explorer.py), which computes instead.

export class StaticModel {
  // state: {spec, values, result}; compute(params, values) -> result (a port in frontend/ports/)
  constructor(state, compute) {
    this.state = { error: "", ...state };
    this.compute = compute;
    // The page shows one engine's numbers throughout: the port recomputes the result Python
    // embedded (the same up to the port's stated tolerance; the spike explorer's RK4 bill can
    // differ in its last shown digit). If the port refuses the values, Python's result stays.
    try {
      this.state.result = this.run();
    } catch (err) {
      this.state.error = "";
    }
    this.listeners = new Map();
    this.pending = new Set();
  }

  get(key) {
    return this.state[key];
  }

  set(key, value) {
    this.state[key] = value;
    this.pending.add(key);
  }

  on(event, callback) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event).add(callback);
  }

  off(event, callback) {
    this.listeners.get(event)?.delete(callback);
  }

  emit(key) {
    for (const cb of this.listeners.get(`change:${key}`) ?? []) cb();
  }

  // the port's result with the values it is for and the last move it answers (as the kernel
  // sends it: result.values, result.answered)
  run() {
    const values = { ...this.state.values };
    return { ...this.compute(this.state.spec.params, values), values, answered: this.state.move?.seq ?? 0 };
  }

  // What the kernel does live: new values -> new result (or an error message). (`move` matters
  // only to the kernel: here the values are always the page's own.)
  save_changes() {
    const changed = this.pending;
    this.pending = new Set();
    if (changed.has("values")) {
      try {
        this.state.result = this.run();
        this.state.error = "";
        this.emit("result");
      } catch (err) {
        this.state.error = String(err.message ?? err);
      }
      this.emit("error");
    }
  }
}
