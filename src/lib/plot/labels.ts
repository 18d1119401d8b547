/**
 * Keeps line labels from overlapping: given the vertical positions at which labels would sit
 * (pixels, y growing downwards), moves them apart so that neighbours are at least `gap` pixels
 * apart, keeping their top-to-bottom order and moving each as little as a single downward sweep
 * allows. Used where two reference lines can coincide (the IWAE chart's log p(x) and ELBO when
 * the proposal is the exact posterior).
 *
 *   const ys = spreadLabels(lines.map((l) => y(l.value) - 5), 14);
 */
export function spreadLabels(positions: readonly number[], gap: number): number[] {
  const order = positions.map((_, i) => i).sort((a, b) => (positions[a] ?? 0) - (positions[b] ?? 0));
  const out = positions.slice();
  let previous = -Infinity;
  for (const i of order) {
    const y = Math.max(positions[i] ?? 0, previous + gap);
    out[i] = y;
    previous = y;
  }
  return out;
}
