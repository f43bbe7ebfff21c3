import { recordCapacity } from '../db/repositories/capacity.js';
import { listSystems } from '../db/repositories/systems.js';
import type { DatabaseHandle } from '../db/connect.js';
import { capacityAt } from '../simulator/evolve.js';
import type { SimSystemSpec } from '../simulator/model.js';

const DAY = 86_400_000;
const SAMPLES_PER_DAY = 4;

/**
 * A fresh demo would show capacity charts with two points and no forecast. The simulated arrays
 * have a history by construction (the simulator's capacity model is defined for past times too),
 * so the demo stores what polls every 6 h over the last `days` days would have read: real
 * trends, noise and Data Domain's cleaning sawtooth, through the same repository as the poller.
 */
export async function backfillDemoHistory(handle: DatabaseHandle, specs: readonly SimSystemSpec[], now: number, days = 90): Promise<number> {
  const idOf = new Map((await listSystems(handle.db)).map((s) => [s.name, s.id]));
  let samples = 0;
  await handle.db.transaction().execute(async (trx) => {
    for (const spec of specs) {
      const systemId = idOf.get(spec.name);
      if (systemId === undefined) continue;
      for (let at = now - days * DAY; at < now - DAY / SAMPLES_PER_DAY; at += DAY / SAMPLES_PER_DAY) {
        const c = capacityAt(spec, at);
        await recordCapacity(trx, systemId, at, {
          totalBytes: c.totalBytes,
          usedBytes: c.usedBytes,
          freeBytes: c.totalBytes - c.usedBytes,
          effectiveBytes: c.logicalBytes,
          dataReductionRatio: c.dataReduction,
        });
        samples++;
      }
    }
  });
  return samples;
}
