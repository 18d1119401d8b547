/**
 * <em-stepper>: waits until the figure is near the viewport, then loads the widget's code (d3
 * and the math library) and mounts it. Removing the element tears it down.
 */
import { whenVisible } from '../lazy';

class EMStepperElement extends HTMLElement {
  #teardown: (() => void) | undefined;

  connectedCallback(): void {
    this.#teardown = whenVisible(this, () => {
      void import('./app').then(({ mountEMStepper }) => {
        if (this.isConnected) this.#teardown = mountEMStepper(this);
      });
    });
  }

  disconnectedCallback(): void {
    this.#teardown?.();
    this.#teardown = undefined;
  }
}

if (!customElements.get('em-stepper')) customElements.define('em-stepper', EMStepperElement);
