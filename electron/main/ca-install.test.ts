import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caInstallCommand } from './ca-install.ts';

test('certutil adds the data folder’s CA to the machine Root store, elevated through Windows’ prompt', () => {
  const { file, args } = caInstallCommand('C:\\ProgramData\\Sotong');
  assert.equal(file, 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
  const script = args.at(-1)!;
  assert.match(script, /^\$p = Start-Process -FilePath 'C:\\Windows\\System32\\certutil\.exe' /);
  assert.match(script, / -ArgumentList '-addstore','Root','"C:\\ProgramData\\Sotong\\certs\\ca\.crt"' -Verb RunAs -Wait /);
  assert.match(script, /exit \$p\.ExitCode$/);
});

test('a quote in the folder name cannot end the PowerShell string', () => {
  const script = caInstallCommand("C:\\Users\\O'Brien\\AppData\\Roaming\\Sotong\\data").args.at(-1)!;
  assert.match(script, /'"C:\\Users\\O''Brien\\AppData\\Roaming\\Sotong\\data\\certs\\ca\.crt"'/);
});
