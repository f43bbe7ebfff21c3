import { request as playwrightRequest } from '@playwright/test';
import { expect, listSystems, signIn, test } from './support.js';

test('a status change in the simulator reaches the open fleet page without a reload', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page);
  const systems = await listSystems(page);
  const victim = systems.find((s) => s.reachability === 'ok');
  if (!victim) throw new Error('no reachable system to break');
  // The demo's systems live at https://127.0.0.1:<port>/<id> on the simulator, which has a control route.
  const base = new URL(victim.address);
  const simId = base.pathname.replace(/^\//, '');
  const sim = await playwrightRequest.newContext({ ignoreHTTPSErrors: true, baseURL: base.origin });
  await page.goto(`/?q=${encodeURIComponent(victim.name)}&view=table`);
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: victim.name, exact: true }) });
  await expect(row).toBeVisible();
  await expect(row.getByTitle('Reachability')).toHaveCount(0);
  let navigations = 0;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations++;
  });
  try {
    const res = await sim.post(`/_sim/systems/${simId}/faults`, { data: { errorRate: 1 } });
    expect(res.status()).toBe(200);
    // Next poll (10 s interval in the e2e demo) plus the fragment refresh (5 s).
    await expect(row.getByTitle('Reachability')).toBeVisible({ timeout: 60_000 });
    expect(navigations, 'the page must update in place').toBe(0);
  } finally {
    await sim.post(`/_sim/systems/${simId}/faults`, { data: { errorRate: 0 } });
    await sim.dispose();
  }
});
