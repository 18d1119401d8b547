/**
 * <jensen-explorer>: waits until the figure is near the viewport, then loads the widget's code
 * (d3, the draggable-points helper and the math library) and mounts it. Removing the element
 * tears it down. While mounted, `value` holds the current points and weights, and an `input`
 * event announces changes made on the graph or with the buttons.
 */
import { whenVisible } from '../lazy';
import type { JensenState } from './state';

export class JensenExplorerElement extends HTMLElement {
  value: JensenState | undefined;
  #teardown: (() => void) | undefined;

  connectedCallback(): void {
    this.#teardown = whenVisible(this, () => {
      void import('./app').then(({ mountJensenExplorer }) => {
        if (this.isConnected) this.#teardown = mountJensenExplorer(this);
      });
    });
  }

  disconnectedCallback(): void {
    this.#teardown?.();
    this.#teardown = undefined;
  }
}

if (!customElements.get('jensen-explorer')) customElements.define('jensen-explorer', JensenExplorerElement);
