/**
 * The loop every theory figure shares, in one place: read the state from the page address
 * (through the figure's URL codec, which clamps it), reveal the controls and draw; after each
 * change draw again once, on the next animation frame, and rewrite the address (debounced);
 * keep listeners until teardown; set `data-ready` (which the browser tests wait on) once the
 * figure is drawn. A figure supplies only its state's codec, its maths call and its drawing.
 *
 * `bindParamControls` wires the controls of a parameter table: every element with
 * `data-param="<name>"` changes that parameter, a slider as it moves, a number field when its
 * text is committed (Enter, blur, a spin step; text that is no number reverts to the last
 * value), a menu or a radio button when chosen. Its `show` writes values back into the controls
 * after a change, leaving a focused number field alone (see `showValue`).
 */
import { required, showValue } from '../dom.ts';
import { urlStateWriter } from '../url-state.ts';
import { formatParam, type ParamTable, type ParamValues, readParam } from './params.ts';

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
  /** Writes each text into the `[data-out="<name>"]` element of its name. */
  show(texts: Record<string, string>): void;
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
  setup(figure: Figure<S>): FigureView<S>;
}

/** Mounts a figure on its server-rendered markup; returns the teardown. */
export function mountFigure<S extends object>(root: HTMLElement, spec: FigureSpec<S>): () => void {
  const prefix = root.dataset['prefix'] ?? '';
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
    show(texts) {
      for (const [name, text] of Object.entries(texts)) required(root, `[data-out="${name}"]`).textContent = text;
    },
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

type Control = HTMLInputElement | HTMLSelectElement;

export interface ControlAccess<T extends ParamTable> {
  /** The table's current values. */
  values(): ParamValues<T>;
  /** Applies a change made with a control. */
  change(patch: Partial<ParamValues<T>>): void;
}

/** Listens to the table's controls; returns `show`, which writes values into them. */
export function bindParamControls<T extends ParamTable>(
  figure: Pick<Figure<object>, 'root' | 'on'>,
  table: T,
  access: ControlAccess<T>,
): (values: ParamValues<T>) => void {
  const controls: Array<[Control, keyof T & string]> = [];
  for (const control of figure.root.querySelectorAll<Control>('input[data-param], select[data-param]')) {
    const name = control.dataset['param'] ?? '';
    if (Object.hasOwn(table, name)) controls.push([control, name]);
  }

  for (const [control, name] of controls) {
    const param = table[name]!;
    // A slider changes as it moves; a number field, a menu or a radio button when committed or chosen.
    figure.on(control, control.type === 'range' ? 'input' : 'change', () => {
      if (control.type === 'radio' && !(control as HTMLInputElement).checked) return;
      access.change({ [name]: readParam(param, control.value, access.values()[name]) } as Partial<ParamValues<T>>);
      // A number field shows what it committed: text that is no number reverts to the last value.
      if (control.type === 'number') control.value = formatParam(param, access.values()[name]);
    });
  }

  return (values) => {
    for (const [control, name] of controls) {
      const param = table[name]!;
      const text = formatParam(param, values[name]);
      if (control instanceof HTMLSelectElement) control.value = text;
      else if (control.type === 'radio') control.checked = control.value === text;
      // An unrounded parameter's slider gets the exact value (the browser snaps it to the step).
      else if (control.type === 'range' && param.kind === 'number' && !param.round) showValue(control, String(values[name]));
      else showValue(control, text);
    }
  };
}
