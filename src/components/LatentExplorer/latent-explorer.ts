import { defineLazyWidget } from '../lazy.ts';

defineLazyWidget('latent-explorer', async () => (await import('./app.ts')).mountLatentExplorer);
