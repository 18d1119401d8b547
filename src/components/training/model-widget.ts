/**
 * The one way a figure mounts in-page training: the panel (`panel.ts`, with its training
 * controller) runs the session,
 * a refresher (`refresh.ts`) redraws the widget's views whenever the weights change, the controls
 * are shown (`[data-ui]`), and the model is loaded at once and drawn (`reload`).
 *
 *   const widget = mountModelWidget(root, {
 *     label: 'VAE trainer',
 *     open: (hooks) => openTrainingSession({ pretrained: 'vae2', ...hooks }),
 *     redraw: async ({ session, mnist }) => { … paint the views … },
 *   });
 *   return { teardown: widget.teardown };
 *
 * After each redraw the root gets `data-tensors` (the live tensor count; while training the panel
 * counts instead, since a redraw may land in the middle of a step) and `data-views` (redraws so
 * far, which tests wait on).
 */
import { required, widgetStrings } from '../dom.ts';
import { showTensorCount } from '../page-services/page-resources.ts';
import type { OpenedRun, OpenedSession } from './open.ts';
import { mountTrainingPanel, type PanelOptions, type TrainingPanel } from './panel.ts';
import { createRefresher } from './refresh.ts';

export interface ModelWidgetOptions<O extends OpenedRun> {
  /** The widget's strings (default: its `data-strings`). */
  readonly strings?: Readonly<Record<string, string>>;
  /** Opens the session (see `PanelOptions.open`). */
  open: PanelOptions<O>['open'];
  /** Redraws the widget's views from the current weights (none: the panel's read-outs only). */
  redraw?(opened: O): Promise<void>;
  /** Load the model at once and draw it (default), or only when the reader starts training. */
  readonly loadAtOnce?: boolean;
  /** Finish training at this step count (see `PanelOptions`). */
  readonly maxSteps?: number;
  /** Names the widget in the console warning when a redraw fails. */
  readonly label: string;
  /** Called when the weights changed (before the redraw this asks for), e.g. to mark views stale. */
  onModelChanged?(opened: O): void;
  /** Runs once loaded, before the first draw (e.g. loads a second model); it shows its own failure and throws. */
  prepare?(opened: O): Promise<void>;
  /** Runs after the first draw, just before the widget is marked ready. */
  onReady?(opened: O): void;
}

export interface ModelWidget<O extends OpenedRun> {
  readonly panel: TrainingPanel<O>;
  /** Asks for a redraw from the loaded session (nothing before it is loaded). */
  refresh(): void;
  /** Loads (again, after a failure), prepares and draws as on first load. */
  reload(): void;
  teardown(): void;
}

export function mountModelWidget<O extends OpenedRun = OpenedSession>(root: HTMLElement, options: ModelWidgetOptions<O>): ModelWidget<O> {
  const refresher = createRefresher<O>(
    async (opened) => {
      await options.redraw?.(opened);
      if (panel.controller.snapshot.state !== 'training') showTensorCount(root);
      root.dataset['views'] = String(Number(root.dataset['views'] ?? 0) + 1);
    },
    (error) => console.warn(`${options.label}: could not redraw`, error),
  );
  const panel = mountTrainingPanel<O>(root, {
    strings: options.strings ?? widgetStrings(root),
    open: options.open,
    ...(options.maxSteps === undefined ? {} : { maxSteps: options.maxSteps }),
    onModelChanged(opened) {
      options.onModelChanged?.(opened);
      refresher.request(opened);
    },
    // After a failed download, load again and draw the views as on first load.
    retry: () => reload(),
  });
  /**
   * Loads the model (training waits for a click), lets the widget `prepare` what else it needs,
   * draws the views, and marks the widget ready (`data-ready`, which the browser tests wait for).
   * A failure to load is shown by the panel, a failure of `prepare` by the widget.
   */
  const reload = () => {
    panel
      .load()
      .then(async (loaded) => {
        await options.prepare?.(loaded);
        refresher.request(loaded);
        await refresher.idle;
        options.onReady?.(loaded);
        root.dataset['ready'] = 'true';
      })
      .catch(() => {});
  };
  required<HTMLElement>(root, '[data-ui]').hidden = false;
  // Show the model at once (training waits for a click).
  if (options.loadAtOnce !== false) reload();
  return {
    panel,
    reload,
    refresh() {
      if (panel.opened) refresher.request(panel.opened);
    },
    teardown() {
      refresher.close();
      panel.teardown();
    },
  };
}
