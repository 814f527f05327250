import { loadConfig } from '../../server/config/config.ts';

/**
 * Whether the server will start with HTTPS on, read once at launch so the tray shows the right lock
 * before the server reports in. Read through the server's own config loader (config.json and
 * SOTONG_* as the server sees them); any doubt, such as an invalid file, is "off".
 */
export function readHttpsChoice(dataDir: string, env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    return loadConfig({ dataDir }, env).https;
  } catch {
    return false;
  }
}
