/**
 * <elbo-gap>: waits until the figure is near the viewport, then loads the widget's code (d3 and
 * the math library) and mounts it. Removing the element tears it down. While mounted, `value`
 * holds the current state (model, x, m, s) and an `input` event announces programmatic changes
 * (buttons, animation); changes made with the controls bubble up as their own input events.
 */
import { whenVisible } from '../lazy';
import type { ElboGapState } from './state';

export class ElboGapElement extends HTMLElement {
  value: ElboGapState | undefined;
  #teardown: (() => void) | undefined;

  connectedCallback(): void {
    this.#teardown = whenVisible(this, () => {
      void import('./app').then(({ mountElboGap }) => {
        if (this.isConnected) this.#teardown = mountElboGap(this);
      });
    });
  }

  disconnectedCallback(): void {
    this.#teardown?.();
    this.#teardown = undefined;
  }
}

if (!customElements.get('elbo-gap')) customElements.define('elbo-gap', ElboGapElement);
