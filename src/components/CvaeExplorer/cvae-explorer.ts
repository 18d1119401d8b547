import { defineLazyWidget } from '../lazy.ts';

defineLazyWidget('cvae-explorer', async () => (await import('./app.ts')).mountCvaeExplorer);
