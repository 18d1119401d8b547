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
 * Widgets that publish state set `element.value` and dispatch `input` events themselves.
 */
export function defineLazyWidget(tag: string, load: () => Promise<(root: HTMLElement) => MountedWidget>): void {
  if (customElements.get(tag)) return;
  customElements.define(
    tag,
    class extends HTMLElement {
      app: MountedWidget | undefined;
      #cancelWait: (() => void) | undefined;

      connectedCallback(): void {
        this.#cancelWait = whenVisible(this, () => {
          void load().then((mount) => {
            if (this.isConnected && this.app === undefined) this.app = mount(this);
          });
        });
      }

      disconnectedCallback(): void {
        this.#cancelWait?.();
        const app = this.app;
        this.app = undefined;
        if (typeof app === 'function') app();
        else app?.teardown();
      }
    },
  );
}
