import { defineLazyWidget } from '../lazy';

defineLazyWidget('autoencoder-lab', async () => (await import('./app')).mountAutoencoderLab);
