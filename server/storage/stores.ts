import type { AccountUser, FileInfo, FileKind, Message, Pin, Reaction, Room, Role, UserStatus } from '../protocol/models.ts';
import type { SharedFile } from '../protocol/http.ts';
import type { AuditStore, RoomAdminStore } from './admin-stores.ts';
import type { HistoryAnchor, HistoryPage, SearchStore } from './search-stores.ts';
import type { PasswordResetsStore, SettingsStore } from './account-stores.ts';
import type { DevicesStore, KeyEnvelopesStore } from './secret-stores.ts';

export type { AuditFilter, AuditStore, NewAuditEntry, RoomAdminStore } from './admin-stores.ts';
export type { HistoryAnchor, HistoryPage, SearchHit, SearchOptions, SearchStore } from './search-stores.ts';
export type { DeviceChange, DevicesStore, KeyEnvelopesStore, KeyRefusal, NewDevice, NewKeyEnvelope } from './secret-stores.ts';
export type { NewPasswordReset, PasswordResetsStore, SettingsStore, StoredPasswordReset, StoredResetStatus } from './account-stores.ts';

// What the server keeps, one interface per concern. The embedded default implements them on SQLite
// (storage/sqlite/); a second backend implements the same interfaces and passes the same contract
// tests (storage/stores.test.ts). Every method returns a promise so a networked database fits; the
// SQLite implementation answers synchronously underneath and keeps its group commit.

export interface StoredUser extends AccountUser {
  passwordHash: string;
}

export interface NewUser {
  email: string;
  employeeNo: string;
  name: string;
  department: string;
  position: string;
  role: Role;
  status: UserStatus;
  passwordHash: string;
}

export interface UsersStore {
  get(id: number): Promise<StoredUser | undefined>;
  /** By e-mail or employee number, case-insensitively. */
  findByLogin(login: string): Promise<StoredUser | undefined>;
  /** Whether either value is already someone's e-mail or employee number (login accepts both). */
  isTaken(email: string, employeeNo: string): Promise<boolean>;
  insert(user: NewUser, now?: number): Promise<StoredUser>;
  listByStatus(status: UserStatus): Promise<StoredUser[]>;
  countByStatus(status: UserStatus): Promise<number>;
  listActive(): Promise<StoredUser[]>;
  setStatus(id: number, status: UserStatus, decidedBy: number, now?: number): Promise<void>;
  updateProfile(id: number, changes: { name?: string; statusMessage?: string }): Promise<void>;
  setAvatar(id: number, fileId: number | null): Promise<void>;
  setPasswordHash(id: number, passwordHash: string): Promise<void>;
  /** Active admins, who hear about new sign-ups. */
  adminIds(): Promise<number[]>;
  hasAdmin(): Promise<boolean>;
}

/** What the admin users list asks for. `deleted` lists tombstones; the other statuses exclude them. */
export interface UserQuery {
  /** Part of the name, employee number, department or e-mail, any case. */
  q?: string;
  status?: UserStatus | 'deleted';
  role?: Role;
  limit: number;
  offset: number;
}

/** One admin change to an account, each checked and applied in one transaction. */
export type UserChange =
  | { kind: 'role'; role: Role }
  | { kind: 'status'; status: 'active' | 'disabled' }
  /** A sign-up decision on one account, from any status (approve re-admits, reject shuts out). */
  | { kind: 'decide'; status: 'active' | 'rejected' }
  | { kind: 'delete' };

/**
 * ok: done; same: it already was so; last_admin: it would leave no active admin; not_found: no such
 * (live) account; wrong_state: not allowed from the account's status (e.g. promote a pending sign-up).
 */
export type ChangeOutcome = 'ok' | 'same' | 'last_admin' | 'not_found' | 'wrong_state';

/** A bulk sign-up decision, per id: decided, no such account, or not pending (decided before). */
export type DecideOutcome = 'ok' | 'not_found' | 'not_pending';

