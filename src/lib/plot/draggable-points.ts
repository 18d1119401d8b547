/**
 * Draggable data points for SVG plots: points on a number line (1-D) or in a plane (2-D) that a
 * reader can drag with mouse, pen or touch, focus with Tab and move with the arrow keys, add (a
 * click on empty space, or the widget's own button calling `add()`) and remove (Delete or
 * Backspace, or a button calling `remove()`). The helper owns only the points' markup and input
 * handling; it takes plain arrays and calls back with plain arrays, and the caller (who owns the
 * data) recomputes whatever depends on them.
 *
 * ```ts
 * const points = draggablePoints1D(layer, [-1, 0.5, 2], {
 *   x: xScale,                     // data → SVG user units, with .invert (a d3 scaleLinear works)
 *   y: 230,                        // SVG y of the row of points
 *   domain: [-5, 5],               // points are clamped into this interval
 *   step: 0.1, largeStep: 1,       // arrow keys / Shift+arrow or PageUp/PageDown
 *   decimals: 2,                   // coordinates are rounded to 0.01
 *   minPoints: 1, maxPoints: 40,
 *   addArea: { x0: 48, y0: 12, x1: 628, y1: 250 },   // clicks on empty space here add a point
 *   label: (i) => `Data point ${i + 1}`,
 *   onChange: (xs, change) => redraw(xs, change.done),
 * });
 * points.update([0, 1]);           // set the points from outside (no onChange)
 * addButton.onclick = () => points.add();      // adds at `newPoint()` and focuses it
 * removeButton.onclick = () => points.remove(); // removes the selected (or last) point
 * ```
 *
 * **Keyboard** (each point is a focusable `role="slider"` with aria-valuenow/-valuetext):
 * 1-D: ArrowRight/ArrowUp +step, ArrowLeft/ArrowDown −step, with Shift or PageUp/PageDown
 * ±largeStep, Home/End to the ends of the domain. 2-D: ArrowLeft/Right move x, ArrowUp/Down move y
 * (up increases y), Shift for largeStep, PageUp/PageDown ±largeStep in y, Home/End x to its ends.
 * Delete/Backspace removes the focused point (never below `minPoints`) and focuses its neighbour.
 *
 * **Markup and styling.** Inside `layer` (an SVG `<g>` the caller places in its chart):
 * `rect.dp-add-area` (transparent, only with `addArea`), then one `g.dp-point` per point holding
 * `circle.dp-point__hit` (transparent, larger, for fingers) and `circle.dp-point__dot`; the
 * selected point has class `dp-point--active`. `circle.dp-focus-ring` is drawn around the focused
 * point (stroke `currentColor`, so it is visible without any CSS); style the dots with CSS
 * (`fill`) or per point with `decorate`. Touch dragging a point does not scroll the page
 * (`touch-action: none` on the points only), while the rest of the chart still scrolls.
 *
 * The pure functions `applyKey`, `addPoint` and `removePoint` hold all the editing logic and are
 * unit-tested; the DOM part only translates events into calls to them.
 */

/** A point in data coordinates. In 1-D mode the second coordinate is unused (0). */
export type Point2D = readonly [number, number];

/** A linear map from data to SVG user units, with its inverse (d3's scaleLinear qualifies). */
export interface AxisScale {
  (value: number): number;
  invert(pixel: number): number;
}

/** What changed, passed to `onChange` with the new points. */
export interface PointChange {
  readonly kind: 'move' | 'add' | 'remove';
  /** Index of the moved or added point, or the former index of the removed one. */
  readonly index: number;
  /** False while a drag is still under way; true once a gesture is complete (pointer up, key, add, remove). */
  readonly done: boolean;
}

