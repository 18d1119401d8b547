/**
 * A scatter plot of 2-D codes on a canvas (thousands of points, one colour per digit label) that
 * is also a pointing device over the code plane: hovering or focusing reports the nearest point
 * (to show its digit), and pressing, dragging or the arrow keys report a position in code
 * coordinates (to decode it). Shared by the autoencoder, VAE and CVAE widgets. Plain numbers in,
 * no tensors.
 */

/** Ten label colours (a colour-blind-friendly qualitative palette), digit 0 to 9. */
export const LABEL_COLOURS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#7f7f7f'] as const;

export type Point2 = readonly [number, number];
export type Domain = readonly [Point2, Point2];

export interface LatentScatterOptions {
  /** Fixed plot range [[x0, x1], [y0, y1]]; default: fitted to the points (see `fitDomain`). */
  readonly domain?: Domain;
  /** The point nearest the pointer or the keyboard cursor (undefined when none is close). */
  onHover?(index: number | undefined): void;
  /** A position chosen by pressing, dragging or the arrow keys, in code coordinates. */
  onPoint?(z: Point2): void;
}

export interface LatentScatter {
  /** Replaces the points: `codes` holds x0, y0, x1, y1, …; `labels` the digit of each. */
  setPoints(codes: ArrayLike<number>, labels: ArrayLike<number>, refit?: boolean): void;
  /** Extra points drawn on top as rings (e.g. prior samples); empty to clear. */
  setHighlights(codes: ArrayLike<number>): void;
  /** The cross marking the chosen position (undefined hides it). */
  setMarker(z: Point2 | undefined): void;
  readonly domain: Domain;
  teardown(): void;
}

const MARGIN = 28;

/** The range covering the central 99 % of each coordinate, widened by 10 % (robust to outliers). */
export function fitDomain(codes: ArrayLike<number>): Domain {
  const n = Math.floor(codes.length / 2);
  if (n === 0)
    return [
      [-3, 3],
      [-3, 3],
    ];
  const axis = (offset: number): Point2 => {
    const values = Float64Array.from({ length: n }, (_, i) => codes[2 * i + offset] ?? 0).sort();
    const lo = values[Math.floor(0.005 * (n - 1))] ?? -1;
    const hi = values[Math.ceil(0.995 * (n - 1))] ?? 1;
    const pad = 0.1 * (hi - lo || 1);
    return [lo - pad, hi + pad];
  };
  return [axis(0), axis(1)];
}

