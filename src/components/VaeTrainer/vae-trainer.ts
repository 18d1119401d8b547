import { defineLazyWidget } from '../lazy';

defineLazyWidget('vae-trainer', async () => (await import('./app')).mountVaeTrainer);
