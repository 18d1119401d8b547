/**
 * The offline button's custom element, and the page's service-worker registration (built site
 * only: `scripts/offline.ts` writes `/sw.js`, `/sw-book.js` and `/offline.json` after the build).
 *
 * - Every page registers the worker it already has, or `/sw.js` (runtime caching only): a first
 *   visit downloads nothing beyond what the reader opens. The button's list of files and sizes
 *   (`/offline.json`) is fetched only when the footer comes near the screen, not on every page.
 * - "Save": registers `/sw-book.js`, whose install precaches the whole book; progress is the sum
 *   of the sizes (from `/offline.json`) of the files already in Workbox's precache. Once
 *   installed, the page tells it to take over (it was fetched from the same build as this page).
 * - An updated edition found later installs in the background and waits; the element then offers
 *   "Reload to read it", which activates it and reloads, so a page never mixes two editions.
 * - "Remove": registers `/sw.js` again and deletes the precache.
 */
import { formatString } from '../../i18n/index.ts';

interface OfflineList {
  bytes: number;
  entries: [url: string, bytes: number][];
}

const BOOK_WORKER = '/sw-book.js';
const RUNTIME_WORKER = '/sw.js';

export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Bytes of `list` already in the cache: Workbox keys carry `?__WB_REVISION__=…`, ignored here. */
export function savedBytes(list: OfflineList, cachedUrls: Iterable<string>): number {
  const sizes = new Map(list.entries);
  let total = 0;
  for (const url of cachedUrls) total += sizes.get(new URL(url).pathname) ?? 0;
  return Math.min(total, list.bytes);
}

async function precachedUrls(): Promise<string[]> {
  const urls: string[] = [];
  for (const name of (await caches.keys()).filter((key) => key.includes('precache'))) {
    for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
  }
  return urls;
}

/** Resolves once `element` is within a screen's height of the viewport. */
function nearViewport(element: Element): Promise<void> {
  return new Promise((resolve) => {
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        observer.disconnect();
        resolve();
      },
      { rootMargin: '100% 0px' },
    );
    observer.observe(element);
  });
}

/** Resolves when `worker` reaches `installed` or `activated`; rejects if it becomes redundant. */
function installed(worker: ServiceWorker): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (worker.state === 'installed' || worker.state === 'activated') resolve();
      else if (worker.state === 'redundant') reject(new Error('the service worker could not install'));
    };
    worker.addEventListener('statechange', check);
    check();
  });
}

class OfflineSave extends HTMLElement {
  #t: Record<string, string> = {};
  #list: OfflineList | undefined;

  connectedCallback(): void {
    // A failed registration (e.g. a server without the generated workers) leaves the button hidden.
    this.#start().catch((error: unknown) => console.warn('offline use unavailable:', error));
  }

  async #start(): Promise<void> {
    this.#t = JSON.parse(this.dataset['strings'] ?? '{}') as Record<string, string>;
    if (!import.meta.env.PROD) return;
    if (!('serviceWorker' in navigator) || !('caches' in window)) {
      this.#status(this.#t['offline.unsupported'] ?? '');
      this.hidden = false;
      return;
    }
    const existing = await navigator.serviceWorker.getRegistration('/');
    const saved = (existing?.active ?? existing?.waiting)?.scriptURL.endsWith(BOOK_WORKER) ?? false;
    const registration = await navigator.serviceWorker.register(saved ? BOOK_WORKER : RUNTIME_WORKER, { scope: '/' });
    this.#watchUpdates(registration);
    // The element itself is hidden (so unobservable) until its list is in; an empty block in its
    // place marks where it will appear.
    const marker = document.createElement('div');
    this.before(marker);
    await nearViewport(marker);
    marker.remove();
    this.#list = (await (await fetch('/offline.json')).json()) as OfflineList;
    const size = formatMegabytes(this.#list.bytes);
    const save = this.#button('save');
    save.textContent = formatString(this.#t['offline.save'], { size });
    save.addEventListener('click', () => void this.#save());
    this.#button('remove').addEventListener('click', () => void this.#remove());
    this.#button('reload').addEventListener('click', () => this.#reload(registration));
    this.#showSaved(saved);
    this.hidden = false;
  }

  #button(name: string): HTMLButtonElement {
    return this.querySelector<HTMLButtonElement>(`.vb-offline__${name}`)!;
  }

  #status(text: string): void {
    this.querySelector('.vb-offline__status')!.textContent = text;
  }

  #showSaved(saved: boolean): void {
    this.dataset['saved'] = String(saved);
    this.#button('save').hidden = saved;
    this.#button('remove').hidden = !saved;
    if (saved && this.#list) this.#status(formatString(this.#t['offline.saved'], { size: formatMegabytes(this.#list.bytes) }));
  }

  /** A new worker installed while another controls the page: an updated edition waits. */
  #watchUpdates(registration: ServiceWorkerRegistration): void {
    const offer = () => {
      if (!registration.waiting || !navigator.serviceWorker.controller || this.dataset['saving'] === 'true') return;
      this.#status(this.#t['offline.update'] ?? '');
      this.#button('reload').hidden = false;
    };
    offer();
    registration.addEventListener('updatefound', () => {
      const worker = registration.installing;
      worker?.addEventListener('statechange', () => worker.state === 'installed' && offer());
    });
  }

  #reload(registration: ServiceWorkerRegistration): void {
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    registration.waiting?.postMessage({ type: 'SKIP_WAITING' });
  }

  async #save(): Promise<void> {
    const list = this.#list;
    if (!list) return;
    const progress = this.querySelector<HTMLProgressElement>('.vb-offline__progress')!;
    const save = this.#button('save');
    save.disabled = true;
    progress.hidden = false;
    this.dataset['saving'] = 'true';
    const report = async () => {
      const done = savedBytes(list, await precachedUrls());
      progress.value = done / list.bytes;
      this.#status(
        formatString(this.#t['offline.saving'], {
          done: formatMegabytes(done),
          size: formatMegabytes(list.bytes),
          percent: Math.floor((100 * done) / list.bytes),
        }),
      );
    };
    const timer = setInterval(() => void report(), 400);
    try {
      const registration = await navigator.serviceWorker.register(BOOK_WORKER, { scope: '/' });
      const worker = registration.installing ?? registration.waiting ?? registration.active;
      if (!worker) throw new Error('no service worker');
      await installed(worker);
      // The precache belongs to this page's build, so it may take over this page now.
      if (worker.state === 'installed') {
        const activated = new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
        worker.postMessage({ type: 'SKIP_WAITING' });
        await activated;
      }
      await report();
      this.#showSaved(true);
    } catch (error) {
      this.#status(formatString(this.#t['offline.failed'], { reason: error instanceof Error ? error.message : String(error) }));
      save.disabled = false;
    } finally {
      clearInterval(timer);
      progress.hidden = true;
      this.dataset['saving'] = 'false';
    }
  }

  async #remove(): Promise<void> {
    const registration = await navigator.serviceWorker.register(RUNTIME_WORKER, { scope: '/' });
    const worker = registration.installing ?? registration.waiting;
    if (worker) {
      await installed(worker);
      worker.postMessage({ type: 'SKIP_WAITING' });
    }
    for (const name of (await caches.keys()).filter((key) => key.includes('precache'))) await caches.delete(name);
    this.#showSaved(false);
    this.#button('save').disabled = false;
    this.#status(this.#t['offline.removed'] ?? '');
  }
}

customElements.define('vb-offline-save', OfflineSave);