/** The admin users area's queries and changes on accounts (the UsersStore serves everyone else). */
export interface UserAdminStore {
  /** A page of accounts and how many match in all: pending ones oldest first, the rest by name. */
  search(query: UserQuery): Promise<{ users: StoredUser[]; total: number }>;
  /** Approves (active) or rejects pending sign-ups, all in one transaction. */
  decideMany(ids: readonly number[], status: 'active' | 'rejected', decidedBy: number, now?: number): Promise<Map<number, DecideOutcome>>;
  /**
   * Changes role or status, or makes the account a tombstone (sessions removed, login data
   * scrubbed). The check that an active admin remains runs inside the same transaction, so two
   * admins demoting each other at once cannot both succeed.
   */
  change(id: number, change: UserChange, by: number, now?: number): Promise<ChangeOutcome>;
  /** Every deleted account, so clients can name their old messages "(deleted user)". */
  tombstones(): Promise<StoredUser[]>;
  /** Department and position, which only admins set. */
  setWork(id: number, work: { department: string; position: string }): Promise<void>;
}

export interface SessionInfo {
  userId: number;
  tokenHash: Buffer;
}

export interface SessionsStore {
  /** A new session for the user; returns the opaque token (only its hash is stored). */
  create(userId: number, now?: number): Promise<string>;
  /** The live session behind a token; slides its expiry. */
  lookup(token: string | undefined, now?: number): Promise<SessionInfo | undefined>;
  revoke(tokenHash: Buffer): Promise<void>;
  revokeUser(userId: number): Promise<void>;
  /** Every session of the user but `keep` (a password change keeps the session that made it). */
  revokeOthers(userId: number, keep: Buffer): Promise<void>;
  purgeExpired(now?: number): Promise<void>;
}

export interface RoomsStore {
  exists(roomId: number): Promise<boolean>;
  memberIds(roomId: number): Promise<readonly number[]>;
  isMember(roomId: number, userId: number): Promise<boolean>;
  /** Whether the room is secret and its key epoch now, read fresh (undefined: no such room). */
  keyState(roomId: number): Promise<{ secret: boolean; keyEpoch: number } | undefined>;
  /**
   * A member of `userId`'s secret rooms added or removed a device: each of those rooms' keyEpoch
   * goes up by one with a rev of the room itself (a `room` frame). Returns the rooms changed.
   */
  bumpKeyEpochs(userId: number): Promise<number[]>;
  /** The room as `viewerId` sees it (the unread count is the viewer's). */
  view(roomId: number, viewerId: number): Promise<Room | undefined>;
  /** The user's rooms, most recently active first. */
  listFor(userId: number): Promise<Room[]>;
  /** Room id → rev of every room the user is in, without building views (what `sync` compares cursors with). */
  revsOf(userId: number): Promise<ReadonlyMap<number, number>>;
  /**
   * The DM between a and b, created if needed; `created` says whether it is new. With `secret` it is
   * the pair's 1:1 secret room, a room of its own beside their plain DM.
   */
  openDm(a: number, b: number, now?: number, secret?: boolean): Promise<{ id: number; created: boolean }>;
  /**
   * A group with its creator as owner; its first message is the `created` system line. A secret
   * group's size (SECRET_ROOM_MEMBERS_MAX) is the caller's to check; it starts at keyEpoch 0.
   */
  createGroup(creator: number, name: string, memberIds: readonly number[], now?: number, secret?: boolean): Promise<number>;
  // The changes below are each one operation: one rev for the room's new state and its system line
  // (a message with `system` set, taking the next seq; the actor's read cursor moves to it). Who
  // may make them is checked inside the change, so parallel changes are decided in one place.
  // In a secret room each change of the members also raises keyEpoch by one, in the same operation.
  /**
   * Adds people to a group (`joined`, naming only those not already in); 'unchanged' if all were;
   * 'full' when a secret room would pass SECRET_ROOM_MEMBERS_MAX members.
   */
  addMembers(roomId: number, actorId: number, userIds: readonly number[], now?: number): Promise<Message | RoomRefusal>;
  /** The member leaves (`left`); a leaving owner's group passes to the earliest-joined member left. */
  leave(roomId: number, userId: number, now?: number): Promise<Message | RoomRefusal>;
  /** A new name for a group (`renamed`); 'unchanged' if it is the name already. */
  rename(roomId: number, actorId: number, name: string, now?: number): Promise<Message | RoomRefusal>;
  /**
   * Takes a member out of a group (`removed`). Allowed to the owner, and to an admin (`actorIsAdmin`)
   * who is a member; not oneself ('not-allowed': leave instead). The owner's group passes on as in leave.
   */
  removeMember(roomId: number, actorId: number, userId: number, actorIsAdmin: boolean, now?: number): Promise<Message | RoomRefusal>;
  /**
   * Pins a message of the room as its notice (replacing the one before), or unpins with null. The
   * message must be in this room, not deleted and not a system line. A pin or unpin that changes
   * nothing is 'unchanged' and takes no rev.
   */
  setPin(roomId: number, actorId: number, messageId: number | null, now?: number): Promise<{ rev: number; pin: Pin | null } | RoomRefusal>;
}

