/**
 * The status line of every training figure, from the training controller's snapshot — the one
 * place these texts are chosen (the training panels and the diagnostics page's training check
 * share it). It reads the `training.*` and `backend.*` strings of the figure.
 */
import { formatString } from '../../i18n/index.ts';
import type { TrainingSnapshot } from '../../lib/training/controller.ts';
import { formatNumber } from '../format.ts';
import { failureText, type StringLookup } from './load-error.ts';

export type Tone = 'normal' | 'error';

/** `s('paused')` → the figure's `training.paused`, with `{…}` values filled in. */
export function trainingStrings(strings: Readonly<Record<string, string>>): StringLookup {
  return (key, values) => formatString(strings[`training.${key}`] ?? key, values);
}

/** A backend's name for the reader ('WASM'), from the figure's `backend.*` strings. */
export const backendName = (strings: Readonly<Record<string, string>>, name: string) => strings[`backend.${name}`] ?? name;

/**
 * The status line and its tone. A notice (a reset, a restore, a recovery) outranks the state's
 * own text until the next state change. `pretrained`: the figure starts from shipped weights.
 */
export function statusText(snapshot: TrainingSnapshot, strings: Readonly<Record<string, string>>, pretrained: boolean): [string, Tone] {
  const s = trainingStrings(strings);
  const notice = snapshot.notice;
  if (notice?.kind === 'reset') return [s('resetDone'), 'normal'];
  if (notice?.kind === 'scratch') return [s('scratchDone'), 'normal'];
  if (notice?.kind === 'restored') return [s('restored', { step: notice.step, rate: String(notice.learningRate) }), 'normal'];
  if (notice?.kind === 'recovered') {
    const { from, to, restoredStep, lostSteps } = notice.event;
    return [s('recovered', { from: backendName(strings, from), to: backendName(strings, to), step: restoredStep, lost: lostSteps }), 'normal'];
  }
  if (notice?.kind === 'changed' && notice.text !== undefined) return [notice.text, 'normal'];
  const invitation = s(pretrained ? 'idlePretrained' : 'idle');
  switch (snapshot.state) {
    case 'idle':
      return [invitation, 'normal'];
    case 'loading':
      return [s('loading'), 'normal'];
    case 'ready':
    case 'restoring':
      // Loaded but not trained yet: the same invitation as before loading.
      return [snapshot.steps === 0 ? invitation : s('paused'), 'normal'];
    case 'training':
      return [s(snapshot.fromStart && pretrained ? 'runningPretrained' : 'running'), 'normal'];
    case 'waiting':
      return [s('suspended'), 'normal'];
    case 'paused':
      return [s('paused'), 'normal'];
    case 'finished':
      return [s('finished', { steps: snapshot.steps }), 'normal'];
    case 'diverged': {
      const d = snapshot.divergence;
      const good = snapshot.lastGoodStep ?? 0;
      if (d?.best !== undefined)
        return [s('runaway', { step: d.step, term: d.term, value: formatNumber(d.value, 1), best: formatNumber(d.best, 1), good }), 'error'];
      return [s('diverged', { step: d?.step ?? 0, term: d?.term ?? '?', value: String(d?.value), good }), 'error'];
    }
    case 'error':
      return [failureText(snapshot.error, s), 'error'];
  }
}
