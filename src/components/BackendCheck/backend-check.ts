/**
 * <backend-check>: when the widget nears the viewport, loads TensorFlow.js and the check
 * (`./app`) and runs it once; "Run the check" runs it again. When a run finishes the element
 * carries `data-ready="true"` and `data-backend="<name>"` (tests and readers' bug reports use
 * them); after a WebGL context loss it also carries `data-context-lost="true"`.
 */
import { whenVisible } from '../lazy';
import type { BackendCheckApp } from './app';

class BackendCheckElement extends HTMLElement {
  #app: BackendCheckApp | undefined;
  #cancelWait: (() => void) | undefined;

  connectedCallback(): void {
    this.#cancelWait = whenVisible(this, () => {
      void import('./app').then(({ mountBackendCheck }) => {
        if (this.isConnected && this.#app === undefined) this.#app = mountBackendCheck(this);
      });
    });
  }

  disconnectedCallback(): void {
    this.#cancelWait?.();
    this.#app?.teardown();
    this.#app = undefined;
  }

  /**
   * Test hook (tests/e2e/backend.spec.ts): loses the WebGL backend's context through the
   * WEBGL_lose_context extension, as a GPU reset would. False when WebGL is not active.
   */
  loseContextForTest(): boolean {
    return this.#app?.loseContextForTest() ?? false;
  }
}

if (!customElements.get('backend-check')) customElements.define('backend-check', BackendCheckElement);
