/**
 * The β-collapse figure's fixed choices, shared by its markup and its client code.
 *
 * The learning rate is ten times the shipped model's: in-page training on a reader's CPU runs
 * some 30–50 steps per second, and at 10⁻² and β = 8 the bars of the weaker dimensions sink
 * within a few hundred steps (the count of active units drops from 20 to about 10 within
 * roughly 600 steps, about 20 s in headless Chromium on WASM), where at 10⁻³ they take
 * thousands. The
 * price is a noisier model: at β = 1 this rate costs the reconstruction term some 15–20 nats.
 */
export const LEARNING_RATE = 0.01;

/** Test images over which the KL per dimension is averaged (the first ones of the test split). */
export const KL_IMAGES = 500;
