/**
 * The states of an in-page training run and the table of its transitions, `state × event →
 * state`. The controller (`controller.ts`) moves only along this table: an event the table does
 * not list for the current state is refused (and reported), never half-applied.
 *
 * Events are the reader's intents (load, start, pause, change = reset / train from scratch /
 * another data set, restore, retry), visibility (hide, show), and what the session reports
 * (loaded, failed, diverged, finished, changed).
 */

export type TrainingState =
  /** Nothing loaded yet. */
  | 'idle'
  /** Downloading data, choosing the backend, building the model. */
  | 'loading'
  /** Loaded, not training: before the first step of a run, or after a reset or a restore. */
  | 'ready'
  /** A run is in progress in the session. */
  | 'training'
  /** The reader wants training, but the figure is out of view or the tab hidden. */
  | 'waiting'
  /** Stopped by the reader in the middle of a run. */
  | 'paused'
  /** The step limit was reached. */
  | 'finished'
  /** The divergence guard stopped the run (a non-finite or runaway loss). */
  | 'diverged'
  /** The session is being changed (reset, scratch, restore, new data) with no step in flight. */
  | 'restoring'
  /** Loading, a step or a change threw. */
  | 'error';

export type TrainingEvent =
  | 'load'
  | 'start'
  | 'pause'
  | 'hide'
  | 'show'
  | 'change'
  | 'restore'
  | 'retry'
  | 'loaded'
  | 'failed'
  | 'diverged'
  | 'finished'
  | 'changed';

type Table = { readonly [S in TrainingState]: Readonly<Partial<Record<TrainingEvent, TrainingState>>> };

/** Every allowed transition; anything else is refused. */
export const TRANSITIONS: Table = {
  idle: { load: 'loading', start: 'loading' },
  // Start and pause while loading only record whether training follows the load.
  loading: { start: 'loading', pause: 'loading', loaded: 'ready', failed: 'error' },
  ready: { start: 'training', change: 'restoring' },
  training: { pause: 'paused', hide: 'waiting', diverged: 'diverged', finished: 'finished', failed: 'error', change: 'restoring' },
  waiting: { pause: 'paused', show: 'training', change: 'restoring' },
  paused: { start: 'training', change: 'restoring' },
  finished: { change: 'restoring' },
  diverged: { restore: 'restoring', change: 'restoring' },
  restoring: { changed: 'ready', failed: 'error' },
  error: { retry: 'loading' },
};

/** The state `event` leads to from `state`, or undefined if the table does not allow it. */
export function transition(state: TrainingState, event: TrainingEvent): TrainingState | undefined {
  return TRANSITIONS[state][event];
}
