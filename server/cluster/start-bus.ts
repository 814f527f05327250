import type { Logger } from 'pino';
import type { MessagesStore, RoomsStore } from '../storage/stores.ts';
import type { Hub } from '../realtime/hub.ts';
import { LocalBus, type Bus } from './bus.ts';
import { RedisBus, type RedisBusOptions } from './redis-bus.ts';

export interface BusDeps {
  hub: Hub;
  rooms: RoomsStore;
  messages: MessagesStore;
  logger: Logger;
}

/** The local bus without a Redis URL (one node, exactly as before); else this node joins the cluster. */
export async function startBus(redisUrl: string | undefined, deps: BusDeps, tuning: Partial<RedisBusOptions> = {}): Promise<Bus> {
  if (!redisUrl) return new LocalBus();
  const bus = new RedisBus({ ...tuning, ...deps, url: redisUrl });
  await bus.start();
  return bus;
}
