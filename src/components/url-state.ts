/**
 * Keeps a widget's state in the page address, so that a reload restores it and a copied link
 * reproduces it. Writes go through `history.replaceState` (no history entry per slider move) and
 * are debounced: a burst of input events costs one write.
 */
export interface UrlStateWriter {
  /** Writes after `delayMs` of quiet (restarting the wait on every call). */
  schedule(): void;
  /** Writes now (cancelling a pending write) and returns the page's full URL without its hash. */
  flush(): string;
  /** Drops a pending write (on teardown). */
  cancel(): void;
}

/**
 * @param serialize the widget's parameters written into a copy of the current query
 *   (other parameters, e.g. `?backend=`, are the widget's to keep).
 */
export function urlStateWriter(serialize: (search: URLSearchParams) => URLSearchParams, delayMs = 150): UrlStateWriter {
  let timer = 0;
  const write = (): string => {
    window.clearTimeout(timer);
    const search = serialize(new URLSearchParams(window.location.search));
    const url = `${window.location.origin}${window.location.pathname}?${search}`;
    history.replaceState(history.state, '', `${url}${window.location.hash}`);
    return url;
  };
  return {
    schedule() {
      window.clearTimeout(timer);
      timer = window.setTimeout(write, delayMs);
    },
    flush: write,
    cancel() {
      window.clearTimeout(timer);
    },
  };
}
