// Colours of the page the explorer sits in: the book theme's text colour (light or dark mode),
// read from the element itself, so nothing is hard-coded white or black.

export function themeColors(el) {
  const cs = getComputedStyle(el);
  const text = cs.color || "rgb(34, 34, 34)";
  const muted = cs.getPropertyValue("--pst-color-text-muted").trim() || withAlpha(text, 0.7);
  return { text, muted, grid: withAlpha(text, 0.15), faint: withAlpha(text, 0.45), font: cs.fontFamily || "sans-serif" };
}

export function withAlpha(rgb, alpha) {
  const m = rgb.match(/rgba?\(([^)]+)\)/);
  if (!m) return rgb;
  const [r, g, b] = m[1].split(",").map((s) => s.trim());
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

// Call onChange when the book switches between light and dark mode.
export function watchTheme(onChange) {
  const root = document.documentElement;
  const obs = new MutationObserver(onChange);
  obs.observe(root, { attributes: true, attributeFilter: ["data-theme", "data-mode", "class"] });
  const mq = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  mq?.addEventListener?.("change", onChange);
  return () => {
    obs.disconnect();
    mq?.removeEventListener?.("change", onChange);
  };
}