/**
 * Why a room change was not made. not-a-member: the actor is not in the room (or there is no such
 * room); dm: the room is a DM; not-allowed: the actor may not do it; no-such-member: the person to
 * remove is not in the room; no-such-message: not a live message of this room; not-pinnable: a
 * system line; unchanged: nothing to do; full: a secret room would pass SECRET_ROOM_MEMBERS_MAX members.
 */
export type RoomRefusal = 'not-a-member' | 'dm' | 'not-allowed' | 'no-such-member' | 'no-such-message' | 'not-pinnable' | 'unchanged' | 'full';

/** A secret room's message content: the envelope (opaque to the server) and the key epoch it was made for. */
export interface Sealed {
  cipher: string;
  epoch: number;
}

/** Whom a message mentions (validated: members, not the sender) and whether it is an @all. */
export type MentionTargets = { mentions: readonly number[]; mentionAll: boolean };

export interface NewText {
  roomId: number;
  senderId: number;
  /** '' for a secret room's message, which carries `cipher` and `epoch` instead. */
  body: string;
  cipher?: string;
  epoch?: number;
  /** The client's tempId: a retried send with the same id, room and text is not stored twice. */
  clientId: string;
  /** The message this one answers (the caller checked it is a live message of the same room). */
  replyTo?: number | null;
  /** Members it mentions (validated: members, not the sender) and whether it is an @all (groups only). */
  mentions?: readonly number[];
  mentionAll?: boolean;
}

export interface StoredText {
  message: Message;
  /** True when this was a retry of a message stored before (nothing new was written). */
  duplicate: boolean;
}

export interface StoredMessageRef {
  id: number;
  roomId: number;
  senderId: number;
  fileId: number | null;
  deleted: boolean;
  createdAt: number;
  /** A line the server wrote (joined, left…), not a person. */
  system: boolean;
}

/** One version of a message's text and when it was written (sent, or edited to it). */
export interface TextVersion {
  body: string;
  editedAt: number;
}

/** An edit: the message as it is now, and whether the text changed (the same text again is a no-op). */
export interface EditOutcome {
  message: Message;
  changed: boolean;
}

/** What a reaction change did. */
export type ReactOutcome =
  /** Added or removed: the rev it took and the message's reactions now. */
  | { kind: 'changed'; rev: number; reactions: Reaction[] }
  /** Already so (added twice, or removed when not there): no rev, nothing to tell anyone. */
  | { kind: 'unchanged' }
  /** The message has REACTIONS_PER_MESSAGE_MAX kinds of emoji and this would be another. */
  | { kind: 'full' }
  /** No such message, a deleted one, or a system line. */
  | { kind: 'gone' };

