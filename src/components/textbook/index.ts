/** The textbook conventions every chapter imports: `import { Figure, … } from './index.ts';` */
export { default as Callout } from './Callout.astro';
export { default as Exercise } from './Exercise.astro';
export { default as Figure } from './Figure.astro';
export { default as Slide } from './Slide.astro';
export { default as Solution } from './Solution.astro';
