import { isDeepStrictEqual } from 'node:util';
import type { AccountUser, Message, Room } from '../protocol/models.ts';
import type { SharedFile } from '../protocol/http.ts';
import type { Person, World } from './world.ts';

// What the victim sees through the API, before and after a fuzz run, and the rule for comparing:
// nothing of theirs changes, except what an allowed actor may legitimately do — post (and edit and
// delete their own) messages in a room they share, react to messages there, add people to a group
// they are in, open rooms with the victim; an allowed admin may also delete any message of a room
// the admin is in.

interface RoomView {
  room: Omit<Room, 'unread' | 'lastMessage'>;
  messages: Message[];
  files: SharedFile[];
}

export interface VictimView {
  user: AccountUser;
  rooms: Map<number, RoomView>;
  avatarStatus: number;
  avatarBytes: number;
}

async function must(who: Person, url: string): Promise<any> {
  const res = await who.client.get(url);
  if (res.status !== 200) throw new Error(`victim's own GET ${url} answered ${res.status} ${res.text.slice(0, 200)} — the victim lost access`);
  return res.json;
}

export async function snapshotVictim(world: World): Promise<VictimView> {
  const victim = world.victim;
  const user = (await must(victim, '/api/me')).user as AccountUser;
  const rooms = new Map<number, RoomView>();
  for (const { unread: _u, lastMessage: _l, ...room } of (await must(victim, '/api/rooms')).rooms as Room[]) {
    const messages: Message[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await must(victim, `/api/rooms/${room.id}/messages?limit=100${before ? `&before=${before}` : ''}`);
      messages.unshift(...(page.messages as Message[]));
      if (!page.hasMore || !page.messages.length) break;
      before = page.messages[0].seq;
    }
    const files = (await must(victim, `/api/rooms/${room.id}/files?limit=100`)).files as SharedFile[];
    rooms.set(room.id, { room, messages, files });
  }
  const avatar = await fetch(`${world.url}/api/users/${user.id}/avatar`, { headers: { cookie: victim.cookie } });
  const bytes = (await avatar.arrayBuffer()).byteLength;
  return { user, rooms, avatarStatus: avatar.status, avatarBytes: bytes };
}

/**
 * A message without what allowed actors may change on it: its rev, their reactions, the text of
 * their own messages, and the quote of their messages in a reply.
 */
function withoutAllowedChanges(m: Message, allowed: ReadonlySet<number>): Message {
  const own = allowed.has(m.senderId);
  return {
    ...m,
    rev: 0,
    reactions: m.reactions.map((r) => ({ ...r, userIds: r.userIds.filter((u) => !allowed.has(u)) })).filter((r) => r.userIds.length),
    ...(own ? { body: '', editedAt: null, mentions: [], mentionAll: false } : {}),
    replyTo: m.replyTo && allowed.has(m.replyTo.senderId) ? { ...m.replyTo, excerpt: '', deleted: false, file: null } : m.replyTo,
  };
}

/** Every way `after` differs from `before` that no one in `allowed` (of whom `admins` are admins) could have caused. */
export function victimChanges(before: VictimView, after: VictimView, allowed: ReadonlySet<number>, admins: ReadonlySet<number> = new Set()): string[] {
  const problems: string[] = [];
  if (!isDeepStrictEqual(before.user, after.user)) problems.push(`account changed: ${JSON.stringify(before.user)} → ${JSON.stringify(after.user)}`);
  if (after.avatarStatus !== before.avatarStatus || after.avatarBytes !== before.avatarBytes) {
    problems.push(`profile photo changed: ${before.avatarStatus}/${before.avatarBytes} B → ${after.avatarStatus}/${after.avatarBytes} B`);
  }
  for (const [id, was] of before.rooms) {
    const now = after.rooms.get(id);
    if (!now) {
      problems.push(`room ${id} is gone from the victim's list`);
      continue;
    }
    const actorInRoom = was.room.members.some((m) => allowed.has(m.userId));
    const adminInRoom = now.room.members.some((m) => allowed.has(m.userId) && admins.has(m.userId));
    for (const key of ['kind', 'name', 'createdAt'] as const) {
      if (was.room[key] !== now.room[key]) problems.push(`room ${id} ${key}: ${String(was.room[key])} → ${String(now.room[key])}`);
    }
    const nowMembers = new Map(now.room.members.map((m) => [m.userId, m.lastReadSeq]));
    for (const m of was.room.members) {
      if (!nowMembers.has(m.userId)) problems.push(`room ${id}: member ${m.userId} removed`);
      else if (!allowed.has(m.userId) && nowMembers.get(m.userId) !== m.lastReadSeq) {
        problems.push(`room ${id}: read cursor of user ${m.userId} moved ${m.lastReadSeq} → ${nowMembers.get(m.userId)}`);
      }
    }
    const added = now.room.members.filter((m) => !was.room.members.some((w) => w.userId === m.userId));
    if (added.length && !(actorInRoom && was.room.kind === 'group')) problems.push(`room ${id}: members ${added.map((m) => m.userId)} added, and no allowed actor is in it`);
    const nowMessages = new Map(now.messages.map((m) => [m.id, m]));
    for (const m of was.messages) {
      const n = nowMessages.get(m.id);
      if (!n) problems.push(`room ${id}: message ${m.id} (seq ${m.seq}) vanished from history`);
      else if (!isDeepStrictEqual(withoutAllowedChanges(m, allowed), withoutAllowedChanges(n, allowed))) {
        const mayDelete = allowed.has(m.senderId) || adminInRoom;
        const deletion = mayDelete && n.deleted && !m.deleted && n.seq === m.seq && n.senderId === m.senderId;
        if (!deletion) problems.push(`room ${id}: message ${m.id} changed: ${JSON.stringify(m)} → ${JSON.stringify(n)}`);
      }
    }
    const known = new Set(was.messages.map((m) => m.id));
    for (const n of now.messages) {
      if (known.has(n.id)) continue;
      if (!allowed.has(n.senderId)) problems.push(`room ${id}: new message ${n.id} from user ${n.senderId}, who may not post here: ${JSON.stringify(n).slice(0, 200)}`);
      else if (!now.room.members.some((mm) => mm.userId === n.senderId)) problems.push(`room ${id}: new message ${n.id} from non-member ${n.senderId}`);
    }
    const seqs = now.messages.map((m) => m.seq);
    if (seqs.some((s, i) => s !== i + 1)) problems.push(`room ${id}: seqs are not 1..n: ${seqs.slice(0, 50).join(',')}`);
    if (now.room.lastSeq !== seqs.length) problems.push(`room ${id}: lastSeq ${now.room.lastSeq} but ${seqs.length} messages`);
    const deletedNow = new Set(now.messages.filter((m) => m.deleted).map((m) => m.id));
    const nowFiles = new Set(now.files.map((f) => f.id));
    for (const f of was.files) {
      if (!nowFiles.has(f.id) && !((allowed.has(f.senderId) || adminInRoom) && deletedNow.has(f.messageId))) problems.push(`room ${id}: file ${f.id} (${f.name}) gone`);
    }
    for (const f of now.files) {
      if (!was.files.some((w) => w.id === f.id) && !allowed.has(f.senderId)) problems.push(`room ${id}: new file ${f.id} from user ${f.senderId}`);
    }
  }
  for (const [id, now] of after.rooms) {
    if (before.rooms.has(id)) continue;
    if (!now.room.members.some((m) => allowed.has(m.userId))) problems.push(`new room ${id} in the victim's list with no allowed actor in it: ${JSON.stringify(now.room.members)}`);
  }
  return problems;
}
