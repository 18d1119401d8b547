/**
 * Starts a widget only when it is about to scroll into view, so that its code (and, for the
 * model widgets, TensorFlow.js and data) is fetched only by readers who reach it.
 * Returns a function that cancels the wait.
 */
export function whenVisible(element: Element, start: () => void, rootMargin = '200px'): () => void {
  if (!('IntersectionObserver' in window)) {
    start();
    return () => {};
  }
  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect();
        start();
      }
    },
    { rootMargin },
  );
  observer.observe(element);
  return () => observer.disconnect();
}

/** What a widget's mount function returns: its teardown, or an object with `teardown` (and test hooks). */
export type MountedWidget = (() => void) | { teardown(): void };

/**
 * Defines the custom element `<tag>` of a widget: when the element nears the viewport it loads
 * the widget's code with `load` (a dynamic `import()`, so the code, and TensorFlow.js with it
 * where a widget needs it, is fetched only then) and mounts it on the server-rendered markup;
 * removing the element tears it down. The mounted result is `element.app` (tests use its hooks).
 * Leaving the page (`pagehide`) tears it down too (and a return from the back/forward cache
 * reloads the page). Widgets that publish state set `element.value` and dispatch `input` events
 * themselves.
 */
export function defineLazyWidget(tag: string, load: () => Promise<(root: HTMLElement) => MountedWidget>): void {
  if (customElements.get(tag)) return;
  customElements.define(
    tag,
    class extends HTMLElement {
      app: MountedWidget | undefined;
      #cancelWait: (() => void) | undefined;
      #tornDownOnHide = false;
      // Leaving the page frees the widget (its model's memory, its training loop). A page that
      // comes back from the back/forward cache with a freed widget reloads, so every widget
      // starts from fresh markup.
      readonly #onPageHide = () => {
        this.#tornDownOnHide = this.app !== undefined;
        this.#unmount();
      };
      readonly #onPageShow = (event: PageTransitionEvent) => {
        if (event.persisted && this.#tornDownOnHide) window.location.reload();
      };

      connectedCallback(): void {
        window.addEventListener('pagehide', this.#onPageHide);
        window.addEventListener('pageshow', this.#onPageShow);
        this.#mountWhenVisible();
      }

      disconnectedCallback(): void {
        window.removeEventListener('pagehide', this.#onPageHide);
        window.removeEventListener('pageshow', this.#onPageShow);
        this.#unmount();
      }

      #mountWhenVisible(): void {
        this.#cancelWait?.();
        this.#cancelWait = whenVisible(this, () => {
          void load().then((mount) => {
            if (this.isConnected && this.app === undefined) this.app = mount(this);
          });
        });
      }

      #unmount(): void {
        this.#cancelWait?.();
        this.#cancelWait = undefined;
        const app = this.app;
        this.app = undefined;
        if (typeof app === 'function') app();
        else app?.teardown();
      }
    },
  );
}
