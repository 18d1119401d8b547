/**
 * Redrawing a widget's model views (reconstructions, samples, a code scatter) from the weights of
 * a model that keeps training: the redraw reads tensors back asynchronously, so requests that
 * arrive while one is in flight collapse into a single follow-up instead of piling up.
 */
export interface Refresher<T> {
  /** Redraw from `value` (now, or as soon as the redraw in flight ends). */
  request(value: T): void;
  /** The redraw in flight, if any (tests and teardown wait on it). */
  readonly idle: Promise<void>;
  /** No redraw starts after this. */
  close(): void;
}

export function createRefresher<T>(redraw: (value: T) => Promise<void>, onError: (error: unknown) => void): Refresher<T> {
  let running: Promise<void> | undefined;
  let pending: { value: T } | undefined;
  let closed = false;
  const run = (value: T) => {
    running = redraw(value)
      .catch(onError)
      .finally(() => {
        running = undefined;
        const next = pending;
        pending = undefined;
        if (next && !closed) run(next.value);
      });
  };
  return {
    request(value) {
      if (closed) return;
      if (running) pending = { value };
      else run(value);
    },
    get idle() {
      return running ?? Promise.resolve();
    },
    close() {
      closed = true;
      pending = undefined;
    },
  };
}
