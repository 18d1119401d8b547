import { defineLazyWidget } from '../lazy.ts';

defineLazyWidget('cvae-explorer', async () => (await import('./cvae-explorer-figure.ts')).mountCvaeExplorer);
