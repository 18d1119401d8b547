import { defineLazyWidget } from '../lazy';

defineLazyWidget('cvae-explorer', async () => (await import('./app')).mountCvaeExplorer);
