import { expect, listSystems, signIn, test } from './support.js';

test('the fleet shows every simulated system, and filters are a shareable link', async ({ page }) => {
  await signIn(page);
  const systems = await listSystems(page);
  // The demo's 12, plus any a test added.
  expect(systems.length).toBeGreaterThanOrEqual(12);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Fleet' })).toBeVisible();
  for (const system of systems) await expect(page.getByRole('link', { name: system.name, exact: true }).first()).toBeVisible();

  // Filter by vendor through the form: the URL carries the filter, and only that vendor is listed.
  await page.getByLabel('Vendor').selectOption('ontap');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/vendor=ontap/);
  const ontap = systems.filter((s) => s.vendor === 'ontap');
  const others = systems.filter((s) => s.vendor !== 'ontap');
  for (const system of ontap) await expect(page.getByRole('link', { name: system.name, exact: true }).first()).toBeVisible();
  for (const system of others) await expect(page.getByRole('link', { name: system.name, exact: true })).toHaveCount(0);

  // The same URL opened fresh shows the same filtered view.
  const shared = page.url();
  await page.goto('/');
  await page.goto(shared);
  await expect(page.getByLabel('Vendor')).toHaveValue('ontap');
  for (const system of others) await expect(page.getByRole('link', { name: system.name, exact: true })).toHaveCount(0);

  // Free text and the table view.
  const one = systems[0];
  if (!one) throw new Error('no systems');
  await page.goto(`/?q=${encodeURIComponent(one.name)}&view=table`);
  await expect(page.getByRole('table')).toBeVisible();
  await expect(page.getByRole('link', { name: one.name, exact: true })).toBeVisible();
});

test('signed out, the fleet sends the browser to the sign-in page', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('dark mode follows the toggle and is remembered', async ({ page }) => {
  await signIn(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  // Runs in the browser; the string form keeps DOM types out of this Node project's type check.
  const background = () => page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
  const light = await background();
  await page.getByRole('button', { name: 'Toggle dark mode' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const dark = await background();
  expect(dark).not.toBe(light);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background()).toBe(dark);
});
