/**
 * Turns between a training run in the model worker and the page's frames, for a device that is
 * really the CPU: software WebGL (SwiftShader, llvmpipe) runs the model's shaders on the same
 * cores as the page's main thread. On a two-core machine a frame that needs 10–25 ms of CPU then
 * took 50–85 ms (traced: style, layout, hit tests and paint all waiting for a core), so the page
 * had long tasks whenever it drew a training figure. With turns, the run gives the page the turn
 * after each read-back, when the device has done every step queued, and waits until the page has
 * drawn what it read, or at most `maxMs`, before its next step. The page also hears where the run
 * stands only in its turns (the host's `progress` waits for the next one), so every text, curve
 * and view it draws while training is drawn while the device is idle.
 *
 * Two sides: `createPageTurns` in the worker (its host, `model-host.ts`), `createTurnKeeper` on
 * the page (`src/components/model-worker/client.ts`). The page learns it has the turn from a
 * session's state (`SessionState.turn`, the step read back) and hands it back with that step, so a
 * late hand-back (after `maxMs`) cannot end a later turn early. DOM-free: the timer and the page's
 * "after the next frame" are passed in.
 */

/** The worker's side: the run's turns with one page. */
export interface PageTurns {
  /** The step whose read-back gave the page the turn, while the page has it. */
  readonly pageTurn: number | undefined;
  /**
   * Gives the page the turn after the read-back of `step`. The turn's time limit starts now, or,
   * when the page is already waiting for it (`pageReady`), once the page is told (`told`).
   */
  give(step: number): void;
  /** An answer tells the page it has the turn: the turn's time limit starts, if it has not yet. */
  told(): void;
  /** The page has drawn what it read up to `step`. */
  handBack(step: number): void;
  /** Resolves when the run may take its next step. */
  ready(): Promise<void>;
  /** Resolves once the page has the turn (at once while it has it), or the turns are closed. */
  pageReady(): Promise<void>;
  /** The run is over or stopping: a turn the page has ends, every wait resolves, and no turn is given again. */
  close(): void;
}

/** Runs `fn` after `ms`; returns the cancel. */
export type Schedule = (fn: () => void, ms: number) => () => void;

const timer: Schedule = (fn, ms) => {
  const id = setTimeout(fn, ms);
  return () => clearTimeout(id);
};

export function createPageTurns(maxMs: number, schedule: Schedule = timer): PageTurns {
  let turn: { step: number; done: Promise<void>; end(): void; limit(): void } | undefined;
  let waiting: (() => void)[] = [];
  let closed = false;
  const wake = () => {
    const now = waiting;
    waiting = [];
    for (const resolve of now) resolve();
  };
  return {
    get pageTurn() {
      return turn?.step;
    },
    give(step) {
      if (closed) return;
      turn?.end();
      let resolve = () => {};
      const done = new Promise<void>((r) => {
        resolve = r;
      });
      let cancel: (() => void) | undefined;
      const given = {
        step,
        done,
        end() {
          cancel?.();
          if (turn === given) turn = undefined;
          resolve();
        },
        limit() {
          cancel ??= schedule(() => given.end(), maxMs);
        },
      };
      turn = given;
      // (A page that waits hears of the turn once its answer is out of the worker's queue, which
      // may first finish an earlier read-out: the limit then starts with that answer.)
      if (waiting.length === 0) given.limit();
      wake();
    },
    told() {
      turn?.limit();
    },
    handBack(step) {
      if (turn !== undefined && step >= turn.step) turn.end();
    },
    ready() {
      return turn?.done ?? Promise.resolve();
    },
    pageReady() {
      if (closed || turn !== undefined) return Promise.resolve();
      return new Promise((resolve) => waiting.push(resolve));
    },
    close() {
      closed = true;
      turn?.end();
      wake();
    },
  };
}

/** The page's side: when to hand each session's turn back. */
export interface TurnKeeper {
  /** Counts `call` (a read-out the page will draw) as the page's work until it settles. */
  track<T>(call: Promise<T>): Promise<T>;
  /** Session `id`'s state said the page has the turn after the read-back of `step`. */
  owe(id: string, step: number): void;
}

/**
 * Hands every owed turn back (`handBack(id, step)`) once the page has no tracked call in flight
 * and a frame has been drawn since: `afterFrame(fn)` calls `fn` after the page's next frame (in
 * the book a task posted from `requestAnimationFrame`, so after that frame's style, layout and
 * paint). While the page draws no frames (a hidden tab), turns end at the worker's `maxMs`.
 */
export function createTurnKeeper(handBack: (id: string, step: number) => void, afterFrame: (fn: () => void) => void): TurnKeeper {
  let inFlight = 0;
  const owed = new Map<string, number>();
  let waiting = false;
  const settle = () => {
    if (owed.size === 0 || inFlight > 0 || waiting) return;
    waiting = true;
    afterFrame(() => {
      waiting = false;
      if (inFlight > 0) return; // (the last call to settle calls settle again)
      const turns = [...owed];
      owed.clear();
      for (const [id, step] of turns) handBack(id, step);
    });
  };
  return {
    track(call) {
      inFlight += 1;
      return call.finally(() => {
        inFlight -= 1;
        settle();
      });
    },
    owe(id, step) {
      owed.set(id, Math.max(owed.get(id) ?? step, step));
      settle();
    },
  };
}

/** Renderer strings of WebGL that runs on the CPU (Chromium's SwiftShader, Mesa's llvmpipe and softpipe, Windows' basic renderer). */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/** Whether a WebGL renderer string names a software renderer. */
export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE_RENDERER.test(renderer);
}
