import { defineLazyWidget } from '../lazy';

defineLazyWidget('vaegan-compare', async () => (await import('./app')).mountVaeGanCompare);
