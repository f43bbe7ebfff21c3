import { type BrowserContext, expect, type Page, test as base } from '@playwright/test';
import { e2eAdmin } from '../playwright.config.js';

/**
 * Every test fails on a console error or an uncaught exception in the page: a CSP violation, a
 * missing asset or a script error must not hide behind a passing click.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      expect(errors, 'console errors on the page').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

// Sign-in is rate limited (5 a minute per address and user), so the tests sign in through the form
// once and reuse that session's cookies afterwards, as a browser would.
let session: Awaited<ReturnType<BrowserContext['cookies']>> | null = null;

export async function signIn(page: Page, next = '/'): Promise<void> {
  if (session) {
    await page.context().addCookies(session);
    await page.goto(next);
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    return;
  }
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Username').fill(e2eAdmin.username);
  await page.getByLabel('Password').fill(e2eAdmin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  session = await page.context().cookies();
}

export interface ApiSystem {
  id: number;
  name: string;
  vendor: string;
  address: string;
  health: string;
  reachability: string;
}

/** The demo's systems, read through the JSON API with the signed-in page's cookie. */
export async function listSystems(page: Page): Promise<ApiSystem[]> {
  const res = await page.request.get('/api/v1/systems');
  expect(res.status()).toBe(200);
  const body = await res.json();
  return Array.isArray(body) ? body : body.systems;
}
