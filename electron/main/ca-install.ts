import { win32 } from 'node:path';

/**
 * The command that puts the office CA (`<data>\certs\ca.crt`, certs/ca.ts) into this PC's own
 * Trusted Root store, so browsers on the server PC itself trust its HTTPS address too. Adding to
 * the machine's Root store needs an administrator: PowerShell's Start-Process -Verb RunAs shows
 * Windows' consent prompt and runs certutil elevated. Run only when the person asks (the manager
 * window's button); Windows only.
 */
export function caInstallCommand(dataDir: string, systemRoot = 'C:\\Windows'): { file: string; args: string[] } {
  const caFile = win32.join(dataDir, 'certs', 'ca.crt');
  // PowerShell single-quoted strings take ' doubled; certutil gets the path in double quotes
  // because Start-Process joins the argument list with spaces.
  const quoted = (text: string) => `'${text.replaceAll("'", "''")}'`;
  const script = `$p = Start-Process -FilePath ${quoted(win32.join(systemRoot, 'System32', 'certutil.exe'))} -ArgumentList ${['-addstore', 'Root', `"${caFile}"`].map(quoted).join(',')} -Verb RunAs -Wait -PassThru -WindowStyle Hidden; exit $p.ExitCode`;
  return {
    file: win32.join(systemRoot, 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe'),
    args: ['-NoProfile', '-NonInteractive', '-Command', script],
  };
}