/** A rectangle in the layer's SVG user units. */
export interface Area {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** The editing rules shared by the pure functions and the DOM part. */
export interface EditRules {
  readonly dims: 1 | 2;
  /** Allowed [min, max] of x, and of y in 2-D. */
  readonly domain: { readonly x: readonly [number, number]; readonly y: readonly [number, number] };
  readonly step: number;
  readonly largeStep: number;
  /** Round coordinates to this many decimals (undefined: no rounding). */
  readonly decimals?: number | undefined;
  readonly minPoints: number;
  readonly maxPoints: number;
}

/** The result of an edit: the new points and the point that should have focus (−1: none). */
export interface Edit {
  readonly points: Point2D[];
  readonly focus: number;
  readonly change: PointChange;
}

function clampRound(value: number, [lo, hi]: readonly [number, number], decimals: number | undefined): number {
  const v = Number.isFinite(value) ? value : value > 0 ? hi : lo;
  const clamped = Math.min(hi, Math.max(lo, v));
  if (decimals === undefined) return clamped;
  return Math.min(hi, Math.max(lo, Number(clamped.toFixed(decimals))));
}

/** A point moved into the domain and rounded to `decimals`; non-finite coordinates go to the nearest end. */
export function clampPoint(p: Point2D, rules: EditRules): Point2D {
  const x = clampRound(p[0], rules.domain.x, rules.decimals);
  return rules.dims === 1 ? [x, 0] : [x, clampRound(p[1], rules.domain.y, rules.decimals)];
}

/**
 * The effect of a key press on point `index`, or null if the key does nothing there (so the
 * caller lets the browser handle it, e.g. Tab). See the module comment for the key map.
 */
export function applyKey(points: readonly Point2D[], index: number, key: string, shift: boolean, rules: EditRules): Edit | null {
  const p = points[index];
  if (p === undefined) return null;
  if (key === 'Delete' || key === 'Backspace') return removePoint(points, index, rules);
  const step = shift ? rules.largeStep : rules.step;
  const [x, y] = p;
  const moves: Record<string, Point2D> =
    rules.dims === 1
      ? {
          ArrowRight: [x + step, 0],
          ArrowUp: [x + step, 0],
          ArrowLeft: [x - step, 0],
          ArrowDown: [x - step, 0],
          PageUp: [x + rules.largeStep, 0],
          PageDown: [x - rules.largeStep, 0],
          Home: [rules.domain.x[0], 0],
          End: [rules.domain.x[1], 0],
        }
      : {
          ArrowRight: [x + step, y],
          ArrowLeft: [x - step, y],
          ArrowUp: [x, y + step],
          ArrowDown: [x, y - step],
          PageUp: [x, y + rules.largeStep],
          PageDown: [x, y - rules.largeStep],
          Home: [rules.domain.x[0], y],
          End: [rules.domain.x[1], y],
        };
  const target = moves[key];
  if (target === undefined) return null;
  const next = points.slice();
  next[index] = clampPoint(target, rules);
  return { points: next, focus: index, change: { kind: 'move', index, done: true } };
}

/** Appends `p` (clamped), or returns null when `maxPoints` is reached. */
export function addPoint(points: readonly Point2D[], p: Point2D, rules: EditRules): Edit | null {
  if (points.length >= rules.maxPoints) return null;
  const index = points.length;
  return { points: [...points, clampPoint(p, rules)], focus: index, change: { kind: 'add', index, done: true } };
}

/**
 * Removes point `index`, or returns null when that would leave fewer than `minPoints` (or the
 * index does not exist). Focus goes to the point that took its place, else to the new last one.
 */
export function removePoint(points: readonly Point2D[], index: number, rules: EditRules): Edit | null {
  if (index < 0 || index >= points.length || points.length <= rules.minPoints) return null;
  const next = points.filter((_, i) => i !== index);
  return { points: next, focus: Math.min(index, next.length - 1), change: { kind: 'remove', index, done: true } };
}

interface CommonOptions {
  /** Accessible name of point `index`, e.g. `(i) => \`Data point ${i + 1}\``. */
  readonly label: (index: number) => string;
  /** Arrow-key step in data units (default: 1/100 of the x domain). */
  readonly step?: number;
  /** Step with Shift or PageUp/PageDown (default: 10 × step). */
  readonly largeStep?: number;
  /** Round coordinates to this many decimals; also the precision of aria-valuenow. */
  readonly decimals?: number;
  /** Delete/remove() never go below this many points (default 0). */
  readonly minPoints?: number;
  /** Adding stops at this many points (default unlimited). */
  readonly maxPoints?: number;
  /** Radius of a dot in SVG user units (default 6); the touch target is 2.5 × larger. */
  readonly radius?: number;
  /** Where a click on empty space adds a point (SVG user units of `layer`); omit to disable. */
  readonly addArea?: Area;
  /** Called after each redraw for every point, e.g. to colour it: `(g, i) => g.style.setProperty(...)`. */
  readonly decorate?: (point: SVGGElement, index: number) => void;
}

export interface DraggablePoints1DOptions extends CommonOptions {
  readonly x: AxisScale;
  /** SVG y (user units) of the row of points. */
  readonly y: number;
  /** Allowed [min, max] of a point. */
  readonly domain: readonly [number, number];
  /** Text a screen reader announces for a value (default: the value with `decimals` places). */
  readonly valueText?: (value: number) => string;
  /** Where `add()` without an argument puts the new point (default: the middle of the domain). */
  readonly newPoint?: (points: readonly number[]) => number;
  readonly onChange: (points: number[], change: PointChange) => void;
}

export interface DraggablePoints2DOptions extends CommonOptions {
  readonly x: AxisScale;
  readonly y: AxisScale;
  readonly domain: { readonly x: readonly [number, number]; readonly y: readonly [number, number] };
  readonly valueText?: (point: readonly [number, number]) => string;
  readonly newPoint?: (points: readonly (readonly [number, number])[]) => readonly [number, number];
  readonly onChange: (points: [number, number][], change: PointChange) => void;
}

/** The handle returned by {@link draggablePoints1D}; `P` is `number` in 1-D, `[x, y]` in 2-D. */
export interface DraggablePoints<P> {
  /** Replaces the points (e.g. after a URL change) without calling `onChange`; focus is kept by index. */
  update(points: readonly P[]): void;
  /** A copy of the current points. */
  points(): P[];
  /** Index of the selected point (last focused, dragged or added), or −1. */
  selected(): number;
  /** Adds a point (default `newPoint()`), focuses it and calls `onChange`; false at `maxPoints`. */
  add(point?: P): boolean;
  /** Removes point `index` (default: the selected one, else the last); false at `minPoints`. */
  remove(index?: number): boolean;
  /** Moves keyboard focus to point `index`. */
  focus(index: number): void;
  /** Removes the markup and every listener. */
  destroy(): void;
}

interface CoreConfig<P> {
  readonly rules: EditRules;
  readonly toPixel: (p: Point2D) => [number, number];
  readonly fromPixel: (px: number, py: number) => Point2D;
  readonly toPoint: (p: Point2D) => P;
  readonly fromPoint: (p: P) => Point2D;
  readonly valueText: (p: Point2D) => string;
  readonly newPoint: (points: readonly P[]) => P;
  readonly onChange: (points: P[], change: PointChange) => void;
  readonly options: CommonOptions;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

function svgElement<K extends keyof SVGElementTagNameMap>(name: K, attributes: Record<string, string | number>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  return element;
}

function createPoints<P>(layer: SVGGElement, config: CoreConfig<P>, initial: readonly P[]): DraggablePoints<P> {
  const { rules, options } = config;
  const radius = options.radius ?? 6;
  const listeners = new AbortController();
  const signal = listeners.signal;
  let points: Point2D[] = initial.map((p) => clampPoint(config.fromPoint(p), rules));
  let selected = -1;
  let focused = -1;
  let drag: { index: number; pointerId: number; moved: boolean } | undefined;

  layer.replaceChildren();
  if (options.addArea) {
    const { x0, y0, x1, y1 } = options.addArea;
    const area = svgElement('rect', { class: 'dp-add-area', x: x0, y: y0, width: x1 - x0, height: y1 - y0, fill: 'transparent' });
    area.style.cursor = 'copy';
    area.addEventListener('click', (event) => commit(addPoint(points, eventPoint(event), rules)), { signal });
    layer.append(area);
  }
  const dots = svgElement('g', { class: 'dp-points' });
  const ring = svgElement('circle', { class: 'dp-focus-ring', r: radius + 4, fill: 'none', stroke: 'currentColor', 'stroke-width': 2.5, visibility: 'hidden' });
  ring.style.pointerEvents = 'none';
  layer.append(dots, ring);

  const eventPoint = (event: MouseEvent): Point2D => {
    const matrix = layer.getScreenCTM();
    const local = matrix ? new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse()) : { x: 0, y: 0 };
    return clampPoint(config.fromPixel(local.x, local.y), rules);
  };
  const indexOf = (element: EventTarget | null): number =>
    element instanceof Element ? Number(element.closest<SVGGElement>('g.dp-point')?.dataset['index'] ?? -1) : -1;
  const emit = (change: PointChange) => config.onChange(points.map(config.toPoint), change);

