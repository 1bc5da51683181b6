import { createHash } from 'node:crypto';
import type { JsonValue } from './types';

// The content code on every printed page, and the hash a signature is bound to, come from the
// document's data only (never from print time or who printed), so the same record prints the same
// code and a copy printed last month still matches if nothing changed since.

/**
 * JSON with object keys sorted at every level: the same data always gives the same text. The
 * reference definition is `referenceCanonicalJson` below; this is the same text made faster (a
 * 500-household document took ~3 ms through the recursive join, ~0.4 ms this way), because every
 * printed document and signature hashes its data: a copy of the value with its keys inserted in
 * sorted order goes through the native JSON.stringify, which writes string keys in insertion
 * order. Where the native writer would differ from the reference — integer-like keys (always
 * written first, in numeric order), "__proto__", undefined, functions, holes — the reference
 * writes the text instead, so the hash of every document stays what it was.
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  try {
    return JSON.stringify(sortedCopy(value));
  } catch (e) {
    if (e === notPlain) return referenceCanonicalJson(value);
    throw e;
  }
}

/** The definition of the canonical text (and the fallback of canonicalJson). */
export function referenceCanonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(referenceCanonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${referenceCanonicalJson(value[k]!)}`).join(',')}}`;
}

const notPlain = Symbol('not plain JSON');
const integerKey = /^(?:0|[1-9]\d*)$/;

function sortedCopy(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value !== 'object') throw notPlain;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    // A hole reads as undefined, which throws like an undefined element.
    for (let i = 0; i < value.length; i++) out[i] = sortedCopy(value[i]);
    return out;
  }
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(source).sort()) {
    if (k === '__proto__' || integerKey.test(k)) throw notPlain;
    out[k] = sortedCopy(source[k]);
  }
  return out;
}

export function contentHash(data: JsonValue): string {
  return jsonHash(canonicalJson(data));
}

/** The hash of a canonical text already made (print/render.ts stores the text and its hash). */
export function jsonHash(canonical: string): string {
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
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
