// Not a test: `npm run screenshots` captures the README's pictures of the main pages from the demo.
import { signIn, test } from './support.js';

const pages = [
  ['fleet', '/'],
  ['fleet-table', '/?view=table&sort=health'],
  ['alerts', '/alerts'],
  ['capacity', '/capacity'],
  ['logs', '/logs'],
  ['admin-systems', '/admin/systems'],
] as const;

test('capture the main pages in light and dark mode', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1400, height: 900 });
  await signIn(page);
  // Let a poll cycle or two land so the pages show real data.
  await page.waitForTimeout(4000);
  for (const [name, url] of pages) {
    await page.goto(url);
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `docs/screenshots/${name}.png` });
  }
  const res = await page.request.get('/api/v1/systems');
  const first = (await res.json()).systems[0];
  await page.goto(`/systems/${first.id}`);
  await page.locator('.uplot canvas').first().waitFor();
  await page.screenshot({ path: 'docs/screenshots/system.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: 'docs/screenshots/fleet-dark.png' });
});
