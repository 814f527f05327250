// Finds import cycles among the repository's own source files: server, web, electron, certs,
// bench, e2e, build, docs, scripts — every .ts/.tsx/.js file outside node_modules, dist and
// data. Type-only imports count too: they cannot make a runtime cycle, but a cycle of them is
// still two modules that cannot be understood one without the other.
// scripts/import-cycles.test.ts runs it in `npm test`; on its own: `tsx scripts/import-cycles.ts`.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'data']);
/** What an import of ./x.js may be on disk, as TypeScript resolves it. */
const JS_TO_TS: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };
const NO_EXTENSION = ['.ts', '.tsx', '.js', '/index.ts', '/index.tsx', '/index.js'];

export interface ImportEdge {
  from: string;
  to: string;
  /** Every import of `to` in `from` is `import type` / `export type` / `import('…').T`. */
  typeOnly: boolean;
}

/** A chain of files, root-relative with `/`, whose last file is its first: a → b → a. */
export interface ImportCycle {
  files: string[];
  /** typeOnly[i] is about the step files[i] → files[i + 1]. */
  typeOnly: boolean[];
}

export function sourceFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(path);
      } else if (entry.isFile() && SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        found.push(path);
      }
    }
  };
  walk(root);
  return found.sort();
}

/** The module specifiers a file names, each with whether that mention is type-only. */
export function importSpecifiers(file: string, text: string): { specifier: string; typeOnly: boolean }[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, scriptKind(file));
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const add = (node: ts.Node | undefined, typeOnly: boolean) => {
    if (node && ts.isStringLiteralLike(node)) found.push({ specifier: node.text, typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      add(node.moduleSpecifier, node.importClause?.isTypeOnly ?? false);
    } else if (ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true);
    } else if (ts.isCallExpression(node) && node.arguments.length >= 1) {
      const callee = node.expression;
      const dynamic = callee.kind === ts.SyntaxKind.ImportKeyword;
      const required = ts.isIdentifier(callee) && callee.text === 'require';
      if (dynamic || required) add(node.arguments[0], false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function scriptKind(file: string): ts.ScriptKind {
  if (/\.[mc]?tsx?$/.test(file)) return file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return file.endsWith('x') ? ts.ScriptKind.JSX : ts.ScriptKind.JS;
}

/** The file a relative specifier names, if it is one of `files`; packages and node: are not ours. */
function resolveSpecifier(from: string, specifier: string, files: ReadonlySet<string>): string | null {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return null;
  const base = resolve(dirname(from), specifier.split(/[?#]/, 1)[0]!);
  const candidates = [base];
  const ext = /\.[a-z]+$/.exec(base)?.[0] ?? '';
  for (const tsExt of JS_TO_TS[ext] ?? []) candidates.push(base.slice(0, -ext.length) + tsExt);
  if (!files.has(base)) candidates.push(...NO_EXTENSION.map((suffix) => base + suffix.replace('/', sep)));
  return candidates.find((c) => files.has(c)) ?? null;
}

export function importGraph(root: string): ImportEdge[] {
  const files = sourceFiles(root);
  const known = new Set(files);
  const edges = new Map<string, ImportEdge>();
  for (const file of files) {
    for (const { specifier, typeOnly } of importSpecifiers(file, readFileSync(file, 'utf8'))) {
      const target = resolveSpecifier(file, specifier, known);
      if (!target) continue;
      const from = toRepoPath(root, file);
      const to = toRepoPath(root, target);
      const key = `${from}\0${to}`;
      const seen = edges.get(key);
      if (seen) seen.typeOnly &&= typeOnly;
      else edges.set(key, { from, to, typeOnly });
    }
  }
  return [...edges.values()];
}

const toRepoPath = (root: string, file: string) => relative(root, file).split(sep).join('/');

/**
 * The cycles among `edges`: within each strongly connected group of files, for every import
 * inside the group that no cycle listed so far goes through, the shortest cycle through it.
 * So every import that takes part in a cycle shows up in at least one, and no cycle twice.
 */
export function findCycles(edges: readonly ImportEdge[]): ImportCycle[] {
  const next = new Map<string, string[]>();
  const typeOnly = new Map<string, boolean>();
  for (const e of edges) {
    next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
    typeOnly.set(`${e.from}\0${e.to}`, e.typeOnly);
  }
  for (const list of next.values()) list.sort();
  const cycles = new Map<string, ImportCycle>();
  for (const group of stronglyConnected(next)) {
    const inGroup = new Set(group);
    const covered = new Set<string>();
    for (const from of [...group].sort()) {
      for (const to of next.get(from) ?? []) {
        if (!inGroup.has(to) || covered.has(`${from}\0${to}`)) continue;
        const path = shortestPath(to, from, next, inGroup);
        if (!path) continue;
        const files = rotateToSmallest([from, ...path.slice(0, -1)]);
        files.push(files[0]!);
        for (let i = 0; i + 1 < files.length; i++) covered.add(`${files[i]}\0${files[i + 1]}`);
        const steps = files.slice(0, -1).map((f, i) => typeOnly.get(`${f}\0${files[i + 1]}`) ?? false);
        cycles.set(files.join('\0'), { files, typeOnly: steps });
      }
    }
  }
  return [...cycles.values()].sort((a, b) => a.files.length - b.files.length || a.files.join().localeCompare(b.files.join()));
}

/** Tarjan's algorithm; only the groups that hold a cycle (more than one file, or a self-import). */
function stronglyConnected(next: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let counter = 0;
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || (next.get(v) ?? []).includes(v)) groups.push(group);
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) connect(v);
  return groups;
}

/** Breadth-first from `start` to `goal` inside `allowed`: [start, …, goal], or [goal] when they are one. */
function shortestPath(start: string, goal: string, next: ReadonlyMap<string, readonly string[]>, allowed: ReadonlySet<string>): string[] | null {
  if (start === goal) return [goal];
  const cameFrom = new Map<string, string>([[start, start]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    for (const w of next.get(v) ?? []) {
      if (!allowed.has(w) || cameFrom.has(w)) continue;
      cameFrom.set(w, v);
      if (w === goal) {
        const path = [w];
        for (let at = v; at !== start; at = cameFrom.get(at)!) path.unshift(at);
        return [start, ...path];
      }
      queue.push(w);
    }
  }
  return null;
}

function rotateToSmallest(files: string[]): string[] {
  let at = 0;
  files.forEach((f, i) => {
    if (f < files[at]!) at = i;
  });
  return [...files.slice(at), ...files.slice(0, at)];
}

/** "a.ts → b.ts → a.ts", a type-only step written "→ (type)". */
export function formatCycle(cycle: ImportCycle): string {
  return cycle.files.reduce((text, file, i) => (i === 0 ? file : `${text} →${cycle.typeOnly[i - 1] ? ' (type)' : ''} ${file}`), '');
}

export function findImportCycles(root: string): ImportCycle[] {
  return findCycles(importGraph(root));
}

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const cycles = findImportCycles(repoRoot);
  for (const cycle of cycles) console.log(formatCycle(cycle));
  console.log(cycles.length === 0 ? 'No import cycles.' : `${cycles.length} import cycle(s).`);
  process.exitCode = cycles.length === 0 ? 0 : 1;
}
