/**
 * The PCA half of the autoencoder lab: the principal components of the page's test images,
 * computed with `src/lib/math/pca` one round per task (so the page stays responsive), then the
 * projections of the plotted digits as a second scatter, the explained variance, and the image
 * PCA "decodes" from a point (z₁, z₂) of its plane: the mean plus z₁u₁ + z₂u₂. Plain numbers only.
 */
import { formatString } from '../../i18n/index.ts';
import { pcaRounds, type Pca } from '../../lib/math/pca.ts';
import type { MnistSplit } from '../../lib/vae/data.ts';
import { formatNumber } from '../format.ts';
import { createLatentScatter, type Point2 } from '../latent/scatter.ts';
import { DIGIT_PIXELS, paintDigits } from '../page-services/digits.ts';

export interface PcaViewOptions {
  readonly root: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  readonly decoded: HTMLCanvasElement;
  readonly decodedOut: HTMLElement;
  readonly varianceOut: HTMLElement;
  readonly strings: Readonly<Record<string, string>>;
  readonly split: MnistSplit;
  /** Images the components are fitted on, and how many of them are plotted. */
  readonly fitted: number;
  readonly plotted: number;
  onHover(index: number | undefined): void;
}

export interface PcaView {
  /** Resolves with the PCA once computed (rejects if it failed or the view was torn down). */
  readonly done: Promise<Pca>;
  teardown(): void;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** x̂ = μ + z₁u₁ + z₂u₂, as 784 grey levels. */
export function pcaImage(result: Pca, z: Point2): Float32Array {
  const d = result.dim;
  return Float32Array.from({ length: d }, (_, j) => (result.mean[j] ?? 0) + z[0] * (result.components[j] ?? 0) + z[1] * (result.components[d + j] ?? 0));
}

export function mountPcaView(options: PcaViewOptions): PcaView {
  const { root, strings } = options;
  const s = (key: string, values?: Record<string, string | number>) => formatString(strings[`ae.${key}`] ?? key, values);
  let result: Pca | undefined;
  let closed = false;

  const scatter = createLatentScatter(options.canvas, {
    onHover: options.onHover,
    onPoint(z) {
      if (result === undefined) return;
      paintDigits(options.decoded, pcaImage(result, z));
      options.decodedOut.textContent = s('decodedAt', { z1: formatNumber(z[0], 2), z2: formatNumber(z[1], 2) });
      root.dataset['pcaDecodedZ'] = `${z[0]},${z[1]}`;
    },
  });

  const compute = async (): Promise<Pca> => {
    const count = Math.min(options.fitted, options.split.count);
    // A relative residual of 1e-6 pins the variances and directions down far better than a plot can show.
    const rounds = pcaRounds(options.split.images, count, DIGIT_PIXELS, { components: 2, scale: 1 / 255, tolerance: 1e-6 });
    for (;;) {
      await nextTask();
      if (closed) throw new Error('PCA view closed');
      const step = rounds.next();
      if (step.done) return step.value;
    }
  };

  const done = compute().then((pca) => {
    result = pca;
    const plotted = Math.min(options.plotted, pca.count);
    scatter.setPoints(pca.projections.subarray(0, 2 * plotted), options.split.labels.subarray(0, plotted));
    const [first = 0, second = 0] = Array.from(pca.explainedRatio, (r) => 100 * r);
    options.varianceOut.textContent = s('pcaVariance', {
      first: formatNumber(first, 2),
      second: formatNumber(second, 2),
      both: formatNumber(first + second, 2),
    });
    root.dataset['pcaVariance'] = Array.from(pca.explainedRatio, (r) => r.toFixed(6)).join(',');
    return pca;
  });
  done.catch((error: unknown) => {
    if (closed) return;
    options.varianceOut.textContent = s('pcaFailed', { reason: error instanceof Error ? error.message : String(error) });
  });

  return {
    done,
    teardown() {
      closed = true;
      scatter.teardown();
    },
  };
}
