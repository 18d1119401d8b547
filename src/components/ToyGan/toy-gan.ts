import { defineLazyWidget } from '../lazy.ts';

defineLazyWidget('toy-gan', async () => (await import('./toy-gan-figure.ts')).mountToyGan);
