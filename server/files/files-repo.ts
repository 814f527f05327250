import type { Db } from '../db/database.ts';
import type { FileInfo, FileKind } from '../protocol/models.ts';
import type { SharedFile } from '../protocol/http.ts';

export interface FileRow {
  id: number;
  room_id: number | null;
  uploader_id: number;
  storage_name: string;
  thumb_name: string | null;
  original_name: string;
  mime: string;
  size: number;
  kind: FileKind | 'avatar';
  width: number | null;
  height: number | null;
  created_at: number;
}

export interface NewFile {
  roomId: number | null;
  uploaderId: number;
  storageName: string;
  thumbName: string | null;
  originalName: string;
  mime: string;
  size: number;
  kind: FileKind | 'avatar';
  width: number | null;
  height: number | null;
}

export function toFileInfo(row: Pick<FileRow, 'id' | 'original_name' | 'size' | 'mime' | 'kind' | 'width' | 'height'>): FileInfo {
  return {
    id: row.id,
    name: row.original_name,
    size: row.size,
    mime: row.mime,
    kind: row.kind === 'image' ? 'image' : 'file',
    width: row.width,
    height: row.height,
  };
}

export class FilesRepo {
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
  storageNames(): Set<string> {
    const names = new Set<string>();
    for (const row of this.namesStmt.iterate()) {
      names.add(row.storage_name);
      if (row.thumb_name) names.add(row.thumb_name);
    }
    return names;
  }

  insert(file: NewFile, now = Date.now()): number {
    return Number(this.insertStmt.run({ ...file, createdAt: now }).lastInsertRowid);
  }

  get(id: number): FileRow | undefined {
    return this.byId.get(id);
  }

  delete(id: number): void {
    this.deleteStmt.run(id);
  }

  /** Files shared in a room, newest first, for the room's file drawer. */
  shared(roomId: number, kind: FileKind | undefined, before: number | undefined, limit: number): { files: SharedFile[]; hasMore: boolean } {
    const params = { roomId, before: before ?? Number.MAX_SAFE_INTEGER, limit: limit + 1 };
    const rows = kind ? this.sharedKindStmt.all({ ...params, kind }) : this.sharedStmt.all(params);
    return {
      files: rows.slice(0, limit).map((r) => ({ ...toFileInfo(r), messageId: r.message_id, senderId: r.sender_id, createdAt: r.message_at })),
      hasMore: rows.length > limit,
    };
  }
}
