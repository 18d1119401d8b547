/**
 * The status line of every training figure, from the training controller's snapshot — the one
 * place these texts are chosen (the training panels and the diagnostics page's training check
 * share it). It reads the `training.*` and `backend.*` strings of the figure.
 */
import { formatString } from '../../i18n/index.ts';
import type { TrainingSnapshot } from '../../lib/training/controller.ts';
import { formatNumber } from '../format.ts';
import { failureText, type StringLookup } from './load-error.ts';

/** `s('paused')` → the figure's `training.paused`, with `{…}` values filled in. */
export function trainingStrings(strings: Readonly<Record<string, string>>): StringLookup {
  return (key, values) => formatString(strings[`training.${key}`] ?? key, values);
}

/** A backend's name for the reader ('WASM'), from the figure's `backend.*` strings. */
export const backendName = (strings: Readonly<Record<string, string>>, name: string) => strings[`backend.${name}`] ?? name;

/**
 * The status line. A notice (a reset, a restore, a recovery) outranks the state's own text until
 * the next state change. `pretrained`: the figure starts from shipped weights.
 */
export function statusText(snapshot: TrainingSnapshot, strings: Readonly<Record<string, string>>, pretrained: boolean): string {
  const s = trainingStrings(strings);
  const { notice, state, steps } = snapshot;
  if (notice?.kind === 'restored') return s('restored', { step: notice.step, rate: String(notice.learningRate) });
  if (notice?.kind === 'recovered') {
    const { from, to, restoredStep, lostSteps } = notice.event;
    return s('recovered', { from: backendName(strings, from), to: backendName(strings, to), step: restoredStep, lost: lostSteps });
  }
  if (notice?.kind === 'changed' && notice.text !== undefined) return notice.text;
  if (notice?.kind === 'reset' || notice?.kind === 'scratch') return s(`${notice.kind}Done`);
  if (state === 'diverged') {
    const d = snapshot.divergence;
    const good = snapshot.lastGoodStep ?? 0;
    if (d?.best !== undefined) return s('runaway', { step: d.step, term: d.term, value: formatNumber(d.value, 1), best: formatNumber(d.best, 1), good });
    return s('diverged', { step: d?.step ?? 0, term: d?.term ?? '?', value: String(d?.value), good });
  }
  if (state === 'error') return failureText(snapshot.error, s);
  if (state === 'training') return s(snapshot.fromStart && pretrained ? 'runningPretrained' : 'running');
  // Loaded but not trained yet: the same invitation as before loading.
  if (state === 'idle' || (steps === 0 && (state === 'ready' || state === 'restoring'))) return s(pretrained ? 'idlePretrained' : 'idle');
  return s(STATE_KEYS[state] ?? 'paused', { steps });
}

/** The status strings of the other states (`training.<key>`). */
const STATE_KEYS: Partial<Record<TrainingSnapshot['state'], string>> = { loading: 'loading', waiting: 'suspended', finished: 'finished' };
