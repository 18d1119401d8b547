/**
 * The diagnostics page's one-line answer to "why this backend?", from a `BackendChoice`: the
 * override, the measured winner against the runner-up (how many times faster), the only working
 * backend, a result remembered from an earlier visit, or the next backend after a lost WebGL
 * context. Pure: strings and names come in as functions, so it needs no DOM.
 */
import type { BackendChoice, BackendName } from '../../lib/vae/backend.ts';

type Format = (key: string, values?: Record<string, string | number>) => string;

/** Step times to two significant figures below 10 ms, whole milliseconds above. */
export const formatMs = (ms: number) => (ms >= 10 ? ms.toFixed(0) : ms.toPrecision(2));

export function whyChosen(choice: BackendChoice, s: Format, label: (name: BackendName) => string): string {
  const measured = choice.attempts.filter((attempt) => attempt.ok && attempt.msPerStep !== undefined);
  const winner = measured.find((attempt) => attempt.name === choice.name);
  const ms = winner?.msPerStep ?? Number.NaN;
  switch (choice.reason) {
    case 'override':
      return s('backendCheck.whyOverride', { name: choice.name });
    case 'only':
      return s('backendCheck.whyOnly', { ms: formatMs(ms) });
    case 'fastest':
    case 'cached': {
      const others = measured.filter((attempt) => attempt.name !== choice.name).sort((a, b) => (a.msPerStep ?? 0) - (b.msPerStep ?? 0));
      const next = others[0];
      if (winner === undefined || next?.msPerStep === undefined) return s('backendCheck.whyOnly', { ms: formatMs(ms) });
      const values = { ms: formatMs(ms), next: label(next.name), nextMs: formatMs(next.msPerStep), factor: (next.msPerStep / ms).toFixed(1) };
      return s(choice.reason === 'cached' ? 'backendCheck.whyCached' : 'backendCheck.whyFastest', values);
    }
    default:
      return s('backendCheck.whyNext');
  }
}
