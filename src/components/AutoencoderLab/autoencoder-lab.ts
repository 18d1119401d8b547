import { defineLazyWidget } from '../lazy.ts';

defineLazyWidget('autoencoder-lab', async () => (await import('./autoencoder-lab-figure.ts')).mountAutoencoderLab);
