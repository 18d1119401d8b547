import { unified } from '@astrojs/markdown-remark';
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';
import { locales } from './src/i18n/index.ts';
import remarkCitations from './src/markdown/citations.ts';
import rehypeKatexOutput from './src/markdown/katex-output.ts';
import remarkNumbering from './src/markdown/numbering.ts';

// https://docs.astro.build/en/reference/configuration-reference/
export default defineConfig({
  site: 'https://vae-book.example.org',
  // The model worker (src/components/model-worker/) is an ES module worker, so that its backends
  // stay separate chunks loaded only when reached (as on the page before), not one bundle; its
  // files are named and minified like the page's (`_astro/<name>.<hash>`).
  vite: {
    worker: {
      format: 'es',
      rollupOptions: {
        output: {
          entryFileNames: '_astro/[name].[hash].js',
          chunkFileNames: '_astro/[name].[hash].js',
          assetFileNames: '_astro/[name].[hash][extname]',
          // Without the libraries' licence comments, as in the page's own chunks.
          comments: { legal: false },
        },
      },
    },
  },
  markdown: {
    // Astro 7's default Markdown pipeline (Sätteri) does not run remark/rehype plugins;
    // KaTeX and the textbook plugins need the unified pipeline.
    processor: unified({
      remarkPlugins: [remarkMath, remarkNumbering, remarkCitations],
      // Math is typeset at build time; readers receive HTML + CSS, no math script. rehype-katex
      // renders with the project's katex (package.json `overrides`), the same version whose
      // stylesheet is loaded below. rehypeKatexOutput makes display equations focusable and
      // keeps the TeX source out of the search index.
      rehypePlugins: [[rehypeKatex, { strict: 'error', throwOnError: true }], rehypeKatexOutput],
    }),
  },
  integrations: [
    starlight({
      title: 'VAE Book',
      description: 'An interactive, literate textbook on variational autoencoders.',
      defaultLocale: 'root',
      locales,
      components: {
        PageTitle: './src/components/overrides/PageTitle.astro',
        Footer: './src/components/overrides/Footer.astro',
        MarkdownContent: './src/components/overrides/MarkdownContent.astro',
        Search: './src/components/overrides/Search.astro',
        MobileMenuToggle: './src/components/overrides/MobileMenuToggle.astro',
      },
      customCss: ['katex/dist/katex.min.css', './src/styles/textbook.css', './src/styles/widgets.css', './src/styles/print.css'],
      // Chapters in reading order. Parts that are still being written are added here as
      // their chapters land.
      sidebar: [
        {
          label: 'Start here',
          translations: { 'zh-CN': '从这里开始' },
          items: [
            { slug: 'index', label: 'About this book', translations: { 'zh-CN': '关于本书' } },
            'notation',
            'teaching',
            'diagnostics',
            'glossary',
            'progress',
          ],
        },
        {
          label: 'Background',
          translations: { 'zh-CN': '预备知识' },
          items: ['kl-divergence'],
        },
        {
          label: 'Part I: From density estimation to the ELBO',
          translations: { 'zh-CN': '第一部分：从密度估计到证据下界' },
          items: ['generative-models', 'em-and-gaussian-mixtures', 'evidence-lower-bound'],
        },
        {
          label: 'Part II: Autoencoders and the VAE',
          translations: { 'zh-CN': '第二部分：自编码器与变分自编码器' },
          items: ['reparameterisation-trick', 'autoencoders', 'variational-autoencoder'],
        },
        {
          label: 'Part III: Beyond the VAE',
          translations: { 'zh-CN': '第三部分：超越变分自编码器' },
          items: ['conditional-vae', 'importance-weighted-autoencoders', 'generative-adversarial-networks', 'vae-gan', 'comparing-generative-models'],
        },
      ],
      pagination: true,
      lastUpdated: false,
    }),
  ],
});
