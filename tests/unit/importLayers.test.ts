import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// eslint.config.mjs keeps each file from importing a floor above its own, one file at a time. A
// cycle between two features (households → visits → income → households) passes that check in
// every file, so this test draws the features' imports and fails on every cycle it finds.
const repo = fileURLToPath(new URL('../..', import.meta.url));
const importRe = /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s*['"](\.[^'"]*)['"]|import\(\s*['"](\.[^'"]*)['"]\s*\)|(?:^|\n)\s*import\s*['"](\.[^'"]*)['"]/g;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

function resolveImport(from: string, spec: string): string {
  const base = resolve(dirname(from), spec);
  const found = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find((c) => existsSync(c) && statSync(c).isFile());
  return found ?? base;
}

/** Feature → the features it imports, for the feature folders under `featuresDir`. */
function featureGraph(featuresDir: string, ownFolder: (path: string) => string | null = (p) => p.split('/')[0] ?? null): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sources(featuresDir)) {
    const from = ownFolder(relative(featuresDir, file));
    if (!from) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(importRe)) {
      const target = relative(featuresDir, resolveImport(file, m[1] ?? m[2] ?? m[3] ?? ''));
      const to = target.startsWith('..') ? null : ownFolder(target);
      if (!to || to === from) continue;
      graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
  }
  return graph;
}

/** The strongly connected groups of more than one feature (Tarjan), each sorted. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string): void => {
    const at = index.size;
    index.set(v, at);
    low.set(v, at);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) visit(w);
      if (stack.includes(w)) low.set(v, Math.min(low.get(v) ?? at, low.get(w) ?? at));
    }
    if (low.get(v) === at) {
      const group = stack.splice(stack.indexOf(v));
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

// The print engine (all of features/print but its handlers, service and registry) is plumbing
// every printing feature builds on; only the print feature proper takes part in the feature graph.
const printFeature = new Set(['print/handlers.ts', 'print/service.ts', 'print/registry.ts']);
const coreFolder = (path: string): string | null => (path.startsWith('print/') && !printFeature.has(path) ? null : (path.split('/')[0] ?? null));

describe('imports between features', () => {
  it('no cycle between the core features', () => {
    expect(cycles(featureGraph(join(repo, 'electron/core/features'), coreFolder))).toEqual([]);
  });

  it('no cycle between the renderer features', () => {
    expect(cycles(featureGraph(join(repo, 'renderer/src/features')))).toEqual([]);
  });

  it('no renderer feature imports another feature’s page (pages are reached by route, from app/)', () => {
    const dir = join(repo, 'renderer/src/features');
    const offenders = sources(dir).flatMap((file) => {
      const own = relative(dir, file).split('/')[0];
      return [...readFileSync(file, 'utf8').matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'(\.[^']*)'/g)].flatMap((m) => {
        const target = relative(dir, resolveImport(file, m[2] ?? ''));
        const other = target.startsWith('..') ? null : target.split('/')[0];
        const pages = (m[1] ?? '').split(',').map((n) => n.trim().split(/\s+as\s+/)[0] ?? '').filter((n) => /Page$/.test(n));
        return other && other !== own && pages.length > 0 ? [`${relative(dir, file)}: ${pages.join(', ')} from ${other}`] : [];
      });
    });
    expect(offenders).toEqual([]);
  });

  it('the check finds a cycle of three and leaves a chain alone', () => {
    const graph = new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])], ['d', new Set(['a'])]]);
    expect(cycles(graph)).toEqual([['a', 'b', 'c']]);
    expect(cycles(new Map([['a', new Set(['b'])], ['b', new Set(['c'])]]))).toEqual([]);
  });
});
