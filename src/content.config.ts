import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';

export const collections = {
  docs: defineCollection({
    loader: docsLoader(),
    schema: docsSchema({
      extend: z.object({
        /**
         * The chapter's label: a number for the chapters of Parts I–III ("1", "12") or a capital
         * letter for background chapters ("A"). Equations, figures and exercises are numbered
         * per chapter as "label.n", e.g. (A.3). Required on any page with numbered elements.
         */
        chapter: z.coerce
          .string()
          .regex(/^([1-9][0-9]*|[A-Z])$/, 'a chapter label is a number ("3") or a capital letter ("A")')
          .optional(),
        /**
         * What a reader will be able to do after the chapter: 3–5 sentences completing "After this
         * chapter you will be able to …" (each starts with a verb: "Derive …", "Explain …"). Shown at
         * the top of the chapter and on the first slide of its deck. Every chapter has them
         * (tests/unit/components/slides/objectives.test.ts checks the English edition); other pages leave them out.
         */
        objectives: z.array(z.string().min(10, 'an objective is a sentence')).min(3).max(5).optional(),
      }),
    }),
  }),
  // Overrides of Starlight's own interface strings, if any (the book's strings are in src/i18n).
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
};
