import { mkdirSync } from 'node:fs';
import { readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOM_EXPORT_FILE, type RoomExportInfo } from '../protocol/admin-http.ts';
import type { RoomExport } from './room-export.ts';
import { roomExportHtml } from './room-export-html.ts';

// deleted_room_logs/ in the data folder: each deleted room leaves `room-<id>-<UTC date>-<UTC time>`
// as .json and .html. Only names of that exact shape are ever listed or served.

const FILE_NAME = new RegExp(ROOM_EXPORT_FILE);
/** JSON files larger than this are listed without reading their room name. */
const READ_NAME_MAX_BYTES = 64 * 1024 * 1024;

function stamp(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-12-02T06:15:30.123Z
  return `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 23).replace(/[:.]/g, '')}`;
}

export class RoomExportsFolder {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'deleted_room_logs');
  }

  /** Writes both files (each through a temporary name, so a listed export is always whole). */
  async write(data: RoomExport): Promise<RoomExportInfo> {
    mkdirSync(this.dir, { recursive: true });
    const name = `room-${data.room.id}-${stamp(data.exportedAt)}`;
    const json = JSON.stringify(data, null, 1);
    const page = roomExportHtml(data);
    for (const [ext, text] of [['json', json], ['html', page]] as const) {
      const target = path.join(this.dir, `${name}.${ext}`);
      await writeFile(`${target}.tmp`, text);
      await rename(`${target}.tmp`, target);
    }
    return {
      name,
      roomId: data.room.id,
      roomName: data.room.title,
      createdAt: data.exportedAt,
      jsonBytes: Buffer.byteLength(json),
      htmlBytes: Buffer.byteLength(page),
    };
  }

  /** Every export, newest first. */
  async list(): Promise<RoomExportInfo[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const out: RoomExportInfo[] = [];
    for (const file of names.filter((n) => FILE_NAME.test(n) && n.endsWith('.json'))) {
      const name = file.slice(0, -'.json'.length);
      const json = await stat(path.join(this.dir, file)).catch(() => undefined);
      const page = await stat(path.join(this.dir, `${name}.html`)).catch(() => undefined);
      if (!json) continue;
      let roomName = '';
      let createdAt = json.mtimeMs;
      if (json.size <= READ_NAME_MAX_BYTES) {
        try {
          const data = JSON.parse(await readFile(path.join(this.dir, file), 'utf8')) as Partial<RoomExport>;
          roomName = String(data.room?.title ?? '');
          createdAt = Number(data.exportedAt ?? createdAt);
        } catch {
          // Listed by its name alone.
        }
      }
      out.push({ name, roomId: Number(name.split('-')[1]), roomName, createdAt: Math.round(createdAt), jsonBytes: json.size, htmlBytes: page?.size ?? 0 });
    }
    return out.sort((a, b) => b.createdAt - a.createdAt);
  }

  /** The file's place in the folder, if the name has the export shape; undefined otherwise. */
  fileName(file: string): string | undefined {
    return FILE_NAME.test(file) && path.basename(file) === file ? file : undefined;
  }
}
