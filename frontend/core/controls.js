// Controls drawn from their Python specification (label, unit, default, min, max, step,
// decimals, log): native range inputs (keyboard: arrows, Page Up/Down, Home/End), a visible
// value, a reset button; a control moved from its default is marked (class nak-changed).

import { fmt, fmtg, sci } from "./format.js";

// Element ids unique on the page: in Voilà each explorer is its own ES module bundle (with its own
// copy of this file), so the counter lives on globalThis, shared by every bundle on the page.
function nextId() {
  globalThis.__nakControlIds = (globalThis.__nakControlIds ?? 0) + 1;
  return `nak-ctl-${globalThis.__nakControlIds}`;
}

function toPosition(c, v) {
  return c.log ? Math.log10(v) : v;
}

function fromPosition(c, p) {
  if (c.log) return Math.min(c.max, Math.max(c.min, 10 ** p));
  return Number(p.toFixed(Math.max(c.decimals, 0)));
}

// the value as the control shows it: 1.00 × 10⁻⁶ for an "e" format, significant digits for a
// "g" format, else fixed decimals
export function shownValue(c, v) {
  if (c.exp) return sci(v, c.decimals);
  return c.significant ? fmtg(v, c.significant) : fmt(v, c.decimals);
}

export function valueText(c, v) {
  return c.unit ? `${shownValue(c, v)} ${c.unit}` : shownValue(c, v);
}

// Returns {el, setValues(values)}; onInput(name, value) is called on every move.
// `choices` are menus: {name, label, options: [strings], default}.
export function buildControls(controls, values, onInput, onReset, choices = []) {
  const el = document.createElement("div");
  el.className = "nak-controls";
  const rows = new Map();
  for (const c of controls) {
    const id = nextId();
    const row = document.createElement("div");
    row.className = c.exp ? "nak-control nak-wide" : "nak-control";
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = c.unit ? `${c.label} (${c.unit})` : c.label;
    const input = document.createElement("input");
    input.type = "range";
    input.id = id;
    input.name = c.name;
    input.min = String(toPosition(c, c.min));
    input.max = String(toPosition(c, c.max));
    input.step = String(c.step);
    const out = document.createElement("output");
    out.htmlFor = id;
    row.append(label, input, out);
    el.append(row);
    rows.set(c.name, { c, input, out, row });
    input.addEventListener("input", () => {
      const v = fromPosition(c, Number(input.value));
      show(c.name, v);
      onInput(c.name, v);
    });
  }
  const menus = new Map();
  for (const m of choices) {
    const id = nextId();
    const row = document.createElement("div");
    row.className = "nak-control nak-menu";
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = m.label;
    const select = document.createElement("select");
    select.id = id;
    select.name = m.name;
    for (const o of m.options) select.append(new Option(o, o));
    row.append(label, select);
    el.append(row);
    menus.set(m.name, { m, select, row });
    select.addEventListener("change", () => {
      row.classList.toggle("nak-changed", select.value !== m.default);
      onInput(m.name, select.value);
    });
  }
  const reset = document.createElement("button");
  reset.type = "button";
  reset.className = "nak-reset";
  reset.textContent = "Reset";
  reset.title = "Restore every control to its default";
  reset.addEventListener("click", () => onReset(Object.fromEntries([...controls, ...choices].map((c) => [c.name, c.default]))));
  el.append(reset);

  function show(name, v) {
    const { c, input, out, row } = rows.get(name);
    out.textContent = shownValue(c, v);
    input.setAttribute("aria-valuetext", valueText(c, v));
    row.classList.toggle("nak-changed", Math.abs(v - c.default) > 1e-9 * Math.max(1, Math.abs(c.default)));
  }

  function setValues(vals) {
    for (const [name, v] of Object.entries(vals)) {
      const menu = menus.get(name);
      if (menu) {
        menu.select.value = v;
        menu.row.classList.toggle("nak-changed", v !== menu.m.default);
        continue;
      }
      const r = rows.get(name);
      if (!r) continue;
      r.input.value = String(toPosition(r.c, v));
      show(name, v);
    }
  }
  // Controls that do not apply to the current settings are disabled (the native attribute: not
  // focusable, announced as unavailable) and greyed out; every other control is enabled.
  function setDisabled(names) {
    const off = new Set(names);
    for (const [name, r] of rows) {
      r.input.disabled = off.has(name);
      r.row.classList.toggle("nak-disabled", off.has(name));
    }
    for (const [name, m] of menus) {
      m.select.disabled = off.has(name);
      m.row.classList.toggle("nak-disabled", off.has(name));
    }
  }
  setValues(values);
  return { el, setValues, setDisabled, inputs: rows };
}
