import { defineLazyWidget } from '../lazy.ts';

defineLazyWidget('vae-trainer', async () => (await import('./app.ts')).mountVaeTrainer);
