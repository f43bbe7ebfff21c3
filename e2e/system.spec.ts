import { expect, listSystems, signIn, test } from './support.js';

test('opening a system shows its identity, components and a rendered capacity chart', async ({ page }) => {
  await signIn(page);
  const systems = await listSystems(page);
  const polled = systems.find((s) => s.reachability === 'ok') ?? systems[0];
  if (!polled) throw new Error('no systems');
  await page.goto('/');
  await page.getByRole('link', { name: polled.name, exact: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`/systems/${polled.id}$`));
  await expect(page.getByRole('heading', { name: polled.name, level: 1 })).toBeVisible();
  // uPlot draws into a canvas once the capacity data has arrived.
  const canvas = page.locator('.uplot canvas').first();
  await expect(canvas).toBeVisible({ timeout: 15_000 });
  const box = await canvas.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(100);
  // Range buttons fetch another range without errors.
  const range = page.getByRole('button', { name: /90 ?d/i });
  if ((await range.count()) > 0) {
    await range.first().click();
    await expect(canvas).toBeVisible();
  }
});

test('the alerts, capacity and logs pages render for a signed-in operator', async ({ page }) => {
  await signIn(page);
  for (const [url, heading] of [
    ['/alerts', 'Alerts'],
    ['/capacity', 'Capacity'],
    ['/logs', 'System log'],
    ['/admin', 'Admin'],
  ] as const) {
    await page.goto(url);
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
  }
  await page.goto('/capacity');
  await expect(page.locator('.uplot canvas').first()).toBeVisible({ timeout: 15_000 });
});
