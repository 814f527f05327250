import type { RoomKind, SystemEvent } from '../protocol/models.ts';

// What a chat-log export holds, for a deleted user (deleted_user_logs/) or a deleted room
// (deleted_room_logs/). The JSON file is this object; the HTML file shows the same.

export interface ExportPerson {
  id: number;
  /** The name at export time; "(탈퇴한 사용자)" for an account deleted before. */
  name: string;
}

export interface ExportMessage {
  id: number;
  seq: number;
  createdAt: number;
  senderId: number;
  senderName: string;
  /** Empty for a deleted message, a system line, or a file without caption. */
  body: string;
  file: { name: string; size: number; mime: string } | null;
  deleted: boolean;
  editedAt: number | null;
  /** The sequence number of the message this one answers, in the same room. */
  replyToSeq: number | null;
  system: SystemEvent | null;
}

export interface ExportRoom {
  id: number;
  kind: RoomKind;
  /** Group name; empty for a DM. */
  name: string;
  members: ExportPerson[];
  /**
   * Present for a secret (end-to-end encrypted) room, whose content the server cannot read: its
   * messages keep their place, sender and time, never a body or a file name; this note says so.
   */
  secret?: { note: typeof SECRET_ROOM_NOTE };
  /** Oldest first. */
  messages: ExportMessage[];
}

/** What an export says of a secret room's content. */
export const SECRET_ROOM_NOTE = '비밀 채팅방: 내용을 볼 수 없습니다 / secret room: content not available';

export interface ChatExport {
  format: 'sotong-chat-export';
  version: 1;
  kind: 'user' | 'room';
  exportedAt: number;
  exportedBy: ExportPerson;
  /** The deleted user (with their account details) or the deleted room. */
  subject: ExportPerson & Record<string, string | number>;
  /** In words: which rooms and messages the export holds, and why. */
  scope: string;
  rooms: ExportRoom[];
}

/** The name an account deleted earlier has in exports. */
export const DELETED_NAME = '(탈퇴한 사용자)';
