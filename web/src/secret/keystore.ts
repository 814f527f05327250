// The secret-chat keystore: one IndexedDB database per signed-in person on this browser, a single
// key-value store. It holds this device's identity (CryptoKey objects by structured clone; the
// private keys are non-extractable, so they never exist as bytes outside the browser's key store),
// the sending and receiving chain states, the TOFU pins of other people's device keys, the
// plaintext of what it sent (kept across a reload until the server's copy arrives) and of messages already decrypted (an envelope decrypts once per device: its keys are
// deleted after use).

const STORE = 'kv';

const opened = new Map<number, Promise<IDBDatabase>>();

function open(userId: number): Promise<IDBDatabase> {
  let db = opened.get(userId);
  if (!db) {
    db = new Promise((resolve, reject) => {
      const req = indexedDB.open(`sotong-secret-${userId}`, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    opened.set(userId, db);
  }
  return db;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export class Keystore {
  constructor(readonly userId: number) {}

  async get<T>(key: string): Promise<T | undefined> {
    const db = await open(this.userId);
    return (await request(db.transaction(STORE, 'readonly').objectStore(STORE).get(key))) as T | undefined;
  }

  async put(key: string, value: unknown): Promise<void> {
    const db = await open(this.userId);
    await request(db.transaction(STORE, 'readwrite').objectStore(STORE).put(value, key));
  }

  async delete(key: string): Promise<void> {
    const db = await open(this.userId);
    await request(db.transaction(STORE, 'readwrite').objectStore(STORE).delete(key));
  }
}

/** The record names, in one place. */
export const KEYS = {
  device: 'device',
  sendChain: (roomId: number, epoch: number) => `send:${roomId}:${epoch}`,
  recvChain: (roomId: number, epoch: number, deviceId: number) => `recv:${roomId}:${epoch}:${deviceId}`,
  plain: (messageId: number) => `plain:${messageId}`,
  /** What this device sent, by its place in its own chain, until the server's copy comes back. */
  sent: (roomId: number, epoch: number, index: number) => `sent:${roomId}:${epoch}:${index}`,
  pin: (userId: number) => `pin:${userId}`,
  keysCursor: (roomId: number) => `keys-after:${roomId}`,
  joined: (roomId: number) => `joined:${roomId}`,
} as const;
