import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open';

// The query builder trusts db/schema/; SQLite holds what the migrations made. When the two part
// (a column added by a migration but not to the types, a NOT NULL typed as nullable, a text
// column typed as a number) the compiler no longer protects the code that reads it. This test
// reads schema/'s interfaces as text and compares every table with the live database that the
// real migrations build.

interface TypedColumn {
  type: string;
}

const schemaDir = join(import.meta.dirname, '..', '..', 'electron', 'core', 'db', 'schema');

function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
}

/** interface name → its own and inherited columns. */
function interfaces(source: string): Map<string, Map<string, TypedColumn>> {
  const raw = new Map<string, { parents: string[]; columns: Map<string, TypedColumn> }>();
  for (const m of source.matchAll(/export interface (\w+)(?:\s+extends\s+([\w,\s]+?))?\s*\{([^}]*)\}/g)) {
    const columns = new Map<string, TypedColumn>();
    for (const f of m[3]!.matchAll(/(\w+)\??\s*:\s*([^;]+);/g)) columns.set(f[1]!, { type: f[2]!.trim() });
    raw.set(m[1]!, { parents: (m[2] ?? '').split(',').map((p) => p.trim()).filter(Boolean), columns });
  }
  const resolved = new Map<string, Map<string, TypedColumn>>();
  const resolve = (name: string): Map<string, TypedColumn> => {
    const done = resolved.get(name);
    if (done) return done;
    const entry = raw.get(name);
    if (!entry) throw new Error(`schema/: interface ${name} not found`);
    const all = new Map<string, TypedColumn>();
    for (const p of entry.parents) for (const [k, v] of resolve(p)) all.set(k, v);
    for (const [k, v] of entry.columns) all.set(k, v);
    resolved.set(name, all);
    return all;
  };
  for (const name of raw.keys()) resolve(name);
  return resolved;
}

function typedTables(): Map<string, Map<string, TypedColumn>> {
  // One file per feature: the interfaces are read from all of them, the DB map from index.ts.
  const files = readdirSync(schemaDir).filter((f) => f.endsWith('.ts'));
  const source = withoutComments(files.map((f) => readFileSync(join(schemaDir, f), 'utf8')).join('\n'));
  const types = interfaces(source);
  const db = /export interface DB\s*\{([^}]*)\}/.exec(source);
  if (!db) throw new Error('schema/: interface DB not found');
  const tables = new Map<string, Map<string, TypedColumn>>();
  for (const t of db[1]!.matchAll(/(\w+)\s*:\s*(\w+)\s*;/g)) tables.set(t[1]!, types.get(t[2]!)!);
  return tables;
}

/** The TypeScript type's kind of value: 'number', 'text', or 'other' (unknown to this test). */
function valueKind(type: string): 'number' | 'text' | 'other' {
  const inner = type.replace(/^Generated<(.+)>$/, '$1');
  const parts = inner.split('|').map((p) => p.trim()).filter((p) => p !== 'null');
  if (parts.every((p) => p === 'number')) return 'number';
  if (parts.every((p) => p === 'string' || /^'.*'$/.test(p))) return 'text';
  return 'other';
}

interface LiveColumn {
  name: string;
  type: string;
  notnull: number;
  pk: number;
  dflt_value: string | null;
}

describe('db/schema/ against the migrated database', () => {
  it('has every table and column the migrations create, with the same nullability and kind of value', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ledger-drift-'));
    const { db } = await openDatabase({ dataDir });
    try {
      const typed = typedTables();
      const live = (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(db)).rows.map((r) => r.name);
      const problems: string[] = [];
      for (const table of live) {
        if (!typed.has(table)) problems.push(`${table}: a table in the database but not in schema/`);
      }
      for (const [table, columns] of typed) {
        if (!live.includes(table)) {
          problems.push(`${table}: in schema/ but not created by any migration`);
          continue;
        }
        const cols = (await sql.raw<LiveColumn>(`PRAGMA table_info(${table})`).execute(db)).rows;
        for (const c of cols) {
          const t = columns.get(c.name);
          if (!t) {
            problems.push(`${table}.${c.name}: in the database but not in schema/`);
            continue;
          }
          const nullable = c.notnull === 0 && c.pk === 0;
          const typedNullable = /\bnull\b/.test(t.type);
          if (nullable !== typedNullable) problems.push(`${table}.${c.name}: ${nullable ? 'nullable' : 'NOT NULL'} in the database, typed ${t.type}`);
          const kind = valueKind(t.type);
          const affinity = c.type.toUpperCase();
          if (kind === 'number' && !/INT|REAL|NUM/.test(affinity)) problems.push(`${table}.${c.name}: ${affinity} in the database, typed ${t.type}`);
          if (kind === 'text' && !/TEXT|CHAR|CLOB/.test(affinity)) problems.push(`${table}.${c.name}: ${affinity} in the database, typed ${t.type}`);
          // A column the database fills (a default) may be left out of an insert only if typed Generated.
        }
        for (const name of columns.keys()) {
          if (!cols.some((c) => c.name === name)) problems.push(`${table}.${name}: in schema/ but not in the database`);
        }
      }
      expect(problems).toEqual([]);
    } finally {
      await db.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
