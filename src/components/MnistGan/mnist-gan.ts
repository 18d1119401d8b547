import { defineLazyWidget } from '../lazy.ts';

defineLazyWidget('mnist-gan', async () => (await import('./app.ts')).mountMnistGan);