  /** Applies an edit from the pure functions: new points, redraw, focus, callback. */
  const commit = (edit: Edit | null, moveFocus = true): boolean => {
    if (edit === null) return false;
    points = edit.points;
    selected = edit.focus;
    render();
    if (moveFocus && edit.focus >= 0) focusPoint(edit.focus);
    emit(edit.change);
    return true;
  };

  const focusPoint = (index: number): void => {
    const g = dots.children[index];
    if (g instanceof SVGGElement) g.focus({ preventScroll: true });
  };

  const render = () => {
    while (dots.children.length > points.length) dots.lastElementChild?.remove();
    while (dots.children.length < points.length) {
      const g = svgElement('g', { class: 'dp-point', tabindex: 0, role: 'slider' });
      g.style.touchAction = 'none';
      g.style.cursor = 'grab';
      g.style.outline = 'none';
      g.append(
        svgElement('circle', { class: 'dp-point__hit', r: radius * 2.5, fill: 'transparent' }),
        svgElement('circle', { class: 'dp-point__dot', r: radius }),
      );
      dots.append(g);
    }
    points.forEach((p, i) => {
      const g = dots.children[i] as SVGGElement;
      const [px, py] = config.toPixel(p);
      g.dataset['index'] = String(i);
      g.setAttribute('transform', `translate(${px},${py})`);
      g.setAttribute('aria-label', options.label(i));
      g.setAttribute('aria-valuenow', String(p[0]));
      g.setAttribute('aria-valuemin', String(rules.domain.x[0]));
      g.setAttribute('aria-valuemax', String(rules.domain.x[1]));
      g.setAttribute('aria-valuetext', config.valueText(p));
      options.decorate?.(g, i);
    });
    renderSelection();
  };

