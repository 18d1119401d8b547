/** Where the preview server of the built site listens during browser tests. */
export const PORT = Number(process.env['E2E_PORT'] ?? 4329);
export const BASE_URL = `http://127.0.0.1:${PORT}`;

/**
 * The browser state every test starts from: this browser's backend measurement, made once per
 * run by `measured-backend.setup.ts` (a first visit to a model figure measures every backend,
 * ≈ 7 s here, which each fresh test context would otherwise pay). Tests of the first visit
 * itself start empty (`backend.spec.ts`).
 */
export const MEASURED_STATE = '.playwright/measured-backend.json';
