import { defineLazyWidget } from '../lazy.ts';

defineLazyWidget('toy-gan', async () => (await import('./app.ts')).mountToyGan);
