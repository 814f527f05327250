import type { Logger } from 'pino';
import type { Config } from './config/config.ts';
import type { Db } from './db/database.ts';
import { UsersRepo } from './accounts/users-repo.ts';
import { Sessions } from './accounts/sessions.ts';
import { PasswordHasher } from './accounts/passwords.ts';
import { LoginLimiter } from './accounts/login-limiter.ts';
import { RoomsRepo } from './rooms/rooms-repo.ts';
import { MessagesRepo } from './messages/messages-repo.ts';
import { FilesRepo } from './files/files-repo.ts';
import type { FileStorage } from './files/file-storage.ts';
import type { Hub } from './realtime/hub.ts';
import type { ConnectionLimits } from './realtime/connection.ts';
import type { SetupCode } from './accounts/setup-code.ts';
import type { Stats } from './stats/stats.ts';
import type { HttpsController } from './https/https-controller.ts';

/** Everything the routes and socket handlers share, built once per server. */
export interface Services {
  config: Config;
  logger: Logger;
  logFile: string;
  db: Db;
  users: UsersRepo;
  sessions: Sessions;
  hasher: PasswordHasher;
  loginLimiter: LoginLimiter;
  rooms: RoomsRepo;
  messages: MessagesRepo;
  files: FilesRepo;
  storage: FileStorage;
  hub: Hub;
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
}

type Derived = 'users' | 'sessions' | 'rooms' | 'messages' | 'files';

export function createServices(base: Omit<Services, Derived>): Services {
  const messages = new MessagesRepo(base.db);
  return {
    ...base,
    users: new UsersRepo(base.db),
    sessions: new Sessions(base.db),
    rooms: new RoomsRepo(base.db, (roomId, seq) => messages.atSeq(roomId, seq)),
    messages,
    files: new FilesRepo(base.db),
  };
}
