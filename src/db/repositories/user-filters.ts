import { sql } from 'kysely';

/**
 * Users who may act: the condition sign-in, sessions and tokens all apply. Its own module so the
 * sessions and users repositories can both use it without importing each other.
 */
export const notDisabled = sql<boolean>`${sql.ref('users.disabled')} = ${sql.lit(false)}`;
