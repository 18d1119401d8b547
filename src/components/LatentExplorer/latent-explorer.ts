import { defineLazyWidget } from '../lazy.ts';

defineLazyWidget('latent-explorer', async () => (await import('./latent-explorer-figure.ts')).mountLatentExplorer);
