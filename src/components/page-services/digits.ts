/**
 * Drawing MNIST-sized grey images (rows of 784 values in [0, 1], white digit on black as in the
 * data) onto a canvas: one image, a strip, or a grid. The canvas holds the images at their own
 * resolution (28 pixels each); CSS scales it up with `image-rendering: pixelated`.
 */
export const DIGIT_SIDE = 28;
export const DIGIT_PIXELS = DIGIT_SIDE * DIGIT_SIDE;

export interface DigitGridOptions {
  /** Images per row. Default: all in one row. */
  readonly columns?: number;
  /** Pixels of background between images. Default 0. */
  readonly gap?: number;
}

/**
 * Paints `values.length / 784` images into `canvas` (resizing it) as a grid; returns the number
 * of images painted. Values outside [0, 1] are clamped. Sets `data-painted` on the canvas.
 */
export function paintDigits(canvas: HTMLCanvasElement, values: ArrayLike<number>, options: DigitGridOptions = {}): number {
  const count = Math.floor(values.length / DIGIT_PIXELS);
  const columns = Math.max(1, Math.min(options.columns ?? count, count));
  const rows = Math.max(1, Math.ceil(count / columns));
  const gap = options.gap ?? 0;
  const width = columns * DIGIT_SIDE + (columns - 1) * gap;
  const height = rows * DIGIT_SIDE + (rows - 1) * gap;
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const context = canvas.getContext('2d');
  if (context === null) return 0;
  // Marks the canvas as drawn: a `.vb-digit-slot` around it then hides its "what to do" hint.
  canvas.dataset['painted'] = '';
  const image = context.createImageData(width, height);
  const pixels = image.data;
  for (let i = 3; i < pixels.length; i += 4) pixels[i] = 255;
  for (let k = 0; k < count; k++) {
    const left = (k % columns) * (DIGIT_SIDE + gap);
    const top = Math.floor(k / columns) * (DIGIT_SIDE + gap);
    for (let p = 0; p < DIGIT_PIXELS; p++) {
      const grey = Math.round(255 * Math.min(1, Math.max(0, values[k * DIGIT_PIXELS + p] ?? 0)));
      const o = 4 * ((top + Math.floor(p / DIGIT_SIDE)) * width + left + (p % DIGIT_SIDE));
      pixels[o] = pixels[o + 1] = pixels[o + 2] = grey;
    }
  }
  context.putImageData(image, 0, 0);
  return count;
}

/** Grey levels 0–255 of one stored MNIST image as values in [0, 1]. */
export function bytesToUnit(bytes: ArrayLike<number>): Float32Array {
  const out = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = (bytes[i] ?? 0) / 255;
  return out;
}
