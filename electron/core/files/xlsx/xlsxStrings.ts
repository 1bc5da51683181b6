import { AppError } from '../../../../shared/lib/result';

// The shared-strings table, stored compactly: the strings' UTF-8 bytes in 1 MiB slabs and two
// offsets per string, instead of one JS string each (a JS string costs ~20 bytes of header and
// pointer plus two bytes per Chinese character). 20 million strings once took 1.1 GB; the table is
// now bounded by `sharedStringLimits` (then refused with a message), so the import keeps within its
// memory budget whatever the file. A string is decoded again each time a cell asks for it.

export const sharedStringLimits = {
  /** 30,000 households × ~30 text columns of distinct text is under 1 million. */
  maxCount: 3_000_000,
  /** UTF-8 bytes of all distinct strings together. */
  maxBytes: 64 * 1024 * 1024,
};

const slabSize = 1024 * 1024;

function tooMany(): AppError {
  return new AppError(
    'RULE',
    `这个 Excel 文件的文字表过大（超过 ${sharedStringLimits.maxCount.toLocaleString('en-US')} 段不同的文字或 ${Math.round(sharedStringLimits.maxBytes / 1024 / 1024)} MB），超出程序一次能导入的范围，数据未改动。请把文件拆分成几个较小的文件（例如按村）分别导入`,
  );
}

export class SharedStrings {
  private slabs: Buffer[] = [];
  private used = slabSize; // forces a first slab
  private total = 0;
  /** Per string: its start and end as offsets into the slabs laid end to end. */
  private index = new Uint32Array(2 * 1024);
  count = 0;

  add(s: string): void {
    if (this.count >= sharedStringLimits.maxCount) throw tooMany();
    // A cell's text is at most 32,767 characters: at most 98,301 UTF-8 bytes, always within a slab.
    const room = s.length * 3;
    if (this.used + room > slabSize) {
      this.slabs.push(Buffer.allocUnsafe(slabSize));
      this.used = 0;
    }
    const slab = this.slabs.length - 1;
    const written = this.slabs[slab]!.write(s, this.used, 'utf8');
    this.total += written;
    if (this.total > sharedStringLimits.maxBytes) throw tooMany();
    if (2 * this.count + 2 > this.index.length) {
      const grown = new Uint32Array(this.index.length * 2);
      grown.set(this.index);
      this.index = grown;
    }
    const at = 2 * this.count;
    this.index[at] = slab * slabSize + this.used;
    this.index[at + 1] = slab * slabSize + this.used + written;
    this.used += written;
    this.count++;
  }

  get(i: number): string | undefined {
    if (!Number.isInteger(i) || i < 0 || i >= this.count) return undefined;
    const start = this.index[2 * i]!;
    const slab = Math.floor(start / slabSize);
    return this.slabs[slab]!.toString('utf8', start - slab * slabSize, this.index[2 * i + 1]! - slab * slabSize);
  }
}
