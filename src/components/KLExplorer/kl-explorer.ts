/**
 * <kl-explorer>: waits until the figure is near the viewport, then loads the widget's code
 * (d3, the math library and, for the formula, KaTeX) and mounts it. Leaving the page or
 * removing the element tears it down.
 */
import { whenVisible } from '../lazy';

class KLExplorerElement extends HTMLElement {
  #teardown: (() => void) | undefined;

  connectedCallback(): void {
    const cancelWait = whenVisible(this, () => {
      void import('./app').then(({ mountKLExplorer }) => {
        if (this.isConnected) this.#teardown = mountKLExplorer(this);
      });
    });
    this.#teardown = cancelWait;
  }

  disconnectedCallback(): void {
    this.#teardown?.();
    this.#teardown = undefined;
  }
}

if (!customElements.get('kl-explorer')) customElements.define('kl-explorer', KLExplorerElement);
