import type { TestContext } from 'node:test';
import type { NewFile, NewText, NewUser, StoredUser, Stores } from '../../storage/stores.ts';

// What the contract's tests share: a fresh backend per test, and plain values to store in it.

export interface OpenedStores {
  stores: Stores;
  cleanup(): Promise<void>;
}

export interface ContractKit {
  /** A fresh, empty backend, closed and cleaned up when the test ends. */
  fresh(t: TestContext): Promise<Stores>;
  /** A fresh backend with two active members and the DM between them. */
  withDm(t: TestContext): Promise<{ stores: Stores; a: StoredUser; b: StoredUser; room: number }>;
}

export function contractKit(open: () => Promise<OpenedStores>): ContractKit {
  async function fresh(t: TestContext): Promise<Stores> {
    const opened = await open();
    t.after(async () => {
      await opened.stores.close();
      await opened.cleanup();
    });
    return opened.stores;
  }
  async function withDm(t: TestContext) {
    const stores = await fresh(t);
    const a = await stores.users.insert(newUser());
    const b = await stores.users.insert(newUser());
    return { stores, a, b, room: (await stores.rooms.openDm(a.id, b.id)).id };
  }
  return { fresh, withDm };
}

/** Times handed to the stores as `now` (milliseconds since the epoch). */
export const T = 1_700_000_000_000;

/** Makes e-mails, employee numbers, file names and client ids unique. */
let counter = 0;

export function newUser(changes: Partial<NewUser> = {}): NewUser {
  counter++;
  return {
    email: `user${counter}@example.com`,
    employeeNo: `E${10_000 + counter}`,
    name: `사용자 ${counter}`,
    department: '개발팀',
    position: '사원',
    role: 'member',
    status: 'active',
    passwordHash: `$argon2id$fake${counter}`,
    ...changes,
  };
}

export function newFile(uploaderId: number, roomId: number | null, changes: Partial<NewFile> = {}): NewFile {
  const n = ++counter;
  return {
    roomId,
    uploaderId,
    storageName: `stored-${n}`,
    thumbName: null,
    originalName: `문서 ${n}.pdf`,
    mime: 'application/pdf',
    size: 1000 + n,
    kind: 'file',
    width: null,
    height: null,
    ...changes,
  };
}

export const image = (uploaderId: number, roomId: number | null): NewFile =>
  newFile(uploaderId, roomId, { kind: 'image', mime: 'image/png', originalName: '사진.png', width: 640, height: 480, thumbName: `thumb-${++counter}` });

export const ids = (list: readonly { id: number }[]) => list.map((x) => x.id);
export const sorted = (list: readonly number[]) => [...list].sort((a, b) => a - b);

/** `n` active members. */
export async function people(stores: Stores, n: number): Promise<StoredUser[]> {
  const list: StoredUser[] = [];
  for (let i = 0; i < n; i++) list.push(await stores.users.insert(newUser()));
  return list;
}

export const text = (roomId: number, senderId: number, body: string, clientId = `c-${++counter}`): NewText => ({ roomId, senderId, body, clientId });

/** `n` texts from `senderId`, stored one batch each, with bodies `${prefix}1`…. */
export async function post(stores: Stores, roomId: number, senderId: number, n: number, prefix = 'm') {
  const out = [];
  for (let i = 1; i <= n; i++) out.push((await stores.messages.appendTexts([text(roomId, senderId, `${prefix}${i}`)]))[0]!.message);
  return out;
}
