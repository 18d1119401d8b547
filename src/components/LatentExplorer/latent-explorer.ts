import { defineLazyWidget } from '../lazy';

defineLazyWidget('latent-explorer', async () => (await import('./app')).mountLatentExplorer);
