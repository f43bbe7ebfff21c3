import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { listAlerts, syncAlerts } from '../../../src/db/repositories/alerts.js';
import { listAudit } from '../../../src/db/repositories/audit.js';
import { persistPoll } from '../../../src/poller/persist-poll.js';
import { engines, withMigratedDatabase } from '../../helpers/databases.js';
import { makeAlert, makeComponent, makeSnapshot } from '../../domain/make-snapshot.js';
import { buildTestApp, operator, seedSystem, T0 } from './support.js';

const FORM_HEADERS = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

function flashCookie(res: { cookies: { name: string; value: string }[] }) {
  const cookie = res.cookies.find((c) => c.name === 'sfd_flash');
  assert.ok(cookie, 'a flash cookie');
  return { sfd_flash: cookie.value };
}

for (const engine of engines) {
  describe(`acknowledging alerts on ${engine}`, () => {
    test('needs a signed-in viewer: anonymous readers and nobody are refused', () =>
      withMigratedDatabase(engine, async (handle) => {
        const sys = await seedSystem(handle.db, 'fa-01');
        await syncAlerts(handle.db, sys, T0, [makeAlert()]);
        const [alert] = await listAlerts(handle.db, sys);
        const anonymous = await buildTestApp(handle, { anonymousRead: true });
        const nobody = await buildTestApp(handle, { anonymousRead: false });
        try {
          const page = await anonymous.app.inject({ url: '/alerts', headers: { accept: 'text/html' } });
          assert.equal(page.statusCode, 200);
          assert.doesNotMatch(page.body, /action="\/alerts\/\d+\/ack"/, 'no form for the anonymous wall screen');
          const json = await anonymous.app.inject({ method: 'POST', url: `/alerts/${alert?.id}/ack`, payload: { comment: 'x' } });
          assert.equal(json.statusCode, 401);
          const html = await anonymous.app.inject({ method: 'POST', url: `/alerts/${alert?.id}/ack`, headers: FORM_HEADERS, payload: form({ comment: 'x' }) });
          assert.equal(html.statusCode, 303);
          assert.match(String(html.headers.location), /^\/login\?next=/);
          const noViewer = await nobody.app.inject({ url: '/alerts', headers: { accept: 'text/html' } });
          assert.equal(noViewer.statusCode, 303);
          assert.equal((await nobody.app.inject({ method: 'POST', url: `/alerts/${alert?.id}/ack`, payload: { comment: 'x' } })).statusCode, 401);
          const [after] = await listAlerts(handle.db, sys);
          assert.equal(after?.acknowledgedAt, null);
          assert.deepEqual(await listAudit(handle.db), []);
        } finally {
          await anonymous.app.close();
          await nobody.app.close();
        }
      }));

    test('a signed-in viewer acknowledges with a comment: audited, shown escaped, still listed, 303 back with a flash', () =>
      withMigratedDatabase(engine, async (handle) => {
        const sys = await seedSystem(handle.db, 'fa-01');
        await syncAlerts(handle.db, sys, T0, [makeAlert({ id: 'a1' }), makeAlert({ id: 'a2', severity: 'warning' })]);
        const [alert] = await listAlerts(handle.db, sys);
        const id = alert?.id as number;
        const { app, fleet, csrf } = await buildTestApp(handle, { viewer: operator });
        const FORM = { ...FORM_HEADERS, ...csrf };
        try {
          await fleet.refresh();
          assert.equal(fleet.current().systems[0]?.unacknowledgedAlerts, 2);
          const page = await app.inject({ url: '/alerts', headers: { accept: 'text/html' } });
          assert.match(page.body, new RegExp(`action="/alerts/${id}/ack"`));

          const empty = await app.inject({ method: 'POST', url: `/alerts/${id}/ack`, headers: FORM, payload: form({ comment: '   ', back: '/alerts' }) });
          assert.equal(empty.statusCode, 303);
          const emptyPage = await app.inject({ url: '/alerts', headers: { accept: 'text/html' }, cookies: flashCookie(empty) });
          assert.match(emptyPage.body, /a comment is required/);
          const tooLong = await app.inject({ method: 'POST', url: `/alerts/${id}/ack`, headers: FORM, payload: form({ comment: 'x'.repeat(501) }) });
          assert.equal(tooLong.statusCode, 303);
          assert.equal((await listAlerts(handle.db, sys))[0]?.acknowledgedAt, null, 'refused comments acknowledge nothing');

          const comment = '<b>PSU swap</b> booked, ticket "INC-1"';
          const res = await app.inject({
            method: 'POST',
            url: `/alerts/${id}/ack`,
            // As the browser's form sends it: the token in the hidden `_csrf` field.
            headers: { ...FORM_HEADERS, cookie: String(csrf.cookie) },
            payload: form({ comment, back: '/alerts?severity=critical', _csrf: String(csrf['x-csrf-token']) }),
          });
          assert.equal(res.statusCode, 303);
          assert.equal(res.headers.location, `/alerts?severity=critical#alert-${id}`);
          const [acked] = await listAlerts(handle.db, sys);
          assert.equal(acked?.acknowledgedBy, operator.username);
          assert.equal(acked?.ackComment, comment);
          const audit = await listAudit(handle.db);
          assert.equal(audit.length, 1);
          assert.equal(audit[0]?.action, 'alert.acknowledge');
          assert.equal(audit[0]?.username, operator.username);
          assert.equal(audit[0]?.targetId, String(id));
          assert.equal(audit[0]?.details?.comment, comment);
          assert.equal(fleet.current().systems[0]?.unacknowledgedAlerts, 1, 'the fleet is refreshed at once');

          const shown = await app.inject({ url: '/alerts?severity=critical', headers: { accept: 'text/html' }, cookies: flashCookie(res) });
          assert.match(shown.body, new RegExp(`Alert #${id} acknowledged\\.`));
          assert.ok(shown.body.includes('&lt;b&gt;PSU swap&lt;/b&gt;'), 'comment escaped');
          assert.ok(shown.body.includes('ops-&lt;b&gt;night&lt;/b&gt;'), 'who acknowledged, escaped');
          assert.ok(!shown.body.includes('<b>'));
          assert.deepEqual([...shown.body.matchAll(/id="alert-(\d+)"[^>]*class="acknowledged"/g)].map((m) => Number(m[1])), [id], 'still listed, marked');

          const elsewhere = await app.inject({ method: 'POST', url: `/alerts/${id}/ack`, headers: FORM, payload: form({ comment: 'again', back: '//evil.example/alerts' }) });
          assert.equal(elsewhere.headers.location, `/alerts#alert-${id}`, 'never an open redirect');
          assert.equal((await app.inject({ method: 'POST', url: '/alerts/999999/ack', headers: FORM, payload: form({ comment: 'x' }) })).statusCode, 404);
          assert.equal((await app.inject({ method: 'POST', url: '/alerts/abc/ack', headers: FORM, payload: form({ comment: 'x' }) })).statusCode, 400);
        } finally {
          await app.close();
        }
      }));

    test('acknowledging never turns a failed component green: the system stays critical on the fleet', () =>
      withMigratedDatabase(engine, async (handle) => {
        const sys = await seedSystem(handle.db, 'fa-broken');
        const snapshot = makeSnapshot({
          components: [makeComponent({ kind: 'psu', name: 'CT0.PSU1', state: 'failed', rawState: 'failed' })],
          alerts: [makeAlert({ id: 'psu', severity: 'critical', title: 'PSU failed' })],
        });
        await persistPoll(handle.db, { systemId: sys, at: T0, durationMs: 5, snapshot });
        const { app, fleet, csrf } = await buildTestApp(handle, { viewer: operator });
        const FORM = { ...FORM_HEADERS, ...csrf };
        try {
          await fleet.refresh();
          assert.equal(fleet.current().systems[0]?.health, 'critical');
          const [alert] = await listAlerts(handle.db, sys);
          const res = await app.inject({ method: 'POST', url: `/alerts/${alert?.id}/ack`, headers: FORM, payload: form({ comment: 'replacing' }) });
          assert.equal(res.statusCode, 303);
          // The next poll derives health with the acknowledgement in hand.
          const next = await persistPoll(handle.db, { systemId: sys, at: T0 + 60_000, durationMs: 5, snapshot });
          assert.deepEqual([...(next.alerts?.acknowledgedIds ?? [])], ['psu']);
          await fleet.refresh();
          const system = fleet.current().systems[0];
          assert.equal(system?.health, 'critical');
          assert.equal(system?.unacknowledgedAlerts, 0);
          assert.equal(system?.alerts.critical, 1, 'acknowledged alerts still count as open');
        } finally {
          await app.close();
        }
      }));
  });
}
