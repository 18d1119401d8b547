/**
 * <density-fit>: waits until the figure is near the viewport, then loads the widget's code (d3
 * and the math library) and mounts it. Removing the element tears it down.
 */
import { whenVisible } from '../lazy';

class DensityFitElement extends HTMLElement {
  #teardown: (() => void) | undefined;

  connectedCallback(): void {
    this.#teardown = whenVisible(this, () => {
      void import('./app').then(({ mountDensityFit }) => {
        if (this.isConnected) this.#teardown = mountDensityFit(this);
      });
    });
  }

  disconnectedCallback(): void {
    this.#teardown?.();
    this.#teardown = undefined;
  }
}

if (!customElements.get('density-fit')) customElements.define('density-fit', DensityFitElement);
