/**
 * The loop every theory figure shares, in one place: read the state from the page address
 * (through the figure's URL codec, which clamps it), reveal the controls and draw; after each
 * change draw again once, on the next animation frame, and rewrite the address (debounced);
 * keep listeners until teardown; set `data-ready` (which the browser tests wait on) once the
 * figure is drawn. A figure supplies only its state's codec, its maths call and its drawing.
 */
import { required } from '../dom';
import { urlStateWriter } from '../url-state';

/** How a figure's state travels in the URL; `prefix` keeps several figures on one page apart. */
export interface UrlCodec<S> {
  read(search: URLSearchParams, prefix: string): S;
  write(state: S, search: URLSearchParams, prefix: string): URLSearchParams;
}

/** What a figure's setup works with. */
export interface Figure<S> {
  readonly root: HTMLElement;
  readonly prefix: string;
  /** Aborted on teardown. */
  readonly signal: AbortSignal;
  /** The current state. */
  readonly state: S;
  /** Replaces the state; draws once on the next frame and, unless `url` is false, rewrites the URL. */
  set(next: S, options?: { url?: boolean }): void;
  /** `set` with `patch` merged into the state and made valid by the figure's `clamp`. */
  update(patch: Partial<S>): void;
  /** Listens to `type` on `target` until teardown. */
  on(target: EventTarget, type: string, handler: (event: Event) => void): void;
  /** Runs `actions[name]` when a `button[data-action="name"]` is clicked. */
  actions(actions: Record<string, () => void>): void;
  /** The `[data-out="name"]` element. */
  out(name: string): HTMLElement;
  /** Publishes `value` as the element's `value` and, if `announce`, dispatches an `input` event. */
  publish(value: unknown, announce?: boolean): void;
  /** Writes the URL now and returns it (for "copy link"). */
  link(): string;
}

/** What a figure's setup returns. */
export interface FigureView<S> {
  /** Draws a state (called once at mount and then at most once per animation frame). */
  render(state: S): void;
  /** Frees what the figure holds beyond its listeners (charts, draggable points, animations). */
  teardown?(): void;
  /** Resolves when the figure is complete (e.g. its formulas typeset); `data-ready` waits for it. */
  ready?: Promise<unknown>;
}

export interface FigureSpec<S> {
  url: UrlCodec<S>;
  /** Makes a patched state valid (see `clampParams`); `previous` supplies fallbacks. */
  clamp?(next: S, previous: S): S;
  /** The URL prefix when the markup has no `data-prefix`. */
  defaultPrefix?: string;
  setup(figure: Figure<S>): FigureView<S>;
}

/** Mounts a figure on its server-rendered markup; returns the teardown. */
export function mountFigure<S extends object>(root: HTMLElement, spec: FigureSpec<S>): () => void {
  const prefix = root.dataset['prefix'] ?? spec.defaultPrefix ?? '';
  const listeners = new AbortController();
  const { signal } = listeners;
  let state = spec.url.read(new URLSearchParams(window.location.search), prefix);
  let frame = 0;
  let view: FigureView<S> | undefined;
  const url = urlStateWriter((search) => spec.url.write(state, search, prefix));
  const render = () => {
    frame = 0;
    view?.render(state);
  };

  const figure: Figure<S> = {
    root,
    prefix,
    signal,
    get state() {
      return state;
    },
    set(next, options = {}) {
      state = next;
      if (frame === 0) frame = requestAnimationFrame(render);
      if (options.url !== false) url.schedule();
    },
    update(patch) {
      const next = { ...state, ...patch };
      figure.set(spec.clamp ? spec.clamp(next, state) : next);
    },
    on(target, type, handler) {
      target.addEventListener(type, handler, { signal });
    },
    actions(actions) {
      for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-action]')) {
        const action = actions[button.dataset['action'] ?? ''];
        if (action) figure.on(button, 'click', action);
      }
    },
    out: (name) => required<HTMLElement>(root, `[data-out="${name}"]`),
    publish(value, announce = true) {
      (root as HTMLElement & { value?: unknown }).value = value;
      if (announce) root.dispatchEvent(new Event('input', { bubbles: true }));
    },
    link: () => url.flush(),
  };

  view = spec.setup(figure);
  required<HTMLElement>(root, '[data-ui]').hidden = false;
  cancelAnimationFrame(frame);
  render();
  const markReady = () => {
    if (!signal.aborted) root.dataset['ready'] = 'true';
  };
  if (view.ready) void view.ready.then(markReady);
  else markReady();

  return () => {
    listeners.abort();
    cancelAnimationFrame(frame);
    url.cancel();
    view?.teardown?.();
    delete root.dataset['ready'];
  };
}