  /** The selected point's class and the focus ring; cheap, and safe to call from focus events. */
  const renderSelection = () => {
    for (const g of dots.children) g.classList.toggle('dp-point--active', Number((g as SVGGElement).dataset['index']) === selected);
    const at = points[focused];
    if (at) {
      const [px, py] = config.toPixel(at);
      ring.setAttribute('cx', String(px));
      ring.setAttribute('cy', String(py));
    }
    ring.setAttribute('visibility', at ? 'visible' : 'hidden');
  };

  dots.addEventListener(
    'keydown',
    (event) => {
      const index = indexOf(event.target);
      if (index < 0 || event.altKey || event.ctrlKey || event.metaKey) return;
      if (commit(applyKey(points, index, event.key, event.shiftKey, rules))) event.preventDefault();
    },
    { signal },
  );
  dots.addEventListener(
    'focusin',
    (event) => {
      focused = selected = indexOf(event.target);
      renderSelection();
    },
    { signal },
  );
  dots.addEventListener(
    'focusout',
    () => {
      // Removing the focused point fires focusout in the middle of a redraw: touch no markup here.
      focused = -1;
      ring.setAttribute('visibility', 'hidden');
    },
    { signal },
  );
  dots.addEventListener(
    'pointerdown',
    (event) => {
      const index = indexOf(event.target);
      if (index < 0 || event.button !== 0) return;
      event.preventDefault();
      const g = dots.children[index] as SVGGElement;
      g.setPointerCapture(event.pointerId);
      g.style.cursor = 'grabbing';
      focusPoint(index);
      drag = { index, pointerId: event.pointerId, moved: false };
    },
    { signal },
  );
  dots.addEventListener(
    'pointermove',
    (event) => {
      if (drag === undefined || event.pointerId !== drag.pointerId) return;
      const next = points.slice();
      next[drag.index] = eventPoint(event);
      points = next;
      drag.moved = true;
      render();
      emit({ kind: 'move', index: drag.index, done: false });
    },
    { signal },
  );
  const endDrag = (event: PointerEvent) => {
    if (drag === undefined || event.pointerId !== drag.pointerId) return;
    const { index, moved } = drag;
    drag = undefined;
    (dots.children[index] as SVGGElement | undefined)?.style.setProperty('cursor', 'grab');
    if (moved) emit({ kind: 'move', index, done: true });
  };
  dots.addEventListener('pointerup', endDrag, { signal });
  dots.addEventListener('pointercancel', endDrag, { signal });

