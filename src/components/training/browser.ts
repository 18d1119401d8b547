/**
 * What the training controller is given from the browser: a yield between slices that is a real
 * macrotask (not throttled like `setTimeout(0)`, not stopped like rAF), and the visibility of a
 * figure — in view (IntersectionObserver) and the tab shown (visibilitychange).
 */
import type { ControllerOptions, TrainingController } from '../../lib/training/controller.ts';

/** A zero-delay macrotask through a MessageChannel. */
function macrotask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

/** The controller's clock and yield in a browser page. */
export const browserTiming: Pick<ControllerOptions, 'now' | 'yieldToBrowser'> = { now: () => performance.now(), yieldToBrowser: macrotask };

/** Tells `controller` whether `root` can be seen; returns the unsubscribe. */
export function watchVisibility(root: Element, controller: Pick<TrainingController, 'setVisible'>): () => void {
  let inView = true;
  const update = () => controller.setVisible(inView && document.visibilityState !== 'hidden');
  const observer =
    'IntersectionObserver' in window
      ? new IntersectionObserver((entries) => {
          const entry = entries.at(-1);
          if (entry === undefined) return;
          inView = entry.isIntersecting;
          update();
        })
      : undefined;
  observer?.observe(root);
  document.addEventListener('visibilitychange', update);
  update();
  return () => {
    observer?.disconnect();
    document.removeEventListener('visibilitychange', update);
  };
}
