/** The autoencoder lab's fixed choices, shared by its markup and its client code. */

/** Test digits plotted in both code plots (the first ones of the page's test split). */
export const CODE_POINTS = 2000;
/** Test images the PCA is fitted on: all the page loads (`BROWSER_DEFAULT.testCount` in `src/lib/vae/data`). */
export const PCA_IMAGES = 5000;
/** Test digits shown as input / output / target. */
export const SHOWN = 8;
/** Codes drawn by "Decode random codes". */
export const RANDOM_CODES = 8;
/** The denoising slider: standard deviation of the Gaussian pixel noise. */
export const NOISE = { min: 0.05, max: 1, step: 0.05, value: 0.4 } as const;
/** Seed of the corruption shown in the input row (fixed, so only the level changes what you see). */
export const NOISE_SEED = 11;
/** While training, the code plot (which encodes every plotted digit) is refreshed at most this often. */
export const CODES_REFRESH_MS = 1500;
