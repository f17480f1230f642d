// Teacher links in the static book (?k_out=10, ?scenario=<name>): the same rules and the same
// notice sentences as LiveExplorer.apply_url_parameters (nakmodel/widgets/live/_explorer.py), which
// applies them in the kernel in Voilà. Scenarios, their notes and the longest query used come from
// the spec (Python); tests/frontend/test_links_parity.py runs both on the same queries.

// Python's float() on a string (ASCII): digits with single underscores between them, optional
// fraction and exponent, "inf"/"infinity"/"nan" with a sign; surrounding whitespace allowed.
const DIGITS = String.raw`\d(?:_?\d)*`;
const FLOAT = new RegExp(String.raw`^[+-]?(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:[eE][+-]?${DIGITS})?$`);
const SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;

export function pythonFloat(text) {
  const s = String(text).trim();
  if (FLOAT.test(s)) return Number(s.replace(/_/g, ""));
  const m = SPECIAL.exec(s);
  if (m) return m[2].toLowerCase() === "nan" ? NaN : (m[1] === "-" ? -Infinity : Infinity);
  return null; // "must be a number"
}

// Python's format(x, "g"): six significant digits, trailing zeros dropped, an exponent of at least
// two digits below 1e-4 and from 1e6 on.
export function formatG(x) {
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : (x > 0 ? "inf" : "-inf");
  const [mantissa, exp] = x.toExponential(5).split("e");
  const e = Number(exp);
  const strip = (t) => (t.includes(".") ? t.replace(/0+$/, "").replace(/\.$/, "") : t);
  if (e >= -4 && e < 6) return strip(x.toFixed(5 - e));
  return `${strip(mantissa)}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
}

// why a value of one control is refused (Python's ParameterError.allowed), or null if it is fine;
// `out` gets the value applied
function check(spec, key, raw, out) {
  const menu = (spec.choices ?? []).find((c) => c.name === key);
  if (menu) {
    if (!menu.options.includes(raw)) return `must be one of: ${menu.options.join("; ")}`;
    out[key] = raw;
    return null;
  }
  const c = spec.controls.find((d) => d.name === key);
  const x = pythonFloat(raw);
  if (x === null) return "must be a number";
  if (!(Number.isFinite(x) && c.min <= x && x <= c.max)) {
    return `must be between ${formatG(c.min)} and ${formatG(c.max)} ${c.unit}`;
  }
  out[key] = x;
  return null;
}

// search: location.search ("?k_out=10", "" or without "?"); values: the explorer's current values.
// Returns {values, applied, notice}: values with the link's applied, the values applied, and the
// sentence(s) for the notice line ("" if the link names nothing of this explorer). Never throws.
export function applyLink(spec, values, search) {
  const query = String(search ?? "").replace(/^\?/, "");
  const max = spec.max_query_chars;
  if (max !== undefined && query.length > max) {
    return { values: { ...values }, applied: {},
      notice: `The link's settings were not used: the link is longer than ${max} characters.` };
  }
  const params = new Map(); // first position, last value (Python's parse_qs, then v[-1])
  for (const [k, v] of new URLSearchParams(query)) params.set(k, v);
  const names = new Set([...spec.controls.map((c) => c.name), ...(spec.choices ?? []).map((c) => c.name)]);
  const scenarios = spec.scenarios ?? {};
  const applied = {};
  const problems = [];
  const notes = [];
  const scenario = params.get("scenario");
  params.delete("scenario");
  if (scenario !== undefined && Object.prototype.hasOwnProperty.call(scenarios, scenario)) {
    for (const [k, v] of Object.entries(scenarios[scenario])) applied[k] = typeof v === "string" ? v : Number(v);
    const note = spec.scenario_notes?.[scenario];
    notes.push(`Opened at the scenario “${scenario}”${note ? `: ${note}.` : "."}`);
  } else if (scenario !== undefined && Object.keys(scenarios).length) {
    problems.push(`unknown scenario “${scenario}” (known: ${Object.keys(scenarios).join(", ")})`);
  }
  for (const [key, raw] of params) {
    if (!names.has(key)) continue;
    const why = check(spec, key, raw, applied);
    if (why) problems.push(`${key}=${raw} (${why})`);
  }
  if (Object.keys(applied).length) notes.push("Opened with the settings from the link; Reset restores the defaults.");
  if (problems.length) notes.push(`Some link settings were not used: ${problems.join("; ")}.`);
  return { values: { ...values, ...applied }, applied, notice: notes.join(" ") };
}
