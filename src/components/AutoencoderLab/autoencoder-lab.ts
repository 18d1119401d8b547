import { defineLazyWidget } from '../lazy.ts';

defineLazyWidget('autoencoder-lab', async () => (await import('./app.ts')).mountAutoencoderLab);
