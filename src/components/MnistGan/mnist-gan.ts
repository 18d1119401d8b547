import { defineLazyWidget } from '../lazy';

defineLazyWidget('mnist-gan', async () => (await import('./app')).mountMnistGan);
