import type { User } from '../../db/repositories/users.js';
import type { Viewer } from '../viewer.js';

export interface UserRowView {
  id: number;
  username: string;
  role: 'admin' | 'viewer';
  otherRole: 'admin' | 'viewer';
  status: 'enabled' | 'disabled';
  disabled: boolean;
  statusClass: string;
  toggleAction: 'enable' | 'disable';
  toggleLabel: 'Enable' | 'Disable';
  createdAt: string;
  lastLogin: string;
  isSelf: boolean;
}

/** Messages after a change (the redirect carries only the code, so nothing user-typed is reflected). */
const doneMessages: Record<string, string> = {
  created: 'User created.',
  role: 'Role changed.',
  password: 'Password reset; the user was signed out everywhere.',
  disabled: 'User disabled and signed out everywhere.',
  enabled: 'User enabled.',
  deleted: 'User deleted.',
};

const isoMinute = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

export function presentUsers(users: User[], viewer: Viewer | null, done: unknown, error: string | null) {
  const rows: UserRowView[] = users.map((u) => ({
    id: u.id,
    username: u.username,
    role: u.role,
    otherRole: u.role === 'admin' ? 'viewer' : 'admin',
    status: u.disabled ? 'disabled' : 'enabled',
    disabled: u.disabled,
    statusClass: u.disabled ? 'badge' : 'badge ok',
    toggleAction: u.disabled ? 'enable' : 'disable',
    toggleLabel: u.disabled ? 'Enable' : 'Disable',
    createdAt: `${isoMinute(u.createdAt)} UTC`,
    lastLogin: u.lastLoginAt === null ? 'never' : `${isoMinute(u.lastLoginAt)} UTC`,
    isSelf: viewer?.userId === u.id,
  }));
  return { users: rows, notice: typeof done === 'string' ? (doneMessages[done] ?? null) : null, error };
}
