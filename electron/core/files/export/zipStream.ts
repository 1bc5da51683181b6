import { constants, crc32, deflateRaw, deflateRawSync } from 'node:zlib';
import type { Writable } from 'node:stream';

// A zip written front to back for the streaming .xlsx writer: each entry deflated in chunks, its
// sizes in a data descriptor after it. The chunks are deflated on libuv's threads while the main
// thread builds the next rows (a county's 户籍台账 is 180 MB of XML: deflating it on the main
// thread was a second of the quarterly submission, issue 11.7); the bytes still reach the sink in
// the order they were given, because every step that writes waits for the one before it.

interface ZipEntry {
  name: Buffer;
  offset: number;
  crc: number;
  compressed: number;
  size: number;
}

/**
 * Deflate options of a chunk: non-final, byte-aligned blocks, so the next chunk continues the
 * stream. A 1 MiB chunk of a ledger deflates to about 120 KiB: one 256 KiB output buffer takes it
 * in one trip to the thread and back (zlib's 16 KiB default made eight).
 */
const chunkOptions = { level: 1, finishFlush: constants.Z_SYNC_FLUSH, chunkSize: 256 * 1024 };

function deflateChunk(data: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => deflateRaw(data, chunkOptions, (err, out) => (err ? reject(err) : resolve(out))));
}

export class ZipStream {
  private offset = 0;
  private readonly entries: ZipEntry[] = [];
  private current: ZipEntry | null = null;
  private readonly dosTime: number;
  private readonly dosDate: number;
  /** The last step that writes; every new one runs after it. */
  private tail: Promise<void> = Promise.resolve();
  /** Bytes handed to `write` whose deflated form has not reached the sink yet. */
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly sink: Writable,
    /** `ready()` waits while more than this many bytes are still being deflated. */
    private readonly maxInFlight = 8 << 20,
  ) {
    const now = new Date();
    this.dosTime = (now.getHours() << 11) | (now.getMinutes() << 5) | Math.floor(now.getSeconds() / 2);
    this.dosDate = ((now.getFullYear() - 1980) << 9) | ((now.getMonth() + 1) << 5) | now.getDate();
  }

  private step(run: () => void | Promise<void>): void {
    this.tail = this.tail.then(run);
    // A failure is reported by `flushed()`; until someone asks, it is not an unhandled rejection.
    this.tail.catch(() => undefined);
  }

  private out(b: Buffer): void {
    // A file given up on (a pulled stick, a cancelled job) takes no more bytes.
    if (this.sink.destroyed) return;
    this.sink.write(b);
    this.offset += b.length;
  }

  begin(name: string): void {
    const nameBytes = Buffer.from(name, 'utf8');
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0x0808, 6); // sizes in a data descriptor; UTF-8 name
    h.writeUInt16LE(8, 8); // deflate
    h.writeUInt16LE(this.dosTime, 10);
    h.writeUInt16LE(this.dosDate, 12);
    h.writeUInt16LE(nameBytes.length, 26);
    const e: ZipEntry = { name: nameBytes, offset: 0, crc: 0, compressed: 0, size: 0 };
    this.current = e;
    this.step(() => {
      e.offset = this.offset;
      this.out(h);
      this.out(nameBytes);
    });
  }

  /**
   * Deflates one chunk; `data` is the zip's until `release(data)` is called, once it has been
   * deflated (the caller may then reuse its memory for the next chunk).
   */
  write(data: Buffer, release?: (data: Buffer) => void): void {
    const e = this.current!;
    e.crc = crc32(data, e.crc);
    e.size += data.length;
    this.inFlight += data.length;
    const deflated = deflateChunk(data);
    deflated.then(() => release?.(data)).catch(() => undefined);
    this.step(async () => {
      const c = await deflated;
      e.compressed += c.length;
      this.out(c);
      this.inFlight -= data.length;
      if (this.inFlight <= this.maxInFlight) for (const wake of this.waiting.splice(0)) wake();
    });
  }

  /** Resolves once no more than `maxInFlight` bytes wait to be deflated: call it between batches of rows. */
  ready(): Promise<void> {
    if (this.inFlight <= this.maxInFlight) return Promise.resolve();
    // A failed step never wakes the waiters: the rejection ends the wait.
    return Promise.race([new Promise<void>((resolve) => this.waiting.push(resolve)), this.tail]);
  }

  end(): void {
    const e = this.current!;
    this.current = null;
    this.entries.push(e);
    this.step(() => {
      const last = deflateRawSync(Buffer.alloc(0)); // the final, empty block
      e.compressed += last.length;
      this.out(last);
      const d = Buffer.alloc(16);
      d.writeUInt32LE(0x08074b50, 0);
      d.writeUInt32LE(e.crc >>> 0, 4);
      d.writeUInt32LE(e.compressed, 8);
      d.writeUInt32LE(e.size, 12);
      this.out(d);
    });
  }

  file(name: string, text: string): void {
    this.begin(name);
    this.write(Buffer.from(text, 'utf8'));
    this.end();
  }

  /** The central directory, after every entry. */
  finish(): void {
    this.step(() => {
      const start = this.offset;
      for (const e of this.entries) {
        const h = Buffer.alloc(46);
        h.writeUInt32LE(0x02014b50, 0);
        h.writeUInt16LE(20, 4);
        h.writeUInt16LE(20, 6);
        h.writeUInt16LE(0x0808, 8);
        h.writeUInt16LE(8, 10);
        h.writeUInt16LE(this.dosTime, 12);
        h.writeUInt16LE(this.dosDate, 14);
        h.writeUInt32LE(e.crc >>> 0, 16);
        h.writeUInt32LE(e.compressed, 20);
        h.writeUInt32LE(e.size, 24);
        h.writeUInt16LE(e.name.length, 28);
        h.writeUInt32LE(e.offset, 42);
        this.out(h);
        this.out(e.name);
      }
      const end = Buffer.alloc(22);
      end.writeUInt32LE(0x06054b50, 0);
      end.writeUInt16LE(this.entries.length, 8);
      end.writeUInt16LE(this.entries.length, 10);
      end.writeUInt32LE(this.offset - start, 12);
      end.writeUInt32LE(start, 16);
      this.out(end);
    });
  }

  /** Resolves when every byte given so far has gone to the sink; rejects with a deflate's failure. */
  flushed(): Promise<void> {
    return this.tail;
  }
}
