/**
 * The model gallery's behaviour: loads every generative model of the manifest with its shipped
 * weights (`loadPretrained`), keeps them while the figure lives (disposed in teardown), and
 * draws `SAMPLES` samples of each with one seed (`drawSamples` of `src/lib/vae/readout`, the
 * same function the pretrained-models list uses), timing each model's drawing from the first op
 * to the pixels read back to the CPU. Each model is warmed up once, untimed, right after loading,
 * so the times shown are of warm runs (the first run also compiles shaders or allocates buffers).
 * "Draw new samples" redraws every model with the next seed.
 *
 * Published state (the root's `value` + an `input` event, after each complete drawing):
 * `ModelGalleryState`, every card's model name, kind and sample pixels with the seed, so a figure
 * task can recompute figures of the samples themselves.
 */
import type { RemoteModel } from '../model-worker/remote-model.ts';
import { drawSamples } from '../model-worker/readout.ts';
import { required, widgetStrings } from '../dom.ts';
import { paintDigits } from '../page-services/digits.ts';
import { pageBackend, showTensorCount } from '../page-services/page-resources.ts';
import { loadPretrained, pretrainedManifest, type PretrainedEntry } from '../page-services/pretrained.ts';
import { modelTitle } from '../page-services/model-title.ts';
import { retryingLoadFailure } from '../training/load-error.ts';
import { COLUMNS, galleryEntries, galleryStrings, SAMPLES, timeText } from './figures.ts';

/** The seed of the first drawing; each redraw takes the next one. */
const FIRST_SEED = 1;

/** One card's drawing as published: [SAMPLES · 784] grey levels in [0, 1]. */
export interface PublishedSamples {
  readonly name: string;
  readonly kind: string;
  readonly samples: Float32Array;
}

/** What the gallery publishes as its `value` once every card has drawn with `seed`. */
export interface ModelGalleryState {
  readonly seed: number;
  readonly models: readonly PublishedSamples[];
}

interface Card {
  readonly entry: PretrainedEntry;
  readonly model: RemoteModel;
  readonly element: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  readonly time: HTMLElement;
}

export function mountModelGallery(root: HTMLElement): { teardown(): void } {
  const strings = widgetStrings<Record<string, string>>(root);
  const s = galleryStrings(strings);
  const status = required<HTMLElement>(root, '[data-out="status"]');
  const seedOut = required<HTMLOutputElement>(root, '[data-out="seed"]');
  const button = required<HTMLButtonElement>(root, 'button[data-action="redraw"]');
  const cards: Card[] = [];
  let seed = FIRST_SEED;
  let backendName = '';
  let closed = false;
  let drawing = false;

  /** Builds one card's model from its entry; undefined (and nothing kept) once the figure has gone. */
  const load = async (entry: PretrainedEntry): Promise<Card | undefined> => {
    const kind = entry.spec.kind;
    if (kind === 'classifier') return undefined;
    const element = required<HTMLElement>(root, `[data-model="${entry.name}"]`);
    const { model } = await loadPretrained(entry.name, kind);
    if (closed) {
      model.dispose();
      return undefined;
    }
    // Warm-up: the first run of a network pays one-off costs that are not sampling speed.
    await drawSamples(model, SAMPLES, 0, entry.codeStats);
    return {
      entry,
      model,
      element,
      canvas: required<HTMLCanvasElement>(element, 'canvas'),
      time: required<HTMLElement>(element, '[data-figure="time"] [data-text]'),
    };
  };

  const draw = async () => {
    drawing = true;
    button.disabled = true;
    status.textContent = s('drawing', { count: SAMPLES, seed });
    const drawn: PublishedSamples[] = [];
    for (const card of cards) {
      const start = performance.now();
      const values = await drawSamples(card.model, SAMPLES, seed, card.entry.codeStats);
      const ms = performance.now() - start;
      if (closed) return;
      paintDigits(card.canvas, values, { columns: COLUMNS });
      card.canvas.setAttribute('aria-label', s('canvasLabel', { count: SAMPLES, title: modelTitle(card.entry, strings), seed }));
      card.time.textContent = timeText(ms, s);
      card.element.dataset['ms'] = String(ms);
      card.element.dataset['seed'] = String(seed);
      drawn.push({ name: card.entry.name, kind: card.entry.spec.kind, samples: values });
    }
    seedOut.textContent = String(seed);
    root.dataset['seed'] = String(seed);
    showTensorCount(root);
    status.textContent = s('done', { models: cards.length, count: SAMPLES, backend: strings[`backend.${backendName}`] ?? backendName, seed });
    root.dataset['ready'] = 'true';
    (root as HTMLElement & { value?: ModelGalleryState }).value = { seed, models: drawn };
    root.dispatchEvent(new Event('input', { bubbles: true }));
    button.disabled = false;
    drawing = false;
  };

  const fail = retryingLoadFailure(status, () => start(), {
    label: 'Model gallery',
    strings,
    failed: (reason) => s('failed', { reason }),
    closed: () => closed,
    onFailure: () => (drawing = false),
    reset: () => {
      for (const card of cards.splice(0)) card.model.dispose();
    },
  });

  const start = async () => {
    status.textContent = s('loading');
    const backend = await pageBackend();
    backendName = backend.name;
    root.dataset['backend'] = backend.name;
    required<HTMLElement>(root, '[data-ui]').hidden = false;
    const entries = galleryEntries(await pretrainedManifest());
    // Download in parallel; build and warm up in manifest order (the status names each model).
    const pending = entries.map((entry) => ({ entry, card: load(entry) }));
    let taken = 0;
    try {
      for (const { entry, card } of pending) {
        if (closed) break;
        status.textContent = s('loadingModel', { title: modelTitle(entry, strings) });
        const loaded = await card;
        taken += 1;
        if (loaded === undefined) continue;
        if (closed) loaded.model.dispose();
        else cards.push(loaded);
      }
    } finally {
      // After a teardown or a failed download, the models not taken dispose themselves as they arrive.
      for (const { card } of pending.slice(taken))
        void card.then(
          (loaded) => loaded?.model.dispose(),
          () => {},
        );
    }
    if (closed) return;
    await draw();
  };

  button.addEventListener('click', () => {
    if (drawing || closed) return;
    seed += 1;
    draw().catch(fail);
  });

  start().catch(fail);
  return {
    teardown() {
      closed = true;
      for (const card of cards.splice(0)) card.model.dispose();
    },
  };
}