export interface MessagesStore {
  /**
   * Stores several text messages in one transaction (group commit): one write for a whole burst
   * instead of one per message. Each is acknowledged only after this resolves. Per-room sequence
   * numbers are gap-free and strictly increasing; the sender's read cursor moves to its message.
   */
  appendTexts(items: readonly NewText[]): Promise<StoredText[]>;
  /** Stores one message (a file with its caption, possibly answering `replyTo`) in its own transaction. */
  append(roomId: number, senderId: number, body: string, file: FileInfo | null, now?: number, replyTo?: number | null, sealed?: Sealed | null): Promise<Message>;
  /** A page of history, oldest first: the `limit` messages just below `before` (or the newest). */
  page(roomId: number, before: number | undefined, limit: number): Promise<{ messages: Message[]; hasMore: boolean }>;
  /** Messages after `seq`, oldest first, at most `limit`. */
  after(roomId: number, seq: number, limit: number): Promise<Message[]>;
  /** A page of history (oldest first) at an anchor, saying whether older and newer messages exist. */
  window(roomId: number, anchor: HistoryAnchor, limit: number): Promise<HistoryPage>;
  /** The messages with these ids, in the order asked; ids that do not exist are left out. */
  byIds(ids: readonly number[]): Promise<Message[]>;
  /**
   * The room's change feed: messages whose last change (`rev`) came after `rev`, each as it is now,
   * ordered by rev and, within one rev, by id; at most `limit`. With `afterId` the read resumes
   * inside `rev`: its messages with a larger id first, then the later revs.
   */
  changedAfter(roomId: number, rev: number, limit: number, afterId?: number): Promise<Message[]>;
  ref(id: number): Promise<StoredMessageRef | undefined>;
  /**
   * Marks a message deleted: the text and the file link go, and with them its reactions, edit
   * history and mentions, and the room's pin if it points at it; the sequence number stays. Returns
   * the rev the deletion took (replies quoting it take it too), or undefined if it was already deleted.
   */
  markDeleted(id: number, now?: number): Promise<number | undefined>;
  /**
   * Replaces the text of a live text message (not a file, not a system line), keeping the previous
   * version. One rev for the message and every reply quoting it; the same text again takes none.
   * `mentions` (validated like a send's) replace the message's mentions; without it they stay.
   * In a secret room `sealed` is the new envelope (body stays ''); no earlier cipher is kept.
   * Undefined when the message is gone, deleted or not a text message.
   */
  edit(id: number, body: string, now?: number, mentions?: { mentions: readonly number[]; mentionAll: boolean }, sealed?: Sealed): Promise<EditOutcome | undefined>;
  /** Every version of a live message's text, oldest first, the current one last; empty if it is gone or deleted. */
  versions(id: number): Promise<TextVersion[]>;
  /** Adds (`on`) or removes a member's reaction; idempotent (a no-op takes no rev). */
  react(id: number, userId: number, emoji: string, on: boolean, now?: number): Promise<ReactOutcome>;
  /** Moves the member's read cursor forward (never back, never past the room's end); undefined if it did not move. */
  markRead(roomId: number, userId: number, seq: number): Promise<{ seq: number; rev: number } | undefined>;
}

export type StoredFileKind = FileKind | 'avatar';

export interface NewFile {
  roomId: number | null;
  uploaderId: number;
  storageName: string;
  thumbName: string | null;
  originalName: string;
  mime: string;
  size: number;
  kind: StoredFileKind;
  width: number | null;
  height: number | null;
}

export interface StoredFile extends NewFile {
  id: number;
  createdAt: number;
}

export interface FilesStore {
  insert(file: NewFile, now?: number): Promise<number>;
  get(id: number): Promise<StoredFile | undefined>;
  delete(id: number): Promise<void>;
  /** Every storage name (originals and thumbnails) the database refers to. */
  storageNames(): Promise<Set<string>>;
  /** Files shared in a room, newest first, for the room's file drawer. */
  shared(roomId: number, kind: FileKind | undefined, before: number | undefined, limit: number): Promise<{ files: SharedFile[]; hasMore: boolean }>;
}

/** One backend: every store, and how to close it. */
export interface Stores {
  users: UsersStore;
  userAdmin: UserAdminStore;
  sessions: SessionsStore;
  rooms: RoomsStore;
  messages: MessagesStore;
  files: FilesStore;
  search: SearchStore;
  audit: AuditStore;
  roomAdmin: RoomAdminStore;
  passwordResets: PasswordResetsStore;
  /** Each person's own settings (look, language, notifications, mutes). */
  settings: SettingsStore;
  /** Secret rooms: each person's devices (public keys) and the wrapped sender keys (secret-stores.ts). */
  devices: DevicesStore;
  keyEnvelopes: KeyEnvelopesStore;
  /** The database file, for the statistics (undefined for a networked database). */
  file?: string;
  close(): Promise<void>;
}

/** What a file message shows of its file. */
export function toFileInfo(file: Pick<StoredFile, 'id' | 'originalName' | 'size' | 'mime' | 'kind' | 'width' | 'height'>): FileInfo {
  return {
    id: file.id,
    name: file.originalName,
    size: file.size,
    mime: file.mime,
    kind: file.kind === 'image' ? 'image' : 'file',
    width: file.width,
    height: file.height,
  };
}
