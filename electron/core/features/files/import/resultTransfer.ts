import type { AnyParsed, ParsedSheetFile } from './parse';

// How the parse's result crosses from the worker thread to the import (issue 16: the import's peak
// memory). Posted whole, a county's result existed three times at once: the worker's objects, the
// serialized message, and the parent's copy — and the copy lost the sharing of repeated short
// texts (民族, 健康状况, dates, most names), one string per cell again. So the worker sends the big
// arrays (each part's records and refused rows) a chunk at a time, waits for the parent to take
// each one, and lets go of what it sent; the parent shares the short texts again as it takes them.

/** A chunk of one of the result's big arrays; `key` says which (see bigArrays). */
export interface ResultChunk {
  type: 'chunk';
  key: string;
  items: unknown[];
}

/** Records per chunk: small enough that a chunk in flight is a few MB, large enough to be quick. */
export const chunkItems = 1000;
/** Short texts shared by the parent (the same bound as the parse's own sharing). */
const sharedLength = 13;
const sharedMax = 200_000;

/** Chunks posted and not yet taken by the parent, at most (the worker serializes the next while the parent takes one). */
export const chunksAhead = 3;

/** The result's big arrays by key: each part's records and refused rows. */
function bigArrays(result: AnyParsed): { key: string; list: unknown[] }[] {
  const of = (prefix: string, f: ParsedSheetFile) => [
    { key: `${prefix}records`, list: f.records as unknown[] },
    { key: `${prefix}invalid`, list: f.invalid as unknown[] },
  ];
  return result.kind === 'national' ? result.parts.flatMap((p, i) => of(`${i}.`, p)) : of('', result);
}

/**
 * The worker's half: sends the big arrays chunk by chunk (`send` resolves once the parent has
 * taken the chunk), emptying them as it goes, and returns the rest of the result to post as `done`.
 * `release` runs now and then so the sent records' memory goes back before the next ones arrive.
 */
export async function sendInChunks(result: AnyParsed, send: (chunk: ResultChunk) => Promise<void>, release: () => void): Promise<AnyParsed> {
  let sent = 0;
  // The parse's own garbage (the rows the records were built from) goes before the parent grows.
  release();
  for (const { key, list } of bigArrays(result)) {
    for (let i = 0; i < list.length; i += chunkItems) {
      const end = Math.min(list.length, i + chunkItems);
      await send({ type: 'chunk', key, items: list.slice(i, end) });
      list.fill(null, i, end);
      sent += 1;
      if (sent % 10 === 0) release();
    }
    list.length = 0;
  }
  release();
  return result;
}

/** The parent's half: takes the chunks, sharing short texts, and puts them back in the result. */
export class ResultAssembler {
  private readonly lists = new Map<string, unknown[]>();
  private readonly shared = new Map<string, string>();

  add(chunk: ResultChunk): void {
    let list = this.lists.get(chunk.key);
    if (!list) this.lists.set(chunk.key, (list = []));
    for (const item of chunk.items) list.push(this.share(item));
  }

  finish(skeleton: AnyParsed): AnyParsed {
    for (const { key, list } of bigArrays(skeleton)) {
      const taken = this.lists.get(key);
      // One by one: a county's 30,000 records are too many arguments for one push(...).
      if (taken) for (const item of taken) list.push(item);
    }
    this.lists.clear();
    this.shared.clear();
    return skeleton;
  }

  private text(v: string): string {
    if (v.length >= sharedLength) return v;
    const s = this.shared.get(v);
    if (s !== undefined) return s;
    if (this.shared.size < sharedMax) this.shared.set(v, v);
    return v;
  }

  /** The item with its short texts replaced by the shared copies (in place; plain data only). */
  private share<T>(item: T): T {
    if (typeof item === 'string') return this.text(item) as T;
    if (Array.isArray(item)) {
      for (let i = 0; i < item.length; i++) item[i] = this.share(item[i]);
    } else if (item !== null && typeof item === 'object') {
      const o = item as Record<string, unknown>;
      for (const k of Object.keys(o)) o[k] = this.share(o[k]);
    }
    return item;
  }
}
