import { describe, expect, it } from 'vitest';
import { inOrderOf, readInOrder } from '../../electron/core/features/files/export/readInOrder';

// The exports' one loop for "the list's order first, then its rows a part at a time".

async function collect<R>(gen: AsyncGenerator<R>): Promise<R[]> {
  const out: R[] = [];
  for await (const x of gen) out.push(x);
  return out;
}

describe('readInOrder', () => {
  const order = Array.from({ length: 7 }, (_, i) => `id${i}`);

  it('reads the order in parts of the given size, one after another, and yields each read', async () => {
    const log: string[] = [];
    const read = async (part: string[]) => {
      log.push(`read ${part.join(',')}`);
      return part.map((id) => id.toUpperCase());
    };
    const out: string[][] = [];
    for await (const rows of readInOrder(order, read, { size: 3 })) {
      log.push('write');
      out.push(rows);
    }
    expect(out).toEqual([['ID0', 'ID1', 'ID2'], ['ID3', 'ID4', 'ID5'], ['ID6']]);
    expect(log).toEqual(['read id0,id1,id2', 'write', 'read id3,id4,id5', 'write', 'read id6', 'write']);
  });

  it('with readAhead starts the next read before the caller writes this part', async () => {
    const log: string[] = [];
    const read = async (part: string[]) => {
      log.push(`read ${part[0]}`);
      return part;
    };
    for await (const rows of readInOrder(order, read, { size: 3, readAhead: true })) log.push(`write ${rows[0]}`);
    expect(log).toEqual(['read id0', 'read id3', 'write id0', 'read id6', 'write id3', 'write id6']);
  });

  it('reads nothing for an empty order', async () => {
    let reads = 0;
    const read = async (part: string[]) => {
      reads += 1;
      return part;
    };
    expect(await collect(readInOrder([], read))).toEqual([]);
    expect(await collect(readInOrder([], read, { readAhead: true }))).toEqual([]);
    expect(reads).toBe(0);
  });

  it('leaves a read started ahead unawaited without an unhandled rejection when the caller stops', async () => {
    const read = async (part: string[]) => {
      if (part[0] === 'id3') throw new Error('cancelled');
      return part;
    };
    for await (const rows of readInOrder(order, read, { size: 3, readAhead: true })) {
      expect(rows[0]).toBe('id0');
      break;
    }
  });
});

describe('inOrderOf', () => {
  it('puts the rows in the order of the ids and leaves out an id without a row', () => {
    const rows = [{ id: 'b', n: 2 }, { id: 'a', n: 1 }, { id: 'c', n: 3 }];
    expect(inOrderOf(['c', 'x', 'a', 'b'], rows, (r) => r.id).map((r) => r.n)).toEqual([3, 1, 2]);
  });
});
