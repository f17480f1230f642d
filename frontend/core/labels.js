// Label placement for text drawn next to lines on a canvas (presentation only): labels that
// would overlap are moved apart, as little as possible, and kept inside the plot.

// positions: wanted positions (e.g. canvas y pixels of the lines), any order; gap: the least
// distance between two labels (a label's height); [lo, hi]: where labels may go.
// Returns positions in the same order, each pair at least `gap` apart (when the range holds
// them all), in the same order as the wanted ones, each cluster of pushed labels centred on
// the mean of its wanted positions (least squares for a cluster), then shifted inside [lo, hi].
export function placeLabels(positions, gap, lo = -Infinity, hi = Infinity) {
  const order = positions.map((_, i) => i).sort((a, b) => positions[a] - positions[b] || a - b);
  const want = order.map((i) => positions[i]);
  // clusters of consecutive labels: {start, n, top}; label k of a cluster sits at top + k·gap
  const clusters = [];
  const fit = (c) => {
    let s = 0;
    for (let k = 0; k < c.n; k++) s += want[c.start + k] - k * gap;
    c.top = Math.min(Math.max(s / c.n, lo), hi - (c.n - 1) * gap);
  };
  for (let i = 0; i < want.length; i++) {
    clusters.push({ start: i, n: 1, top: 0 });
    fit(clusters[clusters.length - 1]);
    // merge with the previous cluster while the two overlap
    while (clusters.length > 1) {
      const c = clusters[clusters.length - 1];
      const p = clusters[clusters.length - 2];
      if (p.top + p.n * gap <= c.top + 1e-9) break;
      p.n += c.n;
      clusters.pop();
      fit(p);
    }
  }
  const out = new Array(positions.length);
  for (const c of clusters) for (let k = 0; k < c.n; k++) out[order[c.start + k]] = c.top + k * gap;
  return out;
}
