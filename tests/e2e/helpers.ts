import { expect, type Page } from '@playwright/test';
import { BASE_URL } from './server.ts';

/**
 * Records console errors, uncaught exceptions, failed requests and requests to any host other
 * than the preview server, for a test to assert on at its end.
 */
export function watchPage(page: Page) {
  const problems: string[] = [];
  const requested: string[] = [];
  const host = new URL(BASE_URL).host;
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText ?? '';
    // ERR_ABORTED is the browser cancelling a request itself (a navigation or reload while, say,
    // the favicon loads): nothing failed to load that the page still wanted.
    if (error !== 'net::ERR_ABORTED') problems.push(`failed request: ${request.url()} (${error})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    requested.push(request.url());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.host !== host) {
      problems.push(`request to another host: ${request.url()}`);
    }
  });
  return {
    requested,
    expectClean() {
      expect(problems).toEqual([]);
    },
  };
}
