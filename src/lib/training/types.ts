/**
 * What the training controller (`controller.ts`) exchanges with the session and with the figure:
 * the narrow async port to the session (messages the page's model worker answers), the
 * reports the session sends back, and the snapshot of the controller's state that a panel renders.
 */
import type { Checkpoint } from '../vae/checkpoint.ts';
import type { RecoveryEvent } from '../vae/session.ts';
import type { Divergence } from '../vae/trainer.ts';
import type { Hyperparameters } from './hyperparameters.ts';
import type { TrainingState } from './transitions.ts';

/** Where a session stands after a step, a reset or a restore. */
export interface StepReport {
  /** Steps of the run so far. */
  readonly steps: number;
  /** Set when the divergence guard stopped the run. */
  readonly divergence?: Divergence | undefined;
  /** The step of the weights a restore would apply. */
  readonly lastGoodStep?: number | undefined;
}

/** The session as the controller sees it. */
export interface TrainingPort {
  /**
   * Trains step after step (a run, `run-steps.ts`) until `stop()`, a divergence or `maxSteps`;
   * resolves with the last report once no step is in flight.
   */
  run(maxSteps?: number): Promise<StepReport>;
  /** Ends the run in progress before its next step (the step in flight completes). */
  stop(): void;
  /** Where the session stands now (during a run: as of its last step). */
  progress(): Promise<StepReport>;
  /** Sets the hyperparameters on the model. */
  apply(hyperparameters: Hyperparameters): Promise<void>;
  /** A fresh run: from the starting (e.g. shipped) weights, or with `seed` from new random ones. */
  reset(seed?: number): Promise<StepReport>;
  /** The last good weights, after a divergence. */
  restoreLastGood(): Promise<StepReport>;
  /** A fresh run (step 0) from the weights of `checkpoint` (e.g. the reader's saved ones). */
  load(checkpoint: Checkpoint): Promise<StepReport>;
  dispose(): void;
}

/** What the controller passes to `open`: the session reports a recovery from a lost context here. */
export interface PortHooks {
  onRecovered(event: RecoveryEvent): void;
}

/** The last change the controller made or saw, for the status line (cleared by the next state change). */
export type TrainingNotice =
  | { readonly kind: 'reset' | 'scratch' }
  /** A figure's own change; `text` is what the status line says about it. */
  | { readonly kind: 'changed'; readonly text?: string | undefined }
  | { readonly kind: 'restored'; readonly step: number; readonly learningRate: number }
  | { readonly kind: 'recovered'; readonly event: RecoveryEvent };

export interface TrainingSnapshot {
  readonly state: TrainingState;
  /** Training is on or about to be (the Start/Pause button reads "Pause"). */
  readonly running: boolean;
  /** The session is open. */
  readonly loaded: boolean;
  readonly steps: number;
  /**
   * A step is in flight: after a pause (or hiding) it still completes and is counted, and the
   * loop publishes again once it is done.
   */
  readonly stepping: boolean;
  readonly stepsPerSecond: number | undefined;
  readonly hyperparameters: Hyperparameters;
  readonly divergence: Divergence | undefined;
  readonly lastGoodStep: number | undefined;
  /** Whether this run started from the starting weights (not from scratch). */
  readonly fromStart: boolean;
  readonly notice: TrainingNotice | undefined;
  /** Set in state 'error'. */
  readonly error: unknown;
}
