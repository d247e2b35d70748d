// No runtime import cycles in the app's own code (type-only imports do not count: they vanish at run time). A cycle
// makes module order matter and usually means a projection does an effect (the store once called notifications,
// which read the store).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOTS = ['electron', 'shared', 'renderer/src'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx|cts)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Relative imports that survive compilation: not `import type`, not `export type`. */
export function runtimeImports(file: string, text: string): string[] {
  const found: string[] = [];
  const pattern = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?'(\.[^']+)'/gm;
  for (const match of text.matchAll(pattern)) {
    if (match[2]) continue;
    found.push(resolve(dirname(file), match[3]!));
  }
  return [...new Set(found)];
}

function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'visiting');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === 'visiting') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

describe('import cycles', () => {
  it('the app has none at run time', () => {
    const files = ROOTS.flatMap((root) => sources(root)).map((f) => resolve(f));
    const graph = new Map(files.map((file) => [file, runtimeImports(file, readFileSync(file, 'utf8'))]));
    const cycles = findCycles(graph).map((cycle) => cycle.map((f) => relative(process.cwd(), f)).join(' → '));
    expect(cycles).toEqual([]);
  });

  it('would see one', () => {
    const a = resolve('x/a.ts');
    const b = resolve('x/b.ts');
    const graph = new Map([
      [a, runtimeImports(a, "import { b } from './b.ts';")],
      [
        b,
        runtimeImports(
          b,
          "import { type A } from './a.ts';\nimport type { C } from './a.ts';\nimport { a } from './a.ts';",
        ),
      ],
    ]);
    expect(findCycles(graph)).toHaveLength(1);
    expect(runtimeImports(b, "import type { C } from './a.ts';\nexport type { D } from './a.ts';")).toEqual([]);
  });
});
