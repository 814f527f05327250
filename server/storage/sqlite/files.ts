import type { Db } from './database.ts';
import type { FileKind } from '../../protocol/models.ts';
import type { SharedFile } from '../../protocol/http.ts';
import { toFileInfo, type FilesStore, type NewFile, type StoredFile, type StoredFileKind } from '../stores.ts';

interface FileRow {
  id: number;
  room_id: number | null;
  uploader_id: number;
  storage_name: string;
  thumb_name: string | null;
  original_name: string;
  mime: string;
  size: number;
  kind: StoredFileKind;
  width: number | null;
  height: number | null;
  created_at: number;
}

function toStored(row: FileRow): StoredFile {
  return {
    id: row.id,
    roomId: row.room_id,
    uploaderId: row.uploader_id,
    storageName: row.storage_name,
    thumbName: row.thumb_name,
    originalName: row.original_name,
    mime: row.mime,
    size: row.size,
    kind: row.kind,
    width: row.width,
    height: row.height,
    createdAt: row.created_at,
  };
}

export class SqliteFiles implements FilesStore {
  private readonly insertStmt;
  private readonly byId;
  private readonly deleteStmt;
  private readonly sharedStmt;
  private readonly sharedKindStmt;
  private readonly namesStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO files (room_id, uploader_id, storage_name, thumb_name, original_name, mime, size, kind, width, height, created_at)
       VALUES (@roomId, @uploaderId, @storageName, @thumbName, @originalName, @mime, @size, @kind, @width, @height, @createdAt)`,
    );
    this.byId = db.prepare<[number], FileRow>('SELECT * FROM files WHERE id = ?');
    this.deleteStmt = db.prepare('DELETE FROM files WHERE id = ?');
    this.namesStmt = db.prepare<[], { storage_name: string; thumb_name: string | null }>('SELECT storage_name, thumb_name FROM files');
    const shared = `SELECT f.*, m.id AS message_id, m.sender_id, m.created_at AS message_at
                      FROM files f JOIN messages m ON m.file_id = f.id AND m.deleted_at IS NULL
                     WHERE f.room_id = @roomId AND f.id < @before`;
    this.sharedStmt = db.prepare<[{ roomId: number; before: number; limit: number }], FileRow & { message_id: number; sender_id: number; message_at: number }>(
      `${shared} ORDER BY f.id DESC LIMIT @limit`,
    );
    this.sharedKindStmt = db.prepare<[{ roomId: number; before: number; limit: number; kind: string }], FileRow & { message_id: number; sender_id: number; message_at: number }>(
      `${shared} AND f.kind = @kind ORDER BY f.id DESC LIMIT @limit`,
    );
  }

  /** Every storage name (originals and thumbnails) the database refers to. */
  async storageNames(): Promise<Set<string>> {
    const names = new Set<string>();
    for (const row of this.namesStmt.iterate()) {
      names.add(row.storage_name);
      if (row.thumb_name) names.add(row.thumb_name);
    }
    return names;
  }

  async insert(file: NewFile, now = Date.now()): Promise<number> {
    return Number(this.insertStmt.run({ ...file, createdAt: now }).lastInsertRowid);
  }

  async get(id: number): Promise<StoredFile | undefined> {
    const row = this.byId.get(id);
    return row && toStored(row);
  }

  async delete(id: number): Promise<void> {
    this.deleteStmt.run(id);
  }

  /** Files shared in a room, newest first, for the room's file drawer. */
  async shared(roomId: number, kind: FileKind | undefined, before: number | undefined, limit: number): Promise<{ files: SharedFile[]; hasMore: boolean }> {
    const params = { roomId, before: before ?? Number.MAX_SAFE_INTEGER, limit: limit + 1 };
    const rows = kind ? this.sharedKindStmt.all({ ...params, kind }) : this.sharedStmt.all(params);
    return {
      files: rows.slice(0, limit).map((r) => ({ ...toFileInfo(toStored(r)), messageId: r.message_id, senderId: r.sender_id, createdAt: r.message_at })),
      hasMore: rows.length > limit,
    };
  }
}
