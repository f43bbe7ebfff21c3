import { buildSimulator } from '../src/simulator/app.js';
import { expect, listSystems, signIn, test } from './support.js';

test('admin adds a system: test connection shows the untrusted certificate, pinning it connects, save lists it', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page);
  const systems = await listSystems(page);
  const model = systems.find((s) => s.vendor === 'ontap');
  if (!model) throw new Error('the demo has no ONTAP system');
  // The demo simulator is deterministic (seed 1, 12 systems): the same specs give its credentials.
  const specs = (await buildSimulator({ systems: 12, seed: 1, tls: 'none' })).specs;
  const simId = new URL(model.address).pathname.replace(/^\//, '');
  const spec = specs.find((s) => s.id === simId);
  if (!spec) throw new Error(`no simulated system ${simId}`);

  await page.goto('/admin/systems/new');
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('e2e-added-cluster');
  await page.getByLabel('Vendor', { exact: true }).selectOption('ontap');
  await page.getByRole('textbox', { name: 'Address', exact: true }).fill(model.address);
  await page.getByLabel(/^Username/).fill(spec.credentials.username);
  await page.getByLabel(/^Password/).fill(spec.credentials.password);
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByText('Connection failed')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Pin this certificate' }).click();
  await expect(page.locator('#tls-pinned')).toBeChecked();
  // Credentials are never sent back to the browser: fill them again if the form was re-rendered.
  if ((await page.getByLabel(/^Password/).inputValue()) === '') await page.getByLabel(/^Password/).fill(spec.credentials.password);
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByText('Connection works')).toBeVisible({ timeout: 30_000 });
  if ((await page.getByLabel(/^Password/).inputValue()) === '') await page.getByLabel(/^Password/).fill(spec.credentials.password);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('e2e-added-cluster').first()).toBeVisible();
  await page.goto('/?q=e2e-added-cluster');
  await expect(page.getByRole('link', { name: 'e2e-added-cluster', exact: true }).first()).toBeVisible();
  // The page never shows the password back.
  await page.goto('/admin/systems');
  expect(await page.content()).not.toContain(spec.credentials.password);
});
