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

/**
 * Shows `text` in a control after the state changed. A number field that has focus is left alone:
 * the reader may be half-way through typing a value, and a redraw in between (an animation frame,
 * another field's commit) must not overwrite it; the field's own change handler writes the
 * committed value back. Sliders are always written, since they never hold half-typed text.
 */
export function showValue(input: HTMLInputElement, text: string): void {
  if (input.type !== 'range' && input === document.activeElement) return;
  input.value = text;
}
