import { defineLazyWidget } from '../lazy.ts';

defineLazyWidget('mnist-gan', async () => (await import('./mnist-gan-figure.ts')).mountMnistGan);
