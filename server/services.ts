import type { Logger } from 'pino';
import type { Config, ConfigLayers } from './config/config.ts';
import type { DevicesStore, FilesStore, KeyEnvelopesStore, MessagesStore, PasswordResetsStore, RoomAdminStore, RoomsStore, SearchStore, SessionsStore, SettingsStore, Stores, UserAdminStore, UsersStore } from './storage/stores.ts';
import type { PasswordHasher } from './accounts/passwords.ts';
import type { AccountLimits } from './accounts/account-limits.ts';
import type { FileStorage } from './files/file-storage.ts';
import type { Hub } from './realtime/hub.ts';
import type { ConnectionLimits } from './realtime/connection.ts';
import type { SetupCode } from './accounts/setup-code.ts';
import type { Stats } from './stats/stats.ts';
import type { HttpsController } from './https/https-controller.ts';
import { MessageEvents } from './messages/message-events.ts';
import { MessagePoster } from './messages/post-message.ts';
import { AuditLog } from './audit/audit-log.ts';
import type { Restart } from './lifecycle/restart.ts';
import type { MdnsService } from './mdns/mdns-service.ts';
import type { Backups } from './backup/backups.ts';
import type { Bus } from './cluster/bus.ts';

/**
 * The parts of one server, built once in app.ts. Route plugins and socket handlers each take only
 * the parts they use (a Pick of this), so what a module depends on is visible in its signature.
 */
export interface Services {
  config: Config;
  /** Where the config came from besides config.json, for the manager to tell which value wins. */
  configLayers: ConfigLayers;
  logger: Logger;
  logFile: string;
  users: UsersStore;
  /** The admin users area's queries and guarded changes. */
  userAdmin: UserAdminStore;
  sessions: SessionsStore;
  rooms: RoomsStore;
  messages: MessagesStore;
  files: FilesStore;
  search: SearchStore;
  passwordResets: PasswordResetsStore;
  /** Each person's own settings document. */
  settings: SettingsStore;
  /** Secret rooms: devices with their public keys, and wrapped sender keys (server/secret/). */
  devices: DevicesStore;
  keyEnvelopes: KeyEnvelopesStore;
  /** The time, ms since the epoch; tests inject one to see what expires. */
  clock: () => number;
  /** Every room for the admin area, and deleting one. */
  roomAdmin: RoomAdminStore;
  /** Who did what, when, from where (admin actions and security events). */
  audit: AuditLog;
  /** The stored bytes of uploads (the database holds their metadata). */
  storage: FileStorage;
  hasher: PasswordHasher;
  /** How often one address may log in, sign up or try the setup code. */
  accountLimits: AccountLimits;
  hub: Hub;
  /** Posting a message: store, acknowledge, fan out. */
  poster: MessagePoster;
  /** The frames that tell a room what happened to its messages. */
  events: MessageEvents;
  setupCode: SetupCode;
  wsLimits: ConnectionLimits;
  startedAt: number;
  version: string;
  stats: Stats;
  https: HttpsController;
  /** Per-launch secret for the manager console's API. */
  managerKey: string;
  /** Switches HTTPS on or off while running, and remembers the choice in config.json. */
  setHttps(enabled: boolean): Promise<void>;
  /** Restarting in place, when a host runs this server (lifecycle/server-host.ts). */
  restart: Restart;
  /** The `.local` name (mdns/mdns-service.ts). */
  mdns: MdnsService;
  /** Backups of the data folder, and restoring one (server/backup/). */
  backups: Backups;
  /** Delivery to and from the other nodes of a cluster (server/cluster/); the local bus on a single node. */
  bus: Bus;
}

type Derived = 'users' | 'userAdmin' | 'sessions' | 'rooms' | 'messages' | 'files' | 'search' | 'passwordResets' | 'settings' | 'devices' | 'keyEnvelopes' | 'roomAdmin' | 'audit' | 'poster' | 'events';

export function createServices(stores: Stores, base: Omit<Services, Derived>): Services {
  const { users, userAdmin, sessions, rooms, messages, files, search, passwordResets, settings, devices, keyEnvelopes, roomAdmin } = stores;
  const audit = new AuditLog({ store: stores.audit, users, config: base.config, logger: base.logger, now: base.clock });
  const events = new MessageEvents({ rooms, hub: base.hub });
  const poster = new MessagePoster({ messages, rooms, hub: base.hub, stats: base.stats, logger: base.logger, events });
  return { ...base, users, userAdmin, sessions, rooms, messages, files, search, passwordResets, settings, devices, keyEnvelopes, roomAdmin, audit, events, poster };
}
