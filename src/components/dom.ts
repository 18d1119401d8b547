/** Small DOM helpers shared by the widgets' client modules. */

/**
 * The element matching `selector` inside a widget's server-rendered markup. Markup and client
 * code ship together, so a missing element is a bug: throw with the selector rather than fail
 * later on `null`.
 */
export function required<T extends Element>(root: ParentNode, selector: string): T {
  const element = root.querySelector<T>(selector);
  if (element === null) throw new Error(`Widget markup is missing ${selector}`);
  return element;
}

/** The UI strings the server rendered into the widget's `data-strings` attribute (see `stringsWithPrefixes`). */
export function widgetStrings<T extends object = Record<string, string>>(root: HTMLElement): T {
  return JSON.parse(root.dataset['strings'] ?? '{}') as T;
}
