import { expect, signIn, test } from './support.js';

test('acknowledging an alert records who and why, and the alert stays listed', async ({ page }) => {
  await signIn(page);
  const res = await page.request.get('/api/v1/alerts?state=open');
  expect(res.status()).toBe(200);
  const body = await res.json();
  const alerts: { id: number; title: string; acknowledgedBy: string | null }[] = Array.isArray(body) ? body : body.alerts;
  const open = alerts.find((a) => !a.acknowledgedBy);
  // The demo fleet is seeded (seed 1): it always starts with open alerts.
  if (!open) throw new Error('the demo fleet has no unacknowledged open alert');
  await page.goto('/alerts');
  const form = page.locator(`form[action="/alerts/${open.id}/ack"]`);
  await expect(form).toHaveCount(1);
  const comment = `e2e: on it <b>${Date.now()}</b>`;
  // The form sits in a closed <details>: open it the way an operator would.
  await page.locator(`#alert-${open.id} summary`).click();
  await form.getByLabel('Comment (required)').fill(comment);
  await form.getByRole('button').click();
  await expect(page).toHaveURL(/\/alerts/);
  // Escaped on the way back: the comment shows as text, never as markup.
  await expect(page.getByText(comment)).toBeVisible();
  const after = await (await page.request.get('/api/v1/alerts?state=open')).json();
  const acked = (Array.isArray(after) ? after : after.alerts).find((a: { id: number }) => a.id === open.id);
  expect(acked?.acknowledgedBy).toBe('admin');
});
