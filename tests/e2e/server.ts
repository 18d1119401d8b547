/** Where the preview server of the built site listens during browser tests. */
export const PORT = Number(process.env['E2E_PORT'] ?? 4329);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
