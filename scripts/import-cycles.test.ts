import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { findImportCycles, formatCycle, repoRoot } from './import-cycles.ts';

test('no import cycles anywhere in the repository', () => {
  assert.deepEqual(findImportCycles(repoRoot).map(formatCycle), []);
});

test('the checker finds cycles: type-only, through re-exports, dynamic, self-imports; not in node_modules', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'sotong-cycles-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const files: Record<string, string> = {
    // a → b → c → a, with a shortcut c → b: two cycles share a → b's group.
    'src/a.ts': "import { b } from './b.ts';\nexport const a = b;",
    'src/b.ts': "import type { C } from './c.ts';\nexport const b = 1;\nexport type B = C;",
    'src/c.ts': "export * from './a.ts';\nexport { b } from './b.ts';\nexport type C = number;",
    // A dynamic import and an extensionless one close a loop too.
    'web/x.tsx': "export const load = () => import('./y');",
    'web/y.ts': "import { load } from './x.js';\nexport const y = load;",
    'self.ts': "import './self.ts';",
    // Not cycles: a chain, packages, a missing file, and a cycle inside node_modules or dist.
    'lib/one.ts': "import { two } from './two.ts';\nimport 'node:fs';\nimport 'preact';\nimport './gone.ts';\nexport const one = two;",
    'lib/two.ts': 'export const two = 2;',
    'node_modules/p/i.ts': "import './j.ts';",
    'node_modules/p/j.ts': "import './i.ts';",
    'dist/i.js': "import './j.js';",
    'dist/j.js': "import './i.js';",
  };
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  assert.deepEqual(findImportCycles(root).map(formatCycle), [
    'self.ts → self.ts',
    'src/b.ts → (type) src/c.ts → src/b.ts',
    'web/x.tsx → web/y.ts → web/x.tsx',
    'src/a.ts → src/b.ts → (type) src/c.ts → src/a.ts',
  ]);
});
