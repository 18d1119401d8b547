/**
 * What the training controller is given from the browser: its clock and wait, and the visibility
 * of a figure — in view (IntersectionObserver) and the tab shown (visibilitychange).
 */
import type { ControllerOptions, TrainingController } from '../../lib/training/controller.ts';

/** The controller's clock and wait in a browser page. */
export const browserTiming: Pick<ControllerOptions, 'now' | 'wait'> = {
  now: () => performance.now(),
  wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

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