export function createLatentScatter(canvas: HTMLCanvasElement, options: LatentScatterOptions = {}): LatentScatter {
  let codes: ArrayLike<number> = [];
  let labels: ArrayLike<number> = [];
  let highlights: ArrayLike<number> = [];
  let marker: Point2 | undefined;
  let domain: Domain = options.domain ?? [
    [-3, 3],
    [-3, 3],
  ];
  const fixedDomain = options.domain !== undefined;
  let dragging = false;
  let frame = 0;

  // The canvas's CSS size, read once and then kept by the ResizeObserver below: reading
  // clientWidth on every pointer move forced the page's layout each time, right after the
  // figure had changed its text (a drag spent most of each frame in layout).
  let box = { width: canvas.clientWidth || 320, height: canvas.clientHeight || 320 };
  const toPixel = (z: Point2, width: number, height: number): Point2 => [
    MARGIN + ((z[0] - domain[0][0]) / (domain[0][1] - domain[0][0])) * (width - 2 * MARGIN),
    height - MARGIN - ((z[1] - domain[1][0]) / (domain[1][1] - domain[1][0])) * (height - 2 * MARGIN),
  ];
  const toCode = (px: number, py: number): Point2 => {
    const { width, height } = box;
    return [
      domain[0][0] + ((px - MARGIN) / (width - 2 * MARGIN)) * (domain[0][1] - domain[0][0]),
      domain[1][0] + ((height - MARGIN - py) / (height - 2 * MARGIN)) * (domain[1][1] - domain[1][0]),
    ];
  };

  /**
   * The plot without the marker (frame, axes, labels, points, rings), kept in a canvas of its own:
   * a drag moves only the marker, so each frame of it copies this layer and draws the cross, rather
   * than drawing thousands of points again. Painted again when the points, rings, domain, size or
   * colours change: `layerKey` names the size and colours it was painted for, and is cleared when
   * the points, rings or domain change.
   */
  const layer = document.createElement('canvas');
  let layerKey = '';
  const paintLayer = (width: number, height: number, ratio: number, axisColour: string, textColour: string) => {
    layer.width = canvas.width;
    layer.height = canvas.height;
    const context = layer.getContext('2d');
    if (context === null) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    // Axes through the origin (when in range) and the frame.
    context.strokeStyle = axisColour;
    context.lineWidth = 1;
    context.strokeRect(MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN);
    const [ox, oy] = toPixel([0, 0], width, height);
    context.setLineDash([3, 3]);
    context.beginPath();
    if (ox > MARGIN && ox < width - MARGIN) {
      context.moveTo(ox, MARGIN);
      context.lineTo(ox, height - MARGIN);
    }
    if (oy > MARGIN && oy < height - MARGIN) {
      context.moveTo(MARGIN, oy);
      context.lineTo(width - MARGIN, oy);
    }
    context.stroke();
    context.setLineDash([]);
    context.fillStyle = textColour;
    context.font = '11px sans-serif';
    context.fillText(domain[0][0].toFixed(1), MARGIN, height - MARGIN + 14);
    context.fillText(domain[0][1].toFixed(1), width - MARGIN - 20, height - MARGIN + 14);
    context.fillText(domain[1][1].toFixed(1), 2, MARGIN + 4);
    context.fillText(domain[1][0].toFixed(1), 2, height - MARGIN);
    context.fillText('z₁', width / 2, height - 6);
    context.fillText('z₂', 4, height / 2);
    const n = Math.floor(codes.length / 2);
    context.globalAlpha = 0.7;
    for (let i = 0; i < n; i++) {
      const [px, py] = toPixel([codes[2 * i] ?? 0, codes[2 * i + 1] ?? 0], width, height);
      if (px < MARGIN || px > width - MARGIN || py < MARGIN || py > height - MARGIN) continue;
      context.fillStyle = LABEL_COLOURS[labels[i] ?? 9] ?? '#000';
      context.fillRect(px - 1.5, py - 1.5, 3, 3);
    }
    context.globalAlpha = 1;
    context.strokeStyle = textColour;
    context.lineWidth = 1.5;
    for (let i = 0; i < highlights.length / 2; i++) {
      const [px, py] = toPixel([highlights[2 * i] ?? 0, highlights[2 * i + 1] ?? 0], width, height);
      context.beginPath();
      context.arc(px, py, 5, 0, 2 * Math.PI);
      context.stroke();
    }
  };

  const draw = () => {
    frame = 0;
    const { width, height } = box;
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
    if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
    const context = canvas.getContext('2d');
    if (context === null) return;
    // Colours come from the page's CSS (light or dark theme).
    const style = getComputedStyle(canvas);
    const axisColour = style.getPropertyValue('--vb-axis-colour') || '#888';
    const textColour = style.color || '#444';
    const key = [canvas.width, canvas.height, ratio, axisColour, textColour].join('|');
    if (key !== layerKey) {
      paintLayer(width, height, ratio, axisColour, textColour);
      layerKey = key;
    }
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.drawImage(layer, 0, 0);
    if (marker) {
      context.setTransform(ratio, 0, 0, ratio, 0, 0);
      const [px, py] = toPixel(marker, width, height);
      context.strokeStyle = textColour;
      context.lineWidth = 2;
      context.beginPath();
      context.moveTo(px - 8, py);
      context.lineTo(px + 8, py);
      context.moveTo(px, py - 8);
      context.lineTo(px, py + 8);
      context.stroke();
    }
  };
  const redraw = () => {
    if (frame === 0) frame = requestAnimationFrame(draw);
  };

  /** The point nearest the position, within 10 px; undefined if none. */
  const nearest = (z: Point2): number | undefined => {
    const { width, height } = box;
    const [px, py] = toPixel(z, width, height);
    let best: number | undefined;
    let bestDistance = 100;
    for (let i = 0; i < codes.length / 2; i++) {
      const [qx, qy] = toPixel([codes[2 * i] ?? 0, codes[2 * i + 1] ?? 0], width, height);
      const d = (qx - px) ** 2 + (qy - py) ** 2;
      if (d < bestDistance) {
        bestDistance = d;
        best = i;
      }
    }
    return best;
  };

  const position = (event: PointerEvent): Point2 => {
    const rect = canvas.getBoundingClientRect();
    return toCode(event.clientX - rect.left, event.clientY - rect.top);
  };
  const choose = (z: Point2) => {
    marker = z;
    redraw();
    options.onPoint?.(z);
  };
  const onDown = (event: PointerEvent) => {
    dragging = true;
    canvas.setPointerCapture(event.pointerId);
    const z = position(event);
    choose(z);
    // A tap has no hover: report the nearest point on press as well.
    options.onHover?.(nearest(z));
  };
  const onMove = (event: PointerEvent) => {
    const z = position(event);
    if (dragging) choose(z);
    options.onHover?.(nearest(z));
  };
  const onUp = () => {
    dragging = false;
  };
  const onLeave = (event: PointerEvent) => {
    // A finger "leaves" as it lifts; keep what the tap showed (a mouse leaving clears it).
    if (!dragging && event.pointerType === 'mouse') options.onHover?.(undefined);
  };
  const onKey = (event: KeyboardEvent) => {
    const step = 0.025;
    const dx = { ArrowLeft: -1, ArrowRight: 1 }[event.key] ?? 0;
    const dy = { ArrowDown: -1, ArrowUp: 1 }[event.key] ?? 0;
    if (dx === 0 && dy === 0) return;
    event.preventDefault();
    const from = marker ?? [(domain[0][0] + domain[0][1]) / 2, (domain[1][0] + domain[1][1]) / 2];
    const scale = event.shiftKey ? 4 : 1;
    const z: Point2 = [
      Math.min(domain[0][1], Math.max(domain[0][0], from[0] + dx * scale * step * (domain[0][1] - domain[0][0]))),
      Math.min(domain[1][1], Math.max(domain[1][0], from[1] + dy * scale * step * (domain[1][1] - domain[1][0]))),
    ];
    choose(z);
    options.onHover?.(nearest(z));
  };
  const listeners = new AbortController();
  const { signal } = listeners;
  canvas.addEventListener('pointerdown', onDown, { signal });
  canvas.addEventListener('pointermove', onMove, { signal });
  canvas.addEventListener('pointerup', onUp, { signal });
  canvas.addEventListener('pointercancel', onUp, { signal });
  canvas.addEventListener('pointerleave', onLeave, { signal });
  canvas.addEventListener('keydown', onKey, { signal });
  const resize = new ResizeObserver((entries) => {
    const rect = entries.at(-1)?.contentRect;
    if (rect) box = { width: rect.width || 320, height: rect.height || 320 };
    redraw();
  });
  resize.observe(canvas);
  // Colours come from the page's CSS: redraw when the reader switches between light and dark.
  const theme = new MutationObserver(redraw);
  theme.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class'] });

  return {
    setPoints(newCodes, newLabels, refit = !fixedDomain) {
      codes = newCodes;
      labels = newLabels;
      if (refit) domain = fitDomain(codes);
      layerKey = '';
      redraw();
    },
    setHighlights(newHighlights) {
      highlights = newHighlights;
      layerKey = '';
      redraw();
    },
    setMarker(z) {
      marker = z;
      redraw();
    },
    get domain() {
      return domain;
    },
    teardown() {
      cancelAnimationFrame(frame);
      resize.disconnect();
      theme.disconnect();
      listeners.abort();
    },
  };
}
