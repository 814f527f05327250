// What is kept of a person's account beside the users row: password-reset requests and their own
// settings. Re-exported by stores.ts with the other interfaces.

/** What is stored of a reset request; `expired` is not stored, it follows from the times. */
export type StoredResetStatus = 'pending' | 'approved' | 'rejected' | 'used';

export interface NewPasswordReset {
  /** The active account whose login and name matched, or null. */
  userId: number | null;
  login: string;
  name: string;
  address: string;
  codeHash: Buffer;
  check: string;
}

export interface StoredPasswordReset extends NewPasswordReset {
  id: number;
  status: StoredResetStatus;
  createdAt: number;
  decidedAt: number | null;
  decidedBy: number | null;
  /** The latest one-time token's hash, once an approved request was polled. */
  tokenHash: Buffer | null;
  tokenExpiresAt: number | null;
}

export interface PasswordResetsStore {
  insert(reset: NewPasswordReset, now?: number): Promise<StoredPasswordReset>;
  get(id: number): Promise<StoredPasswordReset | undefined>;
  /** Those filed since `since`, newest first. */
  recent(since: number, limit: number): Promise<StoredPasswordReset[]>;
  /** Pending ones filed since `since` (older ones have expired). */
  countPending(since: number): Promise<number>;
  /** pending → approved (with the token's deadline) or rejected; false when it was not pending. */
  decide(id: number, status: 'approved' | 'rejected', decidedBy: number, tokenExpiresAt: number | null, now?: number): Promise<boolean>;
  /** Replaces the token of an approved request; false when it is not approved. */
  setToken(id: number, tokenHash: Buffer): Promise<boolean>;
  /** approved with this token, before its deadline → used; false for the loser of a race. */
  consume(id: number, tokenHash: Buffer, now?: number): Promise<boolean>;
}

/** One JSON document per person (validated and defaulted by server/accounts/settings.ts, not here). */
export interface SettingsStore {
  /** The stored document, or undefined for someone who never saved one. */
  get(userId: number): Promise<string | undefined>;
  put(userId: number, json: string, now?: number): Promise<void>;
}
