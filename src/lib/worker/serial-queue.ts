/**
 * One call at a time, in the order they came: what the model worker wraps its host's calls in,
 * so that a step, a read-out or a load never interleaves with another at an await (and the
 * tensor count an answer carries is never taken in the middle of another figure's work).
 */
export type Serial = <A extends unknown[], R>(fn: (...args: A) => R | Promise<R>) => (...args: A) => Promise<R>;

/** A queue: `serial(fn)` is `fn` that waits for every call queued before it to finish. */
export function createSerialQueue(): Serial {
  let queue: Promise<unknown> = Promise.resolve();
  return (fn) =>
    (...args) => {
      const run = queue.then(() => fn(...args));
      queue = run.catch(() => {});
      return run;
    };
}