  render();

  return {
    update(next) {
      points = next.map((p) => clampPoint(config.fromPoint(p), rules));
      if (selected >= points.length) selected = -1;
      render();
    },
    points: () => points.map(config.toPoint),
    selected: () => selected,
    add(point) {
      const p = point === undefined ? config.newPoint(points.map(config.toPoint)) : point;
      return commit(addPoint(points, config.fromPoint(p), rules));
    },
    remove(index) {
      const target = index ?? (selected >= 0 ? selected : points.length - 1);
      return commit(removePoint(points, target, rules), false);
    },
    focus: focusPoint,
    destroy() {
      listeners.abort();
      layer.replaceChildren();
    },
  };
}

function rulesFor(dims: 1 | 2, x: readonly [number, number], y: readonly [number, number], options: CommonOptions): EditRules {
  const step = options.step ?? (x[1] - x[0]) / 100;
  return {
    dims,
    domain: { x, y },
    step,
    largeStep: options.largeStep ?? 10 * step,
    decimals: options.decimals,
    minPoints: options.minPoints ?? 0,
    maxPoints: options.maxPoints ?? Infinity,
  };
}

/** Points on a horizontal number line at height `options.y`; the points are plain numbers. */
export function draggablePoints1D(layer: SVGGElement, initial: readonly number[], options: DraggablePoints1DOptions): DraggablePoints<number> {
  const rules = rulesFor(1, options.domain, [0, 0], options);
  const format = (v: number) => (options.decimals === undefined ? String(v) : v.toFixed(options.decimals));
  return createPoints<number>(
    layer,
    {
      rules,
      toPixel: (p) => [options.x(p[0]), options.y],
      fromPixel: (px) => [options.x.invert(px), 0],
      toPoint: (p) => p[0],
      fromPoint: (v) => [v, 0],
      valueText: (p) => (options.valueText ?? format)(p[0]),
      newPoint: options.newPoint ?? (() => (options.domain[0] + options.domain[1]) / 2),
      onChange: options.onChange,
      options,
    },
    initial,
  );
}

/** Points in the plane; the points are `[x, y]` pairs. aria-valuenow carries x, aria-valuetext both. */
export function draggablePoints2D(
  layer: SVGGElement,
  initial: readonly (readonly [number, number])[],
  options: DraggablePoints2DOptions,
): DraggablePoints<[number, number]> {
  const rules = rulesFor(2, options.domain.x, options.domain.y, options);
  const format = (v: number) => (options.decimals === undefined ? String(v) : v.toFixed(options.decimals));
  return createPoints<[number, number]>(
    layer,
    {
      rules,
      toPixel: (p) => [options.x(p[0]), options.y(p[1])],
      fromPixel: (px, py) => [options.x.invert(px), options.y.invert(py)],
      toPoint: (p) => [p[0], p[1]],
      fromPoint: (p) => [p[0], p[1]],
      valueText: (p) => (options.valueText ? options.valueText([p[0], p[1]]) : `(${format(p[0])}, ${format(p[1])})`),
      newPoint: (points) => {
        const p = options.newPoint?.(points) ?? [(options.domain.x[0] + options.domain.x[1]) / 2, (options.domain.y[0] + options.domain.y[1]) / 2];
        return [p[0], p[1]];
      },
      onChange: options.onChange,
      options,
    },
    initial.map((p) => [p[0], p[1]]),
  );
}
