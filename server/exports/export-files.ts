import fs from 'node:fs/promises';
import path from 'node:path';
import type { ExportEntry } from '../protocol/admin-users.ts';
import type { ChatExport } from './export-model.ts';
import { renderExportHtml } from './export-html.ts';

// Export files on disk: `<prefix>-<id>-<UTC stamp>.json` and `.html` in one folder of the data
// folder. Names are built from numbers only, never from a person's or room's name, so they are
// safe on every file system; downloads are looked up by that exact pattern, so no path escapes.

export const EXPORT_FOLDERS = { user: 'deleted_user_logs', room: 'deleted_room_logs' } as const;

const FILE_PATTERN = /^([a-z]+)-([0-9]+)-([0-9]{8}T[0-9]{9}Z)\.(json|html)$/;

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:.]/g, '');
}

function parseStamp(s: string): number {
  const iso = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}.${s.slice(15, 18)}Z`;
  return Date.parse(iso);
}

async function writeAtomically(file: string, text: string): Promise<number> {
  const tmp = `${file}.tmp`;
  await fs.writeFile(tmp, text, { mode: 0o600 });
  await fs.rename(tmp, file);
  return Buffer.byteLength(text);
}

/** Writes the JSON and the HTML copy; returns the entry the admin list shows. */
export async function writeExport(folder: string, data: ChatExport): Promise<ExportEntry> {
  await fs.mkdir(folder, { recursive: true, mode: 0o700 });
  const name = `${data.kind}-${data.subject.id}-${stamp(data.exportedAt)}`;
  const jsonSize = await writeAtomically(path.join(folder, `${name}.json`), JSON.stringify(data, null, 2));
  const htmlSize = await writeAtomically(path.join(folder, `${name}.html`), renderExportHtml(data));
  return { name, subjectId: data.subject.id, subjectName: data.subject.name, createdAt: data.exportedAt, size: jsonSize + htmlSize };
}

/**
 * Every complete export in the folder (both files present), newest first. The subject's name
 * comes from `nameOf` (the users or rooms table), so listing does not read every file.
 */
export async function listExports(folder: string, nameOf: (id: number) => Promise<string>): Promise<ExportEntry[]> {
  let names: string[];
  try {
    names = await fs.readdir(folder);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const sizes = new Map<string, { id: number; at: number; size: number; parts: number }>();
  for (const file of names) {
    const m = FILE_PATTERN.exec(file);
    if (!m) continue;
    const base = file.slice(0, -(m[4]!.length + 1));
    const stat = await fs.stat(path.join(folder, file));
    const entry = sizes.get(base) ?? { id: Number(m[2]), at: parseStamp(m[3]!), size: 0, parts: 0 };
    entry.size += stat.size;
    entry.parts += 1;
    sizes.set(base, entry);
  }
  const entries: ExportEntry[] = [];
  for (const [name, e] of sizes) {
    if (e.parts === 2) entries.push({ name, subjectId: e.id, subjectName: await nameOf(e.id), createdAt: e.at, size: e.size });
  }
  return entries.sort((a, b) => b.createdAt - a.createdAt || b.name.localeCompare(a.name));
}

/** The path of an export file, or undefined when the name is not one (or the file is gone). */
export async function exportFile(folder: string, file: string): Promise<string | undefined> {
  if (!FILE_PATTERN.test(file)) return undefined;
  const full = path.join(folder, file);
  try {
    const stat = await fs.stat(full);
    return stat.isFile() ? full : undefined;
  } catch {
    return undefined;
  }
}
