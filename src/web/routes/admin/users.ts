import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../../db/repositories/audit.js';
import {
  createUser,
  deleteUser,
  findUserById,
  isUserRole,
  listUsers,
  setUserDisabled,
  setUserPassword,
  setUserRole,
  UserError,
} from '../../../db/repositories/users.js';
import { hashPassword, passwordProblem } from '../../../lib/password.js';
import type { WebDeps } from '../../deps.js';
import { requireAdmin, verifyCsrf, wantsHtml } from '../../guards.js';
import { presentUsers } from '../../presenters/users.js';
import { renderPage } from '../../render.js';

type Body = Record<string, unknown>;
type Params = { id: string };
const str = (value: unknown) => (typeof value === 'string' ? value : '');

class FormProblem extends Error {}

/** Both password fields must match and pass the policy; the password itself is never echoed. */
function newPassword(body: Body): string {
  const password = str(body.password);
  if (password !== str(body.password2)) throw new FormProblem('the two passwords differ');
  const problem = passwordProblem(password);
  if (problem) throw new FormProblem(problem);
  return password;
}

/** Users admin: list, create, change role, reset password, disable/enable, delete. Admin only; every change audited. */
export async function adminUserRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  const db = deps.handle.db;
  const guard = { preHandler: [requireAdmin, verifyCsrf] };

  const showPage = async (request: FastifyRequest, reply: FastifyReply, error: string | null = null) => {
    const done = (request.query as { done?: unknown } | undefined)?.done;
    const model = presentUsers(await listUsers(db), request.viewer, error ? undefined : done, error);
    return renderPage(request, reply, 'admin-users', { title: 'Users', nav: 'admin' }, model);
  };

  app.get('/admin/users', { preHandler: [requireAdmin] }, async (request, reply) => {
    if (!wantsHtml(request)) return { users: await listUsers(db) };
    return showPage(request, reply);
  });

  /** Runs one change: audits it, then redirects (browser) or answers JSON; refusals say why. */
  const change = (name: string, run: (request: FastifyRequest<{ Body: Body; Params: Params }>) => Promise<{ action: string; target: { id: number; username: string }; details?: Record<string, unknown> }>) =>
    async (request: FastifyRequest<{ Body: Body; Params: Params }>, reply: FastifyReply) => {
      try {
        const { action, target, details } = await run(request);
        await recordAudit(db, { username: request.viewer?.username ?? null, action, targetType: 'user', targetId: target.id, details: { username: target.username, ...details }, ip: request.ip });
        if (!wantsHtml(request)) return { ok: true, user: await findUserById(db, target.id) };
        return reply.redirect(`/admin/users?done=${name}`, 303);
      } catch (err) {
        if (!(err instanceof UserError || err instanceof FormProblem)) throw err;
        const status = err instanceof FormProblem ? 400 : err.code === 'USER_NOT_FOUND' ? 404 : err.code === 'BAD_USERNAME' || err.code === 'BAD_ROLE' ? 400 : 409;
        reply.code(status);
        const message = `Not changed: ${err.message}.`;
        if (!wantsHtml(request)) return { error: err instanceof UserError ? err.code.toLowerCase() : 'bad_request', message };
        return showPage(request, reply, message);
      }
    };

  const userOf = async (request: FastifyRequest<{ Params: Params }>) => {
    const user = /^\d{1,12}$/.test(request.params.id) ? await findUserById(db, Number(request.params.id)) : null;
    if (!user) throw new UserError('USER_NOT_FOUND', `no user with id ${request.params.id}`);
    return user;
  };

  app.post<{ Body: Body; Params: Params }>('/admin/users', guard, change('created', async (request) => {
    const body = request.body ?? {};
    const role = str(body.role);
    if (!isUserRole(role)) throw new FormProblem('choose the role admin or viewer');
    const user = await createUser(db, { username: str(body.username), passwordHash: await hashPassword(newPassword(body)), role });
    return { action: 'user_create', target: user, details: { role } };
  }));

  app.post<{ Body: Body; Params: Params }>('/admin/users/:id/role', guard, change('role', async (request) => {
    const role = str(request.body?.role);
    if (!isUserRole(role)) throw new FormProblem('choose the role admin or viewer');
    const user = await setUserRole(db, (await userOf(request)).id, role);
    return { action: 'user_role', target: user, details: { role } };
  }));

  app.post<{ Body: Body; Params: Params }>('/admin/users/:id/password', guard, change('password', async (request) => {
    const user = await userOf(request);
    await setUserPassword(db, user.id, await hashPassword(newPassword(request.body ?? {})));
    return { action: 'user_password_reset', target: user };
  }));

  for (const [path, disabled] of [['disable', true], ['enable', false]] as const) {
    app.post<{ Body: Body; Params: Params }>(`/admin/users/:id/${path}`, guard, change(disabled ? 'disabled' : 'enabled', async (request) => {
      const user = await setUserDisabled(db, (await userOf(request)).id, disabled);
      return { action: disabled ? 'user_disable' : 'user_enable', target: user };
    }));
  }

  app.post<{ Body: Body; Params: Params }>('/admin/users/:id/delete', guard, change('deleted', async (request) => {
    const user = await deleteUser(db, (await userOf(request)).id);
    return { action: 'user_delete', target: user };
  }));
}
