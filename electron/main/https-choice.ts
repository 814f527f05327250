import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Whether the server's config.json has HTTPS on, read once at launch so the tray shows the right
 * lock before the server reports in. The server stays the owner of that file; any doubt is "off".
 */
export function readHttpsChoice(dataDir: string): boolean {
  try {
    const config = JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8')) as { https?: unknown };
    return config.https === true;
  } catch {
    return false;
  }
}
