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

/**
 * What a model widget does once mounted: load its panel's model at once (training waits for a
 * click), let the widget `prepare` what else it needs, draw its views from it, and then mark the
 * widget ready (`data-ready`, which the browser tests wait for). A failure to load is shown by the
 * panel itself, a failure of `prepare` by the widget. `onReady` runs just before.
 */
export function drawWhenLoaded<T>(
  root: HTMLElement,
  panel: { load(): Promise<T> },
  refresher: Refresher<T>,
  onReady?: (loaded: T) => void,
  prepare?: (loaded: T) => Promise<void>,
): void {
  panel
    .load()
    .then(async (loaded) => {
      await prepare?.(loaded);
      refresher.request(loaded);
      await refresher.idle;
      onReady?.(loaded);
      root.dataset['ready'] = 'true';
    })
    .catch(() => {}); // the panel (or `prepare`) shows the failure
}
