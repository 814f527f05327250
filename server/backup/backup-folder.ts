import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { cp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { BackupInfo } from '../protocol/backups.ts';

// One backup is one folder: `sotong.db` (a VACUUM INTO copy), `uploads/`, `certs/`, `config.json`
// and `manifest.json`, written last, so a folder without one is a backup that never finished.

export const MANIFEST = 'manifest.json';
export const DB_NAME = 'sotong.db';
/** What a backup holds besides the database, relative to the data folder. */
export const COPIED_ENTRIES = ['uploads', 'certs', 'config.json'] as const;

export function backupFolder(config: { dataDir: string; backupDir: string }): string {
  return config.backupDir === '' ? path.join(config.dataDir, 'backups') : config.backupDir;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `sotong-YYYYMMDD-HHMMSS` in local time, with `-2`, `-3`… when two fall in the same second. */
export function newBackupName(folder: string, at: number): string {
  const d = new Date(at);
  const base = `sotong-${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
  let name = base;
  for (let n = 2; existsSync(path.join(folder, name)); n++) name = `${base}-${n}`;
  return name;
}

export function readManifest(dir: string): BackupInfo | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path.join(dir, MANIFEST), 'utf8'));
    return Value.Check(BackupInfo, parsed) && parsed.name === path.basename(dir) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The finished backups in the folder, newest first. */
export function listBackups(folder: string): BackupInfo[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name.startsWith('sotong-'))
    .map((e) => readManifest(path.join(folder, e.name)))
    .filter((b): b is BackupInfo => b !== undefined)
    .sort((a, b) => b.createdAt - a.createdAt);
}

export async function writeManifest(dir: string, info: BackupInfo): Promise<void> {
  await writeFile(path.join(dir, MANIFEST), JSON.stringify(info, null, 2) + '\n');
}

/** Copies uploads, certificates and config into the backup; async, so the event loop keeps running. */
export async function copyDataFiles(dataDir: string, dir: string): Promise<void> {
  for (const entry of COPIED_ENTRIES) {
    const from = path.join(dataDir, entry);
    if (existsSync(from)) await cp(from, path.join(dir, entry), { recursive: true, errorOnExist: true, force: false });
  }
}

export async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? await folderBytes(full) : (await stat(full)).size;
  }
  return total;
}

export function ensureFolder(folder: string): void {
  mkdirSync(folder, { recursive: true });
}

export async function removeBackup(folder: string, name: string): Promise<void> {
  await rm(path.join(folder, name), { recursive: true, force: true });
}
