import { defineLazyWidget } from '../lazy';

defineLazyWidget('toy-gan', async () => (await import('./app')).mountToyGan);
