import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { StoredSystem } from '../../../domain/system.js';
import type { TestConnectionInput, TestConnectionResult } from '../../actions.js';
import type { WebDeps } from '../../deps.js';
import { asFormBody } from '../../forms/form-body.js';
import { parseSystemForm, type SystemFormField } from '../../forms/system-form.js';
import { requireAdmin, verifyCsrf } from '../../guards.js';
import { presentTestResult } from '../../presenters/system-form.js';
import { renderFragment } from '../../render.js';
import { systemOfParam } from './admin-helpers.js';
import { renderSystemForm } from './system-edit.js';

// Only these matter for a connection; a missing name or a taken one must not stop a test.
const connectionFields: SystemFormField[] = ['vendor', 'address', 'port', 'tls', 'caPem', 'fingerprint', 'username', 'password', 'apiToken'];

function failed(message: string): TestConnectionResult {
  return { ok: false, reachability: 'api_error', message, durationMs: 0, presentedFingerprint: null, model: null, osVersion: null };
}

/**
 * "Test connection" with the form's unsaved values: the page's script posts the form here and
 * swaps the answer in (header x-fragment: 1); without JavaScript the whole form comes back with
 * the result, its values kept except the credentials.
 */
export async function systemTestRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  const write = { onRequest: requireAdmin, preHandler: verifyCsrf };

  async function test(request: FastifyRequest, reply: FastifyReply, existing: StoredSystem | null) {
    const parsed = parseSystemForm(asFormBody(request.body), existing);
    const problems = connectionFields.flatMap((f) => (parsed.errors[f] ? [parsed.errors[f]] : []));
    let result: TestConnectionResult;
    const connection = parsed.connection;
    if (!deps.actions.testConnection) result = failed('Testing connections is not available in this process (it runs without the poller’s vendor clients).');
    else if (problems.length > 0 || !connection) result = failed(`Fix the form first: ${problems.join(' ') || 'the connection fields are incomplete.'}`);
    else {
      const input: TestConnectionInput = {
        ...connection,
        credentials: parsed.credentials ?? {},
        ...(parsed.credentials === null && existing ? { storedCredentialsOf: existing.id } : {}),
      };
      result = await deps.actions.testConnection(input).catch((err: unknown) => {
        request.log.error({ err }, 'test connection failed unexpectedly');
        return failed('The test could not run; the process log has the details.');
      });
    }
    if (request.headers['x-fragment'] === '1') return renderFragment(reply, 'admin-test-result', presentTestResult(result));
    return renderSystemForm(request, reply, deps, { existing, values: parsed.values, errors: parsed.errors, testResult: result });
  }

  app.post('/admin/systems/test', write, (request, reply) => test(request, reply, null));
  app.post('/admin/systems/:id/test', write, async (request, reply) => {
    const existing = await systemOfParam(request, deps);
    if (!existing) return reply.callNotFound();
    return test(request, reply, existing);
  });
}
