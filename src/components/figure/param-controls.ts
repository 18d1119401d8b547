/**
 * Wires a figure's server-rendered controls to its parameter table. Every element with
 * `data-param="<name>"` of a table parameter changes it: a slider as it moves, a number field
 * when its text is committed (Enter, blur, a spin step; text that is no number reverts to the
 * last value), a menu or a radio button when chosen. The returned `show` writes values back into
 * the controls after a change, leaving a focused number field alone (see `showValue`).
 */
import { showValue } from '../dom';
import type { Figure } from './mount-figure';
import { formatParam, type ParamTable, type ParamValues, readParam } from './params';

type Control = HTMLInputElement | HTMLSelectElement;

export interface ControlAccess<T extends ParamTable> {
  /** The table's current values. */
  values(): ParamValues<T>;
  /** Applies a change made with a control. */
  change(patch: Partial<ParamValues<T>>): void;
}

/** Listens to the table's controls; returns `show`, which writes values into them. */
export function bindParamControls<T extends ParamTable>(figure: Pick<Figure<object>, 'root' | 'on'>, table: T, access: ControlAccess<T>): (values: ParamValues<T>) => void {
  const controls: Array<[Control, keyof T & string]> = [];
  for (const control of figure.root.querySelectorAll<Control>('input[data-param], select[data-param]')) {
    const name = control.dataset['param'] ?? '';
    if (Object.hasOwn(table, name)) controls.push([control, name]);
  }

  for (const [control, name] of controls) {
    const param = table[name]!;
    const commit = () => access.change({ [name]: readParam(param, control.value, access.values()[name]) } as Partial<ParamValues<T>>);
    if (control.type === 'range') {
      figure.on(control, 'input', commit);
    } else if (control.type === 'radio') {
      figure.on(control, 'change', () => (control as HTMLInputElement).checked && commit());
    } else if (control instanceof HTMLSelectElement) {
      figure.on(control, 'change', commit);
    } else {
      figure.on(control, 'change', () => {
        commit();
        control.value = formatParam(param, access.values()[name]);
      });
    }
  }

  return (values) => {
    for (const [control, name] of controls) {
      const param = table[name]!;
      const text = formatParam(param, values[name]);
      if (control instanceof HTMLSelectElement) control.value = text;
      else if (control.type === 'radio') control.checked = control.value === text;
      // An unrounded parameter's slider gets the exact value (the browser snaps it to the step).
      else if (control.type === 'range' && param.kind === 'number' && !param.round) showValue(control, String(values[name]));
      else showValue(control, text);
    }
  };
}
