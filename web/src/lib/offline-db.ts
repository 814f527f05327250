import type { OfflineSnapshot } from './offline-snapshot.ts';

// The IndexedDB store of the offline snapshot: one record, the last person signed in on this
// browser (a second person signing in replaces it; logging out deletes it). Every failure (private
// mode, quota, no IndexedDB) just means no snapshot.

const DB = 'sotong-offline';
const STORE = 'snapshot';
const KEY = 'last';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const req = act(db.transaction(STORE, mode).objectStore(STORE));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  } finally {
    db.close();
  }
}

export async function readSnapshot(): Promise<OfflineSnapshot | null> {
  if (typeof indexedDB === 'undefined') return null;
  try {
    return ((await run('readonly', (s) => s.get(KEY))) as OfflineSnapshot | undefined) ?? null;
  } catch {
    return null;
  }
}

export async function writeSnapshot(snapshot: OfflineSnapshot): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  await run('readwrite', (s) => s.put(snapshot, KEY)).catch(() => {});
}

export async function deleteSnapshot(): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  await run('readwrite', (s) => s.delete(KEY)).catch(() => {});
}
