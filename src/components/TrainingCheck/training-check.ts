/**
 * <training-check>: when the widget nears the viewport, loads `./app` (the model library and
 * TensorFlow.js come with it) and mounts it; leaving the page stops training and frees the model.
 * The element carries `data-ready`, `data-backend`, `data-step` and, after a recovery,
 * `data-recovered` (tests and readers' bug reports use them).
 */
import { whenVisible } from '../lazy';
import type { TrainingCheckApp } from './app';

class TrainingCheckElement extends HTMLElement {
  #app: TrainingCheckApp | undefined;
  #cancelWait: (() => void) | undefined;

  connectedCallback(): void {
    this.#cancelWait = whenVisible(this, () => {
      void import('./app').then(({ mountTrainingCheck }) => {
        if (this.isConnected && this.#app === undefined) this.#app = mountTrainingCheck(this);
      });
    });
  }

  disconnectedCallback(): void {
    this.#cancelWait?.();
    this.#app?.teardown();
    this.#app = undefined;
  }

  /** Test hook (tests/e2e/training-check.spec.ts): loses the WebGL context, as a GPU reset would. */
  loseContextForTest(): boolean {
    return this.#app?.loseContextForTest() ?? false;
  }
}

if (!customElements.get('training-check')) customElements.define('training-check', TrainingCheckElement);
