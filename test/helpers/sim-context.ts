import type { SimSystemState, VendorSimContext } from '../../src/simulator/types.js';

/**
 * A bare VendorSimContext for one hand-made state, so a vendor's simulator routes can be mounted
 * on a plain Fastify app without the simulator frame. Tokens are predictable (`tok-1`, `tok-2`…).
 */
export function simContextFor(state: SimSystemState | (() => SimSystemState)): VendorSimContext {
  const tokens = new Set<string>();
  let issued = 0;
  return {
    state: typeof state === 'function' ? state : () => state,
    sessions: {
      issue: () => {
        const token = `tok-${++issued}`;
        tokens.add(token);
        return token;
      },
      isValid: (token) => token !== undefined && tokens.has(token),
      revoke: (token) => void (token !== undefined && tokens.delete(token)),
    },
  };
}
