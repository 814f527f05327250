import type { FileKind } from '../../protocol/models.ts';
import type { SharedFile } from '../../protocol/http.ts';
import { toFileInfo, type FilesStore, type NewFile, type StoredFile, type StoredFileKind } from '../stores.ts';
import { num, numOrNull, type Sql } from './sql.ts';

// File metadata on PostgreSQL; the files themselves are in the uploads folder every node mounts.

interface FileRow {
  id: string;
  room_id: string | null;
  uploader_id: string;
  storage_name: string;
  thumb_name: string | null;
  original_name: string;
  mime: string;
  size: string;
  kind: StoredFileKind;
  width: number | null;
  height: number | null;
  created_at: string;
}

function toStored(row: FileRow): StoredFile {
  return {
    id: num(row.id),
    roomId: numOrNull(row.room_id),
    uploaderId: num(row.uploader_id),
    storageName: row.storage_name,
    thumbName: row.thumb_name,
    originalName: row.original_name,
    mime: row.mime,
    size: num(row.size),
    kind: row.kind,
    width: row.width,
    height: row.height,
    createdAt: num(row.created_at),
  };
}

export class PgFiles implements FilesStore {
  constructor(private readonly db: Sql) {}

  async storageNames(): Promise<Set<string>> {
    const names = new Set<string>();
    for (const row of await this.db.rows<{ storage_name: string; thumb_name: string | null }>('SELECT storage_name, thumb_name FROM files')) {
      names.add(row.storage_name);
      if (row.thumb_name) names.add(row.thumb_name);
    }
    return names;
  }

  async insert(file: NewFile, now = Date.now()): Promise<number> {
    const row = await this.db.one<{ id: string }>(
      `INSERT INTO files (room_id, uploader_id, storage_name, thumb_name, original_name, mime, size, kind, width, height, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [file.roomId, file.uploaderId, file.storageName, file.thumbName, file.originalName, file.mime, file.size, file.kind, file.width, file.height, now],
    );
    return num(row!.id);
  }

  async get(id: number): Promise<StoredFile | undefined> {
    const row = await this.db.one<FileRow>('SELECT * FROM files WHERE id = $1', [id]);
    return row && toStored(row);
  }

  async delete(id: number): Promise<void> {
    await this.db.run('DELETE FROM files WHERE id = $1', [id]);
  }

  /** Files shared in a room, newest first, for the room's file drawer. */
  async shared(roomId: number, kind: FileKind | undefined, before: number | undefined, limit: number): Promise<{ files: SharedFile[]; hasMore: boolean }> {
    const found = await this.db.rows<FileRow & { message_id: string; sender_id: string; message_at: string }>(
      `SELECT f.*, m.id AS message_id, m.sender_id, m.created_at AS message_at
         FROM files f JOIN messages m ON m.file_id = f.id AND m.deleted_at IS NULL
        WHERE f.room_id = $1 AND f.id < $2 AND ($3::text IS NULL OR f.kind = $3)
        ORDER BY f.id DESC LIMIT $4`,
      [roomId, before ?? Number.MAX_SAFE_INTEGER, kind ?? null, limit + 1],
    );
    return {
      files: found.slice(0, limit).map((r) => ({ ...toFileInfo(toStored(r)), messageId: num(r.message_id), senderId: num(r.sender_id), createdAt: num(r.message_at) })),
      hasMore: found.length > limit,
    };
  }
}
