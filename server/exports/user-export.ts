import type { Message } from '../protocol/models.ts';
import type { MessagesStore, RoomsStore, StoredUser, UsersStore } from '../storage/stores.ts';
import { DELETED_NAME, SECRET_ROOM_NOTE, type ChatExport, type ExportMessage, type ExportRoom } from './export-model.ts';

// What is kept of a user before the account is deleted (docs/protocol.md, "Deleting a user"):
// every room they are a member of at that moment, DMs and groups, each with its whole history.
// In Sotong a member sees a room's history from its first message (joining later hides nothing),
// so this is exactly the conversation the user could see. Rooms they are not a member of are not
// read at all.

export const USER_EXPORT_SCOPE =
  '이 사용자가 삭제 시점에 멤버였던 모든 대화방(1:1, 그룹)의 처음부터 끝까지의 모든 메시지입니다. ' +
  '소통에서 멤버는 대화방의 모든 기록을 볼 수 있으므로, 이 사용자가 볼 수 있었던 대화 전체입니다. ' +
  '삭제된 메시지는 자리만 남고, 첨부 파일은 이름과 크기만 기록합니다. 멤버가 아닌 대화방은 포함하지 않습니다. / ' +
  "Every message, first to last, of every room (DM or group) this user was a member of when the account was deleted: " +
  'in Sotong a member sees the whole history of a room, so this is all the conversation they could see. ' +
  'Deleted messages keep only their place; attachments are listed by name and size. Rooms they were not a member of are not included.';

const PAGE = 1000;

export type ExportDeps = { users: UsersStore; rooms: RoomsStore; messages: MessagesStore };

/** Names by id, each looked up once; a deleted account reads "(탈퇴한 사용자)". */
export function nameBook(users: UsersStore): (id: number) => Promise<string> {
  const cache = new Map<number, string>();
  return async (id) => {
    let name = cache.get(id);
    if (name === undefined) {
      const user = await users.get(id);
      name = !user ? `#${id}` : user.deletedAt !== undefined ? DELETED_NAME : user.name;
      cache.set(id, name);
    }
    return name;
  };
}

/** Every message of a room, oldest first, with the names of who wrote them. */
/** The note a secret room's export carries instead of content. */
export function secretPart(secret: boolean): Pick<ExportRoom, 'secret'> {
  return secret ? { secret: { note: SECRET_ROOM_NOTE } } : {};
}

export async function roomLog(deps: ExportDeps, roomId: number, nameOf: (id: number) => Promise<string>): Promise<ExportMessage[]> {
  const out: ExportMessage[] = [];
  let seq = 0;
  for (;;) {
    const page: Message[] = await deps.messages.after(roomId, seq, PAGE);
    for (const m of page) {
      out.push({
        id: m.id,
        seq: m.seq,
        createdAt: m.createdAt,
        senderId: m.senderId,
        senderName: await nameOf(m.senderId),
        // A secret message's body is '' and its file has no name: the cipher is never exported.
        body: m.cipher === null ? m.body : '',
        file: m.file && { name: m.file.name, size: m.file.size, mime: m.file.mime },
        deleted: m.deleted,
        editedAt: m.editedAt,
        replyToSeq: m.replyTo?.seq ?? null,
        system: m.system,
      });
    }
    if (page.length < PAGE) return out;
    seq = page[page.length - 1]!.seq;
  }
}

export async function collectUserExport(deps: ExportDeps, user: StoredUser, admin: StoredUser, now = Date.now()): Promise<ChatExport> {
  const nameOf = nameBook(deps.users);
  const rooms: ExportRoom[] = [];
  for (const room of await deps.rooms.listFor(user.id)) {
    const members = [];
    for (const m of room.members) members.push({ id: m.userId, name: await nameOf(m.userId) });
    rooms.push({ id: room.id, kind: room.kind, name: room.name, members, ...secretPart(room.secret), messages: await roomLog(deps, room.id, nameOf) });
  }
  rooms.sort((a, b) => a.id - b.id);
  return {
    format: 'sotong-chat-export',
    version: 1,
    kind: 'user',
    exportedAt: now,
    exportedBy: { id: admin.id, name: admin.name },
    subject: {
      id: user.id,
      name: user.name,
      employeeNo: user.employeeNo,
      email: user.email,
      department: user.department,
      position: user.position,
      role: user.role,
      status: user.status,
      createdAt: user.createdAt,
    },
    scope: USER_EXPORT_SCOPE,
    rooms,
  };
}
