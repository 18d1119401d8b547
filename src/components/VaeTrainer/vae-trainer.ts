import { defineLazyWidget } from '../lazy.ts';

defineLazyWidget('vae-trainer', async () => (await import('./vae-trainer-figure.ts')).mountVaeTrainer);
