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
