import { createHash } from 'node:crypto';
import type { JsonValue } from './types';

// The content code on every printed page, and the hash a signature is bound to, come from the
// document's data only (never from print time or who printed), so the same record prints the same
// code and a copy printed last month still matches if nothing changed since.

/** JSON with object keys sorted at every level: the same data always gives the same text. */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k]!)}`).join(',')}}`;
}

export function contentHash(data: JsonValue): string {
  return createHash('sha256').update(canonicalJson(data), 'utf8').digest('hex');
}

/** The short code printed in the footer and typed into 核验: the hash's first 10 hex digits, 5-5. */
export function contentCode(hash: string): string {
  const head = hash.slice(0, 10).toUpperCase();
  return `${head.slice(0, 5)}-${head.slice(5)}`;
}

/** Accepts what a clerk types: lowercase, spaces, a missing or full-width dash. */
export function normalizeContentCode(typed: string): string | null {
  const hex = typed
    .replace(/[０-９Ａ-Ｆａ-ｆ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\-－—_]/g, '')
    .toUpperCase();
  return /^[0-9A-F]{10}$/.test(hex) ? `${hex.slice(0, 5)}-${hex.slice(5)}` : null;
}
